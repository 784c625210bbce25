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
char     *sb_test_secret_tool  (const char *verb,
                                const char *profile);
void      sb_test_assert_json_equal (JsonNode   *actual,
                                     const char *expected);

G_END_DECLS
