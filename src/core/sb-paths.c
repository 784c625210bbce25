/* sb-paths.c
 *
 * Where Claude Code and Signalbox keep their files.
 *
 * The environment is read on every call rather than through g_get_home_dir() and friends,
 * which cache their first answer: the tests change HOME and CLAUDE_CONFIG_DIR between cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "sb-paths.h"

static char *
env_path (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    return NULL;

  return g_canonicalize_filename (value, NULL);
}

char *
sb_paths_get_home_dir (void)
{
  char *home = env_path ("HOME");

  return home != NULL ? home : g_strdup (g_get_home_dir ());
}

/* Claude Code keeps the user layer in $CLAUDE_CONFIG_DIR, else ~/.claude. */
char *
sb_paths_get_user_config_dir (void)
{
  g_autofree char *home = NULL;
  char *dir = env_path ("CLAUDE_CONFIG_DIR");

  if (dir != NULL)
    return dir;

  home = sb_paths_get_home_dir ();
  return g_build_filename (home, ".claude", NULL);
}

/* Claude Code's own state, with its `projects` object: ~/.claude.json, or .claude.json
 * inside $CLAUDE_CONFIG_DIR when that is set. */
char *
sb_paths_get_claude_json (void)
{
  g_autofree char *home = NULL;
  g_autofree char *dir = env_path ("CLAUDE_CONFIG_DIR");

  if (dir != NULL)
    return g_build_filename (dir, ".claude.json", NULL);

  home = sb_paths_get_home_dir ();
  return g_build_filename (home, ".claude.json", NULL);
}

char *
sb_paths_get_managed_dir (void)
{
  char *dir = env_path ("SIGNALBOX_MANAGED_DIR");

  return dir != NULL ? dir : g_strdup ("/etc/claude-code");
}

char *
sb_paths_get_state_dir (void)
{
  g_autofree char *home = NULL;
  char *dir = env_path ("XDG_STATE_HOME");

  if (dir != NULL && g_path_is_absolute (dir))
    return dir;
  g_free (dir);

  home = sb_paths_get_home_dir ();
  return g_build_filename (home, ".local", "state", NULL);
}

/* The root of the git work tree holding @folder, found the way git finds it: the nearest
 * ancestor with a .git entry (a folder, or a file in worktrees and submodules). Spawning
 * git would be slower and needs git installed. */
char *
sb_paths_find_git_root (const char *folder)
{
  g_autofree char *dir = g_strdup (folder);

  g_return_val_if_fail (folder != NULL, NULL);

  for (;;)
    {
      g_autofree char *dot_git = g_build_filename (dir, ".git", NULL);
      char *parent;

      if (g_file_test (dot_git, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&dir);

      parent = g_path_get_dirname (dir);
      if (g_strcmp0 (parent, dir) == 0)
        {
          g_free (parent);
          return NULL;
        }

      g_free (dir);
      dir = parent;
    }
}

/* An absolute folder with symbolic links resolved, as Claude Code sees it through
 * process.cwd(). */
char *
sb_paths_resolve_folder (const char  *folder,
                         GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (folder, NULL);
  char *real = realpath (absolute, NULL);
  int errsv = errno;
  char *result;

  if (real == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot open folder “%s”: %s"), absolute, g_strerror (errsv));
      return NULL;
    }

  if (!g_file_test (real, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is not a folder"), absolute);
      free (real);
      return NULL;
    }

  result = g_strdup (real);
  free (real);
  return result;
}

/* @path with the home folder written as “~”, for display. */
char *
sb_paths_abbreviate (const char *path)
{
  g_autofree char *home = sb_paths_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && g_str_has_prefix (path, home) && (path[len] == '/' || path[len] == '\0'))
    return g_strconcat ("~", path + len, NULL);

  return g_strdup (path);
}
