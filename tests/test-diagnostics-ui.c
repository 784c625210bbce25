/* test-diagnostics-ui.c
 *
 * Tests for the window's Problems list under Xvfb: what it shows, its Fix buttons and
 * Undo, the marks on layer rows and the sidebar's warning icon.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-effective-column.h"
#include "sb-group.h"
#include "sb-layer-column.h"
#include "sb-problem-row.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-value-row.h"
#include "sb-window.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, setup, func, teardown)

static SbApplication *app;
static char *local_path;

static void
setup (SbTestEnv     *env,
       gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;

  sb_test_env_setup (env, data);
  local_path = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);

  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "folders");
  g_settings_reset (settings, "hidden-folders");
  g_settings_reset (settings, "selected-folder");
}

static void
teardown (SbTestEnv     *env,
          gconstpointer  data)
{
  g_clear_pointer (&local_path, g_free);
  sb_test_env_teardown (env, data);
}

static gboolean
is_effective_column (GtkWidget     *widget,
                     gconstpointer  data)
{
  return SB_IS_EFFECTIVE_COLUMN (widget);
}

static gboolean
is_local_column (GtkWidget     *widget,
                 gconstpointer  data)
{
  return SB_IS_LAYER_COLUMN (widget) &&
         sb_layer_get_scope (sb_layer_column_get_layer (SB_LAYER_COLUMN (widget))) ==
         SB_SCOPE_LOCAL;
}

/* A row of the Problems list whose message contains @data. */
static gboolean
is_problem (GtkWidget     *widget,
            gconstpointer  data)
{
  return SB_IS_PROBLEM_ROW (widget) && gtk_widget_get_mapped (widget) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) != NULL;
}

static gboolean
is_fix_button (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Fix") == 0;
}

static gboolean
is_marked_row (GtkWidget     *widget,
               gconstpointer  title)
{
  g_autofree char *text = NULL;

  if (!SB_IS_VALUE_ROW (widget) || !gtk_widget_has_css_class (widget, "problem"))
    return FALSE;

  text = sb_test_visible_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return g_str_equal (text, title);
}

static gboolean
is_problem_icon (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget),
                    "Claude Code would run into problems here") == 0;
}

static GtkWidget *
effective (SbWindow *window)
{
  return sb_test_find (GTK_WIDGET (window), is_effective_column, NULL);
}

static GtkWidget *
problems_group (SbWindow *window)
{
  GtkWidget *row = sb_test_find (effective (window), is_problem, "");

  return row != NULL ? gtk_widget_get_ancestor (row, SB_TYPE_GROUP) : NULL;
}

/* Waits until a problem row containing @text is there, or gone. */
static void
wait_for_problem (SbWindow   *window,
                  const char *text,
                  gboolean    present)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (((sb_test_find (effective (window), is_problem, text) != NULL) != present) &&
         g_get_monotonic_time () < deadline)
    sb_test_iterate (50);

  g_assert_true ((sb_test_find (effective (window), is_problem, text) != NULL) == present);
}

static void
click_fix (SbWindow   *window,
           const char *text)
{
  GtkWidget *row = sb_test_find (effective (window), is_problem, text);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = sb_test_find (row, is_fix_button, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), !=, "");
  g_signal_emit_by_name (button, "clicked");
  sb_test_iterate (100);
}

static void
test_problems_shown (SbTestEnv     *env,
                     gconstpointer  data)
{
  SbWindow *window;
  GtkWidget *row;
  GtkWidget *icon;

  sb_test_write (local_path,
                 "{\"permissions\": {\"defaultMode\": \"yolo\"},\n"
                 " \"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api/v1\", "
                 "\"ANTHROPIC_API_KEY\": \"\"}}\n");
  window = sb_test_open_window (app, env->folder);

  g_assert_nonnull (problems_group (window));
  row = sb_test_find (effective (window), is_problem, "ANTHROPIC_BASE_URL is");
  g_assert_nonnull (row);
  g_assert_cmpstr (sb_problem_get_subtitle (sb_problem_row_get_problem (SB_PROBLEM_ROW (row))),
                   ==, "Local settings, /env/ANTHROPIC_BASE_URL");
  g_assert_nonnull (sb_test_find (row, is_fix_button, NULL));

  /* No fix for a value only a person can choose. */
  row = sb_test_find (effective (window), is_problem, "“defaultMode”");
  g_assert_nonnull (row);
  g_assert_null (sb_test_find (row, is_fix_button, NULL));

  /* The value's row in the Local column is marked, with the message as tooltip. */
  row = sb_test_find (sb_test_find (GTK_WIDGET (window), is_local_column, NULL), is_marked_row,
              "Base URL");
  g_assert_nonnull (row);
  g_assert_cmpstr (sb_value_row_get_key_name (SB_VALUE_ROW (row)), ==, "ANTHROPIC_BASE_URL");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "https://openrouter.ai/api"));

  /* The sidebar warns about the folder. */
  icon = sb_test_find (GTK_WIDGET (window), is_problem_icon, NULL);
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_get_visible (icon));

  sb_test_close_window (window);
}

static void
test_problems_none (SbTestEnv     *env,
                    gconstpointer  data)
{
  SbWindow *window;
  GtkWidget *icon;

  sb_test_write (local_path, "{\"model\": \"opus\"}\n");
  window = sb_test_open_window (app, env->folder);

  g_assert_null (sb_test_find (effective (window), is_problem, ""));
  icon = sb_test_find (GTK_WIDGET (window), is_problem_icon, NULL);
  g_assert_nonnull (icon);
  g_assert_false (gtk_widget_get_visible (icon));

  sb_test_close_window (window);
}

static void
test_problems_fix_and_undo (SbTestEnv     *env,
                            gconstpointer  data)
{
  /* A model OpenRouter serves: without one, Claude Code would send claude-opus-5-5. */
  static const char before[] =
    "{\n"
    "  \"permissions\":{ \"allow\" :[ ] },\n"
    "  \"model\": \"anthropic/claude-sonnet-4.5\",\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api/\",\n"
    "    \"ANTHROPIC_API_KEY\": \"\",\n"
    "    \"ANTHROPIC_AUTH_TOKEN\": \"placeholder-token\"\n"
    "  }\n"
    "}";
  static const char after[] =
    "{\n"
    "  \"permissions\":{ \"allow\" :[ ] },\n"
    "  \"model\": \"anthropic/claude-sonnet-4.5\",\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_API_KEY\": \"\",\n"
    "    \"ANTHROPIC_AUTH_TOKEN\": \"placeholder-token\"\n"
    "  }\n"
    "}";
  SbWindow *window;
  g_autofree char *text = NULL;
  GtkWidget *icon;

  sb_test_write (local_path, before);
  window = sb_test_open_window (app, env->folder);
  wait_for_problem (window, "ANTHROPIC_BASE_URL is", TRUE);

  click_fix (window, "ANTHROPIC_BASE_URL is");
  text = sb_test_read (local_path);
  g_assert_cmpstr (text, ==, after);
  wait_for_problem (window, "ANTHROPIC_BASE_URL is", FALSE);
  icon = sb_test_find (GTK_WIDGET (window), is_problem_icon, NULL);
  g_assert_false (gtk_widget_get_visible (icon));

  /* Undo, as the toast offers it, puts the bytes back and the problem with them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate (100);
  g_free (text);
  text = sb_test_read (local_path);
  g_assert_cmpstr (text, ==, before);
  wait_for_problem (window, "ANTHROPIC_BASE_URL is", TRUE);
  g_assert_true (gtk_widget_get_visible (icon));

  sb_test_close_window (window);
}

/* A fix that changes no watched file still clears the problem. */
static void
test_problems_fix_chmod (SbTestEnv     *env,
                         gconstpointer  data)
{
  static const char text[] = "{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"placeholder-token\"}}\n";
  SbWindow *window;
  g_autofree char *content = NULL;
  GStatBuf buf;

  sb_test_write (local_path, text);
  g_assert_cmpint (g_chmod (local_path, 0644), ==, 0);
  window = sb_test_open_window (app, env->folder);
  wait_for_problem (window, "other users", TRUE);

  click_fix (window, "other users");
  g_assert_cmpint (g_stat (local_path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  content = sb_test_read (local_path);
  g_assert_cmpstr (content, ==, text);
  wait_for_problem (window, "other users", FALSE);

  sb_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  /* The application refreshes its model list at startup: never from the real OpenRouter
   * here (nothing listens on the discard port). */
  app = sb_test_application_new ("http://127.0.0.1:9/api/v1");

  ADD_TEST ("/signalbox/diagnostics-ui/shown", test_problems_shown);
  ADD_TEST ("/signalbox/diagnostics-ui/none", test_problems_none);
  ADD_TEST ("/signalbox/diagnostics-ui/fix-and-undo", test_problems_fix_and_undo);
  ADD_TEST ("/signalbox/diagnostics-ui/fix-chmod", test_problems_fix_chmod);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
