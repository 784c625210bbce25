/* sb-paths.h
 *
 * Where Claude Code and Signalbox keep their files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sb_paths_get_home_dir        (void);
char *sb_paths_get_user_config_dir (void);
char *sb_paths_get_claude_json     (void);
char *sb_paths_get_managed_dir     (void);
char *sb_paths_get_state_dir       (void);
char *sb_paths_find_git_root       (const char *folder);
char *sb_paths_resolve_folder      (const char  *folder,
                                    GError     **error);
char *sb_paths_abbreviate          (const char *path);

G_END_DECLS
