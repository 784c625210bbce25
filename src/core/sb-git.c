/* sb-git.c
 *
 * What git thinks of a settings file: tracked, ignored, or neither.
 *
 * Asking git itself is the only way to honour every ignore source (.gitignore files at any
 * depth, .git/info/exclude, core.excludesFile): the answer decides whether a token may be
 * written into the file.
 *
 * The repository is untrusted: a cloned or unpacked folder chooses its own .git/config, or
 * points its .git file at any git folder. So git runs here with every setting that would
 * run a program turned off on its command line (which wins over any file), in an
 * environment built from nothing, with no input, and killed after SB_GIT_TIMEOUT seconds.
 * The window never waits for it: it shows the remembered answer (sb_git_peek_state ()) and
 * asks again in a thread of its own (sb_git_update_states_async ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-git.h"
#include "sb-paths.h"

G_DEFINE_QUARK (sb-git-error-quark, sb_git_error)

/* A remembered "git did not answer" is not asked again at every change: a hanging git would
 * otherwise hold the window's git thread forever. */
#define UNKNOWN_LIFETIME (60 * G_USEC_PER_SEC)

/* Larger .git, commondir or gitdir files are not what git writes. */
#define LINK_FILE_MAX 4096

/* The exclude file is read whole to see whether the line is there already. */
#define EXCLUDE_MAX (1024 * 1024)

/* Reading files that a folder chose */

/* Reads a small regular file without following it into a FIFO or a device, which would
 * block or never end. */
static char *
read_small_file (const char *path,
                 gsize       max)
{
  g_autofree char *text = NULL;
  struct stat st;
  gssize n;
  int fd;

  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return NULL;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || (gsize) st.st_size > max)
    {
      close (fd);
      return NULL;
    }

  text = g_malloc (max + 1);
  do
    n = read (fd, text, max);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n < 0)
    return NULL;

  text[n] = '\0';
  return g_steal_pointer (&text);
}

/* A file such as .git or commondir, which names a folder: "gitdir: PATH" or "PATH".
 * Returns the folder, made absolute from @relative_to. */
static char *
read_link_file (const char *path,
                const char *prefix,
                const char *relative_to)
{
  g_autofree char *text = read_small_file (path, LINK_FILE_MAX);
  const char *target;

  if (text == NULL)
    return NULL;

  g_strstrip (text);
  if (!g_str_has_prefix (text, prefix))
    return NULL;

  target = text + strlen (prefix);
  while (*target == ' ')
    target++;
  if (*target == '\0')
    return NULL;

  return g_canonicalize_filename (target, relative_to);
}

/* Running git */

/* git, found in the absolute folders of PATH only: an empty or relative entry would find a
 * `git` in whatever folder we happen to be in, and that may be the untrusted one. Also
 * returns those folders as a PATH for git itself. */
static char *
find_git (char **search_path)
{
  const char *path = g_getenv ("PATH");
  g_auto(GStrv) dirs = NULL;
  g_autoptr(GString) absolute = g_string_new (NULL);
  g_autofree char *found = NULL;

  if (path == NULL)
    path = "/usr/local/bin:/usr/bin:/bin";

  dirs = g_strsplit (path, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      if (!g_path_is_absolute (dirs[i]))
        continue;

      if (absolute->len > 0)
        g_string_append_c (absolute, G_SEARCHPATH_SEPARATOR);
      g_string_append (absolute, dirs[i]);

      if (found == NULL)
        {
          g_autofree char *candidate = g_build_filename (dirs[i], "git", NULL);

          if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE) &&
              !g_file_test (candidate, G_FILE_TEST_IS_DIR))
            found = g_steal_pointer (&candidate);
        }
    }

  *search_path = g_string_free (g_steal_pointer (&absolute), FALSE);
  return g_steal_pointer (&found);
}

/* Only what git needs, nothing inherited: GIT_DIR, GIT_CONFIG_*, GIT_EXEC_PATH and the like
 * in our own environment would change what git reads and runs. */
static char **
make_environment (const char *search_path,
                  const char *root)
{
  g_autofree char *home = sb_paths_get_home_dir ();
  g_autofree char *ceiling = g_path_get_dirname (root);
  const char *config_home = g_getenv ("XDG_CONFIG_HOME");
  char **envp = g_new0 (char *, 1);

  envp = g_environ_setenv (envp, "PATH", search_path, TRUE);
  /* For the user's own ~/.gitconfig and global ignore file. */
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  if (config_home != NULL && g_path_is_absolute (config_home))
    envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  /* Never look for a repository above the work tree we found. */
  envp = g_environ_setenv (envp, "GIT_CEILING_DIRECTORIES", ceiling, TRUE);
  /* No index written into the folder, even opportunistically. */
  envp = g_environ_setenv (envp, "GIT_OPTIONAL_LOCKS", "0", TRUE);
  envp = g_environ_setenv (envp, "GIT_TERMINAL_PROMPT", "0", TRUE);
  envp = g_environ_setenv (envp, "GIT_PAGER", "cat", TRUE);
  /* A partial clone fetches missing objects (a skipped .gitignore) through the transport
   * its config names, which may be `ext::` and a command: no transport at all, and no lazy
   * fetch where git knows the variable (2.44). */
  envp = g_environ_setenv (envp, "GIT_ALLOW_PROTOCOL", "none", TRUE);
  envp = g_environ_setenv (envp, "GIT_NO_LAZY_FETCH", "1", TRUE);

  return envp;
}

/* Its own process group, so that a timeout kills whatever git started too. */
static void
child_setup (gpointer user_data)
{
  setpgid (0, 0);
}

typedef enum
{
  ANSWER_YES,      /* exit status 0 */
  ANSWER_NO,       /* exit status 1 */
  ANSWER_UNKNOWN,  /* anything else: not run, failed, killed, or too slow */
} Answer;

static Answer
wait_for_git (GPid   pid,
              gint64 deadline)
{
  gulong pause = 100;
  int status = 0;

  for (;;)
    {
      pid_t done = waitpid (pid, &status, WNOHANG);

      if (done == pid)
        break;
      if (done < 0 && errno != EINTR)
        return ANSWER_UNKNOWN;

      if (g_get_monotonic_time () >= deadline)
        {
          g_debug ("git took more than %d s, stopped", SB_GIT_TIMEOUT);
          kill (-pid, SIGKILL);
          kill (pid, SIGKILL);
          while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
            ;
          return ANSWER_UNKNOWN;
        }

      /* Most answers take a few milliseconds: look often at first. */
      g_usleep (pause);
      pause = MIN (pause * 2, 5000);
    }

  if (!WIFEXITED (status))
    return ANSWER_UNKNOWN;
  switch (WEXITSTATUS (status))
    {
    case 0:
      return ANSWER_YES;
    case 1:
      return ANSWER_NO;
    default:
      return ANSWER_UNKNOWN;
    }
}

/* Runs `git -C ROOT COMMAND OPTION -- PATH` with nothing of the repository's choosing. */
static Answer
run_git (const char *git,
         char      **envp,
         const char *root,
         const char *command,
         const char *option,
         const char *path,
         gint64      deadline)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  /* What git would run while reading the index or the work tree: the fsmonitor hook (a
   * program the repository names, or the built-in daemon it would start), and any hook.
   * The untracked cache off keeps git from writing the index to update it. */
  static const char * const options[] = {
    "--no-pager",
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.untrackedCache=false",
  };

  g_ptr_array_add (argv, (gpointer) git);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_ptr_array_add (argv, (gpointer) options[i]);
  /* A folder named "a*" is not a pattern (check-ignore takes no patterns, and refuses the
   * option). */
  if (g_str_equal (command, "ls-files"))
    g_ptr_array_add (argv, (gpointer) "--literal-pathspecs");
  g_ptr_array_add (argv, (gpointer) "-C");
  g_ptr_array_add (argv, (gpointer) root);
  g_ptr_array_add (argv, (gpointer) command);
  g_ptr_array_add (argv, (gpointer) option);
  g_ptr_array_add (argv, (gpointer) "--");
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async ("/", (char **) argv->pdata, envp,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      child_setup, NULL, &pid, &error))
    {
      g_debug ("Could not run git: %s", error->message);
      return ANSWER_UNKNOWN;
    }

  return wait_for_git (pid, deadline);
}

static SbGitState
ask_git (const char *root,
         const char *path)
{
  g_autofree char *search_path = NULL;
  g_autofree char *git = find_git (&search_path);
  g_auto(GStrv) envp = NULL;
  gint64 deadline = g_get_monotonic_time () + SB_GIT_TIMEOUT * G_USEC_PER_SEC;

  if (git == NULL)
    return SB_GIT_STATE_UNKNOWN;

  envp = make_environment (search_path, root);

  switch (run_git (git, envp, root, "ls-files", "--error-unmatch", path, deadline))
    {
    case ANSWER_YES:
      return SB_GIT_STATE_TRACKED;
    case ANSWER_NO:
      break;
    case ANSWER_UNKNOWN:
    default:
      return SB_GIT_STATE_UNKNOWN;
    }

  switch (run_git (git, envp, root, "check-ignore", "-q", path, deadline))
    {
    case ANSWER_YES:
      return SB_GIT_STATE_IGNORED;
    case ANSWER_NO:
      return SB_GIT_STATE_UNTRACKED;
    case ANSWER_UNKNOWN:
    default:
      return SB_GIT_STATE_UNKNOWN;
    }
}

/* Remembering answers */

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

/* What git's answer for @path depends on: the index (tracked), the repository's config, and
 * every ignore source (.gitignore files from the file up to the root, info/exclude, the
 * global excludes). As long as none of them changed, the answer stands, and git need not be
 * asked again: the window asks on every change of every column. */
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

  g_checksum_update (checksum, (const guchar *) path, -1);
  add_stamp (checksum, dot_git);

  /* In a linked work tree or a submodule, .git is a file naming the real folder. */
  if (g_file_test (dot_git, G_FILE_TEST_IS_DIR))
    git_dir = g_strdup (dot_git);
  else
    git_dir = read_link_file (dot_git, "gitdir:", root);

  if (git_dir != NULL)
    {
      g_autofree char *index = g_build_filename (git_dir, "index", NULL);
      g_autofree char *config = g_build_filename (git_dir, "config", NULL);
      g_autofree char *exclude = g_build_filename (git_dir, "info", "exclude", NULL);
      g_autofree char *common = g_build_filename (git_dir, "commondir", NULL);
      g_autofree char *common_dir = NULL;

      add_stamp (checksum, index);
      add_stamp (checksum, config);
      add_stamp (checksum, exclude);
      add_stamp (checksum, common);

      /* A linked work tree shares info/exclude and config with the main repository. */
      common_dir = read_link_file (common, "", git_dir);
      if (common_dir != NULL)
        {
          g_autofree char *shared = g_build_filename (common_dir, "info", "exclude", NULL);
          g_autofree char *shared_config = g_build_filename (common_dir, "config", NULL);

          add_stamp (checksum, shared);
          add_stamp (checksum, shared_config);
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
  gint64      time;   /* monotonic, when git answered */
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

/* The remembered answer for @path, if still good. */
static gboolean
cache_lookup (const char *path,
              const char *stamp,
              SbGitState *state)
{
  gboolean found = FALSE;
  CacheEntry *entry;

  G_LOCK (cache);
  entry = cache != NULL ? g_hash_table_lookup (cache, path) : NULL;
  if (entry != NULL && g_str_equal (entry->stamp, stamp) &&
      (entry->state != SB_GIT_STATE_UNKNOWN ||
       g_get_monotonic_time () - entry->time < UNKNOWN_LIFETIME))
    {
      *state = entry->state;
      found = TRUE;
    }
  G_UNLOCK (cache);

  return found;
}

static void
cache_store (const char *path,
             char       *stamp,
             SbGitState  state)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->stamp = stamp;
  entry->state = state;
  entry->time = g_get_monotonic_time ();

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  g_hash_table_replace (cache, g_strdup (path), entry);
  G_UNLOCK (cache);
}

/* The work tree holding @path, from the nearest existing folder (.claude may not exist
 * yet); NULL outside any. Nothing is run. */
static char *
find_root (const char  *path,
           char       **dir_out)
{
  g_autofree char *dir = g_path_get_dirname (path);
  char *root;

  while (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *parent = g_path_get_dirname (dir);

      if (g_str_equal (parent, dir))
        return NULL;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }

  root = sb_paths_find_git_root (dir);
  if (root != NULL && dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);
  return root;
}

/* Asks git unless the remembered answer still holds; @asked tells whether it did. */
static SbGitState
get_state (const char *path,
           gboolean   *asked)
{
  g_autofree char *dir = NULL;
  g_autofree char *root = find_root (path, &dir);
  g_autofree char *stamp = NULL;
  SbGitState state;

  if (asked != NULL)
    *asked = FALSE;

  if (root == NULL)
    return SB_GIT_STATE_NONE;

  stamp = get_stamp (root, dir, path);
  if (cache_lookup (path, stamp, &state))
    return state;

  state = ask_git (root, path);
  cache_store (path, g_steal_pointer (&stamp), state);
  if (asked != NULL)
    *asked = TRUE;

  return state;
}

/**
 * sb_git_get_state:
 * @path: an absolute file name; the file need not exist
 *
 * Asks git, unless nothing its answer depends on changed since it was last asked. This may
 * take up to %SB_GIT_TIMEOUT seconds: the window uses sb_git_peek_state () and
 * sb_git_update_states_async () instead.
 *
 * Returns: whether git tracks or ignores @path; %SB_GIT_STATE_UNKNOWN when git is not
 *   installed, failed, or did not answer in time
 */
SbGitState
sb_git_get_state (const char *path)
{
  g_return_val_if_fail (path != NULL, SB_GIT_STATE_UNKNOWN);

  return get_state (path, NULL);
}

/**
 * sb_git_peek_state:
 * @path: an absolute file name; the file need not exist
 *
 * Never runs git, so that it can be called anywhere.
 *
 * Returns: the answer git last gave for @path if it still holds, %SB_GIT_STATE_NONE outside
 *   a work tree, %SB_GIT_STATE_UNKNOWN when git must be asked
 */
SbGitState
sb_git_peek_state (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *root = NULL;
  g_autofree char *stamp = NULL;
  SbGitState state;

  g_return_val_if_fail (path != NULL, SB_GIT_STATE_UNKNOWN);

  root = find_root (path, &dir);
  if (root == NULL)
    return SB_GIT_STATE_NONE;

  stamp = get_stamp (root, dir, path);
  if (cache_lookup (path, stamp, &state))
    return state;

  return SB_GIT_STATE_UNKNOWN;
}

/* One thread asks git for everyone, one question at a time: two columns asking about the
 * same file then cost one answer, and a hanging repository holds one thread only. */
static void
update_in_thread (gpointer data,
                  gpointer user_data)
{
  GTask *task = data;
  const char * const *paths = g_task_get_task_data (task);
  gboolean changed = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      gboolean asked;
      SbGitState state;

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }

      state = get_state (paths[i], &asked);
      /* Before, the caller peeked and saw "unknown". */
      changed |= asked && state != SB_GIT_STATE_UNKNOWN;
    }

  g_task_return_boolean (task, changed);
  g_object_unref (task);
}

static gpointer
make_pool (gpointer data)
{
  return g_thread_pool_new (update_in_thread, NULL, 1, FALSE, NULL);
}

/**
 * sb_git_update_states_async:
 * @paths: (array zero-terminated=1): absolute file names
 * @cancellable: (nullable): a cancellable
 * @callback: called once git has answered for every path whose answer was not known
 * @user_data: for @callback
 *
 * Asks git, in a thread, about each of @paths whose remembered answer no longer holds, so
 * that sb_git_peek_state () then knows it.
 */
void
sb_git_update_states_async (const char * const  *paths,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  static GOnce pool_once = G_ONCE_INIT;
  GThreadPool *pool;
  GTask *task;

  g_return_if_fail (paths != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_git_update_states_async);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);

  pool = g_once (&pool_once, make_pool, NULL);
  g_thread_pool_push (pool, task, NULL);
}

/**
 * sb_git_update_states_finish:
 * @result: the result given to the callback
 * @error: %G_IO_ERROR_CANCELLED only
 *
 * Returns: whether git gave a new answer for one of the paths, so that what was shown from
 *   sb_git_peek_state () should be shown again
 */
gboolean
sb_git_update_states_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_git_update_states_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Writing info/exclude */

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa;
  GStatBuf sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static char *
real_dir (const char *path)
{
  char *real = realpath (path, NULL);
  char *result;

  if (real == NULL)
    return NULL;
  if (!g_file_test (real, G_FILE_TEST_IS_DIR))
    {
      free (real);
      return NULL;
    }

  result = g_strdup (real);
  free (real);
  return result;
}

static gboolean
refuse (GError    **error,
        const char *root,
        const char *why)
{
  g_set_error (error, SB_GIT_ERROR, SB_GIT_ERROR_UNSAFE,
               /* Translators: the first %s is a folder, the second why */
               _("Signalbox does not write into the git folder of %s: %s. Add the line to "
                 "its info/exclude yourself."),
               root, why);
  return FALSE;
}

/* The git folder whose info/exclude git reads for the work tree @root, resolved, and only if
 * it is the repository's own: .git itself; or, when .git is a file, the folder it names
 * only if that folder names this work tree back (a linked work tree) or lies in the
 * modules of an enclosing repository (a submodule). A .git file can name any folder on the
 * computer, and the fix must not write there. */
static char *
find_own_git_dir (const char  *root,
                  GError     **error)
{
  g_autofree char *dot_git = g_build_filename (root, ".git", NULL);
  g_autofree char *named = NULL;
  g_autofree char *git_dir = NULL;
  g_autofree char *commondir_file = NULL;
  GStatBuf st;

  if (g_lstat (dot_git, &st) != 0)
    {
      g_set_error (error, SB_GIT_ERROR, SB_GIT_ERROR_NOT_A_REPOSITORY,
                   /* Translators: %s is a folder */
                   _("%s is not in a git repository"), root);
      return NULL;
    }

  if (S_ISLNK (st.st_mode))
    {
      refuse (error, root, _(".git is a link"));
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    return real_dir (dot_git);

  named = read_link_file (dot_git, "gitdir:", root);
  git_dir = named != NULL ? real_dir (named) : NULL;
  if (git_dir == NULL)
    {
      g_set_error (error, SB_GIT_ERROR, SB_GIT_ERROR_NOT_A_REPOSITORY,
                   /* Translators: %s is a folder */
                   _("The .git file of %s does not name a git folder"), root);
      return NULL;
    }

  /* A linked work tree: COMMON/worktrees/NAME, whose gitdir file names our .git file. */
  commondir_file = g_build_filename (git_dir, "commondir", NULL);
  if (g_file_test (commondir_file, G_FILE_TEST_EXISTS))
    {
      g_autofree char *common = read_link_file (commondir_file, "", git_dir);
      g_autofree char *common_dir = common != NULL ? real_dir (common) : NULL;
      g_autofree char *worktrees = common_dir != NULL
                                   ? g_build_filename (common_dir, "worktrees", NULL)
                                   : NULL;
      g_autofree char *parent = g_path_get_dirname (git_dir);
      g_autofree char *back_file = g_build_filename (git_dir, "gitdir", NULL);
      g_autofree char *back = read_link_file (back_file, "", git_dir);

      g_autofree char *objects = common_dir != NULL
                                 ? g_build_filename (common_dir, "objects", NULL)
                                 : NULL;

      /* And the common folder is a repository's, not any folder above ours. */
      if (worktrees == NULL || !g_str_equal (parent, worktrees) || back == NULL ||
          !same_file (back, dot_git) || !g_file_test (objects, G_FILE_TEST_IS_DIR))
        {
          refuse (error, root, _("its .git file names a folder that is not its own"));
          return NULL;
        }
      return g_steal_pointer (&common_dir);
    }

  /* A submodule: SUPER/.git/modules/…, SUPER a folder above us with a .git folder. */
  for (g_autofree char *d = g_path_get_dirname (root); ; )
    {
      g_autofree char *super_git = g_build_filename (d, ".git", NULL);
      g_autofree char *up = g_path_get_dirname (d);
      GStatBuf super_st;

      if (g_lstat (super_git, &super_st) == 0 && S_ISDIR (super_st.st_mode))
        {
          g_autofree char *real = real_dir (super_git);
          g_autofree char *modules = real != NULL ? g_build_filename (real, "modules", NULL)
                                                  : NULL;

          if (modules != NULL && g_str_has_prefix (git_dir, modules) &&
              git_dir[strlen (modules)] == G_DIR_SEPARATOR)
            return g_steal_pointer (&git_dir);
        }

      if (g_str_equal (up, d))
        break;
      g_free (d);
      d = g_steal_pointer (&up);
    }

  refuse (error, root, _("its .git file names a folder that is not its own"));
  return NULL;
}

/* @relative as an exclude pattern that matches that one path: no wildcards, no comment, no
 * negation, and trailing spaces kept. */
static char *
escape_pattern (const char *relative)
{
  GString *pattern = g_string_new (NULL);
  gsize length = strlen (relative);
  gsize trailing = length;

  while (trailing > 0 && relative[trailing - 1] == ' ')
    trailing--;

  for (gsize i = 0; i < length; i++)
    {
      char c = relative[i];

      if (strchr ("*?[\\", c) != NULL || (i == 0 && (c == '#' || c == '!')) ||
          (c == ' ' && i >= trailing))
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, c);
    }

  return g_string_free (pattern, FALSE);
}

static char *
find_exclude (const char  *path,
              char       **git_dir_out,
              char       **line,
              GError     **error)
{
  g_autofree char *root = find_root (path, NULL);
  g_autofree char *git_dir = NULL;
  g_autofree char *info = NULL;
  g_autofree char *exclude = NULL;
  GStatBuf st;
  gsize length;

  if (root == NULL)
    {
      g_set_error (error, SB_GIT_ERROR, SB_GIT_ERROR_NOT_A_REPOSITORY,
                   /* Translators: %s is a file */
                   _("%s is not in a git repository"), path);
      return NULL;
    }

  length = strlen (root);
  if (!g_str_has_prefix (path, root) || path[length] != G_DIR_SEPARATOR ||
      strchr (path + length, '\n') != NULL)
    {
      g_set_error (error, SB_GIT_ERROR, SB_GIT_ERROR_NOT_A_REPOSITORY,
                   /* Translators: %s is a file */
                   _("Signalbox cannot tell git to ignore %s"), path);
      return NULL;
    }

  git_dir = find_own_git_dir (root, error);
  if (git_dir == NULL)
    return NULL;

  /* Seen here for the offer; sb_git_add_exclude () opens them through no link anyway. */
  info = g_build_filename (git_dir, "info", NULL);
  exclude = g_build_filename (info, "exclude", NULL);
  if (g_lstat (info, &st) == 0 && !S_ISDIR (st.st_mode))
    {
      refuse (error, root, _("info is a link"));
      return NULL;
    }
  if (g_lstat (exclude, &st) == 0 && (!S_ISREG (st.st_mode) || st.st_nlink > 1))
    {
      refuse (error, root, _("info/exclude is not a plain file"));
      return NULL;
    }

  if (line != NULL)
    *line = escape_pattern (path + length + 1);
  if (git_dir_out != NULL)
    *git_dir_out = g_strdup (git_dir);

  return g_steal_pointer (&exclude);
}

/**
 * sb_git_find_exclude_file:
 * @path: an absolute file name in a work tree
 * @line: (out) (optional): the line that makes git ignore @path
 * @error: %SB_GIT_ERROR_UNSAFE when the git folder is not the repository's own
 *
 * Nothing is run and nothing is written.
 *
 * Returns: the info/exclude file that sb_git_add_exclude () would write
 */
char *
sb_git_find_exclude_file (const char  *path,
                          char       **line,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return find_exclude (path, NULL, line, error);
}

static gboolean
set_io_error (GError    **error,
              int         saved_errno,
              const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a file, the second why */
               _("Could not write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Opens GIT_DIR/info/exclude for appending, through no link: each step is opened from the
 * one before without following links. */
static gboolean
open_exclude (const char  *git_dir,
              const char  *root_for_errors,
              const char  *exclude,
              int         *fd_out,
              GError     **error)
{
  int dir_fd;
  int info_fd;
  int fd;
  int saved_errno;
  struct stat st;

  dir_fd = open (git_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir_fd < 0)
    return set_io_error (error, errno, exclude);

  info_fd = openat (dir_fd, "info", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (info_fd < 0 && errno == ENOENT)
    {
      if (mkdirat (dir_fd, "info", 0777) != 0 && errno != EEXIST)
        {
          saved_errno = errno;
          close (dir_fd);
          return set_io_error (error, saved_errno, exclude);
        }
      info_fd = openat (dir_fd, "info", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
  saved_errno = errno;
  close (dir_fd);
  if (info_fd < 0)
    {
      if (saved_errno == ELOOP || saved_errno == ENOTDIR)
        return refuse (error, root_for_errors, _("info is a link"));
      return set_io_error (error, saved_errno, exclude);
    }

  /* O_NONBLOCK: a FIFO must not hang us; it is refused below. */
  fd = openat (info_fd, "exclude",
               O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY,
               0666);
  saved_errno = errno;
  close (info_fd);
  if (fd < 0)
    {
      if (saved_errno == ELOOP)
        return refuse (error, root_for_errors, _("info/exclude is a link"));
      return set_io_error (error, saved_errno, exclude);
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_nlink > 1 ||
      st.st_size > EXCLUDE_MAX)
    {
      close (fd);
      return refuse (error, root_for_errors, _("info/exclude is not a plain file"));
    }

  *fd_out = fd;
  return TRUE;
}

/**
 * sb_git_add_exclude:
 * @path: an absolute file name in a work tree
 * @error: %SB_GIT_ERROR_UNSAFE when the git folder is not the repository's own or the
 *   exclude file is reached through a link
 *
 * Makes git ignore @path by a line in the repository's info/exclude, unless a line already
 * says it; what is there is never rewritten. Writes only inside the repository's own git
 * folder, and never through a link.
 *
 * Returns: whether git now ignores @path through info/exclude
 */
gboolean
sb_git_add_exclude (const char  *path,
                    GError     **error)
{
  g_autofree char *git_dir = NULL;
  g_autofree char *line = NULL;
  g_autofree char *exclude = NULL;
  g_autofree char *root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *addition = NULL;
  g_auto(GStrv) lines = NULL;
  gssize n = 0;
  gsize length = 0;
  int fd = -1;

  g_return_val_if_fail (path != NULL, FALSE);

  exclude = find_exclude (path, &git_dir, &line, error);
  if (exclude == NULL)
    return FALSE;

  root = find_root (path, NULL);
  if (!open_exclude (git_dir, root, exclude, &fd, error))
    return FALSE;

  text = g_malloc (EXCLUDE_MAX + 1);
  do
    {
      n = pread (fd, text + length, EXCLUDE_MAX - length, length);
      if (n > 0)
        length += n;
    }
  while ((n > 0 && length < EXCLUDE_MAX) || (n < 0 && errno == EINTR));
  if (n < 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_io_error (error, saved_errno, exclude);
    }
  text[length] = '\0';

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), line))
      {
        close (fd);
        return TRUE;
      }

  addition = g_strdup_printf ("%s%s\n", length > 0 && text[length - 1] != '\n' ? "\n" : "",
                              line);
  for (const char *p = addition, *end = addition + strlen (addition); p < end; )
    {
      gssize written = write (fd, p, end - p);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          int saved_errno = errno;

          close (fd);
          return set_io_error (error, saved_errno, exclude);
        }
      p += written;
    }

  if (close (fd) != 0)
    return set_io_error (error, errno, exclude);

  return TRUE;
}
