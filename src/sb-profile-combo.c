/* sb-profile-combo.c
 *
 * Choosing a key profile by name in a combo row over the key page's list of profiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-profile-combo.h"
#include "sb-key-store.h"

/**
 * sb_profile_combo_find:
 * @profiles: a list of #GtkStringObject
 * @profile: a profile name
 *
 * Returns: where @profile is in @profiles, or %GTK_INVALID_LIST_POSITION
 */
guint
sb_profile_combo_find (GListModel *profiles,
                      const char *profile)
{
  guint n = g_list_model_get_n_items (profiles);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (profiles, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), profile) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/**
 * sb_profile_combo_selected:
 * @row: a combo row over profile names
 *
 * Returns: the profile @row shows, or the default one while it shows none
 */
const char *
sb_profile_combo_selected (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : SB_KEY_STORE_DEFAULT_PROFILE;
}

/**
 * sb_profile_combo_select:
 * @row: a combo row over profile names
 * @profile: a profile name
 *
 * Shows @profile in @row, if it is one of @row's.
 */
void
sb_profile_combo_select (AdwComboRow *row,
                        const char  *profile)
{
  guint position = sb_profile_combo_find (adw_combo_row_get_model (row), profile);

  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (row, position);
}
