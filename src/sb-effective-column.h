/* sb-effective-column.h
 *
 * The merged settings of a folder, each value with the layer it comes from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-folder.h"

G_BEGIN_DECLS

#define SB_TYPE_EFFECTIVE_COLUMN (sb_effective_column_get_type ())

G_DECLARE_FINAL_TYPE (SbEffectiveColumn, sb_effective_column, SB, EFFECTIVE_COLUMN, AdwBin)

SbEffectiveColumn *sb_effective_column_new             (SbFolder          *folder);
void               sb_effective_column_update          (SbEffectiveColumn *self);
void               sb_effective_column_add_group       (SbEffectiveColumn *self,
                                                        GtkWidget         *group);
void               sb_effective_column_set_raw         (SbEffectiveColumn *self,
                                                        gboolean           raw);

G_END_DECLS
