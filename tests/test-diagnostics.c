/* test-diagnostics.c
 *
 * Tests for the checks over a folder's layers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-diagnostics.h"
#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

typedef struct
{
  const char *text;      /* of the local layer */
  const char *code;      /* the one diagnostic expected, or NULL for none */
  const char *pointer;
} Case;

static const Case cases[] = {
  { "{\"env\": {\"ANTHROPIC_MODEL\": \"a/b\", \"DISABLE_TELEMETRY\": \"1\"}}", NULL, NULL },
  { "{\"env\": {\"MAX_THINKING_TOKENS\": 8000}}", "env-not-string", "/env/MAX_THINKING_TOKENS" },
  { "{\"env\": {\"DISABLE_TELEMETRY\": true}}", "env-not-string", "/env/DISABLE_TELEMETRY" },
  { "{\"env\": {\"lower_case\": \"1\"}}", "env-name-invalid", "/env/lower_case" },
  { "{\"env\": {\"9LIVES\": \"1\"}}", "env-name-invalid", "/env/9LIVES" },
  { "{\"env\": \"ANTHROPIC_MODEL=a/b\"}", "env-not-object", "/env" },
  { "{\"env\": {\"A\": \"1\",}}", "layer-invalid", NULL },
};

static void
test_diagnostics_case (SbTestEnv     *env,
                       gconstpointer  data)
{
  const Case *c = data;
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  SbDiagnostic *diagnostic;

  sb_test_write (local, c->text);
  stack = sb_layer_stack_new (env->folder);
  diagnostics = sb_diagnostics_check (stack);

  if (c->code == NULL)
    {
      g_assert_cmpuint (diagnostics->len, ==, 0);
      g_assert_false (sb_diagnostics_has_errors (diagnostics));
      return;
    }

  g_assert_cmpuint (diagnostics->len, ==, 1);
  diagnostic = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpstr (diagnostic->code, ==, c->code);
  g_assert_cmpstr (diagnostic->pointer, ==, c->pointer);
  g_assert_cmpint (diagnostic->severity, ==, SB_SEVERITY_ERROR);
  g_assert_true (diagnostic->layer == sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL));
  g_assert_nonnull (strstr (diagnostic->message, "Local"));
  g_assert_true (sb_diagnostics_has_errors (diagnostics));
}

static void
test_diagnostics_unreadable (SbTestEnv     *env,
                             gconstpointer  data)
{
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_assert_cmpint (g_mkdir_with_parents (user, 0755), ==, 0);
  stack = sb_layer_stack_new (env->folder);
  diagnostics = sb_diagnostics_check (stack);

  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpstr (((SbDiagnostic *) g_ptr_array_index (diagnostics, 0))->code,
                   ==, "layer-unreadable");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/diagnostics/case-%u", i);
      g_test_add (path, SbTestEnv, &cases[i], sb_test_env_setup, test_diagnostics_case,
                  sb_test_env_teardown);
    }
  ADD_TEST ("/signalbox/diagnostics/unreadable", test_diagnostics_unreadable);

  return g_test_run ();
}
