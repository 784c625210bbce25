/* test-projects.c
 *
 * Tests for the list of project folders: remembered ones and those in ~/.claude.json.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sb-paths.h"
#include "sb-projects.h"
#include "sb-test-util.h"

#define add_test(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

static char *
make_folder (SbTestEnv  *env,
             const char *name)
{
  char *path = g_build_filename (env->home, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

static void
write_claude_json (SbTestEnv  *env,
                   const char *text)
{
  g_autofree char *path = g_build_filename (env->home, ".claude.json", NULL);

  sb_test_write (path, text);
}

static void
test_projects_no_claude_json (SbTestEnv     *env,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) folders = sb_projects_read_claude_json (&error);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (folders);
  g_assert_cmpuint (g_strv_length (folders), ==, 0);

  list = sb_projects_list (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_projects_claude_json (SbTestEnv     *env,
                           gconstpointer  data)
{
  g_autofree char *webshop = make_folder (env, "code/webshop");
  g_autofree char *api = make_folder (env, "code/api");
  g_autofree char *gone = g_build_filename (env->home, "code", "gone", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) folders = NULL;
  g_autoptr(GPtrArray) list = NULL;

  text = g_strdup_printf ("{\"numStartups\": 4, \"projects\": {"
                          "\"%s\": {\"allowedTools\": []}, \"%s\": {}, \"%s\": {},"
                          "\"relative/path\": {}}, \"oauthAccount\": null}",
                          webshop, gone, api);
  write_claude_json (env, text);

  folders = sb_projects_read_claude_json (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (folders), ==, 3);
  g_assert_cmpstr (folders[0], ==, webshop);
  g_assert_cmpstr (folders[1], ==, gone);
  g_assert_cmpstr (folders[2], ==, api);

  /* Only folders that exist, sorted. */
  list = sb_projects_list (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (list, 0), ==, api);
  g_assert_cmpstr (g_ptr_array_index (list, 1), ==, webshop);
}

static void
test_projects_remembered_and_hidden (SbTestEnv     *env,
                                     gconstpointer  data)
{
  g_autofree char *webshop = make_folder (env, "code/webshop");
  g_autofree char *api = make_folder (env, "code/api");
  g_autofree char *notes = make_folder (env, "notes");
  g_autofree char *gone = g_build_filename (env->home, "gone", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *remembered[] = { notes, gone, webshop, notes, NULL };
  const char *hidden[] = { api, NULL };

  text = g_strdup_printf ("{\"projects\": {\"%s\": {}, \"%s\": {}}}", webshop, api);
  write_claude_json (env, text);

  /* Remembered first, in their order, each once; then Claude Code's; none hidden. */
  list = sb_projects_list (remembered, hidden, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (list, 0), ==, notes);
  g_assert_cmpstr (g_ptr_array_index (list, 1), ==, webshop);
}

static void
test_projects_claude_config_dir (SbTestEnv     *env,
                                 gconstpointer  data)
{
  g_autofree char *config = make_folder (env, "config");
  g_autofree char *webshop = make_folder (env, "webshop");
  g_autofree char *path = g_build_filename (config, ".claude.json", NULL);
  g_autofree char *text = g_strdup_printf ("{\"projects\": {\"%s\": {}}}", webshop);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) folders = NULL;

  sb_test_write (path, text);
  g_setenv ("CLAUDE_CONFIG_DIR", config, TRUE);
  folders = sb_projects_read_claude_json (&error);
  g_unsetenv ("CLAUDE_CONFIG_DIR");

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (folders), ==, 1);
  g_assert_cmpstr (folders[0], ==, webshop);
}

static void
test_projects_damaged (SbTestEnv     *env,
                       gconstpointer  data)
{
  static const char * const damaged[] = {
    "{\"projects\": {",
    "[1, 2]",
    "{\"projects\": [\"/tmp\"]}",
    "{\"projects\": \"/tmp\"}",
    "",
  };
  g_autofree char *notes = make_folder (env, "notes");
  const char *remembered[] = { notes, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) folders = NULL;
      g_autoptr(GPtrArray) list = NULL;

      g_test_message ("%s", damaged[i]);
      write_claude_json (env, damaged[i]);
      folders = sb_projects_read_claude_json (&error);

      /* Unusable text is an error; a usable file without projects is just empty. */
      if (folders == NULL)
        {
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, ".claude.json"));
        }
      else
        g_assert_cmpuint (g_strv_length (folders), ==, 0);
      g_clear_error (&error);

      /* The remembered folders are offered all the same. */
      list = sb_projects_list (remembered, NULL, &error);
      g_assert_cmpuint (list->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (list, 0), ==, notes);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/signalbox/projects/no-claude-json", test_projects_no_claude_json);
  add_test ("/signalbox/projects/claude-json", test_projects_claude_json);
  add_test ("/signalbox/projects/remembered-and-hidden", test_projects_remembered_and_hidden);
  add_test ("/signalbox/projects/claude-config-dir", test_projects_claude_config_dir);
  add_test ("/signalbox/projects/damaged", test_projects_damaged);

  return g_test_run ();
}
