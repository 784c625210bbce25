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

#include <string.h>

#include <glib/gstdio.h>

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

/* Adds what a file's modification time says to @checksum; a missing file counts too. */
static void
add_stamp (GChecksum  *checksum,
           const char *path)
{
  GStatBuf st;
  gint64 stamp[3] = { 0, 0, 0 };

  if (g_stat (path, &st) == 0)
    {
      stamp[0] = st.st_mtim.tv_sec;
      stamp[1] = st.st_mtim.tv_nsec;
      stamp[2] = st.st_size;
    }
  g_checksum_update (checksum, (const guchar *) path, -1);
  g_checksum_update (checksum, (const guchar *) stamp, sizeof stamp);
}

/* What git's answer for @path depends on: the index (tracked), and every ignore source
 * (.gitignore files from the file up to the root, info/exclude, the global excludes). As
 * long as none of them changed, the answer stands, and git need not be asked again: the
 * window asks on every change of every column. */
static char *
get_stamp (const char *root,
           const char *dir,
           const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dot_git = g_build_filename (root, ".git", NULL);
  g_autofree char *git_dir = NULL;
  g_autofree char *home = sb_paths_get_home_dir ();
  g_autofree char *config_home = NULL;
  const char *xdg = g_getenv ("XDG_CONFIG_HOME");

  /* In a linked work tree or a submodule, .git is a file naming the real folder. */
  if (g_file_test (dot_git, G_FILE_TEST_IS_DIR))
    git_dir = g_strdup (dot_git);
  else
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (dot_git, &text, NULL, NULL) && g_str_has_prefix (text, "gitdir:"))
        {
          char *name = g_strstrip (text + strlen ("gitdir:"));

          git_dir = g_path_is_absolute (name) ? g_strdup (name)
                                              : g_build_filename (root, name, NULL);
        }
    }

  /* Without a folder we can stamp, always ask. */
  if (git_dir == NULL)
    return NULL;

  g_checksum_update (checksum, (const guchar *) path, -1);
  {
    g_autofree char *index = g_build_filename (git_dir, "index", NULL);
    g_autofree char *exclude = g_build_filename (git_dir, "info", "exclude", NULL);
    g_autofree char *common = g_build_filename (git_dir, "commondir", NULL);

    g_autofree char *common_dir = NULL;

    add_stamp (checksum, index);
    add_stamp (checksum, exclude);
    add_stamp (checksum, common);

    /* A linked work tree shares info/exclude with the main repository. */
    if (g_file_get_contents (common, &common_dir, NULL, NULL))
      {
        g_autofree char *shared = NULL;

        g_strstrip (common_dir);
        shared = g_path_is_absolute (common_dir)
                 ? g_build_filename (common_dir, "info", "exclude", NULL)
                 : g_build_filename (git_dir, common_dir, "info", "exclude", NULL);
        add_stamp (checksum, shared);
      }
  }

  for (g_autofree char *d = g_strdup (dir); ; )
    {
      g_autofree char *ignore = g_build_filename (d, ".gitignore", NULL);
      g_autofree char *up = NULL;

      add_stamp (checksum, ignore);
      if (g_str_equal (d, root))
        break;
      up = g_path_get_dirname (d);
      if (g_str_equal (up, d))
        break;
      g_free (d);
      d = g_steal_pointer (&up);
    }

  config_home = xdg != NULL && g_path_is_absolute (xdg) ? g_strdup (xdg)
                                                        : g_build_filename (home, ".config",
                                                                            NULL);
  {
    g_autofree char *global_ignore = g_build_filename (config_home, "git", "ignore", NULL);
    g_autofree char *gitconfig = g_build_filename (home, ".gitconfig", NULL);
    g_autofree char *xdg_gitconfig = g_build_filename (config_home, "git", "config", NULL);

    add_stamp (checksum, global_ignore);
    add_stamp (checksum, gitconfig);
    add_stamp (checksum, xdg_gitconfig);
  }

  return g_strdup (g_checksum_get_string (checksum));
}

typedef struct
{
  char       *stamp;
  SbGitState  state;
} CacheEntry;

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_free (entry->stamp);
  g_free (entry);
}

G_LOCK_DEFINE_STATIC (cache);
static GHashTable *cache;  /* path → CacheEntry */

static SbGitState
ask_git (const char *root,
         const char *path)
{
  if (run_git (root, "ls-files", "--error-unmatch", path))
    return SB_GIT_STATE_TRACKED;
  if (run_git (root, "check-ignore", "-q", path))
    return SB_GIT_STATE_IGNORED;

  return SB_GIT_STATE_UNTRACKED;
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
  g_autofree char *stamp = NULL;
  SbGitState state = (SbGitState) -1;
  CacheEntry *entry;

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

  stamp = get_stamp (root, dir, path);
  if (stamp == NULL)
    return ask_git (root, path);

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  entry = g_hash_table_lookup (cache, path);
  if (entry != NULL && g_str_equal (entry->stamp, stamp))
    state = entry->state;
  G_UNLOCK (cache);

  if (state != (SbGitState) -1)
    return state;

  state = ask_git (root, path);

  G_LOCK (cache);
  entry = g_new0 (CacheEntry, 1);
  entry->stamp = g_steal_pointer (&stamp);
  entry->state = state;
  g_hash_table_replace (cache, g_strdup (path), entry);
  G_UNLOCK (cache);

  return state;
}
