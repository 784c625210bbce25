/* test-value-list.c
 *
 * Tests for the value lists the columns' rows are bound to: changed in place by pointer,
 * notifying only what changed, and holding no key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-layer-values.h"
#include "sb-problem.h"
#include "sb-secrets.h"
#include "sb-test-util.h"
#include "sb-value-list.h"

typedef struct
{
  GString *changes;   /* "position,removed,added;" for each items-changed */
  GString *notified;  /* "pointer:property;" for each notify */
} Record;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Record     *record)
{
  g_string_append_printf (record->changes, "%u,%u,%u;", position, removed, added);
}

static void
on_notify_cb (SbValueItem *item,
              GParamSpec  *pspec,
              Record      *record)
{
  g_string_append_printf (record->notified, "%s:%s;", sb_value_item_get_pointer (item),
                          pspec->name);
}

static SbValueItem *
make_item (const char *pointer,
           const char *text)
{
  SbValueItem *item = sb_value_item_new (pointer);

  g_object_set (item, "title", pointer + 1, "key", pointer + 1, "text", text, NULL);
  return item;
}

/* A list of items given as "pointer=text" strings. */
static GPtrArray *
make_items (const char * const *specs)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (specs[i], "=", 2);

      g_ptr_array_add (items, make_item (parts[0], parts[1]));
    }
  return items;
}

static void
update (SbValueList        *list,
        const char * const *specs)
{
  g_autoptr(GPtrArray) items = make_items (specs);

  sb_value_list_update (list, items);
}

/* The pointers the list holds, in order. */
static char *
pointers (SbValueList *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(SbValueItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (text, "%s ", sb_value_item_get_pointer (item));
    }
  return g_string_free (text, FALSE);
}

static void
watch (SbValueList *list,
       Record      *record)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(SbValueItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_signal_connect (item, "notify", G_CALLBACK (on_notify_cb), record);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), record);
}

static void
test_value_list_in_place (void)
{
  static const char * const before[] = { "/a=1", "/b=2", "/c=3", NULL };
  static const char * const after[] = { "/a=1", "/b=two", "/c=3", NULL };
  g_autoptr(SbValueList) list = sb_value_list_new ();
  g_autoptr(SbValueItem) b = NULL;
  Record record = { g_string_new (NULL), g_string_new (NULL) };
  g_autofree char *shown = NULL;

  update (list, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  b = g_list_model_get_item (G_LIST_MODEL (list), 1);
  watch (list, &record);

  /* Same pointers: the same objects, only the changed property notified, no items-changed. */
  update (list, after);
  g_assert_cmpstr (record.changes->str, ==, "");
  g_assert_cmpstr (record.notified->str, ==, "/b:text;");
  g_assert_true (sb_value_list_lookup (list, "/b") == b);
  g_assert_cmpstr (sb_value_item_get_text (b), ==, "two");

  /* The same values again: nothing at all. */
  g_string_truncate (record.notified, 0);
  update (list, after);
  g_assert_cmpstr (record.changes->str, ==, "");
  g_assert_cmpstr (record.notified->str, ==, "");

  shown = pointers (list);
  g_assert_cmpstr (shown, ==, "/a /b /c ");
  g_string_free (record.changes, TRUE);
  g_string_free (record.notified, TRUE);
}

static void
test_value_list_insert_remove (void)
{
  static const char * const before[] = { "/a=1", "/b=2", "/c=3", "/d=4", "/e=5", NULL };
  static const char * const after[] = { "/x=0", "/a=1", "/d=4", "/e=five", "/f=6", NULL };
  g_autoptr(SbValueList) list = sb_value_list_new ();
  g_autoptr(SbValueItem) a = NULL;
  g_autoptr(SbValueItem) e = NULL;
  Record record = { g_string_new (NULL), g_string_new (NULL) };
  g_autofree char *shown = NULL;

  update (list, before);
  a = g_list_model_get_item (G_LIST_MODEL (list), 0);
  e = g_list_model_get_item (G_LIST_MODEL (list), 4);
  watch (list, &record);

  update (list, after);
  /* /b and /c go in one signal; /x comes first, /f last. */
  g_assert_cmpstr (record.changes->str, ==, "1,2,0;0,0,1;4,0,1;");
  g_assert_cmpstr (record.notified->str, ==, "/e:text;");
  shown = pointers (list);
  g_assert_cmpstr (shown, ==, "/x /a /d /e /f ");
  g_assert_true (sb_value_list_lookup (list, "/a") == a);
  g_assert_true (sb_value_list_lookup (list, "/e") == e);
  g_assert_null (sb_value_list_lookup (list, "/b"));

  /* Emptied. */
  g_string_truncate (record.changes, 0);
  {
    static const char * const none[] = { NULL };

    update (list, none);
  }
  g_assert_cmpstr (record.changes->str, ==, "0,5,0;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_string_free (record.changes, TRUE);
  g_string_free (record.notified, TRUE);
}

static void
test_value_list_move (void)
{
  static const char * const before[] = { "/a=1", "/b=2", "/c=3", NULL };
  static const char * const after[] = { "/c=3", "/a=1", "/b=2", NULL };
  g_autoptr(SbValueList) list = sb_value_list_new ();
  g_autoptr(SbValueItem) c = NULL;
  Record record = { g_string_new (NULL), g_string_new (NULL) };
  g_autofree char *shown = NULL;

  update (list, before);
  c = g_list_model_get_item (G_LIST_MODEL (list), 2);
  watch (list, &record);
  update (list, after);
  g_assert_cmpstr (record.changes->str, ==, "2,1,0;0,0,1;");
  g_assert_cmpstr (record.notified->str, ==, "");
  g_assert_true (sb_value_list_lookup (list, "/c") == c);
  shown = pointers (list);
  g_assert_cmpstr (shown, ==, "/c /a /b ");
  g_string_free (record.changes, TRUE);
  g_string_free (record.notified, TRUE);
}

/* A made-up key, built here so that no key-shaped string is in the source. */
static char *
make_key (void)
{
  GString *key = g_string_new ("sk-or-v1-");

  for (guint i = 0; i < 64; i++)
    g_string_append_c (key, "0123456789abcdef"[(i * 7 + 3) % 16]);
  return g_string_free (key, FALSE);
}

static void
assert_no_key (SbValueItem *item,
               const char  *key)
{
  static const char * const names[] = { "title", "key", "text", "edit-text", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      g_object_get (item, names[i], &value, NULL);
      g_assert_null (strstr (value != NULL ? value : "", key));
    }
}

/* A layer's items: only what it sets, titled, overridden, and never holding a key. */
static void
test_value_list_layer (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json",
                                             NULL);
  g_autofree char *key = make_key ();
  g_autofree char *text = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) routing = NULL;
  g_autoptr(GPtrArray) env_items = NULL;
  g_autoptr(GPtrArray) effective = NULL;
  g_autoptr(JsonNode) redacted = NULL;
  g_auto(GStrv) unset = NULL;
  SbLayer *layer;
  SbValueItem *item;
  SbScope origin;

  sb_test_write (user, "{\"env\": {\"ANTHROPIC_MODEL\": \"anthropic/claude-sonnet-4.5\"}}\n");
  text = g_strdup_printf ("{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\","
                          " \"ANTHROPIC_AUTH_TOKEN\": \"%s\", \"MY_URL\": \"https://x/?k=%s\","
                          " \"%s\": \"1\"}}\n", key, key, key);
  sb_test_write (local, text);
  stack = sb_layer_stack_new (env->folder);

  /* The user layer's model, overridden by Local; nothing it does not set. */
  layer = sb_layer_stack_get_layer (stack, SB_SCOPE_USER);
  routing = sb_layer_values_collect (stack, layer, SB_VALUE_GROUP_ROUTING, NULL);
  g_assert_cmpuint (routing->len, ==, 1);
  item = g_ptr_array_index (routing, 0);
  g_assert_cmpstr (sb_value_item_get_pointer (item), ==, "/env/ANTHROPIC_MODEL");
  g_assert_cmpstr (sb_value_item_get_title (item), ==, "Model");
  g_assert_cmpstr (sb_value_item_get_key (item), ==, "ANTHROPIC_MODEL");
  g_assert_cmpstr (sb_value_item_get_text (item), ==, "anthropic/claude-sonnet-4.5");
  g_assert_cmpstr (sb_value_item_get_overridden_by (item), ==, "Local");
  g_assert_true (sb_value_item_get_editable (item));
  unset = sb_layer_values_get_unset (layer);
  g_assert_false (g_strv_contains ((const char * const *) unset, "/env/ANTHROPIC_MODEL"));
  g_assert_true (g_strv_contains ((const char * const *) unset, "/apiKeyHelper"));
  g_clear_pointer (&routing, g_ptr_array_unref);

  /* Local: the token hidden, a key inside a value masked, a key-shaped name redacted. */
  layer = sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL);
  routing = sb_layer_values_collect (stack, layer, SB_VALUE_GROUP_ROUTING, NULL);
  env_items = sb_layer_values_collect (stack, layer, SB_VALUE_GROUP_ENV, NULL);
  for (guint i = 0; i < routing->len; i++)
    assert_no_key (g_ptr_array_index (routing, i), key);
  for (guint i = 0; i < env_items->len; i++)
    assert_no_key (g_ptr_array_index (env_items, i), key);
  g_assert_cmpuint (routing->len, ==, 1);
  g_assert_cmpuint (env_items->len, ==, 3);
  item = g_ptr_array_index (env_items, 0);
  g_assert_cmpstr (sb_value_item_get_key (item), ==, "ANTHROPIC_AUTH_TOKEN");
  g_assert_cmpstr (sb_value_item_get_title (item), ==, "Auth token");
  g_assert_true (sb_value_item_get_secret (item));
  g_assert_cmpstr (sb_value_item_get_text (item), ==, "Hidden");
  g_assert_cmpstr (sb_value_item_get_edit_text (item), ==, "");
  item = g_ptr_array_index (env_items, 1);
  g_assert_cmpstr (sb_value_item_get_key (item), ==, "MY_URL");
  g_assert_true (sb_value_item_get_masked (item));
  g_assert_true (g_str_has_prefix (sb_value_item_get_edit_text (item), "https://x/?k="));
  g_assert_true (strstr (sb_value_item_get_edit_text (item), SB_REDACTED) != NULL ||
                 strstr (sb_value_item_get_edit_text (item), "…") != NULL);
  item = g_ptr_array_index (env_items, 2);
  /* A key-shaped name is shortened to its start and end, title and key alike. */
  g_assert_nonnull (strstr (sb_value_item_get_key (item), "…"));
  g_assert_cmpstr (sb_value_item_get_title (item), ==, sb_value_item_get_key (item));

  /* The merged settings: each value with its origin, the token redacted. */
  redacted = sb_secrets_redact (sb_layer_stack_get_effective (stack));
  effective = sb_effective_values_collect (stack, redacted, SB_VALUE_GROUP_ROUTING);
  for (guint i = 0; i < effective->len; i++)
    assert_no_key (g_ptr_array_index (effective, i), key);
  item = g_ptr_array_index (effective, 0);
  g_assert_cmpstr (sb_value_item_get_text (item), ==, "qwen/qwen3-coder");
  g_assert_true (sb_value_item_get_origin (item, &origin));
  g_assert_cmpint (origin, ==, SB_SCOPE_LOCAL);
}

static SbDiagnostic *
diagnostic_new (SbSeverity  severity,
                const char *message)
{
  SbDiagnostic *diagnostic = g_new0 (SbDiagnostic, 1);

  diagnostic->severity = severity;
  diagnostic->code = g_strdup ("test");
  diagnostic->message = g_strdup (message);
  return diagnostic;
}

static GPtrArray *
diagnostics_new (const char * const *messages)
{
  GPtrArray *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_diagnostic_free);

  for (guint i = 0; messages[i] != NULL; i++)
    g_ptr_array_add (diagnostics, diagnostic_new (SB_SEVERITY_WARNING, messages[i]));
  return diagnostics;
}

/* A folder's problems change only where the new check differs: the problems that stay
 * keep their objects, and so their rows. */
static void
test_problem_list_update (void)
{
  static const char * const first[] = { "a", "b", "c", "d", NULL };
  static const char * const second[] = { "a", "x", "y", "d", NULL };
  static const char * const third[] = { "a", "d", NULL };
  g_autoptr(GListStore) store = g_list_store_new (SB_TYPE_PROBLEM);
  g_autoptr(GPtrArray) diagnostics = diagnostics_new (first);
  g_autoptr(SbProblem) a = NULL;
  g_autoptr(SbProblem) d = NULL;
  g_autoptr(SbProblem) item = NULL;
  Record record = { g_string_new (NULL), g_string_new (NULL) };

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_cb), &record);
  sb_problem_list_update (store, diagnostics);
  g_assert_cmpstr (record.changes->str, ==, "0,0,4;");
  a = g_list_model_get_item (G_LIST_MODEL (store), 0);
  d = g_list_model_get_item (G_LIST_MODEL (store), 3);
  g_assert_cmpstr (sb_problem_get_title (a), ==, "a");
  g_assert_cmpstr (sb_problem_get_severity (a), ==, "warning");
  g_assert_null (sb_problem_get_subtitle (a));
  g_assert_null (sb_problem_get_fix (a));

  /* The same check again: nothing changes. */
  g_string_truncate (record.changes, 0);
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = diagnostics_new (first);
  sb_problem_list_update (store, diagnostics);
  g_assert_cmpstr (record.changes->str, ==, "");

  /* Two in the middle differ: those two are replaced, the ends are the same objects. */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = diagnostics_new (second);
  sb_problem_list_update (store, diagnostics);
  g_assert_cmpstr (record.changes->str, ==, "1,2,2;");
  item = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (item == a);
  g_clear_object (&item);
  item = g_list_model_get_item (G_LIST_MODEL (store), 3);
  g_assert_true (item == d);
  g_clear_object (&item);
  item = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_assert_cmpstr (sb_problem_get_title (item), ==, "y");
  g_clear_object (&item);

  /* Gone from the middle; then all gone. The problems keep what they show. */
  g_string_truncate (record.changes, 0);
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = diagnostics_new (third);
  sb_problem_list_update (store, diagnostics);
  g_assert_cmpstr (record.changes->str, ==, "1,2,0;");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = g_ptr_array_new ();
  sb_problem_list_update (store, diagnostics);
  g_assert_cmpstr (record.changes->str, ==, "1,2,0;0,2,0;");
  g_assert_cmpstr (sb_problem_get_title (d), ==, "d");

  g_string_free (record.changes, TRUE);
  g_string_free (record.notified, TRUE);
}

/* Where a real problem is, said with its layer and its setting, a key-shaped name
 * redacted; what its fix does. */
static void
test_problem_where (SbTestEnv     *env,
                    gconstpointer  data)
{
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json",
                                             NULL);
  g_autofree char *key = g_strconcat ("sk-or-v1-", "0123456789abcdef0123456789abcdef"
                                      "0123456789abcdef0123456789abcdef", NULL);
  g_autofree char *text = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GListStore) store = g_list_store_new (SB_TYPE_PROBLEM);
  gboolean found_url = FALSE;

  text = g_strdup_printf ("{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api/v1\","
                          " \"%s\": \"1\"}}\n", key);
  sb_test_write (local, text);
  stack = sb_layer_stack_new (env->folder);
  diagnostics = sb_diagnostics_check (stack);
  sb_problem_list_update (store, diagnostics);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, diagnostics->len);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(SbProblem) problem = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *subtitle = sb_problem_get_subtitle (problem);

      g_assert_null (strstr (sb_problem_get_title (problem), key));
      g_assert_true (subtitle == NULL || strstr (subtitle, key) == NULL);
      if (g_strcmp0 (subtitle, "Local settings, /env/ANTHROPIC_BASE_URL") == 0)
        {
          found_url = TRUE;
          g_assert_cmpstr (sb_problem_get_severity_name (problem), ==, "Error");
          g_assert_cmpstr (sb_problem_get_icon_name (problem), ==, "dialog-error-symbolic");
          g_assert_nonnull (sb_problem_get_fix (problem));
        }
    }
  g_assert_true (found_url);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signalbox/value-list/in-place", test_value_list_in_place);
  g_test_add_func ("/signalbox/value-list/insert-remove", test_value_list_insert_remove);
  g_test_add_func ("/signalbox/value-list/move", test_value_list_move);
  g_test_add ("/signalbox/value-list/layer", SbTestEnv, NULL, sb_test_env_setup,
              test_value_list_layer, sb_test_env_teardown);
  g_test_add_func ("/signalbox/problem-list/update", test_problem_list_update);
  g_test_add ("/signalbox/problem-list/where", SbTestEnv, NULL, sb_test_env_setup,
              test_problem_where, sb_test_env_teardown);

  return g_test_run ();
}
