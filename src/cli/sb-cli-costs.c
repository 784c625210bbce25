/* sb-cli-costs.c
 *
 * signalbox --costs: what a folder spent, from Claude Code's transcripts, priced with
 * OpenRouter's list, as a table or as JSON.
 *
 * The costs are estimates: today's list prices times the tokens the transcripts record.
 * Which list was used, and what could not be priced, go to standard error so that standard
 * output stays clean for scripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-catalog.h"
#include "sb-cli.h"
#include "sb-cli-costs.h"
#include "sb-cli-models.h"
#include "sb-secrets.h"
#include "sb-transcripts.h"

#define DEFAULT_DAYS 30

/* "2026-12-05" only: GDate's own parser guesses at many forms, and a script deserves an
 * error rather than a guess. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Dollars with enough places for the small sums of one day, "?" when unknown. */
static char *
format_cost (double cost)
{
  if (cost < 0)
    return g_strdup ("?");
  return g_strdup_printf ("%.4f", cost);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;

  json_node_set_string (node, text);
  quoted = json_to_string (node, FALSE);
  g_string_append (out, quoted);
}

/* A cost rounded to a billionth of a dollar, which %.17g would print with noise digits. */
static void
append_json_cost (GString *out,
                  double   cost)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (cost < 0)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.9f",
                                         round (cost * 1e9) / 1e9));
  /* Trailing zeros say nothing. */
  while (out->len > 2 && out->str[out->len - 1] == '0' && out->str[out->len - 2] != '.')
    g_string_truncate (out, out->len - 1);
}

static void
print_json (SbCostReport *report)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"folder\": ");
  g_autofree char *since = format_date (&report->since);
  g_autofree char *until = format_date (&report->until);

  if (report->folder != NULL)
    append_json_string (out, report->folder);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\n  \"since\": \"%s\",\n  \"until\": \"%s\",\n"
                          "  \"currency\": \"USD\",\n  \"models\": [", since, until);
  for (guint i = 0; i < report->models->len; i++)
    {
      SbCostRow *row = report->models->pdata[i];
      g_autofree char *name = sb_secrets_redact_string ("ANTHROPIC_MODEL", row->name);

      g_string_append (out, i > 0 ? ",\n    {\"model\": " : "\n    {\"model\": ");
      append_json_string (out, name);
      g_string_append_printf (out, ", \"input_tokens\": %" G_GUINT64_FORMAT
                              ", \"output_tokens\": %" G_GUINT64_FORMAT
                              ", \"cache_read_tokens\": %" G_GUINT64_FORMAT
                              ", \"cache_write_tokens\": %" G_GUINT64_FORMAT ", \"cost\": ",
                              row->input_tokens, row->output_tokens, row->cache_read_tokens,
                              row->cache_write_tokens);
      append_json_cost (out, row->cost);
      g_string_append (out, "}");
    }
  g_string_append (out, report->models->len > 0 ? "\n  ],\n  \"days\": [" : "],\n  \"days\": [");
  for (guint i = 0; i < report->days->len; i++)
    {
      SbCostDay *day = report->days->pdata[i];
      g_autofree char *date = format_date (&day->date);

      g_string_append_printf (out, "%s\n    {\"date\": \"%s\", \"cost\": ", i > 0 ? "," : "",
                              date);
      append_json_cost (out, day->cost);
      g_string_append (out, "}");
    }
  g_string_append (out, report->days->len > 0 ? "\n  ],\n  \"total_cost\": "
                                              : "],\n  \"total_cost\": ");
  append_json_cost (out, report->total_cost);
  g_string_append (out, "\n}\n");
  g_print ("%s", out->str);
}

static void
print_table (SbCostReport *report)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  /* Translators: column headings of signalbox --costs; tokens in, out, read from and
   * written to the prompt cache, and the cost in US dollars */
  const char *headings[] = { N_("MODEL"), N_("IN"), N_("OUT"), N_("CACHE READ"),
                             N_("CACHE WRITE"), N_("COST $") };
  const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE };
  guint widths[G_N_ELEMENTS (headings)] = { 0, };
  const guint n_columns = G_N_ELEMENTS (headings);
  guint64 in = 0, out = 0, read = 0, write = 0;

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (cells, g_strdup (_(headings[c])));
  for (guint i = 0; i < report->models->len; i++)
    {
      SbCostRow *row = report->models->pdata[i];

      g_ptr_array_add (cells, sb_secrets_redact_string ("ANTHROPIC_MODEL", row->name));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, row->input_tokens));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, row->output_tokens));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, row->cache_read_tokens));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, row->cache_write_tokens));
      g_ptr_array_add (cells, format_cost (row->cost));
      in += row->input_tokens;
      out += row->output_tokens;
      read += row->cache_read_tokens;
      write += row->cache_write_tokens;
    }
  /* Translators: the last row of signalbox --costs */
  g_ptr_array_add (cells, g_strdup (_("TOTAL")));
  g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, in));
  g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, out));
  g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, read));
  g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, write));
  g_ptr_array_add (cells, format_cost (report->total_cost));

  for (guint i = 0; i < cells->len; i++)
    widths[i % n_columns] = MAX (widths[i % n_columns],
                                 g_utf8_strlen (g_ptr_array_index (cells, i), -1));
  for (guint i = 0; i < cells->len; i++)
    {
      guint c = i % n_columns;

      sb_cli_print_cell (g_ptr_array_index (cells, i), widths[c], right[c]);
      g_print (c == n_columns - 1 ? "\n" : "  ");
    }
}

/**
 * sb_cli_costs_run:
 * @folder: the folder whose spending is shown (its replies and those of folders inside it)
 * @json: print JSON rather than a table
 * @since_text: (nullable): the first day, YYYY-MM-DD; 30 days before @until_text by default
 * @until_text: (nullable): the last day, YYYY-MM-DD; today by default
 *
 * Runs `signalbox --costs`.
 *
 * Returns: the exit status: 0, or 2 for a bad date or transcripts that cannot be read
 */
int
sb_cli_costs_run (const char *folder,
                  gboolean    json,
                  const char *since_text,
                  const char *until_text)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbTranscripts) transcripts = NULL;
  g_autoptr(SbCostReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  GDate since, until;
  guint n_unknown = 0;

  if (until_text != NULL && !parse_date (until_text, &until))
    {
      g_printerr (_("--until must be a date such as 2026-12-31\n"));
      return SB_CLI_EXIT_FAILURE;
    }
  if (until_text == NULL)
    {
      g_date_clear (&until, 1);
      g_date_set_dmy (&until, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }
  if (since_text != NULL && !parse_date (since_text, &since))
    {
      g_printerr (_("--since must be a date such as 2026-12-01\n"));
      return SB_CLI_EXIT_FAILURE;
    }
  if (since_text == NULL)
    {
      since = until;
      g_date_subtract_days (&since, DEFAULT_DAYS);
    }
  if (g_date_compare (&since, &until) > 0)
    {
      g_printerr (_("--since must not be after --until\n"));
      return SB_CLI_EXIT_FAILURE;
    }

  transcripts = sb_transcripts_new (NULL);
  if (!sb_transcripts_read (transcripts, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return SB_CLI_EXIT_FAILURE;
    }
  if (sb_transcripts_get_n_bad_lines (transcripts) > 0)
    /* Translators: %u lines of Claude Code's transcripts could not be read */
    g_printerr (ngettext ("%u transcript line could not be read and was skipped\n",
                          "%u transcript lines could not be read and were skipped\n",
                          sb_transcripts_get_n_bad_lines (transcripts)),
                sb_transcripts_get_n_bad_lines (transcripts));

  if (!sb_cli_models_get_catalog (catalog, &error))
    {
      g_printerr ("%s\n", error->message);
      return SB_CLI_EXIT_FAILURE;
    }
  source = sb_catalog_describe_source (catalog, NULL);
  /* Translators: %s says where the price list comes from, such as "updated 5 min ago" */
  g_printerr (_("Estimated with OpenRouter’s list prices (%s); the bill may differ by "
                "provider\n"), source);

  report = sb_transcripts_report (transcripts, folder, &since, &until, catalog);
  for (guint i = 0; i < report->models->len; i++)
    {
      SbCostRow *row = report->models->pdata[i];

      if (row->cost >= 0)
        continue;
      n_unknown++;
      /* Translators: %s is a model id */
      g_autofree char *name = sb_secrets_redact_string ("ANTHROPIC_MODEL", row->name);

      g_printerr (_("No price for %s: it is not in OpenRouter’s list\n"), name);
    }
  if (n_unknown > 0)
    {
      g_autofree char *known = format_cost (report->known_cost);

      /* Translators: %s is an amount in US dollars */
      g_printerr (_("The total is unknown; the models with a price cost $%s\n"), known);
    }

  if (json)
    print_json (report);
  else if (report->models->len > 0)
    print_table (report);
  else
    g_printerr (_("No usage in these transcripts for this folder and these dates.\n"));

  return SB_CLI_EXIT_OK;
}
