/* test-security-git.c
 *
 * Attack tests for git: a folder's repository must never get a program of its choosing run,
 * nor the info/exclude fix written outside its own git folder, nor a key written where git
 * would commit it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sb-diagnostics.h"
#include "sb-git.h"
#include "sb-layer-stack.h"
#include "sb-routing.h"
#include "sb-test-util.h"

typedef enum
{
  REPO_PLAIN,     /* .git is the repository's folder */
  REPO_GIT_FILE,  /* .git is a file saying "gitdir: ../real.git" */
} RepoKind;

typedef struct
{
  SbTestEnv  env;
  char      *marker;   /* created by the hostile fsmonitor hook */
  char      *hook;
  char      *project;  /* .claude/settings.json, tracked */
  char      *local;    /* .claude/settings.local.json, neither tracked nor ignored */
  char      *git_dir;  /* the repository's git folder */
} Fixture;

/* Runs git as a person would, in @folder, with our own environment: for making fixtures. */
static gboolean
git_in (const char *folder,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) "git");
  va_start (args, folder);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (folder, (char **) argv->pdata, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
write_script (const char *path,
              const char *text)
{
  sb_test_write (path, text);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

/* A repository whose config runs a program of the folder's choosing whenever git reads its
 * index: core.fsmonitor. Set last, so that making the fixture does not run it. */
static void
make_hostile_repo (Fixture  *fixture,
                   RepoKind  kind)
{
  const char *folder = fixture->env.folder;
  g_autofree char *script = NULL;

  if (kind == REPO_GIT_FILE)
    {
      g_autofree char *parent = g_path_get_dirname (folder);
      g_autofree char *dot_git = g_build_filename (folder, ".git", NULL);

      fixture->git_dir = g_build_filename (parent, "real.git", NULL);
      g_assert_true (git_in (folder, "init", "-q", "--separate-git-dir", fixture->git_dir,
                             NULL));
      /* As an unpacked archive would have it: relative. */
      sb_test_write (dot_git, "gitdir: ../real.git\n");
    }
  else
    {
      fixture->git_dir = g_build_filename (folder, ".git", NULL);
      g_assert_true (git_in (folder, "init", "-q", NULL));
    }

  sb_test_write (fixture->project, "{}\n");
  sb_test_write (fixture->local, "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"x/y\"\n  }\n}\n");
  g_assert_true (git_in (folder, "add", ".claude/settings.json", NULL));

  script = g_strdup_printf ("#!/bin/sh\necho \"$0 $*\" >> '%s'\nexit 1\n", fixture->marker);
  write_script (fixture->hook, script);
  g_assert_true (git_in (folder, "config", "core.fsmonitor", fixture->hook, NULL));
  g_assert_false (g_file_test (fixture->marker, G_FILE_TEST_EXISTS));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *git = NULL;

  sb_test_env_setup (&fixture->env, data);
  fixture->marker = g_build_filename (fixture->env.root, "hook-ran", NULL);
  fixture->hook = g_build_filename (fixture->env.root, "hook.sh", NULL);
  fixture->project = g_build_filename (fixture->env.folder, ".claude", "settings.json", NULL);
  fixture->local = g_build_filename (fixture->env.folder, ".claude", "settings.local.json",
                                     NULL);

  git = g_find_program_in_path ("git");
  if (git == NULL)
    return;

  if (data != NULL)
    make_hostile_repo (fixture, GPOINTER_TO_INT (data) - 1);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_free (fixture->marker);
  g_free (fixture->hook);
  g_free (fixture->project);
  g_free (fixture->local);
  g_free (fixture->git_dir);
  sb_test_env_teardown (&fixture->env, data);
}

static gboolean
skip_without_git (void)
{
  g_autofree char *git = g_find_program_in_path ("git");

  if (git == NULL)
    g_test_skip ("git is not installed");
  return git == NULL;
}

static void
assert_hook_never_ran (Fixture *fixture)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents (fixture->marker, &text, NULL, NULL))
    g_test_message ("The hook ran: %s", text);
  g_assert_false (g_file_test (fixture->marker, G_FILE_TEST_EXISTS));
}

/* The fixture is a real attack: git itself, run plainly, runs the hook. */
static void
test_fixture_is_real (Fixture       *fixture,
                      gconstpointer  data)
{
  if (skip_without_git ())
    return;

  g_assert_true (git_in (fixture->env.folder, "ls-files", NULL));
  g_assert_true (g_file_test (fixture->marker, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (fixture->marker), ==, 0);

  git_in (fixture->env.folder, "check-ignore", "-q", fixture->local, NULL);
  g_assert_true (g_file_test (fixture->marker, G_FILE_TEST_EXISTS));
}

static void
test_get_state (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 start;
  gint64 asked;

  if (skip_without_git ())
    return;

  /* Both git commands ran: the answers are git's own. */
  g_assert_cmpint (sb_git_get_state (fixture->project), ==, SB_GIT_STATE_TRACKED);
  start = g_get_monotonic_time ();
  g_assert_cmpint (sb_git_get_state (fixture->local), ==, SB_GIT_STATE_UNTRACKED);
  asked = g_get_monotonic_time () - start;
  assert_hook_never_ran (fixture);

  /* And they are remembered. */
  start = g_get_monotonic_time ();
  g_assert_cmpint (sb_git_peek_state (fixture->project), ==, SB_GIT_STATE_TRACKED);
  g_assert_cmpint (sb_git_peek_state (fixture->local), ==, SB_GIT_STATE_UNTRACKED);
  g_test_message ("asking git: %.1f ms; the remembered answer: %.3f ms", asked / 1000.0,
                  (g_get_monotonic_time () - start) / 2000.0);
}

static char *
run_signalbox (const char *arg1,
               const char *arg2,
               const char *arg3)
{
  const char *binary = g_getenv ("SIGNALBOX_BINARY");
  const char *argv[] = { binary, arg1, arg2, arg3, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_assert_nonnull (binary);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *status = NULL;
  g_autofree char *use = NULL;
  g_autofree char *after = NULL;

  if (skip_without_git ())
    return;

  /* The warning says git answered. */
  status = run_signalbox ("--status", fixture->env.folder, NULL);
  g_assert_nonnull (strstr (status, "not ignored by git"));
  assert_hook_never_ran (fixture);

  use = run_signalbox ("--use", "openai/gpt-5", fixture->env.folder);
  g_assert_nonnull (strstr (use, "openai/gpt-5"));
  after = sb_test_read (fixture->local);
  g_assert_nonnull (strstr (after, "openai/gpt-5"));
  assert_hook_never_ran (fixture);
}

/* The diagnostics, as the window runs them, and the window's way of asking git. */
static void
on_updated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  int *changed = user_data;
  g_autoptr(GError) error = NULL;

  *changed = sb_git_update_states_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
update_states (const char * const *paths)
{
  int changed = -1;

  sb_git_update_states_async (paths, NULL, on_updated_cb, &changed);
  while (changed < 0)
    g_main_context_iteration (NULL, TRUE);
  return changed;
}

static SbDiagnostic *
find_code (GPtrArray  *diagnostics,
           const char *code)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (diagnostic->code, code))
        return diagnostic;
    }
  return NULL;
}

static void
test_window_path (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_auto(GStrv) paths = NULL;
  SbDiagnosticsContext context = { NULL, SB_KEYRING_UNKNOWN, NULL, TRUE };

  if (skip_without_git ())
    return;

  stack = sb_layer_stack_new (fixture->env.folder);

  /* Nothing known yet, and git not asked: no opinion. */
  before = sb_diagnostics_check_full (stack, &context);
  g_assert_null (find_code (before, "local-not-ignored"));
  g_assert_null (find_code (before, "git-no-answer"));
  g_assert_cmpint (sb_git_peek_state (fixture->local), ==, SB_GIT_STATE_UNKNOWN);

  paths = sb_diagnostics_get_git_paths (stack);
  g_assert_true (g_strv_contains ((const char * const *) paths, fixture->local));
  g_assert_true (update_states ((const char * const *) paths));
  /* Nothing new the second time: git is not asked again. */
  g_assert_false (update_states ((const char * const *) paths));

  after = sb_diagnostics_check_full (stack, &context);
  g_assert_nonnull (find_code (after, "local-not-ignored"));
  assert_hook_never_ran (fixture);
}

/* A fake git, first in PATH */

typedef struct
{
  char *bin;
  char *old_path;
} FakeGit;

static void
fake_git_install (FakeGit    *fake,
                  Fixture    *fixture,
                  const char *script)
{
  g_autofree char *git = NULL;
  g_autofree char *path = NULL;

  fake->bin = g_build_filename (fixture->env.root, "fake-bin", NULL);
  git = g_build_filename (fake->bin, "git", NULL);
  write_script (git, script);
  fake->old_path = g_strdup (g_getenv ("PATH"));
  path = g_strconcat (fake->bin, ":", fake->old_path, NULL);
  g_setenv ("PATH", path, TRUE);
}

static void
fake_git_remove (FakeGit *fake)
{
  g_setenv ("PATH", fake->old_path, TRUE);
  g_free (fake->bin);
  g_free (fake->old_path);
}

static gboolean
process_gone (const char *pid)
{
  g_autofree char *stat_file = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *text = NULL;
  const char *state;

  if (!g_file_get_contents (stat_file, &text, NULL, NULL))
    return TRUE;
  /* "PID (NAME) STATE …": a zombie has been killed. */
  state = strrchr (text, ')');
  return state != NULL && state[1] == ' ' && state[2] == 'Z';
}

/* A git that hangs is killed, with what it started, and the answer is "unknown": no key is
 * written where git might commit it. */
static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *pid_file = g_build_filename (fixture->env.root, "sleep.pid", NULL);
  g_autofree char *script = NULL;
  g_autofree char *pid = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  FakeGit fake;
  gint64 start;
  gint64 took;

  if (skip_without_git ())
    return;

  script = g_strdup_printf ("#!/bin/sh\nsleep 60 &\necho $! > '%s'\nwait\n", pid_file);
  fake_git_install (&fake, fixture, script);

  start = g_get_monotonic_time ();
  g_assert_cmpint (sb_git_get_state (fixture->local), ==, SB_GIT_STATE_UNKNOWN);
  took = g_get_monotonic_time () - start;
  g_test_message ("a hanging git was given up after %.2f s", took / (double) G_USEC_PER_SEC);
  g_assert_cmpint (took, >=, (SB_GIT_TIMEOUT - 1) * G_USEC_PER_SEC);
  g_assert_cmpint (took, <, (SB_GIT_TIMEOUT + 3) * G_USEC_PER_SEC);

  pid = sb_test_read (pid_file);
  g_strstrip (pid);
  for (guint i = 0; i < 100 && !process_gone (pid); i++)
    g_usleep (10000);
  g_assert_true (process_gone (pid));

  /* Remembered for a while: the next question does not wait again. */
  start = g_get_monotonic_time ();
  stack = sb_layer_stack_new (fixture->env.folder);
  g_assert_false (sb_routing_check_token_file (sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL),
                                               &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_GIT_UNKNOWN);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  /* --status says so. */
  diagnostics = sb_diagnostics_check (stack);
  g_assert_nonnull (find_code (diagnostics, "git-no-answer"));
  g_assert_null (find_code (diagnostics, "local-not-ignored"));

  fake_git_remove (&fake);
}

/* What git gets: no input, an environment of our making, the hooks off. */
static void
test_environment (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->env.root, "git.log", NULL);
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other = g_build_filename (fixture->env.root, "other", NULL);
  g_autofree char *other_git = g_build_filename (other, ".git", NULL);
  g_auto(GStrv) lines = NULL;
  FakeGit fake;

  if (skip_without_git ())
    return;

  /* A repository that tracks the Local file: the answer git would give through GIT_DIR. */
  g_assert_cmpint (g_mkdir_with_parents (other, 0755), ==, 0);
  g_assert_true (git_in (other, "init", "-q", NULL));
  g_setenv ("GIT_DIR", other_git, TRUE);
  g_setenv ("GIT_WORK_TREE", fixture->env.folder, TRUE);
  g_assert_true (git_in (fixture->env.folder, "add", "-f", fixture->local, NULL));
  g_setenv ("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='/bin/false'", TRUE);
  g_setenv ("SB_TEST_CANARY", "1", TRUE);

  /* Our environment reaches neither git nor its answer. */
  g_assert_cmpint (sb_git_get_state (fixture->local), ==, SB_GIT_STATE_UNTRACKED);
  assert_hook_never_ran (fixture);

  script = g_strdup_printf ("#!/bin/sh\n"
                            "{ echo \"args $*\"; readlink /proc/$$/fd/0 | sed 's/^/stdin /';\n"
                            "  env | sed 's/^/env /'; } >> '%s'\n"
                            "exit 1\n", log);
  fake_git_install (&fake, fixture, script);
  g_assert_cmpint (sb_git_get_state (fixture->project), ==, SB_GIT_STATE_UNTRACKED);
  fake_git_remove (&fake);
  g_unsetenv ("GIT_DIR");
  g_unsetenv ("GIT_WORK_TREE");
  g_unsetenv ("GIT_CONFIG_PARAMETERS");
  g_unsetenv ("SB_TEST_CANARY");

  text = sb_test_read (log);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "args "))
        g_assert_nonnull (strstr (line, "-c core.fsmonitor=false"));
      else if (g_str_has_prefix (line, "stdin "))
        g_assert_cmpstr (line, ==, "stdin /dev/null");
      else if (g_str_has_prefix (line, "env "))
        {
          static const char * const allowed[] = {
            "PATH", "HOME", "XDG_CONFIG_HOME", "LC_ALL", "PWD", "SHLVL", "_", "OLDPWD",
            "GIT_CEILING_DIRECTORIES", "GIT_OPTIONAL_LOCKS", "GIT_TERMINAL_PROMPT",
            "GIT_PAGER", "GIT_ALLOW_PROTOCOL", "GIT_NO_LAZY_FETCH", NULL
          };
          g_autofree char *name = g_strndup (line + 4, strcspn (line + 4, "="));

          if (!g_strv_contains (allowed, name))
            g_test_message ("git was given %s", name);
          g_assert_true (g_strv_contains (allowed, name));
        }
    }
  g_assert_nonnull (strstr (text, "args "));
  g_assert_nonnull (strstr (text, "env GIT_OPTIONAL_LOCKS=0"));
}

/* An empty or relative PATH entry would find a `git` in the current folder. */
static void
test_relative_path (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *planted = g_build_filename (fixture->env.folder, "git", NULL);
  g_autofree char *script = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *path = g_strconcat (".:", old_path, NULL);

  if (skip_without_git ())
    return;

  script = g_strdup_printf ("#!/bin/sh\necho planted >> '%s'\nexit 1\n", fixture->marker);
  write_script (planted, script);
  g_assert_cmpint (g_chdir (fixture->env.folder), ==, 0);
  g_setenv ("PATH", path, TRUE);

  g_assert_cmpint (sb_git_get_state (fixture->local), ==, SB_GIT_STATE_UNTRACKED);

  g_setenv ("PATH", old_path, TRUE);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  assert_hook_never_ran (fixture);
}

/* info/exclude */

static void
assert_refused (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_git_add_exclude (path, &error));
  g_assert_error (error, SB_GIT_ERROR, SB_GIT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "info/exclude yourself"));
  g_assert_null (sb_git_find_exclude_file (path, NULL, NULL));
}

/* A .git file may name any folder: the fix writes there only if that folder is the work
 * tree's own. */
static void
test_exclude_git_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *elsewhere = g_build_filename (fixture->env.home, ".ssh", NULL);
  g_autofree char *planted = g_build_filename (elsewhere, "info", "exclude", NULL);
  g_autofree char *dot_git = g_build_filename (fixture->env.folder, ".git", NULL);
  g_autofree char *exclude = g_build_filename (fixture->git_dir, "info", "exclude", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  SbDiagnostic *diagnostic;

  if (skip_without_git ())
    return;

  before = sb_test_read (exclude);

  /* The repository made with --separate-git-dir: its git folder does not name the work tree
   * back, so nothing tells it is ours. git still answers, the fix is not offered. */
  assert_refused (fixture->local);
  stack = sb_layer_stack_new (fixture->env.folder);
  diagnostics = sb_diagnostics_check (stack);
  diagnostic = find_code (diagnostics, "local-not-ignored");
  g_assert_nonnull (diagnostic);
  g_assert_null (diagnostic->fix);
  after = sb_test_read (exclude);
  g_assert_cmpstr (after, ==, before);

  /* Any folder at all. */
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  sb_test_write (dot_git, "gitdir: ../../.ssh\n");
  assert_refused (fixture->local);
  g_assert_false (g_file_test (planted, G_FILE_TEST_EXISTS));
  assert_hook_never_ran (fixture);
}

/* A forged linked work tree: a .git file naming a folder of its own that names it back, and
 * for the shared repository the folder above. */
static void
test_exclude_forged_worktree (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *above = g_build_filename (fixture->env.root, "x", NULL);
  g_autofree char *folder = g_build_filename (above, "worktrees", NULL);
  g_autofree char *local = g_build_filename (folder, ".claude", "settings.local.json", NULL);
  g_autofree char *dot_git = g_build_filename (folder, ".git", NULL);
  g_autofree char *commondir = g_build_filename (folder, "fake", "commondir", NULL);
  g_autofree char *back = g_build_filename (folder, "fake", "gitdir", NULL);
  g_autofree char *back_text = g_strconcat (dot_git, "\n", NULL);
  g_autofree char *info = g_build_filename (above, "info", NULL);

  sb_test_write (local, "{}\n");
  sb_test_write (dot_git, "gitdir: fake\n");
  sb_test_write (commondir, "../..\n");
  sb_test_write (back, back_text);

  assert_refused (local);
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));
}

static void
test_exclude_links (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *outside = g_build_filename (fixture->env.root, "outside", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "exclude", NULL);
  g_autofree char *info = g_build_filename (fixture->git_dir, "info", NULL);
  g_autofree char *exclude = g_build_filename (info, "exclude", NULL);
  g_autofree char *dot_git = g_build_filename (fixture->env.folder, ".git", NULL);
  g_autofree char *moved = g_build_filename (fixture->env.root, "moved.git", NULL);
  g_autofree char *content = NULL;

  if (skip_without_git ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (outside, 0755), ==, 0);
  sb_test_write (outside_file, "mine\n");

  /* info/exclude, a link to a file elsewhere. */
  g_assert_cmpint (g_unlink (exclude), ==, 0);
  g_assert_cmpint (symlink (outside_file, exclude), ==, 0);
  assert_refused (fixture->local);

  /* A hard link. */
  g_assert_cmpint (g_unlink (exclude), ==, 0);
  g_assert_cmpint (link (outside_file, exclude), ==, 0);
  assert_refused (fixture->local);

  /* info, a link to a folder elsewhere. */
  sb_test_remove_tree (info);
  g_assert_cmpint (symlink (outside, info), ==, 0);
  assert_refused (fixture->local);
  content = sb_test_read (outside_file);
  g_assert_cmpstr (content, ==, "mine\n");

  /* .git itself, a link. */
  g_assert_cmpint (g_unlink (info), ==, 0);
  g_assert_cmpint (g_rename (dot_git, moved), ==, 0);
  g_assert_cmpint (symlink (moved, dot_git), ==, 0);
  assert_refused (fixture->local);
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (dot_git), ==, 0);
  g_assert_cmpint (g_rename (moved, dot_git), ==, 0);

  /* And where nothing is a link, the fix writes the line, escaped as a pattern. */
  g_assert_true (sb_git_add_exclude (fixture->local, NULL));
  g_clear_pointer (&content, g_free);
  content = sb_test_read (exclude);
  g_assert_cmpstr (content, ==, ".claude/settings.local.json\n");
  g_assert_cmpint (sb_git_get_state (fixture->local), ==, SB_GIT_STATE_IGNORED);
  assert_hook_never_ran (fixture);
}

/* A folder whose name is a pattern gets a line that matches it alone. */
static void
test_exclude_pattern (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *odd = g_build_filename (fixture->env.folder, "[a]*", NULL);
  g_autofree char *sibling = g_build_filename (fixture->env.folder, "a-sibling", ".claude",
                                               "settings.local.json", NULL);
  g_autofree char *local = g_build_filename (odd, ".claude", "settings.local.json", NULL);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_without_git ())
    return;

  sb_test_write (local, "{}\n");
  sb_test_write (sibling, "{}\n");
  g_free (sb_git_find_exclude_file (local, &line, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "\\[a]\\*/.claude/settings.local.json");
  g_assert_true (sb_git_add_exclude (local, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_git_get_state (local), ==, SB_GIT_STATE_IGNORED);
  g_assert_cmpint (sb_git_get_state (sibling), ==, SB_GIT_STATE_UNTRACKED);
}

/* The plain-text key fallback */

static char *
fake_token (void)
{
  GString *token = g_string_new ("sk-or-v1-");

  for (guint i = 0; i < 64; i++)
    g_string_append_c (token, "0123456789abcdef"[(i * 5 + 1) % 16]);

  return g_string_free (token, FALSE);
}

typedef struct
{
  gboolean  done;
  gboolean  stored;
  GError   *error;
} Stored;

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Stored *stored = user_data;

  stored->stored = sb_routing_store_token_finish (result, &stored->error);
  stored->done = TRUE;
}

/* The key window's way: git asked in a thread. */
static gboolean
store_async (SbLayer     *layer,
             const char  *token,
             GError     **error)
{
  Stored stored = { FALSE, FALSE, NULL };

  sb_routing_store_token_async (layer, token, NULL, on_stored_cb, &stored);
  while (!stored.done)
    g_main_context_iteration (NULL, TRUE);
  if (stored.error != NULL)
    g_propagate_error (error, stored.error);
  return stored.stored;
}

static void
test_token_not_ignored (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *token = fake_token ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GError) error = NULL;
  SbLayer *local;

  if (skip_without_git ())
    return;

  before = sb_test_read (fixture->local);
  stack = sb_layer_stack_new (fixture->env.folder);
  local = sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL);

  /* Not ignored: the next `git add .` would take the key. Nothing is written. */
  g_assert_false (sb_routing_store_token (local, token, &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_IGNORED);
  g_assert_null (strstr (error->message, token));
  g_clear_error (&error);
  g_assert_false (store_async (local, token, &error));
  g_assert_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_IGNORED);
  g_clear_error (&error);
  after = sb_test_read (fixture->local);
  g_assert_cmpstr (after, ==, before);

  /* The offer: git ignores it first, then the key goes in; not where the git folder is
   * not the work tree's own. */
  if (GPOINTER_TO_INT (data) - 1 == REPO_GIT_FILE)
    {
      g_assert_false (sb_git_add_exclude (fixture->local, &error));
      g_assert_error (error, SB_GIT_ERROR, SB_GIT_ERROR_UNSAFE);
      assert_hook_never_ran (fixture);
      return;
    }
  g_assert_true (sb_git_add_exclude (fixture->local, &error));
  g_assert_no_error (error);
  g_assert_true (store_async (local, token, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = sb_test_read (fixture->local);
  g_assert_nonnull (strstr (after, token));
  assert_hook_never_ran (fixture);
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *name;
    RepoKind    kind;
  } repos[] = {
    { "plain", REPO_PLAIN },
    { "git-file", REPO_GIT_FILE },
  };
  static const struct
  {
    const char *name;
    void (*func) (Fixture *, gconstpointer);
  } cases[] = {
    { "fixture-is-real", test_fixture_is_real },
    { "get-state", test_get_state },
    { "cli", test_cli },
    { "window-path", test_window_path },
    { "environment", test_environment },
    { "relative-path", test_relative_path },
    { "token-not-ignored", test_token_not_ignored },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint r = 0; r < G_N_ELEMENTS (repos); r++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autofree char *path = g_strdup_printf ("/signalbox/security-git/%s/%s",
                                                 repos[r].name, cases[c].name);

        g_test_add (path, Fixture, GINT_TO_POINTER (repos[r].kind + 1), fixture_setup,
                    cases[c].func, fixture_teardown);
      }

  g_test_add ("/signalbox/security-git/timeout", Fixture, GINT_TO_POINTER (REPO_PLAIN + 1),
              fixture_setup, test_timeout, fixture_teardown);
  g_test_add ("/signalbox/security-git/exclude/git-file", Fixture,
              GINT_TO_POINTER (REPO_GIT_FILE + 1), fixture_setup, test_exclude_git_file,
              fixture_teardown);
  g_test_add ("/signalbox/security-git/exclude/forged-worktree", Fixture, NULL, fixture_setup,
              test_exclude_forged_worktree, fixture_teardown);
  g_test_add ("/signalbox/security-git/exclude/links", Fixture,
              GINT_TO_POINTER (REPO_PLAIN + 1), fixture_setup, test_exclude_links,
              fixture_teardown);
  g_test_add ("/signalbox/security-git/exclude/pattern", Fixture,
              GINT_TO_POINTER (REPO_PLAIN + 1), fixture_setup, test_exclude_pattern,
              fixture_teardown);

  return g_test_run ();
}
