/* test-endpoints.c
 *
 * Tests of the providers of a model (GET /models/{author}/{slug}/endpoints): the mapper on
 * fixtures written from the API reference, and the fetch with its cache against a loopback
 * SoupServer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "sb-catalog.h"
#include "sb-endpoints.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestEnv     env;
  SoupServer   *server;
  SbOpenRouter *client;
  char         *body;     /* what the server answers */
  guint         status;
  char         *path;     /* what it was asked last */
  gboolean      had_authorization;
  guint         n_requests;
} Fixture;

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "endpoints", name, NULL);
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  fixture->n_requests++;
  g_free (fixture->path);
  fixture->path = g_strdup (path);
  fixture->had_authorization = soup_message_headers_get_one (headers, "Authorization") != NULL;
  soup_server_message_set_status (message, fixture->status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    fixture->body, strlen (fixture->body));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) body = read_fixture ("qwen3-coder.json");

  sb_test_env_setup (&fixture->env, data);
  cache = g_build_filename (fixture->env.root, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  fixture->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  fixture->status = 200;
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_callback, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  base = g_strdup_printf ("http://127.0.0.1:%d/api/v1", g_uri_get_port (uris->data));
  fixture->client = sb_openrouter_new_for_base (base, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_free (fixture->body);
  g_free (fixture->path);
  sb_test_env_teardown (&fixture->env, data);
}

typedef struct
{
  gboolean   done;
  GPtrArray *endpoints;
  gboolean   from_cache;
  GError    *error;
} Result;

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->endpoints = sb_endpoints_fetch_finish (SB_OPENROUTER (object), result, &r->from_cache,
                                            &r->error);
  r->done = TRUE;
}

static void
fetch (Fixture    *fixture,
       const char *model,
       guint       max_age,
       Result     *r)
{
  memset (r, 0, sizeof *r);
  sb_endpoints_fetch_async (fixture->client, model, max_age, NULL, fetch_cb, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->endpoints, g_ptr_array_unref);
  g_clear_error (&r->error);
}

static void
test_parse (void)
{
  g_autoptr(GBytes) body = read_fixture ("qwen3-coder.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) endpoints = sb_endpoints_parse (body, &error);
  SbEndpoint *e;

  g_assert_no_error (error);
  /* The string element is skipped. */
  g_assert_cmpuint (endpoints->len, ==, 4);

  e = endpoints->pdata[0];
  g_assert_cmpstr (e->provider, ==, "DeepInfra");
  g_assert_cmpstr (e->tag, ==, "deepinfra/fp8");
  g_assert_cmpstr (e->quantization, ==, "fp8");
  g_assert_cmpint (e->context_length, ==, 262144);
  g_assert_cmpint (e->max_completion_tokens, ==, 65536);
  g_assert_cmpfloat_with_epsilon (e->prompt_price, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->completion_price, 1.6, 1e-9);
  g_assert_cmpfloat (e->cache_read_price, <, 0);
  g_assert_cmpfloat (e->cache_write_price, <, 0);
  g_assert_cmpfloat_with_epsilon (e->uptime_last_30m, 99.52, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->latency_p50, 0.61, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->throughput_p50, 58.3, 1e-9);

  /* A latency as a plain number; nulls are unknown. */
  e = endpoints->pdata[1];
  g_assert_cmpstr (e->provider, ==, "Chutes");
  g_assert_cmpint (e->max_completion_tokens, <, 0);
  g_assert_cmpfloat_with_epsilon (e->cache_read_price, 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->latency_p50, 1.05, 1e-9);
  g_assert_cmpfloat (e->throughput_p50, <, 0);

  /* Wrong types are unknown, not 0. */
  e = endpoints->pdata[2];
  g_assert_cmpint (e->context_length, <, 0);
  g_assert_cmpfloat_with_epsilon (e->cache_write_price, 3.75, 1e-9);
  g_assert_cmpfloat (e->uptime_last_30m, <, 0);

  e = endpoints->pdata[3];
  g_assert_cmpstr (e->provider, ==, "Unpriced");
  g_assert_cmpfloat (e->prompt_price, <, 0);
  g_assert_cmpfloat (e->completion_price, <, 0);
  g_assert_null (e->quantization);

  /* The cheapest known: Chutes; it is far from a list price of 3/15 but not from its own. */
  g_assert_cmpstr (sb_endpoints_find_cheapest (endpoints)->provider, ==, "Chutes");
}

static void
test_differs (void)
{
  static const char list[] =
    "{\"data\":[{\"id\":\"qwen/qwen3-coder\",\"pricing\":{\"prompt\":\"0.00000022\","
    "\"completion\":\"0.0000018\"}}]}";
  g_autoptr(GBytes) list_body = g_bytes_new_static (list, strlen (list));
  g_autoptr(GBytes) body = read_fixture ("qwen3-coder.json");
  g_autoptr(GPtrArray) endpoints = sb_endpoints_parse (body, NULL);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GError) error = NULL;
  SbModel *model;

  g_assert_true (sb_catalog_load_bytes (catalog, list_body, SB_CATALOG_SOURCE_CACHE, NULL,
                                        &error));
  model = sb_catalog_lookup (catalog, "qwen/qwen3-coder");
  g_assert_nonnull (model);
  /* List: 3 × 0.22 + 1.8 = 2.46; Chutes: 3 × 0.2 + 0.8 = 1.4; DeepInfra 1.2 + 1.6 = 2.8 */
  g_assert_true (sb_endpoints_differs_from_list (endpoints->pdata[1], model, 0.2));
  g_assert_false (sb_endpoints_differs_from_list (endpoints->pdata[0], model, 0.2));
  g_assert_true (sb_endpoints_differs_from_list (endpoints->pdata[2], model, 0.2));
  /* Unknown prices never raise the flag. */
  g_assert_false (sb_endpoints_differs_from_list (endpoints->pdata[3], model, 0.2));
}

static void
test_invalid (void)
{
  const char *bodies[] = { "", "[]", "{\"data\":[]}", "{\"data\":{}}", "{\"data\":{\"endpoints\":",
                           "{\"error\":{\"code\":404}}" };
  g_autoptr(GBytes) not_a_list = read_fixture ("not-a-list.json");
  g_autoptr(GError) error = NULL;

  g_assert_null (sb_endpoints_parse (not_a_list, &error));
  g_assert_error (error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (bodies[i], strlen (bodies[i]));

      g_clear_error (&error);
      g_assert_null (sb_endpoints_parse (body, &error));
      g_assert_error (error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID);
    }
}

static void
test_path (void)
{
  const char *good[][2] = {
    { "qwen/qwen3-coder", "/models/qwen/qwen3-coder/endpoints" },
    { "qwen/qwen3-coder:free", "/models/qwen/qwen3-coder/endpoints" },
    { "meta-llama/llama-3.1-8b-instruct", "/models/meta-llama/llama-3.1-8b-instruct/endpoints" },
  };
  const char *bad[] = { "qwen", "/qwen3", "qwen/", "../x/y", "a/..", "a/b/c", "a/b?x=1",
                        "~anthropic/claude-sonnet-latest", "a/b%2f", "a /b" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *path = sb_endpoints_path_for_model (good[i][0], NULL);

      g_assert_cmpstr (path, ==, good[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = sb_endpoints_path_for_model (bad[i], &error);

      g_assert_null (path);
      g_assert_error (error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID_ID);
    }
}

/* Asked once, then served from the cache; asked again when the cache may not be used. */
static void
test_fetch_cached (Fixture       *fixture,
                   gconstpointer  data)
{
  Result r;

  fetch (fixture, "qwen/qwen3-coder:free", SB_ENDPOINTS_MAX_AGE_SECONDS, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.endpoints->len, ==, 4);
  g_assert_false (r.from_cache);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_cmpstr (fixture->path, ==, "/api/v1/models/qwen/qwen3-coder/endpoints");
  g_assert_false (fixture->had_authorization);
  result_clear (&r);

  fetch (fixture, "qwen/qwen3-coder", SB_ENDPOINTS_MAX_AGE_SECONDS, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.from_cache);
  g_assert_cmpuint (r.endpoints->len, ==, 4);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  result_clear (&r);

  fetch (fixture, "qwen/qwen3-coder", 0, &r);
  g_assert_no_error (r.error);
  g_assert_false (r.from_cache);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
  result_clear (&r);
}

/* An error is reported, and a bad answer never replaces a good cached one. */
static void
test_fetch_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) not_found = read_fixture ("error-404.json");
  Result r;

  fetch (fixture, "qwen/qwen3-coder", SB_ENDPOINTS_MAX_AGE_SECONDS, &r);
  g_assert_no_error (r.error);
  result_clear (&r);

  g_free (fixture->body);
  fixture->body = g_strndup (g_bytes_get_data (not_found, NULL), g_bytes_get_size (not_found));
  fixture->status = 404;
  fetch (fixture, "qwen/qwen3-coder", 0, &r);
  g_assert_nonnull (r.error);
  g_assert_true (r.error->domain == SB_OPENROUTER_ERROR);
  g_assert_null (r.endpoints);
  result_clear (&r);

  fixture->status = 200;
  g_free (fixture->body);
  fixture->body = g_strdup ("{\"data\":{}}");
  fetch (fixture, "qwen/qwen3-coder", 0, &r);
  g_assert_error (r.error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID);
  result_clear (&r);

  fetch (fixture, "qwen/qwen3-coder", SB_ENDPOINTS_MAX_AGE_SECONDS, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.from_cache);
  g_assert_cmpuint (r.endpoints->len, ==, 4);
  result_clear (&r);

  fetch (fixture, "../etc", SB_ENDPOINTS_MAX_AGE_SECONDS, &r);
  g_assert_error (r.error, SB_ENDPOINTS_ERROR, SB_ENDPOINTS_ERROR_INVALID_ID);
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signalbox/endpoints/parse", test_parse);
  g_test_add_func ("/signalbox/endpoints/differs", test_differs);
  g_test_add_func ("/signalbox/endpoints/invalid", test_invalid);
  g_test_add_func ("/signalbox/endpoints/path", test_path);
  g_test_add ("/signalbox/endpoints/fetch-cached", Fixture, NULL, fixture_setup,
              test_fetch_cached, fixture_teardown);
  g_test_add ("/signalbox/endpoints/fetch-errors", Fixture, NULL, fixture_setup,
              test_fetch_errors, fixture_teardown);

  return g_test_run ();
}
