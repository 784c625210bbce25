/* sb-plain-keys-group.h
 *
 * The keys written in plain text in the key page's layers, each with a button that moves
 * it into the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-layer-stack.h"

G_BEGIN_DECLS

#define SB_TYPE_PLAIN_KEYS_GROUP (sb_plain_keys_group_get_type ())

G_DECLARE_FINAL_TYPE (SbPlainKeysGroup, sb_plain_keys_group, SB, PLAIN_KEYS_GROUP,
                      AdwPreferencesGroup)

void sb_plain_keys_group_update (SbPlainKeysGroup *self,
                                 SbLayerStack     *stack,
                                 gboolean          user_only,
                                 const char       *profile);

G_END_DECLS
