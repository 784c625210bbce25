/* sb-model-chooser.h
 *
 * The model chooser: OpenRouter's catalogue to search, filter, sort and pin favourites in,
 * and one model to pick for whoever opened it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"
#include "sb-model-list.h"

G_BEGIN_DECLS

#define SB_TYPE_MODEL_CHOOSER (sb_model_chooser_get_type ())

G_DECLARE_FINAL_TYPE (SbModelChooser, sb_model_chooser, SB, MODEL_CHOOSER, AdwWindow)

SbModelChooser *sb_model_chooser_new          (GtkWindow      *parent,
                                               SbContext      *context,
                                               const char     *current);
SbModelChooser *sb_model_chooser_open         (GtkWidget      *from,
                                               SbContext      *context,
                                               const char     *current);
SbModelList    *sb_model_chooser_get_list     (SbModelChooser *self);
const char     *sb_model_chooser_get_selected (SbModelChooser *self);
void            sb_model_chooser_choose       (SbModelChooser *self,
                                               const char     *id);

G_END_DECLS
