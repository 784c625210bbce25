/* sb-claude-menu.c
 *
 * What Claude Code's /model menu offers: the favourites as rows of the User layer's
 * modelPicker, and the models a folder's availableModels lets it use. Rows and entries
 * someone else wrote stay as they are, in their places: only the one model's are touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-claude-menu.h"
#include "sb-claude-model.h"
#include "sb-json-edit.h"

/**
 * sb_claude_picker_describe:
 * @entry: a catalogue entry
 *
 * Returns: (transfer full): the description of its /model row: the window requests are
 *   served with, prices per million tokens in and out, and flags: "262K · $0.22/$0.95 · tools"
 */
char *
sb_claude_picker_describe (SbModel *entry)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *context = sb_model_format_context (sb_claude_served_context (entry),
                                                      SB_MODEL_FORMAT_LABEL);
  g_autoptr(GPtrArray) flags = g_ptr_array_new ();

  g_string_append (text, context);
  if (sb_model_has_price (entry))
    {
      g_autofree char *in = sb_model_format_price (sb_model_get_prompt_price (entry),
                                                   SB_MODEL_FORMAT_LABEL);
      g_autofree char *out = sb_model_format_price (sb_model_get_completion_price (entry),
                                                    SB_MODEL_FORMAT_LABEL);

      g_string_append_printf (text, " · %s/%s", in, out);
    }

  if (sb_model_get_is_free (entry))
    g_ptr_array_add (flags, (gpointer) _("free"));
  if (sb_model_get_supports_tools (entry))
    g_ptr_array_add (flags, (gpointer) _("tools"));
  if (sb_model_get_supports_reasoning (entry))
    g_ptr_array_add (flags, (gpointer) _("reasoning"));
  for (guint i = 0; i < flags->len; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? " · " : " ",
                            (const char *) g_ptr_array_index (flags, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The index of @id's row in @options, or -1. */
static int
find_row (JsonNode   *options,
          const char *id)
{
  JsonArray *array;

  if (options == NULL || !JSON_NODE_HOLDS_ARRAY (options))
    return -1;

  array = json_node_get_array (options);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *row = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;

      if (object != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (object, "model", NULL), id) == 0)
        return (int) i;
    }

  return -1;
}

static gboolean
check_layer (SbLayer  *layer,
             GError  **error)
{
  if (sb_layer_get_state (layer) == SB_LAYER_STATE_INVALID)
    {
      /* Translators: %s is a file */
      g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_INVALID,
                   _("“%s” does not parse, so it was left unchanged. Fix the file first."),
                   sb_layer_get_path (layer));
      return FALSE;
    }
  return TRUE;
}

/**
 * sb_claude_picker_add:
 * @layer: the User layer (or managed, which is not written): the only ones Claude Code reads
 *   modelPicker from
 * @id: a model id
 * @entry: (nullable): the catalogue's entry, for the label and description
 * @added: (out) (optional): whether a row was added
 * @error: where to say why not
 *
 * Adds a row for @id at the end of `modelPicker.options`, unless one is there already.
 * No `behavesAs`: Claude Code would take that Claude model's window for the row's model.
 *
 * Returns: %TRUE unless the file could not be written
 */
gboolean
sb_claude_picker_add (SbLayer     *layer,
                      const char  *id,
                      SbModel     *entry,
                      gboolean    *added,
                      GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) row = NULL;
  JsonNode *root;
  JsonNode *picker;
  JsonNode *options;

  if (added != NULL)
    *added = FALSE;
  if (!check_layer (layer, error))
    return FALSE;

  root = sb_layer_get_root (layer);
  picker = root != NULL ? sb_json_pointer_get (root, "/modelPicker") : NULL;
  options = root != NULL ? sb_json_pointer_get (root, "/modelPicker/options") : NULL;
  if (find_row (options, id) >= 0)
    return TRUE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, entry != NULL ? sb_model_get_name (entry) : id);
  if (entry != NULL)
    {
      g_autofree char *description = sb_claude_picker_describe (entry);

      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }
  json_builder_end_object (builder);
  row = json_builder_get_root (builder);

  if (options != NULL && JSON_NODE_HOLDS_ARRAY (options))
    {
      g_autofree char *pointer = g_strdup_printf ("/modelPicker/options/%u",
                                                  json_array_get_length (
                                                    json_node_get_array (options)));

      sb_layer_set_value (layer, pointer, row);
    }
  else if (picker == NULL || JSON_NODE_HOLDS_OBJECT (picker))
    {
      JsonNode *list = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      json_array_add_element (array, json_node_ref (row));
      json_node_take_array (list, array);
      sb_layer_set_value (layer, "/modelPicker/options", list);
      json_node_unref (list);
    }
  else
    {
      g_set_error (error, SB_LAYER_ERROR, SB_LAYER_ERROR_EDIT,
                   _("modelPicker in the User settings is not an object; left unchanged"));
      return FALSE;
    }

  if (!sb_layer_save (layer, error))
    return FALSE;
  if (added != NULL)
    *added = TRUE;
  return TRUE;
}

/**
 * sb_claude_picker_remove:
 * @layer: the User layer
 * @id: a model id
 * @removed: (out) (optional): whether a row was removed
 * @error: where to say why not
 *
 * Removes @id's row from `modelPicker.options`; the other rows stay, in their order.
 *
 * Returns: %TRUE unless the file could not be written
 */
gboolean
sb_claude_picker_remove (SbLayer     *layer,
                         const char  *id,
                         gboolean    *removed,
                         GError     **error)
{
  g_autofree char *pointer = NULL;
  JsonNode *root;
  int index;

  if (removed != NULL)
    *removed = FALSE;
  if (!check_layer (layer, error))
    return FALSE;

  root = sb_layer_get_root (layer);
  index = find_row (root != NULL ? sb_json_pointer_get (root, "/modelPicker/options") : NULL,
                    id);
  if (index < 0)
    return TRUE;

  pointer = g_strdup_printf ("/modelPicker/options/%d", index);
  sb_layer_remove_value (layer, pointer);
  if (!sb_layer_save (layer, error))
    return FALSE;
  if (removed != NULL)
    *removed = TRUE;
  return TRUE;
}

/**
 * sb_claude_available_set:
 * @stack: a folder's layers
 * @id: a model id
 * @scope: the layer to write
 * @enabled: whether @id is to be in that layer's `availableModels`
 * @changed: (out) (optional): whether the file changed
 * @error: where to say why not
 *
 * Adds @id at the end of the layer's `availableModels`, or removes the entries that name
 * exactly @id (case ignored, as Claude Code does). Other layers are not touched: lists merge
 * across layers, so sb_claude_available_find() says who else still allows it.
 *
 * Returns: %TRUE unless the file could not be written
 */
gboolean
sb_claude_available_set (SbLayerStack  *stack,
                         const char    *id,
                         SbScope        scope,
                         gboolean       enabled,
                         gboolean      *changed,
                         GError       **error)
{
  SbLayer *layer = sb_layer_stack_get_layer (stack, scope);
  JsonNode *root;
  JsonNode *list;
  JsonArray *array = NULL;
  gboolean present = FALSE;

  if (changed != NULL)
    *changed = FALSE;
  if (layer == NULL || scope == SB_SCOPE_MANAGED)
    {
      g_set_error_literal (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY,
                           _("That layer cannot be written for this folder"));
      return FALSE;
    }
  if (!check_layer (layer, error))
    return FALSE;

  root = sb_layer_get_root (layer);
  list = root != NULL ? sb_json_pointer_get (root, "/availableModels") : NULL;
  if (list != NULL && !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, SB_LAYER_ERROR, SB_LAYER_ERROR_EDIT,
                           _("availableModels in that file is not a list; left unchanged"));
      return FALSE;
    }
  if (list != NULL)
    array = json_node_get_array (list);

  /* From the end, so that the indices of those still to remove stay right. */
  for (guint i = array != NULL ? json_array_get_length (array) : 0; i > 0; i--)
    {
      JsonNode *node = json_array_get_element (array, i - 1);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          g_ascii_strcasecmp (json_node_get_string (node), id) != 0)
        continue;
      present = TRUE;
      if (!enabled)
        {
          g_autofree char *pointer = g_strdup_printf ("/availableModels/%u", i - 1);

          sb_layer_remove_value (layer, pointer);
        }
    }

  if (enabled && !present)
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), id);

      if (array != NULL)
        {
          g_autofree char *pointer = g_strdup_printf ("/availableModels/%u",
                                                      json_array_get_length (array));

          sb_layer_set_value (layer, pointer, value);
        }
      else
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
          JsonArray *created = json_array_new ();

          json_array_add_element (created, json_node_ref (value));
          json_node_take_array (node, created);
          sb_layer_set_value (layer, "/availableModels", node);
        }
    }

  if (!sb_layer_has_pending (layer))
    return TRUE;
  if (!sb_layer_save (layer, error))
    return FALSE;
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

/**
 * sb_claude_available_find:
 * @stack: a folder's layers
 * @id: a model id
 * @scope: (out) (optional): the highest layer whose own list allows @id
 * @entry: (out) (optional) (transfer full): the entry that allows it
 *
 * Returns: whether any layer's `availableModels` allows @id (prefixes, families and
 *   aliases as Claude Code matches them)
 */
gboolean
sb_claude_available_find (SbLayerStack  *stack,
                          const char    *id,
                          SbScope       *scope,
                          char         **entry)
{
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  JsonNode *env_node = sb_json_pointer_get (effective, "/env");
  JsonObject *env = env_node != NULL && JSON_NODE_HOLDS_OBJECT (env_node)
                    ? json_node_get_object (env_node) : NULL;
  GPtrArray *layers = sb_layer_stack_get_layers (stack);

  for (guint i = layers->len; i > 0; i--)
    {
      SbLayer *layer = g_ptr_array_index (layers, i - 1);
      JsonNode *root = sb_layer_get_root (layer);
      JsonNode *list = root != NULL ? sb_json_pointer_get (root, "/availableModels") : NULL;
      JsonArray *array;

      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        continue;
      array = json_node_get_array (list);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *node = json_array_get_element (array, j);

          if (!JSON_NODE_HOLDS_VALUE (node) ||
              json_node_get_value_type (node) != G_TYPE_STRING ||
              !sb_claude_entry_allows (json_node_get_string (node), id, env))
            continue;
          if (scope != NULL)
            *scope = sb_layer_get_scope (layer);
          if (entry != NULL)
            *entry = g_strdup (json_node_get_string (node));
          return TRUE;
        }
    }

  return FALSE;
}
