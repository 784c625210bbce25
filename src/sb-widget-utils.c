/* sb-widget-utils.c
 *
 * Small helpers that several widgets share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-widget-utils-private.h"

/**
 * sb_code_view_new:
 * @label: what the view shows, for screen readers
 *
 * Returns: (transfer floating): a read-only text view for a settings file's text, made
 *   when the raw view is first asked for
 */
GtkWidget *
sb_code_view_new (const char *label)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_add_css_class (view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return view;
}

/**
 * sb_text_view_set_code:
 * @view: a read-only text view
 * @text: file text to show
 *
 * Shows @text wrapped at any character but without the hyphens Pango adds inside words,
 * which would read as part of the file.
 */
void
sb_text_view_set_code (GtkTextView *view,
                       const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter start, end;

  if (gtk_text_tag_table_lookup (table, "code") == NULL)
    gtk_text_buffer_create_tag (buffer, "code", "insert-hyphens", FALSE, NULL);

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "code", &start, &end);
}

/**
 * sb_labels_set_min_chars:
 * @widget: a widget
 * @n_chars: the fewest characters a line of a wrapping label need hold
 *
 * Gives every wrapping label under @widget that has no width in characters of its own
 * @n_chars as its minimum width. Without one, GtkLabel finds its minimum width by laying
 * its text out at width 0, where word-char wrapping breaks after every character, and
 * Pango re-shapes the rest of the line at each break: a folder's rows took about 300,000
 * shaping calls that way, and a small part of that with a minimum of a few characters
 * (SB_MIN_LABEL_CHARS). The value rows have theirs in their template; this is for the
 * rows libadwaita makes.
 */
void
sb_labels_set_min_chars (GtkWidget *widget,
                         int        n_chars)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_width_chars (GTK_LABEL (widget)) < 0)
    gtk_label_set_width_chars (GTK_LABEL (widget), n_chars);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sb_labels_set_min_chars (child, n_chars);
}

/* gtk_widget_set_tooltip_text() and _markup() then ask the display where the pointer is, to
 * update a tooltip already on screen: on X11 a round trip to the server (0.15 ms on Xvfb),
 * for each of the 40-odd tooltips of a folder's rows as they are made, before they are in
 * a window. GTK skips the question for a hidden widget, and a widget in no window has no
 * tooltip on screen, nor the focus (which hiding one in a window could move). */
static void
set_tooltip (GtkWidget  *widget,
             const char *text,
             gboolean    markup)
{
  gboolean hide = gtk_widget_get_root (widget) == NULL && gtk_widget_get_visible (widget);

  if (hide)
    gtk_widget_set_visible (widget, FALSE);
  if (markup)
    gtk_widget_set_tooltip_markup (widget, text);
  else
    gtk_widget_set_tooltip_text (widget, text);
  if (hide)
    gtk_widget_set_visible (widget, TRUE);
}

/**
 * sb_widget_set_tooltip_text:
 * @widget: a widget
 * @text: (nullable): its tooltip
 *
 * gtk_widget_set_tooltip_text(), without a round trip to the display server for a widget
 * that is in no window yet.
 */
void
sb_widget_set_tooltip_text (GtkWidget  *widget,
                            const char *text)
{
  set_tooltip (widget, text, FALSE);
}

/**
 * sb_widget_set_tooltip_markup:
 * @widget: a widget
 * @markup: (nullable): its tooltip, in Pango markup
 *
 * gtk_widget_set_tooltip_markup(), as sb_widget_set_tooltip_text().
 */
void
sb_widget_set_tooltip_markup (GtkWidget  *widget,
                              const char *markup)
{
  set_tooltip (widget, markup, TRUE);
}

/**
 * sb_make_scope_badge:
 * @scope: a layer's scope
 *
 * Returns: (transfer floating): a small coloured label naming the layer
 */
GtkWidget *
sb_make_scope_badge (SbScope scope)
{
  GtkWidget *badge = gtk_label_new (sb_scope_get_title (scope));

  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, sb_scope_to_string (scope));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

/**
 * sb_make_icon_button:
 * @icon_name: what the button shows
 * @label: what it does, as tooltip and for screen readers
 *
 * Returns: (transfer floating): a flat button with an icon
 */
GtkWidget *
sb_make_icon_button (const char *icon_name,
                     const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  sb_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
on_list_items_changed_cb (GtkWidget  *list_box,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *model)
{
  /* An empty boxed list would still draw its frame. */
  gtk_widget_set_visible (list_box, g_list_model_get_n_items (model) > 0);
}

/**
 * sb_rows_group_add_list:
 * @group: a group of a column
 * @list: the values the group shows
 * @placeholder: (nullable) (transfer floating): a row to show while @list is empty
 * @create_row: makes the row of an item
 * @user_data: for @create_row
 *
 * Adds to @group a boxed list with a row for each item of @list, made by @create_row
 * and changed with the list; hidden while the list is empty if there is no @placeholder.
 *
 * Returns: (transfer none): the list box
 */
GtkListBox *
sb_rows_group_add_list (SbGroup                    *group,
                        SbValueList                *list,
                        GtkWidget                  *placeholder,
                        GtkListBoxCreateWidgetFunc  create_row,
                        gpointer                    user_data)
{
  GtkWidget *list_box = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list_box, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list_box), G_LIST_MODEL (list), create_row, user_data,
                           NULL);
  if (placeholder != NULL)
    gtk_list_box_set_placeholder (GTK_LIST_BOX (list_box), placeholder);
  else
    {
      g_signal_connect_object (list, "items-changed", G_CALLBACK (on_list_items_changed_cb),
                               list_box, G_CONNECT_SWAPPED);
      on_list_items_changed_cb (list_box, 0, 0, 0, G_LIST_MODEL (list));
    }
  sb_group_add (group, list_box);
  return GTK_LIST_BOX (list_box);
}

static SbGroup *
add_group (GtkWidget  *box,
           const char *title)
{
  GtkWidget *group = sb_group_new (title);

  gtk_box_append (GTK_BOX (box), group);
  return SB_GROUP (group);
}

/**
 * sb_rows_page_add:
 * @view_stack: a column's stack of views
 * @raw: whether the raw view is the one to show
 * @routing: (out) (transfer none): the group of the routing and model keys
 * @env: (out) (transfer none): the group of the other environment variables
 * @other: (out) (transfer none): the group of everything else
 *
 * Adds the "rows" page to a column, with the groups its rows go in.
 */
void
sb_rows_page_add (GtkStack  *view_stack,
                  gboolean   raw,
                  SbGroup  **routing,
                  SbGroup  **env,
                  SbGroup  **other)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  *routing = add_group (box, _("Routing and Models"));
  *env = add_group (box, _("Environment"));
  *other = add_group (box, _("Everything Else"));
  gtk_stack_add_named (view_stack, box, "rows");
  gtk_stack_set_visible_child_name (view_stack, raw ? "raw" : "rows");
}
