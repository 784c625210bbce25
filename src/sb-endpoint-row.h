/* sb-endpoint-row.h
 *
 * One provider serving a model: its prices, window, output cap, quantization and health.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-endpoints.h"

G_BEGIN_DECLS

#define SB_TYPE_ENDPOINT_ROW (sb_endpoint_row_get_type ())

G_DECLARE_FINAL_TYPE (SbEndpointRow, sb_endpoint_row, SB, ENDPOINT_ROW, AdwActionRow)

GtkWidget *sb_endpoint_row_new (const SbEndpoint *endpoint,
                                gboolean          cheapest);

G_END_DECLS
