/* test-atomic-save.c
 *
 * The promises of the atomic save, checked on the real signalbox through an LD_PRELOAD
 * shim (sb-test-shim.c) that records and breaks its system calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

static const char local_text[] =
  "{\n    \"env\": {\n        \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"\n    }\n}\n";

static const char other_text[] = "{\n  \"permissions\": {\n    \"allow\": [\"Read\"]\n  }\n}\n";

/* Runs `signalbox --use MODEL FOLDER` with the shim loaded and @vars (NAME, VALUE, …)
 * set; returns its exit status and the shim's log, one call a line. */
static int
use_with_shim (SbTestEnv   *env,
               char       **log,
               const char  *first_name,
               ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = g_build_filename (env->root, "shim.log", NULL);
  const char *shim = g_getenv ("SB_TEST_SHIM");
  const char *binary = g_getenv ("SIGNALBOX_BINARY");
  const char *name;
  va_list args;

  g_assert_nonnull (shim);
  g_assert_nonnull (binary);
  g_unlink (log_path);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", shim, TRUE);
  /* Under AddressSanitizer its runtime would otherwise insist on being loaded first. */
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "verify_asan_link_order=0", TRUE);
  g_subprocess_launcher_setenv (launcher, "SB_SHIM_LOG", log_path, TRUE);

  va_start (args, first_name);
  for (name = first_name; name != NULL; name = va_arg (args, const char *))
    g_subprocess_launcher_setenv (launcher, name, va_arg (args, const char *), TRUE);
  va_end (args);

  process = g_subprocess_launcher_spawn (launcher, &error, binary, "--use", "openai/gpt-4o",
                                         env->folder, NULL);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  if (!g_file_get_contents (log_path, log, NULL, NULL))
    *log = g_strdup ("");
  return g_subprocess_get_exit_status (process);
}

/* The line number in @lines of the first line starting with @prefix at or after @from,
 * or -1. */
static int
find_line (char       **lines,
           int          from,
           const char  *prefix)
{
  for (int i = from; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return i;
  return -1;
}

static void
assert_no_temporary (SbTestEnv *env)
{
  g_autofree char *dir = g_build_filename (env->folder, ".claude", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".sbtmp-") != NULL)
      g_error ("a temporary file was left: %s", name);
}

static char *
local_path (SbTestEnv *env)
{
  return g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
}

/* The new file reaches the disk before it takes the old one's place, and the folder
 * after, so that a crash leaves one whole version or the other. */
static void
test_synced (SbTestEnv     *env,
             gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *log = NULL;
  g_autofree char *temp_sync = NULL;
  g_autofree char *rename = NULL;
  g_autofree char *dir_sync = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) lines = NULL;
  int synced;
  int renamed;
  int dir_synced;

  sb_test_write (path, local_text);
  g_assert_cmpint (use_with_shim (env, &log, NULL), ==, 0);
  g_test_message ("%s", log);

  lines = g_strsplit (log, "\n", -1);
  temp_sync = g_strdup_printf ("fsync %s/.settings.local.json.sbtmp-", dir);
  rename = g_strdup_printf ("rename %s/.settings.local.json.sbtmp-", dir);
  dir_sync = g_strdup_printf ("fsync %s - ", dir);

  renamed = find_line (lines, 0, rename);
  g_assert_cmpint (renamed, >=, 0);
  g_assert_nonnull (strstr (lines[renamed], path));
  synced = find_line (lines, 0, temp_sync);
  g_assert_cmpint (synced, >=, 0);
  g_assert_cmpint (synced, <, renamed);
  dir_synced = find_line (lines, renamed, dir_sync);
  g_assert_cmpint (dir_synced, >, renamed);

  after = sb_test_read (path);
  g_assert_nonnull (strstr (after, "openai/gpt-4o"));
  assert_no_temporary (env);
}

static void
assert_failed_save (SbTestEnv  *env,
                    const char *name)
{
  g_autofree char *path = local_path (env);
  g_autofree char *log = NULL;
  g_autofree char *after = NULL;

  sb_test_write (path, local_text);
  g_assert_cmpint (use_with_shim (env, &log, name, "1", NULL), ==, 2);
  g_test_message ("%s", log);

  after = sb_test_read (path);
  g_assert_cmpstr (after, ==, local_text);
  assert_no_temporary (env);
}

/* The disk is full: the old file stays whole and the temporary file goes. */
static void
test_write_fails (SbTestEnv     *env,
                  gconstpointer  data)
{
  assert_failed_save (env, "SB_SHIM_FAIL_WRITE");
}

static void
test_rename_fails (SbTestEnv     *env,
                   gconstpointer  data)
{
  assert_failed_save (env, "SB_SHIM_FAIL_RENAME");
}

/* Another program creates the file between our check and our rename: its file is not
 * overwritten, and the edit is made on it instead. */
static void
test_file_appeared (SbTestEnv     *env,
                    gconstpointer  data)
{
  g_autofree char *path = local_path (env);
  g_autofree char *log = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (use_with_shim (env, &log, "SB_SHIM_APPEAR", other_text, NULL), ==, 0);
  g_test_message ("%s", log);

  after = sb_test_read (path);
  g_assert_nonnull (strstr (after, "\"Read\""));
  g_assert_nonnull (strstr (after, "openai/gpt-4o"));
  assert_no_temporary (env);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/atomic-save/synced", test_synced);
  ADD_TEST ("/signalbox/atomic-save/write-fails", test_write_fails);
  ADD_TEST ("/signalbox/atomic-save/rename-fails", test_rename_fails);
  ADD_TEST ("/signalbox/atomic-save/file-appeared", test_file_appeared);

  return g_test_run ();
}
