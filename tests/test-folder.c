/* test-folder.c
 *
 * Tests for the model layer's folders: the changes made through SbFolder, what it says of
 * them, one-step Undo, changes from outside, and the sidebar's SbFolderList. No display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sb-claude-menu.h"
#include "sb-claude-tiers.h"
#include "sb-folder-list.h"
#include "sb-picker-sync.h"
#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

typedef struct
{
  GPtrArray *messages;   /* what ::notice said, "+" in front when undoable */
  guint      changed;
  guint      external;
} Recorder;

static void
on_notice_cb (SbFolder   *folder,
              const char *message,
              gboolean    undoable,
              Recorder   *recorder)
{
  g_ptr_array_add (recorder->messages, g_strdup_printf ("%s%s", undoable ? "+" : "", message));
}

static void
on_changed_cb (SbFolder *folder,
               gboolean  external,
               Recorder *recorder)
{
  recorder->changed++;
  recorder->external += external;
}

static void
recorder_connect (Recorder *recorder,
                  SbFolder *folder)
{
  recorder->messages = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (folder, "notice", G_CALLBACK (on_notice_cb), recorder);
  g_signal_connect (folder, "changed", G_CALLBACK (on_changed_cb), recorder);
}

/* Runs the main context until the folder's idle update has been and gone. */
static void
settle (void)
{
  for (guint i = 0; i < 3; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Makes the folder @path goes in. */
static void
make_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
}

/* Whether @path holds exactly @text. */
static void
assert_file (const char *path,
             const char *text)
{
  g_autofree char *actual = sb_test_read (path);

  g_assert_cmpstr (actual, ==, text);
}

static char *
local_path (SbTestEnv *env)
{
  return g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
}

static void
test_folder_set_value_and_undo (SbTestEnv     *env,
                                gconstpointer  data)
{
  static const char before[] =
    "{\n\t\"permissions\" :{\"allow\": [\"Bash(ls)\"]},  \"statusLine\": 1\n}\n";
  g_autoptr(SbFolder) folder = sb_folder_new (env->folder, NULL);
  g_autofree char *path = local_path (env);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder = { 0 };

  make_parent (path);
  sb_test_write (path, before);
  recorder_connect (&recorder, folder);

  /* Nothing is read until asked for. */
  g_assert_false (sb_folder_get_loaded (folder));
  g_assert_null (sb_folder_get_model (folder));
  g_assert_false (sb_folder_get_can_undo (folder));

  g_assert_true (sb_folder_set_value (folder, SB_SCOPE_LOCAL, "/env/ANTHROPIC_MODEL",
                                      "qwen/qwen3-coder", &error));
  g_assert_no_error (error);
  g_assert_true (sb_folder_get_loaded (folder));
  g_assert_true (sb_folder_get_can_undo (folder));
  g_assert_cmpuint (recorder.messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder.messages, 0), ==,
                   "+Set ANTHROPIC_MODEL in the Local settings");

  after = sb_test_read (path);
  g_assert_nonnull (strstr (after, "\t\"permissions\" :{\"allow\": [\"Bash(ls)\"]},"));
  g_assert_nonnull (strstr (after, "\"ANTHROPIC_MODEL\" :\"qwen/qwen3-coder\""));
  settle ();
  g_assert_cmpstr (sb_folder_get_model (folder), ==, "qwen/qwen3-coder");
  g_assert_cmpuint (recorder.changed, ==, 1);
  g_assert_cmpuint (recorder.external, ==, 0);

  /* Removing what is not there changes nothing and says nothing. */
  g_assert_true (sb_folder_set_value (folder, SB_SCOPE_LOCAL, "/env/NOT_THERE", NULL, &error));
  g_assert_cmpuint (recorder.messages->len, ==, 1);

  g_assert_true (sb_folder_undo (folder, &error));
  g_assert_no_error (error);
  undone = sb_test_read (path);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (sb_folder_get_can_undo (folder));
  g_assert_cmpstr (g_ptr_array_index (recorder.messages, 1), ==, "Undone");
  /* Nothing set: Claude Code's own default, as it will send it. */
  settle ();
  g_assert_cmpstr (sb_folder_get_model (folder), ==, "claude-opus-5-5");

  /* A second Undo has nothing to take back. */
  g_assert_false (sb_folder_undo (folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An empty text is a value, as Claude Code needs ANTHROPIC_API_KEY present and empty. */
  g_assert_true (sb_folder_set_value (folder, SB_SCOPE_LOCAL, "/env/ANTHROPIC_API_KEY", "",
                                      &error));
  g_assert_no_error (error);
  {
    g_autofree char *empty = sb_test_read (path);

    g_assert_nonnull (strstr (empty, "\"ANTHROPIC_API_KEY\" :\"\""));
  }

  g_ptr_array_unref (recorder.messages);
}

static void
test_folder_use_model (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autoptr(SbFolder) folder = sb_folder_new (env->folder, NULL);
  g_autofree char *path = local_path (env);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder = { 0 };

  recorder_connect (&recorder, folder);

  g_assert_true (sb_folder_use_model (folder, "moonshotai/kimi-k2", SB_SCOPE_LOCAL, &error));
  g_assert_no_error (error);
  text = sb_test_read (path);
  g_assert_nonnull (strstr (text, "moonshotai/kimi-k2"));
  g_assert_cmpstr (g_ptr_array_index (recorder.messages, 0), ==,
                   "+Now using moonshotai/kimi-k2, set in the Local settings");
  settle ();
  g_assert_cmpstr (sb_folder_get_model (folder), ==, "moonshotai/kimi-k2");

  /* A bad id changes nothing and leaves Undo as it was. */
  g_assert_false (sb_folder_use_model (folder, "not a model", SB_SCOPE_LOCAL, &error));
  g_assert_nonnull (error);
  g_assert_true (sb_folder_get_can_undo (folder));
  g_assert_cmpuint (recorder.messages->len, ==, 1);

  /* One Undo takes the whole switch back: the file did not exist. */
  g_assert_true (sb_folder_undo (folder, NULL));
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *left = sb_test_read (path);

      g_assert_null (strstr (left, "kimi"));
    }

  g_ptr_array_unref (recorder.messages);
}

static void
test_folder_changed_on_disk (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autoptr(SbFolder) folder = sb_folder_new (env->folder, NULL);
  g_autofree char *path = local_path (env);
  Recorder recorder = { 0 };
  SbLayer *local;

  make_parent (path);
  sb_test_write (path, "{\"model\": \"sonnet\"}\n");
  recorder_connect (&recorder, folder);
  g_assert_cmpstr (sb_layer_stack_get_folder (sb_folder_get_stack (folder)), ==, env->folder);
  /* An alias is said as the id it goes out as. */
  g_assert_cmpstr (sb_folder_get_model (folder), ==, "claude-sonnet-5-5");

  /* Another program rewrites the file: one ::changed, and a notice naming the layer. */
  sb_test_write (path, "{\"model\": \"opus\"}\n");
  local = sb_layer_stack_get_layer (sb_folder_get_stack (folder), SB_SCOPE_LOCAL);
  g_assert_true (sb_layer_reload (local));
  g_assert_false (sb_layer_reload (local));
  settle ();
  g_assert_cmpuint (recorder.changed, ==, 1);
  g_assert_cmpuint (recorder.external, ==, 1);
  g_assert_cmpuint (recorder.messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder.messages, 0), ==,
                   "Changed on disk and reloaded: Local");
  g_assert_cmpstr (sb_folder_get_model (folder), ==, "claude-opus-5-5");

  /* Unloading forgets the layers; asking again reads them anew. */
  sb_folder_unload (folder);
  g_assert_false (sb_folder_get_loaded (folder));
  g_assert_nonnull (sb_folder_get_stack (folder));

  g_ptr_array_unref (recorder.messages);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static void
test_folder_list (SbTestEnv     *env,
                  gconstpointer  data)
{
  g_autoptr(SbSettings) settings = sb_settings_new ();
  g_autoptr(SbFolderList) list = sb_folder_list_new (settings, NULL);
  g_autofree char *other = g_build_filename (env->home, "src", "other", NULL);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(SbFolder) first = NULL;
  SbFolder *app;
  guint position = G_MAXUINT;

  g_assert_true (g_mkdir_with_parents (env->folder, 0755) == 0);
  g_assert_true (g_mkdir_with_parents (other, 0755) == 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), log);

  sb_settings_remember_folder (settings, env->folder);
  sb_settings_remember_folder (settings, other);
  g_assert_true (sb_folder_list_reload (list, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SB_TYPE_FOLDER);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (sb_folder_get_path (first), ==, other);
  app = sb_folder_list_find (list, env->folder, &position);
  g_assert_nonnull (app);
  g_assert_cmpuint (position, ==, 1);

  /* A reload keeps each folder's object: rows bound to it stay bound. */
  g_assert_true (sb_folder_list_reload (list, NULL));
  g_assert_true (sb_folder_list_find (list, env->folder, NULL) == app);

  /* Forgetting takes it out of the list and out of the settings. */
  sb_folder_list_forget (list, env->folder);
  g_assert_null (sb_folder_list_find (list, env->folder, NULL));
  g_assert_cmpuint (g_strv_length ((char **) sb_settings_get_folders (settings)), ==, 1);

  /* A folder that is shown stays listed, even when nothing remembers it. */
  g_assert_true (sb_folder_list_add (list, env->folder) != app);
  app = sb_folder_list_find (list, env->folder, NULL);
  sb_folder_get_stack (app);
  g_assert_true (sb_folder_list_reload (list, NULL));
  g_assert_true (sb_folder_list_find (list, env->folder, NULL) == app);
  g_assert_true (sb_folder_list_add (list, env->folder) == app);

  g_assert_cmpstr (log->str, ==, "0-0+2;0-2+2;1-1+0;0-0+1;0-2+2;");
}

/* "Use for every tier": one save, one Undo, a notice; values already right are kept. */
static void
test_folder_tiers (SbTestEnv     *env,
                   gconstpointer  data)
{
  static const char before[] =
    "{\n  \"env\": {\n    \"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"qwen/qwen3-coder\"\n  },\n"
    "  \"hooks\": {}\n}\n";
  g_autoptr(SbFolder) folder = sb_folder_new (env->folder, NULL);
  g_autofree char *path = local_path (env);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *tiers = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder = { 0 };

  make_parent (path);
  sb_test_write (path, before);
  recorder_connect (&recorder, folder);

  g_assert_null (sb_claude_tiers_model (sb_folder_get_stack (folder)));
  g_assert_true (sb_folder_use_for_tiers (folder, "qwen/qwen3-coder", SB_SCOPE_LOCAL, &error));
  g_assert_no_error (error);
  after = sb_test_read (path);
  g_assert_cmpstr (after, ==,
                   "{\n  \"env\": {\n    \"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"qwen/qwen3-coder\",\n"
                   "    \"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"qwen/qwen3-coder\",\n"
                   "    \"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"qwen/qwen3-coder\",\n"
                   "    \"ANTHROPIC_DEFAULT_FABLE_MODEL\": \"qwen/qwen3-coder\",\n"
                   "    \"CLAUDE_CODE_SUBAGENT_MODEL\": \"qwen/qwen3-coder\"\n  },\n"
                   "  \"hooks\": {}\n}\n");
  g_assert_cmpstr (g_ptr_array_index (recorder.messages, 0), ==,
                   "+Every tier of the Local settings now uses qwen/qwen3-coder");
  tiers = sb_claude_tiers_model (sb_folder_get_stack (folder));
  g_assert_cmpstr (tiers, ==, "qwen/qwen3-coder");

  /* Again: nothing to write, nothing said but the same. */
  g_assert_true (sb_folder_use_for_tiers (folder, "qwen/qwen3-coder", SB_SCOPE_LOCAL, &error));
  assert_file (path, after);

  g_assert_false (sb_folder_use_for_tiers (folder, "not a model", SB_SCOPE_LOCAL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (sb_folder_undo (folder, &error));
  undone = sb_test_read (path);
  g_assert_cmpstr (undone, ==, before);

  g_ptr_array_unref (recorder.messages);
}

/* The folder's /model list: in and out of one layer's availableModels. */
static void
test_folder_offered (SbTestEnv     *env,
                     gconstpointer  data)
{
  g_autoptr(SbFolder) folder = sb_folder_new (env->folder, NULL);
  g_autofree char *path = local_path (env);
  g_autofree char *project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  Recorder recorder = { 0 };
  SbScope scope = SB_SCOPE_USER;

  make_parent (path);
  sb_test_write (project, "{\"availableModels\": [\"Z-AI/GLM-4.6\"]}\n");
  sb_test_write (path, "{\"availableModels\": [\"anthropic/claude-sonnet-4.5\"]}\n");
  recorder_connect (&recorder, folder);

  g_assert_true (sb_folder_set_offered (folder, "qwen/qwen3-coder", SB_SCOPE_LOCAL, TRUE,
                                        &error));
  g_assert_no_error (error);
  assert_file (path, "{\"availableModels\": [\"anthropic/claude-sonnet-4.5\", "
                     "\"qwen/qwen3-coder\"]}\n");
  g_assert_cmpstr (g_ptr_array_index (recorder.messages, 0), ==,
                   "+/model offers qwen/qwen3-coder here now, from the Local settings");

  /* Taken out of Local; the Project file, which Local cannot override, still allows GLM. */
  g_assert_true (sb_folder_set_offered (folder, "z-ai/glm-4.6", SB_SCOPE_LOCAL, FALSE, &error));
  g_assert_cmpuint (recorder.messages->len, ==, 1);
  g_assert_true (sb_claude_available_find (sb_folder_get_stack (folder), "z-ai/glm-4.6", &scope,
                                           &entry));
  g_assert_cmpint (scope, ==, SB_SCOPE_PROJECT);
  g_assert_true (sb_folder_set_offered (folder, "z-ai/glm-4.6", SB_SCOPE_PROJECT, FALSE,
                                        &error));
  assert_file (project, "{\"availableModels\": []}\n");
  g_assert_cmpstr (g_ptr_array_index (recorder.messages, 1), ==,
                   "+/model no longer offers z-ai/glm-4.6 from the Project settings");

  /* Managed files are not written. */
  g_assert_false (sb_folder_set_offered (folder, "x/y", SB_SCOPE_MANAGED, TRUE, &error));
  g_assert_nonnull (error);

  g_ptr_array_unref (recorder.messages);
}

static void
on_costs_updated_cb (SbCosts  *costs,
                     gboolean *updated)
{
  *updated = TRUE;
}

/* The sidebar's 7-day cost of each folder: counted once per reply, from the transcripts
 * of that folder only, priced with the catalogue; a read while one runs is one more read. */
static void
test_folder_week_costs (SbTestEnv     *env,
                        gconstpointer  data)
{
  static const char models[] =
    "{\"data\": [{\"id\": \"z-ai/glm-4.6\", \"name\": \"GLM\", \"context_length\": 202752,"
    " \"pricing\": {\"prompt\": \"0.0000006\", \"completion\": \"0.0000022\"}}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (models, strlen (models));
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbSettings) settings = sb_settings_new ();
  g_autoptr(SbFolderList) list = NULL;
  g_autoptr(SbTranscripts) transcripts = NULL;
  g_autoptr(SbCosts) costs = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *other = g_build_filename (env->home, "src", "other", NULL);
  g_autofree char *projects = g_build_filename (env->home, ".claude", "projects", "-p", NULL);
  g_autofree char *session = g_build_filename (projects, "s.jsonl", NULL);
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  gboolean updated = FALSE;
  SbFolder *app;

  g_assert_true (sb_catalog_load_bytes (catalog, body, SB_CATALOG_SOURCE_CACHE, NULL, NULL));
  g_assert_true (g_mkdir_with_parents (env->folder, 0755) == 0);
  g_assert_true (g_mkdir_with_parents (other, 0755) == 0);
  g_assert_true (g_mkdir_with_parents (projects, 0755) == 0);
  /* One reply of 1M tokens in and 100K out, written twice as Claude Code does: $0.82. */
  line = g_strdup_printf ("{\"type\": \"assistant\", \"timestamp\": \"%s\", \"cwd\": \"%s\","
                          " \"requestId\": \"r1\", \"message\": {\"id\": \"m1\", \"model\":"
                          " \"z-ai/glm-4.6\", \"usage\": {\"input_tokens\": 1000000,"
                          " \"output_tokens\": 100000}}}\n", stamp, env->folder);
  text = g_strconcat (line, line, NULL);
  sb_test_write (session, text);

  sb_settings_remember_folder (settings, env->folder);
  sb_settings_remember_folder (settings, other);
  list = sb_folder_list_new (settings, catalog);
  g_assert_true (sb_folder_list_reload (list, NULL));
  app = sb_folder_list_find (list, env->folder, NULL);
  g_assert_true (isnan (sb_folder_get_week_cost (app)));

  transcripts = sb_transcripts_new (NULL);
  costs = sb_costs_new (transcripts, catalog);
  g_signal_connect (costs, "updated", G_CALLBACK (on_costs_updated_cb), &updated);
  g_assert_null (sb_costs_report_days (costs, NULL, 7));

  sb_costs_refresh (costs);
  sb_costs_refresh (costs);
  g_assert_true (sb_costs_get_busy (costs));
  /* Nothing is counted while the reader's thread runs. */
  sb_folder_list_update_costs (list, costs);
  g_assert_true (isnan (sb_folder_get_week_cost (app)));
  while (sb_costs_get_busy (costs) || !updated)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (sb_costs_get_error (costs));

  sb_folder_list_update_costs (list, costs);
  g_assert_cmpfloat_with_epsilon (sb_folder_get_week_cost (app), 0.82, 1e-9);
  g_assert_cmpfloat_with_epsilon (sb_folder_get_week_cost (sb_folder_list_find (list, other,
                                                                                 NULL)),
                                  0, 1e-12);
}

static void
on_picker_failed_cb (SbPickerSync *sync,
                     const char   *message,
                     char        **failed)
{
  g_free (*failed);
  *failed = g_strdup (message);
}

/* Stars are rows of the User modelPicker while the window runs; others' rows stay put. */
static void
test_folder_picker_sync (SbTestEnv     *env,
                         gconstpointer  data)
{
  static const char models[] =
    "{\"data\": [{\"id\": \"z-ai/glm-4.6\", \"name\": \"Z.AI: GLM 4.6\", \"context_length\": 202752,"
    " \"pricing\": {\"prompt\": \"0.0000006\", \"completion\": \"0.0000022\"},"
    " \"supported_parameters\": [\"tools\"]}]}";
  static const char theirs[] =
    "{\n\t\"modelPicker\": {\"options\": [ {\"model\": \"mine/model\", \"label\": \"Mine\"} ]},\n"
    "\t\"hooks\": {}\n}\n";
  g_autoptr(GBytes) body = g_bytes_new_static (models, strlen (models));
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbSettings) settings = sb_settings_new ();
  g_autoptr(SbPickerSync) sync = NULL;
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *failed = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sb_catalog_load_bytes (catalog, body, SB_CATALOG_SOURCE_CACHE, NULL, NULL));
  make_parent (user);
  sb_test_write (user, theirs);
  g_settings_reset (sb_settings_get_gsettings (settings), "model-picker");
  g_settings_reset (sb_settings_get_gsettings (settings), "favourites");
  sync = sb_picker_sync_new (settings, catalog);
  g_signal_connect (sync, "failed", G_CALLBACK (on_picker_failed_cb), &failed);

  sb_settings_add_favourite (settings, "z-ai/glm-4.6");
  text = sb_test_read (user);
  g_assert_nonnull (strstr (text, "{\"model\": \"mine/model\", \"label\": \"Mine\"}"));
  g_assert_nonnull (strstr (text, "\"model\": \"z-ai/glm-4.6\""));
  g_assert_nonnull (strstr (text, "\"label\": \"Z.AI: GLM 4.6\""));
  g_assert_nonnull (strstr (text, "202K · $0.60/$2.20 · tools"));
  g_assert_nonnull (strstr (text, "\t\"hooks\": {}"));

  /* Off: the favourites' rows leave, the person's own stays; on: back again. */
  g_settings_set_boolean (sb_settings_get_gsettings (settings), "model-picker", FALSE);
  g_free (text);
  text = sb_test_read (user);
  g_assert_null (strstr (text, "z-ai/glm-4.6"));
  g_assert_nonnull (strstr (text, "mine/model"));
  g_settings_set_boolean (sb_settings_get_gsettings (settings), "model-picker", TRUE);
  g_free (text);
  text = sb_test_read (user);
  g_assert_nonnull (strstr (text, "z-ai/glm-4.6"));

  /* Unstarred: only its row goes. */
  sb_settings_remove_favourite (settings, "z-ai/glm-4.6");
  g_free (text);
  text = sb_test_read (user);
  g_assert_null (strstr (text, "z-ai/glm-4.6"));
  g_assert_nonnull (strstr (text, "{\"model\": \"mine/model\", \"label\": \"Mine\"}"));
  g_assert_null (failed);

  /* A file that does not parse is left alone, and that is said. */
  sb_test_write (user, "{ not json");
  sb_settings_add_favourite (settings, "z-ai/glm-4.6");
  g_assert_nonnull (failed);
  g_free (text);
  text = sb_test_read (user);
  g_assert_cmpstr (text, ==, "{ not json");
  sb_settings_remove_favourite (settings, "z-ai/glm-4.6");
}

static void
on_checked_cb (SbFolder *folder,
               guint    *n_checked)
{
  (*n_checked)++;
}

/* The problem of @folder whose subtitle is @where, or NULL. */
static SbProblem *
find_problem (SbFolder   *folder,
              const char *where)
{
  GListModel *problems = sb_folder_get_problems (folder);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(SbProblem) problem = g_list_model_get_item (problems, i);

      if (g_strcmp0 (sb_problem_get_subtitle (problem), where) == 0)
        return problem;
    }
  return NULL;
}

/* A folder is checked once for all who show its problems: without being loaded for a
 * sidebar row, then again after each change; a fix is one Undo step. */
static void
test_folder_problems (SbTestEnv     *env,
                      gconstpointer  data)
{
  static const char *where = "Local settings, /env/ANTHROPIC_BASE_URL";
  static const char *broken = "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api/v1\"}}\n";
  g_autoptr(SbFolder) folder = sb_folder_new (env->folder, NULL);
  g_autofree char *path = local_path (env);
  g_autoptr(GError) error = NULL;
  Recorder recorder = { 0 };
  guint n_checked = 0;
  SbProblem *problem;

  make_parent (path);
  sb_test_write (path, broken);
  recorder_connect (&recorder, folder);
  g_signal_connect (folder, "checked", G_CALLBACK (on_checked_cb), &n_checked);

  /* Nothing is read until asked, and then once, even when asked twice. */
  g_assert_null (sb_folder_get_diagnostics (folder));
  g_assert_cmpuint (g_list_model_get_n_items (sb_folder_get_problems (folder)), ==, 0);
  sb_folder_check_soon (folder);
  sb_folder_check_soon (folder);
  settle ();
  /* Once: the folder is in no git repository, so no answer from git checks it again. */
  g_assert_cmpuint (n_checked, ==, 1);
  g_assert_false (sb_folder_get_loaded (folder));
  g_assert_true (sb_folder_get_has_problems (folder));
  g_assert_nonnull (find_problem (folder, where));
  g_assert_cmpuint (g_list_model_get_n_items (sb_folder_get_problems (folder)), ==,
                    sb_folder_get_diagnostics (folder)->len);

  /* Loaded, the fix is applied and said, and the folder checked again without it. */
  sb_folder_get_stack (folder);
  sb_folder_check (folder);
  problem = find_problem (folder, where);
  g_assert_nonnull (problem);
  g_assert_nonnull (sb_problem_get_fix (problem));
  g_assert_true (sb_folder_apply_fix (folder, problem, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_null (find_problem (folder, where));
  g_assert_cmpuint (recorder.messages->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (recorder.messages, 0), "+Fixed: "));
  g_assert_true (sb_folder_get_can_undo (folder));

  /* Undo puts the value back, and the problem with it. */
  g_assert_true (sb_folder_undo (folder, &error));
  g_assert_no_error (error);
  settle ();
  assert_file (path, broken);
  g_assert_nonnull (find_problem (folder, where));

  /* Another program empties the file: checked again, nothing wrong. */
  n_checked = 0;
  sb_test_write (path, "{}\n");
  g_assert_true (sb_layer_reload (sb_layer_stack_get_layer (sb_folder_get_stack (folder),
                                                            SB_SCOPE_LOCAL)));
  settle ();
  g_assert_cmpuint (n_checked, >=, 1);
  g_assert_null (find_problem (folder, where));
  g_assert_false (sb_folder_get_has_problems (folder));

  g_ptr_array_unref (recorder.messages);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/folder/set-value-and-undo", test_folder_set_value_and_undo);
  ADD_TEST ("/signalbox/folder/use-model", test_folder_use_model);
  ADD_TEST ("/signalbox/folder/changed-on-disk", test_folder_changed_on_disk);
  ADD_TEST ("/signalbox/folder/list", test_folder_list);
  ADD_TEST ("/signalbox/folder/tiers", test_folder_tiers);
  ADD_TEST ("/signalbox/folder/offered", test_folder_offered);
  ADD_TEST ("/signalbox/folder/week-costs", test_folder_week_costs);
  ADD_TEST ("/signalbox/folder/picker-sync", test_folder_picker_sync);
  ADD_TEST ("/signalbox/folder/problems", test_folder_problems);

  return g_test_run ();
}
