/* sb-window.c
 *
 * The main window: for one folder, its settings layers and what claude uses there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-json-edit.h"
#include "sb-paths.h"
#include "sb-secrets.h"
#include "sb-window.h"

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *effective_group;
  AdwPreferencesGroup  *layers_group;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  /* Owned */
  SbLayerStack         *stack;
  GPtrArray            *rows;  /* the rows we added, to remove them on reload */
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

/* The keys that decide where claude's requests go and which model answers them. */
static const char * const routing_pointers[] = {
  "/env/ANTHROPIC_BASE_URL",
  "/env/ANTHROPIC_MODEL",
  "/model",
  "/apiKeyHelper",
};

static const char *
state_label (SbLayerState state)
{
  switch (state)
    {
    case SB_LAYER_STATE_MISSING:
      return _("Missing");
    case SB_LAYER_STATE_OK:
      return _("Valid");
    case SB_LAYER_STATE_INVALID:
      return _("Does not parse");
    case SB_LAYER_STATE_UNREADABLE:
      return _("Unreadable");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_row (SbWindow            *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *suffix)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (suffix);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
sb_window_update (SbWindow *self)
{
  g_autoptr(JsonNode) effective = sb_secrets_redact (sb_layer_stack_get_effective (self->stack));
  GPtrArray *layers = sb_layer_stack_get_layers (self->stack);
  guint shown = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < G_N_ELEMENTS (routing_pointers); i++)
    {
      JsonNode *node = sb_json_pointer_get (effective, routing_pointers[i]);
      g_autofree char *value = NULL;
      g_autofree char *from = NULL;
      SbScope scope;

      if (node == NULL || !sb_layer_stack_lookup_origin (self->stack, routing_pointers[i], &scope))
        continue;

      value = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
              ? g_strdup (json_node_get_string (node))
              : sb_json_node_to_string (node);
      /* Translators: %s is a settings layer: User, Project, Local or Managed */
      from = g_strdup_printf (_("from %s"), sb_scope_get_title (scope));
      add_row (self, self->effective_group, routing_pointers[i], value, from);
      shown++;
    }

  if (shown == 0)
    add_row (self, self->effective_group, _("Nothing set"),
             _("Claude Code uses its defaults in this folder"), "");

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (layer));
      g_autofree char *subtitle = NULL;

      /* Where the file breaks, under its path. */
      if (sb_layer_get_error (layer) != NULL)
        subtitle = g_strdup_printf ("%s\n%s", path, sb_layer_get_error (layer));
      else
        subtitle = g_strdup (path);

      add_row (self, self->layers_group, sb_scope_get_title (sb_layer_get_scope (layer)),
               subtitle, state_label (sb_layer_get_state (layer)));
    }
}

static void
on_stack_changed_cb (SbWindow *self,
                     gboolean  external)
{
  sb_window_update (self);

  if (external)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Settings changed on disk and were reloaded")));
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = (SbWindow *)object;

  if (self->stack != NULL)
    sb_layer_stack_set_watched (self->stack, FALSE);
  g_clear_object (&self->stack);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, effective_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, layers_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
}

/**
 * sb_window_new:
 * @application: the application
 * @folder: an absolute folder, links resolved
 *
 * Creates a window showing the settings of @folder, kept up to date as its files change.
 */
SbWindow *
sb_window_new (SbApplication *application,
               const char    *folder)
{
  SbWindow *self;
  g_autofree char *name = g_path_get_basename (folder);
  g_autofree char *shown = sb_paths_abbreviate (folder);

  self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);
  self->stack = sb_layer_stack_new (folder);

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, shown);
  gtk_window_set_title (GTK_WINDOW (self), name);

  g_signal_connect_object (self->stack, "changed", G_CALLBACK (on_stack_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sb_layer_stack_set_watched (self->stack, TRUE);
  sb_window_update (self);

  return self;
}

SbLayerStack *
sb_window_get_stack (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->stack;
}
