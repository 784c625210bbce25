/* sb-secrets.c
 *
 * Telling keys and tokens apart from other settings, so that they are never shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-json-edit.h"
#include "sb-secrets.h"

/* Names such as ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, OPENROUTER_API_KEY,
 * AWS_SECRET_ACCESS_KEY or apiKey. */
gboolean
sb_secrets_is_secret_name (const char *name)
{
  static const char * const words[] = {
    "TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "ACCESS_KEY",
    "PRIVATE_KEY", "CREDENTIAL", "AUTH_KEY",
  };
  g_autofree char *upper = NULL;

  if (name == NULL)
    return FALSE;

  upper = g_ascii_strup (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (upper, words[i]) != NULL)
      return TRUE;

  return g_str_has_suffix (upper, "_KEY");
}

/* OpenRouter keys start with sk-or-, Anthropic ones with sk-ant-. */
gboolean
sb_secrets_looks_like_key (const char *value)
{
  if (value == NULL)
    return FALSE;

  if (g_str_has_prefix (value, "Bearer "))
    return TRUE;

  return g_str_has_prefix (value, "sk-") && strlen (value) >= 20;
}

static JsonNode *
redact (JsonNode   *node,
        const char *name)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *copy = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (object);

      for (const GList *l = names; l != NULL; l = l->next)
        json_object_set_member (copy, l->data,
                                redact (json_object_get_member (object, l->data), l->data));

      JsonNode *result = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (result, copy);
      return result;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_new ();
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        json_array_add_element (copy, redact (json_array_get_element (array, i), NULL));

      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (result, copy);
      return result;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *value = json_node_get_string (node);

      /* An empty ANTHROPIC_API_KEY is meaningful and holds nothing secret. */
      if (value[0] != '\0' &&
          (sb_secrets_is_secret_name (name) || sb_secrets_looks_like_key (value)))
        return json_node_init_string (json_node_alloc (), SB_REDACTED);
    }

  return sb_json_node_copy_deep (node);
}

/**
 * sb_secrets_redact:
 * @node: settings
 *
 * Returns: (transfer full): a copy of @node in which every non-empty string that is a key
 *   or token (by its member name, or by its look) reads %SB_REDACTED
 */
JsonNode *
sb_secrets_redact (JsonNode *node)
{
  return redact (node, NULL);
}
