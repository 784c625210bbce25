/* sb-openrouter.c
 *
 * The one HTTP client of the application: OpenRouter's API, with HTTP statuses turned into
 * errors that can be shown to people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-json-edit.h"
#include "sb-openrouter.h"

/* Enough for any error body OpenRouter sends, and for /key and /credits. */
#define SMALL_BODY_MAX (64 * 1024)
/* How much of OpenRouter's own message goes into ours. */
#define SERVER_MESSAGE_MAX 300
/* Longer waits than a day are not worth telling anyone about. */
#define RETRY_AFTER_MAX (24 * 60 * 60)

struct _SbOpenRouter
{
  GObject parent_instance;

  /* Owned */
  char        *base_url;
  SoupSession *session;

  guint        timeout;
};

G_DEFINE_FINAL_TYPE (SbOpenRouter, sb_openrouter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Errors of this domain carry the HTTP status and the Retry-After delay, if any. */
typedef struct
{
  guint status;
  guint retry_after;
} SbOpenRouterErrorPrivate;

static void
sb_openrouter_error_private_init (SbOpenRouterErrorPrivate *priv)
{
  priv->status = 0;
  priv->retry_after = 0;
}

static void
sb_openrouter_error_private_copy (const SbOpenRouterErrorPrivate *src,
                                  SbOpenRouterErrorPrivate       *dest)
{
  *dest = *src;
}

static void
sb_openrouter_error_private_clear (SbOpenRouterErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (SbOpenRouterError, sb_openrouter_error)

/**
 * sb_openrouter_error_get_retry_after:
 * @error: an error
 *
 * Returns: the seconds OpenRouter asked us to wait (its Retry-After header) before trying
 *   again, or 0 when it did not say or @error is not of %SB_OPENROUTER_ERROR
 */
guint
sb_openrouter_error_get_retry_after (const GError *error)
{
  SbOpenRouterErrorPrivate *priv;

  if (error == NULL || error->domain != SB_OPENROUTER_ERROR)
    return 0;

  priv = sb_openrouter_error_get_private (error);
  return priv != NULL ? priv->retry_after : 0;
}

/**
 * sb_openrouter_error_get_status:
 * @error: an error
 *
 * Returns: the HTTP status behind @error, or 0 when there was no answer or @error is not
 *   of %SB_OPENROUTER_ERROR
 */
guint
sb_openrouter_error_get_status (const GError *error)
{
  SbOpenRouterErrorPrivate *priv;

  if (error == NULL || error->domain != SB_OPENROUTER_ERROR)
    return 0;

  priv = sb_openrouter_error_get_private (error);
  return priv != NULL ? priv->status : 0;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Only https://, or http:// to this computer (for tests), so that the key never travels
 * in the clear. Returns the address without trailing slashes. */
static char *
check_base_url (const char  *base_url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;
  const char *scheme;
  const char *host;
  gsize length;

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    {
      scheme = g_uri_get_scheme (uri);
      host = g_uri_get_host (uri);

      if (host != NULL && host[0] != '\0' &&
          g_uri_get_userinfo (uri) == NULL &&
          g_uri_get_query (uri) == NULL &&
          g_uri_get_fragment (uri) == NULL &&
          (g_ascii_strcasecmp (scheme, "https") == 0 ||
           (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host))))
        {
          length = strlen (base_url);
          while (length > 0 && base_url[length - 1] == '/')
            length--;
          return g_strndup (base_url, length);
        }

      /* Whatever someone wrote before the @ may be a password. */
      shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
    }

  g_set_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_URL,
               /* Translators: %s is an address such as http://example.com */
               _("“%s” cannot be used as the OpenRouter address: it must start with "
                 "https://, or with http:// for this computer only (localhost, 127.0.0.1 "
                 "or ::1)"),
               shown != NULL ? shown : base_url);
  return NULL;
}

/* Keys go into a header: anything but printable ASCII would break it. */
static gboolean
key_is_sendable (const char *key)
{
  if (key[0] == '\0')
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (*p <= ' ' || *p > '~')
      return FALSE;

  return TRUE;
}

/* Seconds from a Retry-After header: either a number of seconds or an HTTP date. */
static guint
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  GTimeSpan span;

  if (value == NULL)
    return 0;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      g_autofree char *digits = g_strstrip (g_strdup (value));

      if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT64, &seconds, NULL))
        return 0;
      return (guint) MIN (seconds, RETRY_AFTER_MAX);
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;

  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (when, now);
  if (span <= 0)
    return 0;

  /* Round up: waiting a little longer is harmless, a little less is not. */
  return (guint) MIN ((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, RETRY_AFTER_MAX);
}

/* OpenRouter's own {"error": {"message": …}}, cleaned up for a sentence of ours, or NULL.
 * It is the server's text, so the key is taken out should it ever be echoed back. */
static char *
get_server_message (GBytes     *body,
                    const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = NULL;
  JsonNode *root;
  JsonNode *error_node;
  JsonNode *message_node;
  const char *message;
  const char *data;
  gsize size;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (size == 0 || !sb_json_check_depth (data, size, SB_JSON_MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  error_node = json_object_get_member (json_node_get_object (root), "error");
  if (error_node == NULL || !JSON_NODE_HOLDS_OBJECT (error_node))
    return NULL;

  message_node = json_object_get_member (json_node_get_object (error_node), "message");
  if (message_node == NULL || !JSON_NODE_HOLDS_VALUE (message_node) ||
      json_node_get_value_type (message_node) != G_TYPE_STRING)
    return NULL;

  message = json_node_get_string (message_node);
  text = g_string_new (NULL);
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_utf8_strlen (text->str, -1) >= SERVER_MESSAGE_MAX)
        {
          g_string_append (text, "…");
          break;
        }

      g_string_append_unichar (text, g_unichar_iscntrl (c) ? ' ' : c);
    }

  g_strstrip (text->str);
  text->len = strlen (text->str);

  if (key != NULL && key[0] != '\0')
    g_string_replace (text, key, "…", 0);

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GError *
new_status_error (guint       status,
                  const char *retry_after_header,
                  GBytes     *body,
                  const char *key)
{
  g_autofree char *server_message = get_server_message (body, key);
  g_autofree char *ours = NULL;
  guint retry_after = parse_retry_after (retry_after_header);
  SbOpenRouterError code;
  GError *error;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      code = SB_OPENROUTER_ERROR_INVALID_KEY;
      ours = g_strdup (_("OpenRouter did not accept the API key"));
      break;

    case SOUP_STATUS_PAYMENT_REQUIRED:
      code = SB_OPENROUTER_ERROR_NO_CREDITS;
      ours = g_strdup (_("The OpenRouter account has not enough credits"));
      break;

    case SOUP_STATUS_FORBIDDEN:
      code = SB_OPENROUTER_ERROR_FORBIDDEN;
      ours = g_strdup (_("OpenRouter does not allow this request with this key"));
      break;

    case SOUP_STATUS_REQUEST_TIMEOUT:
      code = SB_OPENROUTER_ERROR_TIMEOUT;
      ours = g_strdup (_("OpenRouter took too long to answer"));
      break;

    case 429:  /* Too Many Requests, which libsoup 3.2 does not name */
      code = SB_OPENROUTER_ERROR_RATE_LIMITED;
      if (retry_after > 0)
        ours = g_strdup_printf (ngettext ("OpenRouter is limiting requests; try again in "
                                          "%u second",
                                          "OpenRouter is limiting requests; try again in "
                                          "%u seconds", retry_after),
                                retry_after);
      else
        ours = g_strdup (_("OpenRouter is limiting requests; try again later"));
      break;

    default:
      if (status >= 500 && status <= 599)
        {
          code = SB_OPENROUTER_ERROR_SERVER;
          /* Translators: %u is an HTTP status such as 502 */
          ours = g_strdup_printf (_("OpenRouter is having trouble (HTTP %u); try again "
                                    "later"), status);
        }
      else
        {
          code = SB_OPENROUTER_ERROR_BAD_RESPONSE;
          /* Translators: %u is an HTTP status such as 404 */
          ours = g_strdup_printf (_("OpenRouter answered with an unexpected status "
                                    "(HTTP %u)"), status);
        }
      break;
    }

  if (server_message != NULL)
    /* Translators: the first %s is one of our sentences, the second OpenRouter's own
     * explanation, in English */
    error = g_error_new (SB_OPENROUTER_ERROR, code, _("%s (OpenRouter says: “%s”)"),
                         ours, server_message);
  else
    error = g_error_new_literal (SB_OPENROUTER_ERROR, code, ours);

  sb_openrouter_error_get_private (error)->status = status;
  sb_openrouter_error_get_private (error)->retry_after = retry_after;

  return error;
}

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  gsize         max_body;
  gsize         limit;
  char         *key;
  char         *host;
  guint         timeout;

  /* Our own, cancelled by the caller's and by the deadline. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GSource      *deadline;
  gboolean      timed_out;
} Request;

static void
request_free (Request *request)
{
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_source_unref (request->deadline);
    }

  if (request->caller_cancellable != NULL)
    g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);

  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_pointer (&request->host, g_free);

  if (request->key != NULL)
    {
      explicit_bzero (request->key, strlen (request->key));
      g_free (request->key);
    }

  g_free (request);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static gboolean
on_deadline (gpointer user_data)
{
  Request *request = g_task_get_task_data (user_data);

  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

static GError *
new_timeout_error (Request *request)
{
  return g_error_new (SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_TIMEOUT,
                      ngettext ("OpenRouter did not answer within %u second",
                                "OpenRouter did not answer within %u seconds",
                                request->timeout),
                      request->timeout);
}

/* A failure to talk to the server at all. */
static void
return_io_error (GTask  *task,
                 GError *io_error)
{
  Request *request = g_task_get_task_data (task);

  if (request->timed_out)
    g_task_return_error (task, new_timeout_error (request));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_error_copy (io_error));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_error (task, new_timeout_error (request));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_task_return_new_error (task, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
                             _("OpenRouter’s answer was cut short: %s"), io_error->message);
  else
    /* Translators: %s is a host name, then the reason, such as “Connection refused” */
    g_task_return_new_error (task, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_NETWORK,
                             _("Could not reach OpenRouter at %s: %s"),
                             request->host, io_error->message);
}

static void
return_body (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));
  SoupMessageHeaders *headers;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  headers = soup_message_get_response_headers (request->message);
  g_task_return_error (task,
                       new_status_error (status,
                                         soup_message_headers_get_one (headers, "Retry-After"),
                                         body, request->key));
}

static void read_more (GTask *task);

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_io_error (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      return_body (task);
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), size);

  if (request->body->len > request->limit)
    {
      /* Dropping the rest closes the connection: the memory used stays bounded. */
      g_cancellable_cancel (request->cancellable);

      if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (request->message)))
        {
          g_autofree char *limit = g_format_size (request->max_body);

          /* Translators: %s is a size such as “64.0 kB” */
          g_task_return_new_error (task, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
                                   _("OpenRouter’s answer is larger than the %s expected"),
                                   limit);
        }
      else
        {
          /* An error page too long to be OpenRouter's: report the status alone. */
          g_byte_array_set_size (request->body, 0);
          return_body (task);
        }
      return;
    }

  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  gsize want = MIN (request->limit - request->body->len + 1, 64 * 1024);

  g_input_stream_read_bytes_async (request->stream, want, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length;
  guint status;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  /* The answer has begun: from now on only the session's idle timeout applies, so a large
   * body on a slow link is not cut off. */
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }

  if (request->stream == NULL)
    {
      return_io_error (task, error);
      return;
    }

  status = soup_message_get_status (request->message);
  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      g_task_return_pointer (task, g_bytes_new (NULL, 0), (GDestroyNotify) g_bytes_unref);
      return;
    }

  /* Error pages are read only as far as OpenRouter's own message could go. */
  request->limit = SOUP_STATUS_IS_SUCCESSFUL (status)
                     ? request->max_body
                     : MIN (request->max_body, SMALL_BODY_MAX);

  headers = soup_message_get_response_headers (request->message);
  length = soup_message_headers_get_content_length (headers);
  if (SOUP_STATUS_IS_SUCCESSFUL (status) &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > 0 && (guint64) length > request->max_body)
    {
      g_autofree char *limit = g_format_size (request->max_body);

      g_cancellable_cancel (request->cancellable);
      g_task_return_new_error (task, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
                               _("OpenRouter’s answer is larger than the %s expected"), limit);
      return;
    }

  read_more (g_steal_pointer (&task));
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_replace (user_data, name, value);
}

/**
 * sb_openrouter_get_async:
 * @self: the client
 * @path: what to get, below the base address, such as "/models"
 * @key: (nullable): the API key, sent as a bearer token; %NULL sends none
 * @extra_headers: (nullable): headers to add, such as If-None-Match
 * @max_body: the largest body accepted; a larger one fails rather than fill the memory
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Starts a GET. The whole request fails with %SB_OPENROUTER_ERROR_TIMEOUT when no answer
 * has begun within the timeout (15 seconds unless set otherwise), or when the body stops
 * coming for as long. Redirections are not followed, so the key goes nowhere else.
 */
void
sb_openrouter_get_async (SbOpenRouter        *self,
                         const char          *path,
                         const char          *key,
                         SoupMessageHeaders  *extra_headers,
                         gsize                max_body,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  g_return_if_fail (SB_IS_OPENROUTER (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_openrouter_get_async);

  request = g_new0 (Request, 1);
  request->max_body = max_body;
  request->timeout = self->timeout;
  request->key = g_strdup (key);
  request->body = g_byte_array_new ();
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (key != NULL && !key_is_sendable (key))
    {
      g_task_return_new_error (task, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_KEY,
                               _("The API key is empty or contains spaces or other characters "
                                 "that an OpenRouter key never has"));
      return;
    }

  url = g_strconcat (self->base_url, path, NULL);
  request->message = soup_message_new (SOUP_METHOD_GET, url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_URL,
                               _("“%s” is not a valid address"), url);
      return;
    }

  request->host = g_strdup (g_uri_get_host (soup_message_get_uri (request->message)));
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (request->message);
  if (extra_headers != NULL)
    soup_message_headers_foreach (extra_headers, copy_header, headers);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (key != NULL)
    {
      char *authorization = g_strconcat ("Bearer ", key, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
      explicit_bzero (authorization, strlen (authorization));
      g_free (authorization);
    }

  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->cancelled_id = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (on_caller_cancelled),
                                                     request->cancellable, NULL);
    }

  request->deadline = g_timeout_source_new_seconds (self->timeout);
  g_task_attach_source (task, request->deadline, on_deadline);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, on_sent, g_steal_pointer (&task));
}

/**
 * sb_openrouter_get_finish:
 * @self: the client
 * @result: the result
 * @out_message: (out) (optional) (nullable) (transfer full): the message, for its status
 *   and response headers (ETag, Last-Modified, Date); set whenever an answer came, also
 *   with an error, and %NULL otherwise
 * @error: an error of %SB_OPENROUTER_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the body; empty on 304 Not Modified
 */
GBytes *
sb_openrouter_get_finish (SbOpenRouter  *self,
                          GAsyncResult  *result,
                          SoupMessage  **out_message,
                          GError       **error)
{
  Request *request;

  g_return_val_if_fail (SB_IS_OPENROUTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_openrouter_get_async,
                        NULL);

  if (out_message != NULL)
    {
      request = g_task_get_task_data (G_TASK (result));
      *out_message = NULL;
      if (request->message != NULL && soup_message_get_status (request->message) != 0)
        *out_message = g_object_ref (request->message);
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
parse_body (GBytes      *body,
            const char  *what,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (body, &size);
  if (size == 0 || !sb_json_check_depth (data, size, SB_JSON_MAX_DEPTH, &local_error) ||
      !json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* Translators: %s is a part of OpenRouter's API, such as “/key” */
      g_set_error (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_BAD_RESPONSE,
                   _("OpenRouter’s answer to %s is not valid JSON"), what);
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* GET /key and GET /credits differ only in the path and in how the JSON becomes a
 * struct: one request and one callback serve both. */
typedef gpointer (*JsonMapper) (JsonNode  *node,
                                GError   **error);

typedef struct
{
  const char     *path;
  JsonMapper      mapper;
  GDestroyNotify  free_func;
} MappedRequest;

static const MappedRequest key_info_request = {
  "/key", (JsonMapper) sb_key_info_new_from_json, (GDestroyNotify) sb_key_info_free,
};

static const MappedRequest credits_request = {
  "/credits", (JsonMapper) sb_credits_new_from_json, (GDestroyNotify) sb_credits_free,
};

static void
on_mapped_got (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const MappedRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gpointer mapped = NULL;

  body = sb_openrouter_get_finish (SB_OPENROUTER (object), result, NULL, &error);
  if (body != NULL)
    root = parse_body (body, request->path, &error);
  if (root != NULL)
    mapped = request->mapper (root, &error);

  if (mapped == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, mapped, request->free_func);
}

static void
get_mapped_async (SbOpenRouter        *self,
                  const MappedRequest *request,
                  gpointer             source_tag,
                  const char          *key,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) request, NULL);
  sb_openrouter_get_async (self, request->path, key, NULL, SMALL_BODY_MAX, cancellable,
                           on_mapped_got, g_steal_pointer (&task));
}

static gpointer
get_mapped_finish (SbOpenRouter  *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (SB_IS_OPENROUTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sb_openrouter_get_key_info_async:
 * @self: the client
 * @key: the API key to describe
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks OpenRouter about @key (GET /key): this also checks that the key works.
 */
void
sb_openrouter_get_key_info_async (SbOpenRouter        *self,
                                  const char          *key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SB_IS_OPENROUTER (self));
  g_return_if_fail (key != NULL);

  get_mapped_async (self, &key_info_request, sb_openrouter_get_key_info_async, key,
                    cancellable, callback, user_data);
}

/**
 * sb_openrouter_get_key_info_finish:
 * @self: the client
 * @result: the result
 * @error: an error of %SB_OPENROUTER_ERROR (%SB_OPENROUTER_ERROR_INVALID_KEY when
 *   OpenRouter does not know the key), or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): what OpenRouter says about the key
 */
SbKeyInfo *
sb_openrouter_get_key_info_finish (SbOpenRouter  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return get_mapped_finish (self, result, sb_openrouter_get_key_info_async, error);
}

/**
 * sb_openrouter_get_credits_async:
 * @self: the client
 * @key: the API key
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks OpenRouter for the account's credits (GET /credits).
 */
void
sb_openrouter_get_credits_async (SbOpenRouter        *self,
                                 const char          *key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (SB_IS_OPENROUTER (self));
  g_return_if_fail (key != NULL);

  get_mapped_async (self, &credits_request, sb_openrouter_get_credits_async, key,
                    cancellable, callback, user_data);
}

/**
 * sb_openrouter_get_credits_finish:
 * @self: the client
 * @result: the result
 * @error: an error of %SB_OPENROUTER_ERROR, or %G_IO_ERROR_CANCELLED.
 *   %SB_OPENROUTER_ERROR_FORBIDDEN is the usual answer for keys other than management
 *   keys: treat it as “not available for this key”, not as a failure.
 *
 * Returns: (transfer full) (nullable): the account's credits
 */
SbCredits *
sb_openrouter_get_credits_finish (SbOpenRouter  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return get_mapped_finish (self, result, sb_openrouter_get_credits_async, error);
}

static void
sb_openrouter_constructed (GObject *object)
{
  SbOpenRouter *self = SB_OPENROUTER (object);
  g_autofree char *user_agent = g_strdup_printf ("Signalbox/%s", PACKAGE_VERSION);

  G_OBJECT_CLASS (sb_openrouter_parent_class)->constructed (object);

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", self->timeout,
                                                 NULL);
}

static void
sb_openrouter_dispose (GObject *object)
{
  SbOpenRouter *self = SB_OPENROUTER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sb_openrouter_parent_class)->dispose (object);
}

static void
sb_openrouter_finalize (GObject *object)
{
  SbOpenRouter *self = SB_OPENROUTER (object);

  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (sb_openrouter_parent_class)->finalize (object);
}

static void
sb_openrouter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbOpenRouter *self = SB_OPENROUTER (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_openrouter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbOpenRouter *self = SB_OPENROUTER (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      /* Checked by the constructors. */
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      sb_openrouter_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_openrouter_class_init (SbOpenRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sb_openrouter_constructed;
  object_class->dispose = sb_openrouter_dispose;
  object_class->finalize = sb_openrouter_finalize;
  object_class->get_property = sb_openrouter_get_property;
  object_class->set_property = sb_openrouter_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         SB_OPENROUTER_DEFAULT_URL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, SB_OPENROUTER_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_openrouter_init (SbOpenRouter *self)
{
  self->timeout = SB_OPENROUTER_TIMEOUT_SECONDS;
}

/**
 * sb_openrouter_new:
 * @error: %SB_OPENROUTER_ERROR_INVALID_URL when SIGNALBOX_OPENROUTER_URL is unusable
 *
 * Returns: (transfer full) (nullable): a client of OpenRouter, or of the address in
 *   SIGNALBOX_OPENROUTER_URL when it is set (https://, or http:// to this computer)
 */
SbOpenRouter *
sb_openrouter_new (GError **error)
{
  const char *base_url = g_getenv ("SIGNALBOX_OPENROUTER_URL");

  if (base_url == NULL || base_url[0] == '\0')
    base_url = SB_OPENROUTER_DEFAULT_URL;

  return sb_openrouter_new_for_base (base_url, error);
}

/**
 * sb_openrouter_new_for_base:
 * @base_url: the API's address, such as "https://openrouter.ai/api/v1"
 * @error: %SB_OPENROUTER_ERROR_INVALID_URL unless @base_url is https://, or http:// to
 *   this computer
 *
 * Returns: (transfer full) (nullable): a client
 */
SbOpenRouter *
sb_openrouter_new_for_base (const char  *base_url,
                            GError     **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  checked = check_base_url (base_url, error);
  if (checked == NULL)
    return NULL;

  return g_object_new (SB_TYPE_OPENROUTER, "base-url", checked, NULL);
}

const char *
sb_openrouter_get_base_url (SbOpenRouter *self)
{
  g_return_val_if_fail (SB_IS_OPENROUTER (self), NULL);

  return self->base_url;
}

/**
 * sb_openrouter_get_session:
 * @self: the client
 *
 * Returns: (transfer none): the application's one #SoupSession
 */
SoupSession *
sb_openrouter_get_session (SbOpenRouter *self)
{
  g_return_val_if_fail (SB_IS_OPENROUTER (self), NULL);

  return self->session;
}

guint
sb_openrouter_get_timeout (SbOpenRouter *self)
{
  g_return_val_if_fail (SB_IS_OPENROUTER (self), 0);

  return self->timeout;
}

/**
 * sb_openrouter_set_timeout:
 * @self: the client
 * @seconds: how long to wait for an answer, and for the next piece of a body
 *
 * Applies to requests started afterwards. Tests shorten it; the default is 15 seconds.
 */
void
sb_openrouter_set_timeout (SbOpenRouter *self,
                           guint         seconds)
{
  g_return_if_fail (SB_IS_OPENROUTER (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->session != NULL)
    soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}
