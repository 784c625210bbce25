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
#include "sb-folder.h"

G_BEGIN_DECLS

#define SB_TYPE_FOLDER_ROW (sb_folder_row_get_type ())

G_DECLARE_FINAL_TYPE (SbFolderRow, sb_folder_row, SB, FOLDER_ROW, GtkListBoxRow)

SbFolderRow *sb_folder_row_new        (SbContext   *context,
                                       SbFolder    *folder);
const char  *sb_folder_row_get_folder (SbFolderRow *self);

G_END_DECLS
