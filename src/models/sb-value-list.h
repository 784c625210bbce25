/* sb-value-list.h
 *
 * The settings of one group of rows, as a list that changes item by item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-value-item.h"

G_BEGIN_DECLS

#define SB_TYPE_VALUE_LIST (sb_value_list_get_type ())

G_DECLARE_FINAL_TYPE (SbValueList, sb_value_list, SB, VALUE_LIST, GObject)

SbValueList *sb_value_list_new    (void);
void         sb_value_list_update (SbValueList *self,
                                   GPtrArray   *items);
SbValueItem *sb_value_list_lookup (SbValueList *self,
                                   const char  *pointer);

G_END_DECLS
