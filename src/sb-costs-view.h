/* sb-costs-view.h
 *
 * What a folder cost: the last days, the month, a chart per day, the models, and what the
 * same tokens would cost on the model the folder uses now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"
#include "sb-folder.h"

G_BEGIN_DECLS

#define SB_TYPE_COSTS_VIEW (sb_costs_view_get_type ())

G_DECLARE_FINAL_TYPE (SbCostsView, sb_costs_view, SB, COSTS_VIEW, AdwBin)

SbCostsView *sb_costs_view_new        (SbContext   *context);
void         sb_costs_view_set_folder (SbCostsView *self,
                                       SbFolder    *folder);

G_END_DECLS
