/* test-costs-view.c
 *
 * Tests of the Costs view on its own (not yet in the window): its totals, its text
 * alternative, and the chart drawn in the light and the dark style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sb-costs-view.h"

static const char models_json[] =
  "{\"data\":["
  "{\"id\":\"qwen/qwen3-coder\",\"pricing\":{\"prompt\":\"0.000001\",\"completion\":\"0.000002\"}},"
  "{\"id\":\"anthropic/claude-sonnet-4\",\"pricing\":{\"prompt\":\"0.000003\","
  "\"completion\":\"0.000015\"}}]}";

static void
row_free (gpointer data)
{
  SbCostRow *row = data;

  g_free (row->name);
  g_free (row);
}

static void
day_free (gpointer data)
{
  SbCostDay *day = data;

  g_free (day->model_costs);
  g_free (day);
}

/* Ten days to 2026-12-10: qwen costs $1 on the 10th and $2 on the 1st; sonnet $3 on the
 * 10th; a model the list lacks on the 9th. Rows: sonnet, qwen, unknown. */
static SbCostReport *
make_report (gboolean with_unknown)
{
  SbCostReport *report = g_new0 (SbCostReport, 1);
  const char *names[] = { "anthropic/claude-sonnet-4", "qwen/qwen3-coder", "mystery/model" };
  const double costs[] = { 3, 3, -1 };
  guint n_models = with_unknown ? 3 : 2;

  report->models = g_ptr_array_new_with_free_func (row_free);
  report->folders = g_ptr_array_new_with_free_func (row_free);
  report->days = g_ptr_array_new_with_free_func (day_free);
  g_date_clear (&report->since, 1);
  g_date_set_dmy (&report->since, 1, 12, 2026);
  g_date_clear (&report->until, 1);
  g_date_set_dmy (&report->until, 10, 12, 2026);
  for (guint m = 0; m < n_models; m++)
    {
      SbCostRow *row = g_new0 (SbCostRow, 1);

      row->name = g_strdup (names[m]);
      row->input_tokens = 1000000;
      row->cost = costs[m];
      g_ptr_array_add (report->models, row);
    }
  for (guint d = 0; d < 10; d++)
    {
      SbCostDay *day = g_new0 (SbCostDay, 1);

      g_date_clear (&day->date, 1);
      g_date_set_dmy (&day->date, d + 1, 12, 2026);
      day->model_costs = g_new0 (double, n_models);
      g_ptr_array_add (report->days, day);
    }
  ((SbCostDay *) report->days->pdata[9])->model_costs[0] = 3;
  ((SbCostDay *) report->days->pdata[9])->model_costs[1] = 1;
  ((SbCostDay *) report->days->pdata[9])->cost = 4;
  ((SbCostDay *) report->days->pdata[0])->model_costs[1] = 2;
  ((SbCostDay *) report->days->pdata[0])->cost = 2;
  if (with_unknown)
    {
      ((SbCostDay *) report->days->pdata[8])->model_costs[2] = -1;
      ((SbCostDay *) report->days->pdata[8])->cost = -1;
    }
  report->known_cost = 6;
  report->total_cost = with_unknown ? -1 : 6;
  return report;
}

static GtkLabel *
label_named (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_label (GTK_LABEL (child)), text))
        return GTK_LABEL (child);
      found = label_named (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The colour at the middle of the bottom of the bar of @day (of 10) in a 200×100 chart. */
static guint32
pixel_of_day (cairo_surface_t *surface,
              guint            day)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int x = 4 + (int) ((day + 0.5) * (196 / 10.0));
  int y = 100 - 4 - 3;

  cairo_surface_flush (surface);
  return *(guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static void
draw (SbCostReport     *report,
      gboolean          dark,
      cairo_surface_t **out)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (surface);

  sb_costs_view_draw_chart (cr, 200, 100, report, dark);
  cairo_destroy (cr);
  *out = surface;
}

static void
test_chart (void)
{
  SbCostReport *report = make_report (FALSE);
  cairo_surface_t *light, *dark;

  draw (report, FALSE, &light);
  draw (report, TRUE, &dark);

  /* Bars where money was spent, none elsewhere. */
  g_assert_cmpuint (pixel_of_day (light, 0), !=, 0);
  g_assert_cmpuint (pixel_of_day (light, 9), !=, 0);
  g_assert_cmpuint (pixel_of_day (light, 4), ==, 0);
  /* The 10th's bottom is sonnet's colour, the 1st's qwen's. */
  g_assert_cmpuint (pixel_of_day (light, 0), !=, pixel_of_day (light, 9));
  /* Each style its own palette. */
  g_assert_cmpuint (pixel_of_day (light, 9), !=, pixel_of_day (dark, 9));
  g_assert_cmpuint (pixel_of_day (dark, 9), !=, 0);

  if (g_getenv ("SB_TEST_SCREENSHOTS") != NULL)
    {
      cairo_surface_write_to_png (light, "costs-chart-light.png");
      cairo_surface_write_to_png (dark, "costs-chart-dark.png");
    }
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
  sb_cost_report_free (report);
}

static void
test_view (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static (models_json, strlen (models_json));
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sb_costs_view_new ();
  SbCostReport *report = make_report (TRUE);
  const char *summary;

  g_assert_true (sb_catalog_load_bytes (catalog, body, SB_CATALOG_SOURCE_CACHE, NULL, &error));
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  sb_costs_view_set_report (SB_COSTS_VIEW (view), report, catalog, "qwen/qwen3-coder");

  /* The last 7 days hold the 10th ($4) and the unpriced model of the 9th. */
  g_assert_nonnull (label_named (view, "at least $4.00"));
  /* The month: $6 and the unknown. */
  g_assert_nonnull (label_named (view, "at least $6.00"));
  g_assert_nonnull (label_named (view, "anthropic/claude-sonnet-4 — 50 %"));
  g_assert_nonnull (label_named (view, "mystery/model — unknown"));
  /* 3 M input tokens at $1/M on qwen */
  g_assert_nonnull (label_named (view, "The same tokens on qwen/qwen3-coder would cost $3.00"));

  summary = sb_costs_view_get_chart_summary (SB_COSTS_VIEW (view));
  g_assert_cmpstr (summary, ==, "Spending per day from 2026-12-01 to 2026-12-10, stacked by "
                                "model: total unknown, most on 2026-12-10 with $4.00");

  /* The view owns the report; it goes with it. */
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/signalbox/costs-view/chart", test_chart);
  g_test_add_func ("/signalbox/costs-view/view", test_view);

  return g_test_run ();
}
