/* sb-claude-tiers.c
 *
 * Claude Code's model tiers: the variables that say which model its aliases, background
 * calls and subagents use (docs/claude-code-models.md). A person who picks one OpenRouter
 * model for a folder usually wants every tier on it, so that no call goes to a default
 * model they never chose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-claude-tiers.h"
#include "sb-json-edit.h"

/* The tier variables Claude Code 2.1.332 reads, with the subagents' model. */
const char * const sb_claude_tier_variables[] = {
  "ANTHROPIC_DEFAULT_OPUS_MODEL",
  "ANTHROPIC_DEFAULT_SONNET_MODEL",
  "ANTHROPIC_DEFAULT_HAIKU_MODEL",
  "ANTHROPIC_DEFAULT_FABLE_MODEL",
  "CLAUDE_CODE_SUBAGENT_MODEL",
  NULL
};

/**
 * sb_claude_use_for_tiers:
 * @stack: a folder's layers
 * @model: a model id
 * @scope: the layer to write
 * @error: where to say why not
 *
 * Sets every tier variable of one layer to @model, in one save, so that one Undo takes
 * them all back. Values already equal to @model are left as they are.
 *
 * Returns: whether the layer holds them
 */
gboolean
sb_claude_use_for_tiers (SbLayerStack  *stack,
                         const char    *model,
                         SbScope        scope,
                         GError       **error)
{
  SbLayer *layer;
  JsonNode *root;
  gboolean any = FALSE;

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  if (!sb_model_id_is_valid (model))
    {
      /* Translators: %s is what was given as a model id */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a model id"), model);
      return FALSE;
    }

  layer = sb_layer_stack_get_layer (stack, scope);
  if (layer == NULL || scope == SB_SCOPE_MANAGED)
    {
      g_set_error_literal (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY,
                           _("That layer cannot be written for this folder"));
      return FALSE;
    }

  root = sb_layer_get_root (layer);
  for (guint i = 0; sb_claude_tier_variables[i] != NULL; i++)
    {
      g_autofree char *pointer = g_strconcat ("/env/", sb_claude_tier_variables[i], NULL);
      JsonNode *node = root != NULL ? sb_json_pointer_get (root, pointer) : NULL;
      g_autoptr(JsonNode) value = NULL;

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          g_strcmp0 (json_node_get_string (node), model) == 0)
        continue;

      value = json_node_init_string (json_node_alloc (), model);
      sb_layer_set_value (layer, pointer, value);
      any = TRUE;
    }

  if (!any)
    return TRUE;

  return sb_layer_save (layer, error);
}

/**
 * sb_claude_tiers_model:
 * @stack: a folder's layers
 *
 * Returns: (transfer full) (nullable): the one model every tier resolves to in the
 *   effective settings, or %NULL when they differ or some are not set
 */
char *
sb_claude_tiers_model (SbLayerStack *stack)
{
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  const char *model = NULL;

  for (guint i = 0; sb_claude_tier_variables[i] != NULL; i++)
    {
      g_autofree char *pointer = g_strconcat ("/env/", sb_claude_tier_variables[i], NULL);
      JsonNode *node = effective != NULL ? sb_json_pointer_get (effective, pointer) : NULL;
      const char *value;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;

      value = json_node_get_string (node);
      if (model != NULL && g_strcmp0 (model, value) != 0)
        return NULL;
      model = value;
    }

  return g_strdup (model);
}
