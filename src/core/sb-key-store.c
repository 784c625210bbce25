/* sb-key-store.c
 *
 * The OpenRouter key in the system keyring (the Secret Service, through libsecret), one
 * per profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-key-store.h"

#define PROFILE_MAX_CHARS 64
#define KEY_MAX_BYTES 4096

/* Only ids in the attributes: any Secret Service client finds the key with
 * `secret-tool lookup provider openrouter profile default`. */
static const SecretSchema schema = {
  "io.github.signalbox.Signalbox.ApiKey",
  SECRET_SCHEMA_NONE,
  {
    { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

#define PROVIDER "openrouter"

G_DEFINE_QUARK (sb-key-store-error-quark, sb_key_store_error)

const SecretSchema *
sb_key_store_get_schema (void)
{
  return &schema;
}

/**
 * sb_key_store_check_profile:
 * @profile: a profile name
 * @error: %SB_KEY_STORE_ERROR_INVALID_PROFILE when @profile is not one
 *
 * Profile names are short, printable, and do not start with a dash (they follow
 * `--profile` on command lines).
 */
gboolean
sb_key_store_check_profile (const char  *profile,
                            GError     **error)
{
  glong length;

  if (profile == NULL || profile[0] == '\0')
    {
      g_set_error_literal (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE,
                           _("The profile name is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (profile, -1, NULL))
    {
      g_set_error_literal (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE,
                           _("The profile name is not valid UTF-8 text"));
      return FALSE;
    }

  length = g_utf8_strlen (profile, -1);
  if (length > PROFILE_MAX_CHARS)
    {
      g_set_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE,
                   ngettext ("The profile name is longer than %d character",
                             "The profile name is longer than %d characters",
                             PROFILE_MAX_CHARS),
                   PROFILE_MAX_CHARS);
      return FALSE;
    }

  for (const char *p = profile; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          g_set_error_literal (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE,
                               _("The profile name contains control characters"));
          return FALSE;
        }
    }

  if (profile[0] == '-' || g_unichar_isspace (g_utf8_get_char (profile)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (profile + strlen (profile)))))
    {
      g_set_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE,
                   _("The profile name “%s” starts with a dash, or starts or ends with a "
                     "space"), profile);
      return FALSE;
    }

  return TRUE;
}

/**
 * sb_key_store_check_key:
 * @key: an API key
 * @error: %SB_KEY_STORE_ERROR_INVALID_KEY when @key cannot be one; the message does not
 *   contain @key
 *
 * API keys are sent in an HTTP header: printable ASCII without spaces.
 */
gboolean
sb_key_store_check_key (const char  *key,
                        GError     **error)
{
  gsize length = key != NULL ? strlen (key) : 0;

  if (length == 0)
    {
      g_set_error_literal (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY,
                           _("The API key is empty"));
      return FALSE;
    }

  if (length > KEY_MAX_BYTES)
    {
      g_set_error_literal (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY,
                           _("The API key is too long to be one"));
      return FALSE;
    }

  for (const char *p = key; *p != '\0'; p++)
    if (*p <= ' ' || *p > '~')
      {
        g_set_error_literal (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY,
                             _("The API key contains spaces or other characters that an "
                               "API key never has"));
        return FALSE;
      }

  return TRUE;
}

/**
 * sb_key_store_free_key:
 * @key: (nullable): a key from sb_key_store_lookup_finish()
 *
 * Wipes @key from memory and frees it.
 */
void
sb_key_store_free_key (char *key)
{
  secret_password_free (key);
}

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
  OP_LIST,
} Op;

typedef struct
{
  Op             op;
  char          *profile;
  char          *key;
  SecretService *service;

  /* Our own, cancelled by the caller's and by the deadline. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GSource      *deadline;
  gboolean      returned;
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
  g_clear_object (&request->service);
  g_free (request->profile);

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

/* The task may have been given up on already (the deadline); then nothing is returned. */
static gboolean
task_is_pending (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  return !request->returned;
}

static void
return_error (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  request->returned = TRUE;
  g_task_return_error (task, error);
}

/* A failure of the Secret Service, as a message that says what to do. */
static void
return_secret_error (GTask  *task,
                     GError *error)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *caller_cancellable = g_task_get_cancellable (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      caller_cancellable != NULL && g_cancellable_is_cancelled (caller_cancellable))
    {
      return_error (task, g_error_copy (error));
      return;
    }

  if (error->domain == SECRET_ERROR)
    {
      /* Translators: %s is the reason, from the Secret Service */
      return_error (task, g_error_new (SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_FAILED,
                                       request->op == OP_STORE
                                         ? _("The keyring did not store the key: %s")
                                         : _("The keyring did not answer as expected: %s"),
                                       error->message));
      return;
    }

  /* Translators: %s is the reason, such as a D-Bus error */
  return_error (task, g_error_new (SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_UNAVAILABLE,
                                   _("The system keyring (Secret Service) is not available: "
                                     "%s"),
                                   error->message));
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_service_store_finish (SECRET_SERVICE (object), result, &error))
    {
      return_secret_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* What the keyring holds goes into an HTTP header and onto signalbox-key's standard
 * output, where a newline would end the key early: whichever way it was found, a value
 * that cannot be a key is an error, never returned. Takes @value. */
static void
return_key (GTask       *task,
            SecretValue *value)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *content_type = secret_value_get_content_type (value);
  gsize length = 0;
  const char *bytes = secret_value_get (value, &length);
  char *key = NULL;

  if (content_type == NULL || !g_str_has_prefix (content_type, "text/plain") ||
      memchr (bytes, '\0', length) != NULL)
    g_set_error_literal (&error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY,
                         _("it is not text"));
  else
    {
      key = secret_value_unref_to_password (g_steal_pointer (&value), NULL);
      sb_key_store_check_key (key, &error);
    }
  g_clear_pointer (&value, secret_value_unref);

  if (error != NULL)
    {
      g_clear_pointer (&key, secret_password_free);
      /* Translators: the first %s is a profile name, the second why the text is no key */
      return_error (task, g_error_new (SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_FAILED,
                                       _("What the keyring holds for the profile “%s” is not "
                                         "an API key (%s); store the key again"),
                                       request->profile, error->message));
      return;
    }

  g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
}

/* Only reached when no unlocked item matched: the search unlocks the matching items, which
 * asks the person for the keyring password. Dismissed, they stay locked: no key. */
static void
on_lookup_unlocked (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SecretValue *value = NULL;
  GList *items;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_clear_error (&error);

  if (error != NULL)
    {
      return_secret_error (task, error);
      return;
    }

  for (const GList *l = items; l != NULL && value == NULL; l = l->next)
    value = secret_item_get_secret (l->data);
  g_list_free_full (items, g_object_unref);

  if (value == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    return_key (task, value);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  SecretValue *value;

  value = secret_service_lookup_finish (SECRET_SERVICE (object), result, &error);
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_clear_error (&error);

  if (error != NULL)
    {
      return_secret_error (task, error);
      return;
    }

  if (value != NULL)
    {
      return_key (task, value);
      return;
    }

  /* The lookup only sees unlocked items, so a key in a locked keyring looked like no key
   * at all and the person was never asked to unlock it. */
  attributes = secret_attributes_build (&schema,
                                        "provider", PROVIDER,
                                        "profile", request->profile,
                                        NULL);
  secret_service_search (SECRET_SERVICE (object), &schema, attributes,
                         SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                         request->cancellable, on_lookup_unlocked, g_steal_pointer (&task));
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  removed = secret_service_clear_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    {
      return_secret_error (task, error);
      return;
    }

  g_task_return_int (task, removed);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_free);
  GList *items;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    {
      return_secret_error (task, error);
      return;
    }

  for (const GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (l->data);
      const char *profile = g_hash_table_lookup (attributes, "profile");

      if (profile != NULL &&
          !g_ptr_array_find_with_equal_func (profiles, profile, g_str_equal, NULL))
        g_ptr_array_add (profiles, g_strdup (profile));
    }
  g_list_free_full (items, g_object_unref);

  g_ptr_array_sort (profiles, compare_strings);
  g_ptr_array_add (profiles, NULL);
  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&profiles), FALSE),
                         (GDestroyNotify) g_strfreev);
}

static void
on_service (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *label = NULL;

  service = secret_service_get_finish (result, &error);
  if (!task_is_pending (task))
    return;

  /* It answered: unlocking, should it be needed, may take the person a while. */
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }

  if (service == NULL)
    {
      return_secret_error (task, error);
      return;
    }

  /* The service itself, not secret_password_*(), which could be told by the environment
   * (SECRET_BACKEND=file) to keep the key in a file instead. */
  request->service = g_steal_pointer (&service);
  if (request->op == OP_LIST)
    attributes = secret_attributes_build (&schema, "provider", PROVIDER, NULL);
  else
    attributes = secret_attributes_build (&schema,
                                          "provider", PROVIDER,
                                          "profile", request->profile,
                                          NULL);

  switch (request->op)
    {
    case OP_STORE:
      /* Translators: %s is a profile name, such as “default” */
      label = g_strdup_printf (_("OpenRouter API key (%s)"), request->profile);
      value = secret_value_new (request->key, -1, "text/plain");
      secret_service_store (request->service, &schema, attributes, SECRET_COLLECTION_DEFAULT,
                            label, value, request->cancellable, on_stored,
                            g_steal_pointer (&task));
      break;

    case OP_LOOKUP:
      secret_service_lookup (request->service, &schema, attributes, request->cancellable,
                             on_looked_up, g_steal_pointer (&task));
      break;

    case OP_CLEAR:
      secret_service_clear (request->service, &schema, attributes, request->cancellable,
                            on_cleared, g_steal_pointer (&task));
      break;

    case OP_LIST:
      secret_service_search (request->service, &schema, attributes, SECRET_SEARCH_ALL,
                             request->cancellable, on_searched, g_steal_pointer (&task));
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  g_cancellable_cancel (request->cancellable);
  return_error (task, g_error_new (SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_UNAVAILABLE,
                                   ngettext ("The system keyring (Secret Service) did not "
                                             "answer within %d second",
                                             "The system keyring (Secret Service) did not "
                                             "answer within %d seconds",
                                             SB_KEY_STORE_TIMEOUT_SECONDS),
                                   SB_KEY_STORE_TIMEOUT_SECONDS));
  return G_SOURCE_REMOVE;
}

/* Every operation first reaches the Secret Service, within a deadline, so that a session
 * without one fails quickly and clearly. */
static void
start (Op                   op,
       const char          *profile,
       const char          *key,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request = g_new0 (Request, 1);
  request->op = op;
  request->profile = g_strdup (profile != NULL ? profile : SB_KEY_STORE_DEFAULT_PROFILE);
  request->key = g_strdup (key);
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if ((op != OP_LIST && !sb_key_store_check_profile (request->profile, &error)) ||
      (op == OP_STORE && !sb_key_store_check_key (key, &error)))
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->cancelled_id = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (on_caller_cancelled),
                                                     request->cancellable, NULL);
    }

  request->deadline = g_timeout_source_new_seconds (SB_KEY_STORE_TIMEOUT_SECONDS);
  g_task_attach_source (task, request->deadline, on_deadline);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, request->cancellable, on_service,
                      g_steal_pointer (&task));
}

/**
 * sb_key_store_store_async:
 * @profile: (nullable): the profile, %NULL for "default"
 * @key: the API key
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @key in the default collection of the keyring, replacing the profile's key.
 */
void
sb_key_store_store_async (const char          *profile,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  start (OP_STORE, profile, key, sb_key_store_store_async, cancellable, callback, user_data);
}

gboolean
sb_key_store_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_key_store_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sb_key_store_lookup_async:
 * @profile: (nullable): the profile, %NULL for "default"
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks up the profile's key. The keyring may ask the person to unlock it.
 */
void
sb_key_store_lookup_async (const char          *profile,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  start (OP_LOOKUP, profile, NULL, sb_key_store_lookup_async, cancellable, callback,
         user_data);
}

/**
 * sb_key_store_lookup_finish:
 * @result: the result
 * @error: %SB_KEY_STORE_ERROR_UNAVAILABLE when there is no keyring to ask: say so, and
 *   do not fall back on anything else
 *
 * Three outcomes: an error; %NULL without an error when no key is stored or the keyring
 * stayed locked (ask for the key); or the key.
 *
 * Returns: (transfer full) (nullable): the key, to free with sb_key_store_free_key()
 */
char *
sb_key_store_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_key_store_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sb_key_store_clear_async:
 * @profile: (nullable): the profile, %NULL for "default"
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the profile's key from the keyring.
 */
void
sb_key_store_clear_async (const char          *profile,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  start (OP_CLEAR, profile, NULL, sb_key_store_clear_async, cancellable, callback, user_data);
}

/**
 * sb_key_store_clear_finish:
 * @result: the result
 * @removed: (out) (optional): whether there was a key to remove
 * @error: an error
 *
 * Returns: %TRUE when no key is left for the profile
 */
gboolean
sb_key_store_clear_finish (GAsyncResult  *result,
                           gboolean      *removed,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_key_store_clear_async,
                        FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (removed != NULL)
    *removed = local_error == NULL && value != 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * sb_key_store_list_profiles_async:
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the profiles that have a key, without unlocking anything.
 */
void
sb_key_store_list_profiles_async (GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  start (OP_LIST, NULL, NULL, sb_key_store_list_profiles_async, cancellable, callback,
         user_data);
}

/**
 * sb_key_store_list_profiles_finish:
 * @result: the result
 * @error: an error
 *
 * Returns: (transfer full) (nullable): the profile names, sorted
 */
char **
sb_key_store_list_profiles_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sb_key_store_list_profiles_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Renaming is four steps on the keyring: is the new name free, the key under the old
 * name, stored under the new one, cleared from the old one. */
typedef enum
{
  RENAME_LISTED,
  RENAME_LOOKED_UP,
  RENAME_STORED,
  RENAME_CLEARED,
} RenameStep;

typedef struct
{
  RenameStep  step;   /* the one whose answer comes next */
  char       *from;
  char       *to;
} Rename;

static void
rename_free (Rename *rename)
{
  g_free (rename->from);
  g_free (rename->to);
  g_free (rename);
}

static void
on_rename_step (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Rename *rename = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_auto(GStrv) profiles = NULL;
  GError *error = NULL;
  char *key;

  switch (rename->step++)
    {
    case RENAME_LISTED:
      profiles = sb_key_store_list_profiles_finish (result, &error);
      if (profiles != NULL && g_strv_contains ((const char * const *) profiles, rename->to))
        error = g_error_new (SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_EXISTS,
                             /* Translators: %s is a key profile name */
                             _("There is a profile called “%s” already"), rename->to);
      else if (error == NULL)
        sb_key_store_lookup_async (rename->from, cancellable, on_rename_step,
                                   g_steal_pointer (&task));
      break;

    case RENAME_LOOKED_UP:
      key = sb_key_store_lookup_finish (result, &error);
      /* Cleared meanwhile, or the keyring stayed locked. */
      if (key == NULL && error == NULL)
        error = g_error_new (SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_FAILED,
                             /* Translators: %s is a key profile name */
                             _("The profile “%s” has no key any more"), rename->from);
      else if (key != NULL)
        sb_key_store_store_async (rename->to, key, cancellable, on_rename_step,
                                  g_steal_pointer (&task));
      sb_key_store_free_key (key);
      break;

    case RENAME_STORED:
      if (sb_key_store_store_finish (result, &error))
        sb_key_store_clear_async (rename->from, cancellable, on_rename_step,
                                  g_steal_pointer (&task));
      break;

    case RENAME_CLEARED:
      if (sb_key_store_clear_finish (result, NULL, &error))
        g_task_return_boolean (task, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
}

/**
 * sb_key_store_rename_async:
 * @from: the profile whose key moves
 * @to: its new name, which must not have a key yet
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Moves the key of @from to @to. Settings files that name @from are the caller's to
 * change.
 */
void
sb_key_store_rename_async (const char          *from,
                           const char          *to,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Rename *rename;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_key_store_rename_async);

  if (!sb_key_store_check_profile (from, &error) || !sb_key_store_check_profile (to, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  rename = g_new0 (Rename, 1);
  rename->from = g_strdup (from);
  rename->to = g_strdup (to);
  g_task_set_task_data (task, rename, (GDestroyNotify) rename_free);

  sb_key_store_list_profiles_async (cancellable, on_rename_step, g_steal_pointer (&task));
}

/**
 * sb_key_store_rename_finish:
 * @result: the result
 * @error: %SB_KEY_STORE_ERROR_EXISTS when the new name has a key already, or another
 *
 * Returns: whether the key is under its new name only
 */
gboolean
sb_key_store_rename_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_key_store_rename_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
