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
#include "sb-layer-stack.h"

G_BEGIN_DECLS

#define SB_TYPE_MODEL_SWITCHER (sb_model_switcher_get_type ())

G_DECLARE_FINAL_TYPE (SbModelSwitcher, sb_model_switcher, SB, MODEL_SWITCHER, AdwBin)

SbLayerStack *sb_model_switcher_get_stack (SbModelSwitcher *self);
void          sb_model_switcher_set_stack (SbModelSwitcher *self,
                                           SbLayerStack    *stack);
GMenuModel   *sb_model_switcher_get_menu  (SbModelSwitcher *self);

G_END_DECLS
