/* sb-offered-row.c
 *
 * A model in a folder's /model list: a switch that puts it in or takes it out of the
 * folder's availableModels, in the layer that holds it (or the one models are written to),
 * and a menu that uses it in the folder or for every tier. What the row asks for goes up
 * as the folder view's actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-offered-row.h"
#include "sb-secrets.h"
#include "sb-widget-utils-private.h"

struct _SbOfferedRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkImage     *current_icon;
  GtkMenuButton *menu_button;
  GtkSwitch    *offered_switch;

  /* Owned */
  char         *model;
  SbScope       scope;    /* the layer the switch writes */
  gboolean      syncing;  /* the switch is being set from the files, not by a person */
};

G_DEFINE_FINAL_TYPE (SbOfferedRow, sb_offered_row, ADW_TYPE_ACTION_ROW)

static void
on_switch_active_cb (SbOfferedRow *self)
{
  if (self->syncing)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "folder.set-offered", "(sib)", self->model,
                              self->scope, gtk_switch_get_active (self->offered_switch));
}

static void
use_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbOfferedRow *self = SB_OFFERED_ROW (widget);

  gtk_widget_activate_action (widget, "folder.use-model", "(si)", self->model, -1);
}

static void
use_for_tiers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbOfferedRow *self = SB_OFFERED_ROW (widget);

  gtk_widget_activate_action (widget, "folder.use-for-tiers", "(si)", self->model, -1);
}

const char *
sb_offered_row_get_model (SbOfferedRow *self)
{
  g_return_val_if_fail (SB_IS_OFFERED_ROW (self), NULL);

  return self->model;
}

static void
sb_offered_row_finalize (GObject *object)
{
  SbOfferedRow *self = SB_OFFERED_ROW (object);

  g_free (self->model);

  G_OBJECT_CLASS (sb_offered_row_parent_class)->finalize (object);
}

static void
sb_offered_row_class_init (SbOfferedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sb_offered_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-offered-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOfferedRow, current_icon);
  gtk_widget_class_bind_template_child (widget_class, SbOfferedRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SbOfferedRow, offered_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_active_cb);

  gtk_widget_class_install_action (widget_class, "row.use", NULL, use_action);
  gtk_widget_class_install_action (widget_class, "row.use-for-tiers", NULL,
                                   use_for_tiers_action);
}

static void
sb_offered_row_init (SbOfferedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_offered_row_update:
 * @self: a row
 * @description: (nullable): the model's window, prices and flags
 * @offered: whether the folder's availableModels holds it
 * @scope: the layer its switch writes
 * @writable: whether that layer can be written
 * @current: whether it is the model claude uses in the folder
 *
 * Changes the row in place, as the folder's files change.
 */
void
sb_offered_row_update (SbOfferedRow *self,
                       const char   *description,
                       gboolean      offered,
                       SbScope       scope,
                       gboolean      writable,
                       gboolean      current)
{
  g_autoptr(GString) subtitle = g_string_new (description);

  g_return_if_fail (SB_IS_OFFERED_ROW (self));

  self->scope = scope;
  if (current)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, _("in use"));
    }
  if (offered && scope != SB_SCOPE_LOCAL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: %s is a layer: User, Project or Managed */
      g_string_append_printf (subtitle, _("allowed by the %s settings"),
                              sb_scope_get_title (scope));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->current_icon), current);

  self->syncing = TRUE;
  gtk_switch_set_active (self->offered_switch, offered);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->offered_switch), writable);
}

/**
 * sb_offered_row_new:
 * @model: a model id
 * @description: (nullable): its window, prices and flags
 * @offered: whether the folder's availableModels holds it
 * @scope: the layer its switch writes
 * @writable: whether that layer can be written
 * @current: whether it is the model claude uses in the folder
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
sb_offered_row_new (const char *model,
                    const char *description,
                    gboolean    offered,
                    SbScope     scope,
                    gboolean    writable,
                    gboolean    current)
{
  SbOfferedRow *self = g_object_new (SB_TYPE_OFFERED_ROW, NULL);
  g_autofree char *shown = sb_secrets_redact_string ("ANTHROPIC_MODEL", model);
  g_autofree char *label = NULL;

  self->model = g_strdup (model);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), shown);
  sb_offered_row_update (self, description, offered, scope, writable, current);

  /* Translators: %s is a model id */
  label = g_strdup_printf (_("Offer %s in /model"), shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->offered_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_free (label);
  /* Translators: %s is a model id */
  label = g_strdup_printf (_("More for %s"), shown);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return GTK_WIDGET (self);
}
