/* sb-key-info.h
 *
 * What OpenRouter says about an API key (GET /key) and about the account's credits
 * (GET /credits), mapped from JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Amounts are in US dollars. A has_* flag is FALSE when OpenRouter left the value out or
 * sent null: no limit, in the case of the limit. */
typedef struct
{
  char     *label;              /* OpenRouter's masked form of the key, never the key */
  double    usage;
  gboolean  has_limit;
  double    limit;
  gboolean  has_limit_remaining;
  double    limit_remaining;
  char     *limit_reset;        /* "daily", "weekly", "monthly" or NULL */
  gboolean  has_usage_periods;  /* usage_daily, _weekly, _monthly were sent */
  double    usage_daily;
  double    usage_weekly;
  double    usage_monthly;
  gboolean  is_free_tier;
  gboolean  is_management_key;  /* also reported as is_provisioning_key */
  char     *expires_at;         /* ISO 8601, or NULL */
} SbKeyInfo;

typedef struct
{
  double total_credits;
  double total_usage;
} SbCredits;

#define SB_TYPE_KEY_INFO (sb_key_info_get_type ())
#define SB_TYPE_CREDITS (sb_credits_get_type ())

GType      sb_key_info_get_type      (void) G_GNUC_CONST;
SbKeyInfo *sb_key_info_new_from_json (JsonNode        *node,
                                      GError         **error);
SbKeyInfo *sb_key_info_copy          (const SbKeyInfo *self);
void       sb_key_info_free          (SbKeyInfo       *self);

GType      sb_credits_get_type       (void) G_GNUC_CONST;
SbCredits *sb_credits_new_from_json  (JsonNode        *node,
                                      GError         **error);
SbCredits *sb_credits_copy           (const SbCredits *self);
void       sb_credits_free           (SbCredits       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbKeyInfo, sb_key_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCredits, sb_credits_free)

G_END_DECLS
