/* sb-row-box.h
 *
 * The inside of a row: widgets side by side, the expanding one given what the others
 * leave, each of them measured once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_ROW_BOX (sb_row_box_get_type ())

G_DECLARE_FINAL_TYPE (SbRowBox, sb_row_box, SB, ROW_BOX, GtkWidget)

G_END_DECLS
