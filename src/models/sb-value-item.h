/* sb-value-item.h
 *
 * One setting as a row shows it: its pointer, readable title, key, value and origin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sb-layer.h"

G_BEGIN_DECLS

#define SB_TYPE_VALUE_ITEM (sb_value_item_get_type ())

G_DECLARE_FINAL_TYPE (SbValueItem, sb_value_item, SB, VALUE_ITEM, GObject)

SbValueItem *sb_value_item_new               (const char  *pointer);
const char  *sb_value_item_get_pointer       (SbValueItem *self);
const char  *sb_value_item_get_title         (SbValueItem *self);
const char  *sb_value_item_get_key           (SbValueItem *self);
const char  *sb_value_item_get_text          (SbValueItem *self);
const char  *sb_value_item_get_edit_text     (SbValueItem *self);
const char  *sb_value_item_get_overridden_by (SbValueItem *self);
const char  *sb_value_item_get_problem       (SbValueItem *self);
void         sb_value_item_set_problem       (SbValueItem *self,
                                              const char  *problem);
gboolean     sb_value_item_get_origin        (SbValueItem *self,
                                              SbScope     *origin);
gboolean     sb_value_item_get_editable      (SbValueItem *self);
gboolean     sb_value_item_get_secret        (SbValueItem *self);
gboolean     sb_value_item_get_masked        (SbValueItem *self);
gboolean     sb_value_item_get_expandable    (SbValueItem *self);
void         sb_value_item_assign            (SbValueItem *self,
                                              SbValueItem *from);

G_END_DECLS
