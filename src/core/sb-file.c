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

/* @rest may point into the old value: free it only after. */
static void
set_rest (char **rest,
          char  *value)
{
  g_free (*rest);
  *rest = value;
}

/**
 * sb_file_resolve_path:
 * @path: a file name
 * @error: return location for an error
 *
 * Like realpath(), but a name need not exist: every symbolic link met on the way, in any
 * folder of @path or at its end, is followed, and what does not exist yet is kept as
 * written. This is where a write to @path would land, so that it can be checked against
 * the folder it must stay in.
 *
 * Returns: (transfer full): an absolute name without links, `.` or `..`, or %NULL
 */
char *
sb_file_resolve_path (const char  *path,
                      GError     **error)
{
  g_autofree char *start = g_canonicalize_filename (path, NULL);
  g_autoptr(GString) resolved = g_string_new ("");
  g_autofree char *rest = g_strdup (start);
  gboolean missing = FALSE;
  guint links = 0;

  while (rest[0] != '\0')
    {
      g_autofree char *component = NULL;
      g_autofree char *candidate = NULL;
      const char *slash = strchr (rest, '/');
      const char *next = slash != NULL ? slash + 1 : rest + strlen (rest);
      GStatBuf st;

      component = g_strndup (rest, next - rest - (slash != NULL ? 1 : 0));

      if (component[0] == '\0' || g_str_equal (component, "."))
        {
          set_rest (&rest, g_strdup (next));
          continue;
        }

      if (g_str_equal (component, ".."))
        {
          /* @resolved has no links left, so its parent is the real one. */
          const char *last = strrchr (resolved->str, '/');

          g_string_truncate (resolved, last != NULL ? (gsize) (last - resolved->str) : 0);
          set_rest (&rest, g_strdup (next));
          continue;
        }

      candidate = g_strconcat (resolved->str, "/", component, NULL);

      if (!missing && g_lstat (candidate, &st) == 0 && S_ISLNK (st.st_mode))
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *target = NULL;

          if (++links > MAX_LINKS)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                           _("Too many levels of symbolic links at “%s”"), path);
              return NULL;
            }

          target = g_file_read_link (candidate, &local_error);
          if (target == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }

          if (g_path_is_absolute (target))
            g_string_truncate (resolved, 0);

          set_rest (&rest, g_strconcat (target, "/", next, NULL));
          continue;
        }

      if (!missing && g_lstat (candidate, &st) != 0)
        missing = TRUE;

      g_string_assign (resolved, candidate);
      set_rest (&rest, g_strdup (next));
    }

  if (resolved->len == 0)
    g_string_assign (resolved, "/");

  return g_string_free (g_steal_pointer (&resolved), FALSE);
}

/**
 * sb_file_is_within:
 * @path: an absolute name without links (see sb_file_resolve_path())
 * @folder: an absolute folder without links
 *
 * Returns: whether @path is @folder or lies somewhere below it
 */
gboolean
sb_file_is_within (const char *path,
                   const char *folder)
{
  gsize length = strlen (folder);

  while (length > 0 && folder[length - 1] == '/')
    length--;

  return strncmp (path, folder, length) == 0 &&
         (path[length] == '\0' || path[length] == '/');
}

/**
 * sb_file_read_max:
 * @path: the file to read; links are followed
 * @max_size: the largest file to accept, in bytes
 * @error: return location for an error
 *
 * Reads a regular file whole. Anything else is refused without reading a byte of it: a
 * FIFO would block for ever, a device such as /dev/zero never ends. Opening does not
 * block either (O_NONBLOCK), nor make a terminal ours (O_NOCTTY).
 *
 * Returns: (transfer full): the contents, or %NULL with a %G_FILE_ERROR from the system
 *   (%G_FILE_ERROR_NOENT for a missing file) or an %SB_FILE_ERROR
 */
GBytes *
sb_file_read_max (const char  *path,
                  gsize        max_size,
                  GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize allocated;
  gsize length = 0;
  struct stat st;
  int errsv;
  int fd;

  /* No limit at all still leaves room for the byte past it. */
  max_size = MIN (max_size, G_MAXSSIZE - 1);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not open “%s”: %s"), path, g_strerror (errsv));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      errsv = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("Could not read “%s”: %s"), path, g_strerror (errsv));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, SB_FILE_ERROR, SB_FILE_ERROR_NOT_REGULAR,
                   _("“%s” is not a regular file (a folder, pipe or device, say), "
                     "so it was not read"), path);
      return NULL;
    }

  if ((guint64) st.st_size > max_size)
    goto too_large;

  /* The size may change while we read: one byte more than the limit tells. */
  allocated = MIN ((gsize) st.st_size, max_size) + 1;
  buffer = g_malloc (allocated + 1);

  for (;;)
    {
      gssize n;

      if (length == allocated)
        {
          if (length > max_size)
            goto too_large;
          allocated = MIN (allocated * 2, max_size + 1);
          buffer = g_realloc (buffer, allocated + 1);
        }

      n = read (fd, buffer + length, allocated - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          errsv = errno;
          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                       _("Could not read “%s”: %s"), path, g_strerror (errsv));
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }

  close (fd);
  if (length > max_size)
    goto too_large_closed;

  /* Nul-terminated, as g_file_get_contents() leaves it, for callers that want a string. */
  buffer[length] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buffer), length);

too_large:
  close (fd);
too_large_closed:
  {
    g_autofree char *limit = g_format_size (max_size);

    g_set_error (error, SB_FILE_ERROR, SB_FILE_ERROR_TOO_LARGE,
                 _("“%s” is larger than %s, so it was not read"), path, limit);
  }
  return NULL;
}

/**
 * sb_file_read:
 * @path: the file to read; links are followed
 * @error: return location for an error
 *
 * sb_file_read_max() with the limit for settings files, %SB_FILE_MAX_SIZE.
 */
GBytes *
sb_file_read (const char  *path,
              GError     **error)
{
  return sb_file_read_max (path, SB_FILE_MAX_SIZE, error);
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

/**
 * sb_file_mode_is_read_only:
 * @path: an existing file
 * @mode: its st_mode
 *
 * Whether the file's owner made it read-only: no write bit at all (0444, which even root
 * must respect here), or not writable by us.
 */
gboolean
sb_file_mode_is_read_only (const char *path,
                           guint       mode)
{
  return (mode & 0222) == 0 || g_access (path, W_OK) != 0;
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
 * @new_file_mode: permission bits for a file that does not exist yet, before the umask
 *   (0666 for settings, 0600 for a file that will hold a secret)
 * @within: (nullable): a folder without links that the file, once every link is
 *   followed, must lie in; nothing is written, and no folder made, anywhere else
 * @error: return location for an error
 *
 * Replaces @path atomically. The file keeps its permission bits (and its owner, when we
 * may set it). A file its owner made read-only is not replaced
 * (%SB_FILE_ERROR_READ_ONLY). If the file on disk is no longer @expected when the new
 * contents are ready, nothing is replaced and %SB_FILE_ERROR_CHANGED is set, so that the
 * caller can redo its edit on the new contents.
 */
gboolean
sb_file_replace (const char  *path,
                 const char  *contents,
                 gsize        length,
                 GBytes      *expected,
                 guint        new_file_mode,
                 const char  *within,
                 GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  gboolean exists;
  GStatBuf st;
  int fd;

  target = sb_file_resolve_path (path, error);
  if (target == NULL)
    return FALSE;

  if (within != NULL && !sb_file_is_within (target, within))
    {
      g_set_error (error, SB_FILE_ERROR, SB_FILE_ERROR_OUTSIDE,
                   _("“%s” links outside the project to “%s”; Signalbox does not write "
                     "through it"), path, target);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);

  exists = g_stat (target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, SB_FILE_ERROR, SB_FILE_ERROR_NOT_REGULAR,
                   _("“%s” is not a regular file"), target);
      return FALSE;
    }
  if (exists && sb_file_mode_is_read_only (target, st.st_mode))
    {
      g_set_error (error, SB_FILE_ERROR, SB_FILE_ERROR_READ_ONLY,
                   _("“%s” is read-only, so Signalbox leaves it as it is. Make it "
                     "writable first if you want it changed."), target);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return set_error_from_errno (error, errno, _("Could not create folder “%s”"), dir);

  remove_stale_temporaries (dir, base);

  /* A new file gets @new_file_mode less the umask from open() itself, as any program's
   * new file does; an existing one keeps its mode through fchmod() below. */
  temp = g_strconcat (dir, G_DIR_SEPARATOR_S, ".", base, TEMP_INFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, exists ? 0600 : (int) new_file_mode);
  if (fd < 0)
    return set_error_from_errno (error, errno, _("Could not create a file in “%s”"), dir);

  if (exists)
    {
      /* Only possible for root, or when the owner does not change: fine to fail. */
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", target, g_strerror (errno));

      if (fchmod (fd, st.st_mode & 07777) != 0)
        {
          set_error_from_errno (error, errno, _("Could not set the permissions of “%s”"),
                                temp);
          goto fail;
        }
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
