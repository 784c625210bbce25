/* sb-key-store.h
 *
 * The OpenRouter key in the system keyring (the Secret Service, through libsecret), one
 * per profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define SB_KEY_STORE_DEFAULT_PROFILE "default"
/* How long the Secret Service may take to answer at all; unlocking may take longer. */
#define SB_KEY_STORE_TIMEOUT_SECONDS 4

#define SB_KEY_STORE_ERROR (sb_key_store_error_quark ())

typedef enum
{
  SB_KEY_STORE_ERROR_UNAVAILABLE,      /* no Secret Service, or it does not answer */
  SB_KEY_STORE_ERROR_INVALID_PROFILE,
  SB_KEY_STORE_ERROR_INVALID_KEY,
  SB_KEY_STORE_ERROR_FAILED,           /* the keyring answered but did not do it */
  SB_KEY_STORE_ERROR_EXISTS,           /* a rename's new name has a key already */
} SbKeyStoreError;

GQuark              sb_key_store_error_quark           (void);
const SecretSchema *sb_key_store_get_schema            (void);
gboolean            sb_key_store_check_profile         (const char   *profile,
                                                        GError      **error);
gboolean            sb_key_store_check_key             (const char   *key,
                                                        GError      **error);
void                sb_key_store_free_key              (char         *key);

void                sb_key_store_store_async           (const char          *profile,
                                                        const char          *key,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            sb_key_store_store_finish          (GAsyncResult  *result,
                                                        GError       **error);
void                sb_key_store_lookup_async          (const char          *profile,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
char               *sb_key_store_lookup_finish         (GAsyncResult  *result,
                                                        GError       **error);
void                sb_key_store_clear_async           (const char          *profile,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            sb_key_store_clear_finish          (GAsyncResult  *result,
                                                        gboolean      *removed,
                                                        GError       **error);
void                sb_key_store_list_profiles_async   (GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
char              **sb_key_store_list_profiles_finish  (GAsyncResult  *result,
                                                        GError       **error);
void                sb_key_store_rename_async          (const char          *from,
                                                        const char          *to,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            sb_key_store_rename_finish         (GAsyncResult  *result,
                                                        GError       **error);

G_END_DECLS
