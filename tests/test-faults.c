/* test-faults.c
 *
 * Fault tests for `signalbox --use` and `--status` run as processes: killed mid-save,
 * another process writing the same file the way Claude Code does, and damaged files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sb-json-edit.h"
#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

#define TEMP_PREFIX ".settings.local.json.sbtmp-"

/* A local settings file as Claude Code leaves it after a few sessions. */
static const char local_text[] =
  "{\n"
  "  \"permissions\": {\n"
  "    \"allow\": [\n"
  "      \"Bash(npm run lint)\",\n"
  "      \"Bash(npm run test:*)\",\n"
  "      \"WebFetch(domain:docs.anthropic.com)\",\n"
  "      \"Read(src/**)\"\n"
  "    ],\n"
  "    \"deny\": [\"Read(./.env)\", \"Read(./secrets/**)\"],\n"
  "    \"additionalDirectories\": [\"../shared\"]\n"
  "  },\n"
  "  \"env\": {\n"
  "    \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\",\n"
  "    \"DISABLE_TELEMETRY\": \"1\",\n"
  "    \"BASH_DEFAULT_TIMEOUT_MS\": \"120000\"\n"
  "  },\n"
  "  \"hooks\": {\n"
  "    \"PostToolUse\": [\n"
  "      {\"matcher\": \"Edit|Write\", \"hooks\": [{\"type\": \"command\", "
  "\"command\": \"npx prettier --write \\\"$CLAUDE_FILE_PATHS\\\"\"}]}\n"
  "    ]\n"
  "  },\n"
  "  \"enableAllProjectMcpServers\": true,\n"
  "  \"enabledMcpjsonServers\": [\"github\", \"linear\"],\n"
  "  \"cleanupPeriodDays\": 30,\n"
  "  \"includeCoAuthoredBy\": false,\n"
  "  \"statusLine\": {\"type\": \"command\", \"command\": \"~/.claude/statusline.sh\", "
  "\"padding\": 0},\n"
  "  \"note\": \"caf\\u00e9 \\u2014 \\ud83d\\ude80\"\n"
  "}\n";

/* Built here, not written in the source, so no key-shaped string is ever committed. */
static char *
fake_token (void)
{
  GString *token = g_string_new ("sk-or-v1-");

  for (guint i = 0; i < 64; i++)
    g_string_append_c (token, "0123456789abcdef"[(i * 5 + 1) % 16]);

  return g_string_free (token, FALSE);
}

static char *
local_path (SbTestEnv *env)
{
  return g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
}

static GSubprocess *
spawn_signalbox (const char * const *args,
                 GSubprocessFlags    flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("SIGNALBOX_BINARY");
  GSubprocess *process;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Runs signalbox to the end; returns its exit status, failing the test if it crashed. */
static int
run_signalbox (const char * const  *args,
               char               **out,
               char               **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = spawn_signalbox (args, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("signalbox %s %s died of signal %d", args[0], args[1],
             g_subprocess_get_term_sig (process));
  return g_subprocess_get_exit_status (process);
}

static void
use_model (SbTestEnv  *env,
           const char *model)
{
  const char *args[] = { "--use", model, env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_signalbox (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

static guint
count_temporaries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      /* A conflict copy would mean a save thought another writer got in: none here. */
      g_assert_null (strstr (name, ".conflict-"));
      if (g_str_has_prefix (name, TEMP_PREFIX))
        count++;
    }

  return count;
}

/* What `--use MODEL` must turn @before into: the engine's own edit. */
static char *
expected_after_use (const char *before,
                    const char *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), model);
  SbJsonDoc *doc = sb_json_doc_new (before, -1, &error);
  char *text;

  g_assert_no_error (error);
  g_assert_true (sb_json_doc_set (doc, "/env/ANTHROPIC_MODEL", value, &error));
  g_assert_no_error (error);
  text = g_strdup (sb_json_doc_get_text (doc, NULL));
  sb_json_doc_free (doc);
  return text;
}

/* SIGKILL at random moments of `--use`: the file is always the old or the new version,
 * whole, and a stray temporary file left by one run is removed by the next. */
static void
test_faults_killed_mid_save (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  gint64 start, deadline, calibration;
  guint runs = 0, old_seen = 0, new_seen = 0, stray_seen = 0;

  sb_test_write (path, local_text);

  /* How long a whole run takes here (slower under the sanitizers): kill within it. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *model = g_strdup_printf ("vendor/warm-%u", i);
      use_model (env, model);
    }
  calibration = (g_get_monotonic_time () - start) / 5;
  g_test_message ("one --use takes %" G_GINT64_FORMAT " us", calibration);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  for (guint i = 0; i < 200 && g_get_monotonic_time () < deadline; i++)
    {
      g_autofree char *model = g_strdup_printf ("vendor/kill-%u", i);
      g_autofree char *before = sb_test_read (path);
      g_autofree char *expected = expected_after_use (before, model);
      g_autofree char *after = NULL;
      const char *args[] = { "--use", model, env->folder, NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      guint strays;

      process = spawn_signalbox (args, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_usleep (g_rand_int_range (rand, 0, (gint32) (calibration * 6 / 5) + 1));
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      runs++;

      after = sb_test_read (path);
      if (g_strcmp0 (after, before) == 0)
        old_seen++;
      else if (g_strcmp0 (after, expected) == 0)
        new_seen++;
      else
        g_error ("run %u left neither the old nor the new file:\n%s", i, after);

      strays = count_temporaries (dir);
      g_assert_cmpuint (strays, <=, 1);
      stray_seen += strays;
    }

  g_test_message ("%u runs killed: %u left the old file, %u the new one, %u left a stray "
                  "temporary file", runs, old_seen, new_seen, stray_seen);
  g_assert_cmpuint (runs, >=, 50);
  /* The kills must land on both sides of the rename, or the test proved nothing. */
  g_assert_cmpuint (old_seen, >, 0);
  g_assert_cmpuint (new_seen, >, 0);

  use_model (env, "vendor/after-the-kills");
  g_assert_cmpuint (count_temporaries (dir), ==, 0);
  {
    g_autofree char *text = sb_test_read (path);
    g_autoptr(JsonNode) root = sb_test_parse (text);

    g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/env/ANTHROPIC_MODEL")),
                     ==, "vendor/after-the-kills");
  }
}

/* The writer process: behaves like Claude Code adding permission rules (read, change,
 * write a temporary file, rename it over the settings file), @rules times. Every read
 * must parse: a half-written file from signalbox would fail it. */
static int
claude_writer_main (const char *path,
                    guint       rules)
{
  g_autofree char *temp = g_strdup_printf ("%s.tmp.%d", path, (int) getpid ());

  for (guint i = 0; i < rules; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *rule = g_strdup_printf ("Bash(make check-%u)", i);
      JsonObject *root;
      JsonObject *permissions;

      if (!json_parser_load_from_file (parser, path, &error))
        {
          g_printerr ("writer: read %u did not parse: %s\n", i, error->message);
          return 1;
        }
      root = json_node_get_object (json_parser_get_root (parser));
      if (!json_object_has_member (root, "permissions"))
        json_object_set_object_member (root, "permissions", json_object_new ());
      permissions = json_object_get_object_member (root, "permissions");
      if (!json_object_has_member (permissions, "allow"))
        json_object_set_array_member (permissions, "allow", json_array_new ());
      json_array_add_string_element (json_object_get_array_member (permissions, "allow"), rule);

      text = json_to_string (json_parser_get_root (parser), TRUE);
      if (!g_file_set_contents_full (temp, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, &error) ||
          g_rename (temp, path) != 0)
        {
          g_printerr ("writer: write %u failed\n", i);
          return 1;
        }
      g_usleep (5000);
    }

  return 0;
}

static void
writer_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static void
test_faults_concurrent_writer_process (SbTestEnv     *env,
                                       gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *rules_text = g_strdup_printf ("%u", 400u);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) original = sb_test_parse (local_text);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonArray *allow;
  gboolean done = FALSE;
  guint switches = 0;
  guint allowed;

  g_assert_nonnull (self);
  sb_test_write (path, local_text);
  allowed = json_array_get_length (json_node_get_array (
    sb_json_pointer_get (original, "/permissions/allow")));

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                             self, "--claude-writer", path, rules_text, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (writer, NULL, writer_done_cb, &done);

  /* Switch models for as long as the writer runs. */
  while (!done && switches < 2000)
    {
      g_autofree char *model = g_strdup_printf ("vendor/model-%u", switches);

      use_model (env, model);
      switches++;
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_subprocess_wait_check (writer, NULL, &error);
  g_assert_no_error (error);

  use_model (env, "vendor/final");

  text = sb_test_read (path);
  root = sb_test_parse (text);
  allow = json_node_get_array (sb_json_pointer_get (root, "/permissions/allow"));
  g_assert_cmpuint (json_array_get_length (allow), ==, allowed + 400);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *rule = g_strdup_printf ("Bash(make check-%u)", i);
      g_assert_cmpstr (json_array_get_string_element (allow, allowed + i), ==, rule);
    }
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/env/ANTHROPIC_MODEL")),
                   ==, "vendor/final");
  g_test_message ("%u model switches while another process added 400 rules", switches);
  g_assert_cmpuint (switches, >=, 5);
}

/* One random byte-level change: flip, delete, insert, duplicate or truncate. */
static void
damage (GString *text,
        GRand   *rand)
{
  static const char interesting[] = "{}[]\",:\\0123456789eE+-.tfn \n\t\xff\xc3\x80";
  guint pos = text->len > 0 ? g_rand_int_range (rand, 0, text->len) : 0;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      if (text->len > 0)
        text->str[pos] ^= 1 << g_rand_int_range (rand, 0, 8);
      break;
    case 1:
      g_string_erase (text, pos, MIN (text->len - pos, (guint) g_rand_int_range (rand, 1, 8)));
      break;
    case 2:
      g_string_insert_c (text, pos,
                         interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)]);
      break;
    case 3:
      g_string_insert_c (text, pos, (char) g_rand_int_range (rand, 0, 256));
      break;
    case 4:
      {
        guint len = MIN (text->len - pos, (guint) g_rand_int_range (rand, 1, 32));
        g_autofree char *copy = g_strndup (text->str + pos, len);
        g_string_insert_len (text, g_rand_int_range (rand, 0, text->len + 1), copy, len);
      }
      break;
    default:
      g_string_truncate (text, pos);
      break;
    }
}

static gboolean
parses (const char *text,
        gsize       length)
{
  SbJsonDoc *doc = sb_json_doc_new (text, length, NULL);

  if (doc == NULL)
    return FALSE;
  sb_json_doc_free (doc);
  return TRUE;
}

/* Damaged settings files through the terminal face: never a crash, never a token printed,
 * and `--use` writes only over a file that parses, leaving one that parses. */
static void
test_faults_damaged_files (SbTestEnv     *env,
                           gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *token = fake_token ();
  g_autofree char *user_text = g_strdup_printf (
    "{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_AUTH_TOKEN\": \"%s\",\n    \"ANTHROPIC_API_KEY\": \"\"\n  },\n"
    "  \"model\": \"sonnet\"\n}\n", token);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint runs = 0, written = 0, refused = 0;

  sb_test_write (path, local_text);

  for (guint i = 0; i < 150 && g_get_monotonic_time () < deadline; i++)
    {
      g_autoptr(GString) local = g_string_new (local_text);
      g_autoptr(GString) damaged_user = g_string_new (user_text);
      guint changes = g_rand_int_range (rand, 1, 5);
      const char *status_args[] = { "--status", i % 2 ? "--json" : env->folder,
                                    i % 2 ? env->folder : NULL, NULL };
      g_autofree char *model = g_strdup_printf ("vendor/damaged-%u", i);
      const char *use_args[] = { "--use", model, env->folder, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *use_out = NULL;
      g_autofree char *use_err = NULL;
      g_autofree char *after = NULL;
      gsize after_length = 0;
      gboolean parsed_before;
      int status;

      for (guint j = 0; j < changes; j++)
        damage (local, rand);
      if (i % 3 == 0)
        damage (damaged_user, rand);

      sb_test_write (user, damaged_user->str);
      g_assert_true (g_file_set_contents (path, local->str, local->len, NULL));
      parsed_before = parses (local->str, local->len);

      status = run_signalbox (status_args, &out, &err);
      g_assert_cmpint (status, >=, 0);
      g_assert_cmpint (status, <=, 2);
      g_assert_null (strstr (out, token));
      g_assert_null (strstr (err, token));

      status = run_signalbox (use_args, &use_out, &use_err);
      g_assert_null (strstr (use_out, token));
      g_assert_null (strstr (use_err, token));
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      runs++;

      if (!parsed_before)
        {
          /* Not one byte changed, and signalbox said why. */
          if (status == 0)
            g_error ("--use exit 0 on a file that does not parse (%" G_GSIZE_FORMAT
                     " bytes):\n%s\nafter:\n%s", local->len, local->str, after);
          g_assert_cmpmem (after, after_length, local->str, local->len);
          g_assert_cmpstr (use_err, !=, "");
          refused++;
        }
      else
        {
          g_assert_true (parses (after, after_length));
          if (status == 0)
            written++;
        }
    }

  g_test_message ("%u damaged files: %u refused unchanged, %u still parsed and were written",
                  runs, refused, written);
  g_assert_cmpuint (refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "--claude-writer") == 0)
    return claude_writer_main (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/faults/killed-mid-save", test_faults_killed_mid_save);
  ADD_TEST ("/signalbox/faults/concurrent-writer-process", test_faults_concurrent_writer_process);
  ADD_TEST ("/signalbox/faults/damaged-files", test_faults_damaged_files);

  return g_test_run ();
}
