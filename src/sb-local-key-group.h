/* sb-local-key-group.h
 *
 * For a computer without a keyring: the pasted key written in plain text into the
 * folder's settings.local.json, readable only by its owner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-layer.h"

G_BEGIN_DECLS

#define SB_TYPE_LOCAL_KEY_GROUP (sb_local_key_group_get_type ())

G_DECLARE_FINAL_TYPE (SbLocalKeyGroup, sb_local_key_group, SB, LOCAL_KEY_GROUP,
                      AdwPreferencesGroup)

void sb_local_key_group_set_layer (SbLocalKeyGroup *self,
                                   SbLayer         *layer);
void sb_local_key_group_store     (SbLocalKeyGroup *self,
                                   gboolean         ignore);

G_END_DECLS
