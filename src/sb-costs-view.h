/* sb-costs-view.h
 *
 * What a folder spent: this week, this month, a chart per day stacked by model, and the top
 * models with their share, from a report of its transcripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-catalog.h"
#include "sb-transcripts.h"

G_BEGIN_DECLS

#define SB_TYPE_COSTS_VIEW (sb_costs_view_get_type ())

G_DECLARE_FINAL_TYPE (SbCostsView, sb_costs_view, SB, COSTS_VIEW, GtkWidget)

GtkWidget  *sb_costs_view_new                (void);
void        sb_costs_view_set_report         (SbCostsView  *self,
                                              SbCostReport *report,
                                              SbCatalog    *catalog,
                                              const char   *current_model);
const char *sb_costs_view_get_chart_summary  (SbCostsView  *self);

/* The chart alone, for tests and screenshots: draws @report into @cr. */
void        sb_costs_view_draw_chart         (cairo_t            *cr,
                                              int                 width,
                                              int                 height,
                                              const SbCostReport *report,
                                              gboolean            dark);

G_END_DECLS
