/* sb-folder-row.h
 *
 * A folder in the sidebar: its name, path and model, and whether claude would run into
 * problems there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-context.h"

G_BEGIN_DECLS

#define SB_TYPE_FOLDER_ROW (sb_folder_row_get_type ())

G_DECLARE_FINAL_TYPE (SbFolderRow, sb_folder_row, SB, FOLDER_ROW, GtkListBoxRow)

SbFolderRow *sb_folder_row_new              (SbContext   *context,
                                             const char  *folder);
const char  *sb_folder_row_get_folder       (SbFolderRow *self);
void         sb_folder_row_reload           (SbFolderRow *self);
void         sb_folder_row_set_model        (SbFolderRow *self,
                                             const char  *model);
void         sb_folder_row_set_week_cost    (SbFolderRow *self,
                                             double       cost,
                                             double       known);
void         sb_folder_row_set_has_problems (SbFolderRow *self,
                                             gboolean     has_problems);

G_END_DECLS
