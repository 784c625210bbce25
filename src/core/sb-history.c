/* sb-history.c
 *
 * Earlier versions of the settings files we write, kept so that every change can be undone.
 *
 * Each settings file has a folder under $XDG_STATE_HOME/signalbox/history/, named after a
 * checksum of its path, holding a “source” file with the path and one file per version,
 * named by the time it was replaced so that names sort oldest first. Versions may hold
 * tokens: the folders are 0700 and the files 0600.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-file.h"
#include "sb-history.h"
#include "sb-paths.h"

char *
sb_history_get_dir (const char *path)
{
  g_autofree char *state = sb_paths_get_state_dir ();
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);

  sum[16] = '\0';
  return g_build_filename (state, "signalbox", "history", sum, NULL);
}

/**
 * sb_history_list:
 * @path: a settings file
 *
 * Returns: (transfer full) (element-type utf8): the paths of the stored versions of @path,
 *   oldest first
 */
GPtrArray *
sb_history_list (const char *path)
{
  g_autofree char *dir = sb_history_get_dir (path);

  /* Named by time, so sorted by name is oldest first. */
  return sb_file_list_sorted (dir, ".json");
}

static gboolean
same_as_newest (GPtrArray  *versions,
                const char *contents,
                gsize       length)
{
  g_autoptr(GBytes) newest = NULL;
  gsize newest_length = 0;
  const char *newest_data;

  if (versions->len == 0)
    return FALSE;

  newest = sb_file_read (g_ptr_array_index (versions, versions->len - 1), NULL);
  if (newest == NULL)
    return FALSE;

  newest_data = g_bytes_get_data (newest, &newest_length);
  return newest_length == length && memcmp (newest_data, contents, length) == 0;
}

/**
 * sb_history_add:
 * @path: the settings file about to be replaced
 * @contents: what it holds now
 * @length: the length of @contents
 * @error: return location for an error
 *
 * Keeps @contents as the newest version of @path, dropping the oldest versions beyond
 * %SB_HISTORY_MAX_VERSIONS.
 */
gboolean
sb_history_add (const char  *path,
                const char  *contents,
                gsize        length,
                GError     **error)
{
  g_autofree char *dir = sb_history_get_dir (path);
  g_autofree char *source = g_build_filename (dir, "source", NULL);
  g_autofree char *source_text = g_strconcat (path, "\n", NULL);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S.%fZ");
  g_autofree char *version = NULL;
  int fd = -1;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the history folder “%s”: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  if (!g_file_test (source, G_FILE_TEST_EXISTS) &&
      !g_file_set_contents_full (source, source_text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  versions = sb_history_list (path);
  if (same_as_newest (versions, contents, length))
    return TRUE;

  /* Two saves within a microsecond get distinct names that still sort in order. */
  for (guint n = 0; fd < 0 && n < 100; n++)
    {
      g_free (version);
      version = g_strdup_printf ("%s%c%s-%02u.json", dir, G_DIR_SEPARATOR, stamp, n);
      fd = g_open (version, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        break;
    }

  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not keep the previous version of “%s”: %s"),
                   path, g_strerror (errsv));
      return FALSE;
    }

  while (length > 0)
    {
      gssize n = write (fd, contents, length);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int errsv = errno;
          close (fd);
          g_unlink (version);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       _("Could not keep the previous version of “%s”: %s"),
                       path, g_strerror (errsv));
          return FALSE;
        }

      contents += n;
      length -= n;
    }
  close (fd);

  /* The new version sorts last: drop the oldest beyond the bound, without listing again. */
  for (guint i = 0; i + SB_HISTORY_MAX_VERSIONS < versions->len + 1; i++)
    g_unlink (g_ptr_array_index (versions, i));

  return TRUE;
}
