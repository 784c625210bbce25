/* sb-test-ui.c
 *
 * Finding widgets and letting the main loop run, for the tests of the windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-test-ui.h"

/**
 * sb_test_iterate:
 * @ms: how long
 *
 * Runs the main loop for @ms milliseconds, dispatching whatever is ready.
 */
void
sb_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  do
    g_main_context_iteration (NULL, FALSE);
  while (g_get_monotonic_time () < end);
}

/**
 * sb_test_find:
 * @widget: where to start
 * @match: what to look for
 * @data: passed to @match
 *
 * Returns: (nullable) (transfer none): the first widget, depth first, that @match accepts,
 *   looking into the popovers of menu buttons too
 */
GtkWidget *
sb_test_find (GtkWidget     *widget,
              SbTestMatch    match,
              gconstpointer  data)
{
  GtkPopover *popover;

  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sb_test_find (child, match, data);

      if (found != NULL)
        return found;
    }

  /* Popovers hang off their buttons. */
  popover = GTK_IS_MENU_BUTTON (widget) ? gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget))
                                        : NULL;
  return popover != NULL ? sb_test_find (GTK_WIDGET (popover), match, data) : NULL;
}

/**
 * sb_test_visible_text:
 * @text: (nullable): a label's text
 *
 * Fails the test if @text holds a zero-width space, which a screen reader would read out
 * or stumble on, and which the window once put in long names to wrap them.
 *
 * Returns: (transfer full): @text as a person reads it
 */
char *
sb_test_visible_text (const char *text)
{
  g_assert_null (strstr (text != NULL ? text : "", "\u200b"));

  return g_strdup (text != NULL ? text : "");
}

/**
 * sb_test_wait_for_rows:
 * @window: a window showing a folder
 *
 * Runs the main loop a while after a folder is opened, for what is answered later: git's
 * states, the keyring's, the catalogue's. The rows themselves are made with the columns.
 */
void
sb_test_wait_for_rows (SbWindow *window)
{
  g_assert_true (SB_IS_WINDOW (window));
  sb_test_iterate (20);
}

static gboolean
is_edit_button (GtkWidget     *widget,
                gconstpointer  data)
{
  const char *tooltip;

  /* A pencil a person cannot see is not one. */
  if (!GTK_IS_MENU_BUTTON (widget) || !gtk_widget_get_visible (widget))
    return FALSE;

  tooltip = gtk_widget_get_tooltip_text (widget);
  return tooltip != NULL && g_str_has_prefix (tooltip, "Edit ");
}

/**
 * sb_test_open_editor:
 * @row: a row of a layer's column
 *
 * Opens the row's edit popover, as a click on its pencil does.
 *
 * Returns: (nullable) (transfer none): the pencil, or %NULL if the row has none
 */
GtkWidget *
sb_test_open_editor (GtkWidget *row)
{
  GtkWidget *button = sb_test_find (row, is_edit_button, NULL);

  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  double x, y;

  if (button == NULL)
    return NULL;

  /* Scrolled into view first, as a person would: a popover cannot open off the screen. */
  if (scrolled != NULL &&
      gtk_widget_translate_coordinates (row, gtk_scrolled_window_get_child (
                                          GTK_SCROLLED_WINDOW (scrolled)), 0, 0, &x, &y))
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                                  GTK_SCROLLED_WINDOW (scrolled)), y);
      sb_test_iterate (50);
    }

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  sb_test_iterate (20);
  return button;
}

/**
 * sb_test_is_of_type:
 * @widget: a widget
 * @type: a #GType, as GSIZE_TO_POINTER()
 *
 * A #SbTestMatch for sb_test_find(): widgets of @type.
 */
gboolean
sb_test_is_of_type (GtkWidget     *widget,
                    gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/**
 * sb_test_is_button_labelled:
 * @widget: a widget
 * @label: a button's label, mnemonic included, or its tooltip
 *
 * A #SbTestMatch for sb_test_find(): the button a person would know by @label.
 */
gboolean
sb_test_is_button_labelled (GtkWidget     *widget,
                            gconstpointer  label)
{
  const char *text;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;

  text = gtk_button_get_label (GTK_BUTTON (widget));
  if (text != NULL && g_str_equal (text, label))
    return TRUE;

  text = gtk_widget_get_tooltip_text (widget);
  return text != NULL && g_str_equal (text, label);
}

/**
 * sb_test_drop_down_select:
 * @parent: where the drop-down is, in a popover or not
 * @text: one of its strings
 *
 * Selects @text in the first drop-down of strings under @parent, as a person picks it.
 *
 * Returns: whether the drop-down offers @text
 */
gboolean
sb_test_drop_down_select (GtkWidget  *parent,
                          const char *text)
{
  GtkWidget *dropdown = sb_test_find (parent, sb_test_is_of_type,
                                      GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN));
  GListModel *strings;

  g_assert_nonnull (dropdown);
  strings = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (guint i = 0; i < g_list_model_get_n_items (strings); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (strings), i), text))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return TRUE;
      }

  return FALSE;
}

/**
 * sb_test_application_new:
 * @openrouter_url: where the application's OpenRouter client goes
 *
 * The application of a window test: registered, so that its windows have their actions,
 * but not unique on the bus.
 *
 * Returns: (transfer full): the application
 */
SbApplication *
sb_test_application_new (const char *openrouter_url)
{
  g_autoptr(GError) error = NULL;
  SbApplication *app;

  g_setenv ("SIGNALBOX_OPENROUTER_URL", openrouter_url, TRUE);
  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/**
 * sb_test_window_new:
 * @app: the test's application
 *
 * Makes a window as the application does, with the application's services.
 *
 * Returns: (transfer none): the window, not shown yet
 */
SbWindow *
sb_test_window_new (SbApplication *app)
{
  return sb_window_new (GTK_APPLICATION (app), sb_application_get_context (app));
}

/**
 * sb_test_open_window:
 * @app: the test's application
 * @folder: (nullable): a folder to open, or %NULL for what the window chooses itself
 *
 * Opens a window as a person would, and waits until it shows the folder's rows.
 *
 * Returns: (transfer none): the window, on screen
 */
SbWindow *
sb_test_open_window (SbApplication *app,
                     const char    *folder)
{
  SbWindow *window = sb_test_window_new (app);

  if (folder != NULL)
    sb_window_open_folder (window, folder);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  if (sb_window_get_folder (window) != NULL)
    sb_test_wait_for_rows (window);
  return window;
}

/**
 * sb_test_close_window:
 * @window: a window of sb_test_open_window()
 *
 * Closes @window and lets the main loop take that in.
 */
void
sb_test_close_window (SbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate (50);
}
