/* bench-startup.c
 *
 * A benchmark harness, not a test: starts either Signalbox's own application on a folder
 * (`bench-startup signalbox FOLDER`) or a bare libadwaita window built here, the floor
 * (`bench-startup floor`), and prints one line when the window's first frame has been
 * painted (a GdkFrameClock "after-paint" hook), with the peak memory so far, and another
 * when the first frame that shows every row of the folder's columns has been painted (the
 * floor has none to make: for it, and for a window that makes its rows with its columns,
 * that is the first frame). With
 * `--settle SECONDS` it keeps running that long after the first frame (so that the work
 * done lazily, such as loading the catalogue, is counted) and prints the peak memory then;
 * with `--switch N` it also times N model switches through the window, from the call to
 * the file renamed on disk, and how long the window then takes to show the change. build-aux/bench runs it and compares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "sb-application.h"
#include "sb-layer-stack.h"
#include "sb-value-row.h"
#include "sb-window.h"

static gboolean painted;
static gboolean completed;
static double settle_seconds;
static guint switches;
static GApplication *application;

/* Kilobytes of the peak resident set so far (VmHWM). */
static long
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
time_switches (GtkWindow *window)
{
  g_autofree double *times = g_new0 (double, switches);
  g_autofree double *updates = g_new0 (double, switches);
  SbLayerStack *stack;
  const char *path;

  if (!SB_IS_WINDOW (window) || switches == 0)
    return;

  stack = sb_window_get_stack (SB_WINDOW (window));
  path = sb_layer_get_path (sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL));

  for (guint i = 0; i < switches; i++)
    {
      g_autofree char *model = g_strdup_printf ("vendor/bench-%u", i);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!sb_window_use_model (SB_WINDOW (window), model, SB_SCOPE_LOCAL, &error))
        g_error ("model switch failed: %s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1e3;

      /* Renamed into place by the time the call returns, or the figure means nothing. */
      if (!g_file_get_contents (path, &text, NULL, NULL) || strstr (text, model) == NULL)
        g_error ("%s does not hold %s after the switch", path, model);

      /* Let the window take in its own change, as it would between two clicks: it makes
       * the rows whose values changed anew. */
      start = g_get_monotonic_time ();
      while (g_main_context_iteration (NULL, FALSE))
        ;
      updates[i] = (g_get_monotonic_time () - start) / 1e3;
    }

  qsort (times, switches, sizeof *times, compare_doubles);
  g_print ("switch-ms %.3f\n", times[switches / 2]);
  qsort (updates, switches, sizeof *updates, compare_doubles);
  g_print ("switch-view-ms %.3f\n", updates[switches / 2]);

  /* The same switch without the window: what the core's save costs alone. */
  {
    g_autoptr(SbLayerStack) bare = sb_layer_stack_new (sb_layer_stack_get_folder (stack));

    for (guint i = 0; i < switches; i++)
      {
        g_autofree char *model = g_strdup_printf ("vendor/core-%u", i);
        gint64 start = g_get_monotonic_time ();

        if (!sb_layer_stack_use_model (bare, model, SB_SCOPE_LOCAL, NULL))
          g_error ("model switch failed");
        times[i] = (g_get_monotonic_time () - start) / 1e3;
      }
    qsort (times, switches, sizeof *times, compare_doubles);
    g_print ("switch-core-ms %.3f\n", times[switches / 2]);
  }
}

static gboolean
settled_cb (gpointer data)
{
  GtkWindow *window = data;

  g_print ("settled-peak-kib %ld\n", peak_kib ());
  time_switches (window);
  gtk_window_destroy (window);
  g_application_quit (application);
  return G_SOURCE_REMOVE;
}

/* Whether every value row under @widget is on screen, and there is at least one: the
 * bench's folder sets values in every layer. */
static gboolean
shows_every_row (GtkWidget *widget,
                 guint     *n_rows)
{
  if (SB_IS_VALUE_ROW (widget))
    {
      (*n_rows)++;
      return gtk_widget_get_mapped (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!shows_every_row (child, n_rows))
      return FALSE;

  return TRUE;
}

static gboolean
is_complete (GtkWindow *window)
{
  guint n_rows = 0;

  if (!SB_IS_WINDOW (window))
    return TRUE;

  return shows_every_row (GTK_WIDGET (window), &n_rows) && n_rows > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  if (!painted)
    {
      painted = TRUE;

      /* The parent times the whole process up to this line, and up to the next. */
      g_print ("first-frame-peak-kib %ld\n", peak_kib ());
      fflush (stdout);
    }

  if (completed || !is_complete (window))
    return;
  completed = TRUE;

  g_print ("complete-frame-peak-kib %ld\n", peak_kib ());
  fflush (stdout);

  g_timeout_add ((guint) (settle_seconds * 1000), settled_cb, window);
}

static void
on_window_mapped_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), widget, 0);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_window_mapped_cb), NULL);
}

/* The floor: what any libadwaita application pays for one window. */
static void
on_floor_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  /* As large as Signalbox's window opens: the area drawn counts as well. */
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Floor");
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  gtk_widget_set_vexpand (status, TRUE);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  int i = 1;

  setlocale (LC_ALL, "");

  for (; i + 1 < argc && g_str_has_prefix (argv[i], "--"); i += 2)
    {
      if (strcmp (argv[i], "--settle") == 0)
        settle_seconds = g_ascii_strtod (argv[i + 1], NULL);
      else if (strcmp (argv[i], "--switch") == 0)
        switches = (guint) g_ascii_strtoull (argv[i + 1], NULL, 10);
    }

  if (i >= argc || (strcmp (argv[i], "floor") != 0 && strcmp (argv[i], "signalbox") != 0))
    {
      g_printerr ("usage: bench-startup [--settle SECONDS] [--switch N] floor|signalbox "
                  "[FOLDER]\n");
      return 2;
    }

  g_ptr_array_add (args, argv[0]);
  if (strcmp (argv[i], "floor") == 0)
    {
      app = G_APPLICATION (adw_application_new ("io.github.signalbox.BenchFloor",
                                                G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (on_floor_activate_cb), NULL);
    }
  else
    {
      app = G_APPLICATION (sb_application_new ());
      for (int j = i + 1; j < argc; j++)
        g_ptr_array_add (args, argv[j]);
    }
  g_ptr_array_add (args, NULL);

  application = app;
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  return g_application_run (app, args->len - 1, (char **) args->pdata);
}
