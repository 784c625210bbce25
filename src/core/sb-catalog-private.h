/* sb-catalog-private.h
 *
 * What sb-catalog.c and sb-catalog-refresh.c share: a parsed list on its way from a worker
 * thread to the catalog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-catalog.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray       *models;
  GHashTable      *by_id;
  char            *snapshot_date;
  guint            n_skipped;
  SbCatalogSource  source;
  GDateTime       *fetched;
  char            *etag;
  char            *last_modified;
} SbCatalogParsed;

SbCatalogParsed *sb_catalog_parsed_new        (GBytes           *body,
                                               GError          **error);
void             sb_catalog_parsed_free       (SbCatalogParsed  *parsed);
SbCatalogParsed *sb_catalog_scan              (const char       *data,
                                               gsize             size);

const char      *sb_catalog_get_etag          (SbCatalog        *self);
const char      *sb_catalog_get_last_modified (SbCatalog        *self);
void             sb_catalog_apply             (SbCatalog        *self,
                                               SbCatalogParsed  *parsed);
void             sb_catalog_set_fetched       (SbCatalog        *self,
                                               GDateTime        *fetched);
void             sb_catalog_set_source        (SbCatalog        *self,
                                               SbCatalogSource   source);

G_END_DECLS
