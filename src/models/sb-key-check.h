/* sb-key-check.h
 *
 * The key of one profile, as the key page shows it: looked up in the keyring (or pasted
 * and stored there), checked with OpenRouter, and the account it belongs to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-key-info.h"
#include "sb-openrouter.h"

G_BEGIN_DECLS

typedef enum
{
  SB_KEY_CHECK_BUSY,
  SB_KEY_CHECK_OK,
  SB_KEY_CHECK_MISSING,
  SB_KEY_CHECK_ERROR,
} SbKeyCheckState;

#define SB_TYPE_KEY_CHECK_STATE (sb_key_check_state_get_type ())
#define SB_TYPE_KEY_CHECK (sb_key_check_get_type ())

GType sb_key_check_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (SbKeyCheck, sb_key_check, SB, KEY_CHECK, GObject)

SbKeyCheck      *sb_key_check_new               (SbOpenRouter *client);
void             sb_key_check_show              (SbKeyCheck   *self,
                                                 const char   *profile);
void             sb_key_check_store             (SbKeyCheck   *self,
                                                 const char   *profile,
                                                 const char   *key);
SbKeyCheckState  sb_key_check_get_state         (SbKeyCheck   *self);
const char      *sb_key_check_get_message       (SbKeyCheck   *self);
const SbKeyInfo *sb_key_check_get_info          (SbKeyCheck   *self);
const SbCredits *sb_key_check_get_credits       (SbKeyCheck   *self);
const char      *sb_key_check_get_credits_error (SbKeyCheck   *self);

G_END_DECLS
