/* sb-catalog-cache.h
 *
 * The last good /models body on disk, with its HTTP validators and the time it was fetched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GBytes    *body;
  char      *etag;           /* nullable */
  char      *last_modified;  /* nullable */
  GDateTime *fetched;        /* nullable: unknown when the sidecar is missing or stale */
} SbCatalogCache;

char           *sb_catalog_cache_get_dir   (void);
SbCatalogCache *sb_catalog_cache_new       (GBytes          *body,
                                            const char      *etag,
                                            const char      *last_modified,
                                            GDateTime       *fetched);
void            sb_catalog_cache_free      (SbCatalogCache  *cache);
SbCatalogCache *sb_catalog_cache_read      (gsize            max_size,
                                            GError         **error);
gboolean        sb_catalog_cache_write     (SbCatalogCache  *cache,
                                            GError         **error);
gboolean        sb_catalog_cache_touch     (const char      *etag,
                                            const char      *last_modified,
                                            GDateTime       *fetched,
                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCatalogCache, sb_catalog_cache_free)

G_END_DECLS
