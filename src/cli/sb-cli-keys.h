/* sb-cli-keys.h
 *
 * signalbox --move-keys: the keys written in plain text moved into the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sb_cli_keys_move (const char *folder,
                      const char *profile);

G_END_DECLS
