/* sb-cli-models.c
 *
 * signalbox --models: the OpenRouter catalogue in the terminal, as a table or as JSON.
 *
 * The list comes from the cache while it is recent, else from the network, else from the
 * cache of any age, else from the snapshot in the program; being offline is never an error.
 * Where it came from goes to standard error, so that standard output stays clean for scripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sb-catalog.h"
#include "sb-cli.h"
#include "sb-cli-models.h"
#include "sb-model-filter.h"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  sb_catalog_load_finish (SB_CATALOG (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  sb_catalog_refresh_finish (SB_CATALOG (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* The cache or the snapshot, then the network when that is old. Fails only when even the
 * snapshot cannot be read. Also the price list of --costs. */
gboolean
sb_cli_models_get_catalog (SbCatalog  *catalog,
                           GError    **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SbOpenRouter) client = NULL;
  g_autoptr(GError) local_error = NULL;
  Wait wait = { loop, NULL };

  sb_catalog_load_async (catalog, NULL, load_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return FALSE;
    }

  if (!sb_catalog_is_stale (catalog, NULL))
    return TRUE;

  client = sb_openrouter_new (&local_error);
  if (client != NULL)
    {
      sb_catalog_refresh_async (catalog, client, FALSE, NULL, refresh_cb, &wait);
      g_main_loop_run (loop);
      local_error = wait.error;
    }

  if (local_error != NULL)
    /* Translators: %s says why, such as "Could not reach OpenRouter" */
    g_printerr (_("Could not update the model list: %s\n"), local_error->message);

  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (sb_model_get_id (*(SbModel **) a), sb_model_get_id (*(SbModel **) b));
}

static GPtrArray *
select_models (SbCatalog     *catalog,
               SbModelFilter *filter,
               GDateTime     *now)
{
  GListModel *list = G_LIST_MODEL (catalog);
  GPtrArray *models = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SbModel) model = g_list_model_get_item (list, i);

      if (sb_model_filter_match (filter, model, now))
        g_ptr_array_add (models, g_steal_pointer (&model));
    }

  g_ptr_array_sort (models, compare_ids);
  return models;
}

/* The shortest text that reads back as @value: 0.3, not 0.29999999999999999. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

static void
append_string (GString    *out,
               const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

static void
append_member (GString    *out,
               const char *name)
{
  g_string_append (out, ", ");
  append_string (out, name);
  g_string_append (out, ": ");
}

static void
append_price (GString *out,
              double   price)
{
  if (price < 0)
    g_string_append (out, "null");
  else
    append_number (out, price);
}

/* "2026-06-19" for a day, a full ISO 8601 time otherwise. */
static char *
format_date (GDateTime *date)
{
  if (g_date_time_get_hour (date) == 0 && g_date_time_get_minute (date) == 0 &&
      g_date_time_get_second (date) == 0 && g_date_time_get_utc_offset (date) == 0)
    return g_date_time_format (date, "%Y-%m-%d");

  return g_date_time_format_iso8601 (date);
}

static void
print_json (SbCatalog *catalog,
            GPtrArray *models,
            GDateTime *now)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"source\": ");
  GDateTime *fetched = sb_catalog_get_fetched (catalog);

  append_string (out, sb_catalog_source_to_string (sb_catalog_get_source (catalog)));
  g_string_append (out, ",\n  \"fetched\": ");
  if (fetched != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (fetched);
      append_string (out, iso);
    }
  else
    {
      g_string_append (out, "null");
    }

  g_string_append (out, ",\n  \"models\": [");
  for (guint i = 0; i < models->len; i++)
    {
      SbModel *model = g_ptr_array_index (models, i);
      GDateTime *expiration = sb_model_get_expiration_date (model);

      g_string_append (out, i == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ");
      append_string (out, sb_model_get_id (model));
      append_member (out, "name");
      append_string (out, sb_model_get_name (model));
      append_member (out, "provider");
      append_string (out, sb_model_get_provider (model));
      append_member (out, "created");
      if (sb_model_get_created (model) > 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, sb_model_get_created (model));
      else
        g_string_append (out, "null");
      append_member (out, "context_length");
      if (sb_model_get_context_length (model) > 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, sb_model_get_context_length (model));
      else
        g_string_append (out, "null");
      append_member (out, "max_completion_tokens");
      if (sb_model_get_max_completion_tokens (model) > 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                sb_model_get_max_completion_tokens (model));
      else
        g_string_append (out, "null");
      append_member (out, "prompt_price");
      append_price (out, sb_model_get_prompt_price (model));
      append_member (out, "completion_price");
      append_price (out, sb_model_get_completion_price (model));
      append_member (out, "tools");
      g_string_append (out, sb_model_get_supports_tools (model) ? "true" : "false");
      append_member (out, "reasoning");
      g_string_append (out, sb_model_get_supports_reasoning (model) ? "true" : "false");
      append_member (out, "free");
      g_string_append (out, sb_model_get_is_free (model) ? "true" : "false");
      if (expiration != NULL)
        {
          g_autofree char *date = format_date (expiration);

          append_member (out, "expiration_date");
          append_string (out, date);
          append_member (out, "expired");
          g_string_append (out, sb_model_is_expired (model, now) ? "true" : "false");
        }
      g_string_append (out, "}");
    }
  g_string_append (out, models->len > 0 ? "\n  ]\n}\n" : "]\n}\n");

  g_print ("%s", out->str);
}

/* A table's cell, padded to @width characters on the right, or on the left when @right. */
void
sb_cli_print_cell (const char *text,
                   guint       width,
                   gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);

  if (right)
    for (glong i = length; i < (glong) width; i++)
      g_print (" ");

  g_print ("%s", text);

  if (!right)
    for (glong i = length; i < (glong) width; i++)
      g_print (" ");
}

static void
print_table (GPtrArray *models,
             GDateTime *now)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  /* Translators: column headings of signalbox --models; $/M is US dollars per million
   * tokens, IN for the prompt, OUT for the completion */
  const char *headings[] = { N_("ID"), N_("CONTEXT"), N_("$/M IN"), N_("$/M OUT"), N_("FLAGS") };
  const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, FALSE };
  guint widths[G_N_ELEMENTS (headings)] = { 0, };
  const guint n_columns = G_N_ELEMENTS (headings);

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (cells, g_strdup (_(headings[c])));

  for (guint i = 0; i < models->len; i++)
    {
      SbModel *model = g_ptr_array_index (models, i);
      g_autoptr(GPtrArray) flags = g_ptr_array_new ();

      if (sb_model_get_supports_tools (model))
        g_ptr_array_add (flags, (gpointer) _("tools"));
      if (sb_model_get_supports_reasoning (model))
        g_ptr_array_add (flags, (gpointer) _("reasoning"));
      if (sb_model_get_is_free (model))
        g_ptr_array_add (flags, (gpointer) _("free"));
      if (sb_model_is_expired (model, now))
        g_ptr_array_add (flags, (gpointer) _("expired"));
      g_ptr_array_add (flags, NULL);

      g_ptr_array_add (cells, g_strdup (sb_model_get_id (model)));
      g_ptr_array_add (cells, sb_model_format_context (sb_model_get_context_length (model),
                                                       SB_MODEL_FORMAT_COLUMN));
      g_ptr_array_add (cells, sb_model_format_price (sb_model_get_prompt_price (model),
                                                     SB_MODEL_FORMAT_COLUMN));
      g_ptr_array_add (cells, sb_model_format_price (sb_model_get_completion_price (model),
                                                     SB_MODEL_FORMAT_COLUMN));
      g_ptr_array_add (cells, g_strjoinv (" ", (char **) flags->pdata));
    }

  for (guint i = 0; i < cells->len; i++)
    widths[i % n_columns] = MAX (widths[i % n_columns],
                                 g_utf8_strlen (g_ptr_array_index (cells, i), -1));

  for (guint i = 0; i < cells->len; i++)
    {
      guint c = i % n_columns;

      if (c == n_columns - 1)
        {
          g_print ("%s\n", (char *) g_ptr_array_index (cells, i));
          continue;
        }

      sb_cli_print_cell (g_ptr_array_index (cells, i), widths[c], right[c]);
      g_print ("  ");
    }
}

/**
 * sb_cli_models_run:
 * @json: print JSON rather than a table
 * @tools_only: only models that take tools
 * @free_only: only free models
 * @search: (nullable): words that must all occur in the id or the name
 *
 * Runs `signalbox --models`.
 *
 * Returns: the exit status: 0, or 2 when not even the bundled list can be read
 */
int
sb_cli_models_run (gboolean    json,
                   gboolean    tools_only,
                   gboolean    free_only,
                   const char *search)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbModelFilter) filter = sb_model_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  guint n_models;

  if (!sb_cli_models_get_catalog (catalog, &error))
    {
      g_printerr ("%s\n", error->message);
      return SB_CLI_EXIT_FAILURE;
    }

  sb_model_filter_set_tools_only (filter, tools_only);
  sb_model_filter_set_free_only (filter, free_only);
  sb_model_filter_set_search (filter, search);
  models = select_models (catalog, filter, now);

  n_models = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  source = sb_catalog_describe_source (catalog, now);
  /* Translators: the first %u is a number of models, the second %u how many of them are
   * shown; %s says where the list comes from, such as "updated 5 min ago" */
  g_printerr (ngettext ("%u model, %u shown; %s\n", "%u models, %u shown; %s\n", n_models),
              n_models, models->len, source);

  if (json)
    print_json (catalog, models, now);
  else if (models->len > 0)
    print_table (models, now);
  else
    g_printerr (_("No model matches.\n"));

  return SB_CLI_EXIT_OK;
}
