/* sb-projects.h
 *
 * The project folders a person works in: remembered ones, and the ones Claude Code knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      **sb_projects_read_claude_json (GError            **error);
GPtrArray  *sb_projects_list             (const char * const *remembered,
                                          const char * const *hidden,
                                          GError            **claude_json_error);

G_END_DECLS
