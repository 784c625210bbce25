/* sb-model-switcher.h
 *
 * The header bar's model button: the shown folder's model, the favourites to switch to in
 * one click, and the chooser for any other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"

G_BEGIN_DECLS

#define SB_TYPE_MODEL_SWITCHER (sb_model_switcher_get_type ())

G_DECLARE_FINAL_TYPE (SbModelSwitcher, sb_model_switcher, SB, MODEL_SWITCHER, AdwBin)

void        sb_model_switcher_set_context (SbModelSwitcher *self,
                                           SbContext       *context);
void        sb_model_switcher_update    (SbModelSwitcher *self);
GMenuModel *sb_model_switcher_get_menu  (SbModelSwitcher *self);

GtkWidget  *sb_model_switcher_new_folder_button (SbContext  *context,
                                                 const char *folder);

G_END_DECLS
