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
#include <sys/stat.h>
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

/* Scrubbing a key out of the history */

typedef struct
{
  gsize start;
  gsize end;
} Span;

/* The code point of the escape `\uXXXX` at @p (at least 6 bytes left), or -1. */
static gint32
read_u_escape (const char *p,
               const char *end)
{
  gint32 value = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;

  for (int i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Adds to @spans the raw byte ranges of @text where a JSON string literal spells @secret
 * with escapes (`\u0073k-or-…`, `\/`): the decoded string is searched, and each match
 * mapped back to the bytes that wrote it. */
static void
find_escaped (const char *text,
              gsize       length,
              const char *secret,
              GArray     *spans)
{
  const char *end = text + length;
  gsize secret_length = strlen (secret);
  g_autoptr(GByteArray) decoded = g_byte_array_new ();
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = text;

  while ((p = memchr (p, '"', end - p)) != NULL)
    {
      gboolean escaped = FALSE;

      g_byte_array_set_size (decoded, 0);
      g_array_set_size (starts, 0);
      g_array_set_size (ends, 0);

      for (p++; p < end && *p != '"'; )
        {
          static const char escapes[] = "\"\\/bfnrt";
          static const char plain[] = "\"\\/\b\f\n\r\t";
          const char *from = p;
          const char *escape = NULL;
          char bytes[6];
          gint32 c;
          int n = 1;

          if (*p == '\\' && end - p >= 2 && p[1] != '\0')
            escape = strchr (escapes, p[1]);

          if (*p != '\\')
            {
              bytes[0] = *p++;
            }
          else if (escape != NULL)
            {
              bytes[0] = plain[escape - escapes];
              p += 2;
              escaped = TRUE;
            }
          else if ((c = read_u_escape (p, end)) >= 0)
            {
              gint32 low;

              p += 6;
              if (c >= 0xd800 && c < 0xdc00 && (low = read_u_escape (p, end)) >= 0xdc00 &&
                  low < 0xe000)
                {
                  c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                  p += 6;
                }
              n = g_unichar_to_utf8 ((gunichar) c, bytes);
              escaped = TRUE;
            }
          else
            {
              /* Not JSON: the backslash stands for itself. */
              bytes[0] = *p++;
            }

          for (int i = 0; i < n; i++)
            {
              gsize raw_start = from - text;
              gsize raw_end = p - text;

              g_byte_array_append (decoded, (const guint8 *) &bytes[i], 1);
              g_array_append_val (starts, raw_start);
              g_array_append_val (ends, raw_end);
            }
        }

      /* A string without escapes is left to the plain search. */
      if (escaped && decoded->len >= secret_length)
        {
          for (gsize i = 0; i + secret_length <= decoded->len; )
            {
              if (memcmp (decoded->data + i, secret, secret_length) == 0)
                {
                  Span span = { g_array_index (starts, gsize, i),
                                g_array_index (ends, gsize, i + secret_length - 1) };

                  g_array_append_val (spans, span);
                  i += secret_length;
                }
              else
                i++;
            }
        }

      if (p >= end)
        break;
      p++;
    }
}

static void
wipe_string (GString *string)
{
  explicit_bzero (string->str, string->allocated_len);
  g_string_free (string, TRUE);
}

/* @text with every spelling of @secret replaced by the marker, or %NULL when it holds
 * none. */
static GString *
scrub_text (const char *text,
            gsize       length,
            const char *secret)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gsize secret_length = strlen (secret);
  GString *scrubbed;
  gsize done = 0;
  gboolean found = FALSE;

  find_escaped (text, length, secret, spans);

  scrubbed = g_string_sized_new (length);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      g_string_append_len (scrubbed, text + done, span->start - done);
      g_string_append (scrubbed, SB_HISTORY_SCRUB_MARKER);
      done = span->end;
      found = TRUE;
    }
  g_string_append_len (scrubbed, text + done, length - done);

  /* Then the key as it is, wherever it is, in a string or not (a file that does not
   * parse is kept in the history too). */
  for (gsize i = 0; i + secret_length <= scrubbed->len; )
    {
      const char *at = memmem (scrubbed->str + i, scrubbed->len - i, secret, secret_length);

      if (at == NULL)
        break;
      i = at - scrubbed->str;
      g_string_erase (scrubbed, i, secret_length);
      g_string_insert (scrubbed, i, SB_HISTORY_SCRUB_MARKER);
      i += strlen (SB_HISTORY_SCRUB_MARKER);
      found = TRUE;
    }

  if (!found)
    {
      wipe_string (scrubbed);
      return NULL;
    }

  return scrubbed;
}

/* Scrubs one file; sets @cleaned when it held the key. */
static gboolean
scrub_file (const char  *path,
            const char  *secret,
            gboolean    *cleaned,
            GError     **error)
{
  g_autofree char *text = NULL;
  GString *scrubbed;
  gsize length = 0;
  gboolean ok;

  *cleaned = FALSE;
  if (!g_file_get_contents (path, &text, &length, error))
    return FALSE;

  scrubbed = scrub_text (text, length, secret);
  explicit_bzero (text, length);
  if (scrubbed == NULL)
    return TRUE;

  /* A new file renamed over the old one: a copy is never half clean. */
  ok = g_file_set_contents_full (path, scrubbed->str, scrubbed->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  wipe_string (scrubbed);
  *cleaned = ok;
  return ok;
}

static gboolean
scrub_dir (const char  *dir,
           const char  *secret,
           guint       *n_cleaned,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &local_error);
  const char *name;
  gboolean ok = TRUE;

  if (d == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) file_error = NULL;
      gboolean cleaned = FALSE;
      GStatBuf st;

      /* Links are not followed: only what is in the history is rewritten. */
      if (g_lstat (path, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          if (!scrub_dir (path, secret, n_cleaned, ok ? error : NULL))
            ok = FALSE;
          continue;
        }

      if (!S_ISREG (st.st_mode))
        continue;

      /* Every file is tried, even after one failed; the first failure is told. */
      if (!scrub_file (path, secret, &cleaned, &file_error))
        {
          if (ok)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("Could not take the key out of “%s”, in the history: %s"),
                         path, file_error->message);
          ok = FALSE;
        }
      else if (cleaned)
        (*n_cleaned)++;
    }

  return ok;
}

/**
 * sb_history_scrub:
 * @secret: a key, now in the keyring or removed from it
 * @n_cleaned: (out) (optional): how many files of the history held it
 * @error: return location for an error
 *
 * Replaces @secret, as written or spelled with JSON escapes, by
 * %SB_HISTORY_SCRUB_MARKER in every file of the history, so that no earlier version of a
 * settings file keeps a key that was moved to the keyring. The marker keeps a JSON file
 * valid. Every file is tried even when one fails.
 *
 * Returns: %FALSE if a file holding @secret could not be rewritten, or the history read
 */
gboolean
sb_history_scrub (const char  *secret,
                  guint       *n_cleaned,
                  GError     **error)
{
  g_autofree char *state = sb_paths_get_state_dir ();
  g_autofree char *root = g_build_filename (state, "signalbox", "history", NULL);
  guint count = 0;
  gboolean ok;

  g_return_val_if_fail (secret != NULL && secret[0] != '\0', FALSE);

  ok = scrub_dir (root, secret, &count, error);
  if (n_cleaned != NULL)
    *n_cleaned = count;
  return ok;
}
