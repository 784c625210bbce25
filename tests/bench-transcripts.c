/* bench-transcripts.c
 *
 * A benchmark, not a test: reads a projects folder of transcripts with the transcript
 * reader and prints, as KEY=VALUE lines for build-aux/bench-costs, how long the read and the
 * report took, how many bytes were read, and the peak resident memory of the process.
 *
 *   bench-transcripts PROJECTS_DIR
 *
 * The index is kept in $XDG_CACHE_HOME/signalbox/, so a second run reads only what changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/resource.h>
#include <time.h>

#include <gio/gio.h>

#include "sb-transcripts.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbTranscripts) transcripts = NULL;
  g_autoptr(SbCostReport) report = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GDate since, until;
  gint64 start, read_done, report_done;
  guint64 tokens = 0;

  if (argc != 2)
    {
      g_printerr ("usage: %s PROJECTS_DIR\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  transcripts = sb_transcripts_new (argv[1]);
  if (!sb_transcripts_read (transcripts, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  read_done = g_get_monotonic_time ();

  g_date_clear (&since, 1);
  g_date_clear (&until, 1);
  /* The last 60 days, as build-aux/bench-costs asks signalbox --costs for. */
  g_date_set_time_t (&until, time (NULL));
  since = until;
  g_date_subtract_days (&since, 60);
  report = sb_transcripts_report (transcripts, NULL, &since, &until, NULL);
  report_done = g_get_monotonic_time ();
  for (guint i = 0; i < report->models->len; i++)
    {
      SbCostRow *row = report->models->pdata[i];

      tokens += row->input_tokens + row->output_tokens + row->cache_read_tokens +
                row->cache_write_tokens;
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("read_ms=%.1f\n", (read_done - start) / 1000.0);
  g_print ("report_ms=%.1f\n", (report_done - read_done) / 1000.0);
  g_print ("bytes_read=%" G_GUINT64_FORMAT "\n", sb_transcripts_get_bytes_read (transcripts));
  g_print ("files=%u\n", sb_transcripts_get_n_files (transcripts));
  g_print ("replies=%" G_GUINT64_FORMAT "\n", report->n_replies);
  g_print ("tokens=%" G_GUINT64_FORMAT "\n", tokens);
  /* CPU time as well: on a busy machine the wall clock also measures the other programs. */
  g_print ("cpu_ms=%.1f\n", (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                              (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
  g_print ("max_rss_kb=%ld\n", usage.ru_maxrss);
  return 0;
}
