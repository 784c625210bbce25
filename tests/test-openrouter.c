/* test-openrouter.c
 *
 * Tests for SbOpenRouter against a loopback SoupServer (and a raw socket for broken
 * servers): GET /key, GET /credits, every error status, broken bodies, timeouts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "sb-openrouter.h"

typedef enum
{
  RAW_TRUNCATED,  /* announces 100 bytes, sends a few, hangs up */
  RAW_SILENT,     /* reads the request and never answers */
} RawMode;

typedef struct
{
  SoupServer         *server;
  char               *base_url;
  SbOpenRouter       *client;
  char               *key;

  /* What the server answers next */
  guint               status;
  char               *body;
  gsize               body_size;   /* 0: strlen (body) */
  gboolean            chunked;
  SoupMessageHeaders *response_headers;

  /* What the server saw last */
  char               *path;
  SoupMessageHeaders *request_headers;
  guint               n_requests;

  /* A raw server for answers SoupServer would not send */
  GSocketService     *raw;
  RawMode             raw_mode;
  char               *raw_url;
} Fixture;

typedef struct
{
  gboolean      done;
  GBytes       *bytes;
  SoupMessage  *message;
  SbKeyInfo    *info;
  SbCredits    *credits;
  GError       *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->bytes, g_bytes_unref);
  g_clear_object (&result->message);
  g_clear_pointer (&result->info, sb_key_info_free);
  g_clear_pointer (&result->credits, sb_credits_free);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  fixture->n_requests++;
  g_free (fixture->path);
  fixture->path = g_strdup (path);
  g_clear_pointer (&fixture->request_headers, soup_message_headers_unref);
  fixture->request_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, request_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (fixture->request_headers, name, value);

  soup_message_headers_iter_init (&iter, fixture->response_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (response_headers, name, value);

  soup_server_message_set_status (message, fixture->status, NULL);
  if (fixture->body == NULL)
    return;

  if (fixture->chunked)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (message);
      gsize size = fixture->body_size;

      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      for (gsize offset = 0; offset < size; offset += 1000)
        soup_message_body_append (body, SOUP_MEMORY_COPY, fixture->body + offset,
                                  MIN (1000, size - offset));
      soup_message_body_complete (body);
    }
  else
    {
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        fixture->body,
                                        fixture->body_size > 0 ? fixture->body_size
                                                               : strlen (fixture->body));
    }
}

/* Runs in a thread of its own, so it may block. */
static gboolean
on_raw_run (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            gpointer                user_data)
{
  Fixture *fixture = user_data;
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  char buffer[1024];
  gssize n;

  /* The whole request first: unread data would turn our hang-up into a reset. */
  while (strstr (request->str, "\r\n\r\n") == NULL &&
         (n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (request, buffer, n);

  if (fixture->raw_mode == RAW_TRUNCATED)
    {
      const char *answer = "HTTP/1.1 200 OK\r\n"
                           "Content-Type: application/json\r\n"
                           "Content-Length: 100\r\n"
                           "\r\n"
                           "{\"data\": {\"label\": ";

      g_output_stream_write_all (output, answer, strlen (answer), NULL, NULL, NULL);
      g_output_stream_flush (output, NULL, NULL);
    }
  else
    {
      /* Until the client gives up. */
      while (g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL) > 0)
        ;
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static char *
listen_raw (Fixture *fixture)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  fixture->raw = g_threaded_socket_service_new (4);
  g_signal_connect (fixture->raw, "run", G_CALLBACK (on_raw_run), fixture);
  g_socket_listener_add_address (G_SOCKET_LISTENER (fixture->raw), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  g_socket_service_start (fixture->raw);

  return g_strdup_printf ("http://127.0.0.1:%u/api/v1",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  /* Built here, so that no key-shaped string is ever committed. */
  fixture->key = g_strconcat ("sk-or-", "v1-", "0123456789abcdef0123456789abcdef", NULL);

  fixture->response_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_callback, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base_url = g_strdup_printf ("http://127.0.0.1:%d/api/v1",
                                       g_uri_get_port (uris->data));

  fixture->client = sb_openrouter_new_for_base (fixture->base_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->client);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);

  if (fixture->raw != NULL)
    {
      g_socket_service_stop (fixture->raw);
      g_socket_listener_close (G_SOCKET_LISTENER (fixture->raw));
      g_clear_object (&fixture->raw);
    }

  /* Let what the client and the server dropped finish closing. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_pointer (&fixture->base_url, g_free);
  g_clear_pointer (&fixture->raw_url, g_free);
  g_clear_pointer (&fixture->key, g_free);
  g_clear_pointer (&fixture->body, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->response_headers, soup_message_headers_unref);
  g_clear_pointer (&fixture->request_headers, soup_message_headers_unref);
}

static void
answer (Fixture    *fixture,
        guint       status,
        const char *body)
{
  fixture->status = status;
  g_free (fixture->body);
  fixture->body = g_strdup (body);
  fixture->body_size = 0;
}

static void
on_got (GObject      *object,
        GAsyncResult *async_result,
        gpointer      user_data)
{
  Result *result = user_data;

  result->bytes = sb_openrouter_get_finish (SB_OPENROUTER (object), async_result,
                                            &result->message, &result->error);
  result->done = TRUE;
}

static void
on_key_info (GObject      *object,
             GAsyncResult *async_result,
             gpointer      user_data)
{
  Result *result = user_data;

  result->info = sb_openrouter_get_key_info_finish (SB_OPENROUTER (object), async_result,
                                                    &result->error);
  result->done = TRUE;
}

static void
on_credits (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  Result *result = user_data;

  result->credits = sb_openrouter_get_credits_finish (SB_OPENROUTER (object), async_result,
                                                      &result->error);
  result->done = TRUE;
}

static void
wait_for (Result *result)
{
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);

  /* Exactly one of a value and an error. */
  g_assert_true ((result->error == NULL) !=
                 (result->bytes == NULL && result->info == NULL && result->credits == NULL));
}

static void
get (Fixture            *fixture,
     SbOpenRouter       *client,
     const char         *path,
     const char         *key,
     SoupMessageHeaders *headers,
     gsize               max_body,
     Result             *result)
{
  sb_openrouter_get_async (client, path, key, headers, max_body, NULL, on_got, result);
  wait_for (result);
}

static void
get_key_info (Fixture *fixture,
              Result  *result)
{
  sb_openrouter_get_key_info_async (fixture->client, fixture->key, NULL, on_key_info, result);
  wait_for (result);
}

static void
assert_no_key (Fixture *fixture,
               GError  *error)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, fixture->key));
  /* Nor a recognisable part of it. */
  g_assert_null (strstr (error->message, fixture->key + 10));
}

static void
test_key_info_limited (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *authorization = g_strconcat ("Bearer ", fixture->key, NULL);
  g_autofree char *user_agent = g_strconcat ("Signalbox/", PACKAGE_VERSION, NULL);

  answer (fixture, 200,
          "{\"data\": {\"label\": \"sk-or-v1-012...def\", \"is_management_key\": false,"
          " \"limit\": 10, \"limit_reset\": \"monthly\", \"limit_remaining\": 7.25,"
          " \"usage\": 2.75, \"usage_daily\": 0.5, \"usage_weekly\": 1.5,"
          " \"usage_monthly\": 2.75, \"byok_usage\": 0, \"is_free_tier\": false,"
          " \"expires_at\": \"2027-01-01T00:00:00Z\","
          " \"rate_limit\": {\"requests\": -1, \"interval\": \"10s\"}}}");
  get_key_info (fixture, &result);

  g_assert_no_error (result.error);
  g_assert_cmpstr (result.info->label, ==, "sk-or-v1-012...def");
  g_assert_true (result.info->has_limit);
  g_assert_cmpfloat_with_epsilon (result.info->limit, 10, 1e-9);
  g_assert_true (result.info->has_limit_remaining);
  g_assert_cmpfloat_with_epsilon (result.info->limit_remaining, 7.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->usage, 2.75, 1e-9);
  g_assert_cmpstr (result.info->limit_reset, ==, "monthly");
  g_assert_true (result.info->has_usage_periods);
  g_assert_cmpfloat_with_epsilon (result.info->usage_daily, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.info->usage_weekly, 1.5, 1e-9);
  g_assert_false (result.info->is_free_tier);
  g_assert_false (result.info->is_management_key);
  g_assert_cmpstr (result.info->expires_at, ==, "2027-01-01T00:00:00Z");

  g_assert_cmpstr (fixture->path, ==, "/api/v1/key");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->request_headers, "Authorization"),
                   ==, authorization);
  g_assert_cmpstr (soup_message_headers_get_one (fixture->request_headers, "User-Agent"),
                   ==, user_agent);
}

static void
test_key_info_unlimited (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  /* An older shape: no usage periods, is_provisioning_key, null limit. */
  answer (fixture, 200,
          "{\"data\": {\"label\": \"free key\", \"limit\": null, \"usage\": 0,"
          " \"limit_remaining\": null, \"is_provisioning_key\": true,"
          " \"is_free_tier\": true, \"rate_limit\": {\"requests\": 20}}}");
  get_key_info (fixture, &result);

  g_assert_no_error (result.error);
  g_assert_cmpstr (result.info->label, ==, "free key");
  g_assert_false (result.info->has_limit);
  g_assert_false (result.info->has_limit_remaining);
  g_assert_false (result.info->has_usage_periods);
  g_assert_cmpfloat (result.info->usage, ==, 0);
  g_assert_true (result.info->is_free_tier);
  g_assert_true (result.info->is_management_key);
  g_assert_null (result.info->limit_reset);
  g_assert_null (result.info->expires_at);
}

typedef struct
{
  const char *body;
  gboolean    valid;
} MapperCase;

static const MapperCase key_info_cases[] = {
  { "{\"data\": {}}", TRUE },
  { "{\"data\": {\"label\": null, \"usage\": null, \"is_free_tier\": null}, \"x\": 1}", TRUE },
  { "{\"data\": {\"usage\": 1e2, \"limit\": 5}}", TRUE },
  { "[]", FALSE },
  { "{}", FALSE },
  { "{\"data\": null}", FALSE },
  { "{\"data\": [1]}", FALSE },
  { "{\"data\": {\"usage\": \"2.5\"}}", FALSE },
  { "{\"data\": {\"limit\": {}}}", FALSE },
  { "{\"data\": {\"label\": 5}}", FALSE },
  { "{\"data\": {\"is_free_tier\": \"yes\"}}", FALSE },
};

static void
test_key_info_mapper (gconstpointer data)
{
  const MapperCase *mapper_case = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbKeyInfo) info = NULL;
  g_autoptr(SbKeyInfo) copy = NULL;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, mapper_case->body, -1, &error);
  g_assert_no_error (error);

  info = sb_key_info_new_from_json (json_parser_get_root (parser), &error);
  if (mapper_case->valid)
    {
      g_assert_no_error (error);
      g_assert_nonnull (info);
      copy = sb_key_info_copy (info);
      g_assert_cmpstr (copy->label, ==, info->label);
      g_assert_cmpfloat (copy->usage, ==, info->usage);
    }
  else
    {
      g_assert_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE);
      g_assert_null (info);
    }
}

static void
test_key_info_not_json (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const bodies[] = {
    "<html>Bad gateway</html>",
    "{\"data\": {\"label\": \"x\", \"usage\": ",  /* cut short */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_auto(Result) result = { 0 };

      answer (fixture, 200, bodies[i]);
      get_key_info (fixture, &result);
      g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE);
      assert_no_key (fixture, result.error);
    }
}

static void
test_credits (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  answer (fixture, 200, "{\"data\": {\"total_credits\": 25, \"total_usage\": 3.125}}");
  sb_openrouter_get_credits_async (fixture->client, fixture->key, NULL, on_credits, &result);
  wait_for (&result);

  g_assert_no_error (result.error);
  g_assert_cmpstr (fixture->path, ==, "/api/v1/credits");
  g_assert_cmpfloat_with_epsilon (result.credits->total_credits, 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.credits->total_usage, 3.125, 1e-9);
}

static void
test_credits_forbidden (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  answer (fixture, 403,
          "{\"error\": {\"code\": 403, \"message\": \"Management keys only\"}}");
  sb_openrouter_get_credits_async (fixture->client, fixture->key, NULL, on_credits, &result);
  wait_for (&result);

  g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_FORBIDDEN);
  g_assert_null (result.credits);
  g_assert_nonnull (strstr (result.error->message, "Management keys only"));
  g_assert_cmpuint (sb_openrouter_error_get_status (result.error), ==, 403);
}

typedef struct
{
  guint       status;
  const char *retry_after;
  int         code;
  guint       expected_retry_after;
  gboolean    server_message;
} StatusCase;

static const StatusCase status_cases[] = {
  { 401, NULL, SB_OPENROUTER_ERROR_INVALID_KEY, 0, TRUE },
  { 401, NULL, SB_OPENROUTER_ERROR_INVALID_KEY, 0, FALSE },
  { 402, "7", SB_OPENROUTER_ERROR_NO_CREDITS, 7, TRUE },
  { 403, NULL, SB_OPENROUTER_ERROR_FORBIDDEN, 0, TRUE },
  { 408, NULL, SB_OPENROUTER_ERROR_TIMEOUT, 0, TRUE },
  { 429, "30", SB_OPENROUTER_ERROR_RATE_LIMITED, 30, TRUE },
  { 429, NULL, SB_OPENROUTER_ERROR_RATE_LIMITED, 0, TRUE },
  { 429, "soon", SB_OPENROUTER_ERROR_RATE_LIMITED, 0, FALSE },
  { 429, "Thu, 01 Jan 1970 00:00:00 GMT", SB_OPENROUTER_ERROR_RATE_LIMITED, 0, TRUE },
  { 500, NULL, SB_OPENROUTER_ERROR_SERVER, 0, TRUE },
  { 502, NULL, SB_OPENROUTER_ERROR_SERVER, 0, TRUE },
  { 503, "120", SB_OPENROUTER_ERROR_SERVER, 120, FALSE },
  { 400, NULL, SB_OPENROUTER_ERROR_BAD_RESPONSE, 0, TRUE },
  { 404, NULL, SB_OPENROUTER_ERROR_BAD_RESPONSE, 0, FALSE },
  { 302, NULL, SB_OPENROUTER_ERROR_BAD_RESPONSE, 0, FALSE },
};

static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  const StatusCase *status_case = data;
  g_auto(Result) result = { 0 };
  g_autofree char *body = NULL;
  g_autofree char *wait_text = NULL;

  if (status_case->server_message)
    /* A server that echoes the key must not make us repeat it. */
    body = g_strdup_printf ("{\"error\": {\"code\": %u, \"message\": \"Trouble %u with "
                            "key %s\\nsecond line\"}, \"user_id\": \"user_1\"}",
                            status_case->status, status_case->status, fixture->key);
  else
    body = g_strdup ("{\"unexpected\": true}");

  answer (fixture, status_case->status, body);
  if (status_case->retry_after != NULL)
    soup_message_headers_replace (fixture->response_headers, "Retry-After",
                                  status_case->retry_after);
  if (status_case->status == 302)
    soup_message_headers_replace (fixture->response_headers, "Location",
                                  "http://127.0.0.1:1/elsewhere");

  get_key_info (fixture, &result);

  g_assert_error (result.error, SB_OPENROUTER_ERROR, status_case->code);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_cmpuint (sb_openrouter_error_get_status (result.error), ==, status_case->status);
  g_assert_cmpuint (sb_openrouter_error_get_retry_after (result.error), ==,
                    status_case->expected_retry_after);
  assert_no_key (fixture, result.error);
  g_assert_null (strchr (result.error->message, '\n'));

  if (status_case->server_message)
    {
      g_autofree char *expected = g_strdup_printf ("Trouble %u with key", status_case->status);

      g_assert_nonnull (strstr (result.error->message, expected));
      g_assert_nonnull (strstr (result.error->message, "second line"));
    }

  if (status_case->code == SB_OPENROUTER_ERROR_RATE_LIMITED &&
      status_case->expected_retry_after > 0)
    {
      wait_text = g_strdup_printf ("%u seconds", status_case->expected_retry_after);
      g_assert_nonnull (strstr (result.error->message, wait_text));
    }
}

static void
test_retry_after_date (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 90);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  guint retry_after;

  answer (fixture, 429, "{\"error\": {\"code\": 429, \"message\": \"Slow down\"}}");
  soup_message_headers_replace (fixture->response_headers, "Retry-After", date);
  get_key_info (fixture, &result);

  g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_RATE_LIMITED);
  retry_after = sb_openrouter_error_get_retry_after (result.error);
  g_assert_cmpuint (retry_after, >=, 85);
  g_assert_cmpuint (retry_after, <=, 91);

  /* Carried by copies too. */
  {
    g_autoptr(GError) copy = g_error_copy (result.error);

    g_assert_cmpuint (sb_openrouter_error_get_retry_after (copy), ==, retry_after);
  }
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);

  answer (fixture, 304, NULL);
  soup_message_headers_replace (fixture->response_headers, "ETag", "\"v2\"");
  soup_message_headers_replace (headers, "If-None-Match", "\"v2\"");
  soup_message_headers_replace (headers, "If-Modified-Since", "Tue, 01 Sep 2026 10:00:00 GMT");

  get (fixture, fixture->client, "/models", NULL, headers, 1024, &result);

  g_assert_no_error (result.error);
  g_assert_nonnull (result.bytes);
  g_assert_cmpuint (g_bytes_get_size (result.bytes), ==, 0);
  g_assert_nonnull (result.message);
  g_assert_cmpuint (soup_message_get_status (result.message), ==, 304);
  g_assert_cmpstr (soup_message_headers_get_one (
                     soup_message_get_response_headers (result.message), "ETag"),
                   ==, "\"v2\"");

  g_assert_cmpstr (fixture->path, ==, "/api/v1/models");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->request_headers, "If-None-Match"),
                   ==, "\"v2\"");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->request_headers,
                                                 "If-Modified-Since"),
                   ==, "Tue, 01 Sep 2026 10:00:00 GMT");
  /* No key given, none sent. */
  g_assert_null (soup_message_headers_get_one (fixture->request_headers, "Authorization"));
}

static void
test_get_body (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  answer (fixture, 200, "{\"data\": []}");
  soup_message_headers_replace (fixture->response_headers, "Last-Modified",
                                "Wed, 02 Sep 2026 10:00:00 GMT");
  get (fixture, fixture->client, "/models", NULL, NULL, 12, &result);

  g_assert_no_error (result.error);
  g_assert_cmpmem (g_bytes_get_data (result.bytes, NULL), g_bytes_get_size (result.bytes),
                   "{\"data\": []}", 12);
  g_assert_cmpstr (soup_message_headers_get_one (
                     soup_message_get_response_headers (result.message), "Last-Modified"),
                   ==, "Wed, 02 Sep 2026 10:00:00 GMT");
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean chunked = GPOINTER_TO_INT (data);
  g_auto(Result) result = { 0 };

  fixture->status = 200;
  fixture->body_size = 256 * 1024;
  fixture->body = g_malloc (fixture->body_size);
  memset (fixture->body, ' ', fixture->body_size);
  fixture->chunked = chunked;

  get (fixture, fixture->client, "/models", NULL, NULL, 10000, &result);

  g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE);
  g_assert_null (result.bytes);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(SbOpenRouter) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = listen_raw (fixture);

  fixture->raw_mode = RAW_TRUNCATED;
  client = sb_openrouter_new_for_base (url, &error);
  g_assert_no_error (error);

  get (fixture, client, "/key", fixture->key, NULL, 1024, &result);

  g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE);
  assert_no_key (fixture, result.error);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(SbOpenRouter) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = listen_raw (fixture);
  gint64 start;

  fixture->raw_mode = RAW_SILENT;
  client = sb_openrouter_new_for_base (url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_openrouter_get_timeout (client), ==, 15);
  sb_openrouter_set_timeout (client, 1);
  g_assert_cmpuint (sb_openrouter_get_timeout (client), ==, 1);

  start = g_get_monotonic_time ();
  get (fixture, client, "/key", fixture->key, NULL, 1024, &result);

  g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_null (result.message);
  assert_no_key (fixture, result.error);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(SbOpenRouter) client = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago, and that nobody listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/api/v1",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = sb_openrouter_new_for_base (url, &error);
  g_assert_no_error (error);
  get (fixture, client, "/key", fixture->key, NULL, 1024, &result);

  g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_NETWORK);
  g_assert_cmpuint (sb_openrouter_error_get_status (result.error), ==, 0);
  assert_no_key (fixture, result.error);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  answer (fixture, 200, "{\"data\": {}}");
  g_cancellable_cancel (cancellable);
  sb_openrouter_get_key_info_async (fixture->client, fixture->key, cancellable, on_key_info,
                                    &result);
  wait_for (&result);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unsendable_key (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const keys[] = { "", "sk-or-v1-abc\r\nX-Evil: 1", "sk-or v1", "clé" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_auto(Result) result = { 0 };

      sb_openrouter_get_key_info_async (fixture->client, keys[i], NULL, on_key_info, &result);
      wait_for (&result);
      g_assert_error (result.error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_KEY);
      if (keys[i][0] != '\0')
        g_assert_null (strstr (result.error->message, keys[i]));
    }

  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

typedef struct
{
  const char *url;
  const char *expected;  /* NULL: refused */
} UrlCase;

static const UrlCase url_cases[] = {
  { "https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1" },
  { "https://openrouter.ai/api/v1/", "https://openrouter.ai/api/v1" },
  { "http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1" },
  { "http://127.1.2.3/v1", "http://127.1.2.3/v1" },
  { "http://[::1]:9/v1", "http://[::1]:9/v1" },
  { "http://localhost/v1", "http://localhost/v1" },
  { "HTTP://LOCALHOST/v1", "HTTP://LOCALHOST/v1" },
  { "http://example.com/api/v1", NULL },
  { "http://10.0.0.1/api/v1", NULL },
  { "http://localhost.example.com/v1", NULL },
  { "ftp://openrouter.ai/api/v1", NULL },
  { "openrouter.ai/api/v1", NULL },
  { "https:///api/v1", NULL },
  { "https://user:hunter2@openrouter.ai/api/v1", NULL },
  { "https://openrouter.ai/api/v1?x=1", NULL },
  { "", NULL },
};

static void
test_base_url (gconstpointer data)
{
  const UrlCase *url_case = data;
  g_autoptr(SbOpenRouter) client = NULL;
  g_autoptr(GError) error = NULL;

  client = sb_openrouter_new_for_base (url_case->url, &error);
  if (url_case->expected != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (sb_openrouter_get_base_url (client), ==, url_case->expected);
      g_assert_true (SOUP_IS_SESSION (sb_openrouter_get_session (client)));
    }
  else
    {
      g_assert_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_URL);
      g_assert_null (client);
      g_assert_null (strstr (error->message, "hunter2"));
      g_assert_nonnull (strstr (error->message, "https://"));
    }
}

static void
test_base_url_from_environment (void)
{
  g_autoptr(SbOpenRouter) client = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("SIGNALBOX_OPENROUTER_URL");
  client = sb_openrouter_new (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_openrouter_get_base_url (client), ==, "https://openrouter.ai/api/v1");
  g_clear_object (&client);

  g_setenv ("SIGNALBOX_OPENROUTER_URL", "http://127.0.0.1:1234/api/v1", TRUE);
  client = sb_openrouter_new (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_openrouter_get_base_url (client), ==, "http://127.0.0.1:1234/api/v1");
  g_clear_object (&client);

  g_setenv ("SIGNALBOX_OPENROUTER_URL", "http://openrouter.ai/api/v1", TRUE);
  client = sb_openrouter_new (&error);
  g_assert_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_URL);
  g_assert_null (client);

  g_unsetenv ("SIGNALBOX_OPENROUTER_URL");
}

static const MapperCase credits_cases[] = {
  { "{\"data\": {\"total_credits\": 610, \"total_usage\": 321.725553332}}", TRUE },
  { "{\"data\": {\"total_credits\": 5}}", TRUE },
  { "{\"data\": {\"total_usage\": 5}}", FALSE },
  { "{\"data\": {\"total_credits\": \"5\"}}", FALSE },
  { "{\"total_credits\": 5}", FALSE },
  { "null", FALSE },
};

static void
test_credits_mapper (gconstpointer data)
{
  const MapperCase *mapper_case = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbCredits) credits = NULL;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, mapper_case->body, -1, &error);
  g_assert_no_error (error);

  credits = sb_credits_new_from_json (json_parser_get_root (parser), &error);
  if (mapper_case->valid)
    {
      g_autoptr(SbCredits) copy = NULL;

      g_assert_no_error (error);
      copy = sb_credits_copy (credits);
      g_assert_cmpfloat (copy->total_credits, ==, credits->total_credits);
      g_assert_cmpfloat (copy->total_usage, ==, credits->total_usage);
    }
  else
    {
      g_assert_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE);
      g_assert_null (credits);
    }
}

#define ADD_TEST(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/openrouter/key-info/limited", test_key_info_limited, NULL);
  ADD_TEST ("/signalbox/openrouter/key-info/unlimited", test_key_info_unlimited, NULL);
  ADD_TEST ("/signalbox/openrouter/key-info/not-json", test_key_info_not_json, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (key_info_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/openrouter/key-info/mapper/%u", i);

      g_test_add_data_func (path, &key_info_cases[i], test_key_info_mapper);
    }
  ADD_TEST ("/signalbox/openrouter/credits/ok", test_credits, NULL);
  ADD_TEST ("/signalbox/openrouter/credits/forbidden", test_credits_forbidden, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (credits_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/openrouter/credits/mapper/%u", i);

      g_test_add_data_func (path, &credits_cases[i], test_credits_mapper);
    }
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/openrouter/status/%u-%u",
                                               status_cases[i].status, i);

      ADD_TEST (path, test_status, &status_cases[i]);
    }
  ADD_TEST ("/signalbox/openrouter/status/retry-after-date", test_retry_after_date, NULL);
  ADD_TEST ("/signalbox/openrouter/get/not-modified", test_not_modified, NULL);
  ADD_TEST ("/signalbox/openrouter/get/body", test_get_body, NULL);
  ADD_TEST ("/signalbox/openrouter/get/too-large", test_too_large, GINT_TO_POINTER (FALSE));
  ADD_TEST ("/signalbox/openrouter/get/too-large-chunked", test_too_large,
            GINT_TO_POINTER (TRUE));
  ADD_TEST ("/signalbox/openrouter/get/truncated", test_truncated, NULL);
  ADD_TEST ("/signalbox/openrouter/get/timeout", test_timeout, NULL);
  ADD_TEST ("/signalbox/openrouter/get/refused", test_refused, NULL);
  ADD_TEST ("/signalbox/openrouter/get/cancelled", test_cancelled, NULL);
  ADD_TEST ("/signalbox/openrouter/get/unsendable-key", test_unsendable_key, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (url_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/openrouter/base-url/%u", i);

      g_test_add_data_func (path, &url_cases[i], test_base_url);
    }
  g_test_add_func ("/signalbox/openrouter/base-url/environment",
                   test_base_url_from_environment);

  return g_test_run ();
}
