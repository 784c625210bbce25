/* sb-git.h
 *
 * What git thinks of a settings file: tracked, ignored, or neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SB_GIT_STATE_NONE,       /* not in a work tree */
  SB_GIT_STATE_UNTRACKED,  /* in a work tree, neither tracked nor ignored */
  SB_GIT_STATE_TRACKED,
  SB_GIT_STATE_IGNORED,
  SB_GIT_STATE_UNKNOWN,    /* in a work tree, but git did not answer (in time, or at all) */
} SbGitState;

#define SB_GIT_ERROR (sb_git_error_quark ())

typedef enum
{
  SB_GIT_ERROR_NOT_A_REPOSITORY,  /* no work tree, or its git folder is not there */
  SB_GIT_ERROR_UNSAFE,            /* the git folder or its exclude file is reached by a link */
} SbGitError;

/* How long git may take to answer, in seconds. */
#define SB_GIT_TIMEOUT 5

GQuark      sb_git_error_quark          (void);

SbGitState  sb_git_get_state            (const char           *path);
SbGitState  sb_git_peek_state           (const char           *path);
void        sb_git_update_states_async  (const char * const   *paths,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    sb_git_update_states_finish (GAsyncResult         *result,
                                         GError              **error);

char       *sb_git_find_exclude_file    (const char           *path,
                                         char                **line,
                                         GError              **error);
gboolean    sb_git_add_exclude          (const char           *path,
                                         GError              **error);

G_END_DECLS
