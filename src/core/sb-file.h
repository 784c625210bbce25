/* sb-file.h
 *
 * Reading settings files and replacing them atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_FILE_ERROR (sb_file_error_quark ())

typedef enum
{
  SB_FILE_ERROR_CHANGED,  /* the file changed on disk while we were writing */
} SbFileError;

GQuark   sb_file_error_quark   (void);
char    *sb_file_resolve_links (const char  *path,
                                GError     **error);
GBytes  *sb_file_read          (const char  *path,
                                GError     **error);
GPtrArray *sb_file_list_sorted (const char  *dir,
                                const char  *suffix);
gboolean sb_file_replace       (const char  *path,
                                const char  *contents,
                                gsize        length,
                                GBytes      *expected,
                                guint        new_file_mode,
                                GError     **error);

G_END_DECLS
