/* sb-sidebar.c
 *
 * The project folders: an SbFolderList bound into rows, narrowed by a search. Each row
 * follows its SbFolder (the model Claude Code will send, the last 7 days' cost, whether
 * claude would run into problems there). Choosing a row is said with ::folder-selected;
 * the window decides what to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-folder-row.h"
#include "sb-sidebar.h"

struct _SbSidebar
{
  GtkBox           parent_instance;

  /* Template widgets */
  AdwHeaderBar    *header_bar;
  GtkListBox      *folder_list;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;

  /* Owned */
  SbContext       *context;
  SbFolderList    *folders;
  GtkCustomFilter *filter;   /* by the search */
  GListModel      *shown;    /* the folders the search lets through */
  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (SbSidebar, sb_sidebar, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  FOLDER_SELECTED,
  FOLDER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Rows, each following its folder */

static GtkWidget *
create_folder_row (gpointer item,
                   gpointer user_data)
{
  SbSidebar *self = user_data;

  return GTK_WIDGET (sb_folder_row_new (self->context, item));
}

/* Search */

static gboolean
folder_filter (gpointer item,
               gpointer user_data)
{
  SbSidebar *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (search[0] == '\0')
    return TRUE;

  haystack = g_utf8_casefold (sb_folder_get_path (SB_FOLDER (item)), -1);
  needle = g_utf8_casefold (search, -1);
  return strstr (haystack, needle) != NULL;
}

static void
on_search_entry_search_changed_cb (SbSidebar *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter in the search opens the first folder that matches. */
static void
on_search_entry_activate_cb (SbSidebar *self)
{
  if (sb_sidebar_select_at (self, 0))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/**
 * sb_sidebar_search:
 * @self: the sidebar
 *
 * Opens the search and puts the keyboard in it.
 */
void
sb_sidebar_search (SbSidebar *self)
{
  g_return_if_fail (SB_IS_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Selection */

static void
on_folder_list_row_selected_cb (SbSidebar     *self,
                                GtkListBoxRow *row)
{
  if (row != NULL)
    g_signal_emit (self, signals[FOLDER_SELECTED], 0,
                   sb_folder_row_get_folder (SB_FOLDER_ROW (row)));
}

static void
on_folder_list_row_activated_cb (SbSidebar *self)
{
  g_signal_emit (self, signals[FOLDER_ACTIVATED], 0);
}

/**
 * sb_sidebar_get_folder_at:
 * @self: the sidebar
 * @position: a row, counted from the top, among those the search shows
 *
 * Returns: (nullable): its folder
 */
const char *
sb_sidebar_get_folder_at (SbSidebar *self,
                          guint      position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SB_IS_SIDEBAR (self), NULL);

  row = gtk_list_box_get_row_at_index (self->folder_list, position);
  return row != NULL ? sb_folder_row_get_folder (SB_FOLDER_ROW (row)) : NULL;
}

/**
 * sb_sidebar_select_at:
 * @self: the sidebar
 * @position: a row, counted from the top, among those the search shows
 *
 * Returns: whether there is such a row (and it is selected now)
 */
gboolean
sb_sidebar_select_at (SbSidebar *self,
                      guint      position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SB_IS_SIDEBAR (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->folder_list, position);
  if (row == NULL)
    return FALSE;

  if (gtk_list_box_get_selected_row (self->folder_list) != row)
    gtk_list_box_select_row (self->folder_list, row);
  return TRUE;
}

/**
 * sb_sidebar_select:
 * @self: the sidebar
 * @folder: (nullable): a folder
 *
 * Returns: whether the sidebar shows @folder (and its row is selected now)
 */
gboolean
sb_sidebar_select (SbSidebar  *self,
                   const char *folder)
{
  SbFolder *wanted;
  guint n_items;

  g_return_val_if_fail (SB_IS_SIDEBAR (self), FALSE);

  wanted = self->folders != NULL ? sb_folder_list_find (self->folders, folder, NULL) : NULL;
  n_items = self->shown != NULL ? g_list_model_get_n_items (self->shown) : 0;
  for (guint i = 0; wanted != NULL && i < n_items; i++)
    {
      g_autoptr(SbFolder) item = g_list_model_get_item (self->shown, i);

      if (item == wanted)
        return sb_sidebar_select_at (self, i);
    }

  return FALSE;
}

/**
 * sb_sidebar_bind:
 * @self: the sidebar
 * @folders: the folders to list
 * @context: the services each row uses
 */
void
sb_sidebar_bind (SbSidebar    *self,
                 SbFolderList *folders,
                 SbContext    *context)
{
  g_return_if_fail (SB_IS_SIDEBAR (self));
  g_return_if_fail (self->folders == NULL);

  self->folders = g_object_ref (folders);
  self->context = g_object_ref (context);
  self->filter = gtk_custom_filter_new (folder_filter, self, NULL);
  self->shown = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (folders)),
                                                         g_object_ref (GTK_FILTER (self->filter))));
  gtk_list_box_bind_model (self->folder_list, self->shown, create_folder_row, self, NULL);
}

/* GObject */

static void
sb_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbSidebar *self = SB_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SbSidebar *self = SB_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      /* Folded, the sidebar is the whole window and its header bar has the window's
       * buttons. */
      self->folded = g_value_get_boolean (value);
      adw_header_bar_set_show_end_title_buttons (self->header_bar, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_sidebar_dispose (GObject *object)
{
  SbSidebar *self = SB_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_SIDEBAR);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->folders);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_sidebar_parent_class)->dispose (object);
}

static void
sb_sidebar_class_init (SbSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_sidebar_dispose;
  object_class->get_property = sb_sidebar_get_property;
  object_class->set_property = sb_sidebar_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbSidebar::folder-selected:
   * @self: the sidebar
   * @folder: the folder whose row was selected
   */
  signals[FOLDER_SELECTED] =
    g_signal_new ("folder-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SbSidebar::folder-activated:
   * @self: the sidebar
   *
   * A row was activated (clicked, or Enter): on a folded window, time to show it.
   */
  signals[FOLDER_ACTIVATED] =
    g_signal_new ("folder-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SbSidebar, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbSidebar, folder_list);
  gtk_widget_class_bind_template_child (widget_class, SbSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SbSidebar, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
}

static void
sb_sidebar_init (SbSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->folder_list));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->folder_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Project folders"), -1);
}
