/* test-security-redaction.c
 *
 * Keys inside values (commands, rules, headers, URLs) hidden by their shape, through every
 * output: the redactor itself, JSON trees, the raw text, summaries, diagnostics and
 * `signalbox --status`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-diagnostics.h"
#include "sb-json-edit.h"
#include "sb-layer-stack.h"
#include "sb-secrets.h"
#include "sb-summary.h"
#include "sb-test-util.h"

/* Made-up keys of each shape, built at run time so that no key-shaped string is ever
 * committed. A case names them {OR}; {OR*} is what must be shown of them. */
typedef struct
{
  const char *tag;
  const char *prefix;     /* what is shown before the "…" */
  const char *alphabet;
  guint       length;     /* characters after the prefix */
  char       *key;
  char       *masked;
} FakeKey;

static FakeKey fake_keys[] = {
  { "OR", "sk-or-v1-", "0123456789abcdef", 64, NULL, NULL },
  { "ANT", "sk-ant-api03-", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 93,
    NULL, NULL },
  { "OAI", "sk-proj-", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48,
    NULL, NULL },
  { "GH", "ghp_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36,
    NULL, NULL },
  { "PAT", "github_pat_", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 59, NULL, NULL },
  { "AWS", "AKIA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, NULL, NULL },
  { "GOOG", "AIza", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 35,
    NULL, NULL },
  { "SLACK", "xoxb-", "0123456789", 24, NULL, NULL },
  { "JWT", "eyJ", NULL, 0, NULL, NULL },
  /* Tokens of no known shape: shown as <redacted> only. */
  { "TOK", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40, NULL, NULL },
  { "PASS", "", "abcdefghijklmnopqrstuvwxyz", 14, NULL, NULL },
};

static void
make_fake_keys (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fake_keys); i++)
    {
      FakeKey *fake = &fake_keys[i];
      GString *key = g_string_new (fake->prefix);

      if (fake->alphabet == NULL)
        /* header.payload.signature, each part base64url */
        g_string_append (key, "hbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX3Zx");
      else
        for (guint j = 0; j < fake->length; j++)
          g_string_append_c (key, fake->alphabet[(j * 7 + 3 + i) % strlen (fake->alphabet)]);

      fake->key = g_string_free (key, FALSE);
      fake->masked = g_strdup_printf ("%s…%s", fake->prefix,
                                      fake->key + strlen (fake->key) - 4);
    }
}

/* @template with {TAG} as the key and {TAG*} as its masked form. */
static char *
expand (const char *template)
{
  g_autoptr(GString) text = g_string_new (template);

  for (guint i = 0; i < G_N_ELEMENTS (fake_keys); i++)
    {
      g_autofree char *plain = g_strdup_printf ("{%s}", fake_keys[i].tag);
      g_autofree char *masked = g_strdup_printf ("{%s*}", fake_keys[i].tag);

      g_string_replace (text, masked, fake_keys[i].masked, 0);
      g_string_replace (text, plain, fake_keys[i].key, 0);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* No key of @template (nor the part of it a mask hides) is in @shown. */
static void
assert_no_key (const char *template,
               const char *shown)
{
  for (guint i = 0; i < G_N_ELEMENTS (fake_keys); i++)
    {
      FakeKey *fake = &fake_keys[i];
      g_autofree char *plain = g_strdup_printf ("{%s}", fake->tag);
      g_autofree char *hidden = NULL;

      if (strstr (template, plain) == NULL)
        continue;

      /* The middle of the key, what neither the prefix nor the last four show. */
      hidden = g_strndup (fake->key + strlen (fake->prefix),
                          strlen (fake->key) - strlen (fake->prefix) - 4);
      g_assert_null (strstr (shown, fake->key));
      g_assert_null (strstr (shown, hidden));
    }
}

typedef struct
{
  const char *id;
  const char *name;      /* nullable */
  const char *value;
  const char *expected;
} Case;

static const Case cases[] = {
  /* The findings of issue 12 */
  { "helper-echo", "apiKeyHelper", "sh -c 'echo {OR}'", "sh -c 'echo {OR*}'" },
  { "custom-headers", "ANTHROPIC_CUSTOM_HEADERS", "Authorization: Bearer {TOK}\nX-Title: demo",
    "Authorization: Bearer <redacted>\nX-Title: demo" },
  { "rule-assignment", NULL, "Bash(OPENROUTER_API_KEY={OR} npm test)",
    "Bash(OPENROUTER_API_KEY={OR*} npm test)" },
  { "proxy-password", "HTTPS_PROXY", "http://alice:{PASS}@proxy.example:3128",
    "http://alice:<redacted>@proxy.example:3128" },
  /* A whole value under a secret name */
  { "secret-name", "ANTHROPIC_AUTH_TOKEN", "{OR}", "<redacted>" },
  { "secret-name-plain", "DB_PASSWORD", "{PASS}", "<redacted>" },
  { "secret-name-empty", "ANTHROPIC_API_KEY", "", "" },
  { "header-member", "Authorization", "Basic {TOK}", "<redacted>" },
  /* Shapes anywhere in a string */
  { "anthropic", NULL, "key {ANT} for the team", "key {ANT*} for the team" },
  { "openai", "OPENAI_ORG_NOTE", "{OAI}", "{OAI*}" },
  { "github-in-url", NULL, "git clone https://{GH}@github.com/acme/app",
    "git clone https://{GH*}@github.com/acme/app" },
  { "github-pat-option", NULL, "gh auth login --token {PAT}", "gh auth login --token {PAT*}" },
  { "aws-pair", NULL, "AWS_ACCESS_KEY_ID={AWS} AWS_SECRET_ACCESS_KEY={TOK} aws s3 ls",
    "AWS_ACCESS_KEY_ID={AWS*} AWS_SECRET_ACCESS_KEY=<redacted> aws s3 ls" },
  { "google-query", NULL, "curl \"https://maps.example/api?key={GOOG}&q=x\"",
    "curl \"https://maps.example/api?key={GOOG*}&q=x\"" },
  { "slack", NULL, "SLACK_HOOK={SLACK}", "SLACK_HOOK={SLACK*}" },
  { "jwt-authorization", NULL, "Authorization: {JWT}", "Authorization: {JWT*}" },
  { "two-keys", NULL, "{OR} {ANT}", "{OR*} {ANT*}" },
  /* Values of secret-looking names, quoted or not */
  { "header-api-key", NULL, "x-api-key: {TOK}", "x-api-key: <redacted>" },
  { "json-in-command", NULL, "echo '{\"apiKey\": \"{TOK}\"}' > ~/.config/x.json",
    "echo '{\"apiKey\": \"<redacted>\"}' > ~/.config/x.json" },
  { "export-quoted", NULL, "export OPENROUTER_API_KEY=\"{TOK}\"; claude",
    "export OPENROUTER_API_KEY=\"<redacted>\"; claude" },
  { "rule-password", NULL, "Bash(PGPASSWORD={PASS} psql)", "Bash(PGPASSWORD=<redacted> psql)" },
  { "option-equals", NULL, "tool --api-key={TOK} run", "tool --api-key=<redacted> run" },
  { "basic-auth", NULL, "curl -H 'authorization: basic {TOK}' x",
    "curl -H 'authorization: basic <redacted>' x" },
  { "url-in-rule", NULL, "WebFetch(https://bob:{PASS}@git.example/repo)",
    "WebFetch(https://bob:<redacted>@git.example/repo)" },
  /* Left as they are */
  { "model-id", "ANTHROPIC_MODEL", "qwen/qwen3-coder", "qwen/qwen3-coder" },
  { "not-a-key", NULL, "task-runner-for-the-monorepo-build", "task-runner-for-the-monorepo-build" },
  { "variable-reference", NULL, "Authorization: Bearer $OPENROUTER_API_KEY",
    "Authorization: Bearer $OPENROUTER_API_KEY" },
  { "helper", "apiKeyHelper", "/usr/bin/signalbox-key --profile work",
    "/usr/bin/signalbox-key --profile work" },
  { "tokens-setting", NULL, "MAX_THINKING_TOKENS=8000 claude", "MAX_THINKING_TOKENS=8000 claude" },
  { "base-url", "ANTHROPIC_BASE_URL", "https://openrouter.ai/api", "https://openrouter.ai/api" },
  { "rule", NULL, "Bash(npm run lint:*)", "Bash(npm run lint:*)" },
  /* A diagnostic's sentence is not a header. */
  { "prose", NULL, "OpenRouter here but has no key: set apiKeyHelper (the key page does)",
    "OpenRouter here but has no key: set apiKeyHelper (the key page does)" },
};

static void
test_string (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *value = expand (c->value);
  g_autofree char *expected = expand (c->expected);
  g_autofree char *shown = sb_secrets_redact_string (c->name, value);

  g_assert_cmpstr (shown, ==, expected);
  assert_no_key (c->value, shown);

  /* What tells a key apart is still there. */
  for (guint i = 0; i < G_N_ELEMENTS (fake_keys); i++)
    {
      g_autofree char *masked = g_strdup_printf ("{%s*}", fake_keys[i].tag);

      if (strstr (c->expected, masked) != NULL)
        g_assert_nonnull (strstr (shown, fake_keys[i].masked));
    }
}

/* Every case as settings: env values, permission rules and the helper. */
static char *
settings_with_cases (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiKeyHelper");
  /* It does not parse: the diagnostic quotes it. */
  json_builder_add_string_value (builder, "sh -c 'echo {OR}");
  json_builder_set_member_name (builder, "env");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;

      if (cases[i].name != NULL && g_ascii_isupper (cases[i].name[0]))
        name = g_strdup (cases[i].name);
      else
        name = g_strdup_printf ("CASE_%u", i);
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, cases[i].value);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "permissions");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "allow");
  json_builder_begin_array (builder);
  /* Rules carry no name: only the cases that need none. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (cases[i].name == NULL)
      json_builder_add_string_value (builder, cases[i].value);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "statusLine");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "command");
  json_builder_set_member_name (builder, "command");
  /* The password of DB_PASSWORD, quoted again where nothing says it is one. */
  json_builder_add_string_value (builder, "OPENROUTER_API_KEY={OR} ccstatus --pg {PASS}");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  {
    g_autofree char *template = sb_json_node_to_string (root);

    return expand (template);
  }
}

/* Every template a settings_with_cases() file holds, joined, for assert_no_key(). */
static char *
all_templates (void)
{
  g_autoptr(GString) all = g_string_new ("{OR}");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append (all, cases[i].value);

  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* A value set under a secret name is hidden where it is quoted again, with no name. */
static void
test_known (void)
{
  g_autofree char *text = expand ("{\"env\": {\"ANTHROPIC_AUTH_TOKEN\": \"{PASS}\"}, "
                                  "\"apiKeyHelper\": \"printf %s {PASS}\", "
                                  "\"permissions\": {\"allow\": [\"Bash(curl -u me:{PASS})\"]}}");
  g_autoptr(JsonNode) settings = sb_test_parse (text);
  g_autoptr(JsonNode) redacted = sb_secrets_redact (settings);
  g_autoptr(JsonNode) helper = sb_secrets_redact_at (settings, "/apiKeyHelper");
  g_autofree char *shown = sb_json_node_to_string (redacted);
  g_autofree char *raw = sb_secrets_redact_text (text, strlen (text));

  assert_no_key ("{PASS}", shown);
  assert_no_key ("{PASS}", raw);
  g_assert_cmpstr (json_node_get_string (helper), ==, "printf %s <redacted>");
  g_assert_nonnull (strstr (raw, "\"Bash(curl -u me:<redacted>)\""));
  g_assert_null (sb_secrets_redact_at (settings, "/nothing"));
}

static void
test_json (void)
{
  g_autofree char *text = expand ("{\"env\": {\"{OR}\": \"1\", \"HTTPS_PROXY\": "
                                  "\"http://u:{PASS}@h:1\"}, \"permissions\": {\"allow\": "
                                  "[\"Bash(OPENROUTER_API_KEY={OR} npm test)\"]}}");
  g_autoptr(JsonNode) settings = sb_test_parse (text);
  g_autoptr(JsonNode) redacted = sb_secrets_redact (settings);
  g_autofree char *shown = sb_json_node_to_string (redacted);
  g_autofree char *masked_name = expand ("/env/{OR*}");

  assert_no_key ("{OR}{PASS}", shown);
  /* A key that is a member name is hidden as well. */
  g_assert_nonnull (sb_json_pointer_get (redacted, masked_name));
  g_assert_nonnull (strstr (shown, "http://u:<redacted>@h:1"));
  g_assert_nonnull (strstr (shown, fake_keys[0].masked));
}

/* Keys written with JSON escapes, which a search for the decoded value does not find. */
static void
test_text_escapes (void)
{
  /* "s" as \u0073, the first digit as \u00XX, and a URL with \/ */
  g_autofree char *escaped_key = g_strdup_printf ("\\u0073k-or-v1-\\u00%02x%s",
                                                  fake_keys[0].key[9],
                                                  fake_keys[0].key + 10);
  g_autofree char *text = expand ("{\n"
                                  "  \"apiKeyHelper\": \"echo KEYHERE\",\n"
                                  "  \"env\": {\n"
                                  "    \"OPENROUTER_API_\\u004bEY\": \"{PASS}\",\n"
                                  "    \"HTTPS_PROXY\": \"http:\\/\\/alice:{PASS}@proxy\\/\",\n"
                                  "    \"KEYHERE\": \"1\"\n"
                                  "  }\n"
                                  "}\n");
  g_autoptr(GString) input = g_string_new (text);
  g_autofree char *redacted = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *broken_redacted = NULL;

  g_string_replace (input, "KEYHERE", escaped_key, 0);
  redacted = sb_secrets_redact_text (input->str, input->len);

  g_assert_null (strstr (redacted, escaped_key));
  g_assert_null (strstr (redacted, fake_keys[0].key + 12));
  g_assert_null (strstr (redacted, fake_keys[10].key));
  g_assert_nonnull (strstr (redacted, "\"apiKeyHelper\": \"echo sk-or-v1-…"));
  g_assert_nonnull (strstr (redacted, "\"OPENROUTER_API_\\u004bEY\": \"<redacted>\",\n"));
  g_assert_nonnull (strstr (redacted, "\"HTTPS_PROXY\": \"http://alice:<redacted>@proxy/\""));
  /* The key as a member name too; the layout around is the file's. */
  g_assert_nonnull (strstr (redacted, "…"));
  g_assert_nonnull (strstr (redacted, "\": \"1\"\n  }\n}\n"));

  /* The same, broken: read token by token. */
  broken = g_strconcat (input->str, ",", NULL);
  broken_redacted = sb_secrets_redact_text (broken, strlen (broken));
  g_assert_null (strstr (broken_redacted, escaped_key));
  g_assert_null (strstr (broken_redacted, fake_keys[0].key + 12));
  g_assert_null (strstr (broken_redacted, fake_keys[10].key));
  g_assert_nonnull (strstr (broken_redacted, "\"OPENROUTER_API_\\u004bEY\": \"<redacted>\""));
}

static void
test_summary (void)
{
  g_autofree char *text = expand ("{\"type\": \"command\", "
                                  "\"command\": \"OPENROUTER_API_KEY={OR} ccstatus\"}");
  g_autoptr(JsonNode) status_line = sb_test_parse (text);
  g_autofree char *helper = expand ("\"sh -c 'echo {OR}'\"");
  g_autoptr(JsonNode) helper_node = sb_test_parse (helper);
  g_autofree char *rules = expand ("[\"Bash(OPENROUTER_API_KEY={OR} npm test)\"]");
  g_autoptr(JsonNode) rules_node = sb_test_parse (rules);
  g_autofree char *effective_text = expand ("{\"model\": \"sk-or-v1-x {OR}\", \"env\": "
                                            "{\"ANTHROPIC_BASE_URL\": "
                                            "\"https://u:{PASS}@proxy.example/api\"}}");
  g_autoptr(JsonNode) effective = sb_test_parse (effective_text);
  g_autofree char *described = sb_summary_describe ("statusLine", status_line);
  g_autofree char *described_helper = sb_summary_describe ("apiKeyHelper", helper_node);
  g_autofree char *described_rules = sb_summary_describe ("allowRules", rules_node);
  g_autofree char *verdict = sb_summary_verdict (effective);
  g_autofree char *expected_helper = expand ("sh -c 'echo {OR*}'");

  assert_no_key ("{OR}", described);
  g_assert_nonnull (strstr (described, fake_keys[0].masked));
  assert_no_key ("{OR}", described_helper);
  g_assert_cmpstr (described_helper, ==, expected_helper);
  assert_no_key ("{OR}", described_rules);
  assert_no_key ("{OR}{PASS}", verdict);
}

static void
test_diagnostics (SbTestEnv     *env,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  /* A helper command that does not parse: the message quotes it. */
  g_autofree char *text = expand ("{\"apiKeyHelper\": \"sh -c 'echo {OR}\", "
                                  "\"env\": {\"ANTHROPIC_MODEL\": \"{ANT}\", "
                                  "\"DB_PASSWORD\": 73920581446}}");
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  gboolean quoted = FALSE;
  gboolean found_number_fix = FALSE;

  sb_test_write (path, text);
  stack = sb_layer_stack_new (env->folder);
  diagnostics = sb_diagnostics_check (stack);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      g_test_message ("%s", diagnostic->message);
      assert_no_key ("{OR}{ANT}", diagnostic->message);
      g_assert_null (strstr (diagnostic->message, "73920581446"));
      if (diagnostic->fix != NULL)
        {
          assert_no_key ("{OR}{ANT}", diagnostic->fix->description);
          g_assert_null (strstr (diagnostic->fix->description, "73920581446"));
          if (g_strcmp0 (diagnostic->pointer, "/env/DB_PASSWORD") == 0)
            found_number_fix = TRUE;
        }
      if (strstr (diagnostic->message, "apiKeyHelper") != NULL &&
          strstr (diagnostic->message, fake_keys[0].masked) != NULL)
        quoted = TRUE;
    }

  /* The message still says which command it is. */
  g_assert_true (quoted);
  /* A number under a secret name: its fix does not quote it. */
  g_assert_true (found_number_fix);
}

static void
run_status (SbTestEnv  *env,
            gboolean    json,
            char      **out,
            char      **err)
{
  const char *args[] = { "--status", json ? "--json" : env->folder,
                         json ? env->folder : NULL, NULL };

  sb_test_run ("SIGNALBOX_BINARY", args, NULL, out, err);
}

static void
test_status (SbTestEnv     *env,
             gconstpointer  data)
{
  gboolean json = GPOINTER_TO_INT (data);
  g_autofree char *project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json",
                                             NULL);
  g_autofree char *settings = settings_with_cases ();
  g_autofree char *broken = NULL;
  g_autofree char *templates = all_templates ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  sb_test_write (project, settings);
  /* A file that does not parse, its error quoting nothing but positions today; a key in
   * it must stay out of the output all the same. */
  broken = expand ("{\"env\": {\"X\": \"{OR}\"},\n  \"apiKeyHelper\": 'echo {ANT}'}");
  sb_test_write (local, broken);

  run_status (env, json, &out, &err);

  assert_no_key (templates, out);
  assert_no_key (templates, err);
  assert_no_key ("{ANT}", out);
  /* Recognisable, not gone. */
  g_assert_nonnull (strstr (out, fake_keys[0].masked));
  g_assert_nonnull (strstr (out, "<redacted>"));

  if (json)
    {
      g_autoptr(JsonNode) root = sb_test_parse (out);
      JsonNode *helper = sb_json_pointer_get (root, "/effective/apiKeyHelper");
      g_autofree char *expected = expand ("sh -c 'echo {OR*}");

      g_assert_nonnull (helper);
      g_assert_cmpstr (json_node_get_string (helper), ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  make_fake_keys ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/security-redaction/string/%s",
                                               cases[i].id);

      g_test_add_data_func (path, &cases[i], test_string);
    }

  g_test_add_func ("/signalbox/security-redaction/json", test_json);
  g_test_add_func ("/signalbox/security-redaction/known", test_known);
  g_test_add_func ("/signalbox/security-redaction/text-escapes", test_text_escapes);
  g_test_add_func ("/signalbox/security-redaction/summary", test_summary);
  g_test_add ("/signalbox/security-redaction/diagnostics", SbTestEnv, NULL,
              sb_test_env_setup, test_diagnostics, sb_test_env_teardown);
  g_test_add ("/signalbox/security-redaction/status-text", SbTestEnv, GINT_TO_POINTER (FALSE),
              sb_test_env_setup, test_status, sb_test_env_teardown);
  g_test_add ("/signalbox/security-redaction/status-json", SbTestEnv, GINT_TO_POINTER (TRUE),
              sb_test_env_setup, test_status, sb_test_env_teardown);

  return g_test_run ();
}
