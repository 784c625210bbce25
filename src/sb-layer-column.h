/* sb-layer-column.h
 *
 * One settings layer as a column: its file, its routing and model keys, its environment,
 * and a summary of the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"
#include "sb-layer-stack.h"

G_BEGIN_DECLS

#define SB_TYPE_LAYER_COLUMN (sb_layer_column_get_type ())

G_DECLARE_FINAL_TYPE (SbLayerColumn, sb_layer_column, SB, LAYER_COLUMN, AdwBin)

SbLayerColumn *sb_layer_column_new            (SbLayerStack  *stack,
                                               SbLayer       *layer,
                                               SbContext     *context);
SbLayer       *sb_layer_column_get_layer      (SbLayerColumn *self);
gboolean       sb_layer_column_update         (SbLayerColumn *self,
                                               gboolean       external);
void           sb_layer_column_set_raw        (SbLayerColumn *self,
                                               gboolean       raw);
void           sb_layer_column_show_check     (SbLayerColumn *self,
                                               GPtrArray     *diagnostics);
void           sb_layer_column_apply          (SbLayerColumn *self,
                                               const char    *pointer,
                                               const char    *text);

G_END_DECLS
