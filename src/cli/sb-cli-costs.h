/* sb-cli-costs.h
 *
 * signalbox --costs: what a folder spent, from Claude Code's transcripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sb_cli_costs_run (const char *folder,
                      gboolean    json,
                      const char *since_text,
                      const char *until_text);

G_END_DECLS
