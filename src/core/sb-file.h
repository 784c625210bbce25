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
  SB_FILE_ERROR_CHANGED,      /* the file changed on disk while we were writing */
  SB_FILE_ERROR_NOT_REGULAR,  /* a folder, FIFO, device or socket: never read */
  SB_FILE_ERROR_TOO_LARGE,    /* larger than the caller's limit: never read */
  SB_FILE_ERROR_OUTSIDE,      /* the file links out of the folder it must stay in */
  SB_FILE_ERROR_READ_ONLY,    /* its owner made it read-only: never replaced */
} SbFileError;

/* The largest settings file read: Claude Code's are a few kilobytes. */
#define SB_FILE_MAX_SIZE (8 * 1024 * 1024)

GQuark   sb_file_error_quark   (void);
char    *sb_file_resolve_links (const char  *path,
                                GError     **error);
char    *sb_file_resolve_path  (const char  *path,
                                GError     **error);
gboolean sb_file_is_within     (const char  *path,
                                const char  *folder);
gboolean sb_file_mode_is_read_only (const char *path,
                                    guint       mode);
GBytes  *sb_file_read          (const char  *path,
                                GError     **error);
GBytes  *sb_file_read_max      (const char  *path,
                                gsize        max_size,
                                GError     **error);
GPtrArray *sb_file_list_sorted (const char  *dir,
                                const char  *suffix);
gboolean sb_file_replace       (const char  *path,
                                const char  *contents,
                                gsize        length,
                                GBytes      *expected,
                                guint        new_file_mode,
                                const char  *within,
                                GError     **error);

G_END_DECLS
