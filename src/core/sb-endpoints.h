/* sb-endpoints.h
 *
 * Who serves a model: OpenRouter's GET /models/{author}/{slug}/endpoints, mapped from JSON
 * and cached on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sb-model.h"
#include "sb-openrouter.h"

G_BEGIN_DECLS

#define SB_ENDPOINTS_ERROR (sb_endpoints_error_quark ())

typedef enum
{
  SB_ENDPOINTS_ERROR_INVALID_ID,  /* not author/slug */
  SB_ENDPOINTS_ERROR_INVALID,     /* the answer is not an endpoint list */
} SbEndpointsError;

/* How long a fetched list is used before it is asked for again. */
#define SB_ENDPOINTS_MAX_AGE_SECONDS (60 * 60)
#define SB_ENDPOINTS_MAX_BODY (4 * 1024 * 1024)

/* One provider serving the model. Prices are USD per million tokens, counts are tokens;
 * a negative number means OpenRouter did not say. */
typedef struct
{
  char    *provider;          /* provider_name, such as "DeepInfra" */
  char    *name;              /* the endpoint's own name */
  char    *tag;               /* provider slug with variant, such as "deepinfra/fp8" */
  char    *quantization;      /* "fp8", "bf16", …; NULL when not said */
  gint64   context_length;
  gint64   max_completion_tokens;
  double   prompt_price;
  double   completion_price;
  double   cache_read_price;
  double   cache_write_price;
  double   uptime_last_30m;   /* percent */
  double   latency_p50;       /* latency_last_30m.p50, in the API's unit (seconds) */
  double   throughput_p50;    /* throughput_last_30m.p50, tokens per second */
} SbEndpoint;

GQuark      sb_endpoints_error_quark    (void);

void        sb_endpoint_free            (SbEndpoint   *endpoint);
GPtrArray  *sb_endpoints_parse          (GBytes       *body,
                                         GError      **error);
char       *sb_endpoints_path_for_model (const char   *model_id,
                                         GError      **error);
SbEndpoint *sb_endpoints_find_cheapest  (GPtrArray    *endpoints);
gboolean    sb_endpoints_differs_from_list (SbEndpoint *endpoint,
                                            SbModel    *model,
                                            double      tolerance);

void        sb_endpoints_fetch_async    (SbOpenRouter        *client,
                                         const char          *model_id,
                                         guint                max_age_seconds,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray  *sb_endpoints_fetch_finish   (SbOpenRouter  *client,
                                         GAsyncResult  *result,
                                         gboolean      *from_cache,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbEndpoint, sb_endpoint_free)

G_END_DECLS
