/* sb-costs-chart.h
 *
 * Spending per day as bars, stacked by model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-transcripts.h"

G_BEGIN_DECLS

/* The models drawn in colours of their own; the rest share one. */
#define SB_COSTS_CHART_N_COLOURS 5

#define SB_TYPE_COSTS_CHART (sb_costs_chart_get_type ())

G_DECLARE_FINAL_TYPE (SbCostsChart, sb_costs_chart, SB, COSTS_CHART, GtkWidget)

void  sb_costs_chart_set_report (SbCostsChart       *self,
                                 const SbCostReport *report);

G_END_DECLS
