/* test-git.c
 *
 * Tests for what git thinks of a settings file, against real repositories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-git.h"
#include "sb-test-util.h"

#define add_test(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

static void
git (const char *folder,
     const char *command)
{
  g_autofree char *line = g_strdup_printf ("git -C '%s' -c user.name=t -c user.email=t@t "
                                           "-c init.defaultBranch=main %s", folder, command);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (line, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_git_states (SbTestEnv     *env,
                 gconstpointer  data)
{
  g_autofree char *shared = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json",
                                             NULL);
  g_autofree char *ignore = g_build_filename (env->folder, ".gitignore", NULL);
  g_autofree char *nested = g_build_filename (env->folder, "sub", "dir", ".claude",
                                              "settings.json", NULL);
  g_autofree char *git_program = g_find_program_in_path ("git");

  if (git_program == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  sb_test_write (shared, "{}\n");
  sb_test_write (local, "{}\n");

  /* Outside any work tree. */
  g_assert_cmpint (sb_git_get_state (shared), ==, SB_GIT_STATE_NONE);

  git (env->folder, "init -q");
  g_assert_cmpint (sb_git_get_state (shared), ==, SB_GIT_STATE_UNTRACKED);
  g_assert_cmpint (sb_git_get_state (local), ==, SB_GIT_STATE_UNTRACKED);

  sb_test_write (ignore, "*.local.json\n");
  git (env->folder, "add .claude/settings.json .gitignore");
  git (env->folder, "commit -q -m init");
  g_assert_cmpint (sb_git_get_state (shared), ==, SB_GIT_STATE_TRACKED);
  g_assert_cmpint (sb_git_get_state (local), ==, SB_GIT_STATE_IGNORED);

  /* A file and even its folder need not exist yet. */
  g_assert_cmpint (sb_git_get_state (nested), ==, SB_GIT_STATE_UNTRACKED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/signalbox/git/states", test_git_states);

  return g_test_run ();
}
