/* sb-file.c
 *
 * Reading settings files and replacing them atomically.
 *
 * A settings file is replaced by writing a temporary file beside it, syncing it, checking
 * that the file on disk is still what the caller based its edit on, and renaming the
 * temporary file over it. Readers (Claude Code among them) see the old file or the new
 * one, never half of either; a crash leaves at most a stray temporary file, which the
 * next save removes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-file.h"

#define MAX_LINKS 40
#define TEMP_INFIX ".sbtmp-"

G_DEFINE_QUARK (sb-file-error-quark, sb_file_error)

G_GNUC_PRINTF (3, 4)
static gboolean
set_error_from_errno (GError     **error,
                      int          errsv,
                      const char  *format,
                      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               "%s: %s", what, g_strerror (errsv));
  return FALSE;
}

/* The file that @path finally names, following symbolic links, so that a linked settings
 * file (dotfiles kept in a repository, say) is written through to its target rather than
 * replaced by a regular file. A link whose target does not exist yet resolves to that
 * target. */
char *
sb_file_resolve_links (const char  *path,
                       GError     **error)
{
  g_autofree char *current = g_canonicalize_filename (path, NULL);

  for (guint i = 0; i < MAX_LINKS; i++)
    {
      g_autofree char *target = NULL;
      g_autofree char *dir = NULL;
      g_autoptr(GError) local_error = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      target = g_file_read_link (current, &local_error);
      if (target == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_canonicalize_filename (target, dir);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
               _("Too many levels of symbolic links at “%s”"), path);
  return NULL;
}

GBytes *
sb_file_read (const char  *path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * sb_file_list_sorted:
 * @dir: a folder
 * @suffix: the ending of the names wanted, such as ".json"
 *
 * Returns: (transfer full) (element-type filename): the paths of the files in @dir whose
 *   names end with @suffix, hidden ones left out, in the byte order of their names (empty
 *   if @dir cannot be read)
 */
GPtrArray *
sb_file_list_sorted (const char *dir,
                     const char *suffix)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return paths;

  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_build_filename (dir, g_ptr_array_index (names, i), NULL));

  return paths;
}

/* Temporary files left by a save that was killed half-way. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autofree char *prefix = g_strconcat (".", base, TEMP_INFIX, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 6)
        {
          g_autofree char *stale = g_build_filename (dir, name, NULL);
          g_unlink (stale);
        }
    }
}

static gboolean
write_all (int          fd,
           const char  *contents,
           gsize        length,
           const char  *path,
           GError     **error)
{
  while (length > 0)
    {
      gssize n = write (fd, contents, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return set_error_from_errno (error, errno, _("Could not write “%s”"), path);
        }

      contents += n;
      length -= n;
    }

  return TRUE;
}

/* Whether the file at @path still holds @expected (NULL: still does not exist). */
static gboolean
still_as_expected (const char *path,
                   GBytes     *expected)
{
  g_autoptr(GBytes) now = sb_file_read (path, NULL);

  if (expected == NULL)
    return now == NULL && !g_file_test (path, G_FILE_TEST_EXISTS);

  return now != NULL && g_bytes_equal (now, expected);
}

static gboolean
bytes_equal_data (GBytes     *bytes,
                  const char *data,
                  gsize       length)
{
  gsize size = 0;
  const char *held = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return bytes != NULL && size == length && (length == 0 || memcmp (held, data, length) == 0);
}

/* Puts @temp in place of @target. A check followed by a rename leaves a moment in which
 * another writer's rename would be overwritten unseen; instead the two files are
 * exchanged atomically and the one we displaced is read: if it is not what the caller
 * based its edit on, another writer got in, and its file is put straight back.
 * A new file is only created if it still does not exist. */
static gboolean
install (const char  *temp,
         const char  *target,
         const char  *contents,
         gsize        length,
         GBytes      *expected,
         GError     **error)
{
  g_autoptr(GBytes) displaced = NULL;
  g_autoptr(GBytes) ours = NULL;
  int errsv;

  if (expected == NULL)
    {
      if (renameat2 (AT_FDCWD, temp, AT_FDCWD, target, RENAME_NOREPLACE) == 0)
        return TRUE;

      errsv = errno;
      if (errsv == EEXIST)
        goto changed;
      if (errsv != EINVAL && errsv != ENOSYS && errsv != EOPNOTSUPP)
        return set_error_from_errno (error, errsv, _("Could not create “%s”"), target);

      /* A file system without RENAME_NOREPLACE. */
      if (g_file_test (target, G_FILE_TEST_EXISTS))
        goto changed;
      if (g_rename (temp, target) != 0)
        return set_error_from_errno (error, errno, _("Could not create “%s”"), target);
      return TRUE;
    }

  if (renameat2 (AT_FDCWD, temp, AT_FDCWD, target, RENAME_EXCHANGE) != 0)
    {
      errsv = errno;
      if (errsv == ENOENT)
        goto changed;  /* deleted meanwhile */
      if (errsv != EINVAL && errsv != ENOSYS && errsv != EOPNOTSUPP)
        return set_error_from_errno (error, errsv, _("Could not replace “%s”"), target);

      /* A file system without RENAME_EXCHANGE: check as late as we can. */
      if (!still_as_expected (target, expected))
        goto changed;
      if (g_rename (temp, target) != 0)
        return set_error_from_errno (error, errno, _("Could not replace “%s”"), target);
      return TRUE;
    }

  displaced = sb_file_read (temp, NULL);
  if (displaced != NULL && g_bytes_equal (displaced, expected))
    {
      g_unlink (temp);
      return TRUE;
    }

  /* Another writer's file was displaced: put it back, then redo the edit on it. */
  if (renameat2 (AT_FDCWD, temp, AT_FDCWD, target, RENAME_EXCHANGE) != 0)
    return set_error_from_errno (error, errno, _("Could not restore “%s”"), target);

  ours = sb_file_read (temp, NULL);
  if (bytes_equal_data (ours, contents, length))
    g_unlink (temp);
  else
    {
      /* Yet another writer got in between the two exchanges: its file is now in @temp.
       * Nothing of anyone's may be lost, so keep it where a person will find it. */
      g_autofree char *conflict = g_strdup_printf ("%s.conflict-%" G_GINT64_FORMAT,
                                                   target, g_get_real_time ());

      g_rename (temp, conflict);
      g_warning ("%s changed twice while it was being saved; the other version is in %s",
                 target, conflict);
    }

changed:
  g_set_error (error, SB_FILE_ERROR, SB_FILE_ERROR_CHANGED,
               _("“%s” changed on disk while it was being saved"), target);
  return FALSE;
}

static void
sync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * sb_file_replace:
 * @path: the file to replace; symbolic links are followed
 * @contents: the new contents
 * @length: their length
 * @expected: (nullable): what the file must still hold just before it is replaced, or
 *   %NULL if it must still not exist
 * @new_file_mode: permission bits for a file that does not exist yet
 * @error: return location for an error
 *
 * Replaces @path atomically. The file keeps its permission bits (and its owner, when we
 * may set it). If the file on disk is no longer @expected when the new contents are ready,
 * nothing is replaced and %SB_FILE_ERROR_CHANGED is set, so that the caller can redo its
 * edit on the new contents.
 */
gboolean
sb_file_replace (const char  *path,
                 const char  *contents,
                 gsize        length,
                 GBytes      *expected,
                 guint        new_file_mode,
                 GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  gboolean exists;
  GStatBuf st;
  guint mode;
  int fd;

  target = sb_file_resolve_links (path, error);
  if (target == NULL)
    return FALSE;

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);

  exists = g_stat (target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), target);
      return FALSE;
    }
  mode = exists ? (st.st_mode & 07777) : new_file_mode;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return set_error_from_errno (error, errno, _("Could not create folder “%s”"), dir);

  remove_stale_temporaries (dir, base);

  temp = g_strconcat (dir, G_DIR_SEPARATOR_S, ".", base, TEMP_INFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_error_from_errno (error, errno, _("Could not create a file in “%s”"), dir);

  if (exists)
    {
      /* Only possible for root, or when the owner does not change: fine to fail. */
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", target, g_strerror (errno));
    }

  if (fchmod (fd, mode) != 0)
    {
      set_error_from_errno (error, errno, _("Could not set the permissions of “%s”"), temp);
      goto fail;
    }

  if (!write_all (fd, contents, length, temp, error))
    goto fail;

  if (fsync (fd) != 0)
    {
      set_error_from_errno (error, errno, _("Could not write “%s”"), temp);
      goto fail;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      set_error_from_errno (error, errno, _("Could not write “%s”"), temp);
      goto fail;
    }
  fd = -1;

  /* Claude Code may have written the file since the caller read it: a cheap check first,
   * so that the usual conflict costs nothing. */
  if (!still_as_expected (target, expected))
    goto changed;

  if (!install (temp, target, contents, length, expected, error))
    goto fail;

  sync_dir (dir);
  return TRUE;

changed:
  g_set_error (error, SB_FILE_ERROR, SB_FILE_ERROR_CHANGED,
               _("“%s” changed on disk while it was being saved"), target);

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  return FALSE;
}
