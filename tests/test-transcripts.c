/* test-transcripts.c
 *
 * Tests of the transcript reader: both formats, the traps of issue 15, the index cache,
 * hostile files and the prices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sb-catalog.h"
#include "sb-transcripts.h"
#include "sb-test-util.h"

typedef struct
{
  char      *root;
  char      *projects;
  SbCatalog *catalog;
} Fixture;

/* Our own price list, per token as OpenRouter gives it. qwen/qwen3-coder has no cache
 * prices (they fall back to the prompt price); anthropic/claude-sonnet-4 has both. */
static const char models_json[] =
  "{\"data\":["
  "{\"id\":\"qwen/qwen3-coder\",\"name\":\"Qwen3 Coder\","
  "\"pricing\":{\"prompt\":\"0.00000022\",\"completion\":\"0.0000018\"}},"
  "{\"id\":\"anthropic/claude-sonnet-4\",\"name\":\"Claude Sonnet 4\","
  "\"pricing\":{\"prompt\":\"0.000003\",\"completion\":\"0.000015\","
  "\"input_cache_read\":\"0.0000003\",\"input_cache_write\":\"0.00000375\"}},"
  "{\"id\":\"moonshotai/kimi-k2\",\"pricing\":{\"prompt\":\"-1\",\"completion\":\"0.0000023\"}}"
  "]}";

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) body = g_bytes_new_static (models_json, strlen (models_json));
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;

  fixture->root = g_dir_make_tmp ("sb-transcripts-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->projects = g_build_filename (fixture->root, "projects", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->projects, 0700), ==, 0);
  cache = g_build_filename (fixture->root, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  fixture->catalog = sb_catalog_new ();
  g_assert_true (sb_catalog_load_bytes (fixture->catalog, body, SB_CATALOG_SOURCE_CACHE, NULL,
                                        &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sb_test_remove_tree (fixture->root);
  g_clear_object (&fixture->catalog);
  g_free (fixture->projects);
  g_free (fixture->root);
}

/* Writes @text to projects/@relative, creating its folders. */
static char *
put (Fixture    *fixture,
     const char *relative,
     const char *text)
{
  g_autofree char *path = g_build_filename (fixture->projects, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sb_test_write (path, text);
  return g_steal_pointer (&path);
}

static void
append (const char *path,
        const char *text)
{
  FILE *file = fopen (path, "a");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (text, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* In place, keeping the inode, as an editor or a truncating writer would. */
static void
overwrite (const char *path,
           const char *text)
{
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (text, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* An assistant line in the old format. */
static char *
old_line (const char *cwd,
          const char *time,
          const char *id,
          const char *model,
          guint       in,
          guint       out,
          guint       read,
          guint       write)
{
  return g_strdup_printf ("{\"parentUuid\":null,\"isSidechain\":false,\"userType\":\"external\","
                          "\"cwd\":\"%s\",\"sessionId\":\"s1\",\"version\":\"2.0.14\","
                          "\"message\":{\"id\":\"%s\",\"type\":\"message\","
                          "\"role\":\"assistant\",\"model\":\"%s\",\"content\":[{\"type\":"
                          "\"text\",\"text\":\"a \\\"quoted\\\" \\\\ reply {\"}],"
                          "\"usage\":{\"input_tokens\":%u,\"cache_creation_input_tokens\":%u,"
                          "\"cache_read_input_tokens\":%u,\"output_tokens\":%u,"
                          "\"service_tier\":\"standard\"}},\"requestId\":\"req_%s\","
                          "\"type\":\"assistant\",\"uuid\":\"u\",\"timestamp\":\"%s\"}\n",
                          cwd, id, model, in, write, read, out, id, time);
}

static SbCostReport *
report (SbTranscripts *transcripts,
        SbCatalog     *catalog,
        const char    *folder,
        const char    *since,
        const char    *until)
{
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_parse (&from, since);
  g_date_set_parse (&to, until);
  g_assert_true (g_date_valid (&from) && g_date_valid (&to));
  return sb_transcripts_report (transcripts, folder, &from, &to, catalog);
}

static SbCostRow *
find_row (GPtrArray  *rows,
          const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    {
      SbCostRow *row = rows->pdata[i];

      if (g_strcmp0 (row->name, name) == 0)
        return row;
    }
  return NULL;
}

static void
assert_row (GPtrArray  *rows,
            const char *name,
            guint64     in,
            guint64     out,
            guint64     read,
            guint64     write)
{
  SbCostRow *row = find_row (rows, name);

  g_assert_nonnull (row);
  g_assert_cmpuint (row->input_tokens, ==, in);
  g_assert_cmpuint (row->output_tokens, ==, out);
  g_assert_cmpuint (row->cache_read_tokens, ==, read);
  g_assert_cmpuint (row->cache_write_tokens, ==, write);
}

static void
read_ok (SbTranscripts *transcripts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_transcripts_read (transcripts, NULL, &error));
  g_assert_no_error (error);
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);

      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        copy_tree (source, target);
      else
        {
          g_autofree char *text = sb_test_read (source);

          sb_test_write (target, text);
        }
    }
}

/* The files the real Claude Code 2.1.332 wrote against the loopback server
 * (tests/data/transcripts/make-new-format.sh): the totals are the usage the server gave.
 * Costs by hand:
 *   qwen/qwen3-coder, 4 replies of 1000 in, 100 out, 2000 cache read, 300 cache write:
 *     (4000 + 8000 + 1200) × 0.00000022 + 400 × 0.0000018 = 0.002904 + 0.00072 = 0.003624
 *   anthropic/claude-sonnet-4, 1234 in, 56 out, 789 read, 321 write:
 *     1234 × 0.000003 + 56 × 0.000015 + 789 × 0.0000003 + 321 × 0.00000375
 *     = 0.003702 + 0.00084 + 0.0002367 + 0.00120375 = 0.00598245 */
static void
test_new_format (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "transcripts",
                                                   "new-format", NULL);
  g_autoptr(SbTranscripts) transcripts = NULL;
  g_autoptr(SbCostReport) all = NULL;
  SbCostRow *row;

  copy_tree (source, fixture->projects);
  transcripts = sb_transcripts_new (fixture->projects);
  read_ok (transcripts);
  /* Two sessions and one subagent */
  g_assert_cmpuint (sb_transcripts_get_n_files (transcripts), ==, 3);
  g_assert_cmpuint (sb_transcripts_get_n_bad_lines (transcripts), ==, 0);

  all = report (transcripts, fixture->catalog, NULL, "2026-01-01", "2027-12-31");
  g_assert_cmpuint (all->n_replies, ==, 5);
  g_assert_cmpuint (all->models->len, ==, 2);
  assert_row (all->models, "qwen/qwen3-coder", 4000, 400, 8000, 1200);
  assert_row (all->models, "anthropic/claude-sonnet-4", 1234, 56, 789, 321);
  row = find_row (all->models, "qwen/qwen3-coder");
  g_assert_cmpfloat_with_epsilon (row->cost, 0.003624, 1e-12);
  row = find_row (all->models, "anthropic/claude-sonnet-4");
  g_assert_cmpfloat_with_epsilon (row->cost, 0.00598245, 1e-12);
  g_assert_cmpfloat_with_epsilon (all->total_cost, 0.00960645, 1e-12);

  /* The subagent's reply belongs to the folder of its session, from cwd. */
  assert_row (all->folders, "/tmp/sbfx/agent/project", 4000, 400, 8000, 1200);
  assert_row (all->folders, "/tmp/sbfx/ping/project", 1234, 56, 789, 321);
}

/* Old format: one reply written as three lines (thinking, text, tool use) with the same id
 * and usage, a resumed session repeating it in another file, and a model the list lacks. */
static void
test_old_format (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (fixture->projects);
  g_autoptr(SbCostReport) all = NULL;
  g_autofree char *a = old_line ("/w/app", "2026-11-10T10:00:00.000Z", "msg_01A",
                                 "anthropic/claude-sonnet-4", 100, 20, 1000, 50);
  g_autofree char *b = old_line ("/w/app", "2026-11-10T10:01:00.000Z", "msg_01B",
                                 "claude-opus-4-1-20250805", 7, 3, 0, 0);
  g_autofree char *one = g_strconcat (a, a, a, b, b, NULL);
  g_autofree char *resumed = g_strconcat (a, b, NULL);
  g_autofree char *path = put (fixture, "-w-app/one.jsonl", one);
  g_autofree char *path2 = put (fixture, "-w-app/two.jsonl", resumed);
  SbCostRow *row;

  read_ok (transcripts);
  all = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  g_assert_cmpuint (all->n_replies, ==, 2);
  assert_row (all->models, "anthropic/claude-sonnet-4", 100, 20, 1000, 50);
  assert_row (all->models, "claude-opus-4-1-20250805", 7, 3, 0, 0);
  /* Not in the list: unknown, never 0, and the total with it. */
  row = find_row (all->models, "claude-opus-4-1-20250805");
  g_assert_cmpfloat (row->cost, <, 0);
  g_assert_cmpfloat (all->total_cost, <, 0);
  g_assert_cmpfloat_with_epsilon (all->known_cost,
                                  100 * 3e-6 + 20 * 15e-6 + 1000 * 0.3e-6 + 50 * 3.75e-6,
                                  1e-12);
  /* The known model sorts before the unknown one. */
  g_assert_cmpstr (((SbCostRow *) all->models->pdata[0])->name, ==, "anthropic/claude-sonnet-4");
}

/* <synthetic>, a half line, dotted folder names sharing one projects folder, and a folder
 * whose name is a prefix of another's. */
static void
test_traps (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (fixture->projects);
  g_autoptr(SbCostReport) all = NULL;
  g_autoptr(SbCostReport) dotted = NULL;
  g_autoptr(SbCostReport) prefix = NULL;
  g_autofree char *dot = old_line ("/home/u/my.app", "2026-11-10T10:00:00Z", "msg_d",
                                   "qwen/qwen3-coder", 10, 1, 0, 0);
  g_autofree char *dash = old_line ("/home/u/my-app", "2026-11-10T10:00:00Z", "msg_h",
                                    "qwen/qwen3-coder", 20, 2, 0, 0);
  g_autofree char *synthetic = old_line ("/home/u/my.app", "2026-11-10T10:02:00Z", "msg_s",
                                         "<synthetic>", 0, 0, 0, 0);
  g_autofree char *last = old_line ("/home/u/my.app", "2026-11-10T10:03:00Z", "msg_l",
                                    "qwen/qwen3-coder", 1000, 100, 0, 0);
  g_autofree char *half = g_strndup (last, strlen (last) / 2);
  g_autofree char *text = g_strconcat (dot, synthetic, half, NULL);
  g_autofree char *path = put (fixture, "-home-u-my-app/s1.jsonl", text);
  g_autofree char *path2 = put (fixture, "-home-u-my-app/s2.jsonl", dash);

  read_ok (transcripts);
  all = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  g_assert_cmpuint (all->n_replies, ==, 2);
  g_assert_cmpuint (all->models->len, ==, 1);
  assert_row (all->models, "qwen/qwen3-coder", 30, 3, 0, 0);
  assert_row (all->folders, "/home/u/my.app", 10, 1, 0, 0);
  assert_row (all->folders, "/home/u/my-app", 20, 2, 0, 0);
  /* The half line is not an error: it is still being written. */
  g_assert_cmpuint (sb_transcripts_get_n_bad_lines (transcripts), ==, 0);

  dotted = report (transcripts, fixture->catalog, "/home/u/my.app", "2026-11-01", "2026-11-30");
  assert_row (dotted->models, "qwen/qwen3-coder", 10, 1, 0, 0);
  prefix = report (transcripts, fixture->catalog, "/home/u/my", "2026-11-01", "2026-11-30");
  g_assert_cmpuint (prefix->n_replies, ==, 0);

  /* The rest of the half line arrives. */
  append (path, last + strlen (half));
  read_ok (transcripts);
  g_clear_pointer (&dotted, sb_cost_report_free);
  dotted = report (transcripts, fixture->catalog, "/home/u/my.app", "2026-11-01", "2026-11-30");
  assert_row (dotted->models, "qwen/qwen3-coder", 1010, 101, 0, 0);
}

/* Replies a second either side of the range's edges, in local time. */
static void
test_date_edges (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (fixture->projects);
  g_autoptr(SbCostReport) month = NULL;
  const char *times[] = { "2026-10-31T23:59:59Z", "2026-11-01T00:00:00Z",
                          "2026-11-30T23:59:59.999Z", "2026-12-01T00:00:00Z",
                          /* 2026-11-30 22:30 in UTC, written with an offset */
                          "2026-12-01T00:30:00+02:00" };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  SbCostDay *first, *last;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *id = g_strdup_printf ("msg_%u", i);
      g_autofree char *line = old_line ("/w", times[i], id, "qwen/qwen3-coder",
                                        1 << i, 0, 0, 0);

      g_string_append (text, line);
    }
  path = put (fixture, "-w/s.jsonl", text->str);

  read_ok (transcripts);
  month = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  g_assert_cmpuint (month->n_replies, ==, 3);
  assert_row (month->models, "qwen/qwen3-coder", 2 + 4 + 16, 0, 0, 0);
  g_assert_cmpuint (month->days->len, ==, 30);
  first = month->days->pdata[0];
  last = month->days->pdata[29];
  g_assert_cmpuint (g_date_get_day (&first->date), ==, 1);
  g_assert_cmpfloat_with_epsilon (first->cost, 2 * 0.22e-6, 1e-15);
  g_assert_cmpuint (g_date_get_day (&last->date), ==, 30);
  g_assert_cmpfloat_with_epsilon (last->cost, 20 * 0.22e-6, 1e-15);
  g_assert_cmpfloat_with_epsilon (last->model_costs[0], 20 * 0.22e-6, 1e-15);
}

/* A second look reads only what was appended; a file that shrank or was rewritten is read
 * again; a new reader finds the index on disk. */
static void
test_cache (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (fixture->projects);
  g_autoptr(SbTranscripts) second = NULL;
  g_autoptr(SbCostReport) r = NULL;
  g_autofree char *a = old_line ("/w", "2026-11-10T10:00:00Z", "msg_a", "qwen/qwen3-coder",
                                 10, 0, 0, 0);
  g_autofree char *b = old_line ("/w", "2026-11-10T10:00:00Z", "msg_b", "qwen/qwen3-coder",
                                 100, 0, 0, 0);
  g_autofree char *c = old_line ("/w", "2026-11-10T10:00:00Z", "msg_c", "qwen/qwen3-coder",
                                 1000, 0, 0, 0);
  g_autofree char *ab = g_strconcat (a, b, NULL);
  g_autofree char *path = put (fixture, "-w/s.jsonl", ab);
  g_autofree char *cache = sb_transcripts_get_cache_file (fixture->projects);
  g_autofree char *cb = NULL;

  read_ok (transcripts);
  g_assert_cmpuint (sb_transcripts_get_bytes_read (transcripts), ==, strlen (ab));
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));

  /* Nothing changed: nothing read, by this reader or by a new one. */
  read_ok (transcripts);
  g_assert_cmpuint (sb_transcripts_get_bytes_read (transcripts), ==, 0);
  second = sb_transcripts_new (fixture->projects);
  read_ok (second);
  g_assert_cmpuint (sb_transcripts_get_bytes_read (second), ==, 0);
  r = report (second, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 110, 0, 0, 0);
  g_clear_pointer (&r, sb_cost_report_free);

  /* Appended: only the new line is read. */
  append (path, c);
  read_ok (second);
  g_assert_cmpuint (sb_transcripts_get_bytes_read (second), ==, strlen (c));
  r = report (second, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 1110, 0, 0, 0);
  g_clear_pointer (&r, sb_cost_report_free);

  /* Rewritten larger with other content before the old end: read from the start. */
  cb = g_strconcat (c, b, a, a, NULL);
  cb[10] = ' ';  /* still the same JSON, other bytes */
  overwrite (path, cb);
  read_ok (second);
  g_assert_cmpuint (sb_transcripts_get_bytes_read (second), ==, strlen (cb));
  r = report (second, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 1110, 0, 0, 0);
  g_clear_pointer (&r, sb_cost_report_free);

  /* Shrunk: read again, and what is gone is no longer counted. */
  overwrite (path, a);
  read_ok (second);
  g_assert_cmpuint (sb_transcripts_get_bytes_read (second), ==, strlen (a));
  r = report (second, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 10, 0, 0, 0);
  g_clear_pointer (&r, sb_cost_report_free);

  /* Replaced by another file (a new inode) that starts the same: read again. */
  sb_test_write (path, ab);
  read_ok (second);
  g_assert_cmpuint (sb_transcripts_get_bytes_read (second), ==, strlen (ab));

  /* Removed: gone from the index. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  read_ok (second);
  g_assert_cmpuint (sb_transcripts_get_n_files (second), ==, 0);

  /* A truncated index is dropped, not trusted. */
  {
    g_autofree char *index = NULL;
    gsize length = 0;

    sb_test_write (path, ab);
    read_ok (second);
    g_assert_true (g_file_get_contents (cache, &index, &length, NULL));
    g_assert_cmpuint (length, >, 100);
    g_assert_true (g_file_set_contents (cache, index, length - 7, NULL));
    g_clear_object (&transcripts);
    transcripts = sb_transcripts_new (fixture->projects);
    read_ok (transcripts);
    g_assert_cmpuint (sb_transcripts_get_bytes_read (transcripts), ==, strlen (ab));
    g_clear_pointer (&r, sb_cost_report_free);
    r = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
    assert_row (r->models, "qwen/qwen3-coder", 110, 0, 0, 0);
    g_clear_pointer (&r, sb_cost_report_free);
  }

  /* A corrupt index is dropped, not trusted. */
  sb_test_write (path, ab);
  sb_test_write (cache, "not an index at all, but long enough to look like one.......");
  g_clear_object (&transcripts);
  transcripts = sb_transcripts_new (fixture->projects);
  read_ok (transcripts);
  r = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 110, 0, 0, 0);
}

/* Every transcript is hostile: bad lines are counted as bad, links and FIFOs are not
 * opened, and nothing crashes. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (fixture->projects);
  g_autoptr(SbCostReport) r = NULL;
  g_autofree char *good = old_line ("/w", "2026-11-10T10:00:00Z", "msg_g", "qwen/qwen3-coder",
                                    5, 0, 0, 0);
  g_autofree char *outside = g_build_filename (fixture->root, "outside.jsonl", NULL);
  g_autofree char *link = g_build_filename (fixture->projects, "-w", "link.jsonl", NULL);
  g_autofree char *fifo = g_build_filename (fixture->projects, "-w", "fifo.jsonl", NULL);
  g_autofree char *dir_link = g_build_filename (fixture->projects, "-x", NULL);
  g_autoptr(GString) deep = g_string_new ("{\"type\":\"assistant\",\"usage\":");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  const char *bad[] = {
    "{\"type\":\"assistant\",\"timestamp\":\"2026-11-10T10:00:00Z\",\"message\":{\"id\":\"x1\","
    "\"model\":\"m\",\"usage\":{\"input_tokens\":-5}}}\n",
    "{\"type\":\"assistant\",\"timestamp\":\"2026-11-10T10:00:00Z\",\"message\":{\"id\":\"x2\","
    "\"model\":\"m\",\"usage\":{\"input_tokens\":1.5}}}\n",
    "{\"type\":\"assistant\",\"timestamp\":\"2026-11-10T10:00:00Z\",\"message\":{\"id\":\"x3\","
    "\"model\":\"m\",\"usage\":{\"input_tokens\":99999999999999999999999}}}\n",
    "{\"type\":\"assistant\",\"timestamp\":\"not a time\",\"message\":{\"id\":\"x4\","
    "\"model\":\"m\",\"usage\":{\"input_tokens\":1}}}\n",
    "{\"type\":\"assistant\",\"cwd\":\"\\ud800\",\"timestamp\":\"2026-11-10T10:00:00Z\","
    "\"message\":{\"id\":\"x5\",\"model\":\"m\",\"usage\":{\"input_tokens\":1}}}\n",
    "{\"type\":\"assistant\",\"cwd\":\"\xff\xfe\",\"timestamp\":\"2026-11-10T10:00:00Z\","
    "\"message\":{\"id\":\"x6\",\"model\":\"m\",\"usage\":{\"input_tokens\":1}}}\n",
    "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_tokens\":1}}\n",
    "{\"type\":\"assistant\",\"usage\":1} trailing\n",
  };

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "}\n");

  g_string_append (text, good);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_string_append (text, bad[i]);
  g_string_append (text, deep->str);
  /* Lines that are not replies, blank lines, a NUL: skipped quietly. */
  g_string_append (text, "\n\n{\"type\":\"user\",\"message\":{\"role\":\"user\"}}\nplain text\n");
  g_string_append_len (text, "\0\n", 2);
  path = put (fixture, "-w/s.jsonl", text->str);
  {
    /* sb_test_write stops at the NUL; write the whole buffer. */
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
    g_assert_no_error (error);
  }

  sb_test_write (outside, good);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (fixture->root, dir_link), ==, 0);

  read_ok (transcripts);
  g_assert_cmpuint (sb_transcripts_get_n_files (transcripts), ==, 1);
  g_assert_cmpuint (sb_transcripts_get_n_bad_lines (transcripts), ==, G_N_ELEMENTS (bad) + 1);
  r = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  g_assert_cmpuint (r->n_replies, ==, 1);
  assert_row (r->models, "qwen/qwen3-coder", 5, 0, 0, 0);
}

/* A line longer than SB_TRANSCRIPTS_MAX_LINE is skipped whole, also while it is still
 * being written: its tail is never taken for a line of its own. */
static void
test_long_line (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (fixture->projects);
  g_autoptr(SbCostReport) r = NULL;
  g_autofree char *a = old_line ("/w", "2026-11-10T10:00:00Z", "msg_a", "qwen/qwen3-coder",
                                 1, 0, 0, 0);
  g_autofree char *b = old_line ("/w", "2026-11-10T10:00:00Z", "msg_b", "qwen/qwen3-coder",
                                 10, 0, 0, 0);
  g_autofree char *hidden = old_line ("/w", "2026-11-10T10:00:00Z", "msg_h",
                                      "qwen/qwen3-coder", 100, 0, 0, 0);
  const char *opening = "{\"type\":\"assistant\",\"text\":\"";
  g_autoptr(GString) text = g_string_sized_new (SB_TRANSCRIPTS_MAX_LINE + 2000);
  g_autofree char *path = NULL;

  /* A huge line whose first SB_TRANSCRIPTS_MAX_LINE bytes are dropped while reading; what
   * follows them is, on its own, a complete reply: it must not be counted. */
  g_string_append (text, a);
  g_string_append (text, opening);
  for (gsize i = strlen (opening); i < SB_TRANSCRIPTS_MAX_LINE; i++)
    g_string_append_c (text, 'x');
  g_string_append_len (text, hidden, strlen (hidden) - 1);
  path = put (fixture, "-w/s.jsonl", text->str);

  read_ok (transcripts);
  g_assert_cmpuint (sb_transcripts_get_n_bad_lines (transcripts), ==, 0);
  r = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 1, 0, 0, 0);
  g_clear_pointer (&r, sb_cost_report_free);

  append (path, "\n");
  append (path, b);
  read_ok (transcripts);
  g_assert_cmpuint (sb_transcripts_get_n_bad_lines (transcripts), ==, 1);
  r = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 11, 0, 0, 0);
}

/* The projects folder may itself be a link, as when ~/.claude lives in dotfiles. */
static void
test_linked_root (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->root, "linked-projects", NULL);
  g_autofree char *a = old_line ("/w", "2026-11-10T10:00:00Z", "msg_a", "qwen/qwen3-coder",
                                 3, 0, 0, 0);
  g_autofree char *path = put (fixture, "-w/s.jsonl", a);
  g_autoptr(SbTranscripts) transcripts = NULL;
  g_autoptr(SbCostReport) r = NULL;

  g_assert_cmpint (symlink (fixture->projects, link), ==, 0);
  transcripts = sb_transcripts_new (link);
  read_ok (transcripts);
  r = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 3, 0, 0, 0);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *nowhere = g_build_filename (fixture->root, "nowhere", NULL);
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (nowhere);
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_transcripts_read (transcripts, NULL, &error));
  g_assert_error (error, SB_TRANSCRIPTS_ERROR, SB_TRANSCRIPTS_ERROR_NOT_FOUND);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_transcripts_read_finish (SB_TRANSCRIPTS (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SbTranscripts) transcripts = sb_transcripts_new (fixture->projects);
  g_autoptr(SbCostReport) r = NULL;
  g_autofree char *good = old_line ("/w", "2026-11-10T10:00:00Z", "msg_g", "qwen/qwen3-coder",
                                    5, 6, 7, 8);
  g_autofree char *path = put (fixture, "-w/s.jsonl", good);
  gboolean done = FALSE;

  sb_transcripts_read_async (transcripts, NULL, read_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  r = report (transcripts, fixture->catalog, NULL, "2026-11-01", "2026-11-30");
  assert_row (r->models, "qwen/qwen3-coder", 5, 6, 7, 8);
}

int
main (int   argc,
      char *argv[])
{
  /* Local dates are the ones tested; pin the zone. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/signalbox/transcripts/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("new-format", test_new_format);
  ADD ("old-format", test_old_format);
  ADD ("traps", test_traps);
  ADD ("date-edges", test_date_edges);
  ADD ("cache", test_cache);
  ADD ("hostile", test_hostile);
  ADD ("long-line", test_long_line);
  ADD ("linked-root", test_linked_root);
  ADD ("missing", test_missing);
  ADD ("async", test_async);
#undef ADD

  return g_test_run ();
}
