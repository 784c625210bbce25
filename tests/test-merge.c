/* test-merge.c
 *
 * Tests for merging settings layers the way Claude Code does, with origins.
 *
 * Each folder of tests/data/merge is one case: the layer files that exist (user.json,
 * project.json, local.json, managed.json, managed.d/\*.json), the effective settings
 * expected (expected.json) and where each leaf and array element comes from
 * (origins.json, in document order).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-json-edit.h"
#include "sb-layer-stack.h"
#include "sb-test-util.h"

static void
add_layer_if_present (GPtrArray  *layers,
                      SbScope     scope,
                      const char *path)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_ptr_array_add (layers, sb_layer_new (scope, path));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
load_case_layers (const char *dir)
{
  static const struct { SbScope scope; const char *name; } files[] = {
    { SB_SCOPE_USER, "user.json" },
    { SB_SCOPE_PROJECT, "project.json" },
    { SB_SCOPE_LOCAL, "local.json" },
    { SB_SCOPE_MANAGED, "managed.json" },
  };
  GPtrArray *layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dropins = g_build_filename (dir, "managed.d", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      add_layer_if_present (layers, files[i].scope, path);
    }

  d = g_dir_open (dropins, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dropins, g_ptr_array_index (names, i), NULL);
      add_layer_if_present (layers, SB_SCOPE_MANAGED, path);
    }

  return layers;
}

static JsonNode *
load_json (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = sb_test_read (path);

  return sb_test_parse (text);
}

/* Every leaf of @node must have an origin. */
static void
assert_leaves_have_origins (JsonNode   *node,
                            const char *pointer,
                            GHashTable *seen)
{
  if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0)
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (node));

      for (const GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *child = sb_json_pointer_append (pointer, l->data);
          assert_leaves_have_origins (json_object_get_member (json_node_get_object (node),
                                                              l->data),
                                      child, seen);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *index = g_strdup_printf ("%u", i);
          g_autofree char *child = sb_json_pointer_append (pointer, index);

          g_assert_true (g_hash_table_contains (seen, child));
          assert_leaves_have_origins (json_array_get_element (array, i), child, seen);
        }
    }
  else if (pointer[0] != '\0')
    {
      if (!g_hash_table_contains (seen, pointer))
        g_error ("No origin for %s", pointer);
    }
}

static void
test_merge_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "merge", name, NULL);
  g_autoptr(GPtrArray) layers = load_case_layers (dir);
  g_autoptr(GPtrArray) origins = NULL;
  g_autoptr(JsonNode) effective = sb_layer_stack_merge (layers, &origins);
  g_autoptr(JsonNode) expected = load_json (dir, "expected.json");
  g_autoptr(JsonNode) expected_origins = load_json (dir, "origins.json");
  g_autoptr(GList) pointers = json_object_get_members (json_node_get_object (expected_origins));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint i = 0;

  if (!sb_json_node_equal (effective, expected))
    {
      g_autofree char *got = json_to_string (effective, TRUE);
      g_autofree char *want = json_to_string (expected, TRUE);
      g_assert_cmpstr (got, ==, want);
    }

  for (const GList *l = pointers; l != NULL; l = l->next, i++)
    {
      const char *scope = json_object_get_string_member (json_node_get_object (expected_origins),
                                                         l->data);
      SbOrigin *origin;

      g_assert_cmpuint (i, <, origins->len);
      origin = g_ptr_array_index (origins, i);
      g_assert_cmpstr (origin->pointer, ==, l->data);
      g_assert_cmpstr (sb_scope_to_string (origin->scope), ==, scope);
    }
  g_assert_cmpuint (i, ==, origins->len);

  for (i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);

      g_assert_nonnull (sb_json_pointer_get (effective, origin->pointer));
      g_hash_table_add (seen, origin->pointer);
    }
  assert_leaves_have_origins (effective, "", seen);
}

/* A layer that does not parse contributes nothing, and says where it breaks. */
static void
test_merge_invalid_layer_state (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "merge",
                                                 "07-invalid-layer", "project.json", NULL);
  g_autoptr(SbLayer) layer = sb_layer_new (SB_SCOPE_PROJECT, path);

  g_assert_cmpint (sb_layer_get_state (layer), ==, SB_LAYER_STATE_INVALID);
  g_assert_true (g_str_has_prefix (sb_layer_get_error (layer), "2:3 "));
  g_assert_null (sb_layer_get_root (layer));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir = g_test_build_filename (G_TEST_DIST, "data", "merge", NULL);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_assert_cmpuint (names->len, >=, 10);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strconcat ("/signalbox/merge/", g_ptr_array_index (names, i), NULL);
      g_test_add_data_func (path, g_ptr_array_index (names, i), test_merge_case);
    }

  g_test_add_func ("/signalbox/merge/invalid-layer-state", test_merge_invalid_layer_state);

  return g_test_run ();
}
