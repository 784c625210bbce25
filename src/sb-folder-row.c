/* sb-folder-row.c
 *
 * A folder in the sidebar: its name, path and model (the id Claude Code will send), what
 * it cost in the last 7 days, and whether claude would run into problems there.
 *
 * The row follows its SbFolder, which checks itself once for all who show its problems;
 * a new row asks for that check after the window's first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sb-favourites-menu.h"
#include "sb-folder-row.h"
#include "sb-paths.h"
#include "sb-secrets.h"
#include "sb-transcripts.h"
#include "sb-widget-utils-private.h"

struct _SbFolderRow
{
  GtkListBoxRow     parent_instance;

  /* Template widgets */
  GtkLabel         *cost_label;
  GtkMenuButton    *model_button;
  GtkLabel         *model_label;
  GtkLabel         *name_label;
  GtkLabel         *path_label;
  GtkImage         *problem_icon;
  GtkButton        *remove_button;

  /* Owned */
  SbContext        *context;
  SbFolder         *folder;
  SbFavouritesMenu *favourites;   /* made when the model menu first opens */
};

G_DEFINE_FINAL_TYPE (SbFolderRow, sb_folder_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The model claude uses in the folder; "Default model" when it sets none. */
static void
update_model (SbFolderRow *self)
{
  g_autofree char *shown = sb_secrets_redact_string ("ANTHROPIC_MODEL",
                                                     sb_folder_get_model (self->folder));

  gtk_label_set_label (self->model_label, shown != NULL ? shown : _("Default model"));
}

/* What Claude Code spent in the folder in the last 7 days, when it spent anything. */
static void
update_week_cost (SbFolderRow *self)
{
  double cost = sb_folder_get_week_cost (self->folder);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->cost_label), !isnan (cost) && cost != 0);
  if (isnan (cost) || cost == 0)
    return;

  amount = sb_costs_format_total (cost, sb_folder_get_week_known_cost (self->folder));
  /* Translators: %s is a cost, "$4.26", or "unknown"; an estimate from the transcripts */
  text = g_strdup_printf (_("%s in 7 days"), amount);
  gtk_label_set_label (self->cost_label, text);
}

static void
update_has_problems (SbFolderRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problem_icon),
                          sb_folder_get_has_problems (self->folder));
}

/* folder-row.use: a favourite picked in the row's menu, for the window to write. */
static void
use_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbFolderRow *self = SB_FOLDER_ROW (widget);
  SbScope scope = sb_settings_get_model_scope (sb_context_get_settings (self->context));

  gtk_widget_activate_action (widget, "win.use-model", "(sss)",
                              sb_folder_get_path (self->folder),
                              g_variant_get_string (parameter, NULL),
                              sb_scope_to_string (scope));
}

/* The model menu, made when it first opens rather than with every row. */
static void
create_model_menu (GtkMenuButton *button,
                   gpointer       user_data)
{
  SbFolderRow *self = user_data;
  g_autoptr(GMenu) menu = NULL;

  if (self->favourites != NULL)
    return;

  self->favourites = sb_favourites_menu_new (self->context, "folder-row.use");
  menu = g_menu_new ();
  g_menu_append_section (menu, _("Use a Favourite Here"),
                         sb_favourites_menu_get_model (self->favourites));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
sb_folder_row_constructed (GObject *object)
{
  SbFolderRow *self = SB_FOLDER_ROW (object);
  const char *folder = sb_folder_get_path (self->folder);
  g_autofree char *name = g_path_get_basename (folder);
  g_autofree char *path = sb_paths_abbreviate (folder);
  g_autofree char *remove_label = NULL;
  g_autofree char *model_label = NULL;

  G_OBJECT_CLASS (sb_folder_row_parent_class)->constructed (object);

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->path_label, path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (self->folder, "notify::model", G_CALLBACK (update_model), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->folder, "notify::week-cost", G_CALLBACK (update_week_cost),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->folder, "notify::has-problems",
                           G_CALLBACK (update_has_problems), self, G_CONNECT_SWAPPED);
  update_model (self);
  update_week_cost (self);
  update_has_problems (self);

  /* Translators: %s is a folder name */
  model_label = g_strdup_printf (_("Switch the Model of %s"), name);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->model_button), model_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->model_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, model_label, -1);

  /* Translators: %s is a folder name */
  remove_label = g_strdup_printf (_("Remove %s From the List"), name);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", folder);

  /* Its model and its problems: read, not watched, unless it is the folder shown. */
  sb_folder_check_soon (self->folder);
}

static void
sb_folder_row_dispose (GObject *object)
{
  SbFolderRow *self = SB_FOLDER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_FOLDER_ROW);
  g_clear_object (&self->favourites);
  g_clear_object (&self->context);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (sb_folder_row_parent_class)->dispose (object);
}

static void
sb_folder_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbFolderRow *self = SB_FOLDER_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_folder_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbFolderRow *self = SB_FOLDER_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_folder_row_class_init (SbFolderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_folder_row_constructed;
  object_class->dispose = sb_folder_row_dispose;
  object_class->get_property = sb_folder_row_get_property;
  object_class->set_property = sb_folder_row_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         SB_TYPE_FOLDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "folder-row.use", "s", use_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-folder-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbFolderRow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, SbFolderRow, model_button);
  gtk_widget_class_bind_template_child (widget_class, SbFolderRow, model_label);
  gtk_widget_class_bind_template_child (widget_class, SbFolderRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SbFolderRow, path_label);
  gtk_widget_class_bind_template_child (widget_class, SbFolderRow, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, SbFolderRow, remove_button);
}

static void
sb_folder_row_init (SbFolderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->model_button, create_model_menu, self, NULL);
}

/**
 * sb_folder_row_new:
 * @context: the application's services
 * @folder: a folder of the list
 *
 * Returns: (transfer floating): a sidebar row for @folder
 */
SbFolderRow *
sb_folder_row_new (SbContext *context,
                   SbFolder  *folder)
{
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SB_IS_FOLDER (folder), NULL);

  return g_object_new (SB_TYPE_FOLDER_ROW, "context", context, "folder", folder, NULL);
}

/* Returns: the folder's path */
const char *
sb_folder_row_get_folder (SbFolderRow *self)
{
  g_return_val_if_fail (SB_IS_FOLDER_ROW (self), NULL);

  return sb_folder_get_path (self->folder);
}
