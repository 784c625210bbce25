/* sb-endpoints-panel.h
 *
 * Who serves a model on OpenRouter, fetched when the model is chosen in a list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-context.h"

G_BEGIN_DECLS

#define SB_TYPE_ENDPOINTS_PANEL (sb_endpoints_panel_get_type ())

G_DECLARE_FINAL_TYPE (SbEndpointsPanel, sb_endpoints_panel, SB, ENDPOINTS_PANEL, GtkBox)

void sb_endpoints_panel_set_context (SbEndpointsPanel *self,
                                     SbContext        *context);
void sb_endpoints_panel_set_model   (SbEndpointsPanel *self,
                                     const char       *model_id);

G_END_DECLS
