/* sb-layer-values.c
 *
 * What the rows of a layer, or of the merged settings, show: one SbValueItem a setting.
 *
 * A layer shows only what it sets; the merged settings show every value with the layer it
 * comes from. Titles, redaction and summaries are the core's; this only puts them together
 * for a row. No key reaches an item: values are redacted before they are put into words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-diagnostics.h"
#include "sb-git.h"
#include "sb-json-edit.h"
#include "sb-layer-values.h"
#include "sb-secrets.h"
#include "sb-summary.h"

/* The text a value is edited as: strings bare, anything else as JSON. */
static char *
value_to_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("");

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return sb_json_node_to_string (node);
}

/* The text a value is shown as: as edited, but an empty string says so. */
static char *
value_to_display (JsonNode *node)
{
  g_autofree char *text = value_to_text (node);

  /* Translators: shown for a setting whose value is the empty string */
  return text[0] != '\0' ? g_steal_pointer (&text) : g_strdup (_("(empty)"));
}

static const char *
find_problem (GPtrArray  *diagnostics,
              SbLayer    *layer,
              const char *pointer)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->layer == layer && g_strcmp0 (diagnostic->pointer, pointer) == 0)
        return diagnostic->message;
    }

  return NULL;
}

static gboolean
is_editable (SbLayer *layer)
{
  SbLayerState state = sb_layer_get_state (layer);

  return !sb_layer_get_read_only (layer) &&
         (state == SB_LAYER_STATE_OK || state == SB_LAYER_STATE_MISSING);
}

static SbValueItem *
make_layer_item (SbLayerStack *stack,
                 SbLayer      *layer,
                 const char   *pointer,
                 const char   *name,
                 GPtrArray    *diagnostics)
{
  JsonNode *root = sb_layer_get_root (layer);
  g_autofree char *text = value_to_text (sb_json_pointer_get (root, pointer));
  g_autoptr(JsonNode) redacted = sb_secrets_redact_at (root, pointer);
  g_autofree char *redacted_text = value_to_text (redacted);
  g_autofree char *shown = value_to_display (redacted);
  /* A name can be a key too, as in env {"sk-or-v1-…": "1"}. */
  g_autofree char *shown_name = sb_secrets_redact_string (NULL, name);
  const char *title = sb_summary_get_title (pointer);
  gboolean secret = sb_secrets_is_secret_name (name);
  SbValueItem *item = sb_value_item_new (pointer);
  SbScope origin;
  const char *overridden_by = NULL;

  if (sb_layer_stack_lookup_origin (stack, pointer, &origin) &&
      origin != sb_layer_get_scope (layer))
    overridden_by = sb_scope_get_title (origin);

  /* No key in a label or an entry: a secret is edited from empty, anything else with the
   * keys in it masked. */
  g_object_set (item,
                "title", title != NULL ? title : shown_name,
                "key", shown_name,
                "text", secret && text[0] != '\0' ? _("Hidden") : shown,
                "edit-text", secret ? "" : redacted_text,
                "overridden-by", overridden_by,
                "problem", find_problem (diagnostics, layer, pointer),
                "editable", is_editable (layer),
                "secret", secret,
                "masked", !secret && !g_str_equal (text, redacted_text),
                NULL);
  return item;
}

static SbValueItem *
make_summary_item (const char *pointer,
                   const char *key,
                   JsonNode   *redacted)
{
  g_autofree char *shown_key = sb_secrets_redact_string (NULL, key);
  g_autofree char *summary = sb_summary_describe (key, redacted);
  SbValueItem *item = sb_value_item_new (pointer);

  g_object_set (item, "title", shown_key, "key", shown_key, "text", summary, NULL);
  return item;
}

/* The members of an object node, or none. */
static GList *
get_members (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? json_object_get_members (json_node_get_object (node)) : NULL;
}

/**
 * sb_layer_values_collect:
 * @stack: the folder's layers
 * @layer: one of them
 * @group: which of its settings
 * @diagnostics: (element-type SbDiagnostic) (nullable): the folder's problems, to say on
 *   the values they are about
 *
 * Returns: (transfer container) (element-type SbValueItem): the values of @group that
 *   @layer sets
 */
GPtrArray *
sb_layer_values_collect (SbLayerStack *stack,
                         SbLayer      *layer,
                         SbValueGroup  group,
                         GPtrArray    *diagnostics)
{
  JsonNode *root = sb_layer_get_root (layer);
  JsonNode *env = sb_json_pointer_get (root, "/env");
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), items);
  g_return_val_if_fail (SB_IS_LAYER (layer), items);

  switch (group)
    {
    case SB_VALUE_GROUP_ROUTING:
      for (const char * const *p = sb_summary_get_routing_pointers (); *p != NULL; p++)
        if (sb_json_pointer_get (root, *p) != NULL)
          g_ptr_array_add (items, make_layer_item (stack, layer, *p, strrchr (*p, '/') + 1,
                                                   diagnostics));
      break;

    case SB_VALUE_GROUP_ENV:
      if (env != NULL && !JSON_NODE_HOLDS_OBJECT (env))
        {
          SbValueItem *item = make_summary_item ("/env", "env", env);
          g_autoptr(JsonNode) redacted = sb_secrets_redact (env);
          g_autofree char *text = sb_json_node_to_string (redacted);

          g_object_set (item, "title", _("env is not an object; Claude Code ignores it"),
                        "text", text, NULL);
          g_ptr_array_add (items, item);
        }
      names = get_members (env);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *pointer = sb_json_pointer_append ("/env", l->data);

          if (!sb_summary_is_routing_pointer (pointer))
            g_ptr_array_add (items, make_layer_item (stack, layer, pointer, l->data,
                                                     diagnostics));
        }
      break;

    case SB_VALUE_GROUP_OTHER:
      names = get_members (root);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *pointer = sb_json_pointer_append ("", l->data);
          g_autoptr(JsonNode) redacted = NULL;

          if (g_str_equal (l->data, "env") || sb_summary_is_routing_pointer (pointer))
            continue;

          redacted = sb_secrets_redact_at (root, pointer);
          g_ptr_array_add (items, make_summary_item (pointer, l->data, redacted));
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return items;
}

/**
 * sb_effective_values_item_new:
 * @stack: the folder's layers
 * @pointer: a value of their merged settings
 * @name: what to call it if it has no readable title
 * @value: the value, redacted
 *
 * Returns: (transfer full): the item of one merged value, with the layer it comes from
 */
SbValueItem *
sb_effective_values_item_new (SbLayerStack *stack,
                              const char   *pointer,
                              const char   *name,
                              JsonNode     *value)
{
  g_autofree char *text = value_to_display (value);
  const char *title = sb_summary_get_title (pointer);
  SbValueItem *item = sb_value_item_new (pointer);
  SbScope origin = SB_SCOPE_USER;
  gboolean has_origin = sb_layer_stack_lookup_origin (stack, pointer, &origin);

  g_object_set (item,
                "title", title != NULL ? title : name,
                "key", name,
                "text", text,
                "has-origin", has_origin,
                "origin", origin,
                NULL);
  return item;
}

/* An object or a list, by its summary and the layers its members come from; its members
 * are listed when it is opened. Its edit-text is the whole value, so that a change to any
 * member notifies. */
static SbValueItem *
make_expandable_item (SbLayerStack *stack,
                      const char   *pointer,
                      const char   *key,
                      JsonNode     *value)
{
  g_autofree char *prefix_slash = g_strconcat (pointer, "/", NULL);
  g_autofree char *summary = sb_summary_describe (key, value);
  g_autofree char *json = sb_json_node_to_string (value);
  GPtrArray *origins = sb_layer_stack_get_origins (stack);
  gboolean scopes[SB_N_SCOPES] = { FALSE, };
  g_autoptr(GString) from = g_string_new (NULL);
  SbValueItem *item = sb_value_item_new (pointer);

  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);

      if (g_str_has_prefix (origin->pointer, prefix_slash))
        scopes[origin->scope] = TRUE;
    }
  for (guint scope = 0; scope < SB_N_SCOPES; scope++)
    if (scopes[scope])
      g_string_append_printf (from, "%s%s", from->len > 0 ? ", " : "",
                              sb_scope_get_title (scope));

  g_object_set (item, "title", key, "key", key, "edit-text", json, "expandable", TRUE, NULL);
  if (from->len > 0)
    {
      /* Translators: the first %s summarises a setting, the second lists layers,
       * e.g. "3 allowed, 0 denied, 0 to ask\nfrom Local, User" */
      g_autofree char *line = g_strdup_printf (_("%s\nfrom %s"), summary, from->str);

      g_object_set (item, "text", line, NULL);
    }
  else
    g_object_set (item, "text", summary, NULL);
  return item;
}

/**
 * sb_effective_values_collect:
 * @stack: the folder's layers
 * @effective: their merged settings, redacted
 * @group: which of them
 *
 * Returns: (transfer container) (element-type SbValueItem): the values of @group, each
 *   with the layer it comes from
 */
GPtrArray *
sb_effective_values_collect (SbLayerStack *stack,
                             JsonNode     *effective,
                             SbValueGroup  group)
{
  JsonNode *env = sb_json_pointer_get (effective, "/env");
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GList) names = NULL;

  switch (group)
    {
    case SB_VALUE_GROUP_ROUTING:
      for (const char * const *p = sb_summary_get_routing_pointers (); *p != NULL; p++)
        {
          JsonNode *node = sb_json_pointer_get (effective, *p);

          if (node != NULL)
            g_ptr_array_add (items, sb_effective_values_item_new (stack, *p,
                                                                  strrchr (*p, '/') + 1, node));
        }
      break;

    case SB_VALUE_GROUP_ENV:
      names = get_members (env);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *pointer = sb_json_pointer_append ("/env", l->data);

          if (!sb_summary_is_routing_pointer (pointer))
            g_ptr_array_add (items, sb_effective_values_item_new (
                                      stack, pointer, l->data,
                                      json_object_get_member (json_node_get_object (env),
                                                              l->data)));
        }
      break;

    case SB_VALUE_GROUP_OTHER:
      names = get_members (effective);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *pointer = sb_json_pointer_append ("", l->data);
          JsonNode *value = json_object_get_member (json_node_get_object (effective), l->data);

          if (g_str_equal (l->data, "env") || sb_summary_is_routing_pointer (pointer))
            continue;

          if (JSON_NODE_HOLDS_OBJECT (value) || JSON_NODE_HOLDS_ARRAY (value))
            g_ptr_array_add (items, make_expandable_item (stack, pointer, l->data, value));
          else
            g_ptr_array_add (items, sb_effective_values_item_new (stack, pointer, l->data,
                                                                  value));
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return items;
}

/**
 * sb_layer_values_get_unset:
 * @layer: a layer
 *
 * Returns: (transfer full): the routing and model keys @layer does not set, as JSON
 *   Pointers in their fixed order
 */
char **
sb_layer_values_get_unset (SbLayer *layer)
{
  g_autoptr(GStrvBuilder) unset = g_strv_builder_new ();

  for (const char * const *p = sb_summary_get_routing_pointers (); *p != NULL; p++)
    if (sb_json_pointer_get (sb_layer_get_root (layer), *p) == NULL)
      g_strv_builder_add (unset, *p);

  return g_strv_builder_end (unset);
}

/**
 * sb_layer_values_describe_file:
 * @layer: a layer
 * @changed_on_disk: whether its file changed on disk, by someone else, since last saved
 *
 * Returns: (transfer full): the state of @layer's file in words: whether it parses, what
 *   git thinks of it, whether and why it is read-only
 */
char *
sb_layer_values_describe_file (SbLayer  *layer,
                               gboolean  changed_on_disk)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (sb_layer_get_state (layer))
    {
    case SB_LAYER_STATE_MISSING:
      g_string_append (text, _("No file yet"));
      break;
    case SB_LAYER_STATE_OK:
      g_string_append (text, _("Valid"));
      break;
    case SB_LAYER_STATE_INVALID:
      g_string_append (text, _("Does not parse"));
      break;
    case SB_LAYER_STATE_UNREADABLE:
      g_string_append (text, _("Cannot be read"));
      break;
    default:
      g_assert_not_reached ();
    }

  /* Never git itself here: the column asks it in a thread, and shows this again. */
  switch (sb_git_peek_state (sb_layer_get_path (layer)))
    {
    case SB_GIT_STATE_TRACKED:
      g_string_append_printf (text, " · %s", _("Tracked by git"));
      break;
    case SB_GIT_STATE_IGNORED:
      g_string_append_printf (text, " · %s", _("Ignored by git"));
      break;
    case SB_GIT_STATE_UNTRACKED:
      if (sb_layer_get_state (layer) != SB_LAYER_STATE_MISSING)
        g_string_append_printf (text, " · %s", _("Not ignored by git"));
      break;
    case SB_GIT_STATE_NONE:
    case SB_GIT_STATE_UNKNOWN:
    default:
      break;
    }

  /* Says why, so that nobody looks for a way round it here. */
  if (sb_layer_get_read_only_reason (layer) != NULL)
    g_string_append_printf (text, " · %s", sb_layer_get_read_only_reason (layer));
  else if (sb_layer_get_read_only (layer))
    g_string_append_printf (text, " · %s", _("Read-only"));

  if (changed_on_disk)
    g_string_append_printf (text, " · %s", _("Changed on disk, reloaded"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}
