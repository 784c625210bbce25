/* sb-folder-chooser.c
 *
 * Asks for a project folder with the desktop's file chooser (a portal's, under Flatpak),
 * and gives it back absolute, links resolved, as every folder Signalbox keeps is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-folder-chooser.h"
#include "sb-paths.h"

static void
on_response_cb (GtkNativeDialog *chooser,
                int              response,
                GTask           *task)
{
  g_autoptr(GTask) owned = task;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *resolved;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No folder chosen"));
      return;
    }

  path = g_file_get_path (file);
  resolved = path != NULL ? sb_paths_resolve_folder (path, &error) : NULL;
  if (resolved != NULL)
    g_task_return_pointer (task, resolved, g_free);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Only local folders can be opened"));
}

/**
 * sb_folder_chooser_ask_async:
 * @parent: the window the chooser is modal for
 * @cancellable: (nullable): to stop waiting
 * @callback: called with the answer
 * @user_data: for @callback
 */
void
sb_folder_chooser_ask_async (GtkWindow           *parent,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (parent, cancellable, callback, user_data);
  GtkFileChooserNative *chooser;

  g_task_set_source_tag (task, sb_folder_chooser_ask_async);
  chooser = gtk_file_chooser_native_new (_("Open a Project Folder"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * sb_folder_chooser_ask_finish:
 * @result: the answer
 * @error: %G_IO_ERROR_CANCELLED when none was chosen, or why it cannot be opened
 *
 * Returns: (transfer full) (nullable): the folder, absolute, links resolved
 */
char *
sb_folder_chooser_ask_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
