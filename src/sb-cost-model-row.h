/* sb-cost-model-row.h
 *
 * One model in a folder's costs: its tokens, its cost and its share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-transcripts.h"

G_BEGIN_DECLS

#define SB_TYPE_COST_MODEL_ROW (sb_cost_model_row_get_type ())

G_DECLARE_FINAL_TYPE (SbCostModelRow, sb_cost_model_row, SB, COST_MODEL_ROW, AdwActionRow)

GtkWidget *sb_cost_model_row_new (const SbCostRow *row,
                                  guint            series,
                                  double           total);

G_END_DECLS
