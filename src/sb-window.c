/* sb-window.c
 *
 * The main window: project folders in a sidebar; for the selected one, its settings layers
 * side by side and what claude uses there.
 *
 * A folder's first frame shows each layer's file and the verdict; the rows of values
 * follow in the next frame. Laying out a few hundred labels takes GTK longer than
 * everything else the window does, so they come once the window is on screen rather than
 * before it (the window is "busy" until then).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-diagnostics.h"
#include "sb-effective-column.h"
#include "sb-folder-row.h"
#include "sb-git.h"
#include "sb-key-window.h"
#include "sb-layer-column.h"
#include "sb-model-switcher.h"
#include "sb-paths.h"
#include "sb-projects.h"
#include "sb-secrets.h"
#include "sb-summary.h"
#include "sb-window.h"


struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwLeaflet           *columns;
  GtkListBox           *folder_list;
  AdwLeaflet           *leaflet;
  GtkStack             *main_stack;
  GtkMenuButton        *menu_button;
  SbModelSwitcher      *model_switcher;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkBox               *switcher;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GMenuModel           *primary_menu;

  /* Owned */
  SbContext            *context;
  SbSettings           *settings;      /* the context's */
  char                 *folder;        /* the selected folder, or NULL */
  SbLayerStack         *stack;         /* its layers */
  GPtrArray            *layer_columns; /* of SbLayerColumn */
  GPtrArray            *column_widgets; /* the columns and separators in the leaflet */
  SbEffectiveColumn    *effective_column;
  SbLayer              *undo_layer;    /* the layer the last change went to */
  GtkFileChooserNative *chooser;
  GtkWindow            *shortcuts;     /* while open */
  AdwStatusPage        *empty_page;    /* made when first shown */
  gboolean              raw;
  guint                 update_source;   /* the view's update, waiting for an idle moment */
  gboolean              update_external;
  guint                 fill_tick;       /* makes the columns' rows, after the first frame */
  guint                 fill_frames;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  PROP_RAW,
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
                                 self->undo_layer != NULL &&
                                 sb_layer_can_undo (self->undo_layer));
}

/* Sidebar */

static GtkListBoxRow *
find_folder_row (SbWindow   *self,
                 const char *folder)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->folder_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (sb_folder_row_get_folder (SB_FOLDER_ROW (child)), folder) == 0)
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
reload_folder_list (SbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  GtkWidget *child;
  GtkListBoxRow *row;

  folders = sb_projects_list (sb_settings_get_folders (self->settings),
                              sb_settings_get_hidden_folders (self->settings), &error);
  if (error != NULL)
    show_toast (self, error->message, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->folder_list))) != NULL)
    gtk_list_box_remove (self->folder_list, child);

  for (guint i = 0; i < folders->len; i++)
    gtk_list_box_append (self->folder_list,
                         GTK_WIDGET (sb_folder_row_new (self->context,
                                                        g_ptr_array_index (folders, i))));

  /* The shown folder stays in the list while it is shown, even if it was never remembered. */
  if (self->folder != NULL && find_folder_row (self, self->folder) == NULL)
    gtk_list_box_prepend (self->folder_list,
                          GTK_WIDGET (sb_folder_row_new (self->context, self->folder)));

  row = self->folder != NULL ? find_folder_row (self, self->folder) : NULL;
  if (row != NULL)
    gtk_list_box_select_row (self->folder_list, row);
}

static gboolean
folder_filter (GtkListBoxRow *row,
               gpointer       user_data)
{
  SbWindow *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *folder = sb_folder_row_get_folder (SB_FOLDER_ROW (row));
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (search[0] == '\0')
    return TRUE;

  haystack = g_utf8_casefold (folder, -1);
  needle = g_utf8_casefold (search, -1);
  return strstr (haystack, needle) != NULL;
}

static void
on_search_entry_search_changed_cb (SbWindow *self)
{
  gtk_list_box_invalidate_filter (self->folder_list);
}

/* Enter in the search opens the first folder that matches. */
static void
on_search_entry_activate_cb (SbWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->folder_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child))
      {
        gtk_list_box_select_row (self->folder_list, GTK_LIST_BOX_ROW (child));
        gtk_search_bar_set_search_mode (self->search_bar, FALSE);
        return;
      }
}

static void
on_folder_list_row_selected_cb (SbWindow      *self,
                                GtkListBoxRow *row)
{
  const char *folder = row != NULL ? sb_folder_row_get_folder (SB_FOLDER_ROW (row)) : NULL;

  if (folder != NULL && g_strcmp0 (folder, self->folder) != 0)
    sb_window_show_folder (self, folder);
}

static void
on_folder_list_row_activated_cb (SbWindow      *self,
                                 GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_button_clicked_cb (SbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Columns */

static void
update_switcher (SbWindow *self)
{
  GtkWidget *visible = adw_leaflet_get_visible_child (self->columns);

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->switcher));
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                  g_object_get_data (G_OBJECT (button), "sb-column") == visible);
}

static void
on_columns_visible_child_cb (SbWindow *self)
{
  update_switcher (self);
}

static void
on_switcher_toggled_cb (SbWindow        *self,
                        GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    adw_leaflet_set_visible_child (self->columns, g_object_get_data (G_OBJECT (button),
                                                                     "sb-column"));
}

static void
add_column (SbWindow   *self,
            GtkWidget  *column,
            const char *title)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->switcher));

  if (self->column_widgets->len > 0)
    {
      GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

      adw_leaflet_page_set_navigatable (adw_leaflet_append (self->columns, separator), FALSE);
      g_ptr_array_add (self->column_widgets, separator);
    }
  adw_leaflet_append (self->columns, column);
  g_ptr_array_add (self->column_widgets, column);

  /* Five pages must fit side by side in 360 pixels. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_widget_set_tooltip_text (button, title);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "page-switch");
  if (first != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
  g_object_set_data (G_OBJECT (button), "sb-column", column);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_switcher_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->switcher, button);
}

static void
on_column_saved_cb (SbWindow      *self,
                    const char    *message,
                    SbLayerColumn *column)
{
  g_set_object (&self->undo_layer, sb_layer_column_get_layer (column));
  update_actions (self);
  show_toast (self, message, TRUE);
}

static void
on_column_failed_cb (SbWindow   *self,
                     const char *message)
{
  show_toast (self, message, FALSE);
}

static void
on_problems_fixed_cb (SbWindow   *self,
                      const char *message,
                      SbLayer    *layer)
{
  if (layer != NULL)
    g_set_object (&self->undo_layer, layer);
  update_actions (self);
  show_toast (self, message, layer != NULL);
}

static void
on_problems_changed_cb (SbWindow *self)
{
  GPtrArray *diagnostics = sb_effective_column_get_diagnostics (self->effective_column);
  GtkListBoxRow *row = find_folder_row (self, self->folder);

  if (row != NULL)
    sb_folder_row_set_has_problems (SB_FOLDER_ROW (row),
                                    sb_diagnostics_has_errors (diagnostics));

  for (guint i = 0; i < self->layer_columns->len; i++)
    sb_layer_column_mark_problems (g_ptr_array_index (self->layer_columns, i), diagnostics);
}

static void
update_folder (SbWindow *self,
               gboolean  external)
{
  g_autofree char *model = sb_summary_get_model (sb_layer_stack_get_effective (self->stack));
  GtkListBoxRow *row = find_folder_row (self, self->folder);
  g_autoptr(GString) changed = g_string_new (NULL);

  for (guint i = 0; i < self->layer_columns->len; i++)
    {
      SbLayerColumn *column = g_ptr_array_index (self->layer_columns, i);

      if (sb_layer_column_update (column, external) && external)
        {
          if (changed->len > 0)
            g_string_append (changed, ", ");
          g_string_append (changed,
                           sb_scope_get_title (sb_layer_get_scope (sb_layer_column_get_layer (
                                                                     column))));
        }
    }

  sb_effective_column_update (self->effective_column);

  if (row != NULL)
    sb_folder_row_set_model (SB_FOLDER_ROW (row), model);

  if (changed->len > 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a list of layers, e.g. "Local" or "User, Local" */
      message = g_strdup_printf (_("Changed on disk and reloaded: %s"), changed->str);
      show_toast (self, message, FALSE);
    }

  update_actions (self);
}

static gboolean
update_folder_cb (gpointer user_data)
{
  SbWindow *self = user_data;
  gboolean external = self->update_external;

  self->update_source = 0;
  self->update_external = FALSE;
  if (self->stack != NULL)
    update_folder (self, external);

  return G_SOURCE_REMOVE;
}

/* The files are already written when this runs: the view follows before the next frame,
 * once for a burst of changes (a save, then the file monitor's echo of it). */
static void
on_stack_changed_cb (SbWindow *self,
                     gboolean  external)
{
  self->update_external |= external;
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT, update_folder_cb, self, NULL);
}

static void
set_busy (SbWindow *self,
          gboolean  busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The first frame paints the columns with their files and the verdict; the next makes
 * the rows of values in all of them. */
static gboolean
fill_columns_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->fill_frames++ == 0)
    return G_SOURCE_CONTINUE;

  sb_effective_column_show_rows (self->effective_column);
  for (guint i = 0; i < self->layer_columns->len; i++)
    sb_layer_column_show_rows (g_ptr_array_index (self->layer_columns, i));

  self->fill_tick = 0;
  set_busy (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
clear_folder (SbWindow *self)
{
  GtkWidget *child;

  if (self->fill_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick);
  self->fill_tick = 0;
  set_busy (self, FALSE);
  g_clear_handle_id (&self->update_source, g_source_remove);
  self->update_external = FALSE;
  if (self->stack != NULL)
    {
      sb_layer_stack_set_watched (self->stack, FALSE);
      g_signal_handlers_disconnect_by_data (self->stack, self);
    }
  sb_model_switcher_set_stack (self->model_switcher, NULL);
  g_clear_object (&self->stack);
  g_clear_object (&self->undo_layer);
  g_clear_pointer (&self->folder, g_free);
  g_ptr_array_set_size (self->layer_columns, 0);
  self->effective_column = NULL;

  for (guint i = 0; i < self->column_widgets->len; i++)
    adw_leaflet_remove (self->columns, g_ptr_array_index (self->column_widgets, i));
  g_ptr_array_set_size (self->column_widgets, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->switcher))) != NULL)
    gtk_box_remove (self->switcher, child);
}

static GtkWidget *
make_pill_button (const char *label,
                  const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static void
add_empty_page (SbWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button;

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "folder-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Project Folder"));

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  button = make_pill_button (_("_Open a Project Folder"), "win.open-folder");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), make_pill_button (_("_Set up OpenRouter"), "win.openrouter"));
  adw_status_page_set_child (self->empty_page, box);

  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->empty_page), "empty");
}

static void
show_empty (SbWindow *self)
{
  g_autofree char *user_dir = sb_paths_get_user_config_dir ();
  g_autofree char *user_file = g_build_filename (user_dir, "settings.json", NULL);

  clear_folder (self);
  if (self->empty_page == NULL)
    add_empty_page (self);

  if (g_file_test (user_file, G_FILE_TEST_EXISTS))
    adw_status_page_set_description (self->empty_page,
                                     _("Open a folder you run claude in to see its settings "
                                       "layers and what claude uses there."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("There are no Claude Code settings on this computer "
                                       "yet. Open a folder you run claude in, or set up "
                                       "OpenRouter for all of them."));

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
  GPtrArray *layers;
  GtkListBoxRow *row;

  clear_folder (self);

  self->folder = g_strdup (folder);
  self->stack = sb_layer_stack_new (folder);
  layers = sb_layer_stack_get_layers (self->stack);
  sb_model_switcher_set_stack (self->model_switcher, self->stack);

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      SbLayerColumn *column = sb_layer_column_new (self->stack, layer, self->context);

      sb_layer_column_set_raw (column, self->raw);
      g_signal_connect_object (column, "saved", G_CALLBACK (on_column_saved_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (column, "failed", G_CALLBACK (on_column_failed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (column, "notice", G_CALLBACK (on_column_failed_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->layer_columns, column);
      add_column (self, GTK_WIDGET (column), sb_scope_get_title (sb_layer_get_scope (layer)));
    }

  self->effective_column = sb_effective_column_new (self->stack, self->context);
  sb_effective_column_set_raw (self->effective_column, self->raw);
  g_signal_connect_object (self->effective_column, "fixed", G_CALLBACK (on_problems_fixed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->effective_column, "failed", G_CALLBACK (on_column_failed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->effective_column, "problems-changed",
                           G_CALLBACK (on_problems_changed_cb), self, G_CONNECT_SWAPPED);
  on_problems_changed_cb (self);
  add_column (self, GTK_WIDGET (self->effective_column), _("Effective"));

  /* On a narrow window, what claude uses comes first. */
  adw_leaflet_set_visible_child (self->columns, GTK_WIDGET (self->effective_column));
  update_switcher (self);

  g_signal_connect_object (self->stack, "changed", G_CALLBACK (on_stack_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sb_layer_stack_set_watched (self->stack, TRUE);

  self->fill_frames = 0;
  self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_columns_cb, NULL,
                                                  NULL);
  set_busy (self, TRUE);

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, shown);
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_stack_set_visible_child_name (self->main_stack, "folder");
  sb_settings_set_selected_folder (self->settings, folder);

  row = find_folder_row (self, folder);
  if (row == NULL)
    {
      row = GTK_LIST_BOX_ROW (sb_folder_row_new (self->context, folder));
      gtk_list_box_prepend (self->folder_list, GTK_WIDGET (row));
    }
  if (gtk_list_box_get_selected_row (self->folder_list) != row)
    gtk_list_box_select_row (self->folder_list, row);

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
  if (g_strcmp0 (folder, self->folder) != 0)
    sb_window_show_folder (self, folder);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

AdwToastOverlay *
sb_window_get_toast_overlay (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->toast_overlay;
}

/**
 * sb_window_get_busy:
 * @self: the window
 *
 * Returns: whether the rows of the folder's columns are still being made
 */
gboolean
sb_window_get_busy (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  return self->busy;
}

const char *
sb_window_get_folder (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->folder;
}

SbLayerStack *
sb_window_get_stack (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->stack;
}

/**
 * sb_window_set_undo_layer:
 * @self: the window
 * @layer: the layer a change was just saved to
 *
 * Makes Undo (the toast's button, Ctrl+Z) take back the last change to @layer, for
 * changes made elsewhere, such as on the key page.
 */
void
sb_window_set_undo_layer (SbWindow *self,
                          SbLayer  *layer)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (SB_IS_LAYER (layer));

  g_set_object (&self->undo_layer, layer);
  update_actions (self);
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
  g_autofree char *message = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->stack != NULL, FALSE);

  if (!sb_layer_stack_use_model (self->stack, model, scope, error))
    return FALSE;

  g_set_object (&self->undo_layer, sb_layer_stack_get_layer (self->stack, scope));
  /* Translators: the first %s is a model id, the second a layer (User, Project, Local) */
  message = g_strdup_printf (_("Now using %s, set in the %s settings"), model,
                             sb_scope_get_title (scope));
  show_toast (self, message, TRUE);
  update_actions (self);
  return TRUE;
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
  GtkListBoxRow *row;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  row = find_folder_row (self, folder);
  if (row == NULL)
    {
      g_autofree char *shown = sb_paths_abbreviate (folder);

      /* Translators: %s is a folder */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s is not in Signalbox’s list of folders: open it in Signalbox first"),
                   shown);
      return FALSE;
    }

  if (g_strcmp0 (folder, self->folder) != 0)
    gtk_list_box_select_row (self->folder_list, row);
  if (g_strcmp0 (folder, self->folder) != 0)
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
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const char *folder, *model, *layer;
  GtkListBoxRow *row;
  SbScope scope;

  g_variant_get (parameter, "(&s&s&s)", &folder, &model, &layer);
  if (!sb_scope_from_string (layer, &scope))
    return;

  if (g_strcmp0 (folder, self->folder) == 0)
    {
      if (!sb_window_use_model (self, model, scope, &error))
        show_toast (self, error->message, FALSE);
      return;
    }

  stack = sb_layer_stack_new (folder);
  if (!sb_layer_stack_use_model (stack, model, scope, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  row = find_folder_row (self, folder);
  if (row != NULL)
    sb_folder_row_reload (SB_FOLDER_ROW (row));

  name = g_path_get_basename (folder);
  /* Translators: the first %s is a model id, the second a folder, the third a layer */
  message = g_strdup_printf (_("%s now set for %s, in the %s settings"), model, name,
                             sb_scope_get_title (scope));
  show_toast (self, message, FALSE);
}

static void
on_chooser_response_cb (SbWindow             *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *resolved = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  resolved = path != NULL ? sb_paths_resolve_folder (path, &error) : NULL;
  if (resolved == NULL)
    {
      show_toast (self, error != NULL ? error->message : _("Only local folders can be opened"),
                  FALSE);
      return;
    }

  sb_window_open_folder (self, resolved);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open a Project Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) layer = NULL;

  if (self->undo_layer == NULL)
    return;

  layer = g_steal_pointer (&self->undo_layer);
  if (!sb_layer_undo (layer, &error))
    show_toast (self, error->message, FALSE);
  else
    show_toast (self, _("Undone"), FALSE);

  update_actions (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
remove_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *folder = g_variant_get_string (parameter, NULL);
  GtkListBoxRow *row = find_folder_row (self, folder);
  GtkWidget *next = NULL;

  sb_settings_forget_folder (self->settings, folder);

  if (row != NULL)
    {
      next = gtk_widget_get_next_sibling (GTK_WIDGET (row));
      if (next == NULL)
        next = gtk_widget_get_prev_sibling (GTK_WIDGET (row));
      gtk_list_box_remove (self->folder_list, GTK_WIDGET (row));
    }

  if (g_strcmp0 (folder, self->folder) == 0)
    {
      if (next != NULL)
        gtk_list_box_select_row (self->folder_list, GTK_LIST_BOX_ROW (next));
      else
        show_empty (self);
    }
}

/* The key page, over this window, for the folder shown. */
/* Made when asked for rather than with every window, as GtkApplication would. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/signalbox/Signalbox/"
                                               "sb-shortcuts-window.ui");
      self->shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_modal (self->shortcuts, TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
    }

  gtk_window_present (self->shortcuts);
}

static void
openrouter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbKeyWindow *key_window = sb_key_window_new (self, self->context);

  gtk_window_present (GTK_WINDOW (key_window));
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
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_RAW:
      g_value_set_boolean (value, self->raw);
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
      break;
    case PROP_RAW:
      if (self->raw != g_value_get_boolean (value))
        {
          self->raw = g_value_get_boolean (value);
          for (guint i = 0; i < self->layer_columns->len; i++)
            sb_layer_column_set_raw (g_ptr_array_index (self->layer_columns, i), self->raw);
          if (self->effective_column != NULL)
            sb_effective_column_set_raw (self->effective_column, self->raw);
          g_object_notify_by_pspec (object, properties[PROP_RAW]);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_constructed (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);
  GSettings *gsettings = sb_settings_get_gsettings (self->settings);

  G_OBJECT_CLASS (sb_window_parent_class)->constructed (object);

  g_settings_bind (gsettings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (gsettings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (gsettings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_object_set (self->model_switcher, "context", self->context, NULL);
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
      GtkListBoxRow *row = selected[0] != '\0' ? find_folder_row (self, selected) : NULL;

      if (row == NULL)
        row = gtk_list_box_get_row_at_index (self->folder_list, 0);

      if (row != NULL)
        sb_window_show_folder (self, sb_folder_row_get_folder (SB_FOLDER_ROW (row)));
      else
        show_empty (self);
    }

  GTK_WIDGET_CLASS (sb_window_parent_class)->map (widget);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = (SbWindow *)object;

  if (self->layer_columns != NULL)
    clear_folder (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->shortcuts != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
      gtk_window_destroy (g_steal_pointer (&self->shortcuts));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);

  g_clear_pointer (&self->layer_columns, g_ptr_array_unref);
  g_clear_pointer (&self->column_widgets, g_ptr_array_unref);
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

  /**
   * SbWindow:busy:
   *
   * Whether the rows of the folder's columns are still being made.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RAW] =
    g_param_spec_boolean ("raw", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_MODEL_SWITCHER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, columns);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, folder_list);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, model_switcher);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, primary_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_columns_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);

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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.raw", NULL);
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

  self->layer_columns = g_ptr_array_new ();
  self->column_widgets = g_ptr_array_new ();
  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu, self, NULL);
  gtk_list_box_set_filter_func (self->folder_list, folder_filter, self, NULL);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->folder_list));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->folder_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Project folders"), -1);
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
sb_window_new (SbApplication *application,
               SbContext     *context)
{
  SbWindow *self;

  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  self = g_object_new (SB_TYPE_WINDOW, "application", application, "context", context, NULL);

  reload_folder_list (self);

  return self;
}
