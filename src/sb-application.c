/* sb-application.c
 *
 * The Signalbox application: the window, and the terminal face before GTK starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-cli.h"
#include "sb-paths.h"
#include "sb-window.h"

struct _SbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

/* `signalbox --status` and friends must work without a display (over SSH, in scripts):
 * they are handled here, before the application registers or GTK is initialised. */
static gboolean
sb_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  if (sb_cli_handles (*arguments))
    {
      *exit_status = sb_cli_main (*arguments);
      return TRUE;
    }

  return G_APPLICATION_CLASS (sb_application_parent_class)->local_command_line (app,
                                                                               arguments,
                                                                               exit_status);
}

static int
sb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("signalbox %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

void
sb_application_open_folder (SbApplication *self,
                            const char    *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = NULL;
  SbWindow *window;

  g_return_if_fail (SB_IS_APPLICATION (self));

  resolved = sb_paths_resolve_folder (folder, &error);
  if (resolved == NULL)
    {
      g_warning ("%s", error->message);
      resolved = sb_paths_get_home_dir ();
    }

  window = sb_window_new (self, resolved);
  gtk_window_present (GTK_WINDOW (window));
}

static void
sb_application_activate (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *cwd = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  cwd = g_get_current_dir ();
  sb_application_open_folder (self, cwd);
}

static void
sb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SbApplication *self = SB_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        sb_application_open_folder (self, path);
    }
}

static void
sb_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", sb_application_quit_action },
};

static void
sb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->local_command_line = sb_application_local_command_line;
  app_class->handle_local_options = sb_application_handle_local_options;
  app_class->startup = sb_application_startup;
  app_class->activate = sb_application_activate;
  app_class->open = sb_application_open;
}

static void
sb_application_init (SbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), N_("[FOLDER…]"));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Terminal use, without a window:\n"
      "  signalbox --status [--json] [FOLDER]\n"
      "  signalbox --use MODEL [--layer local|project|user] [FOLDER]\n"
      "  signalbox --models [--json] [--tools] [--free] [--search TEXT]"));
}

SbApplication *
sb_application_new (void)
{
  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/signalbox/Signalbox",
                       NULL);
}
