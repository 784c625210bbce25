/* bench-catalog.c
 *
 * A benchmark, not a test: how long the catalogue takes to parse and index a /models body of
 * about 34,000 models (the bundled snapshot, 100 times over with varied ids), next to
 * Python's json.loads of the same bytes, and how long one search keystroke takes over all of
 * them. Run it with `meson compile -C _build bench`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sb-catalog.h"
#include "sb-model-filter.h"

#define COPIES 100
#define ROUNDS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* The best of @n, as Python's figure is: the least disturbed by the rest of the machine. */
static double
best (double *values,
      guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[0];
}

/* The snapshot's models, each COPIES times with "-vNN" after its id. */
static GBytes *
make_body (guint *n_models)
{
  g_autoptr(GBytes) snapshot = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new ("{\"data\":[");
  JsonArray *data;
  gsize size;
  const char *text;

  snapshot = g_resources_lookup_data (SB_CATALOG_SNAPSHOT_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (snapshot, &size);
  json_parser_load_from_data (parser, text, size, &error);
  g_assert_no_error (error);

  data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "data");
  *n_models = 0;
  for (guint copy = 0; copy < COPIES; copy++)
    for (guint i = 0; i < json_array_get_length (data); i++)
      {
        JsonNode *node = json_array_get_element (data, i);
        JsonObject *object = json_node_get_object (node);
        g_autofree char *id = g_strdup (json_object_get_string_member (object, "id"));
        g_autofree char *new_id = g_strdup_printf ("%s-v%02u", id, copy);
        g_autofree char *entry = NULL;

        json_object_set_string_member (object, "id", new_id);
        entry = json_to_string (node, FALSE);
        json_object_set_string_member (object, "id", id);

        if (*n_models > 0)
          g_string_append_c (body, ',');
        g_string_append (body, entry);
        (*n_models)++;
      }
  g_string_append (body, "]}");

  return g_string_free_to_bytes (g_steal_pointer (&body));
}

/* Seconds Python's json.loads takes for @path, measured inside Python (no start-up). */
static double
python_seconds (const char *path,
                double     *process_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = {
    "python3", "-c",
    "import json, sys, time\n"
    "data = open(sys.argv[1], 'rb').read()\n"
    "best = None\n"
    "for _ in range(5):\n"
    "    start = time.perf_counter()\n"
    "    json.loads(data)\n"
    "    took = time.perf_counter() - start\n"
    "    best = took if best is None else sorted([best, took])[0]\n"
    "print(best)\n",
    path, NULL
  };
  const char *argv_once[] = {
    "python3", "-c", "import json, sys; json.load(open(sys.argv[1], 'rb'))", path, NULL
  };
  gint64 start;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("python3: %s\n", error->message);
      return -1;
    }

  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv_once, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, &status, NULL);
  *process_seconds = (g_get_monotonic_time () - start) / 1e6;

  return g_ascii_strtod (out, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbModelFilter) filter = sb_model_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *searches[] = { "c", "cl", "claude", "qwen coder", "free llama 70b" };
  double parse_only[ROUNDS], full[ROUNDS];
  double python = -1, python_process = -1;
  GListModel *list = G_LIST_MODEL (catalog);
  guint n_models;
  int fd;

  setlocale (LC_ALL, "");
  body = make_body (&n_models);
  g_print ("Body: %u models, %.1f MiB\n", n_models,
           g_bytes_get_size (body) / (1024.0 * 1024.0));

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gint64 start = g_get_monotonic_time ();
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      json_parser_load_from_data (parser, data, size, &error);
      g_assert_no_error (error);
      parse_only[round] = (g_get_monotonic_time () - start) / 1e6;

      /* Parsed and built as the worker thread does; freeing the list is not timed, as
       * Python's is not. */
      {
        g_autoptr(GPtrArray) models = NULL;

        start = g_get_monotonic_time ();
        models = sb_catalog_parse (body, NULL, NULL, &error);
        full[round] = (g_get_monotonic_time () - start) / 1e6;
        g_assert_no_error (error);
        g_assert_cmpuint (models->len, ==, n_models);
      }
    }
  sb_catalog_load_bytes (catalog, body, SB_CATALOG_SOURCE_NETWORK, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_models);

  fd = g_file_open_tmp ("signalbox-bench-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  python = python_seconds (path, &python_process);
  g_unlink (path);

  g_print ("json-glib parse only (best of %d): %7.1f ms\n", ROUNDS,
           best (parse_only, ROUNDS) * 1e3);
  g_print ("parse + SbModel + index (best of %d): %7.1f ms\n", ROUNDS,
           best (full, ROUNDS) * 1e3);
  if (python > 0)
    {
      g_print ("python3 json.loads (best of 5):    %7.1f ms\n", python * 1e3);
      g_print ("python3 -c json.load, whole process: %5.1f ms\n", python_process * 1e3);
      g_print ("ratio parse + build / json.loads:  %7.2f\n",
               best (full, ROUNDS) / python);
      g_print ("ratio parse only / json.loads:     %7.2f\n",
               best (parse_only, ROUNDS) / python);
    }

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      double times[ROUNDS];
      guint matches = 0;

      sb_model_filter_set_search (filter, searches[s]);
      sb_model_filter_set_tools_only (filter, TRUE);
      for (guint round = 0; round < ROUNDS; round++)
        {
          gint64 start = g_get_monotonic_time ();

          matches = 0;
          for (guint i = 0; i < g_list_model_get_n_items (list); i++)
            {
              g_autoptr(SbModel) model = g_list_model_get_item (list, i);

              if (sb_model_filter_match (filter, model, now))
                matches++;
            }
          times[round] = (g_get_monotonic_time () - start) / 1e6;
        }

      g_print ("keystroke “%s” (tools only): %u matches, %.2f ms (median of %d), "
               "%.0f ns per model\n",
               searches[s], matches, median (times, ROUNDS) * 1e3, ROUNDS,
               median (times, ROUNDS) * 1e9 / n_models);
    }

  return 0;
}
