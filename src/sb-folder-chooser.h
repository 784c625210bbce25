/* sb-folder-chooser.h
 *
 * Asks for a project folder with the desktop's file chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  sb_folder_chooser_ask_async  (GtkWindow           *parent,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char *sb_folder_chooser_ask_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
