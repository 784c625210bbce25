/* test-summary.c
 *
 * Tests for settings put into words: the verdict, the model, the summaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-summary.h"
#include "sb-test-util.h"

typedef struct
{
  const char *settings;
  const char *verdict;
} VerdictCase;

static const VerdictCase verdict_cases[] = {
  { "{}", "claude here uses its default model via Anthropic, no key set here" },
  { "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\", \"ANTHROPIC_API_KEY\": \"\","
    " \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}, \"apiKeyHelper\": \"@HELPER@\"}",
    "claude here uses qwen/qwen3-coder via OpenRouter, key from the keyring" },
  /* Only Signalbox's own helper, run as it is, gives the key from the keyring: another
   * program of that name, or the helper piped elsewhere, does not. */
  { "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"},"
    " \"apiKeyHelper\": \"./signalbox-key\"}",
    "claude here uses its default model via OpenRouter, key from an apiKeyHelper program" },
  { "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\"},"
    " \"apiKeyHelper\": \"@HELPER@ | tee /tmp/key\"}",
    "claude here uses its default model via OpenRouter, key from an apiKeyHelper program" },
  /* ANTHROPIC_MODEL wins over model. */
  { "{\"model\": \"opus\", \"env\": {\"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\"}}",
    "claude here uses z-ai/glm-4.6 via Anthropic, no key set here" },
  { "{\"model\": \"opus\", \"env\": {\"ANTHROPIC_MODEL\": \"\"}}",
    "claude here uses opus via Anthropic, no key set here" },
  /* A token outranks the helper, as in Claude Code. */
  { "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\","
    " \"ANTHROPIC_AUTH_TOKEN\": \"abc\"}, \"apiKeyHelper\": \"/usr/bin/signalbox-key\"}",
    "claude here uses its default model via OpenRouter, key written in a settings file" },
  { "{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://localhost:4000\"},"
    " \"apiKeyHelper\": \"~/bin/get-key.sh\"}",
    "claude here uses its default model via localhost, key from an apiKeyHelper program" },
  /* Wrong types are not taken for values. */
  { "{\"env\": {\"ANTHROPIC_MODEL\": 5}, \"model\": [\"x\"]}",
    "claude here uses its default model via Anthropic, no key set here" },
};

static void
test_verdict (gconstpointer data)
{
  const VerdictCase *c = data;
  g_auto(GStrv) parts = g_strsplit (c->settings, "@HELPER@", -1);
  g_autofree char *text = g_strjoinv (g_getenv ("SIGNALBOX_KEY_BINARY"), parts);
  g_autoptr(JsonNode) settings = sb_test_parse (text);
  g_autofree char *verdict = sb_summary_verdict (settings);

  g_assert_cmpstr (verdict, ==, c->verdict);
}

typedef struct
{
  const char *key;
  const char *value;
  const char *description;
} DescribeCase;

static const DescribeCase describe_cases[] = {
  { "permissions", "{\"allow\": [\"a\", \"b\", \"c\"], \"deny\": [\"d\"], \"defaultMode\": \"plan\"}",
    "3 allowed, 1 denied, 0 to ask; mode plan" },
  { "permissions", "{}", "0 allowed, 0 denied, 0 to ask" },
  { "hooks", "{\"PostToolUse\": [{\"matcher\": \"Edit\", \"hooks\": [{\"type\": \"command\","
    " \"command\": \"make fmt\"}, {\"type\": \"command\", \"command\": \"make lint\"}]}],"
    " \"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify\"}]}]}",
    "2 events, 3 commands" },
  { "hooks", "{\"Stop\": []}", "1 event, 0 commands" },
  { "hooks", "{\"Stop\": \"wrong\"}", "1 event, 0 commands" },
  { "statusLine", "{\"type\": \"command\", \"command\": \"~/.claude/statusline.sh\"}",
    "~/.claude/statusline.sh" },
  { "cleanupPeriodDays", "30", "30" },
  { "includeCoAuthoredBy", "false", "false" },
  { "outputStyle", "\"Explanatory\"", "Explanatory" },
  { "sandbox", "{\"enabled\": true}", "{\"enabled\":true}" },
  { "companyAnnouncements", "[\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]",
    "[\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" },
};

static void
test_describe (gconstpointer data)
{
  const DescribeCase *c = data;
  g_autoptr(JsonNode) value = sb_test_parse (c->value);
  g_autofree char *description = sb_summary_describe (c->key, value);

  g_assert_cmpstr (description, ==, c->description);
}

static void
test_routing_pointers (void)
{
  const char * const *pointers = sb_summary_get_routing_pointers ();

  g_assert_cmpuint (g_strv_length ((char **)pointers), ==, 8);
  g_assert_true (sb_summary_is_routing_pointer ("/env/ANTHROPIC_BASE_URL"));
  g_assert_true (sb_summary_is_routing_pointer ("/apiKeyHelper"));
  g_assert_true (sb_summary_is_routing_pointer ("/env/CLAUDE_CODE_SUBAGENT_MODEL"));
  g_assert_false (sb_summary_is_routing_pointer ("/env/ANTHROPIC_API_KEY"));
  g_assert_false (sb_summary_is_routing_pointer ("/permissions"));
}

/* Every routing key has a readable title, no two share one, and the titles are words
 * rather than the key again. */
static void
test_titles (void)
{
  const char * const *pointers = sb_summary_get_routing_pointers ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (const char * const *p = pointers; *p != NULL; p++)
    {
      const char *title = sb_summary_get_title (*p);

      g_assert_nonnull (title);
      g_assert_null (strchr (title, '_'));
      g_assert_false (g_hash_table_contains (seen, title));
      g_hash_table_add (seen, (gpointer) title);
    }

  g_assert_cmpstr (sb_summary_get_title ("/env/ANTHROPIC_BASE_URL"), ==, "Base URL");
  g_assert_cmpstr (sb_summary_get_title ("/env/ANTHROPIC_MODEL"), ==, "Model");
  g_assert_cmpstr (sb_summary_get_title ("/env/ANTHROPIC_DEFAULT_OPUS_MODEL"), ==, "Opus tier");
  g_assert_cmpstr (sb_summary_get_title ("/model"), ==, "Model (setting)");
  g_assert_cmpstr (sb_summary_get_title ("/apiKeyHelper"), ==, "Key helper");
  g_assert_cmpstr (sb_summary_get_title ("/env/ANTHROPIC_AUTH_TOKEN"), ==, "Auth token");
  g_assert_cmpstr (sb_summary_get_title ("/env/ANTHROPIC_API_KEY"), ==, "API key");
  /* Unknown keys, and known names at the wrong place, are shown by their key. */
  g_assert_null (sb_summary_get_title ("/env/MY_OWN_VARIABLE"));
  g_assert_null (sb_summary_get_title ("/ANTHROPIC_MODEL"));
  g_assert_null (sb_summary_get_title ("/env"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The built signalbox-key stands in for the installed one. */
  g_setenv ("SIGNALBOX_KEY_HELPER", g_getenv ("SIGNALBOX_KEY_BINARY"), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (verdict_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/summary/verdict/%u", i);

      g_test_add_data_func (path, &verdict_cases[i], test_verdict);
    }

  for (guint i = 0; i < G_N_ELEMENTS (describe_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/summary/describe/%u", i);

      g_test_add_data_func (path, &describe_cases[i], test_describe);
    }

  g_test_add_func ("/signalbox/summary/routing-pointers", test_routing_pointers);
  g_test_add_func ("/signalbox/summary/titles", test_titles);

  return g_test_run ();
}
