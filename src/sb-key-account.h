/* sb-key-account.h
 *
 * What OpenRouter says about the account a key belongs to: label, usage, limit, free tier
 * and, for management keys, the credits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-key-info.h"

G_BEGIN_DECLS

#define SB_TYPE_KEY_ACCOUNT (sb_key_account_get_type ())

G_DECLARE_FINAL_TYPE (SbKeyAccount, sb_key_account, SB, KEY_ACCOUNT, AdwPreferencesGroup)

void sb_key_account_set_info    (SbKeyAccount    *self,
                                 const SbKeyInfo *info);
void sb_key_account_set_credits (SbKeyAccount    *self,
                                 const SbCredits *credits,
                                 const char      *error);

G_END_DECLS
