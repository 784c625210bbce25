/* sb-openrouter.h
 *
 * The one HTTP client of the application: OpenRouter's API, with HTTP statuses turned into
 * errors that can be shown to people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sb-key-info.h"

G_BEGIN_DECLS

#define SB_OPENROUTER_DEFAULT_URL "https://openrouter.ai/api/v1"
#define SB_OPENROUTER_TIMEOUT_SECONDS 15

#define SB_OPENROUTER_ERROR (sb_openrouter_error_quark ())

typedef enum
{
  SB_OPENROUTER_ERROR_INVALID_URL,
  SB_OPENROUTER_ERROR_INVALID_KEY,   /* 401 */
  SB_OPENROUTER_ERROR_NO_CREDITS,    /* 402 */
  SB_OPENROUTER_ERROR_FORBIDDEN,     /* 403 */
  SB_OPENROUTER_ERROR_TIMEOUT,       /* 408, or no answer in time */
  SB_OPENROUTER_ERROR_RATE_LIMITED,  /* 429 */
  SB_OPENROUTER_ERROR_SERVER,        /* 5xx */
  SB_OPENROUTER_ERROR_NETWORK,       /* no network, refused, reset */
  SB_OPENROUTER_ERROR_BAD_RESPONSE,  /* malformed or too large body, unexpected status */
} SbOpenRouterError;

#define SB_TYPE_OPENROUTER (sb_openrouter_get_type ())

G_DECLARE_FINAL_TYPE (SbOpenRouter, sb_openrouter, SB, OPENROUTER, GObject)

GQuark        sb_openrouter_error_quark           (void);
guint         sb_openrouter_error_get_retry_after (const GError *error);
guint         sb_openrouter_error_get_status      (const GError *error);

SbOpenRouter *sb_openrouter_new                   (GError      **error);
SbOpenRouter *sb_openrouter_new_for_base          (const char   *base_url,
                                                   GError      **error);
const char   *sb_openrouter_get_base_url          (SbOpenRouter *self);
SoupSession  *sb_openrouter_get_session           (SbOpenRouter *self);
guint         sb_openrouter_get_timeout           (SbOpenRouter *self);
void          sb_openrouter_set_timeout           (SbOpenRouter *self,
                                                   guint         seconds);

void          sb_openrouter_get_async             (SbOpenRouter        *self,
                                                   const char          *path,
                                                   const char          *key,
                                                   SoupMessageHeaders  *extra_headers,
                                                   gsize                max_body,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GBytes       *sb_openrouter_get_finish            (SbOpenRouter  *self,
                                                   GAsyncResult  *result,
                                                   SoupMessage  **out_message,
                                                   GError       **error);

void          sb_openrouter_get_key_info_async    (SbOpenRouter        *self,
                                                   const char          *key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
SbKeyInfo    *sb_openrouter_get_key_info_finish   (SbOpenRouter  *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);

void          sb_openrouter_get_credits_async     (SbOpenRouter        *self,
                                                   const char          *key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
SbCredits    *sb_openrouter_get_credits_finish    (SbOpenRouter  *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);

G_END_DECLS
