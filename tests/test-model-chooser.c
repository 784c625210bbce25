/* test-model-chooser.c
 *
 * Tests for the model chooser under Xvfb, on a small catalogue served by a loopback
 * SoupServer: the rows, search, the tools toggle, favourites, refresh errors, and choosing a
 * model for a folder from the header bar and from a layer's model rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <libsoup/soup.h>

#include "sb-application.h"
#include "sb-folder-row.h"
#include "sb-layer-column.h"
#include "sb-model-chooser.h"
#include "sb-model-list.h"
#include "sb-model-star.h"
#include "sb-model-switcher.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-costs-chart.h"
#include "sb-value-row.h"
#include "sb-window.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, setup, func, teardown)

/* Our own small catalogue: a :free model, one without tools, one whose prices are unknown
 * ("-1"), one that expires. */
static const char models_body[] =
  "{\"data\": ["
  "{\"id\": \"anthropic/claude-sonnet-4.5\", \"name\": \"Anthropic: Claude Sonnet 4.5\","
  " \"created\": 1759161676, \"context_length\": 1000000,"
  " \"pricing\": {\"prompt\": \"0.000003\", \"completion\": \"0.000015\"},"
  " \"supported_parameters\": [\"max_tokens\", \"reasoning\", \"tools\"]},"
  "{\"id\": \"qwen/qwen3-coder:free\", \"name\": \"Qwen: Qwen3 Coder (free)\","
  " \"created\": 1753230546, \"context_length\": 262144,"
  " \"pricing\": {\"prompt\": \"0\", \"completion\": \"0\"},"
  " \"supported_parameters\": [\"tools\", \"tool_choice\"]},"
  "{\"id\": \"z-ai/glm-4.6\", \"name\": \"Z.AI: GLM 4.6\","
  " \"created\": 1759235576, \"context_length\": 202752,"
  " \"pricing\": {\"prompt\": \"0.0000006\", \"completion\": \"0.0000022\"},"
  " \"supported_parameters\": [\"reasoning\", \"tools\"]},"
  "{\"id\": \"mistralai/mistral-7b-instruct\", \"name\": \"Mistral: Mistral 7B Instruct\","
  " \"created\": 1716768000, \"context_length\": 32768,"
  " \"pricing\": {\"prompt\": \"0.000000028\", \"completion\": \"0.000000054\"},"
  " \"supported_parameters\": [\"max_tokens\", \"temperature\"]},"
  "{\"id\": \"openrouter/auto\", \"name\": \"Auto Router\","
  " \"created\": 1699401600, \"context_length\": 2000000,"
  " \"pricing\": {\"prompt\": \"-1\", \"completion\": \"-1\"},"
  " \"supported_parameters\": [\"tools\"]},"
  "{\"id\": \"google/gemini-2.5-flash-preview\", \"name\": \"Google: Gemini 2.5 Flash Preview\","
  " \"created\": 1744914667, \"context_length\": 1048576,"
  " \"pricing\": {\"prompt\": \"0.00000015\", \"completion\": \"0.0000006\"},"
  " \"supported_parameters\": [\"tools\"], \"expiration_date\": \"2099-12-31\"}"
  "]}";

/* Who serves GLM 4.6: one provider at the list price, one far cheaper. */
static const char endpoints_body[] =
  "{\"data\": {\"id\": \"z-ai/glm-4.6\", \"endpoints\": ["
  "{\"name\": \"Full | z-ai/glm-4.6\", \"provider_name\": \"Fullprice\","
  " \"context_length\": 202752, \"max_completion_tokens\": 131072,"
  " \"pricing\": {\"prompt\": \"0.0000006\", \"completion\": \"0.0000022\"},"
  " \"uptime_last_30m\": 99.5},"
  "{\"name\": \"Cheap | z-ai/glm-4.6\", \"provider_name\": \"Cheapo\","
  " \"quantization\": \"fp8\", \"context_length\": 131072,"
  " \"max_completion_tokens\": 32768,"
  " \"pricing\": {\"prompt\": \"0.0000003\", \"completion\": \"0.000001\"},"
  " \"uptime_last_30m\": 97.25, \"latency_last_30m\": {\"p50\": 1.4}}"
  "]}}";

static const char *tool_models_by_name[] = {
  "anthropic/claude-sonnet-4.5",
  "openrouter/auto",
  "google/gemini-2.5-flash-preview",
  "qwen/qwen3-coder:free",
  "z-ai/glm-4.6",
  NULL
};

static SbApplication *app;
static SoupServer *server;
static guint server_status = SOUP_STATUS_OK;
static guint n_requests;

typedef struct
{
  char *user;
  char *project;
  char *local;
} Paths;

static Paths paths;

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  n_requests++;
  if (g_str_equal (path, "/api/v1/models/z-ai/glm-4.6/endpoints"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        endpoints_body, strlen (endpoints_body));
      return;
    }
  if (!g_str_has_suffix (path, "/models"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (message, server_status, NULL);
  if (server_status == SOUP_STATUS_OK)
    soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                      models_body, strlen (models_body));
  else
    soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"error\": {\"code\": 503, \"message\": \"down\"}}",
                                      strlen ("{\"error\": {\"code\": 503, \"message\": "
                                              "\"down\"}}"));
}

static void
setup (SbTestEnv     *env,
       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  sb_test_env_setup (env, data);
  paths.user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  paths.project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  paths.local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);

  g_settings_reset (settings, "folders");
  g_settings_reset (settings, "hidden-folders");
  g_settings_reset (settings, "selected-folder");
  g_settings_reset (settings, "favourites");
  g_settings_reset (settings, "model-layer");
  server_status = SOUP_STATUS_OK;
}

static void
teardown (SbTestEnv     *env,
          gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
    }
  sb_test_iterate (50);

  g_clear_pointer (&paths.user, g_free);
  g_clear_pointer (&paths.project, g_free);
  g_clear_pointer (&paths.local, g_free);
  sb_test_env_teardown (env, data);
}

static void
count (GtkWidget     *widget,
       SbTestMatch    match,
       gconstpointer  data,
       guint         *n)
{
  if (match (widget, data))
    (*n)++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count (child, match, data, n);
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static gboolean
is_mapped_badge (GtkWidget     *widget,
                 gconstpointer  style)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "badge") && gtk_widget_has_css_class (widget, style);
}

static gboolean
is_unknown_price (GtkWidget     *widget,
                  gconstpointer  data)
{
  return is_mapped_label (widget, "unknown") && gtk_widget_has_css_class (widget, "unknown-price");
}

static gboolean
is_star_for (GtkWidget     *widget,
             gconstpointer  id)
{
  return SB_IS_MODEL_STAR (widget) &&
         g_strcmp0 (sb_model_star_get_model_id (SB_MODEL_STAR (widget)), id) == 0;
}

static gboolean
is_layer_column (GtkWidget     *widget,
                 gconstpointer  scope)
{
  return SB_IS_LAYER_COLUMN (widget) &&
         (int) sb_layer_get_scope (sb_layer_column_get_layer (SB_LAYER_COLUMN (widget))) ==
         GPOINTER_TO_INT (scope);
}

/* A setting's row by its readable title. */
static gboolean
is_row_named (GtkWidget     *widget,
              gconstpointer  name)
{
  g_autofree char *title = NULL;

  if (!SB_IS_VALUE_ROW (widget))
    return FALSE;

  title = sb_test_visible_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return g_str_equal (title, name);
}

static GtkWidget *
child_of_type (GtkWidget *parent,
               GType      type)
{
  GtkWidget *found = sb_test_find (parent, sb_test_is_of_type, GSIZE_TO_POINTER (type));

  g_assert_nonnull (found);
  return found;
}

static SbCatalog *
app_catalog (void)
{
  return sb_context_get_catalog (sb_application_get_context (app));
}

/* The chooser the application shows now, if any. */
static SbModelChooser *
find_chooser (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SB_IS_MODEL_CHOOSER (l->data))
      return l->data;

  return NULL;
}

static SbModelChooser *
open_chooser (SbWindow *window)
{
  SbModelChooser *chooser = sb_model_chooser_open (GTK_WIDGET (window),
                                                   sb_application_get_context (app), NULL);

  gtk_window_set_default_size (GTK_WINDOW (chooser), 1000, 700);
  sb_test_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  g_assert_true (find_chooser () == chooser);
  return chooser;
}

/* The ids shown, in order, joined by spaces. */
static char *
shown_ids (SbModelChooser *chooser)
{
  GListModel *shown = sb_model_list_get_model (sb_model_chooser_get_list (chooser));
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(SbModel) model = g_list_model_get_item (shown, i);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, sb_model_get_id (model));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_shown (SbModelChooser *chooser,
              const char     *expected)
{
  g_autofree char *ids = shown_ids (chooser);

  g_assert_cmpstr (ids, ==, expected);
}

/* Types into the search entry as a person does, and waits out its delay. */
static void
type_search (SbModelChooser *chooser,
             const char     *text)
{
  GtkWidget *entry = child_of_type (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY);
  SbModelFilter *filter = sb_model_list_get_filter (sb_model_chooser_get_list (chooser));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits a moment before it searches; on a busy machine, longer. */
  while (g_strcmp0 (sb_model_filter_get_search (filter), text[0] != '\0' ? text : NULL) != 0 &&
         g_get_monotonic_time () < deadline)
    sb_test_iterate (20);
  sb_test_iterate (50);
  g_assert_cmpstr (sb_model_filter_get_search (filter), ==, text[0] != '\0' ? text : NULL);
}

static void
on_chosen_cb (SbModelChooser *chooser,
              const char     *id,
              char          **chosen)
{
  g_free (*chosen);
  *chosen = g_strdup (id);
}

static gboolean
is_dropdown_tooltip (GtkWidget     *widget,
                     gconstpointer  tooltip)
{
  return GTK_IS_DROP_DOWN (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static void
test_chooser_rows (SbTestEnv     *env,
                   gconstpointer  data)
{
  SbWindow *window = sb_test_open_window (app, env->folder);
  SbModelChooser *chooser = open_chooser (window);
  g_autofree char *expected = g_strjoinv (" ", (char **) tool_models_by_name);
  AdwWindowTitle *title;
  guint n = 0;

  /* Tools only, by name: the model without tools is not offered. */
  assert_shown (chooser, expected);
  title = ADW_WINDOW_TITLE (child_of_type (GTK_WIDGET (chooser), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "5 of 6 models");

  /* The list came from our server, and says so. */
  g_assert_cmpint (sb_catalog_get_source (app_catalog ()), ==,
                   SB_CATALOG_SOURCE_NETWORK);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label, "updated just now"));

  /* Unknown prices are "unknown", never free; the free model costs $0. */
  count (GTK_WIDGET (chooser), is_mapped_label, "unknown", &n);
  g_assert_cmpuint (n, ==, 2);
  n = 0;
  count (GTK_WIDGET (chooser), is_unknown_price, NULL, &n);
  g_assert_cmpuint (n, ==, 2);
  n = 0;
  count (GTK_WIDGET (chooser), is_mapped_label, "$0", &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label, "$3.00"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label, "$15.00"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label, "1M"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label, "262K"));

  n = 0;
  count (GTK_WIDGET (chooser), is_mapped_badge, "free", &n);
  g_assert_cmpuint (n, ==, 1);
  n = 0;
  count (GTK_WIDGET (chooser), is_mapped_badge, "tools", &n);
  g_assert_cmpuint (n, ==, 5);
  n = 0;
  count (GTK_WIDGET (chooser), is_mapped_badge, "reasoning", &n);
  g_assert_cmpuint (n, ==, 2);
  n = 0;
  count (GTK_WIDGET (chooser), is_mapped_badge, "expiring", &n);
  g_assert_cmpuint (n, ==, 1);

  /* Sorting by price: the free one first, unknown prices last. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sb_test_find (GTK_WIDGET (chooser),
                                                           is_dropdown_tooltip,
                                                           "Sort By")), 1);
  sb_test_iterate (50);
  assert_shown (chooser, "qwen/qwen3-coder:free google/gemini-2.5-flash-preview "
                         "z-ai/glm-4.6 anthropic/claude-sonnet-4.5 openrouter/auto");
}

static void
test_chooser_search (SbTestEnv     *env,
                     gconstpointer  data)
{
  SbWindow *window = sb_test_open_window (app, env->folder);
  SbModelChooser *chooser = open_chooser (window);
  g_autofree char *chosen = NULL;
  g_autofree char *all = g_strjoinv (" ", (char **) tool_models_by_name);

  type_search (chooser, "glm");
  assert_shown (chooser, "z-ai/glm-4.6");

  /* Every word must match, in id or name, in any case. */
  type_search (chooser, "QWEN free");
  assert_shown (chooser, "qwen/qwen3-coder:free");
  type_search (chooser, "qwen free nothing");
  assert_shown (chooser, "");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label, "No Models Match"));

  type_search (chooser, "");
  assert_shown (chooser, all);

  /* The provider drop-down lists the providers, and filters by one. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sb_test_find (GTK_WIDGET (chooser),
                                                           is_dropdown_tooltip,
                                                           "Provider")), 6);
  sb_test_iterate (50);
  assert_shown (chooser, "z-ai/glm-4.6");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sb_test_find (GTK_WIDGET (chooser),
                                                           is_dropdown_tooltip,
                                                           "Provider")), 0);
  sb_test_iterate (50);

  /* Enter takes the first match. */
  g_signal_connect (chooser, "model-chosen", G_CALLBACK (on_chosen_cb), &chosen);
  type_search (chooser, "glm 4");
  g_signal_emit_by_name (child_of_type (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY),
                         "activate");
  sb_test_iterate (50);
  g_assert_cmpstr (chosen, ==, "z-ai/glm-4.6");
  g_assert_null (find_chooser ());
}

static void
test_chooser_tools_toggle (SbTestEnv     *env,
                           gconstpointer  data)
{
  SbWindow *window = sb_test_open_window (app, env->folder);
  SbModelChooser *chooser = open_chooser (window);
  GtkWidget *tools = sb_test_find (GTK_WIDGET (chooser), sb_test_is_button_labelled, "_Tools");
  GtkWidget *free = sb_test_find (GTK_WIDGET (chooser), sb_test_is_button_labelled, "_Free");
  g_autofree char *with_tools = g_strjoinv (" ", (char **) tool_models_by_name);

  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tools)));
  assert_shown (chooser, with_tools);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tools), FALSE);
  sb_test_iterate (50);
  assert_shown (chooser, "anthropic/claude-sonnet-4.5 openrouter/auto "
                         "google/gemini-2.5-flash-preview mistralai/mistral-7b-instruct "
                         "qwen/qwen3-coder:free z-ai/glm-4.6");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label,
                                  "Mistral: Mistral 7B Instruct"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tools), TRUE);
  sb_test_iterate (50);
  assert_shown (chooser, with_tools);
  g_assert_null (sb_test_find (GTK_WIDGET (chooser), is_mapped_label,
                               "Mistral: Mistral 7B Instruct"));

  /* Free only: never the model whose price is unknown. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (free), TRUE);
  sb_test_iterate (50);
  assert_shown (chooser, "qwen/qwen3-coder:free");
}

static void
test_chooser_favourites (SbTestEnv     *env,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) favourites = NULL;
  SbWindow *window = sb_test_open_window (app, env->folder);
  SbModelChooser *chooser = open_chooser (window);
  GtkWidget *star;

  star = sb_test_find (GTK_WIDGET (chooser), is_star_for, "z-ai/glm-4.6");
  g_assert_nonnull (star);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);
  sb_test_iterate (50);

  favourites = g_settings_get_strv (settings, "favourites");
  g_assert_cmpstrv (favourites, ((const char * const []) { "z-ai/glm-4.6", NULL }));
  assert_shown (chooser, "z-ai/glm-4.6 anthropic/claude-sonnet-4.5 openrouter/auto "
                         "google/gemini-2.5-flash-preview qwen/qwen3-coder:free");

  star = sb_test_find (GTK_WIDGET (chooser), is_star_for, "qwen/qwen3-coder:free");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);
  sb_test_iterate (50);
  g_clear_pointer (&favourites, g_strfreev);
  favourites = g_settings_get_strv (settings, "favourites");
  g_assert_cmpstrv (favourites,
                    ((const char * const []) { "z-ai/glm-4.6", "qwen/qwen3-coder:free", NULL }));
  assert_shown (chooser, "qwen/qwen3-coder:free z-ai/glm-4.6 anthropic/claude-sonnet-4.5 "
                         "openrouter/auto google/gemini-2.5-flash-preview");

  /* A new chooser pins them too, starred. */
  gtk_window_close (GTK_WINDOW (chooser));
  sb_test_iterate (50);
  chooser = open_chooser (window);
  assert_shown (chooser, "qwen/qwen3-coder:free z-ai/glm-4.6 anthropic/claude-sonnet-4.5 "
                         "openrouter/auto google/gemini-2.5-flash-preview");
  star = sb_test_find (GTK_WIDGET (chooser), is_star_for, "z-ai/glm-4.6");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));

  /* Unpinned. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), FALSE);
  sb_test_iterate (50);
  g_clear_pointer (&favourites, g_strfreev);
  favourites = g_settings_get_strv (settings, "favourites");
  g_assert_cmpstrv (favourites, ((const char * const []) { "qwen/qwen3-coder:free", NULL }));
  assert_shown (chooser, "qwen/qwen3-coder:free anthropic/claude-sonnet-4.5 openrouter/auto "
                         "google/gemini-2.5-flash-preview z-ai/glm-4.6");
}

static gboolean
menu_has_label (GMenuModel *menu,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_str_equal (text, label))
        return TRUE;

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_label (section, label))
        return TRUE;
    }

  return FALSE;
}

static void
test_chooser_folder_model (SbTestEnv     *env,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SbWindow *window;
  GtkWidget *switcher;
  SbModelChooser *chooser;
  g_autofree char *text = NULL;
  guint n = 0;

  sb_test_write (paths.local, "{\n  \"permissions\": {\"allow\": []}\n}\n");
  g_settings_set_strv (settings, "favourites",
                       (const char * const []) { "z-ai/glm-4.6", "qwen/qwen3-coder:free",
                                                 NULL });
  window = sb_test_open_window (app, env->folder);
  switcher = child_of_type (GTK_WIDGET (window), SB_TYPE_MODEL_SWITCHER);
  g_assert_true (gtk_widget_get_mapped (switcher));
  g_assert_nonnull (sb_test_find (switcher, is_mapped_label, "Default Model"));
  g_assert_true (menu_has_label (sb_model_switcher_get_menu (SB_MODEL_SWITCHER (switcher)),
                                 "Z.AI: GLM 4.6"));
  g_assert_true (menu_has_label (sb_model_switcher_get_menu (SB_MODEL_SWITCHER (switcher)),
                                 "Qwen: Qwen3 Coder (free)"));

  /* One click on a favourite: the Local layer by default, only the touched bytes: `model`,
   * which leaves /model working, and the window and output cap Claude Code cannot know for
   * an id it does not recognise (no max_completion_tokens in the list: its own 32000). */
  gtk_widget_activate_action (switcher, "switcher.use", "s", "z-ai/glm-4.6");
  sb_test_iterate (100);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==,
                   "{\n  \"permissions\": {\"allow\": []},\n"
                   "  \"model\": \"z-ai/glm-4.6\",\n"
                   "  \"env\": {\n    \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"202752\",\n"
                   "    \"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"32000\"\n  }\n}\n");
  g_assert_nonnull (sb_test_find (switcher, is_mapped_label, "z-ai/glm-4.6"));
  g_assert_false (g_file_test (paths.project, G_FILE_TEST_EXISTS));
  /* The window says so once, with Undo. */
  count (GTK_WIDGET (window), is_mapped_label,
         "Now using z-ai/glm-4.6, set in the Local settings", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), sb_test_is_button_labelled, "_Undo"));

  /* And to the other favourite: its limits replace the first's. */
  gtk_widget_activate_action (switcher, "switcher.use", "s", "qwen/qwen3-coder:free");
  sb_test_iterate (100);
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==,
                   "{\n  \"permissions\": {\"allow\": []},\n"
                   "  \"model\": \"qwen/qwen3-coder:free\",\n"
                   "  \"env\": {\n    \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"262144\",\n"
                   "    \"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"32000\"\n  }\n}\n");

  /* Another model, into the Project layer the person picked, through the chooser. */
  gtk_widget_activate_action (switcher, "switcher.model-layer", "s", "project");
  g_assert_cmpstr (g_settings_get_string (settings, "model-layer"), ==, "project");
  gtk_widget_activate_action (switcher, "switcher.other", NULL);
  sb_test_iterate (200);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  /* It opens on the model in use. */
  g_assert_cmpstr (sb_model_chooser_get_selected (chooser), ==, "qwen/qwen3-coder:free");
  type_search (chooser, "sonnet");
  g_signal_emit_by_name (sb_test_find (GTK_WIDGET (chooser), sb_test_is_button_labelled, "_Use Model"),
                         "clicked");
  sb_test_iterate (100);
  g_assert_null (find_chooser ());
  g_free (text);
  text = sb_test_read (paths.project);
  /* A Claude model: Claude Code knows its limits, so none are written. */
  g_assert_cmpstr (text, ==, "{\n  \"model\": \"anthropic/claude-sonnet-4.5\"\n}\n");
  /* Local still wins over Project. */
  g_assert_nonnull (sb_test_find (switcher, is_mapped_label, "qwen/qwen3-coder:free"));
}

static void
on_use_model_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GVariant **sent = user_data;

  g_assert_null (*sent);
  *sent = g_variant_ref (parameter);
}

/* The switcher alone, in a window that is not Signalbox's: it shows the stack it is given,
 * follows the stack's own changes, and sends a choice up as win.use-model, writing nothing
 * itself. */
static void
test_chooser_switcher_flow (SbTestEnv     *env,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) use = g_simple_action_new ("use-model", G_VARIANT_TYPE ("(sss)"));
  g_autoptr(GVariant) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *folder, *model, *layer;
  GtkWidget *window;
  GtkWidget *switcher;

  sb_test_write (paths.local, "{\"permissions\": {\"allow\": []}}\n");
  g_settings_set_strv (settings, "favourites", (const char * const []) { "z-ai/glm-4.6", NULL });
  stack = sb_layer_stack_new (env->folder);
  g_signal_connect (use, "activate", G_CALLBACK (on_use_model_cb), &sent);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (use));

  window = gtk_window_new ();
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
  switcher = g_object_new (SB_TYPE_MODEL_SWITCHER,
                           "context", sb_application_get_context (app), NULL);
  gtk_window_set_child (GTK_WINDOW (window), switcher);
  /* No folder, no button. */
  g_assert_false (gtk_widget_get_visible (switcher));
  sb_model_switcher_set_stack (SB_MODEL_SWITCHER (switcher), stack);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate (50);
  g_assert_true (gtk_widget_get_mapped (switcher));
  g_assert_nonnull (sb_test_find (switcher, is_mapped_label, "Default Model"));
  g_assert_true (menu_has_label (sb_model_switcher_get_menu (SB_MODEL_SWITCHER (switcher)),
                                 "Z.AI: GLM 4.6"));

  /* The folder's files change without the switcher being told: it follows the stack. */
  g_assert_true (sb_layer_stack_use_model (stack, "qwen/qwen3-coder:free", SB_SCOPE_LOCAL,
                                           &error));
  g_assert_no_error (error);
  g_assert_nonnull (sb_test_find (switcher, is_mapped_label, "qwen/qwen3-coder:free"));

  /* A favourite goes up once, with the folder and the layer the setting names. */
  before = sb_test_read (paths.local);
  g_settings_set_string (settings, "model-layer", "project");
  gtk_widget_activate_action (switcher, "switcher.use", "s", "z-ai/glm-4.6");
  sb_test_iterate (50);
  g_assert_nonnull (sent);
  g_variant_get (sent, "(&s&s&s)", &folder, &model, &layer);
  g_assert_cmpstr (folder, ==, env->folder);
  g_assert_cmpstr (model, ==, "z-ai/glm-4.6");
  g_assert_cmpstr (layer, ==, "project");
  after = sb_test_read (paths.local);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (paths.project, G_FILE_TEST_EXISTS));
  g_assert_nonnull (sb_test_find (switcher, is_mapped_label, "qwen/qwen3-coder:free"));

  sb_model_switcher_set_stack (SB_MODEL_SWITCHER (switcher), NULL);
  g_assert_false (gtk_widget_get_visible (switcher));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "model-layer");
}

static gboolean
is_folder_row (GtkWidget     *widget,
               gconstpointer  folder)
{
  return SB_IS_FOLDER_ROW (widget) &&
         g_strcmp0 (sb_folder_row_get_folder (SB_FOLDER_ROW (widget)), folder) == 0;
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static void
test_chooser_sidebar (SbTestEnv     *env,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *other = g_build_filename (env->home, "src", "other", NULL);
  g_autofree char *other_local = g_build_filename (other, ".claude", "settings.local.json",
                                                   NULL);
  g_autofree char *text = NULL;
  GtkWidget *row;
  GtkWidget *button;
  GMenuModel *menu;
  SbWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (other, 0755), ==, 0);
  sb_test_write (other_local, "{\"permissions\": {\"allow\": [\"Bash(ls)\"]}}");
  g_settings_set_strv (settings, "favourites",
                       (const char * const []) { "z-ai/glm-4.6", "qwen/qwen3-coder:free",
                                                 NULL });
  window = sb_test_open_window (app, other);
  sb_window_open_folder (window, env->folder);
  sb_test_wait_for_rows (window);
  g_assert_cmpstr (sb_window_get_folder (window), ==, env->folder);

  /* A folder not shown: its row's menu offers the favourites, and one click writes. */
  row = sb_test_find (GTK_WIDGET (window), is_folder_row, other);
  g_assert_nonnull (row);
  button = sb_test_find (row, is_menu_button, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Switch the Model of other");
  g_assert_true (gtk_widget_get_mapped (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  sb_test_iterate (100);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_label (menu, "Z.AI: GLM 4.6"));
  g_assert_true (menu_has_label (menu, "Qwen: Qwen3 Coder (free)"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  gtk_widget_activate_action (button, "folder-row.use", "s", "qwen/qwen3-coder:free");
  sb_test_iterate (100);
  text = sb_test_read (other_local);
  /* With the model's limits, in the file's own one-line style. */
  g_assert_cmpstr (text, ==, "{\"permissions\": {\"allow\": [\"Bash(ls)\"]}, "
                             "\"model\": \"qwen/qwen3-coder:free\", \"env\": "
                             "{\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"262144\", "
                             "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"32000\"}}");
  g_assert_nonnull (sb_test_find (row, is_mapped_label, "qwen/qwen3-coder:free"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_mapped_label,
                                  "qwen/qwen3-coder:free now set for other, in the Local settings"));
  /* The shown folder stays as it was. */
  g_assert_cmpstr (sb_window_get_folder (window), ==, env->folder);
  g_assert_false (g_file_test (paths.local, G_FILE_TEST_EXISTS));

  /* The shown folder's row goes through the window, with Undo. */
  row = sb_test_find (GTK_WIDGET (window), is_folder_row, env->folder);
  button = sb_test_find (row, is_menu_button, NULL);
  gtk_widget_activate_action (button, "folder-row.use", "s", "z-ai/glm-4.6");
  sb_test_iterate (100);
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_cmpstr (text, ==,
                   "{\n  \"model\": \"z-ai/glm-4.6\",\n"
                   "  \"env\": {\n    \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"202752\",\n"
                   "    \"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"32000\"\n  }\n}\n");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_mapped_label,
                                  "Now using z-ai/glm-4.6, set in the Local settings"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate (100);
  g_free (text);
  text = sb_test_read (paths.local);
  g_assert_null (strstr (text, "glm"));
}

static void
test_chooser_layer_row (SbTestEnv     *env,
                        gconstpointer  data)
{
  SbWindow *window;
  GtkWidget *column;
  GtkWidget *row;
  GtkWidget *button;
  SbModelChooser *chooser;
  g_autofree char *text = NULL;

  sb_test_write (paths.user, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"}}");
  window = sb_test_open_window (app, env->folder);
  column = sb_test_find (GTK_WIDGET (window), is_layer_column, GINT_TO_POINTER (SB_SCOPE_USER));
  row = sb_test_find (column, is_row_named, "Opus tier");
  g_assert_nonnull (row);
  /* In the row's edit popover. */
  g_assert_nonnull (sb_test_open_editor (row));
  button = sb_test_find (row, sb_test_is_button_labelled, "_Choose Model…");
  g_assert_nonnull (button);
  /* The base URL is not a model. */
  g_assert_nonnull (sb_test_open_editor (sb_test_find (column, is_row_named,
                                                       "Base URL")));
  g_assert_nonnull (sb_test_find (sb_test_find (column, is_row_named, "Base URL"),
                                  sb_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY)));
  g_assert_null (sb_test_find (sb_test_find (column, is_row_named, "Base URL"),
                               sb_test_is_button_labelled, "_Choose Model…"));
  g_assert_nonnull (sb_test_open_editor (sb_test_find (column, is_row_named, "Model (setting)")));
  g_assert_nonnull (sb_test_find (sb_test_find (column, is_row_named, "Model (setting)"),
                                  sb_test_is_button_labelled, "_Choose Model…"));

  /* A model id typed by hand is checked against the list as it is typed. */
  {
    GtkWidget *entry = sb_test_find (row, sb_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY));
    GtkLabel *hint = g_object_get_data (G_OBJECT (entry), "sb-hint");

    g_assert_nonnull (hint);
    gtk_editable_set_text (GTK_EDITABLE (entry), "qwen/qwen3-coder:fre");
    g_assert_cmpstr (gtk_label_get_label (hint), ==,
                     "OpenRouter does not list this model; did you mean "
                     "“qwen/qwen3-coder:free”?");
    gtk_editable_set_text (GTK_EDITABLE (entry), "qwen/qwen3-coder:free");
    g_assert_cmpstr (gtk_label_get_label (hint), ==,
                     "Enter applies; an empty value removes the setting");
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  }

  g_signal_emit_by_name (button, "clicked");
  sb_test_iterate (200);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));

  /* A double click (or Enter) on a row chooses it. */
  type_search (chooser, "glm");
  g_signal_emit_by_name (child_of_type (GTK_WIDGET (chooser), GTK_TYPE_COLUMN_VIEW),
                         "activate", 0);
  sb_test_iterate (100);
  g_assert_null (find_chooser ());
  text = sb_test_read (paths.user);
  g_assert_cmpstr (text, ==, "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\","
                             " \"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"z-ai/glm-4.6\"}}");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_mapped_label,
                                  "Set ANTHROPIC_DEFAULT_OPUS_MODEL in the User settings"));
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static void
test_chooser_refresh (SbTestEnv     *env,
                      gconstpointer  data)
{
  SbWindow *window = sb_test_open_window (app, env->folder);
  SbModelChooser *chooser = open_chooser (window);
  g_autofree char *all = g_strjoinv (" ", (char **) tool_models_by_name);
  GtkWidget *refresh = sb_test_find (GTK_WIDGET (chooser), sb_test_is_button_labelled, "Refresh the List");
  GtkWidget *spinner = child_of_type (GTK_WIDGET (chooser), GTK_TYPE_SPINNER);
  GtkWidget *error_label;
  guint before = n_requests;
  gint64 deadline;

  server_status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  g_signal_emit_by_name (refresh, "clicked");
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_false (gtk_widget_get_sensitive (refresh));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_get_visible (spinner) && g_get_monotonic_time () < deadline)
    sb_test_iterate (20);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_cmpuint (n_requests, >, before);

  /* The error says so, and the list stays. */
  error_label = sb_test_find (GTK_WIDGET (chooser), is_error_label, NULL);
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)),
                            "Could not refresh the list"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)),
                            "The list below is the one Signalbox had"));
  {
    guint n = 0;

    count (GTK_WIDGET (chooser), is_mapped_badge, "tools", &n);
    g_assert_cmpuint (n, ==, 5);
  }
  assert_shown (chooser, all);
  g_assert_true (gtk_widget_get_sensitive (refresh));

  server_status = SOUP_STATUS_OK;
  g_signal_emit_by_name (refresh, "clicked");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_get_visible (spinner) && g_get_monotonic_time () < deadline)
    sb_test_iterate (20);
  assert_shown (chooser, all);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label, "updated just now"));
}

typedef struct
{
  const char      *before_search;
  const char      *after_search;
  gboolean         before_tools;
  gboolean         after_tools;
  double           before_price;
  double           after_price;
  const char      *before_provider;
  const char      *after_provider;
  GtkFilterChange  expected;
} FilterCase;

/* What GTK is told, so that it only looks again at the rows that can change. */
static const FilterCase filter_cases[] = {
  { NULL, "g", FALSE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_MORE_STRICT },
  { "gl", "glm", FALSE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_MORE_STRICT },
  { "glm", "glm free", FALSE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_MORE_STRICT },
  { "glm free", "glm", FALSE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_LESS_STRICT },
  { "glm", NULL, FALSE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_LESS_STRICT },
  { "glm", "qwen", FALSE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_DIFFERENT },
  { NULL, NULL, FALSE, TRUE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_MORE_STRICT },
  { NULL, NULL, TRUE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_LESS_STRICT },
  { NULL, NULL, FALSE, FALSE, -1, 3, NULL, NULL, GTK_FILTER_CHANGE_MORE_STRICT },
  { NULL, NULL, FALSE, FALSE, 3, 1, NULL, NULL, GTK_FILTER_CHANGE_MORE_STRICT },
  { NULL, NULL, FALSE, FALSE, 1, 3, NULL, NULL, GTK_FILTER_CHANGE_LESS_STRICT },
  { NULL, NULL, FALSE, FALSE, 3, -1, NULL, NULL, GTK_FILTER_CHANGE_LESS_STRICT },
  { NULL, NULL, FALSE, FALSE, -1, -1, NULL, "qwen", GTK_FILTER_CHANGE_MORE_STRICT },
  { NULL, NULL, FALSE, FALSE, -1, -1, "qwen", NULL, GTK_FILTER_CHANGE_LESS_STRICT },
  { NULL, NULL, FALSE, FALSE, -1, -1, "qwen", "z-ai", GTK_FILTER_CHANGE_DIFFERENT },
  /* Stricter in one way, looser in another. */
  { "glm", "glm 4", TRUE, FALSE, -1, -1, NULL, NULL, GTK_FILTER_CHANGE_DIFFERENT },
};

static void
test_chooser_filter_change (gconstpointer data)
{
  const FilterCase *test = data;
  g_autoptr(SbModelFilter) before = sb_model_filter_new ();
  g_autoptr(SbModelFilter) after = sb_model_filter_new ();

  sb_model_filter_set_search (before, test->before_search);
  sb_model_filter_set_search (after, test->after_search);
  sb_model_filter_set_tools_only (before, test->before_tools);
  sb_model_filter_set_tools_only (after, test->after_tools);
  sb_model_filter_set_max_price (before, test->before_price);
  sb_model_filter_set_max_price (after, test->after_price);
  sb_model_filter_set_provider (before, test->before_provider);
  sb_model_filter_set_provider (after, test->after_provider);

  g_assert_cmpint (sb_model_list_compare_filters (before, after), ==, test->expected);
}

static gboolean
is_action_row_titled (GtkWidget     *widget,
                      gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The last label in a widget's tree: a row's suffix. */
static GtkWidget *
last_label (GtkWidget *widget)
{
  GtkWidget *found = GTK_IS_LABEL (widget) ? widget : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = last_label (child);

      if (label != NULL)
        found = label;
    }

  return found;
}

static const char *
row_suffix (GtkWidget  *parent,
            const char *title)
{
  GtkWidget *row = sb_test_find (parent, is_action_row_titled, title);

  g_assert_nonnull (row);
  return gtk_label_get_text (GTK_LABEL (last_label (row)));
}

/* A transcript line of Claude Code's older format, today. */
static char *
transcript_line (const char *folder,
                 const char *id,
                 const char *model,
                 guint       input,
                 guint       output)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000Z");

  return g_strdup_printf ("{\"type\": \"assistant\", \"timestamp\": \"%s\", \"cwd\": \"%s\", "
                          "\"requestId\": \"req_%s\", \"message\": {\"id\": \"msg_%s\", "
                          "\"model\": \"%s\", \"usage\": {\"input_tokens\": %u, "
                          "\"output_tokens\": %u, \"cache_read_input_tokens\": 0, "
                          "\"cache_creation_input_tokens\": 0}}}\n",
                          stamp, folder, id, id, model, input, output);
}

/* The Costs page prices the folder's transcripts with the catalogue, says which cost is
 * not known, and what the same tokens cost on the folder's model. */
static void
test_chooser_costs (SbTestEnv     *env,
                    gconstpointer  data)
{
  g_autofree char *projects = g_build_filename (env->home, ".claude", "projects", "-x", NULL);
  g_autofree char *session = g_build_filename (projects, "s.jsonl", NULL);
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json",
                                             NULL);
  g_autofree char *sonnet = transcript_line (env->folder, "1", "anthropic/claude-sonnet-4.5",
                                             1000000, 100000);
  g_autofree char *glm = transcript_line (env->folder, "2", "z-ai/glm-4.6", 1000000, 0);
  g_autofree char *unlisted = transcript_line (env->folder, "3", "someone/unlisted", 1000, 0);
  g_autofree char *elsewhere = transcript_line ("/elsewhere", "4", "z-ai/glm-4.6", 5000000, 0);
  g_autofree char *text = NULL;
  GtkWidget *chart;
  SbWindow *window;
  gint64 deadline;

  g_assert_cmpint (g_mkdir_with_parents (projects, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_path_get_dirname (local), 0755), ==, 0);
  sb_test_write (local, "{\"model\": \"z-ai/glm-4.6\"}\n");
  /* The same reply twice, as Claude Code writes it, is counted once. */
  text = g_strconcat (sonnet, sonnet, glm, unlisted, elsewhere, NULL);
  sb_test_write (session, text);

  window = sb_test_open_window (app, env->folder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.costs", NULL));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (sb_test_find (GTK_WIDGET (window), is_mapped_label, "The same tokens on z-ai/glm-4.6")
         == NULL && g_get_monotonic_time () < deadline)
    sb_test_iterate (50);

  /* $3 + $1.50 for Sonnet, $0.60 for GLM, the unlisted model unknown. */
  g_assert_cmpstr (row_suffix (GTK_WIDGET (window), "Last 7 Days"), ==, "at least $5.10");
  g_assert_cmpstr (row_suffix (GTK_WIDGET (window), "anthropic/claude-sonnet-4.5"), ==,
                   "$4.50 · 88 %");
  g_assert_cmpstr (row_suffix (GTK_WIDGET (window), "someone/unlisted"), ==, "unknown");
  /* 2,001,000 tokens in at $0.60 and 100,000 out at $2.20 per million. */
  g_assert_cmpstr (row_suffix (GTK_WIDGET (window), "The same tokens on z-ai/glm-4.6"), ==,
                   "$1.42");

  chart = sb_test_find (GTK_WIDGET (window), sb_test_is_of_type,
                        GSIZE_TO_POINTER (SB_TYPE_COSTS_CHART));
  g_assert_nonnull (chart);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);

  /* The sidebar says the same of the last 7 days. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (sb_test_find (GTK_WIDGET (window), is_mapped_label, "at least $5.10 in 7 days") == NULL
         && g_get_monotonic_time () < deadline)
    sb_test_iterate (50);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (window), is_mapped_label,
                                  "at least $5.10 in 7 days"));

  /* Back to the settings. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.costs", NULL));
  sb_test_iterate (50);
  g_assert_null (sb_test_find (GTK_WIDGET (window), is_mapped_label,
                               "The same tokens on z-ai/glm-4.6"));

  sb_test_close_window (window);
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* The selected model's providers, asked for on demand; the cheapest one's price, far from
 * the list price that costs are estimated with, is said. */
static void
test_chooser_endpoints (SbTestEnv     *env,
                        gconstpointer  data)
{
  SbWindow *window = sb_test_open_window (app, env->folder);
  SbModelChooser *chooser = open_chooser (window);
  GtkWidget *cheap;
  gint64 deadline;

  type_search (chooser, "glm");
  g_assert_cmpstr (sb_model_chooser_get_selected (chooser), ==, "z-ai/glm-4.6");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (sb_test_find (GTK_WIDGET (chooser), is_action_row_titled, "Cheapo (fp8)") == NULL &&
         g_get_monotonic_time () < deadline)
    sb_test_iterate (50);

  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_mapped_label,
                                  "Who Serves z-ai/glm-4.6"));
  cheap = sb_test_find (GTK_WIDGET (chooser), is_action_row_titled, "Cheapo (fp8)");
  g_assert_nonnull (cheap);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (cheap)), ==,
                   "131K context, 32K out · 97.2 % up · 1.4 s to start · cheapest");
  g_assert_cmpstr (row_suffix (GTK_WIDGET (chooser), "Cheapo (fp8)"), ==, "$0.30 / $1.00");
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_action_row_titled, "Fullprice"));
  g_assert_nonnull (sb_test_find (GTK_WIDGET (chooser), is_label_starting,
                                  "The cheapest provider, Cheapo, charges $0.30/$1.00 per million "
                                  "tokens; costs here are estimated with the list price, "
                                  "$0.60/$2.20"));

  gtk_window_destroy (GTK_WINDOW (chooser));
  sb_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *base = NULL;
  gint64 deadline;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  base = g_strdup_printf ("%sapi/v1", uri);

  /* The application loads the bundled list, finds it stale, and fetches ours. */
  app = sb_test_application_new (base);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (sb_catalog_get_source (app_catalog ()) != SB_CATALOG_SOURCE_NETWORK &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (sb_catalog_get_source (app_catalog ()), ==,
                   SB_CATALOG_SOURCE_NETWORK);

  for (guint i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/model-chooser/filter-change/%u", i);

      g_test_add_data_func (path, &filter_cases[i], test_chooser_filter_change);
    }
  ADD_TEST ("/signalbox/model-chooser/rows", test_chooser_rows);
  ADD_TEST ("/signalbox/model-chooser/search", test_chooser_search);
  ADD_TEST ("/signalbox/model-chooser/tools-toggle", test_chooser_tools_toggle);
  ADD_TEST ("/signalbox/model-chooser/favourites", test_chooser_favourites);
  ADD_TEST ("/signalbox/model-chooser/folder-model", test_chooser_folder_model);
  ADD_TEST ("/signalbox/model-chooser/switcher-flow", test_chooser_switcher_flow);
  ADD_TEST ("/signalbox/model-chooser/sidebar", test_chooser_sidebar);
  ADD_TEST ("/signalbox/model-chooser/layer-row", test_chooser_layer_row);
  ADD_TEST ("/signalbox/model-chooser/refresh", test_chooser_refresh);
  ADD_TEST ("/signalbox/model-chooser/costs", test_chooser_costs);
  ADD_TEST ("/signalbox/model-chooser/endpoints", test_chooser_endpoints);

  status = g_test_run ();
  g_clear_object (&app);
  g_clear_object (&server);
  return status;
}
