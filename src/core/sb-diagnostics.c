/* sb-diagnostics.c
 *
 * What would go wrong when claude starts in a folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-diagnostics.h"
#include "sb-json-edit.h"

const char *
sb_severity_to_string (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR:
      return "error";
    case SB_SEVERITY_WARNING:
      return "warning";
    case SB_SEVERITY_INFO:
      return "info";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
sb_diagnostic_free (SbDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;

  g_free (diagnostic->code);
  g_free (diagnostic->message);
  g_clear_object (&diagnostic->layer);
  g_free (diagnostic->pointer);
  g_free (diagnostic);
}

G_GNUC_PRINTF (6, 7)
static void
add (GPtrArray  *diagnostics,
     SbSeverity  severity,
     const char *code,
     SbLayer    *layer,
     const char *pointer,
     const char *format,
     ...)
{
  SbDiagnostic *diagnostic = g_new0 (SbDiagnostic, 1);
  va_list args;

  va_start (args, format);
  diagnostic->message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic->severity = severity;
  diagnostic->code = g_strdup (code);
  diagnostic->layer = layer != NULL ? g_object_ref (layer) : NULL;
  diagnostic->pointer = g_strdup (pointer);
  g_ptr_array_add (diagnostics, diagnostic);
}

static gboolean
is_env_name (const char *name)
{
  if (!(g_ascii_isupper (name[0]) || name[0] == '_'))
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!(g_ascii_isupper (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;

  return TRUE;
}

static void
check_env (GPtrArray *diagnostics,
           SbLayer   *layer)
{
  JsonNode *env = sb_json_pointer_get (sb_layer_get_root (layer), "/env");
  const char *title = sb_scope_get_title (sb_layer_get_scope (layer));
  g_autoptr(GList) names = NULL;

  if (env == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (env))
    {
      add (diagnostics, SB_SEVERITY_ERROR, "env-not-object", layer, "/env",
           /* Translators: %s is a settings layer: User, Project, Local or Managed */
           _("“env” in the %s settings must be an object of variables; "
             "Claude Code may ignore it"), title);
      return;
    }

  names = json_object_get_members (json_node_get_object (env));
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (json_node_get_object (env), name);
      g_autofree char *pointer = sb_json_pointer_append ("/env", name);

      if (!is_env_name (name))
        add (diagnostics, SB_SEVERITY_ERROR, "env-name-invalid", layer, pointer,
             /* Translators: the first %s is a variable name, the second a layer */
             _("“%s” in the %s settings is not a valid environment variable name "
               "(capital letters, digits and _ only); Claude Code may skip the file"),
             name, title);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        add (diagnostics, SB_SEVERITY_ERROR, "env-not-string", layer, pointer,
             /* Translators: the first %s is a variable name, the second a layer */
             _("%s in the %s settings must be a string, in quotes; "
               "Claude Code may skip the file"),
             name, title);
    }
}

/**
 * sb_diagnostics_check:
 * @stack: a folder's layers
 *
 * Returns: (transfer full) (element-type SbDiagnostic): the problems found, most severe
 *   first
 */
GPtrArray *
sb_diagnostics_check (SbLayerStack *stack)
{
  GPtrArray *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_diagnostic_free);
  GPtrArray *layers = sb_layer_stack_get_layers (stack);

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      const char *title = sb_scope_get_title (sb_layer_get_scope (layer));

      switch (sb_layer_get_state (layer))
        {
        case SB_LAYER_STATE_INVALID:
          add (diagnostics, SB_SEVERITY_ERROR, "layer-invalid", layer, NULL,
               /* Translators: %s is a layer; the last %s says where the file breaks */
               _("The %s settings file does not parse, so Claude Code ignores all of it "
                 "(%s)"), title, sb_layer_get_error (layer));
          break;

        case SB_LAYER_STATE_UNREADABLE:
          add (diagnostics, SB_SEVERITY_ERROR, "layer-unreadable", layer, NULL,
               _("The %s settings file cannot be read (%s)"),
               title, sb_layer_get_error (layer));
          break;

        case SB_LAYER_STATE_OK:
          check_env (diagnostics, layer);
          break;

        case SB_LAYER_STATE_MISSING:
        default:
          break;
        }
    }

  return diagnostics;
}

gboolean
sb_diagnostics_has_errors (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity == SB_SEVERITY_ERROR)
        return TRUE;
    }

  return FALSE;
}
