/* sb-folder-list.h
 *
 * The project folders Signalbox knows, as a list model for the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-costs.h"
#include "sb-folder.h"
#include "sb-settings.h"

G_BEGIN_DECLS

#define SB_TYPE_FOLDER_LIST (sb_folder_list_get_type ())

G_DECLARE_FINAL_TYPE (SbFolderList, sb_folder_list, SB, FOLDER_LIST, GObject)

SbFolderList *sb_folder_list_new    (SbSettings    *settings,
                                     SbCatalog     *catalog);
gboolean      sb_folder_list_reload (SbFolderList  *self,
                                     GError       **error);
SbFolder     *sb_folder_list_find   (SbFolderList  *self,
                                     const char    *path,
                                     guint         *position);
SbFolder     *sb_folder_list_add    (SbFolderList  *self,
                                     const char    *path);
void          sb_folder_list_forget (SbFolderList  *self,
                                     const char    *path);
void          sb_folder_list_update_costs (SbFolderList *self,
                                           SbCosts      *costs);
gboolean      sb_folder_list_use_model (SbFolderList *self,
                                        SbFolder     *folder,
                                        const char   *model,
                                        SbScope       scope,
                                        GError      **error);
void          sb_folder_list_follow_costs (SbFolderList *self,
                                           SbCosts      *costs,
                                           guint         delay_ms);

G_END_DECLS
