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

/* The words of a name, upper case: "apiKeyHelper" and "API_KEY_HELPER" both give
 * API, KEY, HELPER. */
static GPtrArray *
split_words (const char *name)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = name; ; p++)
    {
      gboolean boundary = *p == '\0' || *p == '_' || *p == '-' || *p == '.' ||
                          (g_ascii_isupper (*p) && p > name && g_ascii_islower (p[-1]));

      if (boundary && word->len > 0)
        {
          g_ptr_array_add (words, g_ascii_strup (word->str, -1));
          g_string_truncate (word, 0);
        }

      if (*p == '\0')
        break;

      if (g_ascii_isalnum (*p))
        g_string_append_c (word, *p);
    }

  g_string_free (word, TRUE);
  return words;
}

/* Names such as ANTHROPIC_AUTH_TOKEN, OPENROUTER_API_KEY, AWS_SECRET_ACCESS_KEY or
 * apiKey, but not MAX_THINKING_TOKENS or apiKeyHelper: a word that names a secret, or
 * KEY as the last word. */
gboolean
sb_secrets_is_secret_name (const char *name)
{
  static const char * const secret_words[] = {
    "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "CREDENTIALS", "APIKEY",
  };
  g_autoptr(GPtrArray) words = NULL;

  if (name == NULL)
    return FALSE;

  words = split_words (name);
  if (words->len == 0)
    return FALSE;

  for (guint i = 0; i < words->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (secret_words); j++)
      if (strcmp (g_ptr_array_index (words, i), secret_words[j]) == 0)
        return TRUE;

  return strcmp (g_ptr_array_index (words, words->len - 1), "KEY") == 0;
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

static void
collect_secrets (JsonNode   *node,
                 const char *name,
                 GPtrArray  *found)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (const GList *l = names; l != NULL; l = l->next)
        collect_secrets (json_object_get_member (object, l->data), l->data, found);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_secrets (json_array_get_element (array, i), NULL, found);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *value = json_node_get_string (node);

      if (value[0] != '\0' &&
          (sb_secrets_is_secret_name (name) || sb_secrets_looks_like_key (value)))
        g_ptr_array_add (found, g_strdup (value));
    }
}

/**
 * sb_secrets_redact_text:
 * @text: the text of a settings file, valid UTF-8
 * @length: its length in bytes
 *
 * The text to show for a settings file: every key or token in it, found by its member
 * name or by its look, reads %SB_REDACTED; everything else is as in the file, but for
 * bytes that are not UTF-8, which read U+FFFD.
 *
 * Returns: (transfer full): the text
 */
char *
sb_secrets_redact_text (const char *text,
                        gsize       length)
{
  static GRegex *looks_like_key;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SbJsonDoc) doc = NULL;
  g_autofree char *copy = NULL;
  char *result;

  /* GRegex reads past the end of text that is not UTF-8 (found by fuzz-layer): such bytes
   * become U+FFFD first. */
  if (g_utf8_validate_len (text, length, NULL))
    copy = g_strndup (text, length);
  else
    copy = g_utf8_make_valid (text, length);

  if (g_once_init_enter (&looks_like_key))
    g_once_init_leave (&looks_like_key,
                       g_regex_new ("sk-[A-Za-z0-9_-]{17,}|Bearer [^\"\\s]+",
                                    G_REGEX_OPTIMIZE, 0, NULL));

  doc = sb_json_doc_new (text, length, NULL);
  if (doc != NULL)
    collect_secrets (sb_json_doc_get_root (doc), NULL, found);

  for (guint i = 0; i < found->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (copy, g_ptr_array_index (found, i), -1);

      g_free (copy);
      copy = g_strjoinv (SB_REDACTED, parts);
    }

  result = g_regex_replace_literal (looks_like_key, copy, -1, 0, SB_REDACTED, 0, NULL);
  return result != NULL ? result : g_steal_pointer (&copy);
}
