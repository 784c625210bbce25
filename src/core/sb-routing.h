/* sb-routing.h
 *
 * Routing Claude Code through OpenRouter with the key in the keyring: the settings a layer
 * needs for it, and moving plain-text keys out of settings files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-layer-stack.h"

G_BEGIN_DECLS

#define SB_ROUTING_BASE_URL "https://openrouter.ai/api"

/* Where signalbox-key is, instead of BINDIR; for tests and for running from the build tree. */
#define SB_ROUTING_HELPER_ENV "SIGNALBOX_KEY_HELPER"

#define SB_ROUTING_ERROR (sb_routing_error_quark ())

typedef enum
{
  SB_ROUTING_ERROR_NOT_INSTALLED,  /* signalbox-key is not where settings would point */
  SB_ROUTING_ERROR_TRACKED,        /* a token would go into a file tracked by git */
  SB_ROUTING_ERROR_READ_ONLY,      /* managed settings */
  SB_ROUTING_ERROR_NO_KEY,         /* the key to move is no longer there */
  SB_ROUTING_ERROR_HISTORY,        /* done, but the history could not be scrubbed */
  SB_ROUTING_ERROR_NOT_IGNORED,    /* git would commit the file: in a work tree, not ignored */
  SB_ROUTING_ERROR_GIT_UNKNOWN,    /* git did not say whether it would commit the file */
} SbRoutingError;

typedef struct
{
  SbLayer *layer;
  char    *pointer;  /* such as "/env/ANTHROPIC_AUTH_TOKEN" */
  char    *name;     /* such as "ANTHROPIC_AUTH_TOKEN" */
} SbPlainKey;

GQuark      sb_routing_error_quark          (void);

gboolean    sb_routing_in_flatpak           (void);
char      **sb_routing_unwrap_flatpak       (char          **argv);
char       *sb_routing_get_helper_path      (GError       **error);
char       *sb_routing_get_helper_command   (const char    *profile,
                                             GError       **error);
gboolean    sb_routing_parse_helper_command (const char    *command,
                                             char         **profile);

gboolean    sb_routing_get_enabled          (SbLayer       *layer,
                                             char         **profile);
gboolean    sb_routing_set_enabled          (SbLayer       *layer,
                                             gboolean       enabled,
                                             const char    *profile,
                                             GError       **error);

GPtrArray  *sb_routing_find_plain_keys      (SbLayerStack  *stack);
void        sb_plain_key_free               (SbPlainKey    *key);

void        sb_routing_move_key_async       (SbLayer             *layer,
                                             const char          *pointer,
                                             const char          *profile,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    sb_routing_move_key_finish      (GAsyncResult  *result,
                                             guint         *n_cleaned,
                                             GError       **error);
void        sb_routing_remove_key_async     (const char          *profile,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    sb_routing_remove_key_finish    (GAsyncResult  *result,
                                             gboolean      *removed,
                                             guint         *n_cleaned,
                                             GError       **error);

gboolean    sb_routing_check_token_file     (SbLayer       *layer,
                                             GError       **error);
gboolean    sb_routing_store_token          (SbLayer       *layer,
                                             const char    *token,
                                             GError       **error);
void        sb_routing_store_token_async    (SbLayer             *layer,
                                             const char          *token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    sb_routing_store_token_finish   (GAsyncResult  *result,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPlainKey, sb_plain_key_free)

G_END_DECLS
