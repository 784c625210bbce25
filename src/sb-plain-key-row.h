/* sb-plain-key-row.h
 *
 * A key written in plain text in a settings file, with the button that moves it into the
 * keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-layer.h"

G_BEGIN_DECLS

#define SB_TYPE_PLAIN_KEY_ROW (sb_plain_key_row_get_type ())

G_DECLARE_FINAL_TYPE (SbPlainKeyRow, sb_plain_key_row, SB, PLAIN_KEY_ROW, AdwActionRow)

SbPlainKeyRow *sb_plain_key_row_new (SbLayer    *layer,
                                     const char *pointer,
                                     const char *name);

G_END_DECLS
