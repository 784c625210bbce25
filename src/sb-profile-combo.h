/* sb-profile-combo.h
 *
 * Choosing a key profile by name in a combo row over the key page's list of profiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

guint       sb_profile_combo_find     (GListModel  *profiles,
                                       const char  *profile);
const char *sb_profile_combo_selected (AdwComboRow *row);
void        sb_profile_combo_select   (AdwComboRow *row,
                                       const char  *profile);

G_END_DECLS
