/* sb-value-row.h
 *
 * A row for one setting: its readable title, its value, and its key in small monospace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-catalog.h"
#include "sb-value-item.h"

G_BEGIN_DECLS

#define SB_TYPE_VALUE_ROW (sb_value_row_get_type ())

G_DECLARE_FINAL_TYPE (SbValueRow, sb_value_row, SB, VALUE_ROW, AdwPreferencesRow)

GtkWidget   *sb_value_row_new          (SbValueItem *item,
                                        SbCatalog   *catalog);
SbValueItem *sb_value_row_get_item     (SbValueRow  *self);
const char  *sb_value_row_get_value    (SbValueRow  *self);
const char  *sb_value_row_get_key_name (SbValueRow  *self);

G_END_DECLS
