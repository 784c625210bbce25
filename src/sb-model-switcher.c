/* sb-model-switcher.c
 *
 * The header bar's model button: the shown folder's model, the favourites to switch to in
 * one click, and the chooser for any other.
 *
 * A choice is written as ANTHROPIC_MODEL to the layer the `model-layer` setting names
 * (Local unless the person picks another in the same menu), through sb_window_use_model(),
 * which offers Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-layer-stack.h"
#include "sb-model-chooser.h"
#include "sb-model-switcher.h"
#include "sb-secrets.h"
#include "sb-summary.h"
#include "sb-window.h"

struct _SbModelSwitcher
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkMenuButton      *button;
  GtkLabel           *label;

  /* Owned */
  SbContext          *context;      /* NULL until the window gives it */
  GSimpleActionGroup *actions;
  GMenu              *menu;
  GMenu              *favourites;   /* the menu's first section */
  gboolean            compact;
};

G_DEFINE_FINAL_TYPE (SbModelSwitcher, sb_model_switcher, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SbWindow *
get_window (SbModelSwitcher *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return SB_IS_WINDOW (root) ? SB_WINDOW (root) : NULL;
}

static void
use_model (SbModelSwitcher *self,
           const char      *id)
{
  SbWindow *window = get_window (self);
  g_autoptr(GError) error = NULL;
  SbScope scope;

  if (window == NULL || sb_window_get_stack (window) == NULL || self->context == NULL)
    return;

  scope = sb_settings_get_model_scope (sb_context_get_settings (self->context));
  if (!sb_window_use_model (window, id, scope, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (sb_window_get_toast_overlay (window), toast);
    }
}

static void
use_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  use_model (SB_MODEL_SWITCHER (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_model_chosen_cb (SbModelSwitcher *self,
                    const char      *id)
{
  use_model (self, id);
}

static void
other_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SbModelSwitcher *self = SB_MODEL_SWITCHER (user_data);
  GVariant *state = g_action_group_get_action_state (G_ACTION_GROUP (self->actions), "use");
  const char *current = g_variant_get_string (state, NULL);
  SbModelChooser *chooser;

  chooser = sb_model_chooser_open (GTK_WIDGET (self), self->context,
                                   current[0] != '\0' ? current : NULL);
  g_variant_unref (state);
  if (chooser != NULL)
    g_signal_connect_object (chooser, "model-chosen", G_CALLBACK (on_model_chosen_cb), self,
                             G_CONNECT_SWAPPED);
}

static const GActionEntry action_entries[] = {
  { "use", use_action_cb, "s", "''" },
  { "other", other_action_cb },
};

/* The favourites into @section, by name when the catalogue knows them, each activating
 * @group's "use" action. */
static void
fill_favourites (GMenu      *section,
                 SbContext  *context,
                 const char *group)
{
  const char * const *favourites = sb_settings_get_favourites (sb_context_get_settings (context));
  SbCatalog *catalog = sb_context_get_catalog (context);
  g_autofree char *use = g_strconcat (group, ".use", NULL);
  g_autofree char *none = g_strconcat (group, ".none", NULL);

  g_menu_remove_all (section);
  for (guint i = 0; favourites[i] != NULL; i++)
    {
      SbModel *model = sb_catalog_lookup (catalog, favourites[i]);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (model != NULL ? sb_model_get_name (model) : favourites[i], NULL);
      g_menu_item_set_action_and_target (item, use, "s", favourites[i]);
      g_menu_append_item (section, item);
    }

  if (favourites[0] == NULL)
    /* Translators: shown in the model menu while there are no favourites; not clickable */
    g_menu_append (section, _("Pin favourites with the star in the chooser"), none);
}

static void
update_menu (SbModelSwitcher *self)
{
  fill_favourites (self->favourites, self->context, "switcher");
}

/**
 * sb_model_switcher_update:
 * @self: the switcher
 *
 * Shows the model the window's folder uses now.
 */
void
sb_model_switcher_update (SbModelSwitcher *self)
{
  SbWindow *window;
  SbLayerStack *stack;
  g_autofree char *model = NULL;
  g_autofree char *shown = NULL;
  GAction *use;

  g_return_if_fail (SB_IS_MODEL_SWITCHER (self));

  window = get_window (self);
  stack = window != NULL ? sb_window_get_stack (window) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), stack != NULL);
  if (stack == NULL)
    return;

  model = sb_summary_get_model (sb_layer_stack_get_effective (stack));
  shown = sb_secrets_redact_string ("ANTHROPIC_MODEL", model);
  gtk_label_set_label (self->label, shown != NULL ? shown : _("Default Model"));
  /* Named for what it does, with the model as its value: the same whether the label shows
   * or only the icon does. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Model for This Folder"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  shown != NULL ? shown : _("Default Model"),
                                  -1);
  use = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "use");
  g_simple_action_set_state (G_SIMPLE_ACTION (use), g_variant_new_string (model != NULL ? model
                                                                                       : ""));
}

/**
 * sb_model_switcher_set_context:
 * @self: the switcher
 * @context: the window's services
 *
 * Gives the switcher its services, once: it is made by the window's template, before the
 * window has them.
 */
void
sb_model_switcher_set_context (SbModelSwitcher *self,
                               SbContext       *context)
{
  g_autoptr(GAction) layer = NULL;

  g_return_if_fail (SB_IS_MODEL_SWITCHER (self));
  g_return_if_fail (SB_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  layer = G_ACTION (g_property_action_new ("model-layer", sb_context_get_settings (context),
                                           "model-layer"));
  g_action_map_add_action (G_ACTION_MAP (self->actions), layer);

  update_menu (self);
  g_signal_connect_object (sb_context_get_settings (context), "notify::favourites",
                           G_CALLBACK (update_menu), self, G_CONNECT_SWAPPED);
  /* Names arrive with the list. */
  g_signal_connect_object (sb_context_get_catalog (context), "items-changed",
                           G_CALLBACK (update_menu), self, G_CONNECT_SWAPPED);
}

/* Returns: (transfer none): the button's menu */
GMenuModel *
sb_model_switcher_get_menu (SbModelSwitcher *self)
{
  g_return_val_if_fail (SB_IS_MODEL_SWITCHER (self), NULL);

  return G_MENU_MODEL (self->menu);
}

static void
sb_model_switcher_dispose (GObject *object)
{
  SbModelSwitcher *self = (SbModelSwitcher *) object;

  /* The button is the bin's child: the bin lets it go (disposing the template as well
   * would unparent it twice). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->button = NULL;
  self->label = NULL;
  g_clear_object (&self->actions);
  g_clear_object (&self->favourites);
  g_clear_object (&self->menu);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_model_switcher_parent_class)->dispose (object);
}

static void
sb_model_switcher_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbModelSwitcher *self = SB_MODEL_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_switcher_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbModelSwitcher *self = SB_MODEL_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      if (self->compact != g_value_get_boolean (value))
        {
          self->compact = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_switcher_class_init (SbModelSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_model_switcher_dispose;
  object_class->get_property = sb_model_switcher_get_property;
  object_class->set_property = sb_model_switcher_set_property;

  /* Only the icon, for a narrow window. */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-model-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, SbModelSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, SbModelSwitcher, label);
}

/* The menu's popover, made when it first opens rather than with the window. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  SbModelSwitcher *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->menu));
}

static void
sb_model_switcher_init (SbModelSwitcher *self)
{
  g_autoptr(GMenu) other = g_menu_new ();
  g_autoptr(GMenu) layers = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "switcher", G_ACTION_GROUP (self->actions));

  self->menu = g_menu_new ();
  self->favourites = g_menu_new ();
  g_menu_append_section (self->menu, _("Favourites"), G_MENU_MODEL (self->favourites));

  g_menu_append (other, _("_Other Model…"), "switcher.other");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (other));

  /* Translators: the settings layers a chosen model can be written to */
  g_menu_append (layers, _("_Local (this computer only)"), "switcher.model-layer::local");
  g_menu_append (layers, _("_Project (shared with the team)"), "switcher.model-layer::project");
  g_menu_append (layers, _("_User (every folder)"), "switcher.model-layer::user");
  g_menu_append_section (self->menu, _("Save the Choice In"), G_MENU_MODEL (layers));

  gtk_menu_button_set_create_popup_func (self->button, create_menu, self, NULL);
}

/* A sidebar row's button: the favourites, for a folder that need not be the one shown. */

typedef struct
{
  GtkWidget *button;    /* not owned: this lives as long as it */
  SbContext *context;
  char      *folder;
} FolderButton;

static void
folder_button_free (gpointer data)
{
  FolderButton *folder_button = data;

  g_object_unref (folder_button->context);
  g_free (folder_button->folder);
  g_free (folder_button);
}

static void
show_toast (GtkWidget  *widget,
            const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (SB_IS_WINDOW (root))
    adw_toast_overlay_add_toast (sb_window_get_toast_overlay (SB_WINDOW (root)), toast);
  else
    g_object_unref (toast);
}

static void
folder_use_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  FolderButton *folder_button = user_data;
  GtkWidget *button = folder_button->button;
  const char *folder = folder_button->folder;
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (button);
  SbScope scope;

  scope = sb_settings_get_model_scope (sb_context_get_settings (folder_button->context));

  /* The folder shown goes through the window, which offers Undo and follows the file. */
  if (SB_IS_WINDOW (root) && g_strcmp0 (sb_window_get_folder (SB_WINDOW (root)), folder) == 0)
    {
      if (!sb_window_use_model (SB_WINDOW (root), id, scope, &error))
        show_toast (button, error->message);
      return;
    }

  stack = sb_layer_stack_new (folder);
  if (!sb_layer_stack_use_model (stack, id, scope, &error))
    {
      show_toast (button, error->message);
      return;
    }

  /* The window watches only the folder it shows: the folder's row reads it again. */
  gtk_widget_activate_action (button, "folder-row.reload", NULL);

  name = g_path_get_basename (folder);
  /* Translators: the first %s is a model id, the second a folder, the third a layer */
  message = g_strdup_printf (_("%s now set for %s, in the %s settings"), id, name,
                             sb_scope_get_title (scope));
  show_toast (button, message);
}

/* The menu is made as it opens, so it has the favourites of now. */
static void
folder_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  FolderButton *folder_button = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  fill_favourites (section, folder_button->context, "folder");
  g_menu_append_section (menu, _("Use a Favourite Here"), G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/**
 * sb_model_switcher_new_folder_button:
 * @context: the window's services
 * @folder: a project folder
 *
 * Returns: (transfer floating): a button for @folder's row in the sidebar, whose menu
 *   writes a favourite as the folder's model, to the layer `model-layer` names
 */
GtkWidget *
sb_model_switcher_new_folder_button (SbContext  *context,
                                     const char *folder)
{
  GtkWidget *button = gtk_menu_button_new ();
  FolderButton *folder_button = g_new0 (FolderButton, 1);
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autofree char *name = g_path_get_basename (folder);
  g_autofree char *label = NULL;
  const GActionEntry entries[] = {
    { "use", folder_use_action_cb, "s" },
  };

  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  folder_button->button = button;
  folder_button->context = g_object_ref (context);
  folder_button->folder = g_strdup (folder);

  /* Translators: %s is a folder name */
  label = g_strdup_printf (_("Switch the Model of %s"), name);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "starred-symbolic");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries),
                                   folder_button);
  gtk_widget_insert_action_group (button, "folder", G_ACTION_GROUP (actions));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), folder_menu_cb,
                                         folder_button, folder_button_free);

  return button;
}
