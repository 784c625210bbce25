/* test-security-keys.c
 *
 * A key moved into the keyring leaves no copy on disk: signalbox --move-keys, the history
 * scrub and the removal of a profile's key, against the real gnome-keyring of a private
 * D-Bus session (tests/sb-test-session --keyring).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sb-history.h"
#include "sb-key-store.h"
#include "sb-layer.h"
#include "sb-routing.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestEnv  env;
  char      *helper;  /* the helper command for the default profile, as JSON text */
  char      *local;
  char      *user;
  char      *history;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autofree char *quoted = NULL;

  sb_test_env_setup (&fixture->env, data);

  /* The built signalbox-key stands in for the installed one. */
  g_setenv (SB_ROUTING_HELPER_ENV, g_getenv ("SIGNALBOX_KEY_BINARY"), TRUE);
  quoted = g_shell_quote (g_getenv ("SIGNALBOX_KEY_BINARY"));
  fixture->helper = g_strescape (quoted, NULL);

  fixture->local = g_build_filename (fixture->env.folder, ".claude", "settings.local.json",
                                     NULL);
  fixture->user = g_build_filename (fixture->env.home, ".claude", "settings.json", NULL);
  fixture->history = g_build_filename (fixture->env.state, "signalbox", "history", NULL);

  g_free (sb_test_secret_tool ("clear", "default"));
  g_free (sb_test_secret_tool ("clear", "work"));
  g_free (sb_test_secret_tool ("clear", "gone"));
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_free (sb_test_secret_tool ("clear", "default"));
  g_free (sb_test_secret_tool ("clear", "work"));
  g_free (sb_test_secret_tool ("clear", "gone"));
  g_unsetenv (SB_ROUTING_HELPER_ENV);
  g_clear_pointer (&fixture->helper, g_free);
  g_clear_pointer (&fixture->local, g_free);
  g_clear_pointer (&fixture->user, g_free);
  g_clear_pointer (&fixture->history, g_free);
  sb_test_env_teardown (&fixture->env, data);
}

/* A key of the real shape, made here so that none is ever committed. */
static char *
made_up_key (const char *salt)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, salt, -1);

  return g_strconcat ("sk-or-", "v1-", sum, NULL);
}

/* @key as a JSON string's content could spell it: its first letter and first hex digit as
 * \u escapes. */
static char *
escaped_spelling (const char *key)
{
  const char *hex = key + strlen ("sk-or-v1-");

  return g_strdup_printf ("\\u%04x%.*s\\u%04x%s", key[0], (int) (hex - key - 1), key + 1,
                          hex[0], hex + 1);
}

/* Runs signalbox with @args, and @bus as the session bus when not %NULL. */
static int
run_signalbox (const char * const  *args,
               const char          *bus,
               char               **out,
               char               **err)
{
  const char *env[] = { "DBUS_SESSION_BUS_ADDRESS", bus, NULL };
  SbTestRunOptions options = { .env = bus != NULL ? env : NULL };

  return sb_test_run ("SIGNALBOX_BINARY", args, &options, out, err);
}

static void
use_model (Fixture    *fixture,
           const char *model,
           const char *layer)
{
  const char *args[] = { "--use", model, "--layer", layer, fixture->env.folder, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Standard error may note that a higher layer sets the model too. */
  g_assert_cmpint (run_signalbox (args, NULL, &out, &err), ==, 0);
}

/* How many regular files under @dir hold @needle; their paths are added to @found. */
static guint
count_holding (const char *dir,
               const char *needle,
               GPtrArray  *found)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        count += count_holding (path, needle, found);
      else if (S_ISREG (st.st_mode))
        {
          g_autofree char *text = NULL;
          gsize length = 0;

          g_assert_true (g_file_get_contents (path, &text, &length, NULL));
          if (g_strstr_len (text, length, needle) != NULL)
            {
              count++;
              if (found != NULL)
                g_ptr_array_add (found, g_steal_pointer (&path));
            }
        }
    }

  return count;
}

/* No file this session wrote holds @needle: the test's folder (home, project, state) and
 * the session's own home and runtime folders, where gnome-keyring keeps its files. */
static void
assert_nowhere (Fixture    *fixture,
                const char *needle)
{
  g_autofree char *session = g_path_get_dirname (g_getenv ("XDG_RUNTIME_DIR"));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  count_holding (fixture->env.root, needle, found);
  count_holding (session, needle, found);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("still holds the key: %s", (char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

/* Every file of the history still parses: the marker left valid JSON. */
static guint
assert_history_parses (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        count += assert_history_parses (path);
      else if (g_str_has_suffix (name, ".json"))
        {
          g_autofree char *text = sb_test_read (path);
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;

          json_parser_load_from_data (parser, text, -1, &error);
          g_assert_no_error (error);
          count++;
        }
    }

  return count;
}

/* Fails unless the file at @path holds exactly @expected. */
static void
assert_file (const char *path,
             const char *expected)
{
  g_autofree char *text = sb_test_read (path);

  g_assert_cmpstr (text, ==, expected);
}

/* @text less the line that holds @member, with `apiKeyHelper` added last, as a minimal
 * edit leaves it. */
static char *
expected_after_move (const char *text,
                     const char *member,
                     const char *helper)
{
  const char *line = strstr (text, member);
  const char *line_start;
  const char *line_end;
  g_autofree char *without = NULL;

  g_assert_nonnull (line);
  line_start = line;
  while (line_start > text && line_start[-1] != '\n')
    line_start--;
  line_end = strchr (line, '\n') + 1;
  without = g_strdup_printf ("%.*s%s", (int) (line_start - text), text, line_end);

  g_assert_true (g_str_has_suffix (without, "\n}\n"));
  without[strlen (without) - 3] = '\0';
  return g_strdup_printf ("%s,\n  \"apiKeyHelper\": \"%s\"\n}\n", without, helper);
}

/* The User and Local settings hold the key, and earlier saves left copies of them in the
 * history, one with the key spelled with escapes. After --move-keys, the key is in the
 * keyring and in no file; only the members that held it changed. */
static void
test_move_keys (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *key = made_up_key ("move-keys");
  g_autofree char *escaped = escaped_spelling (key);
  g_autofree char *user_text = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *user_before = NULL;
  g_autofree char *local_before = NULL;
  g_autofree char *user_expected = NULL;
  g_autofree char *local_expected = NULL;
  g_autofree char *user_member = NULL;
  g_autofree char *local_member = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *cleaned_line = NULL;
  const char *args[] = { "--move-keys", fixture->env.folder, NULL };
  guint holding;
  guint holding_escaped;
  guint copies;

  user_text = g_strdup_printf ("{\n"
                               "  \"model\": \"sonnet\",\n"
                               "  \"env\": {\n"
                               "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
                               "    \"ANTHROPIC_AUTH_TOKEN\": \"%s\",\n"
                               "    \"DISABLE_TELEMETRY\": \"1\"\n"
                               "  },\n"
                               "  \"permissions\": {\"allow\": [\"Read(src/**)\"]}\n"
                               "}\n", key);
  local_text = g_strdup_printf ("{\n"
                                "  \"env\": {\n"
                                "    \"OPENROUTER_API_KEY\": \"%s\",\n"
                                "    \"ANTHROPIC_MODEL\": \"vendor/first\"\n"
                                "  },\n"
                                "  \"hooks\": {}\n"
                                "}\n", escaped);
  sb_test_write (fixture->user, user_text);
  sb_test_write (fixture->local, local_text);

  /* Earlier saves keep the versions they replace, key and all. */
  use_model (fixture, "vendor/one", "local");
  use_model (fixture, "vendor/two", "user");
  g_free (local_text);
  local_text = g_strdup_printf ("{\n"
                                "  \"env\": {\n"
                                "    \"OPENROUTER_API_KEY\": \"%s\",\n"
                                "    \"ANTHROPIC_MODEL\": \"vendor/one\",\n"
                                "    \"DISABLE_AUTOUPDATER\": \"1\"\n"
                                "  },\n"
                                "  \"hooks\": {}\n"
                                "}\n", key);
  sb_test_write (fixture->local, local_text);
  use_model (fixture, "vendor/three", "local");
  use_model (fixture, "vendor/four", "user");

  holding = count_holding (fixture->history, key, NULL);
  holding_escaped = count_holding (fixture->history, escaped, NULL);
  g_test_message ("before: %u copies hold the key, %u spelled with escapes", holding,
                  holding_escaped);
  g_assert_cmpuint (holding, >=, 3);
  g_assert_cmpuint (holding_escaped, >=, 1);
  copies = assert_history_parses (fixture->history);

  user_before = sb_test_read (fixture->user);
  local_before = sb_test_read (fixture->local);
  user_member = g_strdup_printf ("\"ANTHROPIC_AUTH_TOKEN\": \"%s\"", key);
  local_member = g_strdup_printf ("\"OPENROUTER_API_KEY\": \"%s\"", key);
  user_expected = expected_after_move (user_before, user_member, fixture->helper);
  local_expected = expected_after_move (local_before, local_member, fixture->helper);

  g_assert_cmpint (run_signalbox (args, NULL, &out, &err), ==, 0);
  g_test_message ("%s", out);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "2 keys moved into the keyring, profile “default”"));
  /* The copies from before, and the two that the moves' own saves kept. */
  cleaned_line = g_strdup_printf ("%u copies in the history of the settings files were "
                                  "cleaned", holding + holding_escaped + 2);
  g_assert_nonnull (strstr (out, cleaned_line));
  g_assert_null (strstr (out, key));

  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, key);

  assert_file (fixture->user, user_expected);
  assert_file (fixture->local, local_expected);

  assert_nowhere (fixture, key);
  assert_nowhere (fixture, escaped);
  g_assert_cmpuint (assert_history_parses (fixture->history), ==, copies + 2);
  g_assert_cmpuint (count_holding (fixture->history, SB_HISTORY_SCRUB_MARKER, NULL), ==,
                    holding + holding_escaped + 2);

  /* Again: nothing left to move, and that is no failure. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_signalbox (args, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "nothing to move"));
}

/* Two different keys would both go to one profile, and the first would be lost: refused,
 * and nothing changes anywhere. */
static void
test_move_keys_different (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *key = made_up_key ("user");
  g_autofree char *other = made_up_key ("local");
  g_autofree char *user_text = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *stored = NULL;
  const char *args[] = { "--move-keys", fixture->env.folder, NULL };
  guint holding;

  user_text = g_strdup_printf ("{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"%s\"}}\n", key);
  local_text = g_strdup_printf ("{\"env\": {\"ANTHROPIC_API_KEY\": \"%s\"}}\n", other);
  sb_test_write (fixture->user, user_text);
  sb_test_write (fixture->local, local_text);
  use_model (fixture, "vendor/one", "local");
  g_free (local_text);
  local_text = sb_test_read (fixture->local);
  holding = count_holding (fixture->history, other, NULL);
  g_assert_cmpuint (holding, ==, 1);

  g_assert_cmpint (run_signalbox (args, NULL, &out, &err), ==, 2);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "different keys"));
  g_assert_nonnull (strstr (err, "nothing was changed"));
  g_assert_null (strstr (err, key));
  g_assert_null (strstr (err, other));

  assert_file (fixture->user, user_text);
  assert_file (fixture->local, local_text);
  g_assert_cmpuint (count_holding (fixture->history, other, NULL), ==, holding);
  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, "");
}

/* No keyring to move into: said so, and nothing changes. A profile must be a profile. */
static void
test_move_keys_unavailable (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *key = made_up_key ("unavailable");
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--move-keys", fixture->env.folder, NULL };
  const struct {
    const char *args[5];
  } usage[] = {
    { { "--profile", "work", "--status", NULL } },
    { { "--move-keys", "--profile", "", NULL } },
    { { "--move-keys", "--profile", "-x", NULL } },
    { { "--move-keys", "--json", NULL } },
    { { "--move-keys", "--use", "vendor/one", NULL } },
  };

  text = g_strdup_printf ("{\"env\": {\"OPENROUTER_API_KEY\": \"%s\"}}\n", key);
  sb_test_write (fixture->local, text);

  g_assert_cmpint (run_signalbox (args, "unix:path=/nonexistent/signalbox-bus", &out, &err),
                   ==, 2);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "Secret Service"));
  g_assert_nonnull (strstr (err, "Nothing was changed"));
  assert_file (fixture->local, text);
  g_assert_false (g_file_test (fixture->history, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_signalbox (usage[i].args, NULL, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      assert_file (fixture->local, text);
    }
}

/* --profile names the profile the key goes to, and the helper asks for that one. */
static void
test_move_keys_profile (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *key = made_up_key ("work");
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *after = NULL;
  g_autofree char *helper = NULL;
  const char *args[] = { "--move-keys", "--profile", "work", fixture->env.folder, NULL };

  text = g_strdup_printf ("{\n  \"env\": {\n    \"ANTHROPIC_API_KEY\": \"Bearer %s\"\n  }\n}\n",
                          key);
  sb_test_write (fixture->user, text);
  use_model (fixture, "vendor/one", "user");

  g_assert_cmpint (run_signalbox (args, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "1 key moved into the keyring, profile “work”"));
  g_assert_nonnull (strstr (out, "2 copies in the history"));
  stored = sb_test_secret_tool ("lookup", "work");
  g_assert_cmpstr (stored, ==, key);

  after = sb_test_read (fixture->user);
  helper = g_strdup_printf ("\"apiKeyHelper\": \"%s --profile 'work'\"", fixture->helper);
  g_assert_nonnull (strstr (after, helper));
  g_assert_nonnull (strstr (after, "\"ANTHROPIC_API_KEY\": \"\""));
  assert_nowhere (fixture, key);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  gboolean  removed;
  guint     n_cleaned;
  GError   *error;
} Result;

static void
on_removed (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  Result *result = user_data;

  result->ok = sb_routing_remove_key_finish (async_result, &result->removed,
                                             &result->n_cleaned, &result->error);
  result->done = TRUE;
}

static void
on_stored (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  Result *result = user_data;

  result->ok = sb_key_store_store_finish (async_result, &result->error);
  result->done = TRUE;
}

/* A key removed from the key page is scrubbed from the history too: copies made before it
 * was moved (by an older Signalbox, or by hand) would keep it for ever. */
static void
test_remove_key (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *key = made_up_key ("gone");
  g_autofree char *other = made_up_key ("kept");
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  Result store = { 0 };
  Result removal = { 0 };
  guint holding;

  text = g_strdup_printf ("{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"%s\", "
                          "\"OTHER\": \"%s\"}}\n", key, other);
  sb_test_write (fixture->user, text);
  use_model (fixture, "vendor/one", "user");
  use_model (fixture, "vendor/two", "user");
  holding = count_holding (fixture->history, key, NULL);
  g_assert_cmpuint (holding, ==, 2);

  sb_key_store_store_async ("gone", key, NULL, on_stored, &store);
  while (!store.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (store.error);

  sb_routing_remove_key_async ("gone", NULL, on_removed, &removal);
  while (!removal.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (removal.error);
  g_assert_true (removal.ok);
  g_assert_true (removal.removed);
  g_assert_cmpuint (removal.n_cleaned, ==, holding);

  stored = sb_test_secret_tool ("lookup", "gone");
  g_assert_cmpstr (stored, ==, "");
  g_assert_cmpuint (count_holding (fixture->history, key, NULL), ==, 0);
  assert_history_parses (fixture->history);
  /* Only that key: the rest of each copy is as it was. */
  g_assert_cmpuint (count_holding (fixture->history, other, NULL), ==, holding);
}

/* The scrub itself, on copies written by hand: every spelling inside a JSON string, the
 * key as a member name, twice in one string, and a copy that does not parse. */
static void
test_scrub_spellings (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *key = made_up_key ("spellings");
  g_autofree char *escaped = escaped_spelling (key);
  g_autofree char *dir = g_build_filename (fixture->history, "0123456789abcdef", NULL);
  g_autofree char *slashed = NULL;
  g_autoptr(GError) error = NULL;
  guint cleaned = 0;
  const char *marker = SB_HISTORY_SCRUB_MARKER;
  struct {
    char *before;
    char *after;
  } cases[5];

  /* A `\/` escape of a character that needs none, in a key made to hold one. */
  slashed = g_strdup_printf ("%.12s\\/%s", key, key + 12);

  cases[0].before = g_strdup_printf ("{\"a\": \"Bearer %s\", \"b\": [\"x%sy\"]}", escaped, key);
  cases[0].after = g_strdup_printf ("{\"a\": \"Bearer %s\", \"b\": [\"x%sy\"]}", marker, marker);
  cases[1].before = g_strdup_printf ("{\"%s\": \"%s %s\"}\n", key, escaped, key);
  cases[1].after = g_strdup_printf ("{\"%s\": \"%s %s\"}\n", marker, marker, marker);
  cases[2].before = g_strdup_printf ("{\"env\": {\"K\": \"%s\"\n", key);
  cases[2].after = g_strdup_printf ("{\"env\": {\"K\": \"%s\"\n", marker);
  cases[3].before = g_strdup ("{\"env\": {\"K\": \"\\u0041\\\\ \\\" none here\"}}");
  cases[3].after = g_strdup (cases[3].before);
  cases[4].before = g_strdup_printf ("{\"k\": \"%s\"}", slashed);
  cases[4].after = g_strdup_printf ("{\"k\": \"%s\"}", slashed);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("version-%u.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      sb_test_write (path, cases[i].before);
    }

  g_assert_true (sb_history_scrub (key, &cleaned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cleaned, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("version-%u.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = sb_test_read (path);
      GStatBuf st;

      g_assert_cmpstr (text, ==, cases[i].after);
      /* A rewritten copy is as private as the history keeps every copy. */
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if (strcmp (cases[i].before, cases[i].after) != 0)
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_free (cases[i].before);
      g_free (cases[i].after);
    }

  /* A key whose text holds the `/` that case 4 wrote escaped. */
  {
    g_autofree char *with_slash = g_strdup_printf ("%.12s/%s", key, key + 12);
    g_autofree char *path = g_build_filename (dir, "version-4.json", NULL);
    g_autofree char *text = NULL;

    g_assert_true (sb_history_scrub (with_slash, &cleaned, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (cleaned, ==, 1);
    text = sb_test_read (path);
    g_assert_cmpstr (text, ==, "{\"k\": \"<moved to the keyring>\"}");
  }
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/security-keys/move-keys", test_move_keys);
  ADD_TEST ("/signalbox/security-keys/move-keys-different", test_move_keys_different);
  ADD_TEST ("/signalbox/security-keys/move-keys-unavailable", test_move_keys_unavailable);
  ADD_TEST ("/signalbox/security-keys/move-keys-profile", test_move_keys_profile);
  ADD_TEST ("/signalbox/security-keys/remove-key", test_remove_key);
  ADD_TEST ("/signalbox/security-keys/scrub-spellings", test_scrub_spellings);

  return g_test_run ();
}
