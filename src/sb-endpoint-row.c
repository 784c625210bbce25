/* sb-endpoint-row.c
 *
 * One provider serving a model: its prices in and out per million tokens, its window,
 * output cap and quantization, and how it did in the last 30 minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-endpoint-row.h"

struct _SbEndpointRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkLabel     *price_label;
};

G_DEFINE_FINAL_TYPE (SbEndpointRow, sb_endpoint_row, ADW_TYPE_ACTION_ROW)

static void
sb_endpoint_row_class_init (SbEndpointRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-endpoint-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbEndpointRow, price_label);
}

static void
sb_endpoint_row_init (SbEndpointRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_endpoint_row_new:
 * @endpoint: a provider serving the model
 * @cheapest: whether it is the cheapest of them
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
sb_endpoint_row_new (const SbEndpoint *endpoint,
                     gboolean          cheapest)
{
  SbEndpointRow *self = g_object_new (SB_TYPE_ENDPOINT_ROW, NULL);
  g_autofree char *context = sb_model_format_context (endpoint->context_length,
                                                      SB_MODEL_FORMAT_LABEL);
  g_autofree char *output = sb_model_format_context (endpoint->max_completion_tokens,
                                                     SB_MODEL_FORMAT_LABEL);
  g_autofree char *in = sb_model_format_price (endpoint->prompt_price,
                                               SB_MODEL_FORMAT_LABEL);
  g_autofree char *out = sb_model_format_price (endpoint->completion_price,
                                                SB_MODEL_FORMAT_LABEL);
  g_autofree char *title = NULL;
  g_autofree char *price = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  title = endpoint->quantization != NULL
          ? g_strdup_printf ("%s (%s)", endpoint->provider, endpoint->quantization)
          : g_strdup (endpoint->provider);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);

  /* Translators: a provider's window and output cap, e.g. "262K context, 66K out" */
  g_string_printf (subtitle, _("%s context, %s out"), context, output);
  if (endpoint->uptime_last_30m > 0)
    /* Translators: how often the provider answered in the last 30 minutes */
    g_string_append_printf (subtitle, _(" · %.1f %% up"), endpoint->uptime_last_30m);
  if (endpoint->latency_p50 > 0)
    /* Translators: seconds to the first token, the median of the last 30 minutes */
    g_string_append_printf (subtitle, _(" · %.1f s to start"), endpoint->latency_p50);
  if (endpoint->cache_read_price > 0)
    {
      g_autofree char *cached = sb_model_format_price (endpoint->cache_read_price,
                                                       SB_MODEL_FORMAT_LABEL);

      /* Translators: the price per million tokens read from the cache */
      g_string_append_printf (subtitle, _(" · %s cached"), cached);
    }
  if (cheapest)
    g_string_append_printf (subtitle, " · %s", _("cheapest"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);

  price = g_strdup_printf ("%s / %s", in, out);
  gtk_label_set_label (self->price_label, price);
  return GTK_WIDGET (self);
}
