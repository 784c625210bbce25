/* sb-expander-row.h
 *
 * A row that opens onto more rows: an object or a list of settings, its members inside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_EXPANDER_ROW (sb_expander_row_get_type ())

G_DECLARE_FINAL_TYPE (SbExpanderRow, sb_expander_row, SB, EXPANDER_ROW, AdwPreferencesRow)

GtkWidget  *sb_expander_row_new          (void);
const char *sb_expander_row_get_subtitle (SbExpanderRow *self);
void        sb_expander_row_set_subtitle (SbExpanderRow *self,
                                          const char    *subtitle);
gboolean    sb_expander_row_get_expanded (SbExpanderRow *self);
void        sb_expander_row_set_expanded (SbExpanderRow *self,
                                          gboolean       expanded);
void        sb_expander_row_add_row      (SbExpanderRow *self,
                                          GtkWidget     *row);
void        sb_expander_row_remove       (SbExpanderRow *self,
                                          GtkWidget     *row);

G_END_DECLS
