/* test-settings.c
 *
 * Tests for SbSettings: its properties follow GSettings both ways, and its list edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-settings.h"

typedef struct
{
  GSettings  *gsettings;   /* another handle on the same keys, as dconf or a second window */
  SbSettings *settings;
  GHashTable *notified;    /* property name → times notified */
} Fixture;

static void
on_notify_cb (SbSettings *settings,
              GParamSpec *pspec,
              Fixture    *fixture)
{
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->notified, name));

  g_hash_table_insert (fixture->notified, (gpointer) name, GUINT_TO_POINTER (count + 1));
}

static guint
notified (Fixture    *fixture,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->notified, name));
}

/* Settings given to GSettings arrive in the main loop's next turns. */
static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  fixture->gsettings = g_settings_new (APP_ID);
  g_object_get (fixture->gsettings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (fixture->gsettings, keys[i]);
  iterate ();

  fixture->settings = sb_settings_new ();
  fixture->notified = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (fixture->settings, "notify", G_CALLBACK (on_notify_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->settings);
  g_clear_object (&fixture->gsettings);
  g_hash_table_unref (fixture->notified);
}

static void
assert_strv (const char * const *got,
             const char         *expected)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) got);

  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_gsettings_strv (GSettings  *gsettings,
                       const char *key,
                       const char *expected)
{
  g_auto(GStrv) value = g_settings_get_strv (gsettings, key);

  assert_strv ((const char * const *) value, expected);
}

/* What was stored before the wrapper was made is what it shows. */
static void
test_settings_initial (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *favourites[] = { "a/one", "b/two", NULL };
  g_autoptr(SbSettings) settings = NULL;

  g_settings_set_strv (fixture->gsettings, "favourites", favourites);
  g_settings_set_string (fixture->gsettings, "model-layer", "project");
  iterate ();
  settings = sb_settings_new ();

  assert_strv (sb_settings_get_favourites (settings), "a/one b/two");
  g_assert_cmpstr (sb_settings_get_model_layer (settings), ==, "project");
  g_assert_cmpint (sb_settings_get_model_scope (settings), ==, SB_SCOPE_PROJECT);
  g_assert_cmpstr (sb_settings_get_key_profile (settings), ==, "default");
  g_assert_cmpstr (sb_settings_get_selected_folder (settings), ==, "");
}

/* A change made elsewhere arrives as the property's value, notified once. */
static void
test_settings_from_gsettings (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *folders[] = { "/home/a", "/home/b", NULL };
  g_autofree char *layer = NULL;

  g_settings_set_strv (fixture->gsettings, "folders", folders);
  g_settings_set_string (fixture->gsettings, "model-layer", "user");
  g_settings_set_string (fixture->gsettings, "key-profile", "work");
  g_settings_set_string (fixture->gsettings, "selected-folder", "/home/b");
  iterate ();

  assert_strv (sb_settings_get_folders (fixture->settings), "/home/a /home/b");
  g_assert_cmpstr (sb_settings_get_key_profile (fixture->settings), ==, "work");
  g_assert_cmpstr (sb_settings_get_selected_folder (fixture->settings), ==, "/home/b");
  g_assert_cmpint (sb_settings_get_model_scope (fixture->settings), ==, SB_SCOPE_USER);
  g_object_get (fixture->settings, "model-layer", &layer, NULL);
  g_assert_cmpstr (layer, ==, "user");

  g_assert_cmpuint (notified (fixture, "folders"), ==, 1);
  g_assert_cmpuint (notified (fixture, "model-layer"), ==, 1);
  g_assert_cmpuint (notified (fixture, "key-profile"), ==, 1);
  g_assert_cmpuint (notified (fixture, "selected-folder"), ==, 1);
  g_assert_cmpuint (notified (fixture, "favourites"), ==, 0);

  /* The same value again is no change. */
  g_settings_set_string (fixture->gsettings, "key-profile", "work");
  iterate ();
  g_assert_cmpuint (notified (fixture, "key-profile"), ==, 1);
}

/* A change made through the wrapper reaches GSettings, notified once. */
static void
test_settings_to_gsettings (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *favourites[] = { "x/y", NULL };
  g_autofree char *profile = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *layer = NULL;

  sb_settings_set_key_profile (fixture->settings, "home");
  sb_settings_set_selected_folder (fixture->settings, "/srv/app");
  g_object_set (fixture->settings, "model-layer", "project", "favourites", favourites, NULL);
  iterate ();

  profile = g_settings_get_string (fixture->gsettings, "key-profile");
  selected = g_settings_get_string (fixture->gsettings, "selected-folder");
  layer = g_settings_get_string (fixture->gsettings, "model-layer");
  g_assert_cmpstr (profile, ==, "home");
  g_assert_cmpstr (selected, ==, "/srv/app");
  g_assert_cmpstr (layer, ==, "project");
  assert_gsettings_strv (fixture->gsettings, "favourites", "x/y");

  g_assert_cmpuint (notified (fixture, "key-profile"), ==, 1);
  g_assert_cmpuint (notified (fixture, "selected-folder"), ==, 1);
  g_assert_cmpuint (notified (fixture, "model-layer"), ==, 1);
  g_assert_cmpuint (notified (fixture, "favourites"), ==, 1);

  sb_settings_set_key_profile (fixture->settings, "home");
  iterate ();
  g_assert_cmpuint (notified (fixture, "key-profile"), ==, 1);
}

/* Favourites keep the order they were pinned in; pinning or unpinning twice is once. */
static void
test_settings_favourites (Fixture       *fixture,
                          gconstpointer  data)
{
  SbSettings *settings = fixture->settings;

  g_assert_false (sb_settings_has_favourite (settings, "a/one"));
  sb_settings_add_favourite (settings, "b/two");
  sb_settings_add_favourite (settings, "a/one");
  sb_settings_add_favourite (settings, "c/three");
  iterate ();
  g_assert_cmpuint (notified (fixture, "favourites"), ==, 3);
  assert_strv (sb_settings_get_favourites (settings), "b/two a/one c/three");
  assert_gsettings_strv (fixture->gsettings, "favourites", "b/two a/one c/three");
  g_assert_true (sb_settings_has_favourite (settings, "a/one"));

  sb_settings_add_favourite (settings, "a/one");
  iterate ();
  g_assert_cmpuint (notified (fixture, "favourites"), ==, 3);
  assert_strv (sb_settings_get_favourites (settings), "b/two a/one c/three");

  sb_settings_remove_favourite (settings, "a/one");
  iterate ();
  g_assert_cmpuint (notified (fixture, "favourites"), ==, 4);
  g_assert_false (sb_settings_has_favourite (settings, "a/one"));
  assert_strv (sb_settings_get_favourites (settings), "b/two c/three");

  sb_settings_remove_favourite (settings, "a/one");
  iterate ();
  g_assert_cmpuint (notified (fixture, "favourites"), ==, 4);
  assert_gsettings_strv (fixture->gsettings, "favourites", "b/two c/three");
}

/* Opened folders go first and come out of hiding; removed ones go into it. */
static void
test_settings_folders (Fixture       *fixture,
                       gconstpointer  data)
{
  SbSettings *settings = fixture->settings;

  sb_settings_remember_folder (settings, "/a");
  sb_settings_remember_folder (settings, "/b");
  sb_settings_remember_folder (settings, "/c");
  iterate ();
  assert_strv (sb_settings_get_folders (settings), "/c /b /a");
  g_assert_cmpuint (notified (fixture, "folders"), ==, 3);
  g_assert_cmpuint (notified (fixture, "hidden-folders"), ==, 0);

  sb_settings_remember_folder (settings, "/a");
  iterate ();
  assert_strv (sb_settings_get_folders (settings), "/a /c /b");
  g_assert_cmpuint (notified (fixture, "folders"), ==, 4);

  sb_settings_forget_folder (settings, "/c");
  sb_settings_forget_folder (settings, "/b");
  iterate ();
  assert_strv (sb_settings_get_folders (settings), "/a");
  assert_strv (sb_settings_get_hidden_folders (settings), "/b /c");
  assert_gsettings_strv (fixture->gsettings, "folders", "/a");
  assert_gsettings_strv (fixture->gsettings, "hidden-folders", "/b /c");
  g_assert_cmpuint (notified (fixture, "folders"), ==, 6);
  g_assert_cmpuint (notified (fixture, "hidden-folders"), ==, 2);

  /* Forgetting again changes nothing. */
  sb_settings_forget_folder (settings, "/b");
  iterate ();
  g_assert_cmpuint (notified (fixture, "folders"), ==, 6);
  g_assert_cmpuint (notified (fixture, "hidden-folders"), ==, 2);

  sb_settings_remember_folder (settings, "/c");
  iterate ();
  assert_strv (sb_settings_get_folders (settings), "/c /a");
  assert_strv (sb_settings_get_hidden_folders (settings), "/b");
}

/* The layer a chosen model goes to, as the setting names it. */
static void
test_settings_model_scope (Fixture       *fixture,
                           gconstpointer  data)
{
  g_assert_cmpint (sb_settings_get_model_scope (fixture->settings), ==, SB_SCOPE_LOCAL);

  g_settings_set_string (fixture->gsettings, "model-layer", "project");
  iterate ();
  g_assert_cmpint (sb_settings_get_model_scope (fixture->settings), ==, SB_SCOPE_PROJECT);

  g_object_set (fixture->settings, "model-layer", "user", NULL);
  g_assert_cmpint (sb_settings_get_model_scope (fixture->settings), ==, SB_SCOPE_USER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define add_test(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  add_test ("/signalbox/settings/initial", test_settings_initial);
  add_test ("/signalbox/settings/from-gsettings", test_settings_from_gsettings);
  add_test ("/signalbox/settings/to-gsettings", test_settings_to_gsettings);
  add_test ("/signalbox/settings/favourites", test_settings_favourites);
  add_test ("/signalbox/settings/folders", test_settings_folders);
  add_test ("/signalbox/settings/model-scope", test_settings_model_scope);

  return g_test_run ();
}
