/* sb-model-chooser.c
 *
 * The model chooser: OpenRouter's catalogue to search, filter, sort and pin favourites in,
 * and one model to pick for whoever opened it.
 *
 * The rows are a GtkColumnView over SbModelList: typing filters the list model, it never
 * makes widgets anew, so a keystroke stays quick on tens of thousands of models.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-endpoints-panel.h"
#include "sb-model-badges.h"
#include "sb-model-chooser.h"
#include "sb-model-star.h"

/* How often "updated 5 min ago" is brought up to date. */
#define SOURCE_UPDATE_SECONDS 30

/* The choices of the price and context drop-downs, in their order. */
static const double max_prices[] = { -1, 0.5, 1, 3, 10 };
static const gint64 min_contexts[] = { 0, 32000, 128000, 200000, 1000000 };

struct _SbModelChooser
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkColumnView      *column_view;
  GtkDropDown        *context_dropdown;
  GtkLabel           *error_label;
  GtkToggleButton    *free_toggle;
  GtkStack           *list_stack;
  GtkDropDown        *price_dropdown;
  GtkDropDown        *provider_dropdown;
  GtkButton          *refresh_button;
  SbEndpointsPanel   *endpoints_panel;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *sort_dropdown;
  GtkLabel           *source_label;
  GtkSpinner         *spinner;
  GtkToggleButton    *tools_toggle;
  GtkButton          *use_button;
  AdwWindowTitle     *window_title;

  /* Owned */
  SbContext          *context;
  SbCatalog          *catalog;       /* the context's */
  SbOpenRouter       *client;        /* the context's; nullable */
  SbModelList        *list;
  GtkSingleSelection *selection;
  GtkStringList      *providers;     /* the provider drop-down's items; the first is "all" */
  SbSettings         *settings;      /* the context's */
  GCancellable       *cancellable;
  guint               source_timeout_id;
  gboolean            refreshing;
};

G_DEFINE_FINAL_TYPE (SbModelChooser, sb_model_chooser, ADW_TYPE_WINDOW)

enum {
  MODEL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The source line, the count, and which page shows */

static void
update_source (SbModelChooser *self)
{
  g_autofree char *source = NULL;
  g_autofree char *count = NULL;
  guint shown, total;

  if (self->list == NULL)
    return;

  source = sb_catalog_describe_source (self->catalog, NULL);
  shown = g_list_model_get_n_items (sb_model_list_get_model (self->list));
  total = g_list_model_get_n_items (G_LIST_MODEL (self->catalog));

  /* Translators: the first %u is how many models are shown, the second how many there are */
  count = g_strdup_printf (ngettext ("%u of %u model", "%u of %u models", total), shown, total);
  adw_window_title_set_subtitle (self->window_title, count);

  if (self->refreshing)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says where the list shown comes from, e.g. "updated 2 hours ago" */
      text = g_strdup_printf (_("Refreshing… (%s)"), source);
      gtk_label_set_label (self->source_label, text);
    }
  else
    gtk_label_set_label (self->source_label, source);

  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  gtk_widget_set_sensitive (GTK_WIDGET (self->use_button),
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static gboolean
source_timeout_cb (gpointer user_data)
{
  update_source (SB_MODEL_CHOOSER (user_data));
  return G_SOURCE_CONTINUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The providers in the catalogue, for the drop-down; the chosen one stays chosen. */
static void
update_providers (SbModelChooser *self)
{
  GListModel *models = G_LIST_MODEL (self->catalog);
  SbModelFilter *filter = sb_model_list_get_filter (self->list);
  g_autofree char *chosen = g_strdup (sb_model_filter_get_provider (filter));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(SbModel) model = g_list_model_get_item (models, i);
      const char *provider = sb_model_get_provider (model);

      if (!g_hash_table_contains (seen, provider))
        {
          char *copy = g_strdup (provider);

          g_ptr_array_add (names, copy);
          g_hash_table_add (seen, copy);
        }
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_matched (self->provider_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                   NULL, self);
  gtk_string_list_splice (self->providers, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->providers)) - 1,
                          (const char * const *) names->pdata);
  for (guint i = 0; chosen != NULL && i < names->len - 1; i++)
    if (g_str_equal (g_ptr_array_index (names, i), chosen))
      position = i + 1;
  gtk_drop_down_set_selected (self->provider_dropdown, position);
  g_signal_handlers_unblock_matched (self->provider_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                     NULL, self);

  if (position == 0)
    sb_model_filter_set_provider (filter, NULL);
}

static void
on_catalog_items_changed_cb (SbModelChooser *self)
{
  update_providers (self);
  update_source (self);
}

static void
on_list_items_changed_cb (SbModelChooser *self)
{
  update_source (self);
}

/* Favourites */

static void
on_favourites_changed_cb (SbModelChooser *self)
{
  sb_model_list_set_favourites (self->list, sb_settings_get_favourites (self->settings));
}

/* A click on a row's star. */
static void
pin_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbModelChooser *self = SB_MODEL_CHOOSER (widget);
  const char *id;
  gboolean pinned;

  g_variant_get (parameter, "(&sb)", &id, &pinned);
  if (pinned)
    sb_settings_add_favourite (self->settings, id);
  else
    sb_settings_remove_favourite (self->settings, id);
}

/* Cells: the columns and their factories are in the template. The star's is the one bound
 * here, as whether a model is pinned is the list's to say, not the model's. */

static void
on_star_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  SbModelChooser           *self)
{
  gtk_list_item_set_child (item, g_object_new (SB_TYPE_MODEL_STAR, NULL));
}

static void
on_star_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 SbModelChooser           *self)
{
  const char *id = sb_model_get_id (gtk_list_item_get_item (item));

  sb_model_star_show (SB_MODEL_STAR (gtk_list_item_get_child (item)), id,
                      self->list != NULL && sb_model_list_is_favourite (self->list, id));
}

static void
on_star_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   SbModelChooser           *self)
{
  sb_model_star_show (SB_MODEL_STAR (gtk_list_item_get_child (item)), NULL, FALSE);
}

static char *
format_price_cb (GtkListItem *item,
                 double       price)
{
  return sb_model_format_price (price, SB_MODEL_FORMAT_LABEL);
}

static char *
format_context_cb (GtkListItem *item,
                   gint64       context_length)
{
  return sb_model_format_context (context_length, SB_MODEL_FORMAT_LABEL);
}

/* A price OpenRouter does not give (negative) is set apart. */
static GStrv
price_classes_cb (GtkListItem *item,
                  double       price)
{
  const char *classes[] = { "numeric", price < 0 ? "unknown-price" : NULL, NULL };

  return g_strdupv ((char **) classes);
}

/* Choosing */

/**
 * sb_model_chooser_choose:
 * @self: a chooser
 * @id: a model id
 *
 * Hands @id to whoever opened the chooser ("model-chosen") and closes it.
 */
void
sb_model_chooser_choose (SbModelChooser *self,
                         const char     *id)
{
  g_autofree char *chosen = g_strdup (id);

  g_return_if_fail (SB_IS_MODEL_CHOOSER (self));
  g_return_if_fail (id != NULL);

  g_object_ref (self);
  g_signal_emit (self, signals[MODEL_CHOSEN], 0, chosen);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

/* Returns: (nullable): the id of the selected row */
const char *
sb_model_chooser_get_selected (SbModelChooser *self)
{
  SbModel *model;

  g_return_val_if_fail (SB_IS_MODEL_CHOOSER (self), NULL);

  model = gtk_single_selection_get_selected_item (self->selection);
  return model != NULL ? sb_model_get_id (model) : NULL;
}

static void
choose_selected (SbModelChooser *self)
{
  const char *id = sb_model_chooser_get_selected (self);

  if (id != NULL)
    sb_model_chooser_choose (self, id);
}

static void
on_use_button_clicked_cb (SbModelChooser *self)
{
  choose_selected (self);
}

static void
on_column_view_activate_cb (SbModelChooser *self,
                            guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  choose_selected (self);
}

static void
on_search_entry_activate_cb (SbModelChooser *self)
{
  choose_selected (self);
}

static void
on_selection_changed_cb (SbModelChooser *self)
{
  update_source (self);
  sb_endpoints_panel_set_model (self->endpoints_panel, sb_model_chooser_get_selected (self));
}

/* Criteria */

static void
on_search_entry_search_changed_cb (SbModelChooser *self)
{
  if (self->list == NULL)
    return;

  sb_model_filter_set_search (sb_model_list_get_filter (self->list),
                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* Enter then takes the best match: the first. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
on_tools_toggle_toggled_cb (SbModelChooser *self)
{
  if (self->list == NULL)
    return;

  sb_model_filter_set_tools_only (sb_model_list_get_filter (self->list),
                                  gtk_toggle_button_get_active (self->tools_toggle));
}

static void
on_free_toggle_toggled_cb (SbModelChooser *self)
{
  if (self->list == NULL)
    return;

  sb_model_filter_set_free_only (sb_model_list_get_filter (self->list),
                                 gtk_toggle_button_get_active (self->free_toggle));
}

static void
on_price_dropdown_selected_cb (SbModelChooser *self)
{
  guint selected = gtk_drop_down_get_selected (self->price_dropdown);

  if (self->list == NULL)
    return;

  sb_model_filter_set_max_price (sb_model_list_get_filter (self->list),
                                 selected < G_N_ELEMENTS (max_prices) ? max_prices[selected]
                                                                      : -1);
}

static void
on_context_dropdown_selected_cb (SbModelChooser *self)
{
  guint selected = gtk_drop_down_get_selected (self->context_dropdown);

  if (self->list == NULL)
    return;

  sb_model_filter_set_min_context (sb_model_list_get_filter (self->list),
                                   selected < G_N_ELEMENTS (min_contexts)
                                   ? min_contexts[selected] : 0);
}

static void
on_provider_dropdown_selected_cb (SbModelChooser *self)
{
  guint selected = gtk_drop_down_get_selected (self->provider_dropdown);
  const char *provider = NULL;

  if (self->list == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    provider = gtk_string_list_get_string (self->providers, selected);

  sb_model_filter_set_provider (sb_model_list_get_filter (self->list), provider);
}

static void
on_sort_dropdown_selected_cb (SbModelChooser *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->list == NULL)
    return;

  switch (selected)
    {
    case 1:
      sb_model_list_set_sort (self->list, SB_MODEL_SORT_PRICE);
      break;
    case 2:
      sb_model_list_set_sort (self->list, SB_MODEL_SORT_CONTEXT);
      break;
    case 3:
      sb_model_list_set_sort (self->list, SB_MODEL_SORT_NEWEST);
      break;
    default:
      sb_model_list_set_sort (self->list, SB_MODEL_SORT_NAME);
      break;
    }
}

/* Refreshing */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SbModelChooser *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (sb_catalog_refresh_finish (SB_CATALOG (object), result, &error))
    {
      self->refreshing = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    {
      self->refreshing = FALSE;
      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("Could not refresh the list: %s. The list below is the one "
                                   "Signalbox had."), error->message);
      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), TRUE);
  update_source (self);
}

static void
on_refresh_button_clicked_cb (SbModelChooser *self)
{
  if (self->refreshing || self->client == NULL)
    return;

  self->refreshing = TRUE;
  gtk_spinner_start (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), FALSE);
  update_source (self);

  sb_catalog_refresh_async (self->catalog, self->client, TRUE, self->cancellable, refresh_cb,
                            self);
}

/* GObject */

static void
sb_model_chooser_dispose (GObject *object)
{
  SbModelChooser *self = (SbModelChooser *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->source_timeout_id, g_source_remove);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (sb_model_list_get_model (self->list), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_MODEL_CHOOSER);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->providers);
  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);
  g_clear_object (&self->client);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_model_chooser_parent_class)->dispose (object);
}

static void
sb_model_chooser_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbModelChooser *self = SB_MODEL_CHOOSER (object);

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
sb_model_chooser_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbModelChooser *self = SB_MODEL_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The services the chooser uses most, at hand. */
static void
sb_model_chooser_constructed (GObject *object)
{
  SbModelChooser *self = SB_MODEL_CHOOSER (object);
  SbOpenRouter *client = sb_context_get_client (self->context);

  G_OBJECT_CLASS (sb_model_chooser_parent_class)->constructed (object);

  self->settings = g_object_ref (sb_context_get_settings (self->context));
  self->catalog = g_object_ref (sb_context_get_catalog (self->context));
  sb_endpoints_panel_set_context (self->endpoints_panel, self->context);
  self->client = client != NULL ? g_object_ref (client) : NULL;
}

static void
sb_model_chooser_class_init (SbModelChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_model_chooser_constructed;
  object_class->dispose = sb_model_chooser_dispose;
  object_class->get_property = sb_model_chooser_get_property;
  object_class->set_property = sb_model_chooser_set_property;

  /* SbModelChooser:context: the catalogue shown, its client and the favourites */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbModelChooser::model-chosen:
   * @id: the chosen model's id
   */
  signals[MODEL_CHOSEN] = g_signal_new ("model-chosen", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SB_TYPE_MODEL);
  g_type_ensure (SB_TYPE_ENDPOINTS_PANEL);
  g_type_ensure (SB_TYPE_MODEL_BADGES);
  g_type_ensure (SB_TYPE_MODEL_STAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-model-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, column_view);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, context_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, endpoints_panel);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, error_label);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, free_toggle);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, price_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, provider_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, source_label);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, tools_toggle);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, use_button);
  gtk_widget_class_bind_template_child (widget_class, SbModelChooser, window_title);
  gtk_widget_class_bind_template_callback (widget_class, format_context_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_price_cb);
  gtk_widget_class_bind_template_callback (widget_class, price_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_context_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_free_toggle_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_provider_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_star_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_star_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_star_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tools_toggle_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "chooser.pin", "(sb)", pin_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_model_chooser_init (SbModelChooser *self)
{
  const char *all[] = { NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* Translators: the provider drop-down's first choice */
  all[0] = _("All Providers");
  self->providers = gtk_string_list_new (all);
  gtk_drop_down_set_model (self->provider_dropdown, G_LIST_MODEL (self->providers));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/**
 * sb_model_chooser_new:
 * @parent: (nullable): the window it is for
 * @context: the models to choose from, the client to refresh them with, the favourites
 * @current: (nullable): the id in use now, selected if shown
 *
 * Returns: (transfer none): a modal chooser, not shown yet, owned by GTK like any window;
 *   it emits "model-chosen" and closes when a model is chosen
 */
SbModelChooser *
sb_model_chooser_new (GtkWindow  *parent,
                      SbContext  *context,
                      const char *current)
{
  SbModelChooser *self;
  SbCatalog *catalog;
  GListModel *shown;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  self = g_object_new (SB_TYPE_MODEL_CHOOSER,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent)
                                                     : NULL,
                       "context", context,
                       NULL);
  catalog = self->catalog;
  self->list = sb_model_list_new (G_LIST_MODEL (catalog));
  shown = sb_model_list_get_model (self->list);

  /* The window starts as its toggles say: tools only. */
  sb_model_filter_set_tools_only (sb_model_list_get_filter (self->list),
                                  gtk_toggle_button_get_active (self->tools_toggle));
  on_favourites_changed_cb (self);
  g_signal_connect_object (self->settings, "notify::favourites",
                           G_CALLBACK (on_favourites_changed_cb), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (shown));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  if (current != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(SbModel) model = g_list_model_get_item (shown, i);

        if (g_str_equal (sb_model_get_id (model), current))
          {
            gtk_single_selection_set_selected (self->selection, i);
            break;
          }
      }

  /* The selected item, not its position: a new search keeps the first row selected. */
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  on_selection_changed_cb (self);
  g_signal_connect_object (shown, "items-changed", G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (catalog, "items-changed", G_CALLBACK (on_catalog_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (catalog, "notify::fetched", G_CALLBACK (update_source), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (catalog, "notify::source", G_CALLBACK (update_source), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), self->client != NULL);
  self->source_timeout_id = g_timeout_add_seconds (SOURCE_UPDATE_SECONDS, source_timeout_cb,
                                                   self);
  update_providers (self);
  update_source (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return self;
}

/**
 * sb_model_chooser_open:
 * @from: a widget in a window
 * @context: the services of @from's window
 * @current: (nullable): the id in use now
 *
 * Shows a chooser over @from's window.
 *
 * Returns: (transfer none): the chooser, to connect to "model-chosen"
 */
SbModelChooser *
sb_model_chooser_open (GtkWidget  *from,
                       SbContext  *context,
                       const char *current)
{
  GtkRoot *root = gtk_widget_get_root (from);
  SbModelChooser *self;

  g_return_val_if_fail (GTK_IS_WINDOW (root), NULL);

  self = sb_model_chooser_new (GTK_WINDOW (root), context, current);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* Returns: (transfer none): the list shown, with its criteria */
SbModelList *
sb_model_chooser_get_list (SbModelChooser *self)
{
  g_return_val_if_fail (SB_IS_MODEL_CHOOSER (self), NULL);

  return self->list;
}
