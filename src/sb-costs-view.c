/* sb-costs-view.c
 *
 * What a folder spent: this week, this month, a chart per day stacked by model, and the top
 * models with their share, from a report of its transcripts.
 *
 * The chart is drawn with cairo in a GtkDrawingArea, with a palette for the light and one for
 * the dark style; a screen reader gets the same facts as text, as the area's label and
 * description. Costs the list cannot price are left out of the bars and said in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-costs-view.h"

#define N_TOP_MODELS 5

struct _SbCostsView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget       *box;
  GtkDrawingArea  *chart;
  GtkLabel        *current_label;
  GtkLabel        *models_label;
  GtkLabel        *month_label;
  GtkLabel        *week_label;

  /* Owned */
  SbCostReport    *report;
  char            *summary;
};

G_DEFINE_FINAL_TYPE (SbCostsView, sb_costs_view, GTK_TYPE_WIDGET)

/* GNOME's palette; the dark style takes its lighter shades, which read on a dark ground. */
static const char *light_palette[] = {
  "#1c71d8", "#2ec27e", "#e5a50a", "#e66100", "#c01c28", "#813d9c", "#865e3c", "#5e5c64",
};
static const char *dark_palette[] = {
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#f66151", "#c061cb", "#cdab8f", "#c0bfbc",
};

static char *
format_money (double cost)
{
  if (cost < 0)
    /* Translators: a cost that cannot be known */
    return g_strdup (_("unknown"));
  if (cost < 0.01 && cost > 0)
    return g_strdup_printf ("$%.4f", cost);
  return g_strdup_printf ("$%.2f", cost);
}

/* The sum of the known costs of the days from @first (index) on. */
static double
sum_days (const SbCostReport *report,
          guint               first,
          gboolean           *any_unknown)
{
  double sum = 0;

  for (guint d = first; d < report->days->len; d++)
    {
      const SbCostDay *day = report->days->pdata[d];

      for (guint m = 0; m < report->models->len; m++)
        {
          if (day->model_costs[m] < 0)
            *any_unknown = TRUE;
          else
            sum += day->model_costs[m];
        }
    }
  return sum;
}

static char *
format_sum (double   sum,
            gboolean any_unknown)
{
  g_autofree char *money = format_money (sum);

  if (!any_unknown)
    return g_steal_pointer (&money);
  /* Translators: %s is an amount; some models could not be priced */
  return g_strdup_printf (_("at least %s"), money);
}

void
sb_costs_view_draw_chart (cairo_t            *cr,
                          int                 width,
                          int                 height,
                          const SbCostReport *report,
                          gboolean            dark)
{
  const char **palette = dark ? dark_palette : light_palette;
  const double left = 4, bottom = 4, top = 4;
  double highest = 0;
  double slot, scale;
  guint n_days;
  GdkRGBA axis;

  gdk_rgba_parse (&axis, dark ? "rgba(255,255,255,0.6)" : "rgba(0,0,0,0.6)");

  n_days = report != NULL ? report->days->len : 0;
  for (guint d = 0; d < n_days; d++)
    {
      const SbCostDay *day = report->days->pdata[d];
      double total = 0;

      for (guint m = 0; m < report->models->len; m++)
        if (day->model_costs[m] > 0)
          total += day->model_costs[m];
      highest = MAX (highest, total);
    }

  /* The baseline */
  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, height - bottom + 0.5);
  cairo_line_to (cr, width, height - bottom + 0.5);
  cairo_stroke (cr);

  if (n_days == 0 || highest <= 0)
    return;

  slot = (width - left) / (double) n_days;
  scale = (height - bottom - top) / highest;
  for (guint d = 0; d < n_days; d++)
    {
      const SbCostDay *day = report->days->pdata[d];
      double y = height - bottom;
      double x = left + d * slot + MAX (1, slot * 0.15);
      double bar = MAX (1, slot * 0.7);

      for (guint m = 0; m < report->models->len; m++)
        {
          double h = day->model_costs[m] > 0 ? day->model_costs[m] * scale : 0;
          GdkRGBA color;

          if (h <= 0)
            continue;
          gdk_rgba_parse (&color, palette[MIN (m, G_N_ELEMENTS (light_palette) - 1)]);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_rectangle (cr, x, y - h, bar, h);
          cairo_fill (cr);
          y -= h;
        }
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  SbCostsView *self = user_data;

  sb_costs_view_draw_chart (cr, width, height, self->report,
                            adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
on_dark_changed_cb (SbCostsView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* The chart as words: its range, total and highest day as the label, every day with a cost
 * as the description. */
static void
update_accessible (SbCostsView *self)
{
  const SbCostReport *report = self->report;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *total = NULL;
  double highest = -1;
  guint highest_day = 0;
  char first[16] = "", last[16] = "";

  g_clear_pointer (&self->summary, g_free);
  if (report == NULL || report->days->len == 0)
    {
      self->summary = g_strdup (_("No spending to show"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
      return;
    }

  for (guint d = 0; d < report->days->len; d++)
    {
      const SbCostDay *day = report->days->pdata[d];
      char date[16];
      g_autofree char *money = NULL;

      if (day->cost > highest)
        {
          highest = day->cost;
          highest_day = d;
        }
      if (day->cost == 0)
        continue;
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day->date);
      money = format_money (day->cost);
      g_string_append_printf (description, "%s%s: %s", description->len > 0 ? "; " : "",
                              date, money);
    }

  g_date_strftime (first, sizeof first, "%Y-%m-%d",
                   &((SbCostDay *) report->days->pdata[0])->date);
  g_date_strftime (last, sizeof last, "%Y-%m-%d",
                   &((SbCostDay *) report->days->pdata[report->days->len - 1])->date);
  total = format_money (report->total_cost);
  if (highest > 0)
    {
      char date[16];
      g_autofree char *money = format_money (highest);

      g_date_strftime (date, sizeof date, "%Y-%m-%d",
                       &((SbCostDay *) report->days->pdata[highest_day])->date);
      /* Translators: spending per day from the first date to the second; the third %s is
       * the total, the last two the day that cost most and its cost */
      self->summary = g_strdup_printf (_("Spending per day from %s to %s, stacked by model: "
                                         "total %s, most on %s with %s"),
                                       first, last, total, date, money);
    }
  else
    /* Translators: spending per day from the first date to the second; %s is the total */
    self->summary = g_strdup_printf (_("Spending per day from %s to %s: total %s"),
                                     first, last, total);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/**
 * sb_costs_view_set_report:
 * @report: (transfer full) (nullable): the folder's report
 * @catalog: (nullable): the price list, to price the same tokens on @current_model
 * @current_model: (nullable): the model the folder uses now
 */
void
sb_costs_view_set_report (SbCostsView  *self,
                          SbCostReport *report,
                          SbCatalog    *catalog,
                          const char   *current_model)
{
  g_autoptr(GString) models = g_string_new (NULL);
  g_autofree char *week = NULL;
  g_autofree char *month = NULL;
  gboolean week_unknown = FALSE, month_unknown = FALSE;
  guint month_start = 0;
  guint64 in = 0, out = 0, read = 0, write = 0;

  g_return_if_fail (SB_IS_COSTS_VIEW (self));

  g_clear_pointer (&self->report, sb_cost_report_free);
  self->report = report;

  if (report != NULL && report->days->len > 0)
    {
      const SbCostDay *last = report->days->pdata[report->days->len - 1];

      for (guint d = 0; d < report->days->len; d++)
        if (g_date_get_month (&((SbCostDay *) report->days->pdata[d])->date) ==
            g_date_get_month (&last->date) &&
            g_date_get_year (&((SbCostDay *) report->days->pdata[d])->date) ==
            g_date_get_year (&last->date))
          {
            month_start = d;
            break;
          }
      double week_sum, month_sum;

      /* Apart, as the order in which arguments are evaluated is not defined. */
      week_sum = sum_days (report, report->days->len > 7 ? report->days->len - 7 : 0,
                           &week_unknown);
      month_sum = sum_days (report, month_start, &month_unknown);
      week = format_sum (week_sum, week_unknown);
      month = format_sum (month_sum, month_unknown);
    }
  gtk_label_set_label (self->week_label, week != NULL ? week : "—");
  gtk_label_set_label (self->month_label, month != NULL ? month : "—");

  for (guint i = 0; report != NULL && i < report->models->len; i++)
    {
      const SbCostRow *row = report->models->pdata[i];

      in += row->input_tokens;
      out += row->output_tokens;
      read += row->cache_read_tokens;
      write += row->cache_write_tokens;
      if (i >= N_TOP_MODELS)
        continue;
      if (row->cost >= 0 && report->known_cost > 0)
        g_string_append_printf (models, "%s%s — %.0f %%", models->len > 0 ? "\n" : "",
                                row->name, 100 * row->cost / report->known_cost);
      else
        {
          g_autofree char *money = format_money (row->cost);

          g_string_append_printf (models, "%s%s — %s", models->len > 0 ? "\n" : "",
                                  row->name, money);
        }
    }
  gtk_label_set_label (self->models_label, models->str);

  if (current_model != NULL && report != NULL && report->models->len > 0)
    {
      double cost = sb_transcripts_price (catalog, current_model, in, out, read, write);
      g_autofree char *money = format_money (cost);
      /* Translators: the same tokens priced on the model the folder uses now (the first %s),
       * the second %s an amount */
      g_autofree char *text = g_strdup_printf (_("The same tokens on %s would cost %s"),
                                               current_model, money);

      gtk_label_set_label (self->current_label, text);
    }
  else
    gtk_label_set_label (self->current_label, "");

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* Returns: the chart's text alternative, as given to screen readers */
const char *
sb_costs_view_get_chart_summary (SbCostsView *self)
{
  g_return_val_if_fail (SB_IS_COSTS_VIEW (self), NULL);

  return self->summary;
}

static void
sb_costs_view_dispose (GObject *object)
{
  SbCostsView *self = SB_COSTS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_COSTS_VIEW);

  G_OBJECT_CLASS (sb_costs_view_parent_class)->dispose (object);
}

static void
sb_costs_view_finalize (GObject *object)
{
  SbCostsView *self = SB_COSTS_VIEW (object);

  g_clear_pointer (&self->report, sb_cost_report_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sb_costs_view_parent_class)->finalize (object);
}

static void
sb_costs_view_class_init (SbCostsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_costs_view_dispose;
  object_class->finalize = sb_costs_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-costs-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, box);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, chart);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, current_label);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, models_label);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, month_label);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, week_label);
}

static void
sb_costs_view_init (SbCostsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->chart, draw_cb, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

GtkWidget *
sb_costs_view_new (void)
{
  return g_object_new (SB_TYPE_COSTS_VIEW, NULL);
}
