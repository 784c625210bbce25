/* test-layer.c
 *
 * Tests for finding and reading a folder's settings layers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sb-json-edit.h"
#include "sb-layer-stack.h"
#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

static char *
path_in (const char *dir,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;
  const char *part;

  g_ptr_array_add (parts, (gpointer) dir);
  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  while ((part = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static void
test_layer_all_missing (SbTestEnv     *env,
                        gconstpointer  data)
{
  g_autoptr(SbLayerStack) stack = sb_layer_stack_new (env->folder);
  GPtrArray *layers = sb_layer_stack_get_layers (stack);
  g_autofree char *user = path_in (env->home, ".claude", "settings.json", NULL);
  g_autofree char *project = path_in (env->folder, ".claude", "settings.json", NULL);
  g_autofree char *local = path_in (env->folder, ".claude", "settings.local.json", NULL);

  /* No managed folder: three layers. */
  g_assert_cmpuint (layers->len, ==, 3);
  g_assert_cmpstr (sb_layer_get_path (g_ptr_array_index (layers, 0)), ==, user);
  g_assert_cmpstr (sb_layer_get_path (g_ptr_array_index (layers, 1)), ==, project);
  g_assert_cmpstr (sb_layer_get_path (g_ptr_array_index (layers, 2)), ==, local);

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);

      g_assert_cmpint (sb_layer_get_scope (layer), ==, (SbScope) i);
      g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_MISSING);
      g_assert_null (sb_layer_get_error (layer));
      g_assert_null (sb_layer_get_root (layer));
    }

  g_assert_cmpuint (json_object_get_size (json_node_get_object (sb_layer_stack_get_effective (stack))),
                    ==, 0);
  g_assert_cmpuint (sb_layer_stack_get_origins (stack)->len, ==, 0);
}

static void
test_layer_states (SbTestEnv     *env,
                   gconstpointer  data)
{
  g_autofree char *user = path_in (env->home, ".claude", "settings.json", NULL);
  g_autofree char *project = path_in (env->folder, ".claude", "settings.json", NULL);
  g_autofree char *local = path_in (env->folder, ".claude", "settings.local.json", NULL);
  g_autoptr(SbLayerStack) stack = NULL;
  SbLayer *layer;
  SbScope scope;

  sb_test_write (user, "{\n  \"model\": \"sonnet\"\n}\n");
  sb_test_write (project, "{\"model\": \"opus\" \"env\": {}}");
  /* A folder where the file should be cannot be read, even by root. */
  g_assert_cmpint (g_mkdir_with_parents (local, 0755), ==, 0);

  stack = sb_layer_stack_new (env->folder);

  layer = sb_layer_stack_get_layer (stack, SB_SCOPE_USER);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_OK);
  g_assert_null (sb_layer_get_error (layer));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (sb_layer_get_root (layer)),
                                                  "model"), ==, "sonnet");

  layer = sb_layer_stack_get_layer (stack, SB_SCOPE_PROJECT);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_INVALID);
  g_assert_true (g_str_has_prefix (sb_layer_get_error (layer), "1:18 "));
  g_assert_null (sb_layer_get_root (layer));

  layer = sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_UNREADABLE);
  g_assert_nonnull (sb_layer_get_error (layer));

  /* Only the user layer counts. */
  g_assert_true (sb_layer_stack_lookup_origin (stack, "/model", &scope));
  g_assert_cmpint (scope, ==, SB_SCOPE_USER);
  sb_test_assert_json_equal (sb_layer_stack_get_effective (stack), "{\"model\": \"sonnet\"}");
}

/* Files in the wild: comments make a file invalid, as for Claude Code; CRLF, tabs, no
 * final newline, duplicate keys and an empty file are fine. */
static void
test_layer_wild_files (SbTestEnv     *env,
                       gconstpointer  data)
{
  static const struct {
    const char *text;
    SbLayerState state;
    const char *effective;
    const char *error_prefix;
  } cases[] = {
    { "{\r\n\t\"model\": \"opus\"\r\n}", SB_LAYER_STATE_OK, "{\"model\": \"opus\"}", NULL },
    { "{\"model\": \"a\", \"model\": \"b\"}", SB_LAYER_STATE_OK, "{\"model\": \"b\"}", NULL },
    { "", SB_LAYER_STATE_OK, "{}", NULL },
    { "  \n", SB_LAYER_STATE_OK, "{}", NULL },
    { "{\n  // the model\n  \"model\": \"opus\"\n}\n", SB_LAYER_STATE_INVALID, "{}", "2:3 " },
    { "{\n  \"model\": \"opus\",\n}\n", SB_LAYER_STATE_INVALID, "{}", "2:18 trailing comma" },
    { "[\"model\"]", SB_LAYER_STATE_INVALID, "{}", "1:1 " },
    { "{\"env\": {\"A\": \"\xff\"}}", SB_LAYER_STATE_INVALID, "{}", "1:" },
  };
  g_autofree char *user = path_in (env->home, ".claude", "settings.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SbLayerStack) stack = NULL;
      g_autofree char *shown = g_strescape (cases[i].text, NULL);
      SbLayer *layer;

      sb_test_write (user, cases[i].text);
      stack = sb_layer_stack_new (env->folder);
      layer = sb_layer_stack_get_layer (stack, SB_SCOPE_USER);

      g_test_message ("case %u: %s", i, shown);
      g_assert_cmpint (sb_layer_get_state (layer), ==, cases[i].state);
      sb_test_assert_json_equal (sb_layer_stack_get_effective (stack), cases[i].effective);
      if (cases[i].error_prefix != NULL)
        g_assert_true (g_str_has_prefix (sb_layer_get_error (layer), cases[i].error_prefix));
    }
}

static void
test_layer_claude_config_dir (SbTestEnv     *env,
                              gconstpointer  data)
{
  g_autofree char *config = path_in (env->root, "elsewhere", NULL);
  g_autofree char *user = path_in (config, "settings.json", NULL);
  g_autoptr(SbLayerStack) stack = NULL;

  g_setenv ("CLAUDE_CONFIG_DIR", config, TRUE);
  sb_test_write (user, "{\"model\": \"haiku\"}");

  stack = sb_layer_stack_new (env->folder);
  g_assert_cmpstr (sb_layer_get_path (sb_layer_stack_get_layer (stack, SB_SCOPE_USER)), ==, user);
  sb_test_assert_json_equal (sb_layer_stack_get_effective (stack), "{\"model\": \"haiku\"}");
}

/* In a subfolder of a git work tree, Claude Code keeps the local file at the root. */
static void
test_layer_local_at_git_root (SbTestEnv     *env,
                              gconstpointer  data)
{
  static const gboolean dot_git_is_file[] = { FALSE, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (dot_git_is_file); i++)
    {
      g_autofree char *sub = path_in (env->folder, "packages", "web", NULL);
      g_autofree char *dot_git = path_in (env->folder, ".git", NULL);
      g_autofree char *root_local = path_in (env->folder, ".claude", "settings.local.json", NULL);
      g_autofree char *sub_project = path_in (sub, ".claude", "settings.json", NULL);
      g_autoptr(SbLayerStack) stack = NULL;
      g_autoptr(SbLayerStack) root_stack = NULL;

      sb_test_remove_tree (dot_git);
      if (dot_git_is_file[i])
        sb_test_write (dot_git, "gitdir: /somewhere/.git/worktrees/app\n");
      else
        g_assert_cmpint (g_mkdir_with_parents (dot_git, 0755), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);

      stack = sb_layer_stack_new (sub);
      g_assert_cmpstr (sb_layer_get_path (sb_layer_stack_get_layer (stack, SB_SCOPE_PROJECT)),
                       ==, sub_project);
      g_assert_cmpstr (sb_layer_get_path (sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL)),
                       ==, root_local);

      /* At the root itself nothing changes. */
      root_stack = sb_layer_stack_new (env->folder);
      g_assert_cmpstr (sb_layer_get_path (sb_layer_stack_get_layer (root_stack, SB_SCOPE_LOCAL)),
                       ==, root_local);
    }
}

static void
test_layer_managed (SbTestEnv     *env,
                    gconstpointer  data)
{
  g_autofree char *base = path_in (env->managed, "managed-settings.json", NULL);
  g_autofree char *a = path_in (env->managed, "managed-settings.d", "10-a.json", NULL);
  g_autofree char *b = path_in (env->managed, "managed-settings.d", "20-b.json", NULL);
  g_autofree char *hidden = path_in (env->managed, "managed-settings.d", ".30-c.json", NULL);
  g_autofree char *other = path_in (env->managed, "managed-settings.d", "README", NULL);
  g_autoptr(SbLayerStack) stack = NULL;
  GPtrArray *layers;
  SbScope scope;

  sb_test_write (b, "{\"env\": {\"ANTHROPIC_MODEL\": \"b\"}}");
  sb_test_write (a, "{\"env\": {\"ANTHROPIC_MODEL\": \"a\", \"HTTPS_PROXY\": \"http://p:1\"}}");
  sb_test_write (base, "{\"env\": {\"ANTHROPIC_MODEL\": \"base\"}, \"cleanupPeriodDays\": 7}");
  sb_test_write (hidden, "{\"env\": {\"ANTHROPIC_MODEL\": \"hidden\"}}");
  sb_test_write (other, "not json");

  stack = sb_layer_stack_new (env->folder);
  layers = sb_layer_stack_get_layers (stack);
  g_assert_cmpuint (layers->len, ==, 6);
  g_assert_cmpstr (sb_layer_get_path (g_ptr_array_index (layers, 3)), ==, base);
  g_assert_cmpstr (sb_layer_get_path (g_ptr_array_index (layers, 4)), ==, a);
  g_assert_cmpstr (sb_layer_get_path (g_ptr_array_index (layers, 5)), ==, b);
  g_assert_true (sb_layer_get_read_only (g_ptr_array_index (layers, 5)));

  sb_test_assert_json_equal (sb_layer_stack_get_effective (stack),
                             "{\"env\": {\"ANTHROPIC_MODEL\": \"b\", \"HTTPS_PROXY\": \"http://p:1\"},"
                             " \"cleanupPeriodDays\": 7}");
  g_assert_true (sb_layer_stack_lookup_origin (stack, "/env/ANTHROPIC_MODEL", &scope));
  g_assert_cmpint (scope, ==, SB_SCOPE_MANAGED);
}

/* In the home folder, the project file is the user file: it must not count twice (its
 * arrays would be concatenated with themselves). */
static void
test_layer_home_folder (SbTestEnv     *env,
                        gconstpointer  data)
{
  g_autofree char *user = path_in (env->home, ".claude", "settings.json", NULL);
  g_autoptr(SbLayerStack) stack = NULL;

  sb_test_write (user, "{\"permissions\": {\"allow\": [\"Read\", \"Read\"]}}");
  stack = sb_layer_stack_new (env->home);

  g_assert_null (sb_layer_stack_get_layer (stack, SB_SCOPE_PROJECT));
  g_assert_cmpuint (sb_layer_stack_get_layers (stack)->len, ==, 2);
  sb_test_assert_json_equal (sb_layer_stack_get_effective (stack),
                             "{\"permissions\": {\"allow\": [\"Read\", \"Read\"]}}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/layer/all-missing", test_layer_all_missing);
  ADD_TEST ("/signalbox/layer/states", test_layer_states);
  ADD_TEST ("/signalbox/layer/wild-files", test_layer_wild_files);
  ADD_TEST ("/signalbox/layer/claude-config-dir", test_layer_claude_config_dir);
  ADD_TEST ("/signalbox/layer/local-at-git-root", test_layer_local_at_git_root);
  ADD_TEST ("/signalbox/layer/managed", test_layer_managed);
  ADD_TEST ("/signalbox/layer/home-folder", test_layer_home_folder);

  return g_test_run ();
}
