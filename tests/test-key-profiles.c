/* test-key-profiles.c
 *
 * Tests for SbKeyProfiles without a keyring: which profiles the key page offers, and in
 * what order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sb-key-profiles.h"
#include "sb-key-store.h"
#include "sb-layer-stack.h"
#include "sb-routing.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestEnv     env;
  char         *helper;
  SbKeyProfiles *profiles;
  SbLayerStack *stack;
  GPtrArray    *layers;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  sb_test_env_setup (&fixture->env, data);

  fixture->helper = g_build_filename (fixture->env.root, "bin", "signalbox-key", NULL);
  sb_test_write (fixture->helper, "#!/bin/sh\nexit 1\n");
  g_assert_cmpint (g_chmod (fixture->helper, 0755), ==, 0);
  g_setenv (SB_ROUTING_HELPER_ENV, fixture->helper, TRUE);

  fixture->profiles = sb_key_profiles_new ();
  fixture->stack = sb_layer_stack_new (fixture->env.folder);
  fixture->layers = g_ptr_array_new ();
  g_ptr_array_add (fixture->layers, sb_layer_stack_get_layer (fixture->stack, SB_SCOPE_USER));
  g_ptr_array_add (fixture->layers, sb_layer_stack_get_layer (fixture->stack,
                                                              SB_SCOPE_PROJECT));
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_unsetenv (SB_ROUTING_HELPER_ENV);
  g_clear_pointer (&fixture->layers, g_ptr_array_unref);
  g_clear_object (&fixture->stack);
  g_clear_object (&fixture->profiles);
  g_clear_pointer (&fixture->helper, g_free);
  sb_test_env_teardown (&fixture->env, data);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

static char *
list (Fixture    *fixture,
      const char *current)
{
  g_auto(GStrv) names = sb_key_profiles_list (fixture->profiles, fixture->layers, current);

  return g_strjoinv (",", names);
}

static void
test_key_profiles_list (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *names;

  /* Nothing listed, nothing routed: the default profile, and the one shown. */
  names = list (fixture, NULL);
  g_assert_cmpstr (names, ==, "default");
  g_free (names);
  names = list (fixture, "work");
  g_assert_cmpstr (names, ==, "default,work");
  g_free (names);

  /* Added on the page: offered from then on, once. */
  g_assert_true (sb_key_profiles_add (fixture->profiles, "client b", &error));
  g_assert_no_error (error);
  g_assert_true (sb_key_profiles_add (fixture->profiles, "client b", &error));
  g_assert_false (sb_key_profiles_add (fixture->profiles, "-x", &error));
  g_assert_error (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE);

  /* A layer that routes with a profile brings it, after the added ones. */
  g_assert_true (sb_routing_set_enabled (g_ptr_array_index (fixture->layers, 1), TRUE,
                                         "team", NULL));
  names = list (fixture, "default");
  g_assert_cmpstr (names, ==, "default,client b,team");
  g_free (names);

  /* A shown profile that cannot be one is not offered. */
  names = list (fixture, " padded");
  g_assert_cmpstr (names, ==, "default,client b,team");
  g_free (names);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/key-profiles/list", test_key_profiles_list);

  return g_test_run ();
}
