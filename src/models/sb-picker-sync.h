/* sb-picker-sync.h
 *
 * Keeps the favourites as rows of Claude Code's /model menu (modelPicker in the User
 * settings) while the window runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-catalog.h"
#include "sb-settings.h"

G_BEGIN_DECLS

#define SB_TYPE_PICKER_SYNC (sb_picker_sync_get_type ())

G_DECLARE_FINAL_TYPE (SbPickerSync, sb_picker_sync, SB, PICKER_SYNC, GObject)

SbPickerSync *sb_picker_sync_new (SbSettings *settings,
                                  SbCatalog  *catalog);

G_END_DECLS
