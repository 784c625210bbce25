/* sb-cost-model-row.c
 *
 * One model in a folder's costs: its name, its tokens, its cost and its share of the
 * whole, with a swatch of the colour its bars have in the chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cost-model-row.h"
#include "sb-costs-chart.h"
#include "sb-model.h"
#include "sb-secrets.h"

struct _SbCostModelRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkLabel     *swatch;
  GtkLabel     *cost_label;
};

G_DEFINE_FINAL_TYPE (SbCostModelRow, sb_cost_model_row, ADW_TYPE_ACTION_ROW)

static void
sb_cost_model_row_class_init (SbCostModelRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-cost-model-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCostModelRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, SbCostModelRow, cost_label);
}

static void
sb_cost_model_row_init (SbCostModelRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_cost_model_row_new:
 * @row: a model's tokens and cost
 * @series: its place in the chart's colours
 * @total: the known cost of all models, for its share of it
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
sb_cost_model_row_new (const SbCostRow *row,
                       guint            series,
                       double           total)
{
  SbCostModelRow *self = g_object_new (SB_TYPE_COST_MODEL_ROW, NULL);
  g_autofree char *input = sb_model_format_context (row->input_tokens + row->cache_read_tokens +
                                                    row->cache_write_tokens,
                                                    SB_MODEL_FORMAT_LABEL);
  g_autofree char *output = sb_model_format_context (row->output_tokens, SB_MODEL_FORMAT_LABEL);
  g_autofree char *cached = sb_model_format_context (row->cache_read_tokens,
                                                     SB_MODEL_FORMAT_LABEL);
  g_autofree char *cost = sb_costs_format_cost (row->cost);
  g_autofree char *name = sb_secrets_redact_string ("ANTHROPIC_MODEL", row->name);
  g_autofree char *class = g_strdup_printf ("series-%u", MIN (series,
                                                              SB_COSTS_CHART_N_COLOURS));
  g_autofree char *tokens = NULL;
  g_autofree char *suffix = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  /* Translators: tokens sent (of them read from the cache) and received, e.g.
   * "1.2M in (900K cached) · 34K out" */
  tokens = g_strdup_printf (_("%s in (%s cached) · %s out"), input,
                            row->cache_read_tokens > 0 ? cached : "0", output);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), tokens);
  gtk_widget_add_css_class (GTK_WIDGET (self->swatch), class);

  if (row->cost >= 0 && total > 0)
    suffix = g_strdup_printf ("%s · %.0f %%", cost, row->cost / total * 100);
  else
    suffix = g_steal_pointer (&cost);
  gtk_label_set_label (self->cost_label, suffix);

  return GTK_WIDGET (self);
}
