/* test-secrets.c
 *
 * Tests for telling keys and tokens from other settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-json-edit.h"
#include "sb-secrets.h"
#include "sb-test-util.h"

static void
test_secret_names (void)
{
  static const char * const secret[] = {
    "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY", "OPENROUTER_API_KEY", "AWS_SECRET_ACCESS_KEY",
    "GITHUB_TOKEN", "apiKey", "DB_PASSWORD", "AWS_SESSION_TOKEN", "GOOGLE_CREDENTIALS",
  };
  static const char * const not_secret[] = {
    "apiKeyHelper", "MAX_THINKING_TOKENS", "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "ANTHROPIC_MODEL",
    "ANTHROPIC_BASE_URL", "KEYBOARD_LAYOUT", "model", "", "DISABLE_PROMPT_CACHING",
  };

  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    {
      g_test_message ("%s", secret[i]);
      g_assert_true (sb_secrets_is_secret_name (secret[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_secret); i++)
    {
      g_test_message ("%s", not_secret[i]);
      g_assert_false (sb_secrets_is_secret_name (not_secret[i]));
    }
}

static void
test_secret_values (void)
{
  g_autoptr(GString) key = g_string_new ("sk-or-v1-");

  for (guint i = 0; i < 64; i++)
    g_string_append_c (key, 'a' + i % 6);

  g_assert_true (sb_secrets_looks_like_key (key->str));
  g_assert_true (sb_secrets_looks_like_key ("Bearer abc"));
  g_assert_false (sb_secrets_looks_like_key ("sk-short"));
  g_assert_false (sb_secrets_looks_like_key ("qwen/qwen3-coder"));
  g_assert_false (sb_secrets_looks_like_key (NULL));
}

static void
test_redact (void)
{
  /* Built here, so that no key-shaped string is ever committed. */
  g_autofree char *key = g_strconcat ("sk-ant-", "api03-", "aaaaaaaaaaaaaaaaaaaaaaaa", NULL);
  g_autofree char *text = g_strdup_printf (
    "{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"abc\", \"ANTHROPIC_API_KEY\": \"\","
    "          \"MAX_THINKING_TOKENS\": \"8000\"},"
    " \"apiKeyHelper\": \"/usr/bin/signalbox-key\","
    " \"notes\": [\"%s\", \"plain\"]}", key);
  g_autoptr(JsonNode) settings = sb_test_parse (text);
  g_autoptr(JsonNode) redacted = sb_secrets_redact (settings);

  sb_test_assert_json_equal (redacted,
    "{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"<redacted>\", \"ANTHROPIC_API_KEY\": \"\","
    "          \"MAX_THINKING_TOKENS\": \"8000\"},"
    " \"apiKeyHelper\": \"/usr/bin/signalbox-key\","
    " \"notes\": [\"sk-ant-api03-…aaaa\", \"plain\"]}");

  /* The original is untouched. */
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (settings, "/env/ANTHROPIC_AUTH_TOKEN")),
                   ==, "abc");
}

static void
test_redact_text (void)
{
  g_autofree char *key = g_strconcat ("sk-or-", "v1-", "bbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL);
  g_autofree char *text = g_strdup_printf (
    "{\n  \"env\": {\n    \"ANTHROPIC_AUTH_TOKEN\": \"t0ken-value\",\n"
    "    \"ANTHROPIC_API_KEY\": \"\",\n    \"NOTE\": \"%s\"\n  },\n"
    "  \"model\": \"qwen/qwen3-coder\"\n}\n", key);
  g_autofree char *redacted = sb_secrets_redact_text (text, strlen (text));
  g_autofree char *broken = g_strdup_printf ("{\"x\": \"%s\",", key);
  g_autofree char *broken_redacted = sb_secrets_redact_text (broken, strlen (broken));

  g_assert_null (strstr (redacted, key));
  g_assert_null (strstr (redacted, "t0ken-value"));
  g_assert_nonnull (strstr (redacted, "\"ANTHROPIC_AUTH_TOKEN\": \"<redacted>\""));
  /* A key by its shape keeps what tells it apart. */
  g_assert_nonnull (strstr (redacted, "\"NOTE\": \"sk-or-v1-…bbbb\""));
  /* Everything else is as in the file, layout included. */
  g_assert_nonnull (strstr (redacted, "\"ANTHROPIC_API_KEY\": \"\",\n"));
  g_assert_nonnull (strstr (redacted, "  \"model\": \"qwen/qwen3-coder\"\n}\n"));

  /* A file that does not parse still hides what looks like a key. */
  g_assert_null (strstr (broken_redacted, key));
  g_assert_cmpstr (broken_redacted, ==, "{\"x\": \"sk-or-v1-…bbbb\",");
}

/* Bytes that are not UTF-8 (the crash fuzz-layer found): replaced, and keys still hidden. */
static void
test_redact_text_not_utf8 (void)
{
  static const char text[] =
    "{\n  \"x\": {\n  Bearer \xff\xffk\": {\n \"allowUnixSockets\": [\n \"sk-or-v1-"
    "0123456789abcdef0123\xc3\", \"/run/\xe2\x82\"]";
  g_autofree char *redacted = sb_secrets_redact_text (text, sizeof text - 1);

  g_assert_true (g_utf8_validate (redacted, -1, NULL));
  g_assert_null (strstr (redacted, "Bearer \xef\xbf\xbd"));
  g_assert_null (strstr (redacted, "sk-or-v1-0123456789"));
  g_assert_nonnull (strstr (redacted, "allowUnixSockets"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signalbox/secrets/names", test_secret_names);
  g_test_add_func ("/signalbox/secrets/values", test_secret_values);
  g_test_add_func ("/signalbox/secrets/redact", test_redact);
  g_test_add_func ("/signalbox/secrets/redact-text", test_redact_text);
  g_test_add_func ("/signalbox/secrets/redact-text-not-utf8", test_redact_text_not_utf8);

  return g_test_run ();
}
