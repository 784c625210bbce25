/* sb-offered-models.h
 *
 * A folder's /model list: the favourites, and the models its layers allow, each with a
 * switch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"
#include "sb-folder.h"

G_BEGIN_DECLS

#define SB_TYPE_OFFERED_MODELS (sb_offered_models_get_type ())

G_DECLARE_FINAL_TYPE (SbOfferedModels, sb_offered_models, SB, OFFERED_MODELS,
                      AdwPreferencesGroup)

GtkWidget *sb_offered_models_new    (SbFolder        *folder,
                                     SbContext       *context);
void       sb_offered_models_update (SbOfferedModels *self);

G_END_DECLS
