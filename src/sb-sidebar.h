/* sb-sidebar.h
 *
 * The project folders, searchable, each with its model, cost and problems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-context.h"
#include "sb-folder-list.h"

G_BEGIN_DECLS

#define SB_TYPE_SIDEBAR (sb_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SbSidebar, sb_sidebar, SB, SIDEBAR, GtkBox)

void        sb_sidebar_bind        (SbSidebar    *self,
                                    SbFolderList *folders,
                                    SbContext    *context);
gboolean    sb_sidebar_select      (SbSidebar    *self,
                                    const char   *folder);
gboolean    sb_sidebar_select_at   (SbSidebar    *self,
                                    guint         position);
const char *sb_sidebar_get_folder_at (SbSidebar  *self,
                                      guint       position);
void        sb_sidebar_search      (SbSidebar    *self);

G_END_DECLS
