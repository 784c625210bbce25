/* test-git.c
 *
 * Tests for what git thinks of a settings file, against real repositories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

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

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* git is asked again only when something its answer depends on changed. */
static void
test_git_cache (SbTestEnv     *env,
                gconstpointer  data)
{
  g_autofree char *git_program = g_find_program_in_path ("git");
  g_autofree char *bin = g_build_filename (env->root, "bin", NULL);
  g_autofree char *wrapper = g_build_filename (bin, "git", NULL);
  g_autofree char *log = g_build_filename (env->root, "git.log", NULL);
  g_autofree char *script = NULL;
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *new_path = NULL;
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json",
                                             NULL);
  g_autofree char *claude_ignore = g_build_filename (env->folder, ".claude", ".gitignore",
                                                     NULL);
  guint calls;

  if (git_program == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  sb_test_write (local, "{}\n");
  git (env->folder, "init -q");

  /* A git that writes down each time it is run. */
  script = g_strdup_printf ("#!/bin/sh\necho \"$*\" >> '%s'\nexec '%s' \"$@\"\n", log,
                            git_program);
  sb_test_write (wrapper, script);
  g_assert_cmpint (g_chmod (wrapper, 0755), ==, 0);
  new_path = g_strdup_printf ("%s:%s", bin, old_path);
  g_setenv ("PATH", new_path, TRUE);

  g_assert_cmpint (sb_git_get_state (local), ==, SB_GIT_STATE_UNTRACKED);
  calls = count_lines (log);
  g_assert_cmpuint (calls, ==, 2);

  /* Nothing changed: the answer is remembered. */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (sb_git_get_state (local), ==, SB_GIT_STATE_UNTRACKED);
  g_assert_cmpuint (count_lines (log), ==, calls);

  /* A .gitignore next to the file changes the answer, and git is asked again. */
  sb_test_write (claude_ignore, "settings.local.json\n");
  g_assert_cmpint (sb_git_get_state (local), ==, SB_GIT_STATE_IGNORED);
  g_assert_cmpuint (count_lines (log), >, calls);

  g_setenv ("PATH", old_path, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/signalbox/git/states", test_git_states);
  add_test ("/signalbox/git/cache", test_git_cache);

  return g_test_run ();
}
