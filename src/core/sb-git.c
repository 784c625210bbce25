/* sb-git.c
 *
 * What git thinks of a settings file: tracked, ignored, or neither.
 *
 * Asking git itself is the only way to honour every ignore source (.gitignore files at any
 * depth, .git/info/exclude, core.excludesFile): the answer decides whether a token may be
 * written into the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-git.h"
#include "sb-paths.h"

/* Runs `git -C WORK_TREE COMMAND OPTION -- PATH`; TRUE when it exits 0. */
static gboolean
run_git (const char *work_tree,
         const char *command,
         const char *option,
         const char *path)
{
  const char *argv[] = { "git", "-C", work_tree, command, option, "--", path, NULL };
  int status = -1;

  if (!g_spawn_sync (NULL, (char **)argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;

  return g_spawn_check_wait_status (status, NULL);
}

/**
 * sb_git_get_state:
 * @path: an absolute file name; the file need not exist
 *
 * Returns: whether git tracks or ignores @path
 */
SbGitState
sb_git_get_state (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *root = NULL;
  g_autofree char *parent = NULL;

  /* The .claude folder itself may not exist yet: ask from the nearest folder that does. */
  while (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      parent = g_path_get_dirname (dir);
      if (g_str_equal (parent, dir))
        return SB_GIT_STATE_NONE;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }

  root = sb_paths_find_git_root (dir);
  if (root == NULL)
    return SB_GIT_STATE_NONE;

  if (run_git (root, "ls-files", "--error-unmatch", path))
    return SB_GIT_STATE_TRACKED;
  if (run_git (root, "check-ignore", "-q", path))
    return SB_GIT_STATE_IGNORED;

  return SB_GIT_STATE_UNTRACKED;
}
