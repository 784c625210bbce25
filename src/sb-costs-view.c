/* sb-costs-view.c
 *
 * What a folder cost: the last days, the month, a chart per day, the models, and what the
 * same tokens would cost on the model the folder uses now.
 *
 * Everything here is an estimate and says so: tokens from Claude Code's transcripts,
 * priced with OpenRouter's list as it is today. The transcripts are read again, in the
 * background, each time the view is shown; only what was appended is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cost-model-row.h"
#include "sb-costs-chart.h"
#include "sb-costs-view.h"
#include "sb-secrets.h"

#define N_DAYS 30

struct _SbCostsView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *empty_page;
  GtkLabel       *week_label;
  GtkLabel       *month_label;
  GtkLabel       *days_label;
  SbCostsChart   *chart;
  GtkListBox     *models_list;
  AdwActionRow   *now_row;
  GtkLabel       *now_label;

  /* Owned */
  SbContext      *context;
  SbFolder       *folder;
  SbCosts        *costs;        /* the context's, once the page is first shown */
};

G_DEFINE_FINAL_TYPE (SbCostsView, sb_costs_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_cost (GtkLabel *label,
          double    cost)
{
  g_autofree char *text = sb_costs_format_cost (cost);

  gtk_label_set_label (label, text);
}

static void
set_total (GtkLabel           *label,
           const SbCostReport *report)
{
  g_autofree char *text = sb_costs_format_total (report != NULL ? report->total_cost : -1,
                                                 report != NULL ? report->known_cost : 0);

  gtk_label_set_label (label, text);
}

static SbCostReport *
month_report (SbCosts    *costs,
              const char *folder)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate since;
  GDate until;

  g_date_clear (&since, 1);
  g_date_set_dmy (&since, 1, g_date_time_get_month (now), g_date_time_get_year (now));
  until = since;
  g_date_set_day (&until, g_date_time_get_day_of_month (now));
  return sb_costs_report (costs, folder, &since, &until);
}

/* The same tokens, all of them, on the model the folder uses now. */
static void
show_now (SbCostsView        *self,
          SbCosts            *costs,
          const SbCostReport *report)
{
  const char *model = sb_folder_get_model (self->folder);
  guint64 input = 0, output = 0, cache_read = 0, cache_write = 0;
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;

  if (model == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->now_row),
                                     _("No model is set for this folder"));
      gtk_label_set_label (self->now_label, "—");
      return;
    }

  for (guint i = 0; i < report->models->len; i++)
    {
      const SbCostRow *row = g_ptr_array_index (report->models, i);

      input += row->input_tokens;
      output += row->output_tokens;
      cache_read += row->cache_read_tokens;
      cache_write += row->cache_write_tokens;
    }

  /* Translators: %s is a model id */
  shown = sb_secrets_redact_string ("ANTHROPIC_MODEL", model);
  title = g_strdup_printf (_("The same tokens on %s"), shown);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->now_row), title);
  set_cost (self->now_label, sb_transcripts_price (sb_costs_get_catalog (costs), model, input,
                                                   output, cache_read, cache_write));
}

static void
show_report (SbCostsView *self,
             SbCosts     *costs)
{
  const char *folder = sb_folder_get_path (self->folder);
  g_autoptr(SbCostReport) report = NULL;
  g_autoptr(SbCostReport) week = NULL;
  g_autoptr(SbCostReport) month = NULL;
  GtkWidget *child;

  if (sb_costs_get_error (costs) != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Transcripts Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, sb_costs_get_error (costs));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  report = sb_costs_report_days (costs, folder, N_DAYS);
  if (report == NULL)
    return;

  if (report->n_replies == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing Spent Here Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Claude Code has no sessions in this folder in the "
                                         "last 30 days."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  week = sb_costs_report_days (costs, folder, 7);
  month = month_report (costs, folder);
  set_total (self->week_label, week);
  set_total (self->month_label, month);
  set_total (self->days_label, report);
  sb_costs_chart_set_report (self->chart, report);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->models_list))) != NULL)
    gtk_list_box_remove (self->models_list, child);
  for (guint i = 0; i < report->models->len; i++)
    gtk_list_box_append (self->models_list,
                         sb_cost_model_row_new (g_ptr_array_index (report->models, i), i,
                                                report->known_cost));

  show_now (self, costs, report);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void update (SbCostsView *self);

/* The reader is the context's, asked for the first time the page is shown, not when the
 * window is made. */
static SbCosts *
get_costs (SbCostsView *self)
{
  if (self->costs != NULL)
    return self->costs;

  self->costs = g_object_ref (sb_context_get_costs (self->context));
  g_signal_connect_object (self->costs, "updated", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  /* Prices that arrive later change what the same tokens cost. */
  g_signal_connect_object (sb_context_get_catalog (self->context), "notify::fetched",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  return self->costs;
}

static void
update (SbCostsView *self)
{
  SbCosts *costs;

  if (self->folder == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  costs = get_costs (self);

  if (!sb_costs_get_ready (costs))
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "reading");
      return;
    }

  gtk_spinner_stop (self->spinner);
  if (!sb_costs_get_busy (costs))
    show_report (self, costs);
}

/**
 * sb_costs_view_set_folder:
 * @self: a view
 * @folder: (nullable): the folder whose costs to show
 */
void
sb_costs_view_set_folder (SbCostsView *self,
                          SbFolder    *folder)
{
  g_return_if_fail (SB_IS_COSTS_VIEW (self));

  if (self->folder != NULL)
    g_signal_handlers_disconnect_by_data (self->folder, self);
  g_set_object (&self->folder, folder);
  if (self->folder != NULL)
    g_signal_connect_object (self->folder, "notify::model", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sb_costs_refresh (get_costs (self));
  update (self);
}

/* Read what was appended each time the view is shown. */
static void
sb_costs_view_map (GtkWidget *widget)
{
  SbCostsView *self = SB_COSTS_VIEW (widget);

  GTK_WIDGET_CLASS (sb_costs_view_parent_class)->map (widget);

  sb_costs_refresh (get_costs (self));
  update (self);
}

static void
sb_costs_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbCostsView *self = SB_COSTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_costs_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbCostsView *self = SB_COSTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_costs_view_dispose (GObject *object)
{
  SbCostsView *self = SB_COSTS_VIEW (object);

  /* The template's stack is the bin's child, which AdwBin takes away itself. */
  g_clear_object (&self->folder);
  g_clear_object (&self->costs);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_costs_view_parent_class)->dispose (object);
}

static void
sb_costs_view_class_init (SbCostsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_costs_view_dispose;
  object_class->get_property = sb_costs_view_get_property;
  object_class->set_property = sb_costs_view_set_property;
  widget_class->map = sb_costs_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_COSTS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-costs-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, stack);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, week_label);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, month_label);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, days_label);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, chart);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, models_list);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, now_row);
  gtk_widget_class_bind_template_child (widget_class, SbCostsView, now_label);
}

static void
sb_costs_view_init (SbCostsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_costs_view_new:
 * @context: the services, whose costs the view shows
 *
 * Returns: (transfer floating): the view, showing no folder yet
 */
SbCostsView *
sb_costs_view_new (SbContext *context)
{
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  return g_object_new (SB_TYPE_COSTS_VIEW, "context", context, NULL);
}
