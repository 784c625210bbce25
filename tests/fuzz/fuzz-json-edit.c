/* fuzz-json-edit.c
 *
 * libFuzzer target for the JSON edit engine: parse any bytes, then apply random sets and
 * removes and check each result: the text parses again to the tree the edit reports, the
 * value is where it was put, and only the bytes of the change differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-json-edit.h"

#define MAX_POINTERS 256
#define MAX_OPS 8

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
collect_pointers (JsonNode   *node,
                  const char *pointer,
                  GPtrArray  *pointers)
{
  if (pointers->len >= MAX_POINTERS)
    return;

  g_ptr_array_add (pointers, g_strdup (pointer));

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &key, &child))
        {
          g_autofree char *child_pointer = sb_json_pointer_append (pointer, key);
          collect_pointers (child, child_pointer, pointers);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *index = g_strdup_printf ("%u", i);
          g_autofree char *child_pointer = sb_json_pointer_append (pointer, index);
          collect_pointers (json_array_get_element (array, i), child_pointer, pointers);
        }
    }
}

static JsonNode *
random_value (GRand *rand)
{
  static const char * const strings[] = {
    "", "vendor/model", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x9a\x80", "quote \" back \\ slash",
    "line\nbreak\ttab", "\x01 control", "/~0~1",
  };
  JsonNode *node = json_node_alloc ();

  switch (g_rand_int_range (rand, 0, 8))
    {
    case 0:
      return json_node_init_string (node,
                                    strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
    case 1:
      return json_node_init_int (node, g_rand_int (rand) - G_MAXINT32 / 2);
    case 2:
      return json_node_init_double (node, g_rand_double_range (rand, -1e10, 1e10));
    case 3:
      return json_node_init_boolean (node, g_rand_boolean (rand));
    case 4:
      return json_node_init_null (node);
    case 5:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        if (g_rand_boolean (rand))
          json_object_set_string_member (object, "type", "command");
        return json_node_init_object (node, object);
      }
    default:
      {
        g_autoptr(JsonArray) array = json_array_new ();
        json_array_add_string_element (array, "Bash(npm run lint)");
        json_array_add_int_element (array, 1);
        return json_node_init_array (node, array);
      }
    }
}

static guint
count_children (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node));
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node));
  return 0;
}

static char *
parent_pointer (const char *pointer)
{
  const char *slash = strrchr (pointer, '/');

  return g_strndup (pointer, slash != NULL ? (gsize) (slash - pointer) : 0);
}

/* The text must parse again, on its own, to the tree the document holds. */
static void
check_reparses (SbJsonDoc *doc)
{
  gsize length = 0;
  const char *text = sb_json_doc_get_text (doc, &length);
  SbJsonDoc *again = sb_json_doc_new (text, length, NULL);

  g_assert_nonnull (again);
  g_assert_true ((sb_json_doc_get_root (doc) == NULL) == (sb_json_doc_get_root (again) == NULL));
  if (sb_json_doc_get_root (doc) != NULL)
    g_assert_true (sb_json_node_equal (sb_json_doc_get_root (doc), sb_json_doc_get_root (again)));
  sb_json_doc_free (again);
}

/* Only the bytes the edit reports as changed differ. */
static void
check_minimal (const char *before,
               gsize       before_length,
               SbJsonDoc  *doc)
{
  gsize length = 0;
  const char *after = sb_json_doc_get_text (doc, &length);
  gsize offset = 0, removed = 0, inserted = 0;

  sb_json_doc_get_last_change (doc, &offset, &removed, &inserted);
  g_assert_cmpuint (offset + removed, <=, before_length);
  g_assert_cmpuint (before_length - removed + inserted, ==, length);
  g_assert_true (memcmp (before, after, offset) == 0);
  g_assert_true (memcmp (before + offset + removed, after + offset + inserted,
                         before_length - offset - removed) == 0);
}

/* The operations come from the bytes too, so that every input replays the same way. */
static guint32
hash_bytes (const guint8 *data,
            size_t        size)
{
  guint32 hash = 2166136261u;

  for (size_t i = 0; i < size; i++)
    hash = (hash ^ data[i]) * 16777619u;

  return hash;
}

static void
apply_random_op (SbJsonDoc *doc,
                 GRand     *rand)
{
  static const char * const keys[] = {
    "env", "ANTHROPIC_MODEL", "permissions", "allow", "a/b", "~", "caf\xc3\xa9", "\"", "",
  };
  g_autoptr(GPtrArray) pointers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *before = NULL;
  g_autofree char *pointer = NULL;
  g_autofree char *parent = NULL;
  JsonNode *root = sb_json_doc_get_root (doc);
  gsize before_length = 0;
  guint children_before;
  gboolean exists;
  gboolean done;

  before = g_memdup2 (sb_json_doc_get_text (doc, &before_length), before_length + 1);
  if (root != NULL)
    collect_pointers (root, "", pointers);

  if (pointers->len > 0 && g_rand_int_range (rand, 0, 3) > 0)
    pointer = g_strdup (g_ptr_array_index (pointers, g_rand_int_range (rand, 0, pointers->len)));
  else
    {
      const char *base = pointers->len > 0
        ? g_ptr_array_index (pointers, g_rand_int_range (rand, 0, pointers->len)) : "";
      pointer = sb_json_pointer_append (base,
                                        keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (keys))]);
    }

  exists = root != NULL && sb_json_pointer_get (root, pointer) != NULL;
  parent = parent_pointer (pointer);
  children_before = root != NULL ? count_children (sb_json_pointer_get (root, parent)) : 0;

  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      done = sb_json_doc_remove (doc, pointer, NULL);
      if (done)
        {
          g_assert_true (exists);
          root = sb_json_doc_get_root (doc);
          g_assert_cmpuint (count_children (sb_json_pointer_get (root, parent)), <,
                            children_before);
        }
    }
  else
    {
      value = random_value (rand);
      done = sb_json_doc_set (doc, pointer, value, NULL);
      if (done)
        {
          root = sb_json_doc_get_root (doc);
          g_assert_nonnull (sb_json_pointer_get (root, pointer));
          g_assert_true (sb_json_node_equal (sb_json_pointer_get (root, pointer), value));
          if (exists && *pointer != '\0')
            g_assert_cmpuint (count_children (sb_json_pointer_get (root, parent)), ==,
                              children_before);
          check_minimal (before, before_length, doc);
        }
    }

  if (!done)
    {
      /* A refused edit changes nothing. */
      gsize length = 0;
      const char *text = sb_json_doc_get_text (doc, &length);

      g_assert_cmpuint (length, ==, before_length);
      g_assert_true (memcmp (text, before, length) == 0);
    }

  check_reparses (doc);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GRand) rand = NULL;
  SbJsonDoc *doc;
  guint ops;

  doc = sb_json_doc_new ((const char *) data, size, NULL);
  if (doc == NULL)
    return 0;

  check_reparses (doc);
  rand = g_rand_new_with_seed (hash_bytes (data, size));
  ops = g_rand_int_range (rand, 1, MAX_OPS + 1);
  for (guint i = 0; i < ops; i++)
    apply_random_op (doc, rand);

  sb_json_doc_free (doc);
  return 0;
}
