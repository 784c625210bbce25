/* test-window.c
 *
 * Tests for the main window, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-test-util.h"
#include "sb-window.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

static SbApplication *app;

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_row (child, title);
      if (row != NULL)
        return row;
    }

  return NULL;
}

/* The text of the row's suffix label. */
static const char *
row_suffix (AdwActionRow *row)
{
  GtkWidget *widget = GTK_WIDGET (row);
  GtkWidget *found = NULL;
  GPtrArray *queue = g_ptr_array_new ();

  g_ptr_array_add (queue, widget);
  for (guint i = 0; i < queue->len && found == NULL; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (queue, i));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "dim-label"))
          found = child;
        g_ptr_array_add (queue, child);
      }
  g_ptr_array_unref (queue);

  return found != NULL ? gtk_label_get_text (GTK_LABEL (found)) : NULL;
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_window_shows_layers (SbTestEnv     *env,
                          gconstpointer  data)
{
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  g_autofree char *project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  SbWindow *window;
  AdwActionRow *row;
  gint64 deadline;

  sb_test_write (user, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"}}\n");
  sb_test_write (local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}\n");
  sb_test_write (project, "{\"env\": {\"ANTHROPIC_MODEL\": ");

  window = sb_window_new (app, env->folder);
  gtk_window_present (GTK_WINDOW (window));
  iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "app");

  row = find_row (GTK_WIDGET (window), "/env/ANTHROPIC_MODEL");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "qwen/qwen3-coder");
  g_assert_cmpstr (row_suffix (row), ==, "from Local");

  row = find_row (GTK_WIDGET (window), "Project");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row),
                                   "~/src/app/.claude/settings.json\n1:"));
  g_assert_cmpstr (row_suffix (row), ==, "Does not parse");

  row = find_row (GTK_WIDGET (window), "User");
  g_assert_cmpstr (row_suffix (row), ==, "Valid");

  /* An outside change appears by itself. */
  sb_test_write (local, "{\"env\": {\"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\"}}\n");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  do
    {
      iterate (50);
      row = find_row (GTK_WIDGET (window), "/env/ANTHROPIC_MODEL");
    }
  while (g_strcmp0 (adw_action_row_get_subtitle (row), "z-ai/glm-4.6") != 0 &&
         g_get_monotonic_time () < deadline);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "z-ai/glm-4.6");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/signalbox/window/shows-layers", test_window_shows_layers);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
