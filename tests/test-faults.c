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
#include "sb-key-store.h"
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
  /* --use writes model, and takes an env.ANTHROPIC_MODEL of the old setup out. */
  g_assert_true (sb_json_doc_set (doc, "/model", value, &error));
  g_assert_no_error (error);
  if (sb_json_pointer_get (sb_json_doc_get_root (doc), "/env/ANTHROPIC_MODEL") != NULL)
    g_assert_true (sb_json_doc_remove (doc, "/env/ANTHROPIC_MODEL", &error));
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

  deadline = g_get_monotonic_time () + 45 * G_USEC_PER_SEC;
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

    g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/model")),
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
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/model")),
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
      {
        /* Drawn once: MIN() would draw it twice. */
        gsize count = g_rand_int_range (rand, 1, 8);

        g_string_erase (text, pos, MIN (text->len - pos, count));
      }
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
        gsize drawn = g_rand_int_range (rand, 1, 32);
        gsize len = MIN (text->len - pos, drawn);
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
  gint64 deadline = g_get_monotonic_time () + 45 * G_USEC_PER_SEC;
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

/* Keyring faults, against the session's gnome-keyring. */

typedef struct
{
  gboolean   done;
  gboolean   ok;
  char      *key;
  char     **profiles;
  GError    *error;
} KeyResult;

static void
key_result_clear (KeyResult *result)
{
  g_clear_pointer (&result->key, sb_key_store_free_key);
  g_clear_pointer (&result->profiles, g_strfreev);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyResult, key_result_clear)

static void
on_key_stored (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  KeyResult *result = user_data;

  result->ok = sb_key_store_store_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
on_key_looked_up (GObject      *object,
                  GAsyncResult *async_result,
                  gpointer      user_data)
{
  KeyResult *result = user_data;

  result->key = sb_key_store_lookup_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
on_key_listed (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  KeyResult *result = user_data;

  result->profiles = sb_key_store_list_profiles_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
key_wait (KeyResult *result)
{
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
key_store (const char *profile,
           const char *key,
           KeyResult  *result)
{
  sb_key_store_store_async (profile, key, NULL, on_key_stored, result);
  key_wait (result);
}

static void
key_lookup (const char *profile,
            KeyResult  *result)
{
  sb_key_store_lookup_async (profile, NULL, on_key_looked_up, result);
  key_wait (result);
}

static void
key_list (KeyResult *result)
{
  sb_key_store_list_profiles_async (NULL, on_key_listed, result);
  key_wait (result);
}

static char *
made_up_key (const char *salt)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, salt, -1);

  return g_strconcat ("sk-or-v1-", sum, NULL);
}

/* Runs signalbox-key with @args and @input; its status returned. */
static int
run_signalbox_key (const char * const  *args,
                   const char          *input,
                   char               **out,
                   char               **err)
{
  SbTestRunOptions options = { .input = input };

  return sb_test_run ("SIGNALBOX_KEY_BINARY", args, &options, out, err);
}

/* Fails if any file under @dir holds @needle. Sockets and links are skipped. */
static void
assert_nowhere (const char *dir,
                const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        assert_nowhere (path, needle);
      else if (S_ISREG (st.st_mode))
        {
          g_autofree char *text = NULL;
          gsize length = 0;

          if (g_file_get_contents (path, &text, &length, NULL) &&
              g_strstr_len (text, length, needle) != NULL)
            g_error ("%s holds the key in plain text", path);
        }
    }
}

/* Every folder this session writes: the test's own, and the session's home and runtime. */
static void
assert_key_nowhere (SbTestEnv  *env,
                    const char *key)
{
  g_autofree char *session = g_path_get_dirname (g_getenv ("XDG_RUNTIME_DIR"));

  assert_nowhere (env->root, key);
  assert_nowhere (session, key);
}

/* A profile listed, then deleted by another program before we look its key up. */
static void
test_faults_keyring_item_deleted (SbTestEnv     *env,
                                  gconstpointer  data)
{
  g_autofree char *key = made_up_key ("deleted");
  g_autofree char *other = made_up_key ("kept");
  g_auto(KeyResult) stored = { 0 };
  g_auto(KeyResult) stored_other = { 0 };
  g_auto(KeyResult) listed = { 0 };
  g_auto(KeyResult) looked_up = { 0 };
  g_auto(KeyResult) listed_after = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *print_args[] = { "--profile", "gone", NULL };
  int status = 0;

  key_store ("gone", key, &stored);
  g_assert_no_error (stored.error);
  key_store ("kept", other, &stored_other);
  g_assert_no_error (stored_other.error);

  key_list (&listed);
  g_assert_no_error (listed.error);
  g_assert_true (g_strv_contains ((const char * const *) listed.profiles, "gone"));

  /* Behind our back, as another program would. */
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "secret-tool", "clear", "provider", "openrouter",
                                                  "profile", "gone", NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* No key, no error: the window asks for one. */
  key_lookup ("gone", &looked_up);
  g_assert_no_error (looked_up.error);
  g_assert_null (looked_up.key);

  key_list (&listed_after);
  g_assert_no_error (listed_after.error);
  g_assert_false (g_strv_contains ((const char * const *) listed_after.profiles, "gone"));
  g_assert_true (g_strv_contains ((const char * const *) listed_after.profiles, "kept"));

  g_assert_cmpint (run_signalbox_key (print_args, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "No OpenRouter key is stored for the profile “gone”"));

  assert_key_nowhere (env, key);
  assert_key_nowhere (env, other);
}

/* A prompter of our own on the session bus, in gnome-keyring's place for gcr's system
 * prompter: it shows nothing and answers every password prompt as if the person had
 * dismissed it, counting them. */
typedef struct
{
  guint begun;
  guint performed;
} Prompter;

static void
call_callback (GDBusConnection *connection,
               const char      *sender,
               const char      *callback,
               const char      *method,
               GVariant        *parameters)
{
  g_dbus_connection_call (connection, sender, callback,
                          "org.gnome.keyring.internal.Prompter.Callback", method, parameters,
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static void
prompter_method_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  Prompter *prompter = user_data;
  const char *callback = NULL;

  g_variant_get_child (parameters, 0, "&o", &callback);
  g_dbus_method_invocation_return_value (invocation, NULL);

  if (g_str_equal (method_name, "BeginPrompting"))
    {
      prompter->begun++;
      call_callback (connection, sender, callback, "PromptReady",
                     g_variant_new ("(sa{sv}s)", "", NULL, ""));
    }
  else if (g_str_equal (method_name, "PerformPrompt"))
    {
      /* "no": the person closed the prompt without typing the password. */
      prompter->performed++;
      call_callback (connection, sender, callback, "PromptReady",
                     g_variant_new ("(sa{sv}s)", "no", NULL, ""));
    }
  else if (g_str_equal (method_name, "StopPrompting"))
    call_callback (connection, sender, callback, "PromptDone", NULL);
}

static const char prompter_xml[] =
  "<node>"
  "  <interface name='org.gnome.keyring.internal.Prompter'>"
  "    <method name='BeginPrompting'><arg name='callback' type='o' direction='in'/></method>"
  "    <method name='PerformPrompt'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "      <arg name='type' type='s' direction='in'/>"
  "      <arg name='properties' type='a{sv}' direction='in'/>"
  "      <arg name='exchange' type='s' direction='in'/>"
  "    </method>"
  "    <method name='StopPrompting'><arg name='callback' type='o' direction='in'/></method>"
  "  </interface>"
  "</node>";

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
on_name_lost_cb (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  if (!*(gboolean *) user_data)
    g_error ("could not own %s on the session bus", name);
}

static void
lock_login_collection (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GVariant) inner = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "/org/freedesktop/secrets/collection/login" };

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(@ao)", g_variant_new_objv (paths, 1)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  locked = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", paths[0],
                                        "org.freedesktop.DBus.Properties", "Get",
                                        g_variant_new ("(ss)", "org.freedesktop.Secret.Collection",
                                                       "Locked"),
                                        G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                        &error);
  g_assert_no_error (error);
  g_variant_get (locked, "(v)", &inner);
  g_assert_true (g_variant_get_boolean (inner));
}

/* The login keyring locked and the unlock prompt dismissed. The keyring stays locked for
 * the rest of this process: this test runs last. */
static void
test_faults_keyring_locked (SbTestEnv     *env,
                            gconstpointer  data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (prompter_xml, NULL);
  GDBusInterfaceVTable vtable = { prompter_method_call, NULL, NULL, { 0 } };
  g_autofree char *key = made_up_key ("locked");
  g_autofree char *new_key = made_up_key ("typed while locked");
  g_auto(KeyResult) stored = { 0 };
  g_auto(KeyResult) looked_up = { 0 };
  g_auto(KeyResult) stored_locked = { 0 };
  g_auto(KeyResult) listed = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *store_out = NULL;
  g_autofree char *store_err = NULL;
  g_autofree char *store_input = g_strconcat (new_key, "\n", NULL);
  const char *print_args[] = { NULL };
  const char *store_args[] = { "--store", NULL };
  Prompter prompter = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean acquired = FALSE;
  guint registration;
  guint owner;

  g_assert_nonnull (bus);
  key_store (SB_KEY_STORE_DEFAULT_PROFILE, key, &stored);
  g_assert_no_error (stored.error);

  registration = g_dbus_connection_register_object (bus, "/org/gnome/keyring/Prompter",
                                                    node->interfaces[0], &vtable, &prompter,
                                                    NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.gnome.keyring.SystemPrompter",
                                        G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired_cb,
                                        on_name_lost_cb, &acquired, NULL);
  while (!acquired)
    g_main_context_iteration (NULL, TRUE);
  lock_login_collection ();

  /* Locked and dismissed is like no key: no error, and the person is asked for one. */
  key_lookup (SB_KEY_STORE_DEFAULT_PROFILE, &looked_up);
  g_assert_no_error (looked_up.error);
  g_assert_null (looked_up.key);
  g_test_message ("%u prompts begun, %u password prompts dismissed", prompter.begun,
                  prompter.performed);
  g_assert_cmpuint (prompter.begun, >=, 1);

  /* Listing unlocks nothing. */
  prompter.begun = 0;
  key_list (&listed);
  g_assert_no_error (listed.error);
  g_assert_cmpuint (prompter.begun, ==, 0);

  /* Storing into the locked keyring, dismissed: a clear failure, the key nowhere. */
  key_store (SB_KEY_STORE_DEFAULT_PROFILE, new_key, &stored_locked);
  g_assert_false (stored_locked.ok);
  g_assert_nonnull (stored_locked.error);
  g_test_message ("store while locked: %s", stored_locked.error->message);
  g_assert_null (strstr (stored_locked.error->message, new_key));

  /* The helper Claude Code runs says so in one line and prints no key. */
  g_assert_cmpint (run_signalbox_key (print_args, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "the keyring stayed locked"));
  g_assert_cmpint (run_signalbox_key (store_args, store_input, &store_out, &store_err), !=, 0);
  g_assert_null (strstr (store_err, new_key));
  g_assert_cmpstr (store_err, !=, "");
  g_test_message ("signalbox-key --store while locked: %s", store_err);

  assert_key_nowhere (env, key);
  assert_key_nowhere (env, new_key);

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
}

/* No Secret Service at all, and libsecret told to fall back to a file: the key is refused,
 * said so, and written nowhere. */
static void
test_faults_keyring_absent (SbTestEnv     *env,
                            gconstpointer  data)
{
  g_autofree char *key = made_up_key ("no service");
  g_autofree char *input = g_strconcat (key, "\n", NULL);
  const char *store_args[] = { "--store", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/signalbox-bus", TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_assert_cmpint (run_signalbox_key (store_args, input, &out, &err), ==, 2);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  g_unsetenv ("SECRET_BACKEND");

  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "Secret Service"));
  g_assert_null (strstr (err, key));
  assert_key_nowhere (env, key);
}

/* Walks @dir: nothing is world-writable, and every file that holds @token is private
 * (0600 in a folder only its owner may enter), except @chosen, the user's own file. */
static guint
assert_modes (const char *dir,
              const char *token,
              const char *chosen)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint holding = 0;
  GStatBuf st;

  g_assert_nonnull (d);
  g_assert_cmpint (g_lstat (dir, &st), ==, 0);
  if (st.st_mode & S_IWOTH)
    g_error ("%s is world-writable (%o)", dir, st.st_mode & 07777);

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize length = 0;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        {
          holding += assert_modes (path, token, chosen);
          continue;
        }
      if (!S_ISREG (st.st_mode))
        continue;

      if (st.st_mode & S_IWOTH)
        g_error ("%s is world-writable (%o)", path, st.st_mode & 07777);

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      if (g_strstr_len (text, length, token) != NULL && g_strcmp0 (path, chosen) != 0)
        {
          g_autofree char *parent = g_path_get_dirname (path);
          GStatBuf parent_st;

          g_assert_cmpint (g_stat (parent, &parent_st), ==, 0);
          if ((st.st_mode & 077) != 0 || (parent_st.st_mode & 077) != 0)
            g_error ("%s holds a token but is %o in a folder that is %o", path,
                     st.st_mode & 07777, parent_st.st_mode & 07777);
          holding++;
        }
    }

  return holding;
}

/* With no umask to help, every file signalbox writes has the mode it chose: the history
 * that keeps old versions of a settings file with a token in it is 0600 in 0700 folders,
 * nothing is world-writable. */
static void
test_faults_file_modes (SbTestEnv     *env,
                        gconstpointer  data)
{
  g_autofree char *token = fake_token ();
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *user_text = g_strdup_printf (
    "{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_API_KEY\": \"\",\n"
    "    \"ANTHROPIC_AUTH_TOKEN\": \"%s\"\n  }\n}\n", token);
  g_autofree char *cache = g_build_filename (env->root, "cache", NULL);
  g_autofree char *cache_before = g_strdup (g_getenv ("XDG_CACHE_HOME"));
  const char *status_args[] = { "--status", "--json", env->folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  mode_t old_umask;
  guint holding;
  GStatBuf st;

  sb_test_write (user, user_text);
  g_assert_cmpint (g_chmod (user, 0600), ==, 0);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  old_umask = umask (0);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *model = g_strdup_printf ("vendor/mode-%u", i);
      const char *user_args[] = { "--use", model, "--layer", "user", env->folder, NULL };
      g_autofree char *use_out = NULL;
      g_autofree char *use_err = NULL;

      g_assert_cmpint (run_signalbox (user_args, &use_out, &use_err), ==, 0);
      /* The project and local files do not exist yet: created. */
      use_model (env, model);
    }
  g_assert_cmpint (run_signalbox (status_args, &out, &err), ==, 0);
  g_assert_null (strstr (out, token));

  umask (old_umask);
  if (cache_before != NULL)
    g_setenv ("XDG_CACHE_HOME", cache_before, TRUE);
  else
    g_unsetenv ("XDG_CACHE_HOME");

  /* The user's file keeps the mode they gave it. */
  g_assert_cmpint (g_stat (user, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  holding = assert_modes (env->root, token, user);
  g_test_message ("%u files besides the user's hold the token, all private", holding);
  /* The history kept the versions with the token: checked, not skipped. */
  g_assert_cmpuint (holding, >=, 2);
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
  ADD_TEST ("/signalbox/faults/file-modes", test_faults_file_modes);
  ADD_TEST ("/signalbox/faults/keyring-absent", test_faults_keyring_absent);
  ADD_TEST ("/signalbox/faults/keyring-item-deleted", test_faults_keyring_item_deleted);
  /* Last: it leaves the keyring locked. */
  ADD_TEST ("/signalbox/faults/keyring-locked", test_faults_keyring_locked);

  return g_test_run ();
}
