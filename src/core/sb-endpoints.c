/* sb-endpoints.c
 *
 * Who serves a model: OpenRouter's GET /models/{author}/{slug}/endpoints, mapped from JSON
 * and cached on disk.
 *
 * The list prices the catalogue gives are one provider's (or a blend); the endpoints say what
 * each provider charges, so that a cost estimate far from the cheapest provider can be
 * flagged. The mapper is as lenient as the model mapper: missing, null or mistyped members
 * become "unknown"; only an answer without data.endpoints is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-catalog-cache.h"
#include "sb-endpoints.h"
#include "sb-json-edit.h"

G_DEFINE_QUARK (sb-endpoints-error-quark, sb_endpoints_error)

void
sb_endpoint_free (SbEndpoint *endpoint)
{
  if (endpoint == NULL)
    return;
  g_free (endpoint->provider);
  g_free (endpoint->name);
  g_free (endpoint->tag);
  g_free (endpoint->quantization);
  g_free (endpoint);
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static double
number_of (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return -1;
    }
}

static gint64
count_member (JsonObject *object,
              const char *name)
{
  double value = number_of (member (object, name));

  if (!isfinite (value) || value < 0 || value > (double) G_MAXINT64 / 2)
    return -1;
  return (gint64) value;
}

/* A percentage, a latency or a throughput: a number, or an object of percentiles whose p50
 * is taken (the API has given both shapes). */
static double
statistic_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = member (object, name);
  double value;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = member (json_node_get_object (node), "p50");
  value = number_of (node);
  return isfinite (value) && value >= 0 ? value : -1;
}

/* USD per token as a decimal string → USD per million tokens; -1 when unknown. */
static double
price_member (JsonObject *pricing,
              const char *name)
{
  JsonNode *node = member (pricing, name);
  double per_token;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      per_token = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return -1;
    }
  else
    per_token = number_of (node);

  if (!isfinite (per_token) || per_token < 0)
    return -1;
  return round (per_token * 1e12) / 1e6;
}

static SbEndpoint *
endpoint_new_from_json (JsonObject *object)
{
  SbEndpoint *endpoint = g_new0 (SbEndpoint, 1);
  JsonNode *pricing_node = member (object, "pricing");
  JsonObject *pricing = pricing_node != NULL && JSON_NODE_HOLDS_OBJECT (pricing_node)
                        ? json_node_get_object (pricing_node) : NULL;

  endpoint->provider = string_member (object, "provider_name");
  endpoint->name = string_member (object, "name");
  endpoint->tag = string_member (object, "tag");
  endpoint->quantization = string_member (object, "quantization");
  endpoint->context_length = count_member (object, "context_length");
  endpoint->max_completion_tokens = count_member (object, "max_completion_tokens");
  endpoint->prompt_price = price_member (pricing, "prompt");
  endpoint->completion_price = price_member (pricing, "completion");
  endpoint->cache_read_price = price_member (pricing, "input_cache_read");
  endpoint->cache_write_price = price_member (pricing, "input_cache_write");
  endpoint->uptime_last_30m = statistic_member (object, "uptime_last_30m");
  endpoint->latency_p50 = statistic_member (object, "latency_last_30m");
  endpoint->throughput_p50 = statistic_member (object, "throughput_last_30m");

  if (endpoint->provider == NULL)
    endpoint->provider = g_strdup (endpoint->name != NULL ? endpoint->name : "");
  return endpoint;
}

/**
 * sb_endpoints_parse:
 * @body: the answer to GET /models/{author}/{slug}/endpoints
 *
 * Returns: (transfer full) (element-type SbEndpoint): the providers, in the API's order;
 *   entries that are not objects are skipped
 */
GPtrArray *
sb_endpoints_parse (GBytes  *body,
                    GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   sb_endpoint_free);
  JsonNode *root, *data, *list;
  JsonArray *array;
  const char *text;
  gsize size;

  text = g_bytes_get_data (body, &size);
  if (size == 0 || size > SB_ENDPOINTS_MAX_BODY ||
      !sb_json_check_depth (text, size, SB_JSON_MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, text, size, NULL))
    {
      g_set_error (error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID,
                   _("OpenRouter’s list of providers is not valid JSON"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  data = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         ? member (json_node_get_object (root), "data") : NULL;
  list = data != NULL && JSON_NODE_HOLDS_OBJECT (data)
         ? member (json_node_get_object (data), "endpoints") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID,
                   _("OpenRouter’s answer has no list of providers"));
      return NULL;
    }

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (endpoints, endpoint_new_from_json (json_node_get_object (element)));
    }
  return g_steal_pointer (&endpoints);
}

static gboolean
is_slug (const char *text,
         gsize       length)
{
  if (length == 0 || (length <= 2 && text[0] == '.'))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_' && text[i] != '.')
      return FALSE;
  return TRUE;
}

/**
 * sb_endpoints_path_for_model:
 * @model_id: such as "qwen/qwen3-coder" or "qwen/qwen3-coder:free"
 *
 * Returns: (transfer full): "/models/AUTHOR/SLUG/endpoints" for the model (a variant suffix
 *   kept out), or %NULL when @model_id is not author/slug
 */
char *
sb_endpoints_path_for_model (const char  *model_id,
                             GError     **error)
{
  const char *slash = strchr (model_id, '/');
  const char *colon;
  gsize slug_length;

  if (slash == NULL)
    goto invalid;
  colon = strchr (slash + 1, ':');
  slug_length = colon != NULL ? (gsize) (colon - slash - 1) : strlen (slash + 1);
  if (!is_slug (model_id, slash - model_id) || !is_slug (slash + 1, slug_length))
    goto invalid;
  return g_strdup_printf ("/models/%.*s/%.*s/endpoints", (int) (slash - model_id), model_id,
                          (int) slug_length, slash + 1);

invalid:
  /* Translators: %s is what was given as a model id */
  g_set_error (error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID_ID,
               _("“%s” is not a model id such as qwen/qwen3-coder"), model_id);
  return NULL;
}

static double
blended_price (const SbEndpoint *endpoint)
{
  /* Claude Code's requests read far more than they write; weigh prompt tokens more. */
  return endpoint->prompt_price * 3 + endpoint->completion_price;
}

/* Returns: (transfer none) (nullable): the provider with the lowest known prices */
SbEndpoint *
sb_endpoints_find_cheapest (GPtrArray *endpoints)
{
  SbEndpoint *cheapest = NULL;

  for (guint i = 0; i < endpoints->len; i++)
    {
      SbEndpoint *endpoint = endpoints->pdata[i];

      if (endpoint->prompt_price < 0 || endpoint->completion_price < 0)
        continue;
      if (cheapest == NULL || blended_price (endpoint) < blended_price (cheapest))
        cheapest = endpoint;
    }
  return cheapest;
}

/**
 * sb_endpoints_differs_from_list:
 * @tolerance: the relative difference allowed, such as 0.2 for 20 %
 *
 * Returns: whether @endpoint's prices differ from the list prices of @model by more than
 *   @tolerance, which makes a cost estimated with the list doubtful
 */
gboolean
sb_endpoints_differs_from_list (SbEndpoint *endpoint,
                                SbModel    *model,
                                double      tolerance)
{
  SbEndpoint list = { 0, };
  double a, b;

  list.prompt_price = sb_model_get_prompt_price (model);
  list.completion_price = sb_model_get_completion_price (model);
  if (list.prompt_price < 0 || list.completion_price < 0 ||
      endpoint->prompt_price < 0 || endpoint->completion_price < 0)
    return FALSE;
  a = blended_price (endpoint);
  b = blended_price (&list);
  if (a == b)
    return FALSE;
  return fabs (a - b) > tolerance * MAX (a, b);
}

/* ---- Fetching, with a cache ------------------------------------------------------------ */

static char *
cache_path (const char *path)
{
  g_autofree char *dir = sb_catalog_cache_get_dir ();
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  /* "/models/AUTHOR/SLUG/endpoints": both parts are checked slugs, so the name is safe. */
  g_autofree char *name = g_strdup_printf ("%s+%s.json", parts[2], parts[3]);

  return g_build_filename (dir, "endpoints", name, NULL);
}

static GBytes *
read_fresh_cache (const char *file,
                  guint       max_age_seconds)
{
  GStatBuf st;
  char *contents = NULL;
  gsize length = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (max_age_seconds == 0 || g_lstat (file, &st) != 0 || !S_ISREG (st.st_mode) ||
      st.st_size > SB_ENDPOINTS_MAX_BODY || st.st_mtime > now ||
      now - st.st_mtime >= (gint64) max_age_seconds)
    return NULL;
  if (!g_file_get_contents (file, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

typedef struct
{
  char     *cache_file;
  gboolean  from_cache;
} FetchData;

static void
fetch_data_free (gpointer data)
{
  FetchData *fetch = data;

  g_free (fetch->cache_file);
  g_free (fetch);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  body = sb_openrouter_get_finish (SB_OPENROUTER (object), result, NULL, &error);
  if (body != NULL)
    endpoints = sb_endpoints_parse (body, &error);
  if (endpoints == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Only an answer that parsed is kept; failing to keep it only costs a later request. */
  dir = g_path_get_dirname (fetch->cache_file);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (fetch->cache_file, g_bytes_get_data (body, NULL),
                                 g_bytes_get_size (body), G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    g_debug ("Could not cache the providers: %s",
             error != NULL ? error->message : g_strerror (errno));

  g_task_return_pointer (task, g_steal_pointer (&endpoints), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * sb_endpoints_fetch_async:
 * @client: the OpenRouter client
 * @model_id: the model, author/slug with an optional :variant
 * @max_age_seconds: how old a cached list may be (SB_ENDPOINTS_MAX_AGE_SECONDS; 0 asks
 *   OpenRouter whatever the cache holds)
 *
 * Gets the providers of @model_id, from the cache when it is recent enough. No key is sent:
 * the list is public.
 */
void
sb_endpoints_fetch_async (SbOpenRouter        *client,
                          const char          *model_id,
                          guint                max_age_seconds,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) cached = NULL;
  GError *error = NULL;
  FetchData *fetch;

  g_return_if_fail (SB_IS_OPENROUTER (client));
  g_return_if_fail (model_id != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_endpoints_fetch_async);

  path = sb_endpoints_path_for_model (model_id, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  fetch = g_new0 (FetchData, 1);
  fetch->cache_file = cache_path (path);
  g_task_set_task_data (task, fetch, fetch_data_free);

  cached = read_fresh_cache (fetch->cache_file, max_age_seconds);
  if (cached != NULL)
    {
      GPtrArray *endpoints = sb_endpoints_parse (cached, NULL);

      if (endpoints != NULL)
        {
          fetch->from_cache = TRUE;
          g_task_return_pointer (task, endpoints, (GDestroyNotify) g_ptr_array_unref);
          return;
        }
    }

  sb_openrouter_get_async (client, path, NULL, NULL, SB_ENDPOINTS_MAX_BODY, cancellable,
                           on_fetched, g_steal_pointer (&task));
}

/**
 * sb_endpoints_fetch_finish:
 * @from_cache: (out) (optional): whether the list came from the cache
 *
 * Returns: (transfer full) (element-type SbEndpoint): the providers, or %NULL with @error
 */
GPtrArray *
sb_endpoints_fetch_finish (SbOpenRouter  *client,
                           GAsyncResult  *result,
                           gboolean      *from_cache,
                           GError       **error)
{
  FetchData *fetch;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_endpoints_fetch_async,
                        NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  if (from_cache != NULL)
    *from_cache = fetch != NULL && fetch->from_cache;
  return g_task_propagate_pointer (G_TASK (result), error);
}
