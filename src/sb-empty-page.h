/* sb-empty-page.h
 *
 * The page shown with no folder: how to begin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_EMPTY_PAGE (sb_empty_page_get_type ())

G_DECLARE_FINAL_TYPE (SbEmptyPage, sb_empty_page, SB, EMPTY_PAGE, AdwBin)

GtkWidget *sb_empty_page_new    (void);
void       sb_empty_page_update (SbEmptyPage *self);

G_END_DECLS
