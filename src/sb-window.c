/* sb-window.c
 *
 * The main window: project folders in a sidebar; for the selected one, its settings layers
 * side by side and what claude uses there (an SbFolderView).
 *
 * The window is the one place that shows toasts: the shown SbFolder's notices, and what
 * its own actions have to say. Undo (the toasts' button, Ctrl+Z) is the folder's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-costs-view.h"
#include "sb-empty-page.h"
#include "sb-folder-chooser.h"
#include "sb-folder-list.h"
#include "sb-folder-view.h"
#include "sb-sidebar.h"
#include "sb-key-window.h"
#include "sb-model-switcher.h"
#include "sb-paths.h"
#include "sb-window.h"


struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwBin               *folder_page;
  AdwLeaflet           *leaflet;
  GtkStack             *main_stack;
  GtkMenuButton        *menu_button;
  SbModelSwitcher      *model_switcher;
  SbSidebar            *sidebar;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GMenuModel           *primary_menu;

  /* Owned */
  SbContext            *context;
  SbSettings           *settings;      /* the context's */
  SbFolderList         *folders;       /* the sidebar's */
  SbFolder             *folder;        /* the one shown, or NULL */
  SbFolderView         *view;          /* showing it */
  SbCostsView          *costs_view;
  gboolean              choosing;      /* the folder chooser is open */
  SbKeyWindow          *key_window;    /* while open */
  SbEmptyPage          *empty_page;    /* made when first shown */
  gboolean              raw;
  gboolean              costs;         /* the costs page instead of the settings */
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RAW,
  PROP_COSTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sb_window_show_folder (SbWindow   *self,
                                   const char *folder);

static void
show_toast (SbWindow   *self,
            const char *message,
            gboolean    can_undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (can_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (SbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->folder != NULL && sb_folder_get_can_undo (self->folder));
}

static const char *
shown_path (SbWindow *self)
{
  return self->folder != NULL ? sb_folder_get_path (self->folder) : NULL;
}

/* Sidebar */

static void
reload_folder_list (SbWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!sb_folder_list_reload (self->folders, &error))
    show_toast (self, error->message, FALSE);

  sb_sidebar_select (self->sidebar, shown_path (self));
}

static void
on_sidebar_folder_selected_cb (SbWindow   *self,
                               const char *folder)
{
  if (g_strcmp0 (folder, shown_path (self)) != 0)
    sb_window_show_folder (self, folder);
}

static void
on_sidebar_folder_activated_cb (SbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_button_clicked_cb (SbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The folder's notices are the window's toasts. */
static void
on_folder_notice_cb (SbWindow   *self,
                     const char *message,
                     gboolean    undoable)
{
  show_toast (self, message, undoable);
  update_actions (self);
}

static void
on_folder_changed_cb (SbWindow *self)
{
  update_actions (self);
}

/* The folder's settings, or its costs: the Costs page is made when first shown. */
static void
show_page (SbWindow *self)
{
  if (self->costs && self->costs_view == NULL)
    {
      self->costs_view = sb_costs_view_new (self->context);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->costs_view), "costs");
    }
  if (self->costs_view != NULL)
    sb_costs_view_set_folder (self->costs_view, self->folder);
  gtk_stack_set_visible_child_name (self->main_stack, self->costs ? "costs" : "folder");
}

static void
clear_folder (SbWindow *self)
{
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  self->view = NULL;
  adw_bin_set_child (self->folder_page, NULL);

  if (self->folder != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->folder, self);
      sb_folder_unload (self->folder);
    }
  g_clear_object (&self->folder);
  sb_model_switcher_set_stack (self->model_switcher, NULL);
}

static void
show_empty (SbWindow *self)
{
  clear_folder (self);
  if (self->key_window != NULL)
    sb_key_window_set_stack (self->key_window, NULL);
  /* Made the first time it is shown. */
  if (self->empty_page == NULL)
    {
      self->empty_page = SB_EMPTY_PAGE (sb_empty_page_new ());
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->empty_page), "empty");
    }
  sb_empty_page_update (self->empty_page);

  adw_window_title_set_title (self->window_title, "Signalbox");
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_actions (self);
}

static void
sb_window_show_folder (SbWindow   *self,
                       const char *folder)
{
  g_autofree char *name = g_path_get_basename (folder);
  g_autofree char *shown = sb_paths_abbreviate (folder);

  clear_folder (self);

  /* The shown folder stays in the list while it is shown, even if it was never remembered. */
  self->folder = g_object_ref (sb_folder_list_add (self->folders, folder));
  if (self->key_window != NULL)
    sb_key_window_set_stack (self->key_window, sb_folder_get_stack (self->folder));
  sb_model_switcher_set_stack (self->model_switcher, sb_folder_get_stack (self->folder));
  g_signal_connect_object (self->folder, "notice", G_CALLBACK (on_folder_notice_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->folder, "changed", G_CALLBACK (on_folder_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->folder, "notify::can-undo", G_CALLBACK (on_folder_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->view = sb_folder_view_new (self->folder, self->context, self->raw);
  adw_bin_set_child (self->folder_page, GTK_WIDGET (self->view));

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, shown);
  gtk_window_set_title (GTK_WINDOW (self), name);
  show_page (self);
  sb_settings_set_selected_folder (self->settings, folder);

  sb_sidebar_select (self->sidebar, folder);
  update_actions (self);
}

/**
 * sb_window_open_folder:
 * @self: the window
 * @folder: an absolute folder, links resolved
 *
 * Remembers @folder, puts it first in the sidebar and shows it.
 */
void
sb_window_open_folder (SbWindow   *self,
                       const char *folder)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  sb_settings_remember_folder (self->settings, folder);

  reload_folder_list (self);
  if (g_strcmp0 (folder, shown_path (self)) != 0)
    sb_window_show_folder (self, folder);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* For the application, which has something to say about a request it was sent. */
void
sb_window_show_message (SbWindow   *self,
                        const char *message)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  show_toast (self, message, FALSE);
}

const char *
sb_window_get_folder (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return shown_path (self);
}

SbLayerStack *
sb_window_get_stack (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->folder != NULL ? sb_folder_get_stack (self->folder) : NULL;
}

/**
 * sb_window_use_model:
 * @self: the window
 * @model: a model id
 * @scope: the layer to write
 * @error: where to say why not
 *
 * Sets the model of the shown folder, as `signalbox --use` does, offering Undo.
 */
gboolean
sb_window_use_model (SbWindow    *self,
                     const char  *model,
                     SbScope      scope,
                     GError     **error)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->folder != NULL, FALSE);

  return sb_folder_use_model (self->folder, model, scope, error);
}

/**
 * sb_window_use_model_in:
 * @self: the window
 * @folder: an absolute folder, links resolved
 * @model: a model id
 * @scope: the layer to write
 * @error: where to say why not
 *
 * Sets the model of @folder for a caller from outside (app.use-model over D-Bus): only a
 * folder in the sidebar, which is shown first so that the change can be seen and undone
 * like any other.
 */
gboolean
sb_window_use_model_in (SbWindow    *self,
                        const char  *folder,
                        const char  *model,
                        SbScope      scope,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (sb_folder_list_find (self->folders, folder, NULL) == NULL)
    {
      g_autofree char *shown = sb_paths_abbreviate (folder);

      /* Translators: %s is a folder */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s is not in Signalbox’s list of folders: open it in Signalbox first"),
                   shown);
      return FALSE;
    }

  if (g_strcmp0 (folder, shown_path (self)) != 0)
    sb_window_show_folder (self, folder);

  return sb_window_use_model (self, model, scope, error);
}

/* Actions */

/* win.use-model (folder, model, layer): a model picked in the header bar or in a sidebar
 * row. The folder shown changes with Undo; another is written without being shown. */
static void
use_model_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const char *path, *model, *layer;
  SbFolder *folder;
  SbScope scope;

  g_variant_get (parameter, "(&s&s&s)", &path, &model, &layer);
  folder = sb_folder_list_find (self->folders, path, NULL);
  if (!sb_scope_from_string (layer, &scope) || folder == NULL)
    return;

  if (folder == self->folder)
    {
      if (!sb_window_use_model (self, model, scope, &error))
        show_toast (self, error->message, FALSE);
      return;
    }

  if (!sb_folder_list_use_model (self->folders, folder, model, scope, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  name = g_path_get_basename (path);
  /* Translators: the first %s is a model id, the second a folder, the third a layer */
  message = g_strdup_printf (_("%s now set for %s, in the %s settings"), model, name,
                             sb_scope_get_title (scope));
  show_toast (self, message, FALSE);
}

static void
folder_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SbWindow *self = SB_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = sb_folder_chooser_ask_finish (result, &error);

  self->choosing = FALSE;
  if (folder != NULL)
    sb_window_open_folder (self, folder);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message, FALSE);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->choosing)
    return;

  self->choosing = TRUE;
  sb_folder_chooser_ask_async (GTK_WINDOW (self), NULL, folder_chosen_cb, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->folder != NULL && !sb_folder_undo (self->folder, &error))
    show_toast (self, error->message, FALSE);

  update_actions (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  sb_sidebar_search (self->sidebar);
}

static void
remove_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autofree char *folder = g_variant_dup_string (parameter, NULL);
  gboolean shown = g_strcmp0 (folder, shown_path (self)) == 0;
  guint position = 0;
  guint n_items;

  sb_folder_list_find (self->folders, folder, &position);
  if (shown)
    clear_folder (self);
  sb_folder_list_forget (self->folders, folder);

  if (!shown)
    return;

  /* The next folder in the list takes its place, or the one before it. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->folders));
  if (n_items == 0 || !sb_sidebar_select_at (self->sidebar, MIN (position, n_items - 1)))
    show_empty (self);
}

/* Made when asked for rather than with every window, as GtkApplication would. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  /* Modal, so there is one at a time; closing it destroys it. */
  builder = gtk_builder_new_from_resource ("/io/github/signalbox/Signalbox/"
                                           "sb-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_set_destroy_with_parent (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

/* A change saved on the key page: Undo here takes it back. */
static void
on_key_window_saved_cb (SbWindow   *self,
                        SbLayer    *layer,
                        const char *message)
{
  /* The page said what it did in its own toast. */
  if (self->folder != NULL)
    sb_folder_changed_by (self->folder, layer, NULL);
  update_actions (self);
}

/* The key page, over this window, for the folder shown. */
static void
openrouter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->key_window == NULL)
    {
      self->key_window = sb_key_window_new (self->context, sb_window_get_stack (self));
      gtk_window_set_transient_for (GTK_WINDOW (self->key_window), GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->key_window), (gpointer *) &self->key_window);
      g_signal_connect_object (self->key_window, "saved",
                               G_CALLBACK (on_key_window_saved_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (self->key_window));
}

/* GObject */

static void
sb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_RAW:
      g_value_set_boolean (value, self->raw);
      break;
    case PROP_COSTS:
      g_value_set_boolean (value, self->costs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->settings = g_object_ref (sb_context_get_settings (self->context));
      self->folders = sb_folder_list_new (self->settings,
                                         sb_context_get_catalog (self->context));
      break;
    case PROP_RAW:
      if (self->raw != g_value_get_boolean (value))
        {
          self->raw = g_value_get_boolean (value);
          if (self->view != NULL)
            sb_folder_view_set_raw (self->view, self->raw);
          g_object_notify_by_pspec (object, properties[PROP_RAW]);
        }
      break;
    case PROP_COSTS:
      if (self->costs != g_value_get_boolean (value))
        {
          self->costs = g_value_get_boolean (value);
          if (self->folder != NULL)
            show_page (self);
          g_object_notify_by_pspec (object, properties[PROP_COSTS]);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_picker_failed_cb (SbWindow   *self,
                     const char *message)
{
  show_toast (self, message, FALSE);
}

static void
sb_window_constructed (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);
  GSettings *gsettings = sb_settings_get_gsettings (self->settings);
  g_autoptr(GAction) action = NULL;

  G_OBJECT_CLASS (sb_window_parent_class)->constructed (object);

  g_settings_bind (gsettings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (gsettings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (gsettings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_object_set (self->model_switcher, "context", self->context, NULL);

  /* Favourites in Claude Code's /model: a check item in the main menu. */
  action = g_settings_create_action (gsettings, "model-picker");
  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_signal_connect_object (sb_context_get_picker_sync (self->context), "failed",
                           G_CALLBACK (on_picker_failed_cb), self, G_CONNECT_SWAPPED);
}


/* Shown with no folder opened: the one shown last time, the first in the list, or the
 * empty page. Chosen here rather than when the window is made, so that a folder opened
 * before the window is shown is the only one set up. */
static void
sb_window_map (GtkWidget *widget)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->folder == NULL && self->empty_page == NULL)
    {
      const char *selected = sb_settings_get_selected_folder (self->settings);
      const char *first = sb_sidebar_get_folder_at (self->sidebar, 0);

      if (selected[0] != '\0' && sb_folder_list_find (self->folders, selected, NULL) != NULL)
        sb_window_show_folder (self, selected);
      else if (first != NULL)
        sb_window_show_folder (self, first);
      else
        show_empty (self);
    }

  GTK_WIDGET_CLASS (sb_window_parent_class)->map (widget);

  /* The transcripts are read once the window is on screen, not before. */
  /* What each folder cost in the last 7 days, for the sidebar: the transcripts are read
   * once the window is on screen, not before. */
  sb_folder_list_follow_costs (self->folders, sb_context_get_costs (self->context), 500);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = (SbWindow *)object;

  clear_folder (self);
  if (self->key_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->key_window), (gpointer *) &self->key_window);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->key_window)));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);

  g_clear_object (&self->folders);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_window_constructed;
  object_class->dispose = sb_window_dispose;
  object_class->get_property = sb_window_get_property;
  object_class->set_property = sb_window_set_property;
  widget_class->map = sb_window_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COSTS] =
    g_param_spec_boolean ("costs", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RAW] =
    g_param_spec_boolean ("raw", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_MODEL_SWITCHER);
  g_type_ensure (SB_TYPE_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, folder_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, model_switcher);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, primary_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_folder_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_folder_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.use-model", "(sss)", use_model_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.remove-folder", "s",
                                   remove_folder_action);
  gtk_widget_class_install_action (widget_class, "win.openrouter", NULL, openrouter_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);
  gtk_widget_class_install_property_action (widget_class, "win.raw", "raw");
  gtk_widget_class_install_property_action (widget_class, "win.costs", "costs");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.raw", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.costs", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
}

/* The menu's popover, made when it first opens rather than with the window. */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  SbWindow *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu, self, NULL);
}

/**
 * sb_window_new:
 * @application: the application
 * @context: the services it shares with its windows
 *
 * Creates the main window, showing the folder selected last time, or the first known one,
 * or, with none, how to begin.
 */
SbWindow *
sb_window_new (GtkApplication *application,
               SbContext      *context)
{
  SbWindow *self;

  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  self = g_object_new (SB_TYPE_WINDOW, "application", application, "context", context, NULL);

  sb_sidebar_bind (self->sidebar, self->folders, context);
  reload_folder_list (self);

  return self;
}
