/* test-save.c
 *
 * Tests for saving layers: minimal changes, concurrent writers, atomic replacement,
 * history, undo and watching.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sb-history.h"
#include "sb-json-edit.h"
#include "sb-layer.h"
#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

/* A local settings file as Claude Code leaves it: four-space indent, rules it appended. */
static const char local_text[] =
  "{\n"
  "    \"permissions\": {\n"
  "        \"allow\": [\n"
  "            \"Bash(npm run test:*)\",\n"
  "            \"WebFetch(domain:docs.anthropic.com)\"\n"
  "        ],\n"
  "        \"deny\": []\n"
  "    },\n"
  "    \"env\": {\n"
  "        \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\",\n"
  "        \"DISABLE_TELEMETRY\": \"1\"\n"
  "    },\n"
  "    \"enableAllProjectMcpServers\": true\n"
  "}";

static char *
local_path (SbTestEnv *env)
{
  return g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
}

static JsonNode *
string_node (const char *value)
{
  return json_node_init_string (json_node_alloc (), value);
}

static void
set_model (SbLayer    *layer,
           const char *model)
{
  g_autoptr(JsonNode) value = string_node (model);

  sb_layer_set_value (layer, "/env/ANTHROPIC_MODEL", value);
}

static void
test_save_minimal_diff (SbTestEnv     *env,
                        gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) want = g_string_new (local_text);

  sb_test_write (path, local_text);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  set_model (layer, "z-ai/glm-4.6:free");
  g_assert_true (sb_layer_has_pending (layer));

  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);
  g_assert_false (sb_layer_has_pending (layer));

  /* Only the value's bytes changed; no final newline was added. */
  g_string_replace (want, "qwen/qwen3-coder", "z-ai/glm-4.6:free", 1);
  after = sb_test_read (path);
  g_assert_cmpstr (after, ==, want->str);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_OK);
}

/* Claude Code appends a permission rule between our read and our save: both survive. */
static void
test_save_concurrent_change (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) outside = g_string_new (local_text);
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) root = NULL;

  sb_test_write (path, local_text);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  set_model (layer, "openai/gpt-5-codex");

  g_string_replace (outside, "\"WebFetch(domain:docs.anthropic.com)\"\n",
                    "\"WebFetch(domain:docs.anthropic.com)\",\n"
                    "            \"Bash(git log:*)\"\n", 1);
  sb_test_write (path, outside->str);

  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);

  after = sb_test_read (path);
  root = sb_test_parse (after);
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/permissions/allow/2")),
                   ==, "Bash(git log:*)");
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/env/ANTHROPIC_MODEL")),
                   ==, "openai/gpt-5-codex");
}

/* A file broken by someone else since we read it is not written, and the edit is dropped:
 * the next save, once the file parses again, writes its own edit and not that one. */
static void
test_save_invalid_never_written (SbTestEnv     *env,
                                 gconstpointer  data)
{
  static const char broken[] = "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"x\",\n  }\n}\n";
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  sb_test_write (path, local_text);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  set_model (layer, "x-ai/grok-code-fast-1");
  sb_test_write (path, broken);

  g_assert_false (sb_layer_save (layer, &error));
  g_assert_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3:27"));
  g_assert_false (sb_layer_has_pending (layer));

  after = sb_test_read (path);
  g_assert_cmpstr (after, ==, broken);
  versions = sb_history_list (path);
  g_assert_cmpuint (versions->len, ==, 0);

  /* Mended by someone else: an unrelated edit is saved, and only it. */
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  sb_test_write (path, local_text);
  {
    g_autoptr(JsonNode) value = string_node ("https://openrouter.ai/api");

    sb_layer_set_value (layer, "/env/ANTHROPIC_BASE_URL", value);
  }
  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);
  after = sb_test_read (path);
  g_assert_nonnull (strstr (after, "https://openrouter.ai/api"));
  g_assert_null (strstr (after, "x-ai/grok-code-fast-1"));
}

static void
test_save_modes (SbTestEnv     *env,
                 gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *fresh = g_build_filename (env->root, "new", ".claude", "settings.json", NULL);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(SbLayer) fresh_layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;

  sb_test_write (path, local_text);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  set_model (layer, "a/b");
  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  /* A new file, in a folder that does not exist yet. */
  fresh_layer = sb_layer_new (SB_SCOPE_USER, fresh);
  g_assert_cmpint (sb_layer_get_state (fresh_layer), ==, SB_LAYER_STATE_MISSING);
  set_model (fresh_layer, "a/b");
  g_assert_true (sb_layer_save (fresh_layer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpint (sb_layer_get_state (fresh_layer), ==, SB_LAYER_STATE_OK);
  text = sb_test_read (fresh);
  g_assert_cmpstr (text, ==, "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"a/b\"\n  }\n}\n");
}

/* A settings file kept elsewhere and linked is written through the link. */
static void
test_save_symlink (SbTestEnv     *env,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *target = g_build_filename (env->home, "dotfiles", "claude.json", NULL);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  sb_test_write (target, "{\"model\": \"opus\"}\n");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (symlink ("../dotfiles/claude.json", path), ==, 0);

  layer = sb_layer_new (SB_SCOPE_USER, path);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_OK);
  set_model (layer, "a/b");
  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  text = sb_test_read (target);
  g_assert_cmpstr (text, ==, "{\"model\": \"opus\", \"env\": {\"ANTHROPIC_MODEL\": \"a/b\"}}\n");
}

static void
test_save_history (SbTestEnv     *env,
                   gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *dir = sb_history_get_dir (path);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *oldest = NULL;
  GStatBuf st;

  sb_test_write (path, local_text);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);

  for (guint i = 0; i < SB_HISTORY_MAX_VERSIONS + 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *model = g_strdup_printf ("vendor/model-%u", i);

      set_model (layer, model);
      g_assert_true (sb_layer_save (layer, &error));
      g_assert_no_error (error);
    }

  versions = sb_history_list (path);
  g_assert_cmpuint (versions->len, ==, SB_HISTORY_MAX_VERSIONS);

  /* The newest version is the file before the last save; the oldest kept ones went. */
  newest = sb_test_read (g_ptr_array_index (versions, versions->len - 1));
  g_assert_nonnull (strstr (newest, "vendor/model-53"));
  oldest = sb_test_read (g_ptr_array_index (versions, 0));
  g_assert_nonnull (strstr (oldest, "vendor/model-4\""));

  /* They may hold tokens. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (g_ptr_array_index (versions, 0), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_save_undo (SbTestEnv     *env,
                gconstpointer  data)
{
  static const char *originals[] = {
    local_text,
    "{\n  \"model\": \"opus\"\n}\n",
    "{}",
  };
  g_autofree char *path = local_path (env);

  for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
    {
      g_autoptr(SbLayer) layer = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *changed = NULL;
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      sb_test_write (path, originals[i]);
      layer = sb_layer_new (SB_SCOPE_LOCAL, path);
      g_assert_false (sb_layer_can_undo (layer));

      set_model (layer, "deepseek/deepseek-chat-v3.1");
      g_assert_true (sb_layer_save (layer, &error));
      g_assert_no_error (error);
      g_assert_true (sb_layer_can_undo (layer));
      changed = sb_test_read (path);

      g_assert_true (sb_layer_undo (layer, &error));
      g_assert_no_error (error);
      undone = sb_test_read (path);
      g_assert_cmpstr (undone, ==, originals[i]);

      /* Undoing the undo redoes. */
      g_assert_true (sb_layer_undo (layer, &error));
      g_assert_no_error (error);
      redone = sb_test_read (path);
      g_assert_cmpstr (redone, ==, changed);
    }
}

static void
test_save_stale_temporaries (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *stale = g_build_filename (env->folder, ".claude",
                                             ".settings.local.json.sbtmp-Ab12Cd", NULL);
  g_autofree char *unrelated = g_build_filename (env->folder, ".claude", "notes.txt", NULL);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *claude_dir = g_path_get_dirname (path);
  const char *name;
  guint n = 0;

  sb_test_write (path, local_text);
  sb_test_write (stale, "{\"half\": ");
  sb_test_write (unrelated, "mine");

  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  set_model (layer, "a/b");
  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));

  dir = g_dir_open (claude_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 2);
}

static void
test_save_managed_read_only (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (env->managed, "managed-settings.json", NULL);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sb_test_write (path, "{}");
  layer = sb_layer_new (SB_SCOPE_MANAGED, path);
  set_model (layer, "a/b");
  g_assert_false (sb_layer_save (layer, &error));
  g_assert_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, "{}");
}

static void
test_save_remove (SbTestEnv     *env,
                  gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) want = g_string_new (local_text);
  g_autofree char *text = NULL;

  sb_test_write (path, local_text);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  sb_layer_remove_value (layer, "/env/ANTHROPIC_MODEL");
  /* Removing what is already gone is not an error. */
  sb_layer_remove_value (layer, "/env/ANTHROPIC_SMALL_FAST_MODEL");
  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);

  g_string_replace (want, "        \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\",\n", "", 1);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, want->str);
}

typedef struct
{
  guint external;
  guint internal;
} Counts;

static void
on_changed (SbLayer  *layer,
            gboolean  external,
            Counts   *counts)
{
  if (external)
    counts->external++;
  else
    counts->internal++;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_external (Counts *counts,
                   guint   expected)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (counts->external < expected && g_get_monotonic_time () < deadline)
    spin (20);
}

static void
test_save_watch (SbTestEnv     *env,
                 gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  Counts counts = { 0, 0 };

  sb_test_write (path, local_text);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  g_signal_connect (layer, "changed", G_CALLBACK (on_changed), &counts);
  sb_layer_set_watched (layer, TRUE);
  g_assert_true (sb_layer_get_watched (layer));

  /* Our own save: one internal change, and no external one even after the events come. */
  set_model (layer, "a/b");
  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.internal, ==, 1);
  spin (400);
  g_assert_cmpuint (counts.external, ==, 0);

  /* Someone else's. */
  sb_test_write (path, "{\"model\": \"opus\"}");
  wait_for_external (&counts, 1);
  g_assert_cmpuint (counts.external, ==, 1);
  g_assert_nonnull (sb_json_pointer_get (sb_layer_get_root (layer), "/model"));

  /* Broken, then deleted: the state follows. */
  sb_test_write (path, "{\"model\": ");
  wait_for_external (&counts, 2);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_INVALID);
  g_unlink (path);
  wait_for_external (&counts, 3);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_MISSING);

  sb_layer_set_watched (layer, FALSE);
  g_assert_false (sb_layer_get_watched (layer));
}

static void
test_save_create (SbTestEnv     *env,
                  gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayer) layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  struct stat st;

  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_MISSING);
  g_assert_true (sb_layer_create (layer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_OK);

  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, "{\n}\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* A file that appeared meanwhile is never replaced. */
  sb_test_write (path, local_text);
  g_assert_false (sb_layer_create (layer, &error));
  g_assert_nonnull (error);
  g_free (text);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, local_text);
}

static void
test_save_restore (SbTestEnv     *env,
                   gconstpointer  data)
{
  static const char broken[] = "{\n    \"env\": {\"ANTHROPIC_MODEL\": \"x\",}\n}\n";
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;

  /* Nothing in the history yet: nothing to restore, nothing written. */
  sb_test_write (path, broken);
  layer = sb_layer_new (SB_SCOPE_LOCAL, path);
  g_assert_false (sb_layer_restore (layer, NULL, &error));
  g_assert_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_EDIT);
  g_clear_error (&error);
  g_free (text);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, broken);

  /* A good version, then an edit saved (so the good one is in the history), then the file
   * broken by hand. */
  sb_test_write (path, local_text);
  sb_layer_reload (layer);
  set_model (layer, "z-ai/glm-4.6");
  g_assert_true (sb_layer_save (layer, &error));
  g_assert_no_error (error);
  sb_test_write (path, broken);
  sb_layer_reload (layer);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_INVALID);

  g_assert_true (sb_layer_restore (layer, &restored, &error));
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_OK);

  /* The newest version that parses is the one before the edit. */
  g_free (text);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, local_text);

  /* The broken text is in the history, so nothing was lost. */
  versions = sb_history_list (path);
  kept = sb_test_read (g_ptr_array_index (versions, versions->len - 1));
  g_assert_cmpstr (kept, ==, broken);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/save/minimal-diff", test_save_minimal_diff);
  ADD_TEST ("/signalbox/save/concurrent-change", test_save_concurrent_change);
  ADD_TEST ("/signalbox/save/invalid-never-written", test_save_invalid_never_written);
  ADD_TEST ("/signalbox/save/modes", test_save_modes);
  ADD_TEST ("/signalbox/save/symlink", test_save_symlink);
  ADD_TEST ("/signalbox/save/history", test_save_history);
  ADD_TEST ("/signalbox/save/undo", test_save_undo);
  ADD_TEST ("/signalbox/save/stale-temporaries", test_save_stale_temporaries);
  ADD_TEST ("/signalbox/save/managed-read-only", test_save_managed_read_only);
  ADD_TEST ("/signalbox/save/remove", test_save_remove);
  ADD_TEST ("/signalbox/save/watch", test_save_watch);
  ADD_TEST ("/signalbox/save/create", test_save_create);
  ADD_TEST ("/signalbox/save/restore", test_save_restore);

  return g_test_run ();
}
