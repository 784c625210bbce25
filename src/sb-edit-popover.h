/* sb-edit-popover.h
 *
 * The popover a setting is edited in: its value in an entry, Enter applies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-catalog.h"

G_BEGIN_DECLS

#define SB_TYPE_EDIT_POPOVER (sb_edit_popover_get_type ())

G_DECLARE_FINAL_TYPE (SbEditPopover, sb_edit_popover, SB, EDIT_POPOVER, GtkPopover)

GtkWidget  *sb_edit_popover_new          (SbCatalog     *catalog);
const char *sb_edit_popover_get_pointer  (SbEditPopover *self);
const char *sb_edit_popover_get_original (SbEditPopover *self);
gboolean    sb_edit_popover_get_masked   (SbEditPopover *self);

G_END_DECLS
