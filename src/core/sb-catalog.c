/* sb-catalog.c
 *
 * OpenRouter's models as a GListModel of SbModel: fetched, cached on disk, and bundled as a
 * snapshot so that the first start works offline.
 *
 * Whole bodies are parsed in a worker thread (tens of thousands of models must not block the
 * window); the new list replaces the old one on the main thread, only when it parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-catalog.h"
#include "sb-catalog-cache.h"
#include "sb-catalog-private.h"
#include "sb-core-enums.h"
#include "sb-json-edit.h"

/* Ids longer than this are never compared for suggestions. */
#define MAX_SUGGEST_LENGTH 255

struct _SbCatalog
{
  GObject          parent_instance;

  /* Owned */
  GPtrArray       *models;
  GHashTable      *by_id;          /* id → SbModel, borrowed from models */
  GDateTime       *fetched;
  char            *snapshot_date;
  char            *etag;
  char            *last_modified;

  SbCatalogSource  source;
  guint            n_skipped;
};

static void sb_catalog_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbCatalog, sb_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sb_catalog_list_model_init))

G_DEFINE_QUARK (sb-catalog-error-quark, sb_catalog_error)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_FETCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
sb_catalog_source_to_string (SbCatalogSource source)
{
  switch (source)
    {
    case SB_CATALOG_SOURCE_NONE:
      return "none";
    case SB_CATALOG_SOURCE_NETWORK:
      return "network";
    case SB_CATALOG_SOURCE_CACHE:
      return "cache";
    case SB_CATALOG_SOURCE_BUNDLED:
      return "bundled";
    default:
      g_return_val_if_reached ("none");
    }
}

void
sb_catalog_parsed_free (SbCatalogParsed *parsed)
{
  if (parsed == NULL)
    return;

  g_clear_pointer (&parsed->models, g_ptr_array_unref);
  g_clear_pointer (&parsed->by_id, g_hash_table_unref);
  g_clear_pointer (&parsed->snapshot_date, g_free);
  g_clear_pointer (&parsed->fetched, g_date_time_unref);
  g_clear_pointer (&parsed->etag, g_free);
  g_clear_pointer (&parsed->last_modified, g_free);
  g_free (parsed);
}

/* Accepts `{"data": [...]}` (the API's answer, and our snapshot with its "snapshot_date") or
 * a bare array (what some tools save). Entries without an id, or repeating one, are skipped
 * and counted. A list with no usable model is an error: it would leave the chooser empty. */
SbCatalogParsed *
sb_catalog_parsed_new (GBytes  *body,
                       GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  SbCatalogParsed *parsed = NULL;
  JsonNode *root;
  JsonArray *array = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (body, &size);
  if (size == 0 || size > G_MAXSSIZE)
    {
      g_set_error_literal (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                           _("The model list is empty"));
      return NULL;
    }

  /* The fast path: most bodies never build a full tree. */
  if (g_getenv ("SIGNALBOX_CATALOG_JSON_GLIB") == NULL)
    parsed = sb_catalog_scan (data, size);
  if (parsed != NULL && parsed->models->len == 0)
    {
      sb_catalog_parsed_free (parsed);
      g_set_error_literal (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                           _("The model list has no models"));
      return NULL;
    }
  if (parsed != NULL)
    return parsed;

  if (!sb_json_check_depth (data, size, SB_JSON_MAX_DEPTH, &local_error) ||
      !json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                   _("The model list is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
    }
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *member = json_object_get_member (json_node_get_object (root), "data");

      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        array = json_node_get_array (member);
    }

  if (array == NULL)
    {
      g_set_error_literal (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                           _("The model list is neither a list nor an object with a "
                             "“data” list"));
      return NULL;
    }

  parsed = g_new0 (SbCatalogParsed, 1);
  parsed->models = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  parsed->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *date = json_object_get_member (json_node_get_object (root), "snapshot_date");

      if (date != NULL && JSON_NODE_HOLDS_VALUE (date) &&
          json_node_get_value_type (date) == G_TYPE_STRING)
        parsed->snapshot_date = g_strdup (json_node_get_string (date));
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      SbModel *model = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        model = sb_model_new_from_json (json_node_get_object (element), NULL);

      if (model == NULL || g_hash_table_contains (parsed->by_id, sb_model_get_id (model)))
        {
          g_clear_object (&model);
          parsed->n_skipped++;
          continue;
        }

      g_ptr_array_add (parsed->models, model);
      g_hash_table_insert (parsed->by_id, (gpointer) sb_model_get_id (model), model);
    }

  if (parsed->models->len == 0)
    {
      sb_catalog_parsed_free (parsed);
      g_set_error_literal (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                           _("The model list has no models"));
      return NULL;
    }

  return parsed;
}

/**
 * sb_catalog_parse:
 * @body: a /models response, or the bundled snapshot
 * @n_skipped: (out) (optional): how many entries were skipped
 * @snapshot_date: (out) (optional) (transfer full): the snapshot's date, if it has one
 * @error: return location for an error
 *
 * Parses on the calling thread; the catalog calls this from a worker thread.
 *
 * Returns: (transfer full) (element-type SbModel): the models, or %NULL with @error set
 */
GPtrArray *
sb_catalog_parse (GBytes  *body,
                  guint   *n_skipped,
                  char   **snapshot_date,
                  GError **error)
{
  SbCatalogParsed *parsed = sb_catalog_parsed_new (body, error);
  GPtrArray *models;

  if (parsed == NULL)
    return NULL;

  if (n_skipped != NULL)
    *n_skipped = parsed->n_skipped;
  if (snapshot_date != NULL)
    *snapshot_date = g_steal_pointer (&parsed->snapshot_date);

  models = g_steal_pointer (&parsed->models);
  sb_catalog_parsed_free (parsed);
  return models;
}

static GType
sb_catalog_get_item_type (GListModel *model)
{
  return SB_TYPE_MODEL;
}

static guint
sb_catalog_get_n_items (GListModel *model)
{
  return SB_CATALOG (model)->models->len;
}

static gpointer
sb_catalog_get_item (GListModel *model,
                     guint       position)
{
  SbCatalog *self = SB_CATALOG (model);

  if (position >= self->models->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->models, position));
}

static void
sb_catalog_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_catalog_get_item_type;
  iface->get_n_items = sb_catalog_get_n_items;
  iface->get_item = sb_catalog_get_item;
}

static void
sb_catalog_finalize (GObject *object)
{
  SbCatalog *self = (SbCatalog *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  g_clear_pointer (&self->snapshot_date, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);

  G_OBJECT_CLASS (sb_catalog_parent_class)->finalize (object);
}

static void
sb_catalog_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbCatalog *self = SB_CATALOG (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_FETCHED:
      g_value_set_boxed (value, self->fetched);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_catalog_class_init (SbCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_catalog_finalize;
  object_class->get_property = sb_catalog_get_property;

  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                       SB_TYPE_CATALOG_SOURCE, SB_CATALOG_SOURCE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCHED] =
    g_param_spec_boxed ("fetched", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_catalog_init (SbCatalog *self)
{
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

SbCatalog *
sb_catalog_new (void)
{
  return g_object_new (SB_TYPE_CATALOG, NULL);
}

SbCatalogSource
sb_catalog_get_source (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), SB_CATALOG_SOURCE_NONE);

  return self->source;
}

/* Returns: (nullable) (transfer none): when the list was last fetched or confirmed by
 *   OpenRouter; %NULL for the bundled list or a cache of unknown age */
GDateTime *
sb_catalog_get_fetched (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  return self->fetched;
}

/* Returns: (nullable): the date of the bundled list, such as "2026-06-16" */
const char *
sb_catalog_get_snapshot_date (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  return self->snapshot_date;
}

/* How many entries of the last list loaded were skipped (no id, or a repeated one). */
guint
sb_catalog_get_n_skipped (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), 0);

  return self->n_skipped;
}

const char *
sb_catalog_get_etag (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  return self->etag;
}

const char *
sb_catalog_get_last_modified (SbCatalog *self)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  return self->last_modified;
}

/* Replaces the list with @parsed's, stealing its contents. */
void
sb_catalog_apply (SbCatalog       *self,
                  SbCatalogParsed *parsed)
{
  guint removed = self->models->len;
  SbCatalogSource old_source = self->source;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  self->models = g_steal_pointer (&parsed->models);
  self->by_id = g_steal_pointer (&parsed->by_id);
  self->n_skipped = parsed->n_skipped;

  g_free (self->snapshot_date);
  self->snapshot_date = g_steal_pointer (&parsed->snapshot_date);
  g_free (self->etag);
  self->etag = g_steal_pointer (&parsed->etag);
  g_free (self->last_modified);
  self->last_modified = g_steal_pointer (&parsed->last_modified);

  self->source = parsed->source;
  sb_catalog_set_fetched (self, parsed->fetched);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->models->len);
  if (old_source != self->source)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

void
sb_catalog_set_fetched (SbCatalog *self,
                        GDateTime *fetched)
{
  if (self->fetched == fetched ||
      (self->fetched != NULL && fetched != NULL && g_date_time_equal (self->fetched, fetched)))
    return;

  g_clear_pointer (&self->fetched, g_date_time_unref);
  self->fetched = fetched != NULL ? g_date_time_ref (fetched) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHED]);
}

void
sb_catalog_set_source (SbCatalog       *self,
                       SbCatalogSource  source)
{
  if (self->source == source)
    return;

  self->source = source;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

/**
 * sb_catalog_is_stale:
 * @self: a catalog
 * @now: (nullable): the current time, %NULL for the clock's
 *
 * Returns: whether the list should be refreshed from the network: it is the bundled one,
 *   of unknown age, or older than %SB_CATALOG_REFRESH_AGE
 */
gboolean
sb_catalog_is_stale (SbCatalog *self,
                     GDateTime *now)
{
  g_autoptr(GDateTime) clock = NULL;

  g_return_val_if_fail (SB_IS_CATALOG (self), TRUE);

  if (self->source != SB_CATALOG_SOURCE_NETWORK && self->source != SB_CATALOG_SOURCE_CACHE)
    return TRUE;

  if (self->fetched == NULL)
    return TRUE;

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();

  return g_date_time_difference (now, self->fetched) >= SB_CATALOG_REFRESH_AGE;
}

/**
 * sb_catalog_describe_source:
 * @self: a catalog
 * @now: (nullable): the current time, %NULL for the clock's
 *
 * Returns: (transfer full): where the list comes from, for people: "updated 5 min ago",
 *   "offline — bundled list of 2026-06"
 */
char *
sb_catalog_describe_source (SbCatalog *self,
                            GDateTime *now)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autofree char *month = NULL;
  GTimeSpan age;
  guint minutes, hours, days;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);

  switch (self->source)
    {
    case SB_CATALOG_SOURCE_NONE:
      return g_strdup (_("no model list loaded"));

    case SB_CATALOG_SOURCE_BUNDLED:
      if (self->snapshot_date == NULL)
        return g_strdup (_("offline — bundled list"));
      month = g_strndup (self->snapshot_date, 7);
      /* Translators: %s is a year and month, such as 2026-06 */
      return g_strdup_printf (_("offline — bundled list of %s"), month);

    case SB_CATALOG_SOURCE_NETWORK:
    case SB_CATALOG_SOURCE_CACHE:
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  if (self->fetched == NULL)
    return g_strdup (_("cached list of unknown age"));

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();

  age = MAX (g_date_time_difference (now, self->fetched), 0);
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("updated just now"));

  minutes = MIN (age / G_TIME_SPAN_MINUTE, G_MAXUINT);
  if (minutes < 60)
    return g_strdup_printf (ngettext ("updated %u min ago", "updated %u min ago", minutes),
                            minutes);

  hours = minutes / 60;
  if (hours < 48)
    return g_strdup_printf (ngettext ("updated %u hour ago", "updated %u hours ago", hours),
                            hours);

  days = hours / 24;
  return g_strdup_printf (ngettext ("updated %u day ago", "updated %u days ago", days), days);
}

/* Returns: (nullable) (transfer none): the model with exactly this id */
SbModel *
sb_catalog_lookup (SbCatalog  *self,
                   const char *id)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/* Levenshtein distance between @a and @b, or anything above @limit once it is certain to
 * exceed it. */
static guint
edit_distance (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len,
               guint       limit)
{
  guint row[MAX_SUGGEST_LENGTH + 1];

  for (gsize j = 0; j <= b_len; j++)
    row[j] = j;

  for (gsize i = 1; i <= a_len; i++)
    {
      guint diagonal = row[0];
      guint row_min;

      row[0] = i;
      row_min = row[0];
      for (gsize j = 1; j <= b_len; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j - 1] + 1, above + 1), diagonal + cost);
          diagonal = above;
          row_min = MIN (row_min, row[j]);
        }

      if (row_min > limit)
        return limit + 1;
    }

  return row[b_len];
}

/**
 * sb_catalog_suggest:
 * @self: a catalog
 * @id: a model id that may be misspelt
 *
 * Finds the known id nearest to @id, for messages such as "did you mean
 * qwen/qwen3-coder:free?". Only close ids are suggested: a few edits, fewer for short ids.
 *
 * Returns: (nullable) (transfer full): the nearest known id, or %NULL when @id is known or
 *   nothing is close
 */
char *
sb_catalog_suggest (SbCatalog  *self,
                    const char *id)
{
  g_autofree char *lower = NULL;
  const char *best = NULL;
  guint best_distance;
  guint limit;
  gsize len;

  g_return_val_if_fail (SB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (g_hash_table_contains (self->by_id, id))
    return NULL;

  lower = g_ascii_strdown (id, -1);
  len = strlen (lower);
  if (len == 0 || len > MAX_SUGGEST_LENGTH)
    return NULL;

  limit = CLAMP (len / 6, 1, 3);
  best_distance = limit + 1;

  for (guint i = 0; i < self->models->len; i++)
    {
      const char *candidate = sb_model_get_id (g_ptr_array_index (self->models, i));
      gsize candidate_len = strlen (candidate);
      guint distance;

      if (candidate_len > MAX_SUGGEST_LENGTH ||
          (candidate_len > len ? candidate_len - len : len - candidate_len) > limit)
        continue;

      distance = edit_distance (lower, len, candidate, candidate_len, MIN (limit, best_distance));
      if (distance < best_distance ||
          (distance == best_distance && best != NULL && strcmp (candidate, best) < 0))
        {
          best = candidate;
          best_distance = distance;
        }
    }

  return best_distance <= limit ? g_strdup (best) : NULL;
}

/**
 * sb_catalog_load_bytes:
 * @self: a catalog
 * @body: a /models response
 * @source: where @body comes from
 * @fetched: (nullable): when it was fetched
 * @error: return location for an error
 *
 * Parses @body on the calling thread and, if it is a model list, replaces the list with it.
 * A body that is not keeps the previous list.
 *
 * Returns: %FALSE with @error set when @body is not a model list
 */
gboolean
sb_catalog_load_bytes (SbCatalog        *self,
                       GBytes           *body,
                       SbCatalogSource   source,
                       GDateTime        *fetched,
                       GError          **error)
{
  SbCatalogParsed *parsed;

  g_return_val_if_fail (SB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  parsed = sb_catalog_parsed_new (body, error);
  if (parsed == NULL)
    return FALSE;

  parsed->source = source;
  parsed->fetched = fetched != NULL ? g_date_time_ref (fetched) : NULL;
  sb_catalog_apply (self, parsed);
  sb_catalog_parsed_free (parsed);

  return TRUE;
}

/* Worker thread: the cache if it parses, else the bundled snapshot. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(SbCatalogCache) cache = NULL;
  g_autoptr(GBytes) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  SbCatalogParsed *parsed = NULL;

  cache = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  if (cache != NULL)
    {
      parsed = sb_catalog_parsed_new (cache->body, &error);
      if (parsed != NULL)
        {
          parsed->source = SB_CATALOG_SOURCE_CACHE;
          parsed->fetched = g_steal_pointer (&cache->fetched);
          parsed->etag = g_steal_pointer (&cache->etag);
          parsed->last_modified = g_steal_pointer (&cache->last_modified);
          /* The API's answer has no date; only the snapshot does. */
          g_clear_pointer (&parsed->snapshot_date, g_free);
        }
    }

  if (parsed == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Not using the cached model list: %s", error->message);
  g_clear_error (&error);

  if (g_task_return_error_if_cancelled (task))
    {
      sb_catalog_parsed_free (parsed);
      return;
    }

  if (parsed == NULL)
    {
      snapshot = g_resources_lookup_data (SB_CATALOG_SNAPSHOT_RESOURCE,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (snapshot != NULL)
        parsed = sb_catalog_parsed_new (snapshot, &error);
      if (parsed == NULL)
        {
          g_prefix_error (&error, "%s", _("The bundled model list is damaged: "));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      parsed->source = SB_CATALOG_SOURCE_BUNDLED;
    }

  g_task_return_pointer (task, parsed, (GDestroyNotify) sb_catalog_parsed_free);
}

/* Main thread: puts the worker's list in place, then completes the caller's task. */
static void
load_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SbCatalog *self = SB_CATALOG (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SbCatalogParsed *parsed;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sb_catalog_apply (self, parsed);
  sb_catalog_parsed_free (parsed);
  g_task_return_boolean (task, TRUE);
}

/**
 * sb_catalog_load_async:
 * @self: a catalog
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is in place
 * @user_data: data for @callback
 *
 * Loads the cached list, or the bundled one when there is no usable cache. Never uses the
 * network: see sb_catalog_refresh_async().
 */
void
sb_catalog_load_async (SbCatalog           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (SB_IS_CATALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_catalog_load_async);

  worker = g_task_new (self, cancellable, load_parsed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, load_thread);
  g_task_run_in_thread (worker, load_thread);
}

gboolean
sb_catalog_load_finish (SbCatalog     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (SB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
