/* test-window.c
 *
 * Tests for the main window under Xvfb: the columns, origins, edits and Undo, error states,
 * live reload, the sidebar, app.use-model and narrow windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-effective-column.h"
#include "sb-history.h"
#include "sb-key-window.h"
#include "sb-expander-row.h"
#include "sb-layer-column.h"
#include "sb-problem-row.h"
#include "sb-model-switcher.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-value-row.h"
#include "sb-offered-row.h"
#include "sb-window.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, setup, func, teardown)

static SbApplication *app;

typedef struct
{
  char *user;
  char *project;
  char *local;
} Paths;

static Paths paths;

static void
setup (SbTestEnv     *env,
       gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;

  sb_test_env_setup (env, data);
  paths.user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  paths.project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  paths.local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);

  /* Each test starts with nothing remembered. */
  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "folders");
  g_settings_reset (settings, "hidden-folders");
  g_settings_reset (settings, "selected-folder");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

static void
teardown (SbTestEnv     *env,
          gconstpointer  data)
{
  g_clear_pointer (&paths.user, g_free);
  g_clear_pointer (&paths.project, g_free);
  g_clear_pointer (&paths.local, g_free);
  sb_test_env_teardown (env, data);
}

/* By the text a person sees, which has no invisible break opportunities. */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  g_autofree char *text = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;

  text = sb_test_visible_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return g_str_equal (text, title);
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_badge (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "badge");
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget);
}

static gboolean
is_layer_column (GtkWidget     *widget,
                 gconstpointer  scope)
{
  return SB_IS_LAYER_COLUMN (widget) &&
         (int)sb_layer_get_scope (sb_layer_column_get_layer (SB_LAYER_COLUMN (widget))) ==
         GPOINTER_TO_INT (scope);
}

static gboolean
is_effective_column (GtkWidget     *widget,
                     gconstpointer  data)
{
  return SB_IS_EFFECTIVE_COLUMN (widget);
}

static GtkWidget *
column (SbWindow *window,
        SbScope   scope)
{
  return sb_test_find (GTK_WIDGET (window), is_layer_column, GINT_TO_POINTER (scope));
}

static GtkWidget *
effective (SbWindow *window)
{
  return sb_test_find (GTK_WIDGET (window), is_effective_column, NULL);
}

/* A file's row, or a setting's row by its readable title (its key if it has none). */
static GtkWidget *
row_in (GtkWidget  *parent,
        const char *title)
{
  GtkWidget *row = sb_test_find (parent, is_row_titled, title);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ACTION_ROW (row) || SB_IS_VALUE_ROW (row));
  return row;
}

static GtkWidget *
add_row_in (GtkWidget *parent)
{
  GtkWidget *row = sb_test_find (parent, is_row_titled, "Add a Variable: NAME=value");

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return row;
}

static gboolean
is_problem_row (GtkWidget     *widget,
                gconstpointer  data)
{
  return (SB_IS_PROBLEM_ROW (widget) || SB_IS_VALUE_ROW (widget)) &&
         gtk_widget_has_css_class (widget, "problem");
}

static gboolean
is_menu_button_labelled (GtkWidget     *widget,
                         gconstpointer  label)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), label) == 0;
}

/* The text of a column's raw view, which must be on screen. */
static char *
raw_text (GtkWidget *column)
{
  GtkWidget *view = sb_test_find (column, sb_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Whether the Add row of @column offers the setting @title, in its popover's drop-down;
 * selects it if it does, as a person would. */
static gboolean
add_offers (GtkWidget  *column,
            const char *title)
{
  GtkWidget *add = sb_test_find (column, is_menu_button_labelled, "Add a Setting");

  g_assert_nonnull (add);
  /* Its popover is made when it first opens. */
  if (gtk_menu_button_get_popover (GTK_MENU_BUTTON (add)) == NULL)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (add));
      sb_test_iterate (20);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (add));
      sb_test_iterate (20);
    }
  return sb_test_drop_down_select (add, title);
}

/* A file's state, or a setting's value. */
static const char *
subtitle (GtkWidget *row)
{
  if (SB_IS_VALUE_ROW (row))
    return sb_value_row_get_value (SB_VALUE_ROW (row));
  if (SB_IS_PROBLEM_ROW (row))
    return sb_problem_get_subtitle (sb_problem_row_get_problem (SB_PROBLEM_ROW (row)));

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Waits for the window to show an outside change. */
static void
wait_for_subtitle (GtkWidget  *parent,
                   const char *title,
                   const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *row;

  do
    {
      sb_test_iterate (50);
      row = sb_test_find (parent, is_row_titled, title);
    }
  while ((row == NULL || g_strcmp0 (subtitle (row), expected) != 0) &&
         g_get_monotonic_time () < deadline);

  g_assert_nonnull (row);
  g_assert_cmpstr (subtitle (row), ==, expected);
}

/* Opens a row's edit popover, types a value and presses Enter, as a person does. */
static void
edit_row (GtkWidget  *row,
          const char *text)
{
  GtkWidget *entry;

  g_assert_nonnull (sb_test_open_editor (GTK_WIDGET (row)));
  entry = sb_test_find (GTK_WIDGET (row), is_entry, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  sb_test_iterate (50);
}

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  sb_test_iterate (50);
}

static void
test_window_columns (SbTestEnv     *env,
                     gconstpointer  data)
{
  g_autofree char *managed = g_build_filename (env->managed, "managed-settings.json", NULL);
  SbWindow *window;
  GtkWidget *row;
  GtkWidget *badge;
  GtkWidget *expander;

  sb_test_write (paths.user, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\","
                             " \"ANTHROPIC_MODEL\": \"anthropic/claude-sonnet-4.5\"},"
                             " \"permissions\": {\"allow\": [\"Bash(ls)\", \"Read(x)\"]}}\n");
  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}\n");
  sb_test_write (paths.project, "{\"env\": {\"ANTHROPIC_MODEL\": ");

  window = sb_test_open_window (app, env->folder);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "app");

  /* No Managed column without managed settings. */
  g_assert_nonnull (column (window, SB_SCOPE_USER));
  g_assert_nonnull (column (window, SB_SCOPE_PROJECT));
  g_assert_nonnull (column (window, SB_SCOPE_LOCAL));
  g_assert_null (column (window, SB_SCOPE_MANAGED));
  g_assert_nonnull (effective (window));

  /* Each column says which file, and in what state. */
  row = row_in (column (window, SB_SCOPE_USER), "~/.claude/settings.json");
  g_assert_cmpstr (subtitle (row), ==, "Valid");
  row = row_in (column (window, SB_SCOPE_PROJECT), "~/src/app/.claude/settings.json");
  g_assert_cmpstr (subtitle (row), ==, "Does not parse");
  g_assert_nonnull (sb_test_find (column (window, SB_SCOPE_PROJECT), is_label_with,
                                  "1:29 unexpected end of input"));
  g_assert_nonnull (sb_test_find (column (window, SB_SCOPE_PROJECT), is_label_with,
                                  "Claude Code skips this file"));
  g_assert_nonnull (sb_test_find (column (window, SB_SCOPE_PROJECT), sb_test_is_button_labelled,
                                  "_Restore"));
  g_assert_nonnull (sb_test_find (column (window, SB_SCOPE_PROJECT), sb_test_is_button_labelled,
                                  "_Open in Text Editor"));

  /* A value set in a layer but overridden by a higher one says so. */
  row = row_in (column (window, SB_SCOPE_USER), "Model");
  g_assert_cmpstr (subtitle (row), ==, "anthropic/claude-sonnet-4.5\noverridden by Local");
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  g_assert_cmpstr (subtitle (row), ==, "qwen/qwen3-coder");
  /* Only what a layer sets has a row; the Add row offers the rest. */
  g_assert_null (sb_test_find (column (window, SB_SCOPE_LOCAL), is_row_titled, "Base URL"));
  g_assert_true (add_offers (column (window, SB_SCOPE_LOCAL), "Base URL"));
  g_assert_false (add_offers (column (window, SB_SCOPE_LOCAL), "Model"));

  /* The rest of a file is summarised. */
  row = row_in (column (window, SB_SCOPE_USER), "permissions");
  g_assert_cmpstr (subtitle (row), ==, "2 allowed, 0 denied, 0 to ask");

  /* Effective: the verdict, and every value with its origin. */
  g_assert_nonnull (sb_test_find (effective (window), is_label_with,
                                  "claude here uses qwen/qwen3-coder via OpenRouter, no key set here"));
  row = row_in (effective (window), "Model");
  g_assert_cmpstr (subtitle (row), ==, "qwen/qwen3-coder");
  badge = sb_test_find (GTK_WIDGET (row), is_badge, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "Local");
  row = row_in (effective (window), "Base URL");
  badge = sb_test_find (GTK_WIDGET (row), is_badge, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "User");

  /* The main menu is made when it first opens. */
  {
    GtkWidget *menu = sb_test_find (GTK_WIDGET (window), is_menu_button_labelled, "Main Menu");

    g_assert_nonnull (menu);
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
    sb_test_iterate (50);
    g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu))));
    g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "About Signalbox"));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
    sb_test_iterate (50);
  }

  /* The keyboard shortcuts window, made when asked for. */
  {
    GtkWidget *shortcuts = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                               NULL));
    sb_test_iterate (50);
    for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
      if (GTK_IS_SHORTCUTS_WINDOW (l->data))
        shortcuts = l->data;
    g_assert_nonnull (shortcuts);
    g_assert_true (gtk_widget_get_visible (shortcuts));
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
    gtk_window_destroy (GTK_WINDOW (shortcuts));
    sb_test_iterate (50);
  }

  /* A list's values are made into rows when its expander opens, each with its origin. */
  expander = sb_test_find (effective (window), is_row_titled, "permissions");
  g_assert_true (SB_IS_EXPANDER_ROW (expander));
  g_assert_null (sb_test_find (expander, is_row_titled, "allow/1"));
  sb_expander_row_set_expanded (SB_EXPANDER_ROW (expander), TRUE);
  sb_test_iterate (50);
  row = row_in (expander, "allow/1");
  g_assert_cmpstr (subtitle (row), ==, "Read(x)");
  badge = sb_test_find (GTK_WIDGET (row), is_badge, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "User");
  sb_test_close_window (window);

  /* Managed settings get a read-only column of their own. */
  sb_test_write (managed, "{\"env\": {\"ANTHROPIC_MODEL\": \"company/model\"}}\n");
  window = sb_test_open_window (app, env->folder);
  g_assert_nonnull (column (window, SB_SCOPE_MANAGED));
  row = row_in (column (window, SB_SCOPE_MANAGED), "Model");
  g_assert_cmpstr (subtitle (row), ==, "company/model");
  g_assert_null (sb_test_open_editor (GTK_WIDGET (row)));
  g_assert_null (sb_test_find (GTK_WIDGET (row), is_entry, NULL));
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  g_assert_cmpstr (subtitle (row), ==, "qwen/qwen3-coder\noverridden by Managed");
  row = row_in (effective (window), "Model");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sb_test_find (GTK_WIDGET (row), is_badge, NULL))),
                   ==, "Managed");
  sb_test_close_window (window);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Counts the widgets under @widget that were given less height than they need at the
 * width they were given (a row shorter than its wrapped text, which then runs over the
 * next row), and the wrapping labels looked at. */
static void
count_clipped (GtkWidget *widget,
               guint     *n_labels,
               guint     *n_clipped)
{
  GtkAllocation allocation;
  int needed;

  if (!gtk_widget_get_mapped (widget))
    return;

  /* The measure counts the margins; the allocation does not. */
  gtk_widget_get_allocation (widget, &allocation);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL,
                      allocation.width + gtk_widget_get_margin_start (widget) +
                      gtk_widget_get_margin_end (widget), &needed, NULL, NULL, NULL);
  needed -= gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    (*n_labels)++;
  /* What scrolls is meant to be shorter than what it shows. */
  if (needed > allocation.height && !GTK_IS_VIEWPORT (widget) &&
      !GTK_IS_SCROLLED_WINDOW (widget))
    {
      g_test_message ("clipped: %s %d×%d, needs %d", G_OBJECT_TYPE_NAME (widget),
                      allocation.width, allocation.height, needed);
      (*n_clipped)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_clipped (child, n_labels, n_clipped);
}

/* Rows lay their labels out themselves (SbRowBox): at any width, every row and label gets
 * the height its text needs at the width it gets, long problems and values included (a
 * box that measured its labels at one width and gave them another would fail here). */
static void
test_window_labels_fit (SbTestEnv     *env,
                        gconstpointer  data)
{
  static const int widths[] = { 1360, 900, 360 };
  SbWindow *window;

  sb_test_write (paths.user, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api/v1\","
                             " \"MY_LONG_SETTING\": \"a value long enough to wrap over several"
                             " lines in a narrow column, with words and a-very-long-unbroken-token"
                             "-that-must-break-somewhere\"},"
                             " \"permissions\": {\"allow\": [\"Bash(ls)\"]}}\n");
  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"},"
                              " \"model\": \"sonnet\"}\n");
  window = sb_test_open_window (app, env->folder);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      guint n_labels = 0;
      guint n_clipped = 0;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 800);
      sb_test_iterate (300);
      count_clipped (GTK_WIDGET (window), &n_labels, &n_clipped);
      g_test_message ("%d px: %u wrapping labels, %u clipped", widths[i], n_labels, n_clipped);
      g_assert_cmpuint (n_labels, >, 10);
      g_assert_cmpuint (n_clipped, ==, 0);
    }

  sb_test_close_window (window);
}

/* A mapped image whose icon GTK would draw from an SVG, which needs librsvg loaded. */
static gboolean
is_svg_icon (GtkWidget     *widget,
             gconstpointer  data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (!GTK_IS_IMAGE (widget) || !gtk_widget_get_mapped (widget)
      || gtk_image_get_storage_type (GTK_IMAGE (widget)) != GTK_IMAGE_ICON_NAME)
    return FALSE;

  icon = gtk_icon_theme_lookup_icon (theme, gtk_image_get_icon_name (GTK_IMAGE (widget)),
                                     NULL, 16, gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  file = gtk_icon_paintable_get_file (icon);
  uri = file != NULL ? g_file_get_uri (file) : NULL;
  if (uri != NULL && g_str_has_suffix (uri, ".svg"))
    {
      g_test_message ("%s is drawn from %s", gtk_image_get_icon_name (GTK_IMAGE (widget)), uri);
      return TRUE;
    }

  return FALSE;
}

/* The first frame shows everything: each layer's file, the verdict, the problems and the
 * values, in every column. */
static void
test_window_first_frame (SbTestEnv     *env,
                         gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  SbWindow *window = sb_test_window_new (app);
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong handler;
  GtkWidget *row;

  /* Permissions: an expander row in every column that shows them. */
  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"},"
                              " \"permissions\": {\"allow\": [\"Bash(ls)\"]}}\n");
  sb_window_open_folder (window, env->folder);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (clock, handler);
  g_assert_true (painted);

  row = row_in (column (window, SB_SCOPE_LOCAL), "~/src/app/.claude/settings.local.json");
  g_assert_cmpstr (subtitle (row), ==, "Valid");
  g_assert_nonnull (sb_test_find (effective (window), is_label_with,
                                  "claude here uses qwen/qwen3-coder"));
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  g_assert_cmpstr (subtitle (row), ==, "qwen/qwen3-coder");
  g_assert_true (gtk_widget_get_mapped (row));
  row = row_in (effective (window), "Model");
  g_assert_cmpstr (subtitle (row), ==, "qwen/qwen3-coder");
  g_assert_true (gtk_widget_get_mapped (row));
  /* Nothing in the first frame has GTK load librsvg (~25 ms): see /own-icons. */
  g_assert_null (sb_test_find (GTK_WIDGET (window), is_svg_icon, NULL));
  sb_test_close_window (window);
}

/* The window's own symbolic icons come as GTK's encoded PNGs, at 16 px and for scale 2: an
 * SVG icon in the first frame has GTK load librsvg for it (~25 ms of start-up). */
static void
test_window_own_icons (SbTestEnv     *env,
                       gconstpointer  data)
{
  static const char * const names[] = {
    "sb-costs-symbolic", "sb-expander-arrow-symbolic", "sb-model-symbolic",
  };
  SbWindow *window = sb_test_window_new (app);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (int scale = 1; scale <= 2; scale++)
      {
        g_autoptr(GtkIconPaintable) icon = NULL;
        g_autoptr(GFile) file = NULL;
        g_autofree char *uri = NULL;
        g_autofree char *expected = NULL;

        g_assert_true (gtk_icon_theme_has_icon (theme, names[i]));
        icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, 16, scale,
                                           GTK_TEXT_DIR_NONE, 0);
        file = gtk_icon_paintable_get_file (icon);
        g_assert_nonnull (file);
        uri = g_file_get_uri (file);
        expected = g_strdup_printf ("resource:///io/github/signalbox/Signalbox/icons/"
                                    "16x16%s/actions/%s.symbolic.png",
                                    scale == 2 ? "@2" : "", names[i]);
        g_assert_cmpstr (uri, ==, expected);
      }

  sb_test_close_window (window);
}

static void
test_window_edit_and_undo (SbTestEnv     *env,
                           gconstpointer  data)
{
  static const char local_text[] =
    "{\n"
    "    \"permissions\": {\"allow\": [\"Bash(git status)\"]},\n"
    "    \"env\": {\n"
    "        \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"\n"
    "    }\n"
    "}\n";
  SbWindow *window;
  GtkWidget *row;
  GtkWidget *add;
  g_autofree char *text = NULL;

  sb_test_write (paths.local, local_text);
  window = sb_test_open_window (app, env->folder);

  /* A model changed in its row: only the value's bytes change. */
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  edit_row (row, "z-ai/glm-4.6");
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "    \"permissions\": {\"allow\": [\"Bash(git status)\"]},\n"
                   "    \"env\": {\n"
                   "        \"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\"\n"
                   "    }\n"
                   "}\n");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "Set ANTHROPIC_MODEL in the Local settings"));
  row = row_in (effective (window), "Model");
  g_assert_cmpstr (subtitle (row), ==, "z-ai/glm-4.6");

  /* Undo puts it back, byte for byte. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate (50);
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==, local_text);
  row = row_in (effective (window), "Model");
  g_assert_cmpstr (subtitle (row), ==, "qwen/qwen3-coder");

  /* An env variable added, edited and removed; secrets are not shown. */
  add = add_row_in (column (window, SB_SCOPE_LOCAL));
  gtk_editable_set_text (GTK_EDITABLE (add), "MAX_THINKING_TOKENS=8000");
  g_signal_emit_by_name (add, "apply");
  sb_test_iterate (50);
  row = row_in (column (window, SB_SCOPE_LOCAL), "Thinking tokens");
  g_assert_cmpstr (subtitle (row), ==, "8000");
  edit_row (row, "16000");
  row = row_in (column (window, SB_SCOPE_LOCAL), "Thinking tokens");
  g_assert_cmpstr (subtitle (row), ==, "16000");

  add = add_row_in (column (window, SB_SCOPE_LOCAL));
  gtk_editable_set_text (GTK_EDITABLE (add), "lower-case=1");
  g_signal_emit_by_name (add, "apply");
  sb_test_iterate (50);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "is not a variable name"));

  add = add_row_in (column (window, SB_SCOPE_LOCAL));
  gtk_editable_set_text (GTK_EDITABLE (add), "ANTHROPIC_AUTH_TOKEN=secret-value");
  g_signal_emit_by_name (add, "apply");
  sb_test_iterate (50);
  row = row_in (column (window, SB_SCOPE_LOCAL), "Auth token");
  g_assert_cmpstr (subtitle (row), ==, "Hidden");
  row = row_in (effective (window), "Auth token");
  g_assert_cmpstr (subtitle (row), ==, "<redacted>");

  /* The raw view (Ctrl+R) shows the file's text and the merged JSON, the token redacted. */
  g_assert_null (sb_test_find (column (window, SB_SCOPE_LOCAL), sb_test_is_of_type,
                               GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.raw", NULL));
  sb_test_iterate (50);
  g_free (text);
  text = raw_text (column (window, SB_SCOPE_LOCAL));
  g_assert_nonnull (strstr (text, "\"MAX_THINKING_TOKENS\": \"16000\""));
  g_assert_nonnull (strstr (text, "ANTHROPIC_AUTH_TOKEN"));
  g_assert_null (strstr (text, "secret-value"));
  g_free (text);
  text = raw_text (effective (window));
  g_assert_nonnull (strstr (text, "\"ANTHROPIC_AUTH_TOKEN\" : \"<redacted>\""));
  g_assert_null (strstr (text, "secret-value"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.raw", NULL));
  sb_test_iterate (50);

  row = row_in (column (window, SB_SCOPE_LOCAL), "Thinking tokens");
  g_assert_nonnull (sb_test_open_editor (GTK_WIDGET (row)));
  click (sb_test_find (GTK_WIDGET (row), sb_test_is_button_labelled, "Remove Thinking tokens"));
  g_assert_null (sb_test_find (column (window, SB_SCOPE_LOCAL), is_row_titled,
                               "Thinking tokens"));
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_null (strstr (text, "MAX_THINKING_TOKENS"));
  g_assert_nonnull (strstr (text, "\"permissions\": {\"allow\": [\"Bash(git status)\"]},\n"));

  /* The raw view, made once, follows the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.raw", NULL));
  sb_test_iterate (50);
  g_free (text);
  text = raw_text (column (window, SB_SCOPE_LOCAL));
  g_assert_null (strstr (text, "MAX_THINKING_TOKENS"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.raw", NULL));

  sb_test_close_window (window);
}

static void
test_window_error_states (SbTestEnv     *env,
                          gconstpointer  data)
{
  static const char good[] = "{\n  \"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}\n}\n";
  static const char broken[] = "{\n  \"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\",}\n}\n";
  SbWindow *window;
  GtkWidget *row;
  GtkWidget *button;
  g_autofree char *text = NULL;

  /* A broken file is shown, not written, and can be restored from the history. */
  sb_test_write (paths.local, good);
  g_assert_true (sb_history_add (paths.local, good, strlen (good), NULL));
  sb_test_write (paths.local, broken);

  window = sb_test_open_window (app, env->folder);
  row = row_in (column (window, SB_SCOPE_LOCAL), "~/src/app/.claude/settings.local.json");
  g_assert_cmpstr (subtitle (row), ==, "Does not parse");
  g_assert_nonnull (sb_test_find (column (window, SB_SCOPE_LOCAL), is_label_with,
                                  "2:48 trailing comma"));
  /* Nothing to edit, or to add, in a file that does not parse. */
  g_assert_null (sb_test_find (column (window, SB_SCOPE_LOCAL), is_row_titled, "Model"));
  g_assert_false (gtk_widget_is_visible (sb_test_find (column (window, SB_SCOPE_LOCAL),
                                                       is_menu_button_labelled,
                                                       "Add a Setting")));

  button = sb_test_find (column (window, SB_SCOPE_LOCAL), sb_test_is_button_labelled, "_Restore");
  click (button);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==, good);
  row = row_in (column (window, SB_SCOPE_LOCAL), "~/src/app/.claude/settings.local.json");
  g_assert_true (g_str_has_prefix (subtitle (row), "Valid"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "the broken one is kept"));

  /* A missing file can be created. */
  row = row_in (column (window, SB_SCOPE_PROJECT), "~/src/app/.claude/settings.json");
  g_assert_true (g_str_has_prefix (subtitle (row), "No file yet"));
  click (sb_test_find (column (window, SB_SCOPE_PROJECT), sb_test_is_button_labelled, "_Create"));
  g_free (text);
  text = sb_test_read (paths.project);
  g_assert_cmpstr (text, ==, "{\n}\n");
  row = row_in (column (window, SB_SCOPE_PROJECT), "~/src/app/.claude/settings.json");
  g_assert_cmpstr (subtitle (row), ==, "Valid");

  /* A file broken behind our back between reading and saving: the edit is refused and
   * said so, and nothing is written. */
  sb_layer_set_watched (sb_layer_column_get_layer (SB_LAYER_COLUMN (
                          column (window, SB_SCOPE_LOCAL))), FALSE);
  sb_test_write (paths.local, broken);
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  edit_row (row, "z-ai/glm-4.6");
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==, broken);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "does not parse"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "left unchanged"));
  sb_test_close_window (window);
}

/* A read-only file, and a project file that links out of the project: each says why it
 * is not written, and offers no editor that would write it. */
static void
test_window_read_only (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autofree char *claude = g_path_get_dirname (paths.project);
  SbWindow *window;
  GtkWidget *row;

  sb_test_write (paths.user, "{\"env\": {\"ANTHROPIC_MODEL\": \"anthropic/claude-sonnet-4.5\"}}\n");
  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}\n");
  g_assert_cmpint (g_chmod (paths.local, 0444), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (claude, 0755), ==, 0);
  g_assert_cmpint (symlink (paths.user, paths.project), ==, 0);

  window = sb_test_open_window (app, env->folder);

  row = row_in (column (window, SB_SCOPE_LOCAL), "~/src/app/.claude/settings.local.json");
  g_assert_nonnull (strstr (subtitle (row), "Read-only file"));
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  g_assert_null (sb_test_open_editor (GTK_WIDGET (row)));

  row = row_in (column (window, SB_SCOPE_PROJECT), "~/src/app/.claude/settings.json");
  g_assert_nonnull (strstr (subtitle (row), "Links outside the project"));
  row = row_in (column (window, SB_SCOPE_PROJECT), "Model");
  g_assert_null (sb_test_open_editor (GTK_WIDGET (row)));

  sb_test_close_window (window);
}

static void
test_window_live_reload (SbTestEnv     *env,
                         gconstpointer  data)
{
  SbWindow *window;
  GtkWidget *row;
  GtkWidget *entry;

  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}\n");
  window = sb_test_open_window (app, env->folder);

  /* An outside change appears by itself, and is announced. */
  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\"}}\n");
  wait_for_subtitle (effective (window), "Model", "z-ai/glm-4.6");
  wait_for_subtitle (column (window, SB_SCOPE_LOCAL), "Model", "z-ai/glm-4.6");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "Changed on disk and reloaded: Local"));
  row = row_in (column (window, SB_SCOPE_LOCAL), "~/src/app/.claude/settings.local.json");
  g_assert_nonnull (strstr (subtitle (row), "Changed on disk, reloaded"));

  /* Text being typed is kept through an outside change to the same value, and said so. */
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  g_assert_nonnull (sb_test_open_editor (GTK_WIDGET (row)));
  entry = sb_test_find (GTK_WIDGET (row), is_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "my/typed-model");
  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"x-ai/grok-4\"}}\n");
  wait_for_subtitle (effective (window), "Model", "x-ai/grok-4");
  row = row_in (column (window, SB_SCOPE_LOCAL), "Model");
  entry = sb_test_find (GTK_WIDGET (row), is_entry, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "my/typed-model");
  /* In the new row's popover, open as the old one was. */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER)));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "ANTHROPIC_MODEL changed on disk to “x-ai/grok-4” while you were "
                                  "editing it"));

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER)));
  sb_test_iterate (50);
  sb_test_close_window (window);
}

/* A change remakes only the rows whose values it changed: the others, and an expander
 * that is open, stay as they are. */
static void
test_window_rows_kept (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) user_row = NULL;
  g_autoptr(GtkWidget) env_row = NULL;
  g_autoptr(GtkWidget) other_row = NULL;
  g_autoptr(GtkWidget) expander = NULL;
  g_autoptr(GtkWidget) model_row = NULL;
  g_autoptr(GtkWidget) problem_row = NULL;
  SbWindow *window;

  sb_test_write (paths.user, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"},"
                             " \"permissions\": {\"allow\": [\"Bash(ls)\"]}}\n");
  /* Claude models, whose limits Claude Code knows: the switch changes no problem. */
  sb_test_write (paths.local, "{\"model\": \"anthropic/claude-sonnet-4.5\","
                              " \"env\": {\"MAX_THINKING_TOKENS\": \"8000\"}, \"hooks\": {}}\n");
  window = sb_test_open_window (app, env->folder);

  /* Held, so that a row made anew cannot take the place of one of these in memory. */
  user_row = g_object_ref (GTK_WIDGET (row_in (column (window, SB_SCOPE_USER),
                                               "Base URL")));
  env_row = g_object_ref (GTK_WIDGET (row_in (column (window, SB_SCOPE_LOCAL),
                                              "Thinking tokens")));
  other_row = g_object_ref (GTK_WIDGET (row_in (column (window, SB_SCOPE_LOCAL), "hooks")));
  /* OpenRouter without a key: a problem the switch does not change. */
  problem_row = g_object_ref (sb_test_find (effective (window), is_problem_row, NULL));
  expander = g_object_ref (sb_test_find (effective (window), is_row_titled, "permissions"));
  sb_expander_row_set_expanded (SB_EXPANDER_ROW (expander), TRUE);
  sb_test_iterate (50);

  /* The switch changes model in place. */
  g_assert_true (sb_window_use_model (window, "anthropic/claude-opus-4.1", SB_SCOPE_LOCAL,
                                      &error));
  g_assert_no_error (error);
  wait_for_subtitle (effective (window), "Model (setting)", "anthropic/claude-opus-4.1");
  wait_for_subtitle (column (window, SB_SCOPE_LOCAL), "Model (setting)",
                     "anthropic/claude-opus-4.1");

  g_assert_true (GTK_WIDGET (row_in (column (window, SB_SCOPE_USER), "Base URL")) ==
                 user_row);
  g_assert_true (GTK_WIDGET (row_in (column (window, SB_SCOPE_LOCAL), "Thinking tokens")) ==
                 env_row);
  g_assert_true (GTK_WIDGET (row_in (column (window, SB_SCOPE_LOCAL), "hooks")) == other_row);
  g_assert_true (sb_test_find (effective (window), is_problem_row, NULL) == problem_row);
  g_assert_true (sb_test_find (effective (window), is_row_titled, "permissions") == expander);
  g_assert_true (sb_expander_row_get_expanded (SB_EXPANDER_ROW (expander)));
  /* The changed value's row follows it, in place: a second switch keeps the model's row. */
  model_row = g_object_ref (GTK_WIDGET (row_in (column (window, SB_SCOPE_LOCAL),
                                                "Model (setting)")));
  g_assert_true (sb_window_use_model (window, "anthropic/claude-opus-4.5", SB_SCOPE_LOCAL,
                                      &error));
  wait_for_subtitle (column (window, SB_SCOPE_LOCAL), "Model (setting)",
                     "anthropic/claude-opus-4.5");
  g_assert_true (GTK_WIDGET (row_in (column (window, SB_SCOPE_LOCAL), "Model (setting)")) ==
                 model_row);

  /* A change to the list changes its open expander in place, with the new value. */
  g_assert_null (sb_test_find (expander, is_row_titled, "allow/1"));
  sb_test_write (paths.user, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"},"
                             " \"permissions\": {\"allow\": [\"Bash(ls)\", \"Read(y)\"]}}\n");
  wait_for_subtitle (column (window, SB_SCOPE_USER), "permissions",
                     "2 allowed, 0 denied, 0 to ask");
  g_assert_true (sb_test_find (effective (window), is_row_titled, "permissions") == expander);
  g_assert_true (sb_expander_row_get_expanded (SB_EXPANDER_ROW (expander)));
  g_assert_cmpstr (subtitle (row_in (expander, "allow/1")), ==, "Read(y)");
  g_assert_true (GTK_WIDGET (row_in (column (window, SB_SCOPE_USER), "Base URL")) ==
                 user_row);

  sb_test_close_window (window);
}

static void
test_window_use_model_action (SbTestEnv     *env,
                              gconstpointer  data)
{
  g_autofree char *other = g_build_filename (env->home, "src", "other", NULL);
  g_autofree char *other_local = g_build_filename (other, ".claude", "settings.local.json", NULL);
  g_autofree char *text = NULL;
  SbWindow *window;

  sb_test_write (paths.local, "{\n  \"permissions\": {\"allow\": []}\n}\n");
  g_assert_cmpint (g_mkdir_with_parents (other, 0755), ==, 0);
  window = sb_test_open_window (app, env->folder);

  /* The shown folder: the window offers Undo. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "use-model",
                                  g_variant_new ("(sss)", env->folder, "qwen/qwen3-coder",
                                                 "local"));
  sb_test_iterate (50);
  text = sb_test_read (paths.local);
  /* model, with the window and output cap of the bundled list. */
  g_assert_cmpstr (text, ==,
                   "{\n  \"permissions\": {\"allow\": []},\n  \"model\": \"qwen/qwen3-coder\",\n"
                   "  \"env\": {\n    \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"1048576\",\n"
                   "    \"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"32000\"\n  }\n}\n");
  wait_for_subtitle (effective (window), "Model (setting)", "qwen/qwen3-coder");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "Now using qwen/qwen3-coder, set in the Local settings"));

  /* A folder the window does not list: a caller on the bus cannot write into any folder
   * it likes, and nothing is created there. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "use-model",
                                  g_variant_new ("(sss)", other, "z-ai/glm-4.6", "local"));
  sb_test_iterate (50);
  g_assert_false (g_file_test (other_local, G_FILE_TEST_EXISTS));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "is not in Signalbox’s list of folders"));
  g_assert_cmpstr (sb_window_get_folder (window), ==, env->folder);

  /* Nor one that does not exist. */
  {
    g_autofree char *missing = g_build_filename (env->home, "src", "missing", NULL);
    g_autofree char *missing_local = g_build_filename (missing, ".claude", NULL);

    g_action_group_activate_action (G_ACTION_GROUP (app), "use-model",
                                    g_variant_new ("(sss)", missing, "z-ai/glm-4.6", "local"));
    sb_test_iterate (50);
    g_assert_false (g_file_test (missing_local, G_FILE_TEST_EXISTS));
  }

  /* Once listed, it is shown, written, and the change can be undone. */
  sb_window_open_folder (window, other);
  sb_window_open_folder (window, env->folder);
  g_assert_cmpstr (sb_window_get_folder (window), ==, env->folder);
  g_action_group_activate_action (G_ACTION_GROUP (app), "use-model",
                                  g_variant_new ("(sss)", other, "z-ai/glm-4.6", "local"));
  sb_test_iterate (50);
  g_assert_cmpstr (sb_window_get_folder (window), ==, other);
  g_free (text);
  text = sb_test_read (other_local);
  g_assert_nonnull (strstr (text, "\"model\": \"z-ai/glm-4.6\""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate (50);
  g_free (text);
  text = sb_test_read (other_local);
  g_assert_null (strstr (text, "z-ai/glm-4.6"));
  sb_window_open_folder (window, env->folder);

  /* A layer that is not one changes nothing. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "use-model",
                                  g_variant_new ("(sss)", env->folder, "x", "managed"));
  sb_test_iterate (50);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "is not a layer"));
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_nonnull (strstr (text, "\"model\": \"qwen/qwen3-coder\""));

  sb_test_close_window (window);
}

static void
test_window_sidebar (SbTestEnv     *env,
                     gconstpointer  data)
{
  g_autofree char *webshop = g_build_filename (env->home, "code", "webshop", NULL);
  g_autofree char *webshop_local = g_build_filename (webshop, ".claude", "settings.local.json",
                                                     NULL);
  g_autofree char *claude_json = g_build_filename (env->home, ".claude.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) hidden = NULL;
  SbWindow *window;

  /* No settings and no folders: a page that says how to begin. */
  window = sb_test_open_window (app, NULL);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "No Project Folder"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "There are no Claude Code settings on this computer yet"));

  /* "Set up OpenRouter" opens the key page over the window; it writes nothing by itself. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.openrouter", NULL));
  sb_test_iterate (50);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    GtkWindow *key_window = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (SB_IS_KEY_WINDOW (l->data))
        key_window = l->data;
    g_assert_nonnull (key_window);
    g_assert_true (gtk_window_get_transient_for (key_window) == GTK_WINDOW (window));
    gtk_window_destroy (key_window);
  }
  g_assert_false (g_file_test (paths.user, G_FILE_TEST_EXISTS));
  sb_test_close_window (window);

  /* Folders Claude Code knows are offered, with their model; gone ones are not. */
  sb_test_write (webshop_local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}");
  g_free (text);
  text = g_strdup_printf ("{\"projects\": {\"%s\": {}, \"%s/gone\": {}}}", webshop, env->home);
  sb_test_write (claude_json, text);

  window = sb_test_open_window (app, NULL);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "webshop"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "~/code/webshop"));
  g_assert_null (sb_test_find (GTK_WIDGET (window), is_label_with, "gone"));
  g_assert_cmpstr (sb_window_get_folder (window), ==, webshop);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "qwen/qwen3-coder"));

  /* Opening a folder remembers it and shows it. */
  sb_window_open_folder (window, env->folder);
  sb_test_wait_for_rows (window);
  g_assert_cmpstr (sb_window_get_folder (window), ==, env->folder);
  {
    g_auto(GStrv) folders = g_settings_get_strv (settings, "folders");

    g_assert_cmpstr (folders[0], ==, env->folder);
  }

  /* Removing Claude Code's folder hides it for good. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-folder", "s",
                                             webshop));
  sb_test_iterate (50);
  g_assert_null (sb_test_find (GTK_WIDGET (window), is_label_with, "~/code/webshop"));
  hidden = g_settings_get_strv (settings, "hidden-folders");
  g_assert_true (g_strv_contains ((const char * const *)hidden, webshop));

  /* Removing the shown folder leaves the empty page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-folder", "s",
                                             env->folder));
  sb_test_iterate (50);
  g_assert_null (sb_window_get_folder (window));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "No Project Folder"));
  sb_test_close_window (window);
}

static gboolean
is_label_exactly (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text);
}

/* Fails if a label or a tooltip under @widget holds a zero-width space. */
static void
assert_no_zero_width (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (widget)), "\u200b"));
  if (tooltip != NULL)
    g_assert_null (strstr (tooltip, "\u200b"));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_zero_width (child);
}

/* A setting's row reads as words, with its key below in monospace, shortened in the middle
 * and never broken; a variable without a readable name is titled by itself. */
static void
test_window_row_titles (SbTestEnv     *env,
                        gconstpointer  data)
{
  SbWindow *window;
  GtkWidget *row;
  GtkWidget *key;

  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"z-ai/glm-4.6\","
                              " \"MY_OWN_VARIABLE_WITH_A_LONG_NAME\": \"1\"}}\n");
  window = sb_test_open_window (app, env->folder);

  row = row_in (column (window, SB_SCOPE_LOCAL), "Sonnet tier");
  g_assert_true (SB_IS_VALUE_ROW (row));
  g_assert_cmpstr (subtitle (row), ==, "z-ai/glm-4.6");
  g_assert_cmpstr (sb_value_row_get_key_name (SB_VALUE_ROW (row)), ==,
                   "ANTHROPIC_DEFAULT_SONNET_MODEL");
  key = sb_test_find (row, is_label_exactly, "ANTHROPIC_DEFAULT_SONNET_MODEL");
  g_assert_nonnull (key);
  g_assert_true (gtk_widget_get_visible (key));
  g_assert_true (gtk_widget_has_css_class (key, "monospace"));
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (key)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (key)), ==, PANGO_ELLIPSIZE_MIDDLE);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (key), ==, "ANTHROPIC_DEFAULT_SONNET_MODEL");
  g_assert_nonnull (sb_test_find (row, is_menu_button_labelled, "Edit Sonnet tier"));
  g_assert_nonnull (sb_test_open_editor (row));
  g_assert_nonnull (sb_test_find (row, sb_test_is_button_labelled, "Remove Sonnet tier"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (sb_test_find (row, is_menu_button_labelled,
                                                          "Edit Sonnet tier")));
  sb_test_iterate (20);

  /* An unset key has no row: the Add row offers it by its readable name. */
  g_assert_null (sb_test_find (column (window, SB_SCOPE_LOCAL), is_row_titled, "Key helper"));
  g_assert_true (add_offers (column (window, SB_SCOPE_LOCAL), "Key helper"));

  row = row_in (effective (window), "Sonnet tier");
  g_assert_cmpstr (subtitle (row), ==, "z-ai/glm-4.6");
  g_assert_cmpstr (sb_value_row_get_key_name (SB_VALUE_ROW (row)), ==,
                   "ANTHROPIC_DEFAULT_SONNET_MODEL");
  g_assert_nonnull (sb_test_find (row, is_badge, NULL));

  /* No readable name: the key is the title, once, shortened rather than broken. */
  row = row_in (column (window, SB_SCOPE_LOCAL), "MY_OWN_VARIABLE_WITH_A_LONG_NAME");
  g_assert_cmpstr (subtitle (row), ==, "1");
  key = sb_test_find (row, is_label_exactly, "MY_OWN_VARIABLE_WITH_A_LONG_NAME");
  g_assert_nonnull (key);
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (key)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (key)), ==, PANGO_ELLIPSIZE_MIDDLE);
  g_assert_true (gtk_widget_has_css_class (key, "monospace"));

  assert_no_zero_width (GTK_WIDGET (window));
  sb_test_close_window (window);
}

/* Gathers in @outside the buttons on screen under @widget that reach beyond 0…@width of
 * @window, and counts in @n_buttons those it looked at. */
static void
collect_buttons_outside (GtkWidget *widget,
                         GtkWidget *window,
                         int        width,
                         GPtrArray *outside,
                         guint     *n_buttons)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_BUTTON (widget))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
      (*n_buttons)++;
      if (bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > width + 0.5)
        g_ptr_array_add (outside, widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons_outside (child, window, width, outside, n_buttons);
}

static gboolean
is_close_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "close");
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_mapped_button_labelled (GtkWidget     *widget,
                           gconstpointer  label)
{
  return gtk_widget_get_mapped (widget) && sb_test_is_button_labelled (widget, label);
}

static void
test_window_narrow (SbTestEnv     *env,
                    gconstpointer  data)
{
  g_autofree char *managed = NULL;
  SbWindow *window;
  GtkWidget *leaflet;
  int minimum = 0;

  managed = g_build_filename (env->managed, "managed-settings.json", NULL);

  /* Five columns, the most there can be. */
  sb_test_write (managed, "{\"permissions\": {\"deny\": [\"WebFetch\"]}}\n");
  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}\n");
  window = sb_test_open_window (app, env->folder);
  g_assert_nonnull (column (window, SB_SCOPE_MANAGED));

  /* Nothing needs more than 360 pixels. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  sb_test_iterate (300);
  g_test_message ("minimum %d, width %d", minimum, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  /* The header bar gives way: every button, the close button and the last page tab among
   * them, is inside the window; the model menu shows its icon rather than "…", and the raw
   * view is left to the main menu. */
  {
    g_autoptr(GPtrArray) outside = g_ptr_array_new ();
    int width = gtk_widget_get_width (GTK_WIDGET (window));
    GtkWidget *switcher = sb_test_find (GTK_WIDGET (window), sb_test_is_of_type,
                                        GSIZE_TO_POINTER (SB_TYPE_MODEL_SWITCHER));
    guint n_buttons = 0;

    collect_buttons_outside (GTK_WIDGET (window), GTK_WIDGET (window), width, outside,
                             &n_buttons);
    for (guint i = 0; i < outside->len; i++)
      g_test_message ("outside: %s “%s”", G_OBJECT_TYPE_NAME (outside->pdata[i]),
                      gtk_widget_get_tooltip_text (outside->pdata[i]));
    g_assert_cmpuint (outside->len, ==, 0);
    g_assert_cmpuint (n_buttons, >=, 8);
    g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_close_button, NULL));

    g_assert_nonnull (switcher);
    g_assert_true (gtk_widget_get_mapped (switcher));
    g_assert_null (sb_test_find (switcher, is_mapped_label, NULL));
    g_assert_null (sb_test_find (GTK_WIDGET (window), is_mapped_button_labelled,
                                 "Show Raw Files"));
  }

  /* The columns fold into pages, with a switcher; Effective comes first. */
  leaflet = gtk_widget_get_parent (effective (window));
  g_assert_true (ADW_IS_LEAFLET (leaflet));
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) == effective (window));
  click (sb_test_find (GTK_WIDGET (window), sb_test_is_button_labelled, "Local"));
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) ==
                 column (window, SB_SCOPE_LOCAL));
  sb_test_close_window (window);
}

/* A repository whose core.fsmonitor names a program (as a cloned or unpacked folder may):
 * the window shows what git says of each file, and the program never runs. */
static void
test_window_git_hooks (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autofree char *marker = g_build_filename (env->root, "hook-ran", NULL);
  g_autofree char *hook = g_build_filename (env->root, "hook.sh", NULL);
  g_autofree char *config_path = g_build_filename (env->folder, ".git", "config", NULL);
  g_autofree char *before = NULL;
  g_autofree char *config = NULL;
  g_autofree char *script = NULL;
  g_autofree char *git = g_find_program_in_path ("git");
  SbWindow *window;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  sb_test_write (paths.project, "{}\n");
  sb_test_write (paths.local, "{}\n");
  sb_test_run_git (env->folder, "init", "-q");
  sb_test_run_git (env->folder, "add", paths.project);
  script = g_strdup_printf ("#!/bin/sh\necho ran >> '%s'\nexit 1\n", marker);
  sb_test_write (hook, script);
  g_assert_cmpint (g_chmod (hook, 0755), ==, 0);
  before = sb_test_read (config_path);
  config = g_strdup_printf ("%s[core]\n\tfsmonitor = %s\n", before, hook);
  sb_test_write (config_path, config);

  window = sb_test_open_window (app, env->folder);
  wait_for_subtitle (column (window, SB_SCOPE_PROJECT), "~/src/app/.claude/settings.json",
                     "Valid · Tracked by git");
  wait_for_subtitle (column (window, SB_SCOPE_LOCAL), "~/src/app/.claude/settings.local.json",
                     "Valid · Not ignored by git");
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  sb_test_close_window (window);
}

/* A slow git (a repository on a network share, or one that hangs) never holds the window:
 * git is asked in a thread, and what it says shows when it has answered. Here git waits
 * until the test lets it go, or gives up by itself after 4 s. */
static void
test_window_slow_git (SbTestEnv     *env,
                      gconstpointer  data)
{
  g_autofree char *bin = g_build_filename (env->root, "bin", NULL);
  g_autofree char *fake = g_build_filename (bin, "git", NULL);
  g_autofree char *waiting = g_build_filename (env->root, "waiting", NULL);
  g_autofree char *release = g_build_filename (env->root, "release", NULL);
  g_autofree char *gave_up = g_build_filename (env->root, "gave-up", NULL);
  g_autofree char *script = NULL;
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *path = g_strconcat (bin, ":", old_path, NULL);
  g_autofree char *git = g_find_program_in_path ("git");
  const char *title = "~/src/app/.claude/settings.local.json";
  gint64 deadline;
  SbWindow *window;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  sb_test_write (paths.local, "{}\n");
  sb_test_run_git (env->folder, "init", "-q");
  script = g_strdup_printf ("#!/bin/sh\n"
                            "case \"$*\" in *ls-files*)\n"
                            "  touch '%s'; i=0\n"
                            "  while [ ! -e '%s' ] && [ $i -lt 80 ]; do\n"
                            "    sleep 0.05; i=$((i+1))\n"
                            "  done\n"
                            "  [ -e '%s' ] || touch '%s' ;;\n"
                            "esac\n"
                            "exit 1\n", waiting, release, release, gave_up);
  sb_test_write (fake, script);
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);
  g_setenv ("PATH", path, TRUE);

  window = sb_test_open_window (app, NULL);
  sb_window_open_folder (window, env->folder);

  /* git has started, and is still waiting, while the window goes on. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_file_test (waiting, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    sb_test_iterate (20);
  g_assert_true (g_file_test (waiting, G_FILE_TEST_EXISTS));
  sb_test_iterate (100);
  g_assert_false (g_file_test (gave_up, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (subtitle (row_in (column (window, SB_SCOPE_LOCAL), title)), ==, "Valid");

  sb_test_write (release, "");
  wait_for_subtitle (column (window, SB_SCOPE_LOCAL), title, "Valid · Not ignored by git");
  g_assert_false (g_file_test (gave_up, G_FILE_TEST_EXISTS));

  g_setenv ("PATH", old_path, TRUE);
  sb_test_close_window (window);
}

/* Every text the widgets under @widget hold, shown or not: labels, entries, text views,
 * rows' titles and subtitles, tooltips. */
static void
collect_text (GtkWidget *widget,
              GString   *all)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (all, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (all, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_string_append_printf (all, "%s\n", text);
    }
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (all, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)))
    g_string_append_printf (all, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (SB_IS_VALUE_ROW (widget) && sb_value_row_get_key_name (SB_VALUE_ROW (widget)) != NULL)
    g_string_append_printf (all, "%s\n", sb_value_row_get_key_name (SB_VALUE_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget) && adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)))
    g_string_append_printf (all, "%s\n",
                            adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  if (SB_IS_EXPANDER_ROW (widget))
    g_string_append_printf (all, "%s\n", sb_expander_row_get_subtitle (SB_EXPANDER_ROW (widget)));
  if (tooltip != NULL)
    g_string_append_printf (all, "%s\n", tooltip);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, all);
}

/* Opens every expander under @widget, so that the rows they would show are made. */
static void
open_expanders (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  if (SB_IS_EXPANDER_ROW (widget))
    sb_expander_row_set_expanded (SB_EXPANDER_ROW (widget), TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    open_expanders (child);
}

/* Scrolls @widget into its column's view: a popover cannot open off the screen. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x, y;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_translate_coordinates (widget, gtk_scrolled_window_get_child (
                                                     GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y);
  sb_test_iterate (50);
}

static char *
window_text (SbWindow *window)
{
  GString *all = g_string_new (NULL);

  open_expanders (GTK_WIDGET (window));
  sb_test_iterate (50);
  collect_text (GTK_WIDGET (window), all);
  return g_string_free (all, FALSE);
}

/* Keys inside values (a helper command, a header, a rule, a proxy URL, a file that does not
 * parse) appear nowhere in the window: rows, popovers, summaries, problems, raw views. */
static void
test_window_no_key_shown (SbTestEnv     *env,
                          gconstpointer  data)
{
  g_autoptr(GString) key = g_string_new ("sk-or-v1-");
  g_autofree char *local = NULL;
  g_autofree char *project = NULL;
  g_autofree char *text = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *password = "correcthorsebattery";
  const char *token = "Zx81PqL0vT5mYw2NcR7bK4sJ9hG3fD6a";
  /* By their readable titles; the last has none. */
  static const char * const edited[] = {
    "Key helper", "Custom headers", "HTTPS proxy", "OPENROUTER_API_KEY",
  };
  SbWindow *window;
  GtkWidget *row;
  GtkWidget *entry;

  /* Built here, so that no key-shaped string is ever committed. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (key, "0123456789abcdef"[(i * 5 + 1) % 16]);
  masked = g_strdup_printf ("sk-or-v1-…%s", key->str + key->len - 4);

  local = g_strdup_printf (
    "{\n"
    "  \"apiKeyHelper\": \"sh -c 'echo %s'\",\n"
    "  \"model\": \"%s\",\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_CUSTOM_HEADERS\": \"Authorization: Bearer %s\",\n"
    "    \"HTTPS_PROXY\": \"http://alice:%s@proxy.example:3128\",\n"
    "    \"OPENROUTER_API_KEY\": \"%s\",\n"
    "    \"%s\": \"1\",\n"
    /* Room below, for the rows above to scroll to the top and open their popovers there */
    "    \"PADDING_1\": \"1\", \"PADDING_2\": \"2\", \"PADDING_3\": \"3\",\n"
    "    \"PADDING_4\": \"4\", \"PADDING_5\": \"5\", \"PADDING_6\": \"6\",\n"
    "    \"PADDING_7\": \"7\", \"PADDING_8\": \"8\", \"PADDING_9\": \"9\"\n"
    "  },\n"
    "  \"permissions\": {\"allow\": [\"Bash(OPENROUTER_API_KEY=%s npm test)\"]},\n"
    "  \"statusLine\": {\"type\": \"command\", \"command\": \"KEY=\\u0073k-or-v1-%s x\"}\n"
    "}\n", key->str, key->str, token, password, key->str, key->str, key->str, key->str + 9);
  sb_test_write (paths.local, local);
  /* Does not parse; its error and its raw view must not show the key either. */
  project = g_strdup_printf ("{\"apiKeyHelper\": \"echo %s\", 'x'", key->str);
  sb_test_write (paths.project, project);

  window = sb_test_open_window (app, env->folder);
  sb_test_wait_for_rows (window);

  /* The edit popovers of the values that hold a key, made as a click on the pencil makes
   * them. */
  for (guint i = 0; i < G_N_ELEMENTS (edited); i++)
    {
      GtkWidget *pencil;

      row = row_in (column (window, SB_SCOPE_LOCAL), edited[i]);
      scroll_to (GTK_WIDGET (row));
      pencil = sb_test_open_editor (GTK_WIDGET (row));
      g_assert_nonnull (pencil);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (pencil));
      sb_test_iterate (20);
    }

  text = window_text (window);
  g_assert_null (strstr (text, key->str));
  g_assert_null (strstr (text, key->str + 9));
  g_assert_null (strstr (text, token));
  g_assert_null (strstr (text, password));
  /* Recognisable, not gone. */
  g_assert_nonnull (strstr (text, masked));

  /* The same in the raw views. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.raw", NULL));
  sb_test_iterate (50);
  g_free (text);
  text = window_text (window);
  g_assert_null (strstr (text, key->str));
  g_assert_null (strstr (text, key->str + 9));
  g_assert_null (strstr (text, token));
  g_assert_null (strstr (text, password));
  g_assert_nonnull (strstr (text, masked));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.raw", NULL));
  sb_test_iterate (50);

  /* Enter on a masked value as it came leaves the file alone; a mask is never written. */
  before = sb_test_read (paths.local);
  row = row_in (column (window, SB_SCOPE_LOCAL), "Key helper");
  scroll_to (GTK_WIDGET (row));
  g_assert_nonnull (sb_test_open_editor (GTK_WIDGET (row)));
  entry = sb_test_find (GTK_WIDGET (row), is_entry, NULL);
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (entry)), masked));
  g_signal_emit_by_name (entry, "activate");
  sb_test_iterate (50);
  edit_row (row, "sh -c 'echo sk-or-v1-…1234 again'");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with, "look like keys"));
  row = row_in (column (window, SB_SCOPE_LOCAL), "OPENROUTER_API_KEY");
  scroll_to (GTK_WIDGET (row));
  g_assert_nonnull (sb_test_open_editor (GTK_WIDGET (row)));
  entry = sb_test_find (GTK_WIDGET (row), is_entry, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_signal_emit_by_name (entry, "activate");
  sb_test_iterate (50);
  after = sb_test_read (paths.local);
  g_assert_cmpstr (after, ==, before);

  sb_test_close_window (window);
}

/* A column asks for a change through the folder's actions; the window shows what the
 * folder says, and its Undo takes the change back. */
static void
test_window_folder_actions (SbTestEnv     *env,
                            gconstpointer  data)
{
  static const char before[] = "{ \"permissions\": {\"deny\": [\"Read(./.env)\"]} }\n";
  SbWindow *window;
  GtkWidget *local;
  g_autofree char *set = NULL;
  g_autofree char *used = NULL;
  g_autofree char *undone = NULL;

  g_assert_true (g_mkdir_with_parents (env->folder, 0755) == 0);
  g_assert_true (g_mkdir_with_parents (g_path_get_dirname (paths.local), 0755) == 0);
  sb_test_write (paths.local, before);
  window = sb_test_open_window (app, env->folder);
  local = column (window, SB_SCOPE_LOCAL);
  g_assert_nonnull (local);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "folder.set-value", "(isms)",
                                              SB_SCOPE_LOCAL, "/env/X", "y"));

  g_assert_true (gtk_widget_activate_action (local, "folder.set-value", "(isms)",
                                             SB_SCOPE_LOCAL, "/env/SB_TEST_VALUE", "on"));
  sb_test_iterate (50);
  set = sb_test_read (paths.local);
  g_assert_nonnull (strstr (set, "\"SB_TEST_VALUE\": \"on\""));
  g_assert_nonnull (strstr (set, "\"deny\": [\"Read(./.env)\"]"));

  /* A model switch through the same folder, in the same layer. */
  g_assert_true (gtk_widget_activate_action (local, "folder.use-model", "(si)",
                                             "moonshotai/kimi-k2", SB_SCOPE_LOCAL));
  sb_test_iterate (50);
  used = sb_test_read (paths.local);
  g_assert_nonnull (strstr (used, "moonshotai/kimi-k2"));
  g_assert_cmpstr (sb_window_get_folder (window), ==, env->folder);

  /* Undo takes back the last change, the model; then the value. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate (50);
  undone = sb_test_read (paths.local);
  g_assert_null (strstr (undone, "kimi"));
  g_assert_nonnull (strstr (undone, "SB_TEST_VALUE"));

  sb_test_close_window (window);
}

/* The Add row sets a key the layer does not set: chosen by its readable name, typed,
 * Enter; then the key has its row, and is no longer offered. */
static void
test_window_add_setting (SbTestEnv     *env,
                         gconstpointer  data)
{
  SbWindow *window;
  GtkWidget *local;
  GtkWidget *add;
  GtkWidget *entry;
  g_autofree char *text = NULL;

  sb_test_write (paths.local, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}\n");
  window = sb_test_open_window (app, env->folder);
  local = column (window, SB_SCOPE_LOCAL);
  g_assert_null (sb_test_find (local, is_row_titled, "Base URL"));

  add = sb_test_find (local, is_menu_button_labelled, "Add a Setting");
  g_assert_nonnull (add);
  scroll_to (add);
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  sb_test_iterate (50);
  g_assert_true (add_offers (local, "Base URL"));
  entry = sb_test_find (add, is_entry, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "https://openrouter.ai/api");
  g_signal_emit_by_name (entry, "activate");
  sb_test_iterate (50);

  text = sb_test_read (paths.local);
  g_assert_nonnull (strstr (text, "\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\""));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "Set ANTHROPIC_BASE_URL in the Local settings"));
  wait_for_subtitle (local, "Base URL", "https://openrouter.ai/api");
  g_assert_false (add_offers (local, "Base URL"));
  g_assert_true (add_offers (local, "Key helper"));

  sb_test_close_window (window);
}

static gboolean
is_offered_row (GtkWidget     *widget,
                gconstpointer  model)
{
  return SB_IS_OFFERED_ROW (widget) &&
         g_strcmp0 (sb_offered_row_get_model (SB_OFFERED_ROW (widget)), model) == 0;
}

/* The folder's /model list: a favourite switched on is in Local's availableModels, one the
 * Project file allows says so and is switched there, and "Use for Every Tier" sets the
 * tiers; each undone in one step. */
static void
test_window_offered_models (SbTestEnv     *env,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *text = NULL;
  GtkWidget *row;
  GtkWidget *toggle;
  SbWindow *window;

  g_settings_set_strv (settings, "favourites",
                       (const char * const []) { "z-ai/glm-4.6", NULL });
  sb_test_write (paths.project, "{\"availableModels\": [\"qwen/qwen3-coder\"]}\n");
  sb_test_write (paths.local, "{\"model\": \"qwen/qwen3-coder\"}\n");
  window = sb_test_open_window (app, env->folder);

  row = sb_test_find (effective (window), is_offered_row, "qwen/qwen3-coder");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "in use"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "allowed by the Project settings"));
  row = sb_test_find (effective (window), is_offered_row, "z-ai/glm-4.6");
  g_assert_nonnull (row);
  toggle = sb_test_find (row, sb_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  sb_test_iterate (100);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==, "{\"model\": \"qwen/qwen3-coder\", "
                             "\"availableModels\": [\"z-ai/glm-4.6\"]}\n");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_label_with,
                                  "/model offers z-ai/glm-4.6 here now, from the Local "
                                  "settings"));
  row = sb_test_find (effective (window), is_offered_row, "z-ai/glm-4.6");
  toggle = sb_test_find (row, sb_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* Every tier on it: one save of the Local file, one Undo. */
  g_assert_true (gtk_widget_activate_action (row, "row.use-for-tiers", NULL));
  sb_test_iterate (100);
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_nonnull (strstr (text, "\"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"z-ai/glm-4.6\""));
  g_assert_nonnull (strstr (text, "\"CLAUDE_CODE_SUBAGENT_MODEL\": \"z-ai/glm-4.6\""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate (100);
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==, "{\"model\": \"qwen/qwen3-coder\", "
                             "\"availableModels\": [\"z-ai/glm-4.6\"]}\n");

  /* The one the Project file allows is switched off there. */
  row = sb_test_find (effective (window), is_offered_row, "qwen/qwen3-coder");
  toggle = sb_test_find (row, sb_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  sb_test_iterate (100);
  g_free (text);
  text = sb_test_read (paths.project);
  g_assert_cmpstr (text, ==, "{\"availableModels\": []}\n");

  g_settings_reset (settings, "favourites");
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

  ADD_TEST ("/signalbox/window/columns", test_window_columns);
  ADD_TEST ("/signalbox/window/first-frame", test_window_first_frame);
  ADD_TEST ("/signalbox/window/labels-fit", test_window_labels_fit);
  ADD_TEST ("/signalbox/window/own-icons", test_window_own_icons);
  ADD_TEST ("/signalbox/window/edit-and-undo", test_window_edit_and_undo);
  ADD_TEST ("/signalbox/window/error-states", test_window_error_states);
  ADD_TEST ("/signalbox/window/read-only", test_window_read_only);
  ADD_TEST ("/signalbox/window/live-reload", test_window_live_reload);
  ADD_TEST ("/signalbox/window/rows-kept", test_window_rows_kept);
  ADD_TEST ("/signalbox/window/use-model-action", test_window_use_model_action);
  ADD_TEST ("/signalbox/window/sidebar", test_window_sidebar);
  ADD_TEST ("/signalbox/window/narrow", test_window_narrow);
  ADD_TEST ("/signalbox/window/row-titles", test_window_row_titles);
  ADD_TEST ("/signalbox/window/add-setting", test_window_add_setting);
  ADD_TEST ("/signalbox/window/git-hooks", test_window_git_hooks);
  ADD_TEST ("/signalbox/window/slow-git", test_window_slow_git);
  ADD_TEST ("/signalbox/window/no-key-shown", test_window_no_key_shown);
  ADD_TEST ("/signalbox/window/folder-actions", test_window_folder_actions);
  ADD_TEST ("/signalbox/window/offered-models", test_window_offered_models);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
