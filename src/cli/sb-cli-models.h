/* sb-cli-models.h
 *
 * signalbox --models: the OpenRouter catalogue in the terminal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-catalog.h"

G_BEGIN_DECLS

gboolean sb_cli_models_get_catalog (SbCatalog  *catalog,
                                    GError    **error);

void sb_cli_print_cell         (const char *text,
                                guint       width,
                                gboolean    right);

int sb_cli_models_run (gboolean    json,
                       gboolean    tools_only,
                       gboolean    free_only,
                       const char *search);

G_END_DECLS
