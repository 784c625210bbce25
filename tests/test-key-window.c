/* test-key-window.c
 *
 * Tests for the OpenRouter key page under Xvfb, with the real gnome-keyring of a private
 * D-Bus session and a loopback server standing in for OpenRouter: pasting a key, the
 * account, routing a layer on and off, moving a plain-text key, the local token, and
 * the main window's Undo of what the page saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sb-application.h"
#include "sb-key-store.h"
#include "sb-key-window.h"
#include "sb-routing.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window.h"

/* Made-up keys, split so that nothing key-shaped stands in the sources. */
#define GOOD_KEY "sk-or-v1-" "7d1e0c4b9a8f7e6d5c4b3a291807f6e5d4c3b2a1"
#define PLAIN_KEY "sk-or-v1-" "00ff11ee22dd33cc44bb55aa6699887766554433"

/* Our own fixture, in the shape GET /api/v1/key answers. */
static const char key_response[] =
  "{\"data\": {\"label\": \"sk-or-v1-7d1...2a1\", \"limit\": 25, \"limit_reset\": \"monthly\","
  " \"limit_remaining\": 24.58, \"include_byok_in_limit\": false, \"usage\": 0.42,"
  " \"usage_daily\": 0.1, \"usage_weekly\": 0.3, \"usage_monthly\": 0.42,"
  " \"byok_usage\": 0, \"byok_usage_daily\": 0, \"byok_usage_weekly\": 0,"
  " \"byok_usage_monthly\": 0, \"is_free_tier\": false, \"is_provisioning_key\": false,"
  " \"expires_at\": null}}";

static const char unauthorized[] =
  "{\"error\": {\"code\": 401, \"message\": \"User not found.\"}}";

static const char forbidden[] =
  "{\"error\": {\"code\": 403, \"message\": \"Only management keys can fetch credits\"}}";

static SbApplication *app;

/* One loopback OpenRouter for the whole run, started before the application so that the
 * application's one client talks to it. */
static SoupServer *openrouter_server;

typedef struct
{
  SbTestEnv   env;
  guint       n_key_requests;
  guint       n_credits_requests;
  char       *user;
  char       *local;
  char       *escaped;  /* the helper command for the default profile, as JSON text */
} Fixture;

static Fixture *current;

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *fixture = current;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  gboolean known = g_strcmp0 (authorization, "Bearer " GOOD_KEY) == 0 ||
                   g_strcmp0 (authorization, "Bearer " PLAIN_KEY) == 0;
  const char *body;
  guint status;

  if (fixture == NULL)
    {
      soup_server_message_set_status (message, 503, NULL);
      return;
    }

  if (g_str_equal (path, "/api/v1/key"))
    {
      fixture->n_key_requests++;
      status = known ? 200 : 401;
      body = known ? key_response : unauthorized;
    }
  else if (g_str_equal (path, "/api/v1/credits"))
    {
      fixture->n_credits_requests++;
      status = known ? 403 : 401;
      body = known ? forbidden : unauthorized;
    }
  else
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *quoted = NULL;

  sb_test_env_setup (&fixture->env, data);
  current = fixture;

  g_setenv (SB_ROUTING_HELPER_ENV, g_getenv ("SIGNALBOX_KEY_BINARY"), TRUE);
  quoted = g_shell_quote (g_getenv ("SIGNALBOX_KEY_BINARY"));
  fixture->escaped = g_strescape (quoted, NULL);

  fixture->user = g_build_filename (fixture->env.home, ".claude", "settings.json", NULL);
  fixture->local = g_build_filename (fixture->env.folder, ".claude", "settings.local.json",
                                     NULL);

  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "folders");
  g_settings_reset (settings, "hidden-folders");
  g_settings_reset (settings, "selected-folder");
  g_settings_reset (settings, "key-profile");

  g_free (sb_test_secret_tool ("clear", "default"));
  g_free (sb_test_secret_tool ("clear", "client-b"));
  g_free (sb_test_secret_tool ("clear", "client c"));
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_free (sb_test_secret_tool ("clear", "default"));
  g_free (sb_test_secret_tool ("clear", "client-b"));
  g_free (sb_test_secret_tool ("clear", "client c"));
  current = NULL;
  g_unsetenv (SB_ROUTING_HELPER_ENV);
  g_clear_pointer (&fixture->user, g_free);
  g_clear_pointer (&fixture->local, g_free);
  g_clear_pointer (&fixture->escaped, g_free);
  sb_test_env_teardown (&fixture->env, data);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_spinner (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_SPINNER (widget);
}

static gboolean
is_entry_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) && is_row_titled (widget, title);
}

static gboolean
is_password_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PASSWORD_ENTRY_ROW (widget);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_mapped_label_with (GtkWidget     *widget,
                      gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static GtkWidget *
row (SbKeyWindow *window,
     const char  *title)
{
  GtkWidget *found = sb_test_find (GTK_WIDGET (window), is_row_titled, title);

  g_assert_nonnull (found);
  return found;
}

static const char *
subtitle (GtkWidget *action_row)
{
  g_assert_true (ADW_IS_ACTION_ROW (action_row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (action_row));
}

static gboolean
is_status_row (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         gtk_widget_get_first_child (widget) != NULL &&
         sb_test_find (widget, (SbTestMatch) is_spinner, NULL) != NULL;
}

/* Waits for @text to show, and with @idle, for the page to be done asking. */
static void
wait_for_text (SbKeyWindow *window,
               const char  *text,
               gboolean     idle)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((sb_test_find (GTK_WIDGET (window), is_mapped_label_with, text) == NULL ||
          (idle && sb_key_window_get_busy (window))) &&
         g_get_monotonic_time () < deadline)
    sb_test_iterate (20);

  if (sb_test_find (GTK_WIDGET (window), is_mapped_label_with, text) == NULL)
    g_error ("“%s” never showed; the page says “%s”", text,
             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
               sb_test_find (GTK_WIDGET (window), is_status_row, NULL))));
  if (idle)
    g_assert_false (sb_key_window_get_busy (window));
}

static void
wait_for_label (SbKeyWindow *window,
                const char  *text)
{
  wait_for_text (window, text, TRUE);
}

static void
assert_file (const char *path,
             const char *expected)
{
  g_autofree char *text = sb_test_read (path);

  g_assert_cmpstr (text, ==, expected);
}

/* With SB_SCREENSHOT_DIR set, saves what the window looks like, for people to look at. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("SB_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  sb_test_iterate (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
is_scrolled_window (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

/* Scrolls the page to @fraction of the way down. */
static void
scroll (SbKeyWindow *window,
        double       fraction)
{
  GtkWidget *scrolled = sb_test_find (GTK_WIDGET (window), is_scrolled_window, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, fraction * (gtk_adjustment_get_upper (adjustment) -
                                                    gtk_adjustment_get_page_size (adjustment)));
  sb_test_iterate (100);
}

/* Opens the key page as the menu does, and returns it. */
static SbKeyWindow *
open_key_window (SbWindow *window)
{
  g_autoptr(GList) toplevels = NULL;
  SbKeyWindow *key_window = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.openrouter", NULL));
  sb_test_iterate (100);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SB_IS_KEY_WINDOW (l->data))
      key_window = l->data;

  g_assert_nonnull (key_window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (key_window)) ==
                 GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (key_window)));
  return key_window;
}

static void
close_windows (SbKeyWindow *key_window,
               SbWindow    *window)
{
  gtk_window_destroy (GTK_WINDOW (key_window));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate (50);
}

static void
paste_key (SbKeyWindow *window,
           const char  *key)
{
  GtkWidget *entry = sb_test_find (GTK_WIDGET (window), is_password_row, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), key);
  g_signal_emit_by_name (entry, "apply");
  /* The key leaves the entry at once. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
set_routing (SbKeyWindow *window,
             const char  *layer,
             gboolean     enabled)
{
  GtkWidget *expander = row (window, layer);

  g_assert_true (ADW_IS_EXPANDER_ROW (expander));
  g_assert_true (gtk_widget_get_sensitive (expander));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), enabled);
  sb_test_iterate (50);
}

static void
test_key_window_paste_and_route (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char user_text[] =
    "{\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_MODEL\": \"moonshotai/kimi-k2\"\n"
    "  },\n"
    "  \"statusLine\": {\"type\": \"command\", \"command\": \"~/.claude/status.sh\"}\n"
    "}\n";
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  SbKeyWindow *key_window;
  SbWindow *window;

  sb_test_write (fixture->user, user_text);
  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);

  /* Nothing stored yet: the page asks for the key. */
  wait_for_label (key_window, "No key is stored for the profile “default”");
  g_assert_cmpstr (sb_key_window_get_profile (key_window), ==, "default");
  g_assert_false (gtk_widget_get_mapped (row (key_window, "Usage")));
  screenshot (GTK_WIDGET (key_window), "key-window-empty.png");

  /* Pasted once, checked with OpenRouter, stored in the keyring. */
  paste_key (key_window, GOOD_KEY);
  g_assert_true (sb_key_window_get_busy (key_window));
  wait_for_label (key_window, "Saved in the keyring; OpenRouter accepts it");
  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, GOOD_KEY);

  /* The account. */
  g_assert_true (gtk_widget_get_mapped (row (key_window, "Usage")));
  g_assert_cmpstr (subtitle (row (key_window, "Key Label")), ==, "sk-or-v1-7d1...2a1");
  g_assert_cmpstr (subtitle (row (key_window, "Usage")), ==, "$0.42");
  g_assert_cmpstr (subtitle (row (key_window, "Limit")), ==, "$25.00");
  g_assert_cmpstr (subtitle (row (key_window, "Remaining")), ==, "$24.58");
  g_assert_cmpstr (subtitle (row (key_window, "Free Tier")), ==, "No");

  /* Credits are for management keys: the 403 is a quiet state. */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (fixture->n_credits_requests == 0 && g_get_monotonic_time () < deadline)
      sb_test_iterate (20);
    sb_test_iterate (100);
  }
  g_assert_cmpuint (fixture->n_credits_requests, ==, 1);
  g_assert_false (gtk_widget_get_visible (row (key_window, "Credits")));
  g_assert_null (sb_test_find (GTK_WIDGET (key_window), is_mapped_label_with, "management"));

  /* The key went to the keyring only. */
  assert_file (fixture->user, user_text);
  g_assert_false (g_file_test (fixture->local, G_FILE_TEST_EXISTS));

  /* Routing on for User: the three settings, nothing else. */
  set_routing (key_window, "User", TRUE);
  expected = g_strdup_printf ("{\n"
                              "  \"env\": {\n"
                              "    \"ANTHROPIC_MODEL\": \"moonshotai/kimi-k2\",\n"
                              "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
                              "    \"ANTHROPIC_API_KEY\": \"\"\n"
                              "  },\n"
                              "  \"statusLine\": {\"type\": \"command\", \"command\": "
                              "\"~/.claude/status.sh\"},\n"
                              "  \"apiKeyHelper\": \"%s\"\n"
                              "}\n", fixture->escaped);
  assert_file (fixture->user, expected);
  g_assert_nonnull (sb_test_find (GTK_WIDGET (key_window), is_mapped_label_with,
                                  "User settings now route through OpenRouter"));
  screenshot (GTK_WIDGET (key_window), "key-window-account.png");

  /* Undo, from the toast, takes it back through the main window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (key_window), "key.undo", NULL));
  sb_test_iterate (50);
  assert_file (fixture->user, user_text);
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row (key_window,
                                                                                "User"))));

  /* On, then off: the file is what it was. */
  set_routing (key_window, "User", TRUE);
  assert_file (fixture->user, expected);
  set_routing (key_window, "User", FALSE);
  assert_file (fixture->user, user_text);

  /* No file anywhere holds the key. */
  text = sb_test_read (fixture->user);
  g_assert_null (strstr (text, GOOD_KEY));

  close_windows (key_window, window);
}

static void
test_key_window_bad_key (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *stored = NULL;
  SbKeyWindow *key_window;
  SbWindow *window;

  sb_test_write (fixture->user, "{\"env\": {\"OPENROUTER_API_KEY\": \"" PLAIN_KEY "\"}}\n");
  window = sb_test_open_window (app, NULL);
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");

  /* Without a folder, only the User layer can route, and only its keys are listed. */
  g_assert_nonnull (row (key_window, "User"));
  g_assert_true (gtk_widget_get_mapped (row (key_window, "OPENROUTER_API_KEY")));
  g_assert_cmpstr (subtitle (row (key_window, "OPENROUTER_API_KEY")), ==,
                   "User settings, ~/.claude/settings.json");
  g_assert_null (sb_test_find (GTK_WIDGET (key_window), is_row_titled, "Local"));
  g_assert_false (gtk_widget_get_mapped (row (key_window,
                                               "Store the Key in settings.local.json")));

  paste_key (key_window, "sk-or-v1-this-one-is-revoked-0000000000000000");
  wait_for_label (key_window, "OpenRouter does not accept this key, so it was not saved");
  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, "");
  g_assert_false (gtk_widget_get_mapped (row (key_window, "Usage")));

  /* Not a key at all: said before anything is asked. */
  paste_key (key_window, "sk-or-v1 with spaces");
  wait_for_label (key_window, "spaces");

  close_windows (key_window, window);
}

static void
test_key_window_move_plain_key (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char local_text[] =
    "{\n"
    "  \"permissions\": {\n"
    "    \"allow\": [\"Bash(make:*)\"]\n"
    "  },\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_AUTH_TOKEN\": \"" PLAIN_KEY "\"\n"
    "  }\n"
    "}\n";
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *button;
  SbKeyWindow *key_window;
  SbWindow *window;

  sb_test_write (fixture->local, local_text);
  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");

  /* Flagged, with where it is. */
  g_assert_true (gtk_widget_get_mapped (row (key_window, "ANTHROPIC_AUTH_TOKEN")));
  g_assert_cmpstr (subtitle (row (key_window, "ANTHROPIC_AUTH_TOKEN")), ==,
                   "Local settings, ~/src/app/.claude/settings.local.json");
  screenshot (GTK_WIDGET (key_window), "key-window-plain-key.png");

  button = sb_test_find (row (key_window, "ANTHROPIC_AUTH_TOKEN"), is_button_labelled,
                         "_Move into the Keyring");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_for_text (key_window, "is in the keyring now", FALSE);
  wait_for_label (key_window, "Stored in the keyring; OpenRouter accepts it");

  stored = sb_test_secret_tool ("lookup", "default");
  g_assert_cmpstr (stored, ==, PLAIN_KEY);
  expected = g_strdup_printf ("{\n"
                              "  \"permissions\": {\n"
                              "    \"allow\": [\"Bash(make:*)\"]\n"
                              "  },\n"
                              "  \"env\": {\n"
                              "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"\n"
                              "  },\n"
                              "  \"apiKeyHelper\": \"%s\"\n"
                              "}\n", fixture->escaped);
  assert_file (fixture->local, expected);
  g_assert_null (sb_test_find (GTK_WIDGET (key_window), is_row_titled, "ANTHROPIC_AUTH_TOKEN"));

  close_windows (key_window, window);
}

static void
test_key_window_profiles (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *add;
  SbKeyWindow *key_window;
  SbWindow *window;
  g_autofree char *project = g_build_filename (fixture->env.folder, ".claude",
                                               "settings.json", NULL);

  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");

  /* A profile for client B, with its own key. */
  add = row (key_window, "Add a Profile");
  gtk_editable_set_text (GTK_EDITABLE (add), "client-b");
  g_signal_emit_by_name (add, "apply");
  g_assert_cmpstr (sb_key_window_get_profile (key_window), ==, "client-b");
  /* Remembered for the next time the page opens. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *remembered = g_settings_get_string (settings, "key-profile");

    g_assert_cmpstr (remembered, ==, "client-b");
  }
  wait_for_label (key_window, "No key is stored for the profile “client-b”");
  paste_key (key_window, GOOD_KEY);
  wait_for_label (key_window, "Saved in the keyring");
  stored = sb_test_secret_tool ("lookup", "client-b");
  g_assert_cmpstr (stored, ==, GOOD_KEY);

  /* The project routes with it. */
  set_routing (key_window, "Project", TRUE);
  expected = g_strdup_printf ("{\n"
                              "  \"env\": {\n"
                              "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
                              "    \"ANTHROPIC_API_KEY\": \"\"\n"
                              "  },\n"
                              "  \"apiKeyHelper\": \"%s --profile 'client-b'\"\n"
                              "}\n", fixture->escaped);
  assert_file (project, expected);

  /* Renaming it moves the key, and the project follows. */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    GtkWidget *name;

    while ((name = sb_test_find (GTK_WIDGET (key_window), is_entry_row_titled, "Profile")) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        sb_test_iterate (20);
      }
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "client-b");
    gtk_editable_set_text (GTK_EDITABLE (name), "client c");
    g_signal_emit_by_name (name, "apply");
  }
  wait_for_text (key_window, "The profile “client-b” is now called “client c”", FALSE);
  g_free (stored);
  stored = sb_test_secret_tool ("lookup", "client c");
  g_assert_cmpstr (stored, ==, GOOD_KEY);
  g_free (stored);
  stored = sb_test_secret_tool ("lookup", "client-b");
  g_assert_cmpstr (stored, ==, "");
  g_free (expected);
  expected = g_strdup_printf ("{\n"
                              "  \"env\": {\n"
                              "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
                              "    \"ANTHROPIC_API_KEY\": \"\"\n"
                              "  },\n"
                              "  \"apiKeyHelper\": \"%s --profile 'client c'\"\n"
                              "}\n", fixture->escaped);
  assert_file (project, expected);

  /* Removing the profile takes its key out of the keyring. */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    GtkWidget *remove;

    while ((remove = sb_test_find (GTK_WIDGET (key_window), is_button_with_tooltip,
                                   "Remove the Key of client c")) == NULL &&
           g_get_monotonic_time () < deadline)
      sb_test_iterate (20);
    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
  }
  wait_for_text (key_window, "Removed the key of the profile “client c”", FALSE);
  g_free (stored);
  stored = sb_test_secret_tool ("lookup", "client c");
  g_assert_cmpstr (stored, ==, "");

  close_windows (key_window, window);
}

/* Until the button, made insensitive while git is asked, can be pressed again. */
static void
wait_for_sensitive (GtkWidget *button)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_false (gtk_widget_get_sensitive (button));
  while (!gtk_widget_get_sensitive (button) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_sensitive (button));
  sb_test_iterate (20);
}

/* In a repository that does not ignore settings.local.json the next `git add .` would take
 * the key: nothing is written until git ignores the file, which the page offers to do. */
static void
test_key_window_local_token_git (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *exclude = g_build_filename (fixture->env.folder, ".git", "info", "exclude",
                                               NULL);
  g_autofree char *git = g_find_program_in_path ("git");
  g_autofree char *text = NULL;
  GtkWidget *entry;
  GtkWidget *button;
  SbKeyWindow *key_window;
  SbWindow *window;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  sb_test_run_git (fixture->env.folder, "init", "-q");
  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");

  entry = sb_test_find (GTK_WIDGET (key_window), is_password_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), GOOD_KEY);
  button = sb_test_find (GTK_WIDGET (key_window), is_button_labelled, "_Store in File");
  g_signal_emit_by_name (button, "clicked");
  wait_for_sensitive (button);
  g_assert_false (g_file_test (fixture->local, G_FILE_TEST_EXISTS));
  /* Kept for the second try. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, GOOD_KEY);

  /* The toast's button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (key_window), "key.ignore-and-store",
                                             NULL));
  wait_for_sensitive (button);
  text = sb_test_read (exclude);
  g_assert_true (g_str_has_suffix (text, "\n.claude/settings.local.json\n"));
  g_clear_pointer (&text, g_free);
  text = sb_test_read (fixture->local);
  g_assert_nonnull (strstr (text, "\"ANTHROPIC_AUTH_TOKEN\": \"" GOOD_KEY "\""));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  close_windows (key_window, window);
}

static void
test_key_window_local_token (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *entry;
  GtkWidget *button;
  SbKeyWindow *key_window;
  SbWindow *window;
  GStatBuf st;

  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");
  g_assert_true (gtk_widget_get_mapped (row (key_window, "Store the Key in settings.local.json")));
  g_assert_nonnull (strstr (subtitle (row (key_window, "Store the Key in settings.local.json")),
                            "readable only by you (permissions 0600)"));

  entry = sb_test_find (GTK_WIDGET (key_window), is_password_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), GOOD_KEY);
  button = sb_test_find (GTK_WIDGET (key_window), is_button_labelled, "_Store in File");
  g_signal_emit_by_name (button, "clicked");
  /* git is asked first, in a thread. */
  wait_for_sensitive (button);

  text = sb_test_read (fixture->local);
  g_assert_nonnull (strstr (text, "\"ANTHROPIC_AUTH_TOKEN\": \"" GOOD_KEY "\""));
  g_assert_cmpint (g_stat (fixture->local, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* It is plain text: the page flags it at once. */
  g_assert_nonnull (sb_test_find (GTK_WIDGET (key_window), is_row_titled, "ANTHROPIC_AUTH_TOKEN"));

  close_windows (key_window, window);
}

/* In a child process whose session bus leads nowhere: the page says the keyring is not
 * available, and a pasted key is written nowhere. */
static void
test_key_window_no_keyring (Fixture       *fixture,
                            gconstpointer  data)
{
  SbKeyWindow *key_window;
  SbWindow *window;

  if (!g_test_subprocess ())
    {
      g_autofree char *address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

      /* Without a bus, GTK's accessibility would warn, and warnings fail tests. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/signalbox-bus", TRUE);
      g_setenv ("GTK_A11Y", "none", TRUE);
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      g_unsetenv ("GTK_A11Y");
      g_test_trap_assert_passed ();
      return;
    }

  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);
  wait_for_label (key_window, "The system keyring (Secret Service) is not available");
  wait_for_label (key_window, "nothing is written in plain text instead");
  screenshot (GTK_WIDGET (key_window), "key-window-no-keyring.png");

  paste_key (key_window, GOOD_KEY);
  wait_for_label (key_window, "The key was not saved");
  wait_for_label (key_window, "Nothing was written to a file instead");
  g_assert_false (g_file_test (fixture->user, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fixture->local, G_FILE_TEST_EXISTS));

  close_windows (key_window, window);
}

static void
test_key_window_screenshots (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  SbKeyWindow *key_window;
  SbWindow *window;

  if (g_getenv ("SB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("SB_SCREENSHOT_DIR is not set");
      return;
    }

  sb_test_write (fixture->local,
                 "{\"env\": {\"OPENROUTER_API_KEY\": \"" PLAIN_KEY "\"}}\n");
  g_free (sb_test_secret_tool ("clear", "default"));
  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");
  paste_key (key_window, GOOD_KEY);
  wait_for_label (key_window, "Saved in the keyring");
  set_routing (key_window, "User", TRUE);
  screenshot (GTK_WIDGET (key_window), "key-window-light.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot (GTK_WIDGET (key_window), "key-window-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_set_default_size (GTK_WINDOW (key_window), 360, 760);
  sb_test_iterate (300);
  screenshot (GTK_WIDGET (key_window), "key-window-narrow.png");

  /* Further down the page. */
  scroll (key_window, 0.5);
  screenshot (GTK_WIDGET (key_window), "key-window-narrow-middle.png");
  scroll (key_window, 1.0);
  screenshot (GTK_WIDGET (key_window), "key-window-narrow-end.png");
  gtk_window_set_default_size (GTK_WINDOW (key_window), 640, 760);
  sb_test_iterate (300);
  scroll (key_window, 1.0);
  screenshot (GTK_WIDGET (key_window), "key-window-end.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot (GTK_WIDGET (key_window), "key-window-dark-end.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  close_windows (key_window, window);
}

/* The page is a window of its own: what it saves reaches the main window's Undo through
 * ::saved, and it works on whichever folder the main window shows. */
static void
test_key_window_main_window_undo (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char user_text[] = "{\n  \"model\": \"opus\"\n}\n";
  g_autofree char *other = g_build_filename (fixture->env.home, "src", "other", NULL);
  g_autofree char *text = NULL;
  SbKeyWindow *key_window;
  SbWindow *window;
  GtkWidget *project;

  sb_test_write (fixture->user, user_text);
  window = sb_test_open_window (app, fixture->env.folder);
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");
  g_assert_true (sb_key_window_get_stack (key_window) == sb_window_get_stack (window));

  set_routing (key_window, "User", TRUE);
  text = sb_test_read (fixture->user);
  g_assert_nonnull (strstr (text, "apiKeyHelper"));

  /* With the page closed, the main window's Undo takes the change back. */
  gtk_window_destroy (GTK_WINDOW (key_window));
  sb_test_iterate (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate (50);
  assert_file (fixture->user, user_text);

  /* Open again, the page follows the folder the main window goes to. */
  key_window = open_key_window (window);
  wait_for_label (key_window, "No key is stored");
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  sb_window_open_folder (window, other);
  sb_test_iterate (50);
  g_assert_true (sb_key_window_get_stack (key_window) == sb_window_get_stack (window));
  project = row (key_window, "Project");
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (project)),
                                   "~/src/other/"));

  close_windows (key_window, window);
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  char **profiles = sb_key_store_list_profiles_finish (result, error);

  g_strfreev (profiles);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* The first contact with the Secret Service opens a session, which a loaded machine (or a
 * sanitizer build) may take longer than the key store's deadline for; later ones reuse it.
 * The tests are about the page, not about that first handshake. */
static void
warm_up_keyring (void)
{
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(GError) error = NULL;

      sb_key_store_list_profiles_async (NULL, on_listed, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return;
      g_test_message ("The keyring is slow to answer: %s", error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_assert_nonnull (g_getenv ("SIGNALBOX_KEY_BINARY"));

  openrouter_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (openrouter_server, NULL, server_callback, NULL, NULL);
  soup_server_listen_local (openrouter_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  {
    GSList *uris = soup_server_get_uris (openrouter_server);
    g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%d/api/v1",
                                             g_uri_get_port (uris->data));

    g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    app = sb_test_application_new (base);
  }
  warm_up_keyring ();

  ADD_TEST ("/signalbox/key-window/paste-and-route", test_key_window_paste_and_route);
  ADD_TEST ("/signalbox/key-window/bad-key", test_key_window_bad_key);
  ADD_TEST ("/signalbox/key-window/move-plain-key", test_key_window_move_plain_key);
  ADD_TEST ("/signalbox/key-window/profiles", test_key_window_profiles);
  ADD_TEST ("/signalbox/key-window/local-token", test_key_window_local_token);
  ADD_TEST ("/signalbox/key-window/local-token-git", test_key_window_local_token_git);
  ADD_TEST ("/signalbox/key-window/no-keyring", test_key_window_no_keyring);
  ADD_TEST ("/signalbox/key-window/main-window-undo", test_key_window_main_window_undo);
  ADD_TEST ("/signalbox/key-window/screenshots", test_key_window_screenshots);

  status = g_test_run ();
  g_clear_object (&app);
  soup_server_disconnect (openrouter_server);
  g_clear_object (&openrouter_server);
  return status;
}
