/* fuzz-catalog.c
 *
 * libFuzzer target for the catalogue's scanner: any bytes as a /models body. Whatever the
 * scanner takes, json-glib's parser must take too, giving the same models, field by field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-catalog-private.h"
#include "sb-model.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *
describe_model (SbModel *model)
{
  const char * const *in = sb_model_get_input_modalities (model);
  const char * const *out = sb_model_get_output_modalities (model);
  g_autofree char *inputs = in != NULL ? g_strjoinv ("+", (char **) in) : g_strdup ("-");
  g_autofree char *outputs = out != NULL ? g_strjoinv ("+", (char **) out) : g_strdup ("-");
  GDateTime *expires = sb_model_get_expiration_date (model);

  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                          "|%.17g|%.17g|%s|%s|%d|%d|%" G_GINT64_FORMAT "|%s",
                          sb_model_get_id (model), sb_model_get_name (model),
                          sb_model_get_provider (model), sb_model_get_created (model),
                          sb_model_get_context_length (model),
                          sb_model_get_max_completion_tokens (model),
                          sb_model_get_prompt_price (model),
                          sb_model_get_completion_price (model), inputs, outputs,
                          sb_model_get_supports_tools (model),
                          sb_model_get_supports_reasoning (model),
                          expires != NULL ? g_date_time_to_unix (expires) : -1,
                          sb_model_get_haystack (model));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) models = NULL;
  g_autofree char *date = NULL;
  SbCatalogParsed *scanned;
  guint skipped = 0;

  scanned = sb_catalog_scan ((const char *) data, size);
  if (scanned == NULL)
    return 0;

  /* The old path, for comparison. */
  g_setenv ("SIGNALBOX_CATALOG_JSON_GLIB", "1", TRUE);
  models = sb_catalog_parse (body, &skipped, &date, NULL);
  g_unsetenv ("SIGNALBOX_CATALOG_JSON_GLIB");

  if (scanned->models->len == 0)
    g_assert_true (models == NULL || models->len == 0);
  else
    {
      g_assert_nonnull (models);
      g_assert_cmpuint (models->len, ==, scanned->models->len);
      g_assert_cmpuint (skipped, ==, scanned->n_skipped);
      g_assert_cmpstr (date, ==, scanned->snapshot_date);
      for (guint i = 0; i < models->len; i++)
        {
          g_autofree char *fast = describe_model (g_ptr_array_index (scanned->models, i));
          g_autofree char *slow = describe_model (g_ptr_array_index (models, i));

          g_assert_cmpstr (fast, ==, slow);
        }
    }

  sb_catalog_parsed_free (scanned);
  return 0;
}
