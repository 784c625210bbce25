/* sb-route-group.h
 *
 * The key page's layers, each with its switch to route through OpenRouter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_ROUTE_GROUP (sb_route_group_get_type ())

G_DECLARE_FINAL_TYPE (SbRouteGroup, sb_route_group, SB, ROUTE_GROUP, AdwPreferencesGroup)

void       sb_route_group_set_layers (SbRouteGroup *self,
                                      GPtrArray    *layers);
GPtrArray *sb_route_group_get_layers (SbRouteGroup *self);
void       sb_route_group_update     (SbRouteGroup *self,
                                      const char   *profile);

G_END_DECLS
