/* sb-catalog-refresh.c
 *
 * Refreshing the catalogue from OpenRouter: a conditional GET /models, the body parsed and
 * cached in a worker thread, and the new list put in place on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-catalog-cache.h"
#include "sb-catalog-private.h"

typedef struct
{
  GBytes    *body;           /* NULL after 304 Not Modified */
  char      *etag;
  char      *last_modified;
  GDateTime *fetched;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_pointer (&data->etag, g_free);
  g_clear_pointer (&data->last_modified, g_free);
  g_clear_pointer (&data->fetched, g_date_time_unref);
  g_free (data);
}

/* Worker thread: parse and cache a new body, or record that the cached one is current. A
 * cache that cannot be written is not an error: the list is still good for this session. */
static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  g_autoptr(SbCatalogCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  SbCatalogParsed *parsed;

  if (data->body == NULL)
    {
      if (!sb_catalog_cache_touch (data->etag, data->last_modified, data->fetched, &error))
        g_debug ("Could not record that the cached model list is current: %s", error->message);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  parsed = sb_catalog_parsed_new (data->body, &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cache = sb_catalog_cache_new (data->body, data->etag, data->last_modified, data->fetched);
  if (!sb_catalog_cache_write (cache, &error))
    g_debug ("Could not cache the model list: %s", error->message);

  parsed->source = SB_CATALOG_SOURCE_NETWORK;
  parsed->fetched = g_date_time_ref (data->fetched);
  parsed->etag = g_strdup (data->etag);
  parsed->last_modified = g_strdup (data->last_modified);
  g_clear_pointer (&parsed->snapshot_date, g_free);

  g_task_return_pointer (task, parsed, (GDestroyNotify) sb_catalog_parsed_free);
}

static void
refresh_parsed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SbCatalog *self = SB_CATALOG (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  RefreshData *data = g_task_get_task_data (G_TASK (result));
  SbCatalogParsed *parsed;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (parsed != NULL)
    {
      sb_catalog_apply (self, parsed);
      sb_catalog_parsed_free (parsed);
    }
  else
    {
      /* 304: the list we have was confirmed just now. */
      sb_catalog_set_fetched (self, data->fetched);
      sb_catalog_set_source (self, SB_CATALOG_SOURCE_NETWORK);
    }

  g_task_return_boolean (task, TRUE);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SbCatalog *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) worker = NULL;
  SoupMessageHeaders *headers;
  GCancellable *cancellable;
  RefreshData *data;

  body = sb_openrouter_get_finish (SB_OPENROUTER (object), result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->fetched = g_date_time_new_now_utc ();

  if (message != NULL && soup_message_get_status (message) == SOUP_STATUS_NOT_MODIFIED)
    {
      /* Only our validators can bring a 304, so it confirms the list we have. */
      data->etag = g_strdup (sb_catalog_get_etag (self));
      data->last_modified = g_strdup (sb_catalog_get_last_modified (self));
    }
  else
    {
      data->body = g_bytes_ref (body);
      if (message != NULL)
        {
          headers = soup_message_get_response_headers (message);
          data->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
          data->last_modified = g_strdup (soup_message_headers_get_one (headers,
                                                                        "Last-Modified"));
        }
    }

  cancellable = g_task_get_cancellable (task);
  worker = g_task_new (self, cancellable, refresh_parsed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, refresh_thread);
  g_task_set_task_data (worker, data, (GDestroyNotify) refresh_data_free);
  g_task_run_in_thread (worker, refresh_thread);
}

/**
 * sb_catalog_refresh_async:
 * @self: a catalog
 * @client: the HTTP client
 * @force: whether to ask OpenRouter even when the list is recent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches GET /models unless the list came from the network or the cache less than
 * %SB_CATALOG_REFRESH_AGE ago (or @force). The request is conditional when the list in
 * memory is the cached one: a 304 keeps it and only records the time. A new list is
 * cached. On any failure the list stays as it was.
 */
void
sb_catalog_refresh_async (SbCatalog           *self,
                          SbOpenRouter        *client,
                          gboolean             force,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  SbCatalogSource source;

  g_return_if_fail (SB_IS_CATALOG (self));
  g_return_if_fail (SB_IS_OPENROUTER (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_catalog_refresh_async);

  if (!force && !sb_catalog_is_stale (self, NULL))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  source = sb_catalog_get_source (self);
  if (source == SB_CATALOG_SOURCE_CACHE || source == SB_CATALOG_SOURCE_NETWORK)
    {
      if (sb_catalog_get_etag (self) != NULL)
        soup_message_headers_append (headers, "If-None-Match", sb_catalog_get_etag (self));
      if (sb_catalog_get_last_modified (self) != NULL)
        soup_message_headers_append (headers, "If-Modified-Since",
                                     sb_catalog_get_last_modified (self));
    }

  sb_openrouter_get_async (client, "/models", NULL, headers, SB_CATALOG_MAX_BODY,
                           cancellable, fetched_cb, g_steal_pointer (&task));
}

gboolean
sb_catalog_refresh_finish (SbCatalog     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
