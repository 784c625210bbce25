/* test-cli-costs.c
 *
 * Tests of `signalbox --costs`, run as the real binary on transcripts in a private home.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sb-catalog-cache.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestEnv  env;
  char      *projects;
  char      *other;    /* a second folder, whose model is not in the list */
} Fixture;

/* Our own price list, per token; see test-transcripts.c for the sums. */
static const char models_json[] =
  "{\"data\":["
  "{\"id\":\"qwen/qwen3-coder\",\"name\":\"Qwen3 Coder\","
  "\"pricing\":{\"prompt\":\"0.00000022\",\"completion\":\"0.0000018\"}},"
  "{\"id\":\"anthropic/claude-sonnet-4\",\"name\":\"Claude Sonnet 4\","
  "\"pricing\":{\"prompt\":\"0.000003\",\"completion\":\"0.000015\","
  "\"input_cache_read\":\"0.0000003\",\"input_cache_write\":\"0.00000375\"}}"
  "]}";

/* Copies the recorded fixtures, moving their cwd into the test's home so that FOLDER
 * exists: both sessions become sessions of env.folder. */
static void
copy_fixture (const char *from,
              const char *to,
              const char *folder)
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
        copy_fixture (source, target, folder);
      else
        {
          g_autofree char *text = sb_test_read (source);
          g_auto(GStrv) parts = g_strsplit (text, "/tmp/sbfx/agent/project", -1);
          g_autofree char *joined = g_strjoinv (folder, parts);
          g_auto(GStrv) parts2 = g_strsplit (joined, "/tmp/sbfx/ping/project", -1);
          g_autofree char *moved = g_strjoinv (folder, parts2);

          sb_test_write (target, moved);
        }
    }
}

static char *
line_at (const char *cwd,
         GDateTime  *time,
         const char *id,
         const char *model,
         guint       in)
{
  g_autofree char *stamp = g_date_time_format_iso8601 (time);

  return g_strdup_printf ("{\"type\":\"assistant\",\"cwd\":\"%s\",\"timestamp\":\"%s\","
                          "\"requestId\":\"req_%s\",\"message\":{\"id\":\"%s\","
                          "\"model\":\"%s\",\"usage\":{\"input_tokens\":%u,"
                          "\"output_tokens\":0}}}\n", cwd, stamp, id, id, model, in);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "transcripts",
                                                   "new-format", NULL);
  g_autofree char *cache = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (models_json, strlen (models_json));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(SbCatalogCache) entry = NULL;
  g_autoptr(GError) error = NULL;

  sb_test_env_setup (&fixture->env, data);
  g_setenv ("TZ", "UTC", TRUE);
  cache = g_build_filename (fixture->env.root, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* Nowhere to fetch from: the list is the fresh cache below. */
  g_setenv ("SIGNALBOX_OPENROUTER_URL", "http://127.0.0.1:9", TRUE);

  entry = sb_catalog_cache_new (body, NULL, NULL, now);
  g_assert_true (sb_catalog_cache_write (entry, &error));
  g_assert_no_error (error);

  fixture->projects = g_build_filename (fixture->env.home, ".claude", "projects", NULL);
  copy_fixture (source, fixture->projects, fixture->env.folder);
  fixture->other = g_build_filename (fixture->env.home, "src", "other", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->other, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_free (fixture->projects);
  g_free (fixture->other);
  sb_test_env_teardown (&fixture->env, data);
}

static int
run (Fixture     *fixture,
     const char **args,
     char       **out,
     char       **err)
{
  SbTestRunOptions options = { .cwd = fixture->env.folder };

  return sb_test_run ("SIGNALBOX_BINARY", args, &options, out, err);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  const char *args[] = { "--costs", "--json", "--since", "2026-12-04", "--until", "2026-12-06",
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpint (run (fixture, args, &out, &err), ==, 0);
  node = sb_test_parse (out);
  /* Both recorded sessions, moved into the folder; the costs are the sums checked by hand
   * in test-transcripts.c. */
  expected = g_strdup_printf (
    "{\"folder\": \"%s\", \"since\": \"2026-12-04\", \"until\": \"2026-12-06\","
    " \"currency\": \"USD\", \"models\": ["
    "{\"model\": \"anthropic/claude-sonnet-4\", \"input_tokens\": 1234, \"output_tokens\": 56,"
    " \"cache_read_tokens\": 789, \"cache_write_tokens\": 321, \"cost\": 0.00598245},"
    "{\"model\": \"qwen/qwen3-coder\", \"input_tokens\": 4000, \"output_tokens\": 400,"
    " \"cache_read_tokens\": 8000, \"cache_write_tokens\": 1200, \"cost\": 0.003624}],"
    " \"days\": [{\"date\": \"2026-12-04\", \"cost\": 0.0},"
    " {\"date\": \"2026-12-05\", \"cost\": 0.00960645},"
    " {\"date\": \"2026-12-06\", \"cost\": 0.0}],"
    " \"total_cost\": 0.00960645}", fixture->env.folder);
  sb_test_assert_json_equal (node, expected);
  g_assert_nonnull (strstr (err, "Estimated with OpenRouter’s list prices"));
}

static void
test_table (Fixture       *fixture,
            gconstpointer  data)
{
  const char *args[] = { "--costs", "--since", "2026-12-01", "--until", "2026-12-31", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (fixture, args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "MODEL"));
  g_assert_true (g_str_has_prefix (lines[1], "anthropic/claude-sonnet-4"));
  g_assert_true (g_str_has_suffix (lines[1], "0.0060"));
  g_assert_true (g_str_has_prefix (lines[2], "qwen/qwen3-coder"));
  g_assert_true (g_str_has_suffix (lines[2], "0.0036"));
  g_assert_true (g_str_has_prefix (lines[3], "TOTAL"));
  g_assert_nonnull (strstr (lines[3], " 5234 "));
  g_assert_true (g_str_has_suffix (lines[3], "0.0096"));
}

/* A model not in the list: its cost and the total are unknown (null), never 0; the default
 * range is the last 30 days. */
static void
test_unknown_and_default_range (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *args[] = { "--costs", "--json", fixture->other, NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day30 = g_date_time_add_days (now, -30);
  g_autoptr(GDateTime) start30 = g_date_time_new_utc (g_date_time_get_year (day30),
                                                      g_date_time_get_month (day30),
                                                      g_date_time_get_day_of_month (day30),
                                                      0, 0, 0);
  g_autoptr(GDateTime) end31 = g_date_time_add_seconds (start30, -1);
  g_autofree char *in = line_at (fixture->other, start30, "m1", "claude-opus-4-1", 100);
  g_autofree char *out_of_range = line_at (fixture->other, end31, "m2", "claude-opus-4-1", 7);
  g_autofree char *text = g_strconcat (in, out_of_range, NULL);
  g_autofree char *path = g_build_filename (fixture->projects, "-other", "s.jsonl", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonObject *model;

  g_assert_cmpint (g_mkdir_with_parents (fixture->projects, 0700), ==, 0);
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  }
  sb_test_write (path, text);

  g_assert_cmpint (run (fixture, args, &out, &err), ==, 0);
  node = sb_test_parse (out);
  root = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "models")), ==, 1);
  model = json_array_get_object_element (json_object_get_array_member (root, "models"), 0);
  g_assert_cmpstr (json_object_get_string_member (model, "model"), ==, "claude-opus-4-1");
  g_assert_cmpint (json_object_get_int_member (model, "input_tokens"), ==, 100);
  g_assert_true (json_object_get_null_member (model, "cost"));
  g_assert_true (json_object_get_null_member (root, "total_cost"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "days")), ==, 31);
  g_assert_nonnull (strstr (err, "No price for claude-opus-4-1"));
}

/* A transcript is written by whatever ran in the folder: a model named like a key is said
 * by its shape, never printed, in the table, the JSON and the notes. */
static void
test_key_shaped_model (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *table_args[] = { "--costs", fixture->other, NULL };
  const char *json_args[] = { "--costs", "--json", fixture->other, NULL };
  g_autoptr(GString) key = g_string_new ("sk-or-v1-");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *path = g_build_filename (fixture->projects, "-other", "s.jsonl", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *line = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json_out = NULL;
  g_autofree char *json_err = NULL;

  /* Built here, so that no key-shaped string is committed. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (key, "0123456789abcdef"[(i * 7 + 3) % 16]);
  line = line_at (fixture->other, now, "m1", key->str, 10);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sb_test_write (path, line);

  g_assert_cmpint (run (fixture, table_args, &out, &err), ==, 0);
  g_assert_cmpint (run (fixture, json_args, &json_out, &json_err), ==, 0);
  g_assert_null (strstr (out, key->str + 9));
  g_assert_null (strstr (err, key->str + 9));
  g_assert_null (strstr (json_out, key->str + 9));
  g_assert_null (strstr (json_err, key->str + 9));
  g_assert_nonnull (strstr (out, "sk-or-v1-…"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const char *bad_date[] = { "--costs", "--since", "2026-02-30", NULL };
  const char *loose_date[] = { "--costs", "--until", "5 Dec 2026", NULL };
  const char *reversed[] = { "--costs", "--since", "2026-12-02", "--until", "2026-12-01", NULL };
  const char *alone[] = { "--since", "2026-12-01", "--status", NULL };
  const char **cases[] = { bad_date, loose_date, reversed, alone };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (fixture, cases[i], &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/signalbox/cli-costs/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("json", test_json);
  ADD ("table", test_table);
  ADD ("unknown-and-default-range", test_unknown_and_default_range);
  ADD ("key-shaped-model", test_key_shaped_model);
  ADD ("usage", test_usage);
#undef ADD

  return g_test_run ();
}
