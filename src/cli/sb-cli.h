/* sb-cli.h
 *
 * The terminal face: signalbox --status, --use, --models and --move-keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses */
#define SB_CLI_EXIT_OK       0
#define SB_CLI_EXIT_PROBLEMS 1  /* an error-level diagnostic */
#define SB_CLI_EXIT_FAILURE  2  /* bad usage, or input/output failure */

gboolean sb_cli_handles (char **argv);
int      sb_cli_main    (char **argv);

G_END_DECLS
