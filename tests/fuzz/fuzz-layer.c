/* fuzz-layer.c
 *
 * libFuzzer target for the layer loader: any bytes as a folder's local settings file, read
 * through the layer stack, merged, checked, redacted and summed up; now and then a model
 * switch, which must leave a file that does not parse untouched and one that parses parsing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sb-diagnostics.h"
#include "sb-json-edit.h"
#include "sb-layer-stack.h"
#include "sb-secrets.h"
#include "sb-summary.h"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const guint8  *data,
                            size_t         size);

static char *folder;
static char *local_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *root = g_dir_make_tmp ("signalbox-fuzz-XXXXXX", NULL);
  g_autofree char *home = g_build_filename (root, "home", NULL);
  g_autofree char *managed = g_build_filename (root, "managed", NULL);
  g_autofree char *state = g_build_filename (root, "state", NULL);
  g_autofree char *claude = NULL;

  g_assert_nonnull (root);
  folder = g_build_filename (home, "src", "app", NULL);
  claude = g_build_filename (folder, ".claude", NULL);
  local_path = g_build_filename (claude, "settings.local.json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (claude, 0755), ==, 0);

  /* Never the real ~/.claude, nor the real history. */
  g_setenv ("HOME", home, TRUE);
  g_setenv ("SIGNALBOX_MANAGED_DIR", managed, TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_unsetenv ("CLAUDE_CONFIG_DIR");
  return 0;
}

static gboolean
parses (const char *text,
        gsize       length)
{
  SbJsonDoc *doc = sb_json_doc_new (text, length, NULL);

  if (doc == NULL)
    return FALSE;
  sb_json_doc_free (doc);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(JsonNode) redacted = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *model = NULL;
  g_autofree char *redacted_text = NULL;
  JsonNode *effective;

  g_assert_true (g_file_set_contents (local_path, (const char *) data, size, NULL));

  stack = sb_layer_stack_new (folder);
  effective = sb_layer_stack_get_effective (stack);
  diagnostics = sb_diagnostics_check (stack);
  redacted = sb_secrets_redact (effective);
  verdict = sb_summary_verdict (effective);
  model = sb_summary_get_model (effective);
  redacted_text = sb_secrets_redact_text ((const char *) data, size);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_assert_nonnull (diagnostic->message);
      g_assert_true (g_utf8_validate (diagnostic->message, -1, NULL));
    }

  /* Saving costs a sync to disk: one input in eight. */
  if (size > 0 && data[size - 1] % 8 == 0)
    {
      gboolean parsed = parses ((const char *) data, size);
      gboolean used = sb_layer_stack_use_model (stack, "vendor/fuzz", SB_SCOPE_LOCAL, NULL);
      g_autofree char *after = NULL;
      gsize after_length = 0;

      g_assert_true (g_file_get_contents (local_path, &after, &after_length, NULL));
      if (!parsed)
        {
          g_assert_false (used);
          g_assert_cmpuint (after_length, ==, size);
          g_assert_true (memcmp (after, data, size) == 0);
        }
      else
        g_assert_true (parses (after, after_length));
    }

  return 0;
}
