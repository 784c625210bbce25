/* bench-chooser.c
 *
 * A benchmark, not a test: how long one search keystroke takes in the model chooser's list
 * (SbModelList: GtkFilterListModel over GtkSortListModel over SbCatalog) on about 34,000
 * models, the bundled snapshot 100 times over. It also measures the other order, a sorter
 * over the filter, to show why the chooser filters last. No display is needed. Run it with
 * `meson compile -C _build bench-chooser`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <gtk/gtk.h>

#include "sb-catalog.h"
#include "sb-model-list.h"

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

/* The snapshot's models, each COPIES times with "-vNN" after its id (as bench-catalog). */
static GBytes *
make_body (void)
{
  g_autoptr(GBytes) snapshot = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new ("{\"data\":[");
  JsonArray *data;
  gboolean first = TRUE;

  snapshot = g_resources_lookup_data (SB_CATALOG_SNAPSHOT_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (snapshot, NULL),
                              g_bytes_get_size (snapshot), &error);
  g_assert_no_error (error);

  data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "data");
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

        if (!first)
          g_string_append_c (body, ',');
        g_string_append (body, entry);
        first = FALSE;
      }
  g_string_append (body, "]}");

  return g_string_free_to_bytes (g_steal_pointer (&body));
}

/* The other order, for comparison: sort what the filter lets through. */
typedef struct
{
  SbModelFilter *filter;
  SbModelFilter *applied;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkCustomFilter *custom_filter;
} SortOverFilter;

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  return sb_model_filter_match (user_data, item, NULL);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  return sb_model_compare ((SbModel *) a, (SbModel *) b, SB_MODEL_SORT_NAME);
}

static void
on_notify_cb (SortOverFilter *other,
              GParamSpec     *pspec,
              SbModelFilter  *filter)
{
  /* The same hints the chooser gives: typing more is stricter, deleting is looser. */
  GtkFilterChange change = sb_model_list_compare_filters (other->applied, filter);

  sb_model_filter_set_search (other->applied, sb_model_filter_get_search (filter));
  sb_model_filter_set_tools_only (other->applied, sb_model_filter_get_tools_only (filter));
  gtk_filter_changed (GTK_FILTER (other->custom_filter), change);
}

typedef struct
{
  const char *label;
  const char *search;
  gboolean    tools_only;
} Step;

/* Typing "qwen coder", then deleting back to "qwen", then the tools toggle off and on. */
static const Step steps[] = {
  { "type q", "q", TRUE },
  { "type qw", "qw", TRUE },
  { "type qwe", "qwe", TRUE },
  { "type qwen", "qwen", TRUE },
  { "type qwen c", "qwen c", TRUE },
  { "type qwen coder", "qwen coder", TRUE },
  { "delete to qwen", "qwen", TRUE },
  { "delete all", "", TRUE },
  { "tools off", "", FALSE },
  { "tools on", "", TRUE },
};

static void
run_steps (const char     *title,
           SbModelFilter  *filter,
           GListModel     *shown)
{
  double times[G_N_ELEMENTS (steps)][ROUNDS];

  for (guint round = 0; round < ROUNDS; round++)
    for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
      {
        gint64 start = g_get_monotonic_time ();

        sb_model_filter_set_search (filter, steps[s].search);
        sb_model_filter_set_tools_only (filter, steps[s].tools_only);
        /* The list is up to date when the call returns (not incremental): count it. */
        (void) g_list_model_get_n_items (shown);
        times[s][round] = (g_get_monotonic_time () - start) / 1e3;
      }

  g_print ("%s\n", title);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      sb_model_filter_set_search (filter, steps[s].search);
      sb_model_filter_set_tools_only (filter, steps[s].tools_only);
      g_print ("  %-16s %6u rows  %7.2f ms (median of %d)\n", steps[s].label,
               g_list_model_get_n_items (shown), median (times[s], ROUNDS), ROUNDS);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbModelList) list = NULL;
  g_autoptr(GError) error = NULL;
  SortOverFilter other = { NULL, };
  const char *favourites[] = { "z-ai/glm-4.6-v07", "qwen/qwen3-coder:free-v42", NULL };
  gint64 start;

  setlocale (LC_ALL, "");
  body = make_body ();
  sb_catalog_load_bytes (catalog, body, SB_CATALOG_SOURCE_NETWORK, NULL, &error);
  g_assert_no_error (error);
  g_print ("Catalogue: %u models\n", g_list_model_get_n_items (G_LIST_MODEL (catalog)));

  start = g_get_monotonic_time ();
  list = sb_model_list_new (G_LIST_MODEL (catalog));
  sb_model_filter_set_tools_only (sb_model_list_get_filter (list), TRUE);
  g_print ("SbModelList built, sorted by name, tools only: %u rows in %.1f ms\n",
           g_list_model_get_n_items (sb_model_list_get_model (list)),
           (g_get_monotonic_time () - start) / 1e3);

  start = g_get_monotonic_time ();
  sb_model_list_set_favourites (list, favourites);
  (void) g_list_model_get_n_items (sb_model_list_get_model (list));
  g_print ("Pinning two favourites (a new sort): %.1f ms\n",
           (g_get_monotonic_time () - start) / 1e3);

  start = g_get_monotonic_time ();
  sb_model_list_set_sort (list, SB_MODEL_SORT_PRICE);
  (void) g_list_model_get_n_items (sb_model_list_get_model (list));
  g_print ("Sorting by price instead: %.1f ms\n", (g_get_monotonic_time () - start) / 1e3);
  sb_model_list_set_sort (list, SB_MODEL_SORT_NAME);

  run_steps ("The chooser's list (filter over sort, with stricter/looser hints):",
             sb_model_list_get_filter (list), sb_model_list_get_model (list));

  /* The other order. */
  other.filter = sb_model_filter_new ();
  other.applied = sb_model_filter_new ();
  other.custom_filter = gtk_custom_filter_new (match_cb, other.filter, NULL);
  other.filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (catalog)),
                                              g_object_ref (GTK_FILTER (other.custom_filter)));
  other.sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (other.filtered)),
                                          GTK_SORTER (gtk_custom_sorter_new (compare_cb, NULL,
                                                                             NULL)));
  g_signal_connect_swapped (other.filter, "notify", G_CALLBACK (on_notify_cb), &other);
  run_steps ("For comparison, sort over filter, same hints (what passes is sorted anew):",
             other.filter, G_LIST_MODEL (other.sorted));

  g_object_unref (other.sorted);
  g_object_unref (other.filtered);
  g_object_unref (other.custom_filter);
  g_object_unref (other.filter);
  g_object_unref (other.applied);
  return 0;
}
