/* sb-model-filter.c
 *
 * What the model chooser and `signalbox --models` show: search words and criteria.
 *
 * This is not a GtkFilter, so that the core stays free of GTK; the window wraps
 * sb_model_filter_match() in a GtkCustomFilter and calls gtk_filter_changed() on "notify".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-model-filter.h"

struct _SbModelFilter
{
  GObject   parent_instance;

  /* Owned */
  char     *search;
  GStrv     words;      /* the lowercase words of search */
  char     *provider;

  double    max_price;  /* prompt price in USD per million tokens; negative: no limit */
  gint64    min_context;
  gboolean  tools_only;
  gboolean  free_only;
  gboolean  hide_expired;
};

G_DEFINE_FINAL_TYPE (SbModelFilter, sb_model_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_TOOLS_ONLY,
  PROP_FREE_ONLY,
  PROP_MAX_PRICE,
  PROP_MIN_CONTEXT,
  PROP_PROVIDER,
  PROP_HIDE_EXPIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_model_filter_finalize (GObject *object)
{
  SbModelFilter *self = (SbModelFilter *) object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->provider, g_free);

  G_OBJECT_CLASS (sb_model_filter_parent_class)->finalize (object);
}

static void
sb_model_filter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbModelFilter *self = SB_MODEL_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_TOOLS_ONLY:
      g_value_set_boolean (value, self->tools_only);
      break;
    case PROP_FREE_ONLY:
      g_value_set_boolean (value, self->free_only);
      break;
    case PROP_MAX_PRICE:
      g_value_set_double (value, self->max_price);
      break;
    case PROP_MIN_CONTEXT:
      g_value_set_int64 (value, self->min_context);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_HIDE_EXPIRED:
      g_value_set_boolean (value, self->hide_expired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_filter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbModelFilter *self = SB_MODEL_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      sb_model_filter_set_search (self, g_value_get_string (value));
      break;
    case PROP_TOOLS_ONLY:
      sb_model_filter_set_tools_only (self, g_value_get_boolean (value));
      break;
    case PROP_FREE_ONLY:
      sb_model_filter_set_free_only (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_PRICE:
      sb_model_filter_set_max_price (self, g_value_get_double (value));
      break;
    case PROP_MIN_CONTEXT:
      sb_model_filter_set_min_context (self, g_value_get_int64 (value));
      break;
    case PROP_PROVIDER:
      sb_model_filter_set_provider (self, g_value_get_string (value));
      break;
    case PROP_HIDE_EXPIRED:
      sb_model_filter_set_hide_expired (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_filter_class_init (SbModelFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sb_model_filter_finalize;
  object_class->get_property = sb_model_filter_get_property;
  object_class->set_property = sb_model_filter_set_property;

  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, flags);
  properties[PROP_TOOLS_ONLY] = g_param_spec_boolean ("tools-only", NULL, NULL, FALSE, flags);
  properties[PROP_FREE_ONLY] = g_param_spec_boolean ("free-only", NULL, NULL, FALSE, flags);
  properties[PROP_MAX_PRICE] =
    g_param_spec_double ("max-price", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_MIN_CONTEXT] =
    g_param_spec_int64 ("min-context", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_HIDE_EXPIRED] =
    g_param_spec_boolean ("hide-expired", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_model_filter_init (SbModelFilter *self)
{
  self->max_price = -1;
}

SbModelFilter *
sb_model_filter_new (void)
{
  return g_object_new (SB_TYPE_MODEL_FILTER, NULL);
}

const char *
sb_model_filter_get_search (SbModelFilter *self)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), NULL);

  return self->search;
}

/* Every whitespace-separated word of @search must occur, in any case, in the id or the name. */
void
sb_model_filter_set_search (SbModelFilter *self,
                            const char    *search)
{
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_if_fail (SB_IS_MODEL_FILTER (self));

  if (search != NULL && search[0] == '\0')
    search = NULL;

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);

  builder = g_strv_builder_new ();
  if (search != NULL)
    {
      lower = g_utf8_strdown (search, -1);
      words = g_strsplit_set (lower, " \t\n\r\f\v", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (words[i][0] != '\0')
          g_strv_builder_add (builder, words[i]);
    }
  g_strfreev (self->words);
  self->words = g_strv_builder_end (builder);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

gboolean
sb_model_filter_get_tools_only (SbModelFilter *self)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), FALSE);

  return self->tools_only;
}

void
sb_model_filter_set_tools_only (SbModelFilter *self,
                                gboolean       tools_only)
{
  g_return_if_fail (SB_IS_MODEL_FILTER (self));

  tools_only = !!tools_only;
  if (self->tools_only == tools_only)
    return;

  self->tools_only = tools_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLS_ONLY]);
}

gboolean
sb_model_filter_get_free_only (SbModelFilter *self)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), FALSE);

  return self->free_only;
}

void
sb_model_filter_set_free_only (SbModelFilter *self,
                               gboolean       free_only)
{
  g_return_if_fail (SB_IS_MODEL_FILTER (self));

  free_only = !!free_only;
  if (self->free_only == free_only)
    return;

  self->free_only = free_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREE_ONLY]);
}

double
sb_model_filter_get_max_price (SbModelFilter *self)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), -1);

  return self->max_price;
}

/* The highest prompt price to show, in USD per million tokens; negative for no limit. A
 * model whose price is unknown is hidden by any limit. */
void
sb_model_filter_set_max_price (SbModelFilter *self,
                               double         max_price)
{
  g_return_if_fail (SB_IS_MODEL_FILTER (self));

  if (max_price < 0)
    max_price = -1;
  if (self->max_price == max_price)
    return;

  self->max_price = max_price;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PRICE]);
}

gint64
sb_model_filter_get_min_context (SbModelFilter *self)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), 0);

  return self->min_context;
}

void
sb_model_filter_set_min_context (SbModelFilter *self,
                                 gint64         min_context)
{
  g_return_if_fail (SB_IS_MODEL_FILTER (self));

  min_context = MAX (min_context, 0);
  if (self->min_context == min_context)
    return;

  self->min_context = min_context;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_CONTEXT]);
}

const char *
sb_model_filter_get_provider (SbModelFilter *self)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), NULL);

  return self->provider;
}

/* @provider: (nullable): the id prefix to show, such as "qwen", or %NULL for all */
void
sb_model_filter_set_provider (SbModelFilter *self,
                              const char    *provider)
{
  g_return_if_fail (SB_IS_MODEL_FILTER (self));

  if (provider != NULL && provider[0] == '\0')
    provider = NULL;
  if (g_strcmp0 (self->provider, provider) == 0)
    return;

  g_free (self->provider);
  self->provider = g_strdup (provider);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROVIDER]);
}

gboolean
sb_model_filter_get_hide_expired (SbModelFilter *self)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), FALSE);

  return self->hide_expired;
}

void
sb_model_filter_set_hide_expired (SbModelFilter *self,
                                  gboolean       hide_expired)
{
  g_return_if_fail (SB_IS_MODEL_FILTER (self));

  hide_expired = !!hide_expired;
  if (self->hide_expired == hide_expired)
    return;

  self->hide_expired = hide_expired;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_EXPIRED]);
}

/**
 * sb_model_filter_match:
 * @self: a filter
 * @model: a model
 * @now: (nullable): the time to judge expiration by, %NULL for the clock's
 *
 * Returns: whether @model passes every criterion of @self
 */
gboolean
sb_model_filter_match (SbModelFilter *self,
                       SbModel       *model,
                       GDateTime     *now)
{
  g_return_val_if_fail (SB_IS_MODEL_FILTER (self), FALSE);
  g_return_val_if_fail (SB_IS_MODEL (model), FALSE);

  if (self->tools_only && !sb_model_get_supports_tools (model))
    return FALSE;

  if (self->free_only && !sb_model_get_is_free (model))
    return FALSE;

  if (self->max_price >= 0)
    {
      double price = sb_model_get_prompt_price (model);

      if (price < 0 || price > self->max_price)
        return FALSE;
    }

  if (self->min_context > 0 && sb_model_get_context_length (model) < self->min_context)
    return FALSE;

  if (self->provider != NULL && strcmp (sb_model_get_provider (model), self->provider) != 0)
    return FALSE;

  if (self->words != NULL)
    {
      const char *haystack = sb_model_get_haystack (model);

      for (guint i = 0; self->words[i] != NULL; i++)
        if (strstr (haystack, self->words[i]) == NULL)
          return FALSE;
    }

  if (self->hide_expired && sb_model_is_expired (model, now))
    return FALSE;

  return TRUE;
}
