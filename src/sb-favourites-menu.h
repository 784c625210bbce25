/* sb-favourites-menu.h
 *
 * The person's favourite models as a menu section, kept up to date, for the model menus of
 * the header bar and of the sidebar's rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-context.h"

G_BEGIN_DECLS

#define SB_TYPE_FAVOURITES_MENU (sb_favourites_menu_get_type ())

G_DECLARE_FINAL_TYPE (SbFavouritesMenu, sb_favourites_menu, SB, FAVOURITES_MENU, GObject)

SbFavouritesMenu *sb_favourites_menu_new       (SbContext        *context,
                                                const char       *action_name);
GMenuModel       *sb_favourites_menu_get_model (SbFavouritesMenu *self);

G_END_DECLS
