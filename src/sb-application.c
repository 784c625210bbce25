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

/* How often to look whether the model list has grown old. */
#define CATALOG_CHECK_SECONDS (30 * 60)

struct _SbApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  SbOpenRouter   *openrouter;    /* NULL when SIGNALBOX_OPENROUTER_URL is unusable */
  SbCatalog      *catalog;
  SbSettings     *settings;
  SbContext      *context;       /* the three above and the settings, for the windows */
  GCancellable   *cancellable;
  guint           catalog_check_id;
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
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("signalbox %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* The desktop file's "Open a Project Folder": in the running instance if there is one. */
  if (g_variant_dict_contains (options, "open-folder"))
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_action_group_activate_action (G_ACTION_GROUP (app), "open-folder", NULL);
      return 0;
    }

  return -1;
}

static SbWindow *
get_window (SbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (sb_window_new (GTK_APPLICATION (self), self->context));

  return SB_WINDOW (window);
}

/**
 * sb_application_open_folder:
 * @self: the application
 * @folder: a folder, as given
 *
 * Shows @folder in the window, remembering it in the sidebar.
 */
void
sb_application_open_folder (SbApplication *self,
                            const char    *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = NULL;
  SbWindow *window;

  g_return_if_fail (SB_IS_APPLICATION (self));

  window = get_window (self);
  resolved = sb_paths_resolve_folder (folder, &error);
  if (resolved != NULL)
    sb_window_open_folder (window, resolved);
  else
    sb_window_show_message (window, error->message);

  gtk_window_present (GTK_WINDOW (window));
}

static void
sb_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (SB_APPLICATION (app))));
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

/* Whoever called over D-Bus gets no answer: the log and the window say what went wrong. */
static void
report_use_model_error (SbApplication *self,
                        const GError  *error)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_message ("use-model: %s", error->message);
  if (active != NULL)
    sb_window_show_message (SB_WINDOW (active), error->message);
}

/* app.use-model (folder, model, layer): what `signalbox --use` does, for scripts and
 * desktop integrations over D-Bus while the window is open. */
static void
sb_application_use_model_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  SbApplication *self = SB_APPLICATION (user_data);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = NULL;
  const char *folder;
  const char *model;
  const char *layer;
  SbScope scope;
  gboolean done;

  g_variant_get (parameter, "(&s&s&s)", &folder, &model, &layer);

  if (!sb_scope_from_string (layer, &scope) || scope == SB_SCOPE_MANAGED)
    {
      /* Translators: %s is what was given as a layer */
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a layer: give local, project or user"), layer);
      report_use_model_error (self, error);
      return;
    }

  resolved = sb_paths_resolve_folder (folder, &error);
  if (resolved == NULL)
    {
      report_use_model_error (self, error);
      return;
    }

  /* Only a folder the window lists, and through the window's own layers, so that what a
   * caller on the bus does is seen and can be undone; no window, no change. */
  if (active == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Signalbox has no window open to make the change in"));
      done = FALSE;
    }
  else
    done = sb_window_use_model_in (SB_WINDOW (active), resolved, model, scope, &error);

  if (!done)
    report_use_model_error (self, error);
}

static void
sb_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  SbApplication *self = SB_APPLICATION (user_data);
  static const char *developers[] = { "The Signalbox developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", "Signalbox",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Signalbox developers"),
                         "developers", developers,
                         "comments", _("Run Claude Code through OpenRouter: see every settings "
                                       "layer, choose models per project, keep the key in "
                                       "the keyring"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/signalbox/signalbox",
                         "issue-url", "https://github.com/signalbox/signalbox/issues",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
sb_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
sb_application_open_folder_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  SbWindow *window = get_window (SB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-folder", NULL);
}

/* The model list: cache or bundled at once, then the network in the background when it is
 * old. Nothing here blocks the window: parsing happens in worker threads. */

static void
refresh_catalog_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sb_catalog_refresh_finish (SB_CATALOG (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not refresh the model list: %s", error->message);
}

static void
refresh_catalog_if_stale (SbApplication *self)
{
  if (self->openrouter != NULL && sb_catalog_is_stale (self->catalog, NULL))
    sb_catalog_refresh_async (self->catalog, self->openrouter, FALSE, self->cancellable,
                              refresh_catalog_cb, NULL);
}

static gboolean
check_catalog_cb (gpointer user_data)
{
  refresh_catalog_if_stale (SB_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
load_catalog_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SbApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_catalog_load_finish (SB_CATALOG (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not load the model list: %s", error->message);
    }

  refresh_catalog_if_stale (self);
}

static const GActionEntry app_actions[] = {
  { "quit", sb_application_quit_action },
  { "about", sb_application_about_action },
  { "open-folder", sb_application_open_folder_action },
  { "use-model", sb_application_use_model_action, "(sss)" },
};

static void
sb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  SbApplication *self = SB_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);

  self->openrouter = sb_openrouter_new (&error);
  if (self->openrouter == NULL)
    g_message ("The model list will not be refreshed: %s", error->message);
  self->context = sb_context_new (self->settings, self->catalog, self->openrouter);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  sb_catalog_load_async (self->catalog, self->cancellable, load_catalog_cb,
                         g_object_ref (self));
  self->catalog_check_id = g_timeout_add_seconds (CATALOG_CHECK_SECONDS, check_catalog_cb,
                                                  self);
}

static void
sb_application_shutdown (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->catalog_check_id, g_source_remove);

  G_APPLICATION_CLASS (sb_application_parent_class)->shutdown (app);
}

static void
sb_application_dispose (GObject *object)
{
  SbApplication *self = SB_APPLICATION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->catalog_check_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);
  g_clear_object (&self->openrouter);

  G_OBJECT_CLASS (sb_application_parent_class)->dispose (object);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sb_application_dispose;

  app_class->local_command_line = sb_application_local_command_line;
  app_class->handle_local_options = sb_application_handle_local_options;
  app_class->startup = sb_application_startup;
  app_class->shutdown = sb_application_shutdown;
  app_class->activate = sb_application_activate;
  app_class->open = sb_application_open;
}

static void
sb_application_init (SbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { "open-folder", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Choose a project folder to open"),
      NULL },
    { NULL }
  };

  self->catalog = sb_catalog_new ();
  self->settings = sb_settings_new ();
  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), N_("[FOLDER…]"));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Terminal use, without a window:\n"
      "  signalbox --status [--json] [FOLDER]\n"
      "  signalbox --use MODEL [--layer local|project|user] [FOLDER]\n"
      "  signalbox --models [--json] [--tools] [--free] [--search TEXT]\n"
      "  signalbox --move-keys [--profile NAME] [FOLDER]\n"
      "  signalbox --costs [--json] [--since DATE] [--until DATE] [FOLDER]\n"
      "  signalbox --favourite MODEL | --unfavourite MODEL\n"
      "  signalbox --enable MODEL | --disable MODEL [--layer local|project|user] [FOLDER]"));
}

/* Returns: (transfer none) (nullable): the services the application's windows share, made
 *   at startup */
SbContext *
sb_application_get_context (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);

  return self->context;
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
