/* sb-summary.h
 *
 * Settings put into words: what claude uses in a folder, and what the rest of a file holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char * const *sb_summary_get_routing_pointers (void);
gboolean            sb_summary_is_routing_pointer  (const char *pointer);
gboolean            sb_summary_is_model_pointer    (const char *pointer);
const char         *sb_summary_get_title           (const char *pointer);
char               *sb_summary_get_model           (JsonNode   *settings);
char               *sb_summary_verdict             (JsonNode   *effective);
char               *sb_summary_verdict_for         (JsonNode   *effective,
                                                    const char *sent);
char               *sb_summary_describe            (const char *key,
                                                    JsonNode   *value);

G_END_DECLS
