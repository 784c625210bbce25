/* sb-endpoints-panel.c
 *
 * Who serves a model on OpenRouter: each provider with its prices, window, output cap,
 * quantization and health, from /api/v1/models/{author}/{slug}/endpoints. Asked for a
 * moment after a model is selected (not for every row the selection passes), answered
 * from the core's cache when it is fresh.
 *
 * Costs are estimated with the list price; when the cheapest provider charges much less
 * or more than that, the panel says so, since the bill may then differ from the estimate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-endpoint-row.h"
#include "sb-endpoints.h"
#include "sb-endpoints-panel.h"

/* How long the selection must rest on a model before its providers are asked for. */
#define FETCH_DELAY_MS 300
/* How far the cheapest provider's price may be from the list's before it is said. */
#define PRICE_TOLERANCE 0.25

struct _SbEndpointsPanel
{
  GtkBox        parent_instance;

  /* Template widgets */
  GtkLabel     *title_label;
  GtkSpinner   *spinner;
  GtkLabel     *status_label;
  GtkListBox   *list;

  /* Owned */
  SbContext    *context;
  char         *model_id;
  GCancellable *cancellable;
  guint         fetch_source;
};

G_DEFINE_FINAL_TYPE (SbEndpointsPanel, sb_endpoints_panel, GTK_TYPE_BOX)

static void
clear_rows (SbEndpointsPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
set_status (SbEndpointsPanel *self,
            const char       *text,
            gboolean          warning)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
}

/* The cheapest provider against the list price that costs are estimated with. */
static void
compare_with_list (SbEndpointsPanel *self,
                   SbEndpoint       *cheapest)
{
  SbModel *model = sb_catalog_lookup (sb_context_get_catalog (self->context), self->model_id);
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *list_in = NULL;
  g_autofree char *list_out = NULL;
  g_autofree char *text = NULL;

  if (model == NULL || cheapest == NULL ||
      !sb_endpoints_differs_from_list (cheapest, model, PRICE_TOLERANCE))
    {
      set_status (self, NULL, FALSE);
      return;
    }

  in = sb_model_format_price (cheapest->prompt_price, SB_MODEL_FORMAT_LABEL);
  out = sb_model_format_price (cheapest->completion_price, SB_MODEL_FORMAT_LABEL);
  list_in = sb_model_format_price (sb_model_get_prompt_price (model), SB_MODEL_FORMAT_LABEL);
  list_out = sb_model_format_price (sb_model_get_completion_price (model),
                                    SB_MODEL_FORMAT_LABEL);
  /* Translators: a provider, then its prices in and out, then the list's */
  text = g_strdup_printf (_("The cheapest provider, %s, charges %s/%s per million tokens; "
                            "costs here are estimated with the list price, %s/%s"),
                          cheapest->provider, in, out, list_in, list_out);
  set_status (self, text, TRUE);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SbEndpointsPanel *self;
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  SbEndpoint *cheapest;

  endpoints = sb_endpoints_fetch_finish (SB_OPENROUTER (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SB_ENDPOINTS_PANEL (user_data);
  gtk_spinner_stop (self->spinner);
  clear_rows (self);

  if (endpoints == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why, e.g. "Could not reach OpenRouter at openrouter.ai" */
      text = g_strdup_printf (_("Could not ask who serves it: %s"), error->message);
      set_status (self, text, FALSE);
      return;
    }

  if (endpoints->len == 0)
    {
      set_status (self, _("No provider serves it now"), FALSE);
      return;
    }

  cheapest = sb_endpoints_find_cheapest (endpoints);
  for (guint i = 0; i < endpoints->len; i++)
    {
      SbEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      gtk_list_box_append (self->list, sb_endpoint_row_new (endpoint, endpoint == cheapest));
    }
  compare_with_list (self, cheapest);
}

static gboolean
fetch_cb (gpointer user_data)
{
  SbEndpointsPanel *self = user_data;
  SbOpenRouter *client = sb_context_get_client (self->context);

  self->fetch_source = 0;
  if (client == NULL)
    {
      set_status (self, _("OpenRouter cannot be reached from here"), FALSE);
      return G_SOURCE_REMOVE;
    }

  gtk_spinner_start (self->spinner);
  sb_endpoints_fetch_async (client, self->model_id, SB_ENDPOINTS_MAX_AGE_SECONDS,
                            self->cancellable, fetched_cb, self);
  return G_SOURCE_REMOVE;
}

/**
 * sb_endpoints_panel_set_model:
 * @self: the panel
 * @model_id: (nullable): the model selected, or %NULL for none
 *
 * Shows who serves @model_id, once the selection has rested on it for a moment.
 */
void
sb_endpoints_panel_set_model (SbEndpointsPanel *self,
                              const char       *model_id)
{
  g_autofree char *title = NULL;

  g_return_if_fail (SB_IS_ENDPOINTS_PANEL (self));

  if (g_strcmp0 (model_id, self->model_id) == 0)
    return;

  g_free (self->model_id);
  self->model_id = g_strdup (model_id);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  gtk_spinner_stop (self->spinner);
  clear_rows (self);
  set_status (self, NULL, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self), model_id != NULL && self->context != NULL);
  if (model_id == NULL || self->context == NULL)
    return;

  /* Translators: %s is a model id */
  title = g_strdup_printf (_("Who Serves %s"), model_id);
  gtk_label_set_label (self->title_label, title);
  self->cancellable = g_cancellable_new ();
  self->fetch_source = g_timeout_add (FETCH_DELAY_MS, fetch_cb, self);
}

void
sb_endpoints_panel_set_context (SbEndpointsPanel *self,
                                SbContext        *context)
{
  g_return_if_fail (SB_IS_ENDPOINTS_PANEL (self));

  g_set_object (&self->context, context);
}

static void
sb_endpoints_panel_dispose (GObject *object)
{
  SbEndpointsPanel *self = SB_ENDPOINTS_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  g_clear_object (&self->context);
  g_clear_pointer (&self->model_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ENDPOINTS_PANEL);

  G_OBJECT_CLASS (sb_endpoints_panel_parent_class)->dispose (object);
}

static void
sb_endpoints_panel_class_init (SbEndpointsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_endpoints_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-endpoints-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SbEndpointsPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbEndpointsPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbEndpointsPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, SbEndpointsPanel, list);
}

static void
sb_endpoints_panel_init (SbEndpointsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
