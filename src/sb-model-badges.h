/* sb-model-badges.h
 *
 * The badges of a row of the model chooser: free, tools, reasoning, and when OpenRouter
 * retires the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-model.h"

G_BEGIN_DECLS

#define SB_TYPE_MODEL_BADGES (sb_model_badges_get_type ())

G_DECLARE_FINAL_TYPE (SbModelBadges, sb_model_badges, SB, MODEL_BADGES, GtkBox)

SbModel *sb_model_badges_get_model (SbModelBadges *self);
void     sb_model_badges_set_model (SbModelBadges *self,
                                    SbModel       *model);

G_END_DECLS
