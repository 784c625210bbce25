/* test-catalog-fetch.c
 *
 * The catalogue against a loopback OpenRouter (a SoupServer): first fetch, conditional
 * refresh with 304, server errors and a server that is down, both through SbCatalog and
 * through `signalbox --models --json` run as a process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sb-catalog.h"
#include "sb-catalog-cache.h"
#include "sb-test-util.h"

#define ETAG "\"models-v1\""
#define LAST_MODIFIED "Tue, 16 Jun 2026 10:00:00 GMT"

static const char models_body[] =
  "{\"data\": [\n"
  "  {\"id\": \"qwen/qwen3-coder:free\", \"name\": \"Qwen: Qwen3 Coder (free)\",\n"
  "   \"context_length\": 262000, \"pricing\": {\"prompt\": \"0\", \"completion\": \"0\"},\n"
  "   \"supported_parameters\": [\"tools\"]},\n"
  "  {\"id\": \"meta-llama/llama-3-70b-instruct\", \"name\": \"Meta: Llama 3 70B Instruct\",\n"
  "   \"context_length\": 8192,\n"
  "   \"pricing\": {\"prompt\": \"0.0000003\", \"completion\": \"0.0000004\"},\n"
  "   \"expiration_date\": \"2026-06-19\"},\n"
  "  {\"id\": \"openrouter/auto\", \"name\": \"Auto Router\", \"context_length\": 2000000,\n"
  "   \"pricing\": {\"prompt\": \"-1\", \"completion\": \"-1\"},\n"
  "   \"supported_parameters\": [\"tools\", \"reasoning\"]}\n"
  "]}\n";

typedef enum
{
  SERVE_MODELS,   /* 200 with ETag and Last-Modified, or 304 for a matching If-None-Match */
  SERVE_ERROR,    /* 500 */
  SERVE_GARBAGE,  /* 200 with a body that is not a model list */
} ServeMode;

typedef struct
{
  SbTestEnv   env;
  char       *cache_home;
  SoupServer *server;
  char       *base_url;
  ServeMode   mode;
  guint       requests;
  char       *if_none_match;      /* of the last request */
  char       *if_modified_since;
} Fixture;

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);

  fixture->requests++;
  g_free (fixture->if_none_match);
  fixture->if_none_match = g_strdup (soup_message_headers_get_one (request, "If-None-Match"));
  g_free (fixture->if_modified_since);
  fixture->if_modified_since = g_strdup (soup_message_headers_get_one (request,
                                                                       "If-Modified-Since"));

  if (g_strcmp0 (path, "/api/v1/models") != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  switch (fixture->mode)
    {
    case SERVE_MODELS:
      soup_message_headers_replace (response, "ETag", ETAG);
      soup_message_headers_replace (response, "Last-Modified", LAST_MODIFIED);
      if (g_strcmp0 (fixture->if_none_match, ETAG) == 0)
        {
          soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        models_body, strlen (models_body));
      break;

    case SERVE_ERROR:
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":{\"code\":500,\"message\":\"oops\"}}", 39);
      break;

    case SERVE_GARBAGE:
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"data\": [", 10);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  sb_test_env_setup (&fixture->env, data);
  fixture->cache_home = g_build_filename (fixture->env.root, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", fixture->cache_home, TRUE);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_callback, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  fixture->base_url = g_strdup_printf ("http://127.0.0.1:%d/api/v1",
                                       g_uri_get_port (uris->data));
  g_setenv ("SIGNALBOX_OPENROUTER_URL", fixture->base_url, TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_unsetenv ("SIGNALBOX_OPENROUTER_URL");
  g_clear_pointer (&fixture->base_url, g_free);
  g_clear_pointer (&fixture->if_none_match, g_free);
  g_clear_pointer (&fixture->if_modified_since, g_free);
  g_clear_pointer (&fixture->cache_home, g_free);
  sb_test_env_teardown (&fixture->env, data);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* No server listens there any more. */
static void
stop_server (Fixture *fixture)
{
  soup_server_disconnect (fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  sb_catalog_load_finish (SB_CATALOG (object), result, &wait->error);
  wait->done = TRUE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  sb_catalog_refresh_finish (SB_CATALOG (object), result, &wait->error);
  wait->done = TRUE;
}

static SbCatalog *
load_catalog (void)
{
  SbCatalog *catalog = sb_catalog_new ();
  Wait wait = { FALSE, NULL };

  sb_catalog_load_async (catalog, NULL, load_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);

  return catalog;
}

/* Returns: the refresh's error, or %NULL */
static GError *
refresh (SbCatalog *catalog,
         gboolean   force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbOpenRouter) client = sb_openrouter_new (&error);
  Wait wait = { FALSE, NULL };

  g_assert_no_error (error);
  sb_catalog_refresh_async (catalog, client, force, NULL, refresh_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  return wait.error;
}

static guint
n_models (SbCatalog *catalog)
{
  return g_list_model_get_n_items (G_LIST_MODEL (catalog));
}

/* A cache as a fetch of @hours_ago would have left it. */
static void
write_cache (double hours_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) fetched = g_date_time_add_seconds (now, -hours_ago * 3600);
  g_autoptr(GBytes) body = g_bytes_new_static (models_body, strlen (models_body));
  g_autoptr(SbCatalogCache) cache = sb_catalog_cache_new (body, ETAG, LAST_MODIFIED, fetched);
  g_autoptr(GError) error = NULL;

  sb_catalog_cache_write (cache, &error);
  g_assert_no_error (error);
}

static void
test_fetch_then_not_modified (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SbCatalog) first = load_catalog ();
  g_autoptr(SbCatalog) second = NULL;
  g_autoptr(SbCatalogCache) cache = NULL;
  g_autoptr(GDateTime) confirmed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = g_bytes_new_static (models_body, strlen (models_body));

  g_assert_cmpint (sb_catalog_get_source (first), ==, SB_CATALOG_SOURCE_BUNDLED);

  /* The bundled list is always stale; nothing to validate against */
  error = refresh (first, FALSE);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_null (fixture->if_none_match);
  g_assert_cmpint (sb_catalog_get_source (first), ==, SB_CATALOG_SOURCE_NETWORK);
  g_assert_cmpuint (n_models (first), ==, 3);
  g_assert_nonnull (sb_catalog_get_fetched (first));
  g_assert_null (sb_catalog_get_snapshot_date (first));

  /* Stored with its validators */
  cache = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (cache->body, expected));
  g_assert_cmpstr (cache->etag, ==, ETAG);
  g_assert_cmpstr (cache->last_modified, ==, LAST_MODIFIED);
  g_assert_nonnull (cache->fetched);

  /* A recent list is not fetched again unless asked */
  error = refresh (first, FALSE);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 1);

  /* A new session: the cache, then a conditional request answered by 304 */
  second = load_catalog ();
  g_assert_cmpint (sb_catalog_get_source (second), ==, SB_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (n_models (second), ==, 3);

  g_usleep (1100 * 1000);  /* so that the new fetch time differs, in whole seconds */
  error = refresh (second, TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 2);
  g_assert_cmpstr (fixture->if_none_match, ==, ETAG);
  g_assert_cmpstr (fixture->if_modified_since, ==, LAST_MODIFIED);
  g_assert_cmpint (sb_catalog_get_source (second), ==, SB_CATALOG_SOURCE_NETWORK);
  g_assert_cmpuint (n_models (second), ==, 3);
  g_assert_nonnull (sb_catalog_lookup (second, "openrouter/auto"));

  /* The 304 moved the cache's fetch time on and kept its body */
  confirmed = g_date_time_ref (sb_catalog_get_fetched (second));
  g_clear_pointer (&cache, sb_catalog_cache_free);
  cache = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (cache->body, expected));
  g_assert_cmpint (g_date_time_to_unix (cache->fetched), ==, g_date_time_to_unix (confirmed));
  g_assert_cmpint (g_date_time_to_unix (cache->fetched), >,
                   g_date_time_to_unix (sb_catalog_get_fetched (first)));
}

static void
test_server_error_keeps_cache (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  write_cache (7);
  catalog = load_catalog ();
  g_assert_cmpint (sb_catalog_get_source (catalog), ==, SB_CATALOG_SOURCE_CACHE);
  g_assert_true (sb_catalog_is_stale (catalog, NULL));

  fixture->mode = SERVE_ERROR;
  error = refresh (catalog, FALSE);
  g_assert_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_SERVER);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpint (sb_catalog_get_source (catalog), ==, SB_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (n_models (catalog), ==, 3);
  g_clear_error (&error);

  /* A 200 whose body is not a model list keeps the list and the cache */
  fixture->mode = SERVE_GARBAGE;
  error = refresh (catalog, TRUE);
  g_assert_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID);
  g_assert_cmpint (sb_catalog_get_source (catalog), ==, SB_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (n_models (catalog), ==, 3);
  g_clear_object (&catalog);

  catalog = load_catalog ();
  g_assert_cmpint (sb_catalog_get_source (catalog), ==, SB_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (n_models (catalog), ==, 3);
}

static void
test_server_down_bundled (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = load_catalog ();
  g_autoptr(GError) error = NULL;

  stop_server (fixture);
  error = refresh (catalog, FALSE);
  g_assert_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_NETWORK);
  g_assert_cmpint (sb_catalog_get_source (catalog), ==, SB_CATALOG_SOURCE_BUNDLED);
  g_assert_cmpuint (n_models (catalog), >, 300);
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs signalbox while this process's main loop keeps serving HTTP. */
static void
run_signalbox (Run         *run,
               const char **args)
{
  SbTestRunOptions options = { .serve = TRUE };

  run->status = sb_test_run ("SIGNALBOX_BINARY", args, &options, &run->out, &run->err);
}

#define RUN(run, ...) \
  G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_clear (run); \
    run_signalbox (run, args_); \
  } G_STMT_END

/* The parsed output of --models --json, after checking its source. */
static JsonObject *
parse_models (Run        *run,
              const char *source,
              JsonNode  **root)
{
  JsonObject *object;

  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  *root = sb_test_parse (run->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  object = json_node_get_object (*root);
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, source);

  return object;
}

static void
test_cli_network_then_cache (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *object;
  JsonArray *models;
  JsonObject *model;

  RUN (&run, "--models", "--json");
  object = parse_models (&run, "network", &root);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_nonnull (json_object_get_string_member (object, "fetched"));
  g_assert_nonnull (strstr (run.err, "3 models, 3 shown; updated just now"));

  /* Sorted by id; prices per million tokens, null when unknown */
  models = json_object_get_array_member (object, "models");
  g_assert_cmpuint (json_array_get_length (models), ==, 3);
  model = json_array_get_object_element (models, 0);
  g_assert_cmpstr (json_object_get_string_member (model, "id"), ==,
                   "meta-llama/llama-3-70b-instruct");
  g_assert_true (json_object_get_double_member (model, "prompt_price") == 0.3);
  g_assert_true (json_object_get_double_member (model, "completion_price") == 0.4);
  g_assert_false (json_object_get_boolean_member (model, "tools"));
  g_assert_cmpstr (json_object_get_string_member (model, "expiration_date"), ==, "2026-06-19");
  g_assert_nonnull (strstr (run.out, "\"prompt_price\": 0.3,"));
  model = json_array_get_object_element (models, 1);
  g_assert_cmpstr (json_object_get_string_member (model, "id"), ==, "openrouter/auto");
  g_assert_true (json_object_get_null_member (model, "prompt_price"));
  g_assert_false (json_object_get_boolean_member (model, "free"));
  g_assert_true (json_object_get_boolean_member (model, "reasoning"));
  g_assert_false (json_object_has_member (model, "expiration_date"));
  model = json_array_get_object_element (models, 2);
  g_assert_true (json_object_get_boolean_member (model, "free"));
  g_assert_cmpint (json_object_get_int_member (model, "context_length"), ==, 262000);

  /* Again: the recent cache, without asking the server */
  RUN (&run, "--models", "--json", "--tools");
  object = parse_models (&run, "cache", &again);
  g_assert_cmpuint (fixture->requests, ==, 1);
  models = json_object_get_array_member (object, "models");
  g_assert_cmpuint (json_array_get_length (models), ==, 2);

  /* A table, filtered */
  RUN (&run, "--models", "--free", "--search", "QWEN coder");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "qwen/qwen3-coder:free"));
  g_assert_nonnull (strstr (run.out, "tools free"));
  g_assert_null (strstr (run.out, "openrouter/auto"));
  g_assert_nonnull (strstr (run.err, "3 models, 1 shown"));
}

static void
test_cli_stale_cache_not_modified (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SbCatalogCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  write_cache (7);
  RUN (&run, "--models", "--json");
  object = parse_models (&run, "network", &root);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpstr (fixture->if_none_match, ==, ETAG);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "models")), ==,
                    3);

  /* The cache is recent again */
  cache = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_assert_cmpint (g_date_time_difference (now, cache->fetched), <, 60 * G_TIME_SPAN_SECOND);
  }
}

static void
test_cli_server_error_cache (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  write_cache (7);
  fixture->mode = SERVE_ERROR;
  RUN (&run, "--models", "--json");
  object = parse_models (&run, "cache", &root);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_nonnull (strstr (run.err, "Could not update the model list"));
  g_assert_nonnull (strstr (run.err, "updated 7 hours ago"));
  g_assert_false (json_object_get_null_member (object, "fetched"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "models")), ==,
                    3);
}

static void
test_cli_server_down_bundled (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *models;
  gboolean found = FALSE;

  stop_server (fixture);
  RUN (&run, "--models", "--json");
  object = parse_models (&run, "bundled", &root);
  g_assert_true (json_object_get_null_member (object, "fetched"));
  g_assert_nonnull (strstr (run.err, "Could not update the model list"));
  g_assert_nonnull (strstr (run.err, "offline — bundled list of 2026-06"));

  models = json_object_get_array_member (object, "models");
  g_assert_cmpuint (json_array_get_length (models), >, 300);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);

      if (g_strcmp0 (json_object_get_string_member (model, "id"), "z-ai/glm-5.2") == 0)
        {
          g_assert_true (json_object_get_boolean_member (model, "tools"));
          g_assert_true (json_object_get_double_member (model, "prompt_price") == 1.4);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_cli_usage (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  RUN (&run, "--tools");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Give one of --status, --use MODEL, --models, "
                                     "--move-keys"));

  RUN (&run, "--status", "--free");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--tools, --free and --search go with --models"));

  RUN (&run, "--models", "--status");
  g_assert_cmpint (run.status, ==, 2);

  RUN (&run, "--models", ".");
  g_assert_cmpint (run.status, ==, 2);

  RUN (&run, "--models", "--search");
  g_assert_cmpint (run.status, ==, 2);

  RUN (&run, "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--models"));
  g_assert_cmpuint (fixture->requests, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/catalog-fetch/fetch-then-not-modified", test_fetch_then_not_modified);
  ADD_TEST ("/signalbox/catalog-fetch/server-error-keeps-cache", test_server_error_keeps_cache);
  ADD_TEST ("/signalbox/catalog-fetch/server-down-bundled", test_server_down_bundled);
  ADD_TEST ("/signalbox/catalog-fetch/cli/network-then-cache", test_cli_network_then_cache);
  ADD_TEST ("/signalbox/catalog-fetch/cli/stale-cache-not-modified",
            test_cli_stale_cache_not_modified);
  ADD_TEST ("/signalbox/catalog-fetch/cli/server-error-cache", test_cli_server_error_cache);
  ADD_TEST ("/signalbox/catalog-fetch/cli/server-down-bundled", test_cli_server_down_bundled);
  ADD_TEST ("/signalbox/catalog-fetch/cli/usage", test_cli_usage);

  return g_test_run ();
}
