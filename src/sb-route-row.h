/* sb-route-row.h
 *
 * One layer on the key page: whether it routes through OpenRouter, and with which key
 * profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-layer.h"

G_BEGIN_DECLS

#define SB_TYPE_ROUTE_ROW (sb_route_row_get_type ())

G_DECLARE_FINAL_TYPE (SbRouteRow, sb_route_row, SB, ROUTE_ROW, AdwExpanderRow)

SbRouteRow *sb_route_row_new       (SbLayer    *layer,
                                    GListModel *profiles);
SbLayer    *sb_route_row_get_layer (SbRouteRow *self);
void        sb_route_row_update    (SbRouteRow *self,
                                    const char *profile);

G_END_DECLS
