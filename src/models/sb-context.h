/* sb-context.h
 *
 * The services a window and its parts share: settings, the model list and the OpenRouter
 * client, handed down from the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-costs.h"
#include "sb-openrouter.h"
#include "sb-picker-sync.h"
#include "sb-settings.h"

G_BEGIN_DECLS

#define SB_TYPE_CONTEXT (sb_context_get_type ())

G_DECLARE_FINAL_TYPE (SbContext, sb_context, SB, CONTEXT, GObject)

SbContext    *sb_context_new          (SbSettings   *settings,
                                       SbCatalog    *catalog,
                                       SbOpenRouter *client);
SbSettings   *sb_context_get_settings (SbContext    *self);
SbCatalog    *sb_context_get_catalog  (SbContext    *self);
SbOpenRouter *sb_context_get_client   (SbContext    *self);
SbCosts      *sb_context_get_costs    (SbContext    *self);
SbPickerSync *sb_context_get_picker_sync (SbContext *self);

G_END_DECLS
