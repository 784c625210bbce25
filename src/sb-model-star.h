/* sb-model-star.h
 *
 * The star of a row of the model chooser: pins the row's model to the top of the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_MODEL_STAR (sb_model_star_get_type ())

G_DECLARE_FINAL_TYPE (SbModelStar, sb_model_star, SB, MODEL_STAR, GtkToggleButton)

const char *sb_model_star_get_model_id (SbModelStar *self);
void        sb_model_star_show         (SbModelStar *self,
                                        const char  *model_id,
                                        gboolean     pinned);

G_END_DECLS
