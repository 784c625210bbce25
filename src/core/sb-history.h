/* sb-history.h
 *
 * Earlier versions of the settings files we write, kept so that every change can be undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_HISTORY_MAX_VERSIONS 50
/* What a key is replaced with in the history; valid inside a JSON string. */
#define SB_HISTORY_SCRUB_MARKER "<moved to the keyring>"

char      *sb_history_get_dir  (const char  *path);
gboolean   sb_history_add      (const char  *path,
                                const char  *contents,
                                gsize        length,
                                GError     **error);
GPtrArray *sb_history_list     (const char  *path);
gboolean   sb_history_scrub    (const char  *secret,
                                guint       *n_cleaned,
                                GError     **error);

G_END_DECLS
