/* sb-test-util.c
 *
 * Temporary folders and files for the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <gio/gio.h>

#include <glib/gstdio.h>

#include "sb-json-edit.h"
#include "sb-test-util.h"

/* Every test gets its own HOME, managed folder and state folder, so that nothing reads or
 * writes the real ~/.claude or /etc/claude-code. */
void
sb_test_env_setup (SbTestEnv     *env,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  env->root = g_dir_make_tmp ("signalbox-test-XXXXXX", &error);
  g_assert_no_error (error);

  env->home = g_build_filename (env->root, "home", NULL);
  env->managed = g_build_filename (env->root, "managed", NULL);
  env->state = g_build_filename (env->root, "state", NULL);
  env->folder = g_build_filename (env->home, "src", "app", NULL);
  g_assert_cmpint (g_mkdir_with_parents (env->folder, 0755), ==, 0);

  g_setenv ("HOME", env->home, TRUE);
  g_setenv ("SIGNALBOX_MANAGED_DIR", env->managed, TRUE);
  g_setenv ("XDG_STATE_HOME", env->state, TRUE);
  g_unsetenv ("CLAUDE_CONFIG_DIR");
}

/* Nothing a test leaves, whether it wrote it or signalbox did, may be world-writable. */
static void
assert_not_world_writable (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || S_ISLNK (st.st_mode) || S_ISSOCK (st.st_mode))
    return;
  if (st.st_mode & S_IWOTH)
    g_error ("%s is world-writable (%o)", path, (guint) (st.st_mode & 07777));
  if (!S_ISDIR (st.st_mode))
    return;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      assert_not_world_writable (child);
    }
}

void
sb_test_env_teardown (SbTestEnv     *env,
                      gconstpointer  data)
{
  assert_not_world_writable (env->root);
  sb_test_remove_tree (env->root);
  g_clear_pointer (&env->root, g_free);
  g_clear_pointer (&env->home, g_free);
  g_clear_pointer (&env->managed, g_free);
  g_clear_pointer (&env->state, g_free);
  g_clear_pointer (&env->folder, g_free);
}

void
sb_test_write (const char *path,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

char *
sb_test_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

void
sb_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  g_chmod (path, 0755);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      sb_test_remove_tree (child);
    }

  g_rmdir (path);
}

JsonNode *
sb_test_parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
sb_test_assert_json_equal (JsonNode   *actual,
                           const char *expected)
{
  g_autoptr(JsonNode) expected_node = sb_test_parse (expected);

  if (!sb_json_node_equal (actual, expected_node))
    {
      g_autofree char *actual_text = json_to_string (actual, TRUE);
      g_autofree char *expected_text = json_to_string (expected_node, TRUE);

      g_assert_cmpstr (actual_text, ==, expected_text);
      g_assert_true (sb_json_node_equal (actual, expected_node));
    }
}

typedef struct
{
  char     **out;
  char     **err;
  gboolean   done;
  GError    *error;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *communicate = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, communicate->out,
                                        communicate->err, &communicate->error);
  communicate->done = TRUE;
}

/**
 * sb_test_run:
 * @binary_variable: the environment variable naming the program, such as
 *   `SIGNALBOX_BINARY`
 * @args: its arguments, %NULL-terminated
 * @options: (nullable): where and how to start it
 * @out: (out) (optional): what it printed on standard output
 * @err: (out) (optional): what it printed on standard error
 *
 * Runs one of the built programs as a person would in a terminal without a display, in
 * the C.UTF-8 locale, and waits for it to exit.
 *
 * Returns: its exit status
 */
int
sb_test_run (const char             *binary_variable,
             const char * const     *args,
             const SbTestRunOptions *options,
             char                  **out,
             char                  **err)
{
  static const SbTestRunOptions defaults = { NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv (binary_variable);
  Communicate communicate = { out, err, FALSE, NULL };
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  if (options == NULL)
    options = &defaults;

  g_assert_nonnull (binary);
  if (options->kill_after > 0)
    {
      g_ptr_array_add (argv, g_strdup ("timeout"));
      g_ptr_array_add (argv, g_strdup ("-s"));
      g_ptr_array_add (argv, g_strdup ("KILL"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", options->kill_after));
    }
  g_ptr_array_add (argv, g_strdup (binary));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  if (options->input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  /* The terminal face must not need a display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "", TRUE);
  for (guint i = 0; options->env != NULL && options->env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, options->env[i], options->env[i + 1], TRUE);
  if (options->cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, options->cwd);
  if (options->child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, options->child_setup, NULL, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* A test that serves HTTP to the program answers from this thread's main loop. */
  if (options->serve)
    {
      g_subprocess_communicate_utf8_async (process, options->input, NULL, communicate_cb,
                                           &communicate);
      while (!communicate.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (communicate.error);
    }
  else
    {
      g_subprocess_communicate_utf8 (process, options->input, NULL, out, err, &error);
      g_assert_no_error (error);
    }

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/**
 * sb_test_secret_tool:
 * @verb: a secret-tool command: lookup, search, clear
 * @profile: a key profile
 *
 * Runs `secret-tool VERB provider openrouter profile PROFILE`, as any Secret Service client
 * would, against the session's keyring.
 *
 * Returns: (transfer full): what it printed
 */
char *
sb_test_secret_tool (const char *verb,
                     const char *profile)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "secret-tool", verb, "provider", "openrouter",
                              "profile", profile, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return out;
}

/**
 * sb_test_run_git:
 * @folder: a work tree
 * @arg1: git's command
 * @arg2: (nullable): its argument
 *
 * Runs `git -C FOLDER ARG1 ARG2` quietly, and asserts that it succeeded.
 */
void
sb_test_run_git (const char *folder,
                 const char *arg1,
                 const char *arg2)
{
  const char *argv[] = { "git", "-C", folder, arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}
