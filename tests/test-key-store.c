/* test-key-store.c
 *
 * Tests for the key store against the real gnome-keyring of a private D-Bus session
 * (tests/sb-test-session --keyring).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-key-store.h"
#include "sb-test-util.h"

/* The keyring is the fixture; each test starts with it empty. */
typedef struct
{
  int unused;
} Fixture;

typedef struct
{
  gboolean   done;
  gboolean   ok;
  gboolean   removed;
  char      *key;
  char     **profiles;
  GError    *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->key, sb_key_store_free_key);
  g_clear_pointer (&result->profiles, g_strfreev);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
wait_for (Result *result)
{
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_stored (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  Result *result = user_data;

  result->ok = sb_key_store_store_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  Result *result = user_data;

  result->key = sb_key_store_lookup_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
on_cleared (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  Result *result = user_data;

  result->ok = sb_key_store_clear_finish (async_result, &result->removed, &result->error);
  result->done = TRUE;
}

static void
on_listed (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  Result *result = user_data;

  result->profiles = sb_key_store_list_profiles_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
store (const char *profile,
       const char *key)
{
  g_auto(Result) result = { 0 };

  sb_key_store_store_async (profile, key, NULL, on_stored, &result);
  wait_for (&result);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
}

/* The key, or NULL; never an error here. */
static char *
lookup (const char *profile)
{
  g_auto(Result) result = { 0 };

  sb_key_store_lookup_async (profile, NULL, on_looked_up, &result);
  wait_for (&result);
  g_assert_no_error (result.error);
  return g_steal_pointer (&result.key);
}

static gboolean
clear (const char *profile)
{
  g_auto(Result) result = { 0 };

  sb_key_store_clear_async (profile, NULL, on_cleared, &result);
  wait_for (&result);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  return result.removed;
}

static char *
list_profiles (void)
{
  g_auto(Result) result = { 0 };

  sb_key_store_list_profiles_async (NULL, on_listed, &result);
  wait_for (&result);
  g_assert_no_error (result.error);
  g_assert_nonnull (result.profiles);
  return g_strjoinv (",", result.profiles);
}

/* Built here, so that no key-shaped string is ever committed. */
static char *
make_key (const char *tail)
{
  return g_strconcat ("sk-or-", "v1-", "5a5a5a5a5a5a5a5a", tail, NULL);
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  /* Each test starts with an empty keyring. */
  sb_key_store_list_profiles_async (NULL, on_listed, &result);
  wait_for (&result);
  g_assert_no_error (result.error);
  for (guint i = 0; result.profiles[i] != NULL; i++)
    clear (result.profiles[i]);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *key = make_key ("aa");
  g_autofree char *other = make_key ("bb");
  g_autofree char *shown = NULL;
  g_autofree char *found = NULL;
  char *looked_up;

  looked_up = lookup (NULL);
  g_assert_null (looked_up);

  store (NULL, key);
  looked_up = lookup (NULL);
  g_assert_cmpstr (looked_up, ==, key);
  sb_key_store_free_key (looked_up);

  /* Any Secret Service client finds it, under our label. */
  shown = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (g_strchomp (shown), ==, key);
  found = sb_test_secret_tool ("search", "default");
  g_assert_nonnull (strstr (found, "OpenRouter API key (default)"));

  /* Storing again replaces. */
  store ("default", other);
  looked_up = lookup ("default");
  g_assert_cmpstr (looked_up, ==, other);
  sb_key_store_free_key (looked_up);
  {
    g_autofree char *profiles = list_profiles ();
    g_assert_cmpstr (profiles, ==, "default");
  }

  g_assert_true (clear (NULL));
  g_assert_null (lookup (NULL));
  g_assert_false (clear (NULL));
}

/* Through libsecret, the one Secret Service client: each profile finds its own key, a
 * missing key is no key and no error, and a secret that is not text is an error. */
static void
test_lookup_outcomes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *key = make_key ("cc");
  g_autofree char *other = make_key ("dd");
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) error = NULL;
  char *found;

  g_assert_null (lookup (NULL));

  store (NULL, key);
  store ("work", other);
  found = lookup (NULL);
  g_assert_cmpstr (found, ==, key);
  sb_key_store_free_key (found);
  found = lookup ("work");
  g_assert_cmpstr (found, ==, other);
  sb_key_store_free_key (found);
  g_assert_null (lookup ("elsewhere"));
  g_assert_null (lookup ("not a profile"));

  attributes = secret_attributes_build (sb_key_store_get_schema (), "provider", "openrouter",
                                        "profile", "binary", NULL);
  value = secret_value_new ("\xff\xfe", 2, "application/octet-stream");
  g_assert_true (secret_service_store_sync (NULL, sb_key_store_get_schema (), attributes,
                                            SECRET_COLLECTION_DEFAULT, "binary", value, NULL,
                                            &error));
  g_assert_no_error (error);
  {
    g_auto(Result) result = { 0 };

    /* Not text: an error that says so, not a key. */
    sb_key_store_lookup_async ("binary", NULL, on_looked_up, &result);
    wait_for (&result);
    g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_FAILED);
    g_assert_null (result.key);
    g_assert_nonnull (strstr (result.error->message, "“binary” is not an API key"));
  }

  g_assert_true (clear (NULL));
  g_assert_null (lookup (NULL));
  found = lookup ("work");
  g_assert_cmpstr (found, ==, other);
  sb_key_store_free_key (found);
}

static void
test_profiles (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *key = make_key ("cc");
  g_autofree char *work = make_key ("dd");
  g_autofree char *profiles = NULL;
  g_autofree char *shown = NULL;
  char *looked_up;

  store ("work", work);
  g_assert_null (lookup ("default"));
  store ("default", key);
  store ("Été 2026", key);

  profiles = list_profiles ();
  g_assert_cmpstr (profiles, ==, "default,work,Été 2026");

  looked_up = lookup ("work");
  g_assert_cmpstr (looked_up, ==, work);
  sb_key_store_free_key (looked_up);
  shown = sb_test_secret_tool ("lookup", "work");
  g_assert_cmpstr (g_strchomp (shown), ==, work);

  g_assert_true (clear ("work"));
  g_assert_null (lookup ("work"));
  looked_up = lookup ("default");
  g_assert_cmpstr (looked_up, ==, key);
  sb_key_store_free_key (looked_up);

  g_clear_pointer (&profiles, g_free);
  profiles = list_profiles ();
  g_assert_cmpstr (profiles, ==, "default,Été 2026");
}

static void
on_renamed (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  Result *result = user_data;

  result->ok = sb_key_store_rename_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *key = make_key ("ab");
  g_autofree char *other = make_key ("cd");
  g_autofree char *profiles = NULL;
  char *looked_up;

  store ("work", key);
  store ("default", other);

  {
    g_auto(Result) result = { 0 };

    sb_key_store_rename_async ("work", "client b", NULL, on_renamed, &result);
    wait_for (&result);
    g_assert_no_error (result.error);
    g_assert_true (result.ok);
  }
  g_assert_null (lookup ("work"));
  looked_up = lookup ("client b");
  g_assert_cmpstr (looked_up, ==, key);
  sb_key_store_free_key (looked_up);

  /* A name with a key already is refused, and both keys stay. */
  {
    g_auto(Result) result = { 0 };

    sb_key_store_rename_async ("default", "client b", NULL, on_renamed, &result);
    wait_for (&result);
    g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_EXISTS);
    g_assert_false (result.ok);
  }
  looked_up = lookup ("default");
  g_assert_cmpstr (looked_up, ==, other);
  sb_key_store_free_key (looked_up);

  /* Nothing to move, or a name that cannot be one: nothing changes. */
  {
    g_auto(Result) result = { 0 };

    sb_key_store_rename_async ("gone", "here", NULL, on_renamed, &result);
    wait_for (&result);
    g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_FAILED);
  }
  {
    g_auto(Result) result = { 0 };

    sb_key_store_rename_async ("default", "-x", NULL, on_renamed, &result);
    wait_for (&result);
    g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE);
  }

  profiles = list_profiles ();
  g_assert_cmpstr (profiles, ==, "client b,default");
  g_assert_true (clear ("client b"));
}

static const char * const bad_profiles[] = {
  "",
  "-x",
  " padded",
  "padded ",
  "line\nbreak",
  "tab\there",
  "\x01",
  "\xff\xfe",
  "zero\xe2\x80\x8bwidth",
  "0123456789012345678901234567890123456789012345678901234567890123456789",
};

static void
test_bad_profile (gconstpointer data)
{
  const char *profile = *(const char * const *) data;
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = make_key ("ee");

  g_assert_false (sb_key_store_check_profile (profile, &error));
  g_assert_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE);

  sb_key_store_store_async (profile, key, NULL, on_stored, &result);
  wait_for (&result);
  g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE);
  g_assert_false (result.ok);
  result_clear (&result);
  result.done = FALSE;

  sb_key_store_lookup_async (profile, NULL, on_looked_up, &result);
  wait_for (&result);
  g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE);
  g_assert_null (result.key);
}

static void
test_good_profiles (void)
{
  static const char * const good[] = { "default", "work", "Été 2026", "a", "team/eu-1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sb_key_store_check_profile (good[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_bad_key (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *spaced = g_strconcat ("sk-or-", "v1-", "12 34", NULL);
  g_autofree char *newline = g_strconcat ("sk-or-", "v1-", "1234\n", NULL);
  g_autofree char *long_key = g_strnfill (5000, 'k');
  const char *keys[] = { "", spaced, newline, "sk-or-clé", long_key };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_auto(Result) result = { 0 };

      sb_key_store_store_async ("default", keys[i], NULL, on_stored, &result);
      wait_for (&result);
      g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_KEY);
      if (keys[i][0] != '\0')
        g_assert_null (strstr (result.error->message, keys[i]));
    }

  g_assert_null (lookup ("default"));
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  sb_key_store_lookup_async ("default", cancellable, on_looked_up, &result);
  wait_for (&result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* In a child process, whose session bus address leads nowhere: libsecret and GDBus keep
 * their connection for the life of a process. */
static void
test_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_auto(Result) result = { 0 };
      g_autofree char *key = make_key ("ff");
      gint64 start = g_get_monotonic_time ();

      sb_key_store_lookup_async (NULL, NULL, on_looked_up, &result);
      wait_for (&result);
      g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_UNAVAILABLE);
      g_assert_null (result.key);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);
      result_clear (&result);
      result.done = FALSE;

      sb_key_store_store_async (NULL, key, NULL, on_stored, &result);
      wait_for (&result);
      g_assert_error (result.error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_UNAVAILABLE);
      g_assert_null (strstr (result.error->message, key));
      return;
    }

  {
    g_autofree char *address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/signalbox-bus", TRUE);
    g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    g_test_trap_assert_passed ();
  }
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  /* First: the child process it starts must not find a connection already made. */
  g_test_add_func ("/signalbox/key-store/unavailable", test_unavailable);
  ADD_TEST ("/signalbox/key-store/round-trip", test_round_trip);
  ADD_TEST ("/signalbox/key-store/lookup-outcomes", test_lookup_outcomes);
  ADD_TEST ("/signalbox/key-store/profiles", test_profiles);
  ADD_TEST ("/signalbox/key-store/rename", test_rename);
  ADD_TEST ("/signalbox/key-store/bad-key", test_bad_key);
  ADD_TEST ("/signalbox/key-store/cancelled", test_cancelled);
  g_test_add_func ("/signalbox/key-store/good-profiles", test_good_profiles);
  for (guint i = 0; i < G_N_ELEMENTS (bad_profiles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/key-store/bad-profile/%u", i);

      g_test_add_data_func (path, &bad_profiles[i], test_bad_profile);
    }

  return g_test_run ();
}
