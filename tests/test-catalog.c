/* test-catalog.c
 *
 * Tests for the model catalogue: the /models mapper, parsing whole bodies, filters, sorting,
 * suggestions, the disk cache and the bundled snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sb-catalog.h"
#include "sb-catalog-cache.h"
#include "sb-catalog-private.h"
#include "sb-model-filter.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestEnv  env;
  char      *cache_home;
  SbCatalog *catalog;   /* loaded with models-data.json */
} Fixture;

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "catalog", name, NULL);
  char *text = sb_test_read (path);

  return g_bytes_new_take (text, strlen (text));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) body = read_fixture ("models-data.json");
  g_autoptr(GError) error = NULL;

  sb_test_env_setup (&fixture->env, data);
  fixture->cache_home = g_build_filename (fixture->env.root, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", fixture->cache_home, TRUE);

  fixture->catalog = sb_catalog_new ();
  sb_catalog_load_bytes (fixture->catalog, body, SB_CATALOG_SOURCE_NETWORK, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->catalog);
  g_clear_pointer (&fixture->cache_home, g_free);
  sb_test_env_teardown (&fixture->env, data);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

static SbModel *
lookup (Fixture    *fixture,
        const char *id)
{
  SbModel *model = sb_catalog_lookup (fixture->catalog, id);

  g_assert_nonnull (model);
  return model;
}

static void
assert_price (double actual,
              double expected)
{
  g_assert_cmpfloat_with_epsilon (actual, expected, 1e-9);
}

static void
test_mapper_full (Fixture       *fixture,
                  gconstpointer  data)
{
  SbModel *model = lookup (fixture, "anthropic/claude-sonnet-4.5");
  const char * const *input = sb_model_get_input_modalities (model);

  g_assert_cmpstr (sb_model_get_name (model), ==, "Anthropic: Claude Sonnet 4.5");
  g_assert_cmpstr (sb_model_get_provider (model), ==, "anthropic");
  g_assert_cmpint (sb_model_get_created (model), ==, 1759161676);
  g_assert_cmpint (sb_model_get_context_length (model), ==, 1000000);
  g_assert_cmpint (sb_model_get_max_completion_tokens (model), ==, 64000);
  assert_price (sb_model_get_prompt_price (model), 3);
  assert_price (sb_model_get_completion_price (model), 15);
  g_assert_true (sb_model_has_price (model));
  g_assert_nonnull (input);
  g_assert_cmpuint (g_strv_length ((char **) input), ==, 3);
  g_assert_true (g_strv_contains (input, "file"));
  g_assert_true (g_strv_contains (sb_model_get_output_modalities (model), "text"));
  g_assert_true (sb_model_get_supports_tools (model));
  g_assert_true (sb_model_get_supports_reasoning (model));
  g_assert_false (sb_model_get_is_free (model));
  g_assert_null (sb_model_get_expiration_date (model));
  g_assert_false (sb_model_is_expired (model, NULL));
}

static void
test_mapper_prices (Fixture       *fixture,
                    gconstpointer  data)
{
  SbModel *model;

  /* "0.0000003" per token is exactly 0.3 per million, not 0.29999… */
  model = lookup (fixture, "meta-llama/llama-3-70b-instruct");
  g_assert_true (sb_model_get_prompt_price (model) == 0.3);
  g_assert_true (sb_model_get_completion_price (model) == 0.4);

  model = lookup (fixture, "qwen/qwen3-coder");
  g_assert_true (sb_model_get_prompt_price (model) == 0.22);
  g_assert_true (sb_model_get_completion_price (model) == 0.95);
  g_assert_false (sb_model_get_is_free (model));

  /* "-1" is unknown, never free */
  model = lookup (fixture, "openrouter/auto");
  g_assert_cmpfloat (sb_model_get_prompt_price (model), <, 0);
  g_assert_cmpfloat (sb_model_get_completion_price (model), <, 0);
  g_assert_false (sb_model_has_price (model));
  g_assert_false (sb_model_get_is_free (model));

  /* A missing price is unknown too, even when the other one is known */
  model = lookup (fixture, "z-ai/glm-4.6");
  g_assert_cmpfloat (sb_model_get_prompt_price (model), <, 0);
  assert_price (sb_model_get_completion_price (model), 1.9);
  g_assert_false (sb_model_get_is_free (model));

  /* Numbers instead of strings are accepted */
  model = lookup (fixture, "~anthropic/claude-sonnet-latest");
  assert_price (sb_model_get_prompt_price (model), 3);
  assert_price (sb_model_get_completion_price (model), 15);
  g_assert_cmpstr (sb_model_get_provider (model), ==, "anthropic");

  /* Both prices zero, or the :free suffix */
  model = lookup (fixture, "qwen/qwen3-coder:free");
  g_assert_true (sb_model_get_is_free (model));
  g_assert_cmpint (sb_model_get_max_completion_tokens (model), ==, 0);
}

static void
test_mapper_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  SbModel *model = lookup (fixture, "mistralai/mistral-small");
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 6, 18, 23, 59, 59);
  g_autoptr(GDateTime) on = g_date_time_new_utc (2026, 6, 19, 0, 0, 0);

  /* null name: the id stands in; wrong types and nulls are unknown */
  g_assert_cmpstr (sb_model_get_name (model), ==, "mistralai/mistral-small");
  g_assert_cmpint (sb_model_get_created (model), ==, 0);
  g_assert_cmpint (sb_model_get_context_length (model), ==, 0);
  g_assert_cmpfloat (sb_model_get_prompt_price (model), <, 0);
  g_assert_null (sb_model_get_input_modalities (model));
  g_assert_false (sb_model_get_supports_tools (model));
  g_assert_false (sb_model_get_supports_reasoning (model));
  g_assert_false (sb_model_get_is_free (model));
  g_assert_null (sb_model_get_expiration_date (model));

  /* include_reasoning alone means reasoning; non-strings in the list are ignored */
  model = lookup (fixture, "z-ai/glm-4.6");
  g_assert_true (sb_model_get_supports_reasoning (model));
  g_assert_false (sb_model_get_supports_tools (model));

  /* The older "modality" string, and the expiration date */
  model = lookup (fixture, "meta-llama/llama-3-70b-instruct");
  g_assert_true (g_strv_contains (sb_model_get_input_modalities (model), "text"));
  g_assert_nonnull (sb_model_get_expiration_date (model));
  g_assert_false (sb_model_is_expired (model, before));
  g_assert_true (sb_model_is_expired (model, on));
}

static void
test_mapper_no_id (void)
{
  const char *entries[] = {
    "{}",
    "{\"id\": null, \"name\": \"x\"}",
    "{\"id\": 7}",
    "{\"id\": \"\"}",
    "{\"id\": [\"a/b\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(JsonNode) node = sb_test_parse (entries[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbModel) model = sb_model_new_from_json (json_node_get_object (node), &error);

      g_assert_null (model);
      g_assert_error (error, SB_MODEL_ERROR, SB_MODEL_ERROR_INVALID);
    }
}

static void
test_parse_data (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (fixture->catalog);
  g_autoptr(SbModel) first = g_list_model_get_item (list, 0);

  /* 8 models; no id (3), not an object, repeated id: 5 skipped */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 8);
  g_assert_cmpuint (sb_catalog_get_n_skipped (fixture->catalog), ==, 5);
  g_assert_true (g_list_model_get_item_type (list) == SB_TYPE_MODEL);
  g_assert_cmpstr (sb_model_get_id (first), ==, "anthropic/claude-sonnet-4.5");
  g_assert_null (g_list_model_get_item (list, 8));

  /* The first of two entries with the same id is kept */
  g_assert_cmpstr (sb_model_get_name (lookup (fixture, "qwen/qwen3-coder")), ==,
                   "Qwen: Qwen3 Coder 480B A35B");
  g_assert_null (sb_catalog_lookup (fixture->catalog, "qwen/qwen3-coder:fre"));
}

static void
count_items_changed (GListModel *list,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 8);
  g_assert_cmpuint (added, ==, 2);
  (*calls)++;
}

static void
test_parse_array (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) body = read_fixture ("models-array.json");
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  g_signal_connect (fixture->catalog, "items-changed", G_CALLBACK (count_items_changed), &calls);
  sb_catalog_load_bytes (fixture->catalog, body, SB_CATALOG_SOURCE_CACHE, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->catalog)), ==, 2);
  g_assert_cmpint (sb_catalog_get_source (fixture->catalog), ==, SB_CATALOG_SOURCE_CACHE);
  g_assert_nonnull (sb_catalog_lookup (fixture->catalog, "google/gemini-2.5-flash"));
  g_assert_null (sb_catalog_lookup (fixture->catalog, "qwen/qwen3-coder"));
}

static void
test_parse_malformed (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *bodies[] = {
    "",
    "{",
    "[{\"id\": \"a/b\"},",
    "null",
    "42",
    "\"data\"",
    "[]",
    "{\"data\": []}",
    "{\"data\": {\"id\": \"a/b\"}}",
    "{\"models\": [{\"id\": \"a/b\"}]}",
    "[{\"name\": \"no id\"}, 3]",
    "<html><body>Bad gateway</body></html>",
  };
  g_autoptr(GDateTime) fetched = g_date_time_new_now_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(GError) error = NULL;

      g_test_message ("body: %s", bodies[i]);
      g_assert_false (sb_catalog_load_bytes (fixture->catalog, body, SB_CATALOG_SOURCE_CACHE,
                                             fetched, &error));
      g_assert_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID);

      /* The previous list stays, with where it came from */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->catalog)), ==, 8);
      g_assert_cmpint (sb_catalog_get_source (fixture->catalog), ==, SB_CATALOG_SOURCE_NETWORK);
      g_assert_null (sb_catalog_get_fetched (fixture->catalog));
      g_assert_nonnull (sb_catalog_lookup (fixture->catalog, "qwen/qwen3-coder"));
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The ids that @filter lets through, sorted, joined by spaces. */
static char *
matching (Fixture       *fixture,
          SbModelFilter *filter,
          GDateTime     *now)
{
  GListModel *list = G_LIST_MODEL (fixture->catalog);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SbModel) model = g_list_model_get_item (list, i);

      if (sb_model_filter_match (filter, model, now))
        g_ptr_array_add (ids, (gpointer) sb_model_get_id (model));
    }

  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

#define ASSERT_MATCHING(fixture, filter, now, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = matching (fixture, filter, now); \
    g_assert_cmpstr (ids_, ==, expected); \
  } G_STMT_END

static void
test_filter_search (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SbModelFilter) filter = sb_model_filter_new ();

  ASSERT_MATCHING (fixture, filter, NULL,
                   "anthropic/claude-sonnet-4.5 meta-llama/llama-3-70b-instruct "
                   "mistralai/mistral-small openrouter/auto qwen/qwen3-coder "
                   "qwen/qwen3-coder:free z-ai/glm-4.6 ~anthropic/claude-sonnet-latest");

  /* Any case; every word must match the id or the name */
  sb_model_filter_set_search (filter, "  QWEN   free ");
  ASSERT_MATCHING (fixture, filter, NULL, "qwen/qwen3-coder:free");

  /* "480B" is only in the names */
  sb_model_filter_set_search (filter, "480b coder");
  ASSERT_MATCHING (fixture, filter, NULL, "qwen/qwen3-coder qwen/qwen3-coder:free");

  sb_model_filter_set_search (filter, "sonnet latest");
  ASSERT_MATCHING (fixture, filter, NULL, "~anthropic/claude-sonnet-latest");

  sb_model_filter_set_search (filter, "sonnet gpt");
  ASSERT_MATCHING (fixture, filter, NULL, "");

  sb_model_filter_set_search (filter, "   ");
  g_assert_cmpstr (sb_model_filter_get_search (filter), ==, "   ");
  ASSERT_MATCHING (fixture, filter, NULL,
                   "anthropic/claude-sonnet-4.5 meta-llama/llama-3-70b-instruct "
                   "mistralai/mistral-small openrouter/auto qwen/qwen3-coder "
                   "qwen/qwen3-coder:free z-ai/glm-4.6 ~anthropic/claude-sonnet-latest");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *calls)
{
  (*calls)++;
}

static void
test_filter_criteria (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SbModelFilter) filter = sb_model_filter_new ();
  g_autoptr(GDateTime) june = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  g_autoptr(GDateTime) july = g_date_time_new_utc (2026, 7, 1, 12, 0, 0);
  guint notified = 0;

  g_signal_connect (filter, "notify", G_CALLBACK (count_notify), &notified);

  sb_model_filter_set_tools_only (filter, TRUE);
  sb_model_filter_set_tools_only (filter, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  ASSERT_MATCHING (fixture, filter, NULL,
                   "anthropic/claude-sonnet-4.5 openrouter/auto qwen/qwen3-coder "
                   "qwen/qwen3-coder:free ~anthropic/claude-sonnet-latest");
  sb_model_filter_set_tools_only (filter, FALSE);

  sb_model_filter_set_free_only (filter, TRUE);
  ASSERT_MATCHING (fixture, filter, NULL, "qwen/qwen3-coder:free");
  sb_model_filter_set_free_only (filter, FALSE);

  /* Unknown prices are never under a limit */
  sb_model_filter_set_max_price (filter, 0.3);
  ASSERT_MATCHING (fixture, filter, NULL,
                   "meta-llama/llama-3-70b-instruct qwen/qwen3-coder qwen/qwen3-coder:free");
  sb_model_filter_set_max_price (filter, 0);
  ASSERT_MATCHING (fixture, filter, NULL, "qwen/qwen3-coder:free");
  sb_model_filter_set_max_price (filter, -5);
  g_assert_cmpfloat (sb_model_filter_get_max_price (filter), ==, -1);

  sb_model_filter_set_min_context (filter, 262144);
  ASSERT_MATCHING (fixture, filter, NULL,
                   "anthropic/claude-sonnet-4.5 openrouter/auto qwen/qwen3-coder "
                   "~anthropic/claude-sonnet-latest");
  sb_model_filter_set_min_context (filter, 0);

  sb_model_filter_set_provider (filter, "anthropic");
  ASSERT_MATCHING (fixture, filter, NULL,
                   "anthropic/claude-sonnet-4.5 ~anthropic/claude-sonnet-latest");
  sb_model_filter_set_provider (filter, "");
  g_assert_null (sb_model_filter_get_provider (filter));

  sb_model_filter_set_hide_expired (filter, TRUE);
  sb_model_filter_set_search (filter, "llama");
  ASSERT_MATCHING (fixture, filter, june, "meta-llama/llama-3-70b-instruct");
  ASSERT_MATCHING (fixture, filter, july, "");

  /* Everything at once */
  sb_model_filter_set_search (filter, "qwen");
  sb_model_filter_set_tools_only (filter, TRUE);
  sb_model_filter_set_max_price (filter, 1);
  sb_model_filter_set_min_context (filter, 100000);
  sb_model_filter_set_provider (filter, "qwen");
  ASSERT_MATCHING (fixture, filter, july, "qwen/qwen3-coder qwen/qwen3-coder:free");
  sb_model_filter_set_free_only (filter, TRUE);
  ASSERT_MATCHING (fixture, filter, july, "qwen/qwen3-coder:free");
}

static SbModelSort sort_order;

static int
compare_models (gconstpointer a,
                gconstpointer b)
{
  return sb_model_compare (*(SbModel **) a, *(SbModel **) b, sort_order);
}

static char *
sorted (Fixture     *fixture,
        SbModelSort  sort)
{
  GListModel *list = G_LIST_MODEL (fixture->catalog);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (models, g_list_model_get_item (list, i));

  sort_order = sort;
  g_ptr_array_sort (models, compare_models);
  for (guint i = 0; i < models->len; i++)
    g_ptr_array_add (ids, (gpointer) sb_model_get_id (g_ptr_array_index (models, i)));
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *by_name = sorted (fixture, SB_MODEL_SORT_NAME);
  g_autofree char *by_price = sorted (fixture, SB_MODEL_SORT_PRICE);
  g_autofree char *by_context = sorted (fixture, SB_MODEL_SORT_CONTEXT);
  g_autofree char *by_newest = sorted (fixture, SB_MODEL_SORT_NEWEST);
  SbModel *a = lookup (fixture, "qwen/qwen3-coder");

  /* Names, case-insensitively; a model without a name goes by its id */
  g_assert_cmpstr (by_name, ==,
                   "~anthropic/claude-sonnet-latest anthropic/claude-sonnet-4.5 "
                   "openrouter/auto meta-llama/llama-3-70b-instruct mistralai/mistral-small "
                   "qwen/qwen3-coder qwen/qwen3-coder:free z-ai/glm-4.6");

  /* Cheapest prompt first, then cheapest completion; unknown prices last */
  g_assert_cmpstr (by_price, ==,
                   "qwen/qwen3-coder:free qwen/qwen3-coder meta-llama/llama-3-70b-instruct "
                   "~anthropic/claude-sonnet-latest anthropic/claude-sonnet-4.5 "
                   "z-ai/glm-4.6 openrouter/auto mistralai/mistral-small");

  /* Longest first; equal lengths by name */
  g_assert_cmpstr (by_context, ==,
                   "openrouter/auto ~anthropic/claude-sonnet-latest "
                   "anthropic/claude-sonnet-4.5 qwen/qwen3-coder qwen/qwen3-coder:free "
                   "z-ai/glm-4.6 meta-llama/llama-3-70b-instruct mistralai/mistral-small");

  /* Newest first; unknown dates last */
  g_assert_cmpstr (by_newest, ==,
                   "z-ai/glm-4.6 ~anthropic/claude-sonnet-latest anthropic/claude-sonnet-4.5 "
                   "qwen/qwen3-coder qwen/qwen3-coder:free meta-llama/llama-3-70b-instruct "
                   "openrouter/auto mistralai/mistral-small");

  g_assert_cmpint (sb_model_compare (a, a, SB_MODEL_SORT_PRICE), ==, 0);
}

static void
test_suggest (Fixture       *fixture,
              gconstpointer  data)
{
  const struct { const char *id; const char *suggestion; } cases[] = {
    { "qwen/qwen3-coder:fre", "qwen/qwen3-coder:free" },
    { "qwen/qwen3-coder:freee", "qwen/qwen3-coder:free" },
    { "Qwen/Qwen3-Coder", "qwen/qwen3-coder" },
    { "anthropic/claude-sonet-4.5", "anthropic/claude-sonnet-4.5" },
    { "z-ai/glm-4.5", "z-ai/glm-4.6" },
    { "qwen/qwen3-coder", NULL },         /* known */
    { "openai/gpt-5", NULL },             /* nothing close */
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *suggestion = sb_catalog_suggest (fixture->catalog, cases[i].id);

      g_test_message ("id: %s", cases[i].id);
      g_assert_cmpstr (suggestion, ==, cases[i].suggestion);
    }
}

static void
test_describe (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) body = read_fixture ("models-array.json");
  g_autoptr(GDateTime) fetched = g_date_time_new_utc (2026, 6, 16, 10, 0, 0);
  const struct { int seconds; const char *text; } cases[] = {
    { 20, "updated just now" },
    { 60, "updated 1 min ago" },
    { 5 * 60 + 30, "updated 5 min ago" },
    { 3600, "updated 1 hour ago" },
    { 3 * 3600 + 59 * 60, "updated 3 hours ago" },
    { 3 * 86400, "updated 3 days ago" },
    { -3600, "updated just now" },
  };

  sb_catalog_load_bytes (fixture->catalog, body, SB_CATALOG_SOURCE_NETWORK, fetched, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_seconds (fetched, cases[i].seconds);
      g_autofree char *text = sb_catalog_describe_source (fixture->catalog, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autoptr(GDateTime) soon = g_date_time_add_hours (fetched, 5);
    g_autoptr(GDateTime) later = g_date_time_add_hours (fetched, 6);

    g_assert_false (sb_catalog_is_stale (fixture->catalog, soon));
    g_assert_true (sb_catalog_is_stale (fixture->catalog, later));
  }

  sb_catalog_load_bytes (fixture->catalog, body, SB_CATALOG_SOURCE_CACHE, NULL, NULL);
  {
    g_autofree char *text = sb_catalog_describe_source (fixture->catalog, NULL);

    g_assert_cmpstr (text, ==, "cached list of unknown age");
    g_assert_true (sb_catalog_is_stale (fixture->catalog, NULL));
  }
}

static void
test_cache_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) body = read_fixture ("models-array.json");
  g_autoptr(GDateTime) fetched = g_date_time_new_from_unix_utc (1781600000);
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (1781700000);
  g_autoptr(SbCatalogCache) cache = NULL;
  g_autoptr(SbCatalogCache) read = NULL;
  g_autoptr(SbCatalogCache) touched = NULL;
  g_autoptr(SbCatalogCache) untouched = NULL;
  g_autoptr(SbCatalogCache) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sb_catalog_cache_get_dir ();
  g_autofree char *expected_dir = g_build_filename (fixture->cache_home, "signalbox", NULL);
  g_autofree char *path = g_build_filename (dir, "models.json", NULL);
  g_autofree char *meta = g_build_filename (dir, "models-meta.json", NULL);
  GStatBuf st;
  mode_t mask;

  g_assert_cmpstr (dir, ==, expected_dir);

  missing = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_null (missing);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  cache = sb_catalog_cache_new (body, "W/\"abc\"", "Tue, 16 Jun 2026 10:00:00 GMT", fetched);
  sb_catalog_cache_write (cache, &error);
  g_assert_no_error (error);

  /* Readable by all, as far as the umask lets it be */
  mask = umask (0);
  umask (mask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644 & ~mask);

  read = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read->body, body));
  g_assert_cmpstr (read->etag, ==, "W/\"abc\"");
  g_assert_cmpstr (read->last_modified, ==, "Tue, 16 Jun 2026 10:00:00 GMT");
  g_assert_true (g_date_time_equal (read->fetched, fetched));

  /* Too large */
  g_assert_null (sb_catalog_cache_read (10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* A 304 for another ETag than the one on disk changes nothing */
  sb_catalog_cache_touch ("\"other\"", NULL, later, &error);
  g_assert_no_error (error);
  untouched = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_true (g_date_time_equal (untouched->fetched, fetched));

  sb_catalog_cache_touch ("W/\"abc\"", NULL, later, &error);
  g_assert_no_error (error);
  touched = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_true (g_date_time_equal (touched->fetched, later));
  g_assert_cmpstr (touched->last_modified, ==, "Tue, 16 Jun 2026 10:00:00 GMT");

  /* A body changed behind the sidecar's back loses its validators and its age */
  sb_test_write (path, "[{\"id\": \"a/b\"}]");
  g_clear_pointer (&read, sb_catalog_cache_free);
  read = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_no_error (error);
  g_assert_null (read->etag);
  g_assert_null (read->fetched);

  /* A damaged sidecar too */
  sb_test_write (meta, "{\"sha256\": ");
  g_clear_pointer (&read, sb_catalog_cache_free);
  read = sb_catalog_cache_read (SB_CATALOG_MAX_BODY, &error);
  g_assert_no_error (error);
  g_assert_null (read->etag);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  sb_catalog_load_finish (SB_CATALOG (object), result, error);
}

static void
load (SbCatalog  *catalog,
      GError    **error)
{
  sb_catalog_load_async (catalog, NULL, load_cb, error);
  /* load_cb sets *error or leaves it NULL; the source notification marks the end */
  while (sb_catalog_get_source (catalog) == SB_CATALOG_SOURCE_NONE && *error == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_load_bundled_and_cache (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbCatalog) cached = sb_catalog_new ();
  g_autoptr(SbCatalog) damaged = sb_catalog_new ();
  g_autoptr(GBytes) body = read_fixture ("models-array.json");
  g_autoptr(GDateTime) fetched = g_date_time_new_now_utc ();
  g_autoptr(SbCatalogCache) cache = sb_catalog_cache_new (body, "\"v1\"", NULL, fetched);
  g_autoptr(GError) error = NULL;
  g_autofree char *describe = NULL;
  g_autofree char *path = NULL;
  SbModel *model;

  /* No cache: the snapshot compiled into the program */
  load (catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_catalog_get_source (catalog), ==, SB_CATALOG_SOURCE_BUNDLED);
  g_assert_cmpstr (sb_catalog_get_snapshot_date (catalog), ==, "2026-06-16");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 300);
  g_assert_cmpuint (sb_catalog_get_n_skipped (catalog), ==, 0);
  g_assert_null (sb_catalog_get_fetched (catalog));
  describe = sb_catalog_describe_source (catalog, NULL);
  g_assert_cmpstr (describe, ==, "offline — bundled list of 2026-06");
  model = sb_catalog_lookup (catalog, "z-ai/glm-5.2");
  g_assert_nonnull (model);
  g_assert_true (sb_model_get_supports_tools (model));
  g_assert_true (sb_model_get_prompt_price (model) == 1.4);

  /* A cache beats the snapshot */
  sb_catalog_cache_write (cache, &error);
  g_assert_no_error (error);
  load (cached, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_catalog_get_source (cached), ==, SB_CATALOG_SOURCE_CACHE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cached)), ==, 2);
  g_assert_cmpint (g_date_time_to_unix (sb_catalog_get_fetched (cached)), ==,
                   g_date_time_to_unix (fetched));
  g_assert_false (sb_catalog_is_stale (cached, NULL));
  g_assert_null (sb_catalog_get_snapshot_date (cached));

  /* A cache that does not parse does not */
  path = g_build_filename (fixture->cache_home, "signalbox", "models.json", NULL);
  sb_test_write (path, "{\"data\": [");
  load (damaged, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_catalog_get_source (damaged), ==, SB_CATALOG_SOURCE_BUNDLED);
}

/* Everything a model says, as one line. */
static char *
describe_model (SbModel *model)
{
  const char * const *in = sb_model_get_input_modalities (model);
  const char * const *out = sb_model_get_output_modalities (model);
  g_autofree char *inputs = in != NULL ? g_strjoinv ("+", (char **) in) : g_strdup ("-");
  g_autofree char *outputs = out != NULL ? g_strjoinv ("+", (char **) out) : g_strdup ("-");
  GDateTime *expires = sb_model_get_expiration_date (model);

  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                          "|%.9g|%.9g|%d|%s|%s|%d|%d|%d|%" G_GINT64_FORMAT "|%s",
                          sb_model_get_id (model), sb_model_get_name (model),
                          sb_model_get_provider (model), sb_model_get_created (model),
                          sb_model_get_context_length (model),
                          sb_model_get_max_completion_tokens (model),
                          sb_model_get_prompt_price (model),
                          sb_model_get_completion_price (model), sb_model_has_price (model),
                          inputs, outputs, sb_model_get_supports_tools (model),
                          sb_model_get_supports_reasoning (model), sb_model_get_is_free (model),
                          expires != NULL ? g_date_time_to_unix (expires) : -1,
                          sb_model_get_haystack (model));
}

/* The whole list as text, or the error. */
static char *
describe_parse (GBytes *body)
{
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = NULL;
  guint skipped = 0;

  models = sb_catalog_parse (body, &skipped, &date, &error);
  if (models == NULL)
    return g_strdup_printf ("error %d", error->code);

  g_string_append_printf (text, "%u skipped, date %s\n", skipped, date ? date : "-");
  for (guint i = 0; i < models->len; i++)
    {
      g_autofree char *line = describe_model (g_ptr_array_index (models, i));
      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The fast scanner and json-glib's parser give the same list, model for model. */
static void
test_parse_fast_path (void)
{
  const char *bodies[] = {
    "[{\"id\": \"a/b\", \"name\": \"caf\\u00e9 \\ud83d\\ude80 \\\"q\\\" \\\\ \\/ \\n\\t\","
    " \"created\": 1.5e9, \"context_length\": 131072.0, \"description\": \"skipped \\u2014\","
    " \"pricing\": {\"prompt\": \"0.0000003\", \"completion\": 0.0000015, \"x\": [1, {}]},"
    " \"architecture\": {\"modality\": \"text+image->text\"},"
    " \"supported_parameters\": [\"tools\", 3, null, \"reasoning\"],"
    " \"expiration_date\": \"2026-06-29\", \"top_provider\": {\"max_completion_tokens\": 8192,"
    " \"context_length\": 65536}},"
    " {\"id\": \"a/b\"}, 7, [], {\"id\": \"\"}, {\"id\": \"c/d\", \"id\": \"c/e\","
    " \"created\": -0, \"context_length\": -5, \"expiration_date\": 1790000000,"
    " \"architecture\": {\"input_modalities\": [\"text\", 1], \"output_modalities\": []},"
    " \"pricing\": {\"prompt\": \"-1\", \"completion\": \"0\"}, \"per_request_limits\": null,"
    " \"top_provider\": null, \"name\": null}]",
    "{\"snapshot_date\": \"2026-01-02\", \"other\": {\"deep\": [[[{}]]]},"
    " \"data\": [{\"id\": \"x/y\", \"name\": \"\", \"created\": 1e400}]}",
    "  {\"data\": [{\"id\": \"~anthropic/claude-sonnet-latest\"}], \"snapshot_date\": 3}  \n",
    /* Repeated members: the last one counts, whole, even when it is not an object or list;
     * names with escapes are the same names. */
    "{\"snapshot_date\": \"2026-01-02\", \"snapshot_date\": null, \"d\\u0061ta\": ["
    " {\"id\": \"a/b\", \"pricing\": {\"prompt\": \"0.000001\", \"completion\": 2},"
    " \"pricing\": {\"completion\": \"0.000002\", \"completion\": 3e-6},"
    " \"architecture\": {\"input_modalities\": [\"text\"], \"modality\": \"text->image\","
    " \"output_modalities\": [\"audio\"], \"output_modalities\": null},"
    " \"supported_parameters\": [\"tools\", \"reasoning\"],"
    " \"supported_parameters\": [\"t\\u006fols\"],"
    " \"top_provider\": {\"context_length\": 5}, \"top_provider\": [],"
    " \"n\\u0061me\": \"N\\u00c4ME \\ud83d\\ude80\", \"created\": \"1\", \"created\": 12},"
    " {\"\\u0069d\": \"c/d\", \"architecture\": {\"input_modalities\": [\"x\", \"y\"]},"
    " \"architecture\": {\"modality\": \"a+b->c\"}, \"supported_parameters\": [\"tools\"],"
    " \"supported_parameters\": 1, \"expiration_date\": \"2026-06-29T12:00:00Z\"}]}",
  };
  const char *fixtures[] = { "models-data.json", "models-array.json" };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    g_ptr_array_add (all, g_bytes_new_static (bodies[i], strlen (bodies[i])));
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    g_ptr_array_add (all, read_fixture (fixtures[i]));
  snapshot = g_resources_lookup_data (SB_CATALOG_SNAPSHOT_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_ptr_array_add (all, g_bytes_ref (snapshot));

  for (guint i = 0; i < all->len; i++)
    {
      GBytes *body = g_ptr_array_index (all, i);
      gsize size;
      const char *data = g_bytes_get_data (body, &size);
      SbCatalogParsed *scanned = sb_catalog_scan (data, size);
      g_autofree char *fast = NULL;
      g_autofree char *slow = NULL;

      g_test_message ("body %u", i);
      /* The scanner takes these itself (no quiet fall-back)... */
      if (i != 1)
        g_assert_nonnull (scanned);
      g_clear_pointer (&scanned, sb_catalog_parsed_free);

      fast = describe_parse (body);
      g_setenv ("SIGNALBOX_CATALOG_JSON_GLIB", "1", TRUE);
      slow = describe_parse (body);
      g_unsetenv ("SIGNALBOX_CATALOG_JSON_GLIB");

      /* ...and finds what json-glib finds. */
      g_assert_cmpstr (fast, ==, slow);
    }

  /* What the scanner leaves to json-glib still fails as before, or parses as before. */
  {
    const char *odd[] = { "{\"data\": [], \"data\": [{\"id\": \"a/b\"}]}",
                          "[{\"id\": \"a\\u0000b\"}]",
                          "[{\"id\": \"a/b\"}", "[{\"id\": \"a/b\",}]", "[{\"id\": 'a'}]" };

    for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
      {
        g_autoptr(GBytes) body = g_bytes_new_static (odd[i], strlen (odd[i]));
        g_autofree char *fast = describe_parse (body);
        g_autofree char *slow = NULL;

        g_assert_null (sb_catalog_scan (odd[i], strlen (odd[i])));
        g_setenv ("SIGNALBOX_CATALOG_JSON_GLIB", "1", TRUE);
        slow = describe_parse (body);
        g_unsetenv ("SIGNALBOX_CATALOG_JSON_GLIB");
        g_assert_cmpstr (fast, ==, slow);
      }
  }
}

/* The window's text first, then the text of the terminal's table for the same values.
 * A context is a whole number of tokens, which a double holds exactly. */
static const struct
{
  gboolean       is_price;
  double         value;
  SbModelFormat  format;
  const char    *text;
} format_cases[] = {
  { TRUE, -1, SB_MODEL_FORMAT_LABEL, "unknown" },
  { TRUE, 0, SB_MODEL_FORMAT_LABEL, "$0" },
  { TRUE, 0.0075, SB_MODEL_FORMAT_LABEL, "$0.0075" },
  { TRUE, 0.028, SB_MODEL_FORMAT_LABEL, "$0.03" },
  { TRUE, 3, SB_MODEL_FORMAT_LABEL, "$3.00" },
  { TRUE, 15, SB_MODEL_FORMAT_LABEL, "$15.00" },
  { TRUE, 150, SB_MODEL_FORMAT_LABEL, "$150" },
  { TRUE, -1, SB_MODEL_FORMAT_COLUMN, "?" },
  { TRUE, 0, SB_MODEL_FORMAT_COLUMN, "0" },
  { TRUE, 0.0075, SB_MODEL_FORMAT_COLUMN, "0.0075" },
  { TRUE, 0.028, SB_MODEL_FORMAT_COLUMN, "0.03" },
  { TRUE, 3, SB_MODEL_FORMAT_COLUMN, "3.00" },
  { TRUE, 15, SB_MODEL_FORMAT_COLUMN, "15.00" },
  { TRUE, 150, SB_MODEL_FORMAT_COLUMN, "150.00" },
  { FALSE, 0, SB_MODEL_FORMAT_LABEL, "—" },
  { FALSE, -1, SB_MODEL_FORMAT_LABEL, "—" },
  { FALSE, 512, SB_MODEL_FORMAT_LABEL, "512" },
  { FALSE, 32768, SB_MODEL_FORMAT_LABEL, "32K" },
  { FALSE, 262144, SB_MODEL_FORMAT_LABEL, "262K" },
  { FALSE, 1000000, SB_MODEL_FORMAT_LABEL, "1M" },
  { FALSE, 1048576, SB_MODEL_FORMAT_LABEL, "1.05M" },
  { FALSE, 2000000, SB_MODEL_FORMAT_LABEL, "2M" },
  { FALSE, 0, SB_MODEL_FORMAT_COLUMN, "?" },
  { FALSE, -1, SB_MODEL_FORMAT_COLUMN, "?" },
  { FALSE, 512, SB_MODEL_FORMAT_COLUMN, "512" },
  { FALSE, 262144, SB_MODEL_FORMAT_COLUMN, "262144" },
  { FALSE, 1048576, SB_MODEL_FORMAT_COLUMN, "1048576" },
};

static void
test_format (gconstpointer data)
{
  const gsize i = GPOINTER_TO_SIZE (data);
  g_autofree char *text = NULL;

  if (format_cases[i].is_price)
    text = sb_model_format_price (format_cases[i].value, format_cases[i].format);
  else
    text = sb_model_format_context ((gint64) format_cases[i].value, format_cases[i].format);

  g_assert_cmpstr (text, ==, format_cases[i].text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *path = NULL;

      path = g_strdup_printf ("/signalbox/catalog/format/%s/%" G_GSIZE_FORMAT,
                              format_cases[i].is_price ? "price" : "context", i);
      g_test_add_data_func (path, GSIZE_TO_POINTER (i), test_format);
    }
  ADD_TEST ("/signalbox/catalog/mapper/full", test_mapper_full);
  ADD_TEST ("/signalbox/catalog/mapper/prices", test_mapper_prices);
  ADD_TEST ("/signalbox/catalog/mapper/missing", test_mapper_missing);
  g_test_add_func ("/signalbox/catalog/mapper/no-id", test_mapper_no_id);
  ADD_TEST ("/signalbox/catalog/parse/data", test_parse_data);
  ADD_TEST ("/signalbox/catalog/parse/array", test_parse_array);
  ADD_TEST ("/signalbox/catalog/parse/malformed", test_parse_malformed);
  g_test_add_func ("/signalbox/catalog/parse/fast-path", test_parse_fast_path);
  ADD_TEST ("/signalbox/catalog/filter/search", test_filter_search);
  ADD_TEST ("/signalbox/catalog/filter/criteria", test_filter_criteria);
  ADD_TEST ("/signalbox/catalog/sort", test_sort);
  ADD_TEST ("/signalbox/catalog/suggest", test_suggest);
  ADD_TEST ("/signalbox/catalog/describe", test_describe);
  ADD_TEST ("/signalbox/catalog/cache/round-trip", test_cache_round_trip);
  ADD_TEST ("/signalbox/catalog/load", test_load_bundled_and_cache);

  return g_test_run ();
}
