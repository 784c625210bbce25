/* test-routing-keyring.c
 *
 * Tests for moving plain-text keys from settings files into the real gnome-keyring of a
 * private D-Bus session (tests/sb-test-session --keyring).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sb-key-store.h"
#include "sb-routing.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestEnv  env;
  char      *escaped;  /* the helper command for the default profile, as JSON text */
  char      *local;
  char      *user;
} Fixture;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autofree char *quoted = NULL;

  sb_test_env_setup (&fixture->env, data);

  /* The built signalbox-key stands in for the installed one. */
  g_setenv (SB_ROUTING_HELPER_ENV, g_getenv ("SIGNALBOX_KEY_BINARY"), TRUE);
  quoted = g_shell_quote (g_getenv ("SIGNALBOX_KEY_BINARY"));
  fixture->escaped = g_strescape (quoted, NULL);

  fixture->local = g_build_filename (fixture->env.folder, ".claude", "settings.local.json",
                                     NULL);
  fixture->user = g_build_filename (fixture->env.home, ".claude", "settings.json", NULL);

  g_free (sb_test_secret_tool ("clear", "default"));
  g_free (sb_test_secret_tool ("clear", "client-a"));
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_free (sb_test_secret_tool ("clear", "default"));
  g_free (sb_test_secret_tool ("clear", "client-a"));
  g_unsetenv (SB_ROUTING_HELPER_ENV);
  g_clear_pointer (&fixture->escaped, g_free);
  g_clear_pointer (&fixture->local, g_free);
  g_clear_pointer (&fixture->user, g_free);
  sb_test_env_teardown (&fixture->env, data);
}

static void
on_moved (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  Result *result = user_data;

  result->ok = sb_routing_move_key_finish (async_result, NULL, &result->error);
  result->done = TRUE;
}

static gboolean
move (SbLayer     *layer,
      const char  *pointer,
      const char  *profile,
      GError     **error)
{
  Result result = { 0 };

  sb_routing_move_key_async (layer, pointer, profile, NULL, on_moved, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.ok;
}

static void
assert_file (const char *path,
             const char *expected)
{
  g_autofree char *text = sb_test_read (path);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_move_auth_token (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char key[] = "sk-or-v1-4f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *profile = NULL;
  SbPlainKey *found;
  SbLayer *layer;

  sb_test_write (fixture->local,
                 "{\n"
                 "  \"permissions\": {\n"
                 "    \"allow\": [\"Bash(git diff:*)\"]\n"
                 "  },\n"
                 "  \"env\": {\n"
                 "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
                 "    \"ANTHROPIC_AUTH_TOKEN\": \"sk-or-v1-4f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d\",\n"
                 "    \"ANTHROPIC_API_KEY\": \"\",\n"
                 "    \"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\"\n"
                 "  }\n"
                 "}\n");
  stack = sb_layer_stack_new (fixture->env.folder);
  keys = sb_routing_find_plain_keys (stack);
  g_assert_cmpuint (keys->len, ==, 1);
  found = g_ptr_array_index (keys, 0);
  g_assert_cmpstr (found->pointer, ==, "/env/ANTHROPIC_AUTH_TOKEN");
  layer = found->layer;
  g_assert_true (layer == sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL));

  g_assert_true (move (found->layer, found->pointer, NULL, &error));
  g_assert_no_error (error);

  /* Any Secret Service client finds it. */
  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, key);

  /* The file no longer has it; only those members changed. */
  expected = g_strdup_printf ("{\n"
                              "  \"permissions\": {\n"
                              "    \"allow\": [\"Bash(git diff:*)\"]\n"
                              "  },\n"
                              "  \"env\": {\n"
                              "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
                              "    \"ANTHROPIC_API_KEY\": \"\",\n"
                              "    \"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\"\n"
                              "  },\n"
                              "  \"apiKeyHelper\": \"%s\"\n"
                              "}\n", fixture->escaped);
  assert_file (fixture->local, expected);
  text = sb_test_read (fixture->local);
  g_assert_null (strstr (text, key));
  g_assert_true (sb_routing_get_enabled (layer, &profile));
  g_assert_cmpstr (profile, ==, "default");

  g_ptr_array_unref (keys);
  keys = sb_routing_find_plain_keys (stack);
  g_assert_cmpuint (keys->len, ==, 0);

  /* And the helper that the file now names gives the key back. */
  {
    g_autoptr(GSubprocess) process = NULL;
    g_autofree char *out = NULL;

    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/bin/sh", "-c",
                                json_node_get_string (
                                  json_object_get_member (
                                    json_node_get_object (sb_layer_get_root (layer)),
                                    "apiKeyHelper")),
                                NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (out, key));
    g_assert_cmpstr (out + strlen (key), ==, "\n");
  }
}

static void
test_move_api_key_to_profile (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char key[] = "sk-or-v1-a1b2c3d4e5f60718293a4b5c6d7e8f90";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) layer = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *other = NULL;
  g_autofree char *expected = NULL;

  /* Tabs and no final newline, as some editors leave them. */
  sb_test_write (fixture->user,
                 "{\n"
                 "\t\"env\": {\n"
                 "\t\t\"ANTHROPIC_API_KEY\": \"sk-or-v1-a1b2c3d4e5f60718293a4b5c6d7e8f90\"\n"
                 "\t}\n"
                 "}");
  layer = sb_layer_new (SB_SCOPE_USER, fixture->user);

  g_assert_true (move (layer, "/env/ANTHROPIC_API_KEY", "client-a", &error));
  g_assert_no_error (error);

  stored = sb_test_secret_tool ("lookup", "client-a");
  g_assert_cmpstr (stored, ==, key);
  other = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (other, ==, "");

  /* ANTHROPIC_API_KEY stays, empty, as routing needs it. */
  expected = g_strdup_printf ("{\n"
                              "\t\"env\": {\n"
                              "\t\t\"ANTHROPIC_API_KEY\": \"\"\n"
                              "\t},\n"
                              "\t\"apiKeyHelper\": \"%s --profile 'client-a'\"\n"
                              "}", fixture->escaped);
  assert_file (fixture->user, expected);
}

/* The keyring refuses the value: the key stays where it was. */
static void
test_move_failed_keeps_key (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char text[] =
    "{\"env\": {\"OPENROUTER_API_KEY\": \"sk-or-v1-with a space-0123456789\"}}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) layer = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *missing = g_build_filename (fixture->env.root, "nowhere", "signalbox-key",
                                               NULL);

  sb_test_write (fixture->user, text);
  layer = sb_layer_new (SB_SCOPE_USER, fixture->user);

  g_assert_false (move (layer, "/env/OPENROUTER_API_KEY", NULL, &error));
  g_assert_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY);
  g_assert_null (strstr (error->message, "sk-or"));
  g_clear_error (&error);
  assert_file (fixture->user, text);
  g_assert_false (sb_layer_has_pending (layer));
  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, "");

  /* Nothing to move at that pointer. */
  g_assert_false (move (layer, "/env/ANTHROPIC_AUTH_TOKEN", NULL, &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NO_KEY);
  g_clear_error (&error);

  /* Without signalbox-key installed, the key is not moved at all. */
  sb_test_write (fixture->user,
                 "{\"env\": {\"OPENROUTER_API_KEY\": \"sk-or-v1-0123456789abcdef0123\"}}\n");
  sb_layer_reload (layer);
  g_setenv (SB_ROUTING_HELPER_ENV, missing, TRUE);
  g_assert_false (move (layer, "/env/OPENROUTER_API_KEY", NULL, &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_INSTALLED);
  g_clear_error (&error);
  g_free (stored);
  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, "");
  assert_file (fixture->user,
               "{\"env\": {\"OPENROUTER_API_KEY\": \"sk-or-v1-0123456789abcdef0123\"}}\n");
}

/* In a child process whose session bus leads nowhere (libsecret keeps its connection for
 * the life of a process): the keyring is unavailable, and the file keeps its key. */
static void
test_move_unavailable (void)
{
  static const char text[] =
    "{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"sk-or-v1-0123456789abcdef0123\"}}\n";

  if (g_test_subprocess ())
    {
      SbTestEnv env = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(SbLayer) layer = NULL;
      g_autofree char *path = NULL;

      sb_test_env_setup (&env, NULL);
      g_setenv (SB_ROUTING_HELPER_ENV, g_getenv ("SIGNALBOX_KEY_BINARY"), TRUE);
      path = g_build_filename (env.home, ".claude", "settings.json", NULL);
      sb_test_write (path, text);
      layer = sb_layer_new (SB_SCOPE_USER, path);

      g_assert_false (move (layer, "/env/ANTHROPIC_AUTH_TOKEN", NULL, &error));
      g_assert_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_UNAVAILABLE);
      g_assert_null (strstr (error->message, "sk-or"));
      assert_file (path, text);
      sb_test_env_teardown (&env, NULL);
      return;
    }

  {
    g_autofree char *address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/signalbox-bus", TRUE);
    g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    g_test_trap_assert_passed ();
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_assert_nonnull (g_getenv ("SIGNALBOX_KEY_BINARY"));

  /* First: the child process it starts must not find a connection already made. */
  g_test_add_func ("/signalbox/routing-keyring/unavailable", test_move_unavailable);
  ADD_TEST ("/signalbox/routing-keyring/move-auth-token", test_move_auth_token);
  ADD_TEST ("/signalbox/routing-keyring/move-api-key-to-profile",
            test_move_api_key_to_profile);
  ADD_TEST ("/signalbox/routing-keyring/failed-keeps-key", test_move_failed_keeps_key);

  return g_test_run ();
}
