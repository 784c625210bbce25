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

char      *sb_history_get_dir  (const char  *path);
gboolean   sb_history_add      (const char  *path,
                                const char  *contents,
                                gsize        length,
                                GError     **error);
GPtrArray *sb_history_list     (const char  *path);

G_END_DECLS
