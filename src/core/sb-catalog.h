/* sb-catalog.h
 *
 * OpenRouter's models as a GListModel of SbModel: fetched, cached on disk, and bundled as a
 * snapshot so that the first start works offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-model.h"
#include "sb-openrouter.h"

G_BEGIN_DECLS

/* A list older than this is refreshed from the network. */
#define SB_CATALOG_REFRESH_AGE (6 * G_TIME_SPAN_HOUR)
/* The largest /models body read from the network or the cache. */
#define SB_CATALOG_MAX_BODY (64 * 1024 * 1024)
#define SB_CATALOG_SNAPSHOT_RESOURCE "/io/github/signalbox/Signalbox/catalog-snapshot.json"

#define SB_CATALOG_ERROR (sb_catalog_error_quark ())

typedef enum
{
  SB_CATALOG_ERROR_INVALID,  /* the body is not a model list */
} SbCatalogError;

typedef enum
{
  SB_CATALOG_SOURCE_NONE,     /* nothing loaded yet */
  SB_CATALOG_SOURCE_NETWORK,
  SB_CATALOG_SOURCE_CACHE,
  SB_CATALOG_SOURCE_BUNDLED,
} SbCatalogSource;

#define SB_TYPE_CATALOG (sb_catalog_get_type ())

G_DECLARE_FINAL_TYPE (SbCatalog, sb_catalog, SB, CATALOG, GObject)

GQuark           sb_catalog_error_quark      (void);
const char      *sb_catalog_source_to_string (SbCatalogSource   source);

GPtrArray       *sb_catalog_parse            (GBytes           *body,
                                              guint            *n_skipped,
                                              char            **snapshot_date,
                                              GError          **error);

SbCatalog       *sb_catalog_new              (void);
SbCatalogSource  sb_catalog_get_source       (SbCatalog        *self);
GDateTime       *sb_catalog_get_fetched      (SbCatalog        *self);
const char      *sb_catalog_get_snapshot_date (SbCatalog      *self);
guint            sb_catalog_get_n_skipped    (SbCatalog        *self);
gboolean         sb_catalog_is_stale         (SbCatalog        *self,
                                              GDateTime        *now);
char            *sb_catalog_describe_source  (SbCatalog        *self,
                                              GDateTime        *now);
SbModel         *sb_catalog_lookup           (SbCatalog        *self,
                                              const char       *id);
char            *sb_catalog_suggest          (SbCatalog        *self,
                                              const char       *id);

gboolean         sb_catalog_load_bytes       (SbCatalog        *self,
                                              GBytes           *body,
                                              SbCatalogSource   source,
                                              GDateTime        *fetched,
                                              GError          **error);
void             sb_catalog_load_async       (SbCatalog        *self,
                                              GCancellable     *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer          user_data);
gboolean         sb_catalog_load_finish      (SbCatalog        *self,
                                              GAsyncResult     *result,
                                              GError          **error);
void             sb_catalog_refresh_async    (SbCatalog        *self,
                                              SbOpenRouter     *client,
                                              gboolean          force,
                                              GCancellable     *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer          user_data);
gboolean         sb_catalog_refresh_finish   (SbCatalog        *self,
                                              GAsyncResult     *result,
                                              GError          **error);

G_END_DECLS
