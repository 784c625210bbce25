/* sb-key-window.h
 *
 * The OpenRouter key page: the key pasted once into the keyring, the account it belongs
 * to, key profiles, routing each layer through OpenRouter, and plain-text keys to move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"
#include "sb-layer-stack.h"

G_BEGIN_DECLS

#define SB_TYPE_KEY_WINDOW (sb_key_window_get_type ())

G_DECLARE_FINAL_TYPE (SbKeyWindow, sb_key_window, SB, KEY_WINDOW, AdwPreferencesWindow)

SbKeyWindow  *sb_key_window_new         (SbContext    *context,
                                         SbLayerStack *stack);
SbLayerStack *sb_key_window_get_stack   (SbKeyWindow  *self);
void          sb_key_window_set_stack   (SbKeyWindow  *self,
                                         SbLayerStack *stack);
const char   *sb_key_window_get_profile (SbKeyWindow  *self);
gboolean      sb_key_window_get_busy    (SbKeyWindow  *self);

G_END_DECLS
