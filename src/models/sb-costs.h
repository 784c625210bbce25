/* sb-costs.h
 *
 * What Claude Code's transcripts say was spent, read in the background for whoever shows
 * it: one reader, one read at a time, reports made between reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-transcripts.h"

G_BEGIN_DECLS

#define SB_TYPE_COSTS (sb_costs_get_type ())

G_DECLARE_FINAL_TYPE (SbCosts, sb_costs, SB, COSTS, GObject)

SbCosts      *sb_costs_new        (SbTranscripts *transcripts,
                                   SbCatalog     *catalog);
void          sb_costs_refresh    (SbCosts       *self);
gboolean      sb_costs_get_busy   (SbCosts       *self);
gboolean      sb_costs_get_ready  (SbCosts       *self);
const char   *sb_costs_get_error  (SbCosts       *self);
SbCatalog    *sb_costs_get_catalog (SbCosts      *self);
SbCostReport *sb_costs_report     (SbCosts       *self,
                                   const char    *folder,
                                   const GDate   *since,
                                   const GDate   *until);
SbCostReport *sb_costs_report_days (SbCosts      *self,
                                    const char   *folder,
                                    guint         n_days);

G_END_DECLS
