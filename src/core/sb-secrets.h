/* sb-secrets.h
 *
 * Telling keys and tokens apart from other settings, so that they are never shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_REDACTED "<redacted>"

gboolean  sb_secrets_is_secret_name (const char *name);
gboolean  sb_secrets_looks_like_key (const char *value);
char     *sb_secrets_redact_string  (const char *name,
                                     const char *value);
char     *sb_secrets_redact_pointer (const char *pointer);
JsonNode *sb_secrets_redact         (JsonNode   *node);
JsonNode *sb_secrets_redact_member  (const char *name,
                                     JsonNode   *node);
JsonNode *sb_secrets_redact_at      (JsonNode   *root,
                                     const char *pointer);
char     *sb_secrets_redact_text    (const char *text,
                                     gsize       length);

G_END_DECLS
