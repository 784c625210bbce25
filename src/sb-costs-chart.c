/* sb-costs-chart.c
 *
 * Spending per day as bars, stacked by model: the report's first models in colours of
 * their own (the same order as the list of models beside it), the rest in one grey. The
 * scale is written at the top left, the first and last day under the bars. For screen
 * readers the chart is an image whose description says the same in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-costs-chart.h"

#define CHART_HEIGHT 160
#define LABEL_SPACE 18

struct _SbCostsChart
{
  GtkWidget  parent_instance;

  guint      n_days;
  guint      n_series;  /* colours used, plus one for the rest when there is a rest */
  double    *values;    /* n_days × n_series, the day's cost of each series */
  double     max_day;
  char      *first_day;
  char      *last_day;
};

G_DEFINE_FINAL_TYPE (SbCostsChart, sb_costs_chart, GTK_TYPE_WIDGET)

/* libadwaita's palette: blue, green, yellow, orange, purple; light and dark. */
static const char * const colours[2][SB_COSTS_CHART_N_COLOURS + 1] = {
  { "#3584e4", "#2ec27e", "#e5a50a", "#e66100", "#9141ac", "#9a9996" },
  { "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#dc8add", "#77767b" },
};

static char *
format_day (const GDate *date)
{
  char text[64];

  if (g_date_strftime (text, sizeof text, "%e %b", date) == 0)
    return g_strdup ("");

  return g_strdup (g_strstrip (text));
}

static void
update_description (SbCostsChart       *self,
                    const SbCostReport *report)
{
  g_autofree char *description = NULL;
  g_autofree char *total = NULL;
  g_autofree char *most = NULL;
  g_autofree char *most_day = NULL;
  const SbCostDay *top = NULL;

  for (guint i = 0; report != NULL && i < report->days->len; i++)
    {
      const SbCostDay *day = g_ptr_array_index (report->days, i);

      if (day->cost > 0 && (top == NULL || day->cost > top->cost))
        top = day;
    }

  if (report == NULL || top == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Nothing spent in these days"), -1);
      return;
    }

  total = sb_costs_format_cost (report->known_cost);
  most = sb_costs_format_cost (top->cost);
  most_day = format_day (&top->date);
  /* Translators: "30 days from 6 Nov to 5 Dec: $12.30 in all, the most on 3 Dec: $2.10" */
  description = g_strdup_printf (_("%u days from %s to %s: %s in all, the most on %s: %s"),
                                 self->n_days, self->first_day, self->last_day, total,
                                 most_day, most);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

/**
 * sb_costs_chart_set_report:
 * @self: a chart
 * @report: (nullable): what to draw; nothing when %NULL
 */
void
sb_costs_chart_set_report (SbCostsChart       *self,
                           const SbCostReport *report)
{
  guint n_models;

  g_return_if_fail (SB_IS_COSTS_CHART (self));

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->first_day, g_free);
  g_clear_pointer (&self->last_day, g_free);
  self->n_days = 0;
  self->n_series = 0;
  self->max_day = 0;

  if (report != NULL && report->days->len > 0)
    {
      n_models = report->models->len;
      self->n_days = report->days->len;
      self->n_series = MIN (n_models, SB_COSTS_CHART_N_COLOURS) +
                       (n_models > SB_COSTS_CHART_N_COLOURS ? 1 : 0);
      self->values = g_new0 (double, (gsize) self->n_days * MAX (self->n_series, 1));

      for (guint d = 0; d < self->n_days; d++)
        {
          const SbCostDay *day = g_ptr_array_index (report->days, d);
          double sum = 0;

          for (guint m = 0; m < n_models; m++)
            {
              double cost = MAX (day->model_costs[m], 0);
              guint series = MIN (m, SB_COSTS_CHART_N_COLOURS);

              self->values[d * self->n_series + series] += cost;
              sum += cost;
            }
          self->max_day = MAX (self->max_day, sum);
        }

      self->first_day = format_day (&((SbCostDay *) g_ptr_array_index (report->days, 0))->date);
      self->last_day = format_day (&((SbCostDay *) g_ptr_array_index (report->days,
                                                                     self->n_days - 1))->date);
    }

  update_description (self, report);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
append_text (SbCostsChart  *self,
             GtkSnapshot   *snapshot,
             const char    *text,
             float          x,
             float          y,
             gboolean       align_end,
             const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (align_end ? x - width : x, y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
sb_costs_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SbCostsChart *self = SB_COSTS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  float bars_top = LABEL_SPACE;
  float bars_height = height - 2 * LABEL_SPACE;
  float slot;
  GdkRGBA text;
  GdkRGBA faint;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
  G_GNUC_END_IGNORE_DEPRECATIONS
  faint = text;
  faint.alpha *= 0.15f;

  /* The base line, and the top of the scale. */
  gtk_snapshot_append_color (snapshot, &faint,
                             &GRAPHENE_RECT_INIT (0, bars_top + bars_height, width, 1));
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, bars_top, width, 1));

  if (self->n_days == 0 || bars_height <= 0)
    return;

  {
    g_autofree char *scale = sb_costs_format_cost (self->max_day);

    append_text (self, snapshot, scale, 0, 0, FALSE, &text);
    append_text (self, snapshot, self->first_day, 0, bars_top + bars_height + 2, FALSE, &text);
    append_text (self, snapshot, self->last_day, width, bars_top + bars_height + 2, TRUE, &text);
  }

  if (self->max_day <= 0)
    return;

  slot = (float) width / self->n_days;
  for (guint d = 0; d < self->n_days; d++)
    {
      float y = bars_top + bars_height;
      float bar_width = MAX (slot * 0.7f, 1.0f);
      float x = d * slot + (slot - bar_width) / 2;

      for (guint s = 0; s < self->n_series; s++)
        {
          double value = self->values[d * self->n_series + s];
          float h = (float) (value / self->max_day * bars_height);
          GdkRGBA colour;

          if (h <= 0)
            continue;

          gdk_rgba_parse (&colour, colours[dark][MIN (s, SB_COSTS_CHART_N_COLOURS)]);
          y -= h;
          gtk_snapshot_append_color (snapshot, &colour, &GRAPHENE_RECT_INIT (x, y, bar_width, h));
        }
    }
}

static void
sb_costs_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = CHART_HEIGHT;
  else
    *minimum = *natural = 120;
}

static void
on_dark_changed_cb (SbCostsChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sb_costs_chart_finalize (GObject *object)
{
  SbCostsChart *self = SB_COSTS_CHART (object);

  g_free (self->values);
  g_free (self->first_day);
  g_free (self->last_day);

  G_OBJECT_CLASS (sb_costs_chart_parent_class)->finalize (object);
}

static void
sb_costs_chart_class_init (SbCostsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sb_costs_chart_finalize;
  widget_class->snapshot = sb_costs_chart_snapshot;
  widget_class->measure = sb_costs_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "costs-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sb_costs_chart_init (SbCostsChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Spending per day"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_description (self, NULL);
}
