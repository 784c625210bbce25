/* sb-test-shim.c
 *
 * An LD_PRELOAD library that records and breaks the calls of an atomic save.
 *
 * Loaded into the real signalbox by test-save-shim.c, it appends one line per fsync(),
 * fdatasync(), rename() and renameat2() to $SB_SHIM_LOG ("fsync PATH", "rename OLD NEW
 * FLAGS"), the path of a descriptor read from /proc/self/fd. On request it makes the
 * writes to a temporary file fail with ENOSPC ($SB_SHIM_FAIL_WRITE), makes the renames of
 * a temporary file fail with EIO ($SB_SHIM_FAIL_RENAME), or writes $SB_SHIM_APPEAR into
 * the target just before a rename that must not replace it, as another writer would.
 * Only files whose name holds ".sbtmp-", the infix of sb-file.c, are touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEMP_INFIX ".sbtmp-"

int fsync (int fd);
int fdatasync (int fd);
ssize_t write (int fd, const void *buffer, size_t count);
int rename (const char *old_path, const char *new_path);
int renameat2 (int old_dir, const char *old_path, int new_dir, const char *new_path,
               unsigned int flags);

static void *
next_symbol (const char *name)
{
  return dlsym (RTLD_NEXT, name);
}

/* Not through stdio, which may itself call write(). */
static void
log_line (const char *verb,
          const char *a,
          const char *b,
          unsigned    flags)
{
  static ssize_t (*real_write) (int, const void *, size_t);
  const char *path = getenv ("SB_SHIM_LOG");
  char line[3 * PATH_MAX];
  int length;
  int fd;

  if (path == NULL)
    return;
  if (real_write == NULL)
    real_write = next_symbol ("write");

  length = snprintf (line, sizeof line, "%s %s %s %u\n", verb, a, b != NULL ? b : "-", flags);
  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  if (length > 0 && (size_t) length < sizeof line)
    real_write (fd, line, length);
  close (fd);
}

static int
fd_path (int    fd,
         char  *path,
         size_t size)
{
  char link[64];
  ssize_t n;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, size - 1);
  if (n < 0)
    return -1;
  path[n] = '\0';
  return 0;
}

int
fsync (int fd)
{
  static int (*real_fsync) (int);
  char path[PATH_MAX];

  if (real_fsync == NULL)
    real_fsync = next_symbol ("fsync");
  if (fd_path (fd, path, sizeof path) == 0)
    log_line ("fsync", path, NULL, 0);
  return real_fsync (fd);
}

int
fdatasync (int fd)
{
  static int (*real_fdatasync) (int);
  char path[PATH_MAX];

  if (real_fdatasync == NULL)
    real_fdatasync = next_symbol ("fdatasync");
  if (fd_path (fd, path, sizeof path) == 0)
    log_line ("fdatasync", path, NULL, 0);
  return real_fdatasync (fd);
}

ssize_t
write (int         fd,
       const void *buffer,
       size_t      count)
{
  static ssize_t (*real_write) (int, const void *, size_t);
  char path[PATH_MAX];

  if (real_write == NULL)
    real_write = next_symbol ("write");

  if (getenv ("SB_SHIM_FAIL_WRITE") != NULL && fd_path (fd, path, sizeof path) == 0 &&
      strstr (path, TEMP_INFIX) != NULL)
    {
      log_line ("write-failed", path, NULL, 0);
      errno = ENOSPC;
      return -1;
    }

  return real_write (fd, buffer, count);
}

static int
before_rename (const char   *old_path,
               const char   *new_path,
               unsigned int  flags)
{
  const char *appear = getenv ("SB_SHIM_APPEAR");

  log_line ("rename", old_path, new_path, flags);

  if (strstr (old_path, TEMP_INFIX) == NULL)
    return 0;

  if (getenv ("SB_SHIM_FAIL_RENAME") != NULL)
    {
      errno = EIO;
      return -1;
    }

  /* Another writer creates the file between our check and our rename. */
  if (appear != NULL && (flags & RENAME_NOREPLACE) != 0 && access (new_path, F_OK) != 0)
    {
      static ssize_t (*real_write) (int, const void *, size_t);
      int fd = open (new_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

      if (real_write == NULL)
        real_write = next_symbol ("write");
      if (fd >= 0)
        {
          real_write (fd, appear, strlen (appear));
          close (fd);
        }
    }

  return 0;
}

int
rename (const char *old_path,
        const char *new_path)
{
  static int (*real_rename) (const char *, const char *);

  if (real_rename == NULL)
    real_rename = next_symbol ("rename");
  if (before_rename (old_path, new_path, 0) != 0)
    return -1;
  return real_rename (old_path, new_path);
}

int
renameat2 (int           old_dir,
           const char   *old_path,
           int           new_dir,
           const char   *new_path,
           unsigned int  flags)
{
  static int (*real_renameat2) (int, const char *, int, const char *, unsigned int);

  if (real_renameat2 == NULL)
    real_renameat2 = next_symbol ("renameat2");
  if (before_rename (old_path, new_path, flags) != 0)
    return -1;
  return real_renameat2 (old_dir, old_path, new_dir, new_path, flags);
}
