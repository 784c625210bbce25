/* sb-value-row.h
 *
 * A row for one setting: its readable title, its value, and its key in small monospace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_VALUE_ROW (sb_value_row_get_type ())

G_DECLARE_FINAL_TYPE (SbValueRow, sb_value_row, SB, VALUE_ROW, AdwPreferencesRow)

GtkWidget  *sb_value_row_new                     (const char *title,
                                                  const char *value,
                                                  const char *key_name);
const char *sb_value_row_get_value               (SbValueRow *self);
void        sb_value_row_set_value               (SbValueRow *self,
                                                  const char *value);
const char *sb_value_row_get_key_name            (SbValueRow *self);
void        sb_value_row_set_key_name            (SbValueRow *self,
                                                  const char *key_name);
void        sb_value_row_add_suffix              (SbValueRow *self,
                                                  GtkWidget  *widget);
void        sb_value_row_set_activatable_widget  (SbValueRow *self,
                                                  GtkWidget  *widget);

G_END_DECLS
