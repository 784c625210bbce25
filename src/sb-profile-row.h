/* sb-profile-row.h
 *
 * A key profile on the key page, other than the default one: its name to edit, and a
 * button that removes its key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_PROFILE_ROW (sb_profile_row_get_type ())

G_DECLARE_FINAL_TYPE (SbProfileRow, sb_profile_row, SB, PROFILE_ROW, AdwEntryRow)

SbProfileRow *sb_profile_row_new         (const char   *profile);
const char   *sb_profile_row_get_profile (SbProfileRow *self);

G_END_DECLS
