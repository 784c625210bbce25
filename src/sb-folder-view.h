/* sb-folder-view.h
 *
 * One folder's settings layers side by side, and what claude uses there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"
#include "sb-folder.h"

G_BEGIN_DECLS

#define SB_TYPE_FOLDER_VIEW (sb_folder_view_get_type ())

G_DECLARE_FINAL_TYPE (SbFolderView, sb_folder_view, SB, FOLDER_VIEW, AdwBin)

SbFolderView *sb_folder_view_new      (SbFolder     *folder,
                                       SbContext    *context,
                                       gboolean      raw);
SbFolder     *sb_folder_view_get_folder (SbFolderView *self);
void          sb_folder_view_set_raw  (SbFolderView *self,
                                       gboolean      raw);

G_END_DECLS
