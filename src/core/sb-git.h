/* sb-git.h
 *
 * What git thinks of a settings file: tracked, ignored, or neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SB_GIT_STATE_NONE,       /* not in a work tree, or git is not installed */
  SB_GIT_STATE_UNTRACKED,  /* in a work tree, neither tracked nor ignored */
  SB_GIT_STATE_TRACKED,
  SB_GIT_STATE_IGNORED,
} SbGitState;

SbGitState sb_git_get_state (const char *path);

G_END_DECLS
