/* sb-offered-row.h
 *
 * A model in a folder's /model list: whether the folder offers it, and a menu to use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-layer.h"

G_BEGIN_DECLS

#define SB_TYPE_OFFERED_ROW (sb_offered_row_get_type ())

G_DECLARE_FINAL_TYPE (SbOfferedRow, sb_offered_row, SB, OFFERED_ROW, AdwActionRow)

GtkWidget  *sb_offered_row_new       (const char *model,
                                      const char *description,
                                      gboolean    offered,
                                      SbScope     scope,
                                      gboolean    writable,
                                      gboolean    current);
const char *sb_offered_row_get_model (SbOfferedRow *self);
void        sb_offered_row_update    (SbOfferedRow *self,
                                      const char   *description,
                                      gboolean      offered,
                                      SbScope       scope,
                                      gboolean      writable,
                                      gboolean      current);

G_END_DECLS
