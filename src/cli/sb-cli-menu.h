/* sb-cli-menu.h
 *
 * signalbox --favourite/--unfavourite and --enable/--disable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-layer.h"

G_BEGIN_DECLS

int sb_cli_menu_favourite (const char *model,
                           gboolean    favourite);
int sb_cli_menu_enable    (const char *folder,
                           const char *model,
                           SbScope     scope,
                           gboolean    enabled);

G_END_DECLS
