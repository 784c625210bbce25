/* sb-test-ui.h
 *
 * Finding widgets and letting the main loop run, for the tests of the windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"
#include "sb-window.h"

G_BEGIN_DECLS

typedef gboolean (*SbTestMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

void       sb_test_iterate     (guint          ms);
GtkWidget *sb_test_find        (GtkWidget     *widget,
                                SbTestMatch    match,
                                gconstpointer  data);
char      *sb_test_visible_text (const char   *text);
void       sb_test_wait_for_rows (SbWindow    *window);
SbApplication *sb_test_application_new (const char *openrouter_url);
SbWindow  *sb_test_window_new  (SbApplication *app);
SbWindow  *sb_test_open_window (SbApplication *app,
                                const char    *folder);
void       sb_test_close_window (SbWindow     *window);
gboolean   sb_test_is_of_type  (GtkWidget     *widget,
                                gconstpointer  type);
gboolean   sb_test_is_button_labelled (GtkWidget     *widget,
                                       gconstpointer  label);
gboolean   sb_test_drop_down_select (GtkWidget  *parent,
                                     const char *text);
GtkWidget *sb_test_open_editor (GtkWidget     *row);

G_END_DECLS
