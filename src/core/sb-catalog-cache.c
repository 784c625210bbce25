/* sb-catalog-cache.c
 *
 * The last good /models body on disk, with its HTTP validators and the time it was fetched.
 *
 * The body is kept byte for byte in $XDG_CACHE_HOME/signalbox/models.json; a small sidecar,
 * models-meta.json, holds the ETag, Last-Modified, fetch time and the body's checksum, so a
 * sidecar that does not belong to the body (another process wrote one of them meanwhile) is
 * recognised and its validators are not sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <json-glib/json-glib.h>

#include "sb-catalog-cache.h"
#include "sb-file.h"
#include "sb-json-edit.h"

#define BODY_NAME "models.json"
#define META_NAME "models-meta.json"
#define META_MAX_SIZE (64 * 1024)

/* The environment is read on every call, unlike g_get_user_cache_dir(), so that tests can
 * point XDG_CACHE_HOME elsewhere between cases. */
char *
sb_catalog_cache_get_dir (void)
{
  const char *cache_home = g_getenv ("XDG_CACHE_HOME");

  if (cache_home != NULL && g_path_is_absolute (cache_home))
    return g_build_filename (cache_home, "signalbox", NULL);

  return g_build_filename (g_get_user_cache_dir (), "signalbox", NULL);
}

SbCatalogCache *
sb_catalog_cache_new (GBytes     *body,
                      const char *etag,
                      const char *last_modified,
                      GDateTime  *fetched)
{
  SbCatalogCache *cache = g_new0 (SbCatalogCache, 1);

  cache->body = body != NULL ? g_bytes_ref (body) : NULL;
  cache->etag = g_strdup (etag);
  cache->last_modified = g_strdup (last_modified);
  cache->fetched = fetched != NULL ? g_date_time_ref (fetched) : NULL;

  return cache;
}

void
sb_catalog_cache_free (SbCatalogCache *cache)
{
  if (cache == NULL)
    return;

  g_clear_pointer (&cache->body, g_bytes_unref);
  g_clear_pointer (&cache->etag, g_free);
  g_clear_pointer (&cache->last_modified, g_free);
  g_clear_pointer (&cache->fetched, g_date_time_unref);
  g_free (cache);
}

static char *
cache_path (const char *name)
{
  g_autofree char *dir = sb_catalog_cache_get_dir ();

  return g_build_filename (dir, name, NULL);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Fills in what the sidecar says about @cache->body; leaves the rest unknown. */
static void
read_meta (SbCatalogCache *cache)
{
  g_autofree char *path = cache_path (META_NAME);
  g_autofree char *checksum = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = sb_file_read_max (path, META_MAX_SIZE, NULL);
  const char *data;
  gsize size;
  JsonObject *object;
  JsonNode *fetched;

  if (bytes == NULL)
    return;

  data = g_bytes_get_data (bytes, &size);
  if (!sb_json_check_depth (data, size, SB_JSON_MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, cache->body);
  if (g_strcmp0 (get_string (object, "sha256"), checksum) != 0)
    return;

  cache->etag = g_strdup (get_string (object, "etag"));
  cache->last_modified = g_strdup (get_string (object, "last_modified"));

  fetched = json_object_get_member (object, "fetched");
  if (fetched != NULL && JSON_NODE_HOLDS_VALUE (fetched) &&
      json_node_get_value_type (fetched) == G_TYPE_INT64)
    cache->fetched = g_date_time_new_from_unix_utc (json_node_get_int (fetched));
}

/**
 * sb_catalog_cache_read:
 * @max_size: the largest body to accept
 * @error: return location for an error
 *
 * Returns: (transfer full): the cached body and what is known about it, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND when nothing is cached, or another error
 */
SbCatalogCache *
sb_catalog_cache_read (gsize    max_size,
                       GError **error)
{
  g_autofree char *path = cache_path (BODY_NAME);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbCatalogCache) cache = NULL;

  /* Read, not mapped: a writer replacing the file must not change our bytes, and only a
   * regular file is read at all (a FIFO would block). */
  body = sb_file_read_max (path, max_size, &local_error);
  if (body == NULL)
    {
      /* The cache's callers tell a body too large or not a file by G_IO_ERROR_INVALID_DATA. */
      if (local_error->domain == SB_FILE_ERROR)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, local_error->message);
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  cache = g_new0 (SbCatalogCache, 1);
  cache->body = g_steal_pointer (&body);
  read_meta (cache);

  return g_steal_pointer (&cache);
}

static gboolean
write_meta (GBytes      *body,
            const char  *etag,
            const char  *last_modified,
            GDateTime   *fetched,
            GError     **error)
{
  g_autofree char *path = cache_path (META_NAME);
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, checksum);
  if (etag != NULL)
    {
      json_builder_set_member_name (builder, "etag");
      json_builder_add_string_value (builder, etag);
    }
  if (last_modified != NULL)
    {
      json_builder_set_member_name (builder, "last_modified");
      json_builder_add_string_value (builder, last_modified);
    }
  if (fetched != NULL)
    {
      json_builder_set_member_name (builder, "fetched");
      json_builder_add_int_value (builder, g_date_time_to_unix (fetched));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static gboolean
ensure_dir (GError **error)
{
  g_autofree char *dir = sb_catalog_cache_get_dir ();
  int errsv;

  if (g_mkdir_with_parents (dir, 0755) == 0)
    return TRUE;

  errsv = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               "Cannot create %s: %s", dir, g_strerror (errsv));
  return FALSE;
}

/* Replaces the cached body and sidecar, each atomically (temporary file, then rename). */
gboolean
sb_catalog_cache_write (SbCatalogCache  *cache,
                        GError         **error)
{
  g_autofree char *path = cache_path (BODY_NAME);
  gsize size;
  const char *data;

  g_return_val_if_fail (cache != NULL && cache->body != NULL, FALSE);

  if (!ensure_dir (error))
    return FALSE;

  data = g_bytes_get_data (cache->body, &size);
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return FALSE;

  return write_meta (cache->body, cache->etag, cache->last_modified, cache->fetched, error);
}

/**
 * sb_catalog_cache_touch:
 * @etag: (nullable): the ETag the cached body was confirmed with (after a 304)
 * @last_modified: (nullable): its Last-Modified
 * @fetched: when it was confirmed
 * @error: return location for an error
 *
 * Records that the server confirmed the cached body. Nothing is written when the body on
 * disk is no longer the one with @etag (another process replaced it meanwhile).
 *
 * Returns: %FALSE on error
 */
gboolean
sb_catalog_cache_touch (const char  *etag,
                        const char  *last_modified,
                        GDateTime   *fetched,
                        GError     **error)
{
  g_autoptr(SbCatalogCache) cache = sb_catalog_cache_read (G_MAXSIZE, error);

  if (cache == NULL)
    return FALSE;

  if (g_strcmp0 (cache->etag, etag) != 0 ||
      (etag == NULL && g_strcmp0 (cache->last_modified, last_modified) != 0))
    return TRUE;

  return write_meta (cache->body, etag,
                     last_modified != NULL ? last_modified : cache->last_modified,
                     fetched, error);
}
