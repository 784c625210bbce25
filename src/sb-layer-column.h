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

SbLayerColumn *sb_layer_column_new      (SbLayerStack  *stack,
                                         SbLayer       *layer,
                                         SbContext     *context);
SbLayer       *sb_layer_column_get_layer (SbLayerColumn *self);
gboolean       sb_layer_column_update   (SbLayerColumn *self,
                                         gboolean       external);
void           sb_layer_column_show_rows (SbLayerColumn *self);
gboolean       sb_layer_column_get_rows_shown (SbLayerColumn *self);
void           sb_layer_column_set_raw  (SbLayerColumn *self,
                                         gboolean       raw);
/* The narrowest a wrapping label in a column gets; see sb_labels_set_min_chars(). */
#define SB_MIN_LABEL_CHARS 12

void           sb_labels_set_min_chars  (GtkWidget     *widget,
                                         int            n_chars);
GtkWidget     *sb_code_view_new         (const char    *label);
gboolean       sb_signature_replace     (char         **stored,
                                         char          *signature);
void           sb_rows_page_add         (GtkStack             *view_stack,
                                         gboolean              raw,
                                         AdwPreferencesGroup **routing,
                                         AdwPreferencesGroup **env,
                                         AdwPreferencesGroup **other);
void           sb_text_view_set_code    (GtkTextView   *view,
                                         const char    *text);

void           sb_layer_column_mark_problems (SbLayerColumn *self,
                                              GPtrArray     *diagnostics);
void           sb_layer_column_apply    (SbLayerColumn *self,
                                         const char    *pointer,
                                         const char    *text);

G_END_DECLS
