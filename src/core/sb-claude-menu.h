/* sb-claude-menu.h
 *
 * What Claude Code's /model menu offers: the favourites as rows of the User layer's
 * modelPicker, and the models a folder's availableModels lets it use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-catalog.h"
#include "sb-layer-stack.h"

G_BEGIN_DECLS

char     *sb_claude_picker_describe     (SbModel       *entry);
gboolean  sb_claude_picker_add          (SbLayer       *layer,
                                         const char    *id,
                                         SbModel       *entry,
                                         gboolean      *added,
                                         GError       **error);
gboolean  sb_claude_picker_remove       (SbLayer       *layer,
                                         const char    *id,
                                         gboolean      *removed,
                                         GError       **error);

gboolean  sb_claude_available_set       (SbLayerStack  *stack,
                                         const char    *id,
                                         SbScope        scope,
                                         gboolean       enabled,
                                         gboolean      *changed,
                                         GError       **error);
gboolean  sb_claude_available_find      (SbLayerStack  *stack,
                                         const char    *id,
                                         SbScope       *scope,
                                         char         **entry);

G_END_DECLS
