/* sb-folder-list.c
 *
 * The project folders Signalbox knows, as a list model for the sidebar: those the person
 * opened, most recent first, then those Claude Code knows from ~/.claude.json.
 *
 * A folder keeps its SbFolder across reloads, so that rows bound to it, and the one the
 * window shows, stay the same objects; only folders that come or go change the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-folder-list.h"
#include "sb-projects.h"

struct _SbFolderList
{
  GObject     parent_instance;

  /* Owned */
  SbSettings *settings;
  SbCatalog  *catalog;       /* handed to each folder; may be NULL */
  SbCosts    *costs;         /* followed, once sb_folder_list_follow_costs() is called */
  guint       costs_source;  /* the first read, waiting */
  GPtrArray  *folders;       /* of SbFolder */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbFolderList, sb_folder_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

static GType
sb_folder_list_get_item_type (GListModel *model)
{
  return SB_TYPE_FOLDER;
}

static guint
sb_folder_list_get_n_items (GListModel *model)
{
  return SB_FOLDER_LIST (model)->folders->len;
}

static gpointer
sb_folder_list_get_item (GListModel *model,
                         guint       position)
{
  SbFolderList *self = SB_FOLDER_LIST (model);

  if (position >= self->folders->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->folders, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_folder_list_get_item_type;
  iface->get_n_items = sb_folder_list_get_n_items;
  iface->get_item = sb_folder_list_get_item;
}

/**
 * sb_folder_list_find:
 * @self: the list
 * @path: an absolute folder
 * @position: (out) (optional): where it is in the list
 *
 * Returns: (transfer none) (nullable): the folder, if the list holds it
 */
SbFolder *
sb_folder_list_find (SbFolderList *self,
                     const char   *path,
                     guint        *position)
{
  g_return_val_if_fail (SB_IS_FOLDER_LIST (self), NULL);

  for (guint i = 0; path != NULL && i < self->folders->len; i++)
    {
      SbFolder *folder = g_ptr_array_index (self->folders, i);

      if (g_str_equal (sb_folder_get_path (folder), path))
        {
          if (position != NULL)
            *position = i;
          return folder;
        }
    }

  return NULL;
}

/**
 * sb_folder_list_reload:
 * @self: the list
 * @error: where to say why ~/.claude.json could not be read; the list is still made
 *
 * Makes the list anew from the remembered folders and Claude Code's. A folder that is
 * loaded (shown) stays in the list even when neither names it any more.
 *
 * Returns: %FALSE if @error is set
 */
gboolean
sb_folder_list_reload (SbFolderList  *self,
                       GError       **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_object_unref);
  guint old_len;

  g_return_val_if_fail (SB_IS_FOLDER_LIST (self), FALSE);

  paths = sb_projects_list (sb_settings_get_folders (self->settings),
                            sb_settings_get_hidden_folders (self->settings), error);

  for (guint i = 0; i < self->folders->len; i++)
    {
      SbFolder *folder = g_ptr_array_index (self->folders, i);

      if (sb_folder_get_loaded (folder) &&
          !g_ptr_array_find_with_equal_func (paths, sb_folder_get_path (folder), g_str_equal,
                                             NULL))
        g_ptr_array_add (folders, g_object_ref (folder));
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      SbFolder *folder = sb_folder_list_find (self, path, NULL);

      g_ptr_array_add (folders, folder != NULL ? g_object_ref (folder) : sb_folder_new (path, self->catalog));
    }

  old_len = self->folders->len;
  g_ptr_array_unref (self->folders);
  self->folders = g_steal_pointer (&folders);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->folders->len);
  if (self->costs != NULL && self->costs_source == 0)
    sb_folder_list_update_costs (self, self->costs);

  return error == NULL || *error == NULL;
}

/**
 * sb_folder_list_add:
 * @self: the list
 * @path: an absolute folder, links resolved
 *
 * Puts @path first in the list if it is not in it.
 *
 * Returns: (transfer none): its folder
 */
SbFolder *
sb_folder_list_add (SbFolderList *self,
                    const char   *path)
{
  SbFolder *folder;

  g_return_val_if_fail (SB_IS_FOLDER_LIST (self), NULL);

  folder = sb_folder_list_find (self, path, NULL);
  if (folder != NULL)
    return folder;

  folder = sb_folder_new (path, self->catalog);
  g_ptr_array_insert (self->folders, 0, folder);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  return folder;
}

/**
 * sb_folder_list_forget:
 * @self: the list
 * @path: an absolute folder
 *
 * Takes @path out of the list, and out of the remembered folders for good.
 */
void
sb_folder_list_forget (SbFolderList *self,
                       const char   *path)
{
  guint position;

  g_return_if_fail (SB_IS_FOLDER_LIST (self));

  sb_settings_forget_folder (self->settings, path);
  if (sb_folder_list_find (self, path, &position) == NULL)
    return;

  g_ptr_array_remove_index (self->folders, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/**
 * sb_folder_list_update_costs:
 * @self: the list
 * @costs: the transcripts, read
 *
 * Gives each folder what it cost in the last 7 days; nothing while @costs is reading.
 */
void
sb_folder_list_update_costs (SbFolderList *self,
                             SbCosts      *costs)
{
  g_return_if_fail (SB_IS_FOLDER_LIST (self));
  g_return_if_fail (SB_IS_COSTS (costs));

  for (guint i = 0; i < self->folders->len; i++)
    {
      SbFolder *folder = g_ptr_array_index (self->folders, i);
      g_autoptr(SbCostReport) week = sb_costs_report_days (costs, sb_folder_get_path (folder),
                                                           7);

      if (week == NULL)
        return;
      sb_folder_set_week_cost (folder, week->total_cost, week->known_cost);
    }
}

/**
 * sb_folder_list_use_model:
 * @self: the list
 * @folder: one of its folders, shown or not
 * @model: a model id
 * @scope: the layer to write
 * @error: where to say why not
 *
 * Sets @folder's model as sb_folder_use_model() does, so that its row follows; a folder
 * that was not read before is not watched afterwards.
 *
 * Returns: whether the model is set
 */
gboolean
sb_folder_list_use_model (SbFolderList  *self,
                          SbFolder      *folder,
                          const char    *model,
                          SbScope        scope,
                          GError       **error)
{
  gboolean loaded;
  gboolean done;

  g_return_val_if_fail (SB_IS_FOLDER_LIST (self), FALSE);
  g_return_val_if_fail (SB_IS_FOLDER (folder), FALSE);

  loaded = sb_folder_get_loaded (folder);
  done = sb_folder_use_model (folder, model, scope, error);
  if (!loaded)
    sb_folder_unload (folder);
  return done;
}

static gboolean
first_costs_cb (gpointer user_data)
{
  SbFolderList *self = user_data;

  self->costs_source = 0;
  g_signal_connect_object (self->costs, "updated", G_CALLBACK (sb_folder_list_update_costs),
                           self, G_CONNECT_SWAPPED);
  if (sb_costs_get_ready (self->costs))
    sb_folder_list_update_costs (self, self->costs);
  else
    sb_costs_refresh (self->costs);
  return G_SOURCE_REMOVE;
}

/**
 * sb_folder_list_follow_costs:
 * @self: the list
 * @costs: the transcripts
 * @delay_ms: how long to wait before the first read
 *
 * Gives each folder what it cost in the last 7 days, once @delay_ms have passed (reading
 * the transcripts first if they were never read), and each time @costs says it read more.
 */
void
sb_folder_list_follow_costs (SbFolderList *self,
                             SbCosts      *costs,
                             guint         delay_ms)
{
  g_return_if_fail (SB_IS_FOLDER_LIST (self));
  g_return_if_fail (SB_IS_COSTS (costs));

  if (self->costs != NULL)
    return;

  self->costs = g_object_ref (costs);
  self->costs_source = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, first_costs_cb, self,
                                           NULL);
}

static void
sb_folder_list_dispose (GObject *object)
{
  SbFolderList *self = SB_FOLDER_LIST (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);
  g_clear_handle_id (&self->costs_source, g_source_remove);
  g_clear_object (&self->costs);
  g_clear_pointer (&self->folders, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_folder_list_parent_class)->dispose (object);
}

static void
sb_folder_list_class_init (SbFolderListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_folder_list_dispose;
}

static void
sb_folder_list_init (SbFolderList *self)
{
  self->folders = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sb_folder_list_new:
 * @settings: where the remembered folders are kept
 * @catalog: (nullable): the model list, for the folders' model switches
 *
 * Returns: (transfer full): an empty list; sb_folder_list_reload() fills it
 */
SbFolderList *
sb_folder_list_new (SbSettings *settings,
                    SbCatalog  *catalog)
{
  SbFolderList *self;

  g_return_val_if_fail (SB_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (catalog == NULL || SB_IS_CATALOG (catalog), NULL);

  self = g_object_new (SB_TYPE_FOLDER_LIST, NULL);
  self->settings = g_object_ref (settings);
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  return self;
}
