/* fuzz-transcripts.c
 *
 * libFuzzer target for the transcript reader: any bytes as a session transcript, read whole,
 * then read again after being cut in two and appended to, as a session still being written
 * is. Both looks must give the same report, and nothing may crash or leak.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sb-transcripts.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *root;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *
describe (SbTranscripts *transcripts)
{
  g_autoptr(SbCostReport) report = NULL;
  GString *out = g_string_new (NULL);
  GDate since, until;

  g_date_clear (&since, 1);
  g_date_clear (&until, 1);
  /* A decade: every day of the range is a row, and replies outside it are left out of both
   * looks alike. */
  g_date_set_dmy (&since, 1, 1, 2020);
  g_date_set_dmy (&until, 31, 12, 2030);
  report = sb_transcripts_report (transcripts, NULL, &since, &until, NULL);
  for (guint i = 0; i < report->models->len; i++)
    {
      SbCostRow *row = report->models->pdata[i];

      g_string_append_printf (out, "%s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %"
                              G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n", row->name,
                              row->input_tokens, row->output_tokens, row->cache_read_tokens,
                              row->cache_write_tokens);
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *projects = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *parts = NULL;
  g_autoptr(SbTranscripts) first = NULL;
  g_autoptr(SbTranscripts) second = NULL;
  gsize cut = size > 0 ? data[0] % (size + 1) : 0;
  FILE *file;

  if (root == NULL)
    {
      root = g_dir_make_tmp ("fuzz-transcripts-XXXXXX", NULL);
      g_assert_nonnull (root);
    }
  g_setenv ("XDG_CACHE_HOME", root, TRUE);
  projects = g_build_filename (root, "projects", NULL);
  folder = g_build_filename (projects, "-w", NULL);
  path = g_build_filename (folder, "s.jsonl", NULL);
  remove_tree (projects);
  remove_tree (root);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  /* Whole, in a fresh reader. */
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
  first = sb_transcripts_new (projects);
  if (!sb_transcripts_read (first, NULL, NULL))
    return 0;
  whole = describe (first);

  /* In two looks: the first part, then the rest appended, read through the index. */
  remove_tree (root);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, (const char *) data, cut, NULL));
  second = sb_transcripts_new (projects);
  g_assert_true (sb_transcripts_read (second, NULL, NULL));
  file = fopen (path, "a");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (data + cut, 1, size - cut, file), ==, size - cut);
  fclose (file);
  g_clear_object (&second);
  second = sb_transcripts_new (projects);
  g_assert_true (sb_transcripts_read (second, NULL, NULL));
  parts = describe (second);

  g_assert_cmpstr (whole, ==, parts);
  return 0;
}
