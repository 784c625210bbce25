/* sb-widget-utils-private.h
 *
 * Small helpers that several widgets share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-group.h"
#include "sb-layer.h"
#include "sb-value-list.h"

G_BEGIN_DECLS

/* The narrowest a wrapping label in a column gets; see sb_labels_set_min_chars(). */
#define SB_MIN_LABEL_CHARS 12

void        sb_labels_set_min_chars (GtkWidget            *widget,
                                     int                   n_chars);
void        sb_widget_set_tooltip_text (GtkWidget         *widget,
                                     const char           *text);
void        sb_widget_set_tooltip_markup (GtkWidget       *widget,
                                     const char           *markup);
GtkWidget  *sb_code_view_new        (const char           *label);
void        sb_text_view_set_code   (GtkTextView          *view,
                                     const char           *text);
GtkWidget  *sb_make_scope_badge     (SbScope               scope);
GtkWidget  *sb_make_icon_button     (const char           *icon_name,
                                     const char           *label);
GtkListBox *sb_rows_group_add_list  (SbGroup              *group,
                                     SbValueList          *list,
                                     GtkWidget            *placeholder,
                                     GtkListBoxCreateWidgetFunc create_row,
                                     gpointer              user_data);
void        sb_rows_page_add        (GtkStack             *view_stack,
                                     gboolean              raw,
                                     SbGroup             **routing,
                                     SbGroup             **env,
                                     SbGroup             **other);

G_END_DECLS
