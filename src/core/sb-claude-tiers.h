/* sb-claude-tiers.h
 *
 * Claude Code's model tiers: the variables that say which model its aliases, background
 * calls and subagents use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-layer-stack.h"

G_BEGIN_DECLS

extern const char * const sb_claude_tier_variables[];

gboolean  sb_claude_use_for_tiers (SbLayerStack  *stack,
                                   const char    *model,
                                   SbScope        scope,
                                   GError       **error);
char     *sb_claude_tiers_model   (SbLayerStack  *stack);

G_END_DECLS
