/* sb-summary.c
 *
 * Settings put into words: what claude uses in a folder, and what the rest of a file holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-json-edit.h"
#include "sb-routing.h"
#include "sb-secrets.h"
#include "sb-summary.h"

/* The keys that decide where claude's requests go, with which key, and which model
 * answers them; the window gives each its own row in every layer. */
static const char * const routing_pointers[] = {
  "/env/ANTHROPIC_BASE_URL",
  "/env/ANTHROPIC_MODEL",
  "/env/ANTHROPIC_DEFAULT_OPUS_MODEL",
  "/env/ANTHROPIC_DEFAULT_SONNET_MODEL",
  "/env/ANTHROPIC_DEFAULT_HAIKU_MODEL",
  "/env/CLAUDE_CODE_SUBAGENT_MODEL",
  "/model",
  "/apiKeyHelper",
  NULL
};

const char * const *
sb_summary_get_routing_pointers (void)
{
  return routing_pointers;
}

gboolean
sb_summary_is_routing_pointer (const char *pointer)
{
  return g_strv_contains (routing_pointers, pointer);
}

/* A routing key whose value is a model id: ANTHROPIC_MODEL, the tiers, `model`. */
gboolean
sb_summary_is_model_pointer (const char *pointer)
{
  return sb_summary_is_routing_pointer (pointer) &&
         (g_str_equal (pointer, "/model") || g_str_has_suffix (pointer, "_MODEL"));
}

/* Readable names for the keys a person meets most, as the HIG asks of a row's title; the
 * key itself is shown beside, so the table need not be complete. */
static const struct
{
  const char *pointer;
  const char *title;
} titles[] = {
  { "/env/ANTHROPIC_BASE_URL", N_("Base URL") },
  { "/env/ANTHROPIC_MODEL", N_("Model") },
  { "/env/ANTHROPIC_DEFAULT_OPUS_MODEL", N_("Opus tier") },
  { "/env/ANTHROPIC_DEFAULT_SONNET_MODEL", N_("Sonnet tier") },
  { "/env/ANTHROPIC_DEFAULT_HAIKU_MODEL", N_("Haiku tier") },
  { "/env/ANTHROPIC_DEFAULT_FABLE_MODEL", N_("Fable tier") },
  { "/env/ANTHROPIC_SMALL_FAST_MODEL", N_("Small fast model") },
  { "/env/CLAUDE_CODE_SUBAGENT_MODEL", N_("Subagent model") },
  { "/env/ANTHROPIC_AUTH_TOKEN", N_("Auth token") },
  { "/env/ANTHROPIC_API_KEY", N_("API key") },
  { "/env/ANTHROPIC_CUSTOM_HEADERS", N_("Custom headers") },
  { "/env/API_TIMEOUT_MS", N_("Request timeout (ms)") },
  { "/env/MAX_THINKING_TOKENS", N_("Thinking tokens") },
  { "/env/CLAUDE_CODE_MAX_OUTPUT_TOKENS", N_("Output tokens") },
  { "/env/CLAUDE_CODE_MAX_CONTEXT_TOKENS", N_("Context window") },
  { "/env/HTTPS_PROXY", N_("HTTPS proxy") },
  { "/env/HTTP_PROXY", N_("HTTP proxy") },
  { "/env/DISABLE_TELEMETRY", N_("No telemetry") },
  /* Translators: Claude Code's "model" setting, which ANTHROPIC_MODEL ("Model") overrides */
  { "/model", N_("Model (setting)") },
  { "/apiKeyHelper", N_("Key helper") },
};

/**
 * sb_summary_get_title:
 * @pointer: a JSON Pointer into a settings file, e.g. "/env/ANTHROPIC_DEFAULT_OPUS_MODEL"
 *
 * Returns: (nullable): a short readable, translated name for the setting, e.g. "Opus tier",
 *   or %NULL if it has none and is best shown by its key
 */
const char *
sb_summary_get_title (const char *pointer)
{
  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].pointer, pointer))
      return _(titles[i].title);

  return NULL;
}

/**
 * sb_summary_get_model:
 * @settings: (nullable): settings, merged or of one layer
 *
 * Returns: (nullable): the model claude asks for: `ANTHROPIC_MODEL`, which wins, else `model`
 */
char *
sb_summary_get_model (JsonNode *settings)
{
  const char *model;

  if (settings == NULL)
    return NULL;

  model = sb_json_pointer_get_string (settings, "/env/ANTHROPIC_MODEL");
  if (model == NULL || model[0] == '\0')
    model = sb_json_pointer_get_string (settings, "/model");

  return model != NULL && model[0] != '\0' ? g_strdup (model) : NULL;
}

static char *
describe_route (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;

  if (base_url == NULL || base_url[0] == '\0')
    return g_strdup (_("Anthropic"));

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return sb_secrets_redact_string ("ANTHROPIC_BASE_URL", base_url);

  if (g_str_equal (g_uri_get_host (uri), "openrouter.ai"))
    return g_strdup (_("OpenRouter"));

  return g_strdup (g_uri_get_host (uri));
}

/**
 * sb_summary_verdict:
 * @effective: a folder's merged settings
 *
 * One sentence saying what `claude` started in the folder talks to, e.g. "claude here uses
 * qwen/qwen3-coder via OpenRouter, key from the keyring".
 *
 * Returns: (transfer full): the sentence
 */
char *
sb_summary_verdict (JsonNode *effective)
{
  return sb_summary_verdict_for (effective, NULL);
}

/**
 * sb_summary_verdict_for:
 * @effective: a folder's merged settings
 * @sent: (nullable): the model id Claude Code sends there, when its rules were applied
 *   (see sb_claude_model_resolve()); %NULL for the one the settings name
 *
 * Returns: (transfer full): sb_summary_verdict() with @sent as the model
 */
char *
sb_summary_verdict_for (JsonNode   *effective,
                        const char *sent)
{
  g_autofree char *found = sent != NULL ? g_strdup (sent) : sb_summary_get_model (effective);
  g_autofree char *model = sb_secrets_redact_string ("ANTHROPIC_MODEL", found);
  g_autofree char *route = describe_route (sb_json_pointer_get_string (effective, "/env/ANTHROPIC_BASE_URL"));
  const char *token = sb_json_pointer_get_string (effective, "/env/ANTHROPIC_AUTH_TOKEN");
  const char *api_key = sb_json_pointer_get_string (effective, "/env/ANTHROPIC_API_KEY");
  const char *helper = sb_json_pointer_get_string (effective, "/apiKeyHelper");
  const char *key;

  /* The same order of precedence as Claude Code's. */
  if (token != NULL && token[0] != '\0')
    key = _("key written in a settings file");
  else if (api_key != NULL && api_key[0] != '\0')
    key = _("key written in a settings file");
  else if (sb_routing_parse_helper_command (helper, NULL))
    key = _("key from the keyring");
  else if (helper != NULL && helper[0] != '\0')
    key = _("key from an apiKeyHelper program");
  else
    key = _("no key set here");

  if (model == NULL)
    /* Translators: the first %s is a service ("OpenRouter", "Anthropic" or a host name),
     * the second where the key comes from, e.g. "key from the keyring" */
    return g_strdup_printf (_("claude here uses its default model via %s, %s"), route, key);

  /* Translators: the first %s is a model id, the second a service ("OpenRouter",
   * "Anthropic" or a host name), the third where the key comes from */
  return g_strdup_printf (_("claude here uses %s via %s, %s"), model, route, key);
}

static guint
count_array (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node)
         ? json_array_get_length (json_node_get_array (node))
         : 0;
}

static char *
describe_permissions (JsonObject *permissions)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *mode = json_object_get_member (permissions, "defaultMode");

  /* Translators: counts of permission rules */
  g_string_append_printf (text, _("%u allowed, %u denied, %u to ask"),
                          count_array (permissions, "allow"),
                          count_array (permissions, "deny"),
                          count_array (permissions, "ask"));

  if (mode != NULL && JSON_NODE_HOLDS_VALUE (mode) &&
      json_node_get_value_type (mode) == G_TYPE_STRING)
    /* Translators: %s is a permission mode such as acceptEdits */
    g_string_append_printf (text, _("; mode %s"), json_node_get_string (mode));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_hooks (JsonObject *hooks)
{
  g_autoptr(GList) members = json_object_get_members (hooks);
  guint n_events = g_list_length (members);
  guint n_commands = 0;
  g_autofree char *events = NULL;
  g_autofree char *commands = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *matchers = json_object_get_member (hooks, l->data);

      if (!JSON_NODE_HOLDS_ARRAY (matchers))
        continue;

      for (guint i = 0; i < json_array_get_length (json_node_get_array (matchers)); i++)
        {
          JsonNode *matcher = json_array_get_element (json_node_get_array (matchers), i);

          if (JSON_NODE_HOLDS_OBJECT (matcher))
            n_commands += count_array (json_node_get_object (matcher), "hooks");
        }
    }

  /* Translators: a count of hook events, as in "2 events, 3 commands" */
  events = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
  /* Translators: a count of hook commands, as in "2 events, 3 commands" */
  commands = g_strdup_printf (ngettext ("%u command", "%u commands", n_commands), n_commands);

  /* Translators: hook events and commands, as in "2 events, 3 commands" */
  return g_strdup_printf (_("%s, %s"), events, commands);
}

/**
 * sb_summary_describe:
 * @key: a top-level settings key
 * @value: its value
 *
 * A short, read-only description of a setting the window does not edit: counts for
 * permissions and hooks, the command of a status line, the value itself when short.
 *
 * Returns: (transfer full): the description
 */
char *
sb_summary_describe (const char *key,
                     JsonNode   *value)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) shown = NULL;

  if (g_str_equal (key, "permissions") && JSON_NODE_HOLDS_OBJECT (value))
    return describe_permissions (json_node_get_object (value));

  if (g_str_equal (key, "hooks") && JSON_NODE_HOLDS_OBJECT (value))
    return describe_hooks (json_node_get_object (value));

  /* A command or a rule may hold a key. */
  shown = sb_secrets_redact_member (key, value);
  if (JSON_NODE_HOLDS_VALUE (shown) && json_node_get_value_type (shown) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (shown));
  else if (JSON_NODE_HOLDS_OBJECT (value) && json_object_has_member (json_node_get_object (value),
                                                                      "command"))
    return sb_summary_describe ("command", json_object_get_member (json_node_get_object (value),
                                                                   "command"));
  else
    text = sb_json_node_to_string (shown);

  if (g_utf8_strlen (text, -1) > 80)
    {
      char *end = g_utf8_offset_to_pointer (text, 79);

      *end = '\0';
      return g_strconcat (text, "…", NULL);
    }

  return g_steal_pointer (&text);
}
