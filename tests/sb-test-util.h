/* sb-test-util.h
 *
 * Temporary folders and files for the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *root;     /* a fresh temporary folder */
  char *home;     /* root/home, exported as HOME */
  char *managed;  /* root/managed, exported as SIGNALBOX_MANAGED_DIR */
  char *state;    /* root/state, exported as XDG_STATE_HOME */
  char *folder;   /* root/home/src/app, a project folder */
} SbTestEnv;

/* How sb_test_run() starts a program; every field may be left zero. */
typedef struct
{
  const char           *cwd;          /* the folder it starts in */
  const char           *input;        /* its standard input; none when NULL */
  const char * const   *env;          /* NAME, VALUE pairs to set, NULL-terminated */
  guint                 kill_after;   /* seconds after which it is killed (status 137) */
  GSpawnChildSetupFunc  child_setup;
  gboolean              serve;        /* keep this thread's main context running meanwhile */
} SbTestRunOptions;

void      sb_test_env_setup    (SbTestEnv  *env,
                                gconstpointer data);
void      sb_test_env_teardown (SbTestEnv  *env,
                                gconstpointer data);

void      sb_test_write        (const char *path,
                                const char *text);
char     *sb_test_read         (const char *path);
void      sb_test_remove_tree  (const char *path);
JsonNode *sb_test_parse        (const char *text);
void      sb_test_run_git      (const char *folder,
                                const char *arg1,
                                const char *arg2);
int       sb_test_run          (const char             *binary_variable,
                                const char * const     *args,
                                const SbTestRunOptions *options,
                                char                  **out,
                                char                  **err);
char     *sb_test_secret_tool  (const char *verb,
                                const char *profile);
void      sb_test_assert_json_equal (JsonNode   *actual,
                                     const char *expected);

G_END_DECLS
