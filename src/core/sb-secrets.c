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

/* Names such as ANTHROPIC_AUTH_TOKEN, OPENROUTER_API_KEY, AWS_SECRET_ACCESS_KEY, PGPASSWORD,
 * an Authorization header or apiKey, but not MAX_THINKING_TOKENS or apiKeyHelper: a word
 * that names a secret or ends with one, or KEY as the last word. */
gboolean
sb_secrets_is_secret_name (const char *name)
{
  static const char * const secret_words[] = {
    "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "CREDENTIALS", "APIKEY",
    "AUTHORIZATION",
  };
  g_autoptr(GPtrArray) words = NULL;

  if (name == NULL)
    return FALSE;

  words = split_words (name);
  if (words->len == 0)
    return FALSE;

  /* PGPASSWORD or GHTOKEN glue the secret word to another. */
  for (guint i = 0; i < words->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (secret_words); j++)
      if (g_str_has_suffix (g_ptr_array_index (words, i), secret_words[j]))
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

/* Redaction by shape: keys are found anywhere inside a string (a command, a rule, a header
 * list), not only where a whole value is one. What is shown of a key is its public prefix and
 * its last four characters: enough to tell which key it is, never enough to use it. */

#define SHOWN_TAIL 4

/* Shapes of keys that their issuers publish. The look-behind keeps "task-…" or "risk-…"
 * from reading as an "sk-" key. */
#define KEY_SHAPES \
  "(?<![A-Za-z0-9])(?:" \
  "sk-or-v1-[A-Za-z0-9]{16,}" \
  "|sk-ant-[A-Za-z0-9_-]{16,}" \
  "|sk-[A-Za-z0-9_-]{17,}" \
  "|gh[pousr]_[A-Za-z0-9]{20,}" \
  "|github_pat_[A-Za-z0-9_]{20,}" \
  "|glpat-[A-Za-z0-9_-]{20,}" \
  "|xox[abposr]-[A-Za-z0-9-]{10,}" \
  "|A[KS]IA[0-9A-Z]{16}" \
  "|AIza[0-9A-Za-z_-]{35}" \
  "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}" \
  ")"

/* The prefixes shown before the "…", longest first: the first that fits is shown. */
#define MASKED_PREFIX \
  "sk-or-v1-|sk-ant-[a-z]{2,8}[0-9]{0,3}-|sk-ant-|sk-proj-|sk-svcacct-|sk-admin-|sk-" \
  "|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|A[KS]IA|AIza|eyJ"

typedef enum
{
  PATTERN_SHAPE,
  PATTERN_PREFIX,
  PATTERN_MASKED,
  PATTERN_USERINFO,
  PATTERN_BEARER,
  PATTERN_AUTHORIZATION,
  PATTERN_ASSIGNMENT,
  PATTERN_OPTION,
  PATTERN_TOKEN,
  N_PATTERNS
} Pattern;

static GRegex *
get_pattern (Pattern pattern)
{
  static const char * const sources[N_PATTERNS] = {
    [PATTERN_SHAPE] = KEY_SHAPES,
    [PATTERN_PREFIX] = "^(?:" MASKED_PREFIX ")",
    [PATTERN_MASKED] = "^(?:" MASKED_PREFIX ")…[A-Za-z0-9_-]{" G_STRINGIFY (SHOWN_TAIL) "}$",
    /* scheme://user:PASSWORD@host */
    [PATTERN_USERINFO] = "(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:'\"]*:)"
                         "([^\\s/?#@'\"]+)(?=@)",
    [PATTERN_BEARER] = "(?<![A-Za-z0-9_-])(Bearer[ \\t]+)([^\\s'\"\\\\,;)]+)",
    [PATTERN_AUTHORIZATION] = "(?i)(?<![A-Za-z0-9_-])((?:proxy-)?authorization[\"']?[ \\t]*"
                              "[:=][ \\t]*[\"']?(?:(?:bearer|basic|digest|token|bot)[ \\t]+)?)"
                              "([^\\s'\"\\\\,;)]+)",
    /* NAME=value, NAME: value, "name": "value", name='value' */
    [PATTERN_ASSIGNMENT] = "(?<![A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_.-]*)([\"']?)"
                           "(?:[ \\t]*(=)|[ \\t]*:[ \\t]*)",
    /* --name value, --name=value */
    [PATTERN_OPTION] = "(?<![A-Za-z0-9_-])--?([A-Za-z][A-Za-z0-9_-]*)(?:[ \\t]+|=)",
    /* a JSON string, maybe cut short by the end of a line */
    [PATTERN_TOKEN] = "\"((?:[^\"\\\\\\n]|\\\\.)*)\"?",
  };
  static GRegex *patterns[N_PATTERNS];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_PATTERNS; i++)
        {
          g_autoptr(GError) error = NULL;

          patterns[i] = g_regex_new (sources[i], G_REGEX_OPTIMIZE, 0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&initialized, 1);
    }

  return patterns[pattern];
}

/* A key of a known shape as its prefix, "…" and its last characters. */
static char *
mask_key (const char *key,
          gsize       length)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *copy = g_strndup (key, length);
  int prefix_end = 0;

  if (g_regex_match (get_pattern (PATTERN_PREFIX), copy, 0, &match))
    g_match_info_fetch_pos (match, 0, NULL, &prefix_end);

  /* A key too short to keep most of it hidden shows no tail. */
  if (length < (gsize) prefix_end + 3 * SHOWN_TAIL)
    return g_strdup (SB_REDACTED);

  return g_strdup_printf ("%.*s…%s", prefix_end, copy, copy + length - SHOWN_TAIL);
}

/* Whether @value is what redaction already made of something: no need to hide it again,
 * and a recognisable key stays recognisable. */
static gboolean
is_masked (const char *value,
           gssize      length)
{
  g_autofree char *copy = g_strndup (value, length < 0 ? strlen (value) : (gsize) length);

  if (g_str_has_prefix (copy, SB_REDACTED))
    return TRUE;

  /* A reference to a variable ($TOKEN, ${TOKEN}, $(command)) names a secret, it is none. */
  if (copy[0] == '$')
    return TRUE;

  return g_regex_match (get_pattern (PATTERN_MASKED), copy, 0, NULL);
}

static gboolean
mask_shape_cb (const GMatchInfo *match,
               GString          *result,
               gpointer          user_data)
{
  int start, end;
  g_autofree char *masked = NULL;

  g_match_info_fetch_pos (match, 0, &start, &end);
  masked = mask_key (g_match_info_get_string (match) + start, end - start);
  g_string_append (result, masked);
  return FALSE;
}

/* Keeps group 1, hides group 2 unless it is already hidden. */
static gboolean
mask_second_group_cb (const GMatchInfo *match,
                      GString          *result,
                      gpointer          user_data)
{
  g_autofree char *kept = g_match_info_fetch (match, 1);
  g_autofree char *secret = g_match_info_fetch (match, 2);

  g_string_append (result, kept);
  g_string_append (result, is_masked (secret, -1) ? secret : SB_REDACTED);
  return FALSE;
}

static char *
replace (Pattern              pattern,
         char                *text,
         GRegexEvalCallback   callback)
{
  char *result = g_regex_replace_eval (get_pattern (pattern), text, -1, 0, 0, callback, NULL,
                                       NULL);

  if (result == NULL)
    return text;

  g_free (text);
  return result;
}

/* The end of the value that starts at @start: a quoted one to its closing quote, quotes
 * included, else up to a space or a character that ends a word in a shell command or a
 * rule. */
static gsize
value_end (const char *text,
           gsize       start)
{
  gsize end = start;

  if (text[start] == '"' || text[start] == '\'')
    {
      const char *close = strchr (text + start + 1, text[start]);

      return close != NULL ? (gsize) (close - text) + 1 : strlen (text);
    }

  while (text[end] != '\0' && !g_ascii_isspace (text[end]) &&
         strchr ("'\",;&|)}]`", text[end]) == NULL)
    end++;

  return end;
}

/* Whether the name of a NAME: value match reads as a name rather than as a word of a
 * sentence ("no key: set apiKeyHelper"): quoted, or with a capital, - or _ in it. */
static gboolean
is_header_name (const GMatchInfo *match,
                const char       *name)
{
  g_autofree char *quote = g_match_info_fetch (match, 2);
  g_autofree char *equals = g_match_info_fetch (match, 3);

  if ((equals != NULL && equals[0] != '\0') || (quote != NULL && quote[0] != '\0'))
    return TRUE;

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isupper (*p) || *p == '-' || *p == '_')
      return TRUE;

  return FALSE;
}

/* NAME=value and --name value where NAME looks secret: the value is hidden whole. Matches
 * are walked one by one rather than replaced, so that a name that is not secret ("https:")
 * does not swallow what follows it. */
static char *
mask_assignments (Pattern  pattern,
                  char    *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) result = g_string_new (NULL);
  gsize copied = 0;

  g_regex_match (get_pattern (pattern), text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *upper = g_ascii_strup (name, -1);
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      /* Authorization: Bearer … keeps its scheme: PATTERN_AUTHORIZATION saw to it. */
      if ((gsize) start >= copied && sb_secrets_is_secret_name (name) &&
          !g_str_has_suffix (upper, "AUTHORIZATION") &&
          (pattern != PATTERN_ASSIGNMENT || is_header_name (match, name)))
        {
          gsize value_start = end;
          gsize value_stop = value_end (text, value_start);
          gboolean quoted = text[value_start] == '"' || text[value_start] == '\'';
          gsize inner_start = value_start + (quoted ? 1 : 0);
          gsize inner_stop = quoted && value_stop > inner_start && text[value_stop - 1] ==
                             text[value_start] ? value_stop - 1 : value_stop;

          if (inner_stop > inner_start &&
              !is_masked (text + inner_start, inner_stop - inner_start))
            {
              g_string_append_len (result, text + copied, inner_start - copied);
              g_string_append (result, SB_REDACTED);
              copied = inner_stop;
            }
        }

      if (!g_match_info_next (match, NULL))
        break;
    }

  if (copied == 0)
    return text;

  g_string_append (result, text + copied);
  g_free (text);
  return g_string_free (g_steal_pointer (&result), FALSE);
}

static gboolean
may_hold_shape (const char *text)
{
  static const char * const starts[] = {
    "sk-", "gh", "github_pat_", "glpat-", "xox", "AKIA", "ASIA", "AIza", "eyJ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    if (strstr (text, starts[i]) != NULL)
      return TRUE;

  return FALSE;
}

static char *redact_string (const char *name,
                            const char *value,
                            GPtrArray  *known);

/**
 * sb_secrets_redact_string:
 * @name: (nullable): the name the value is set under, such as an environment variable
 * @value: (nullable): a string from settings, valid UTF-8
 *
 * What may be shown of @value. Under a secret name (see sb_secrets_is_secret_name()) a
 * non-empty value is hidden whole, as %SB_REDACTED. Anywhere else, what a key is inside it
 * is hidden: a key of a known shape (OpenRouter, Anthropic, OpenAI, GitHub, GitLab, Slack,
 * AWS, Google, a JWT) keeps its prefix and last four characters ("sk-or-v1-…a1f3"); the
 * token after Bearer or Authorization:, the password of a URL and the value of a
 * secret-looking NAME=value, NAME: value or --name value read %SB_REDACTED.
 *
 * Returns: (transfer full) (nullable): the text to show, %NULL for a %NULL @value
 */
char *
sb_secrets_redact_string (const char *name,
                          const char *value)
{
  return redact_string (name, value, NULL);
}

/* The values a file sets under secret names, long enough not to be common words: where one
 * is quoted again elsewhere (echo in a helper, a header), it is hidden there too. */
#define MIN_KNOWN_LENGTH 6

static void
collect_known (JsonNode   *node,
               const char *name,
               GPtrArray  *known)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (const GList *l = names; l != NULL; l = l->next)
        collect_known (json_object_get_member (object, l->data), l->data, known);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_known (json_array_get_element (array, i), NULL, known);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           sb_secrets_is_secret_name (name) &&
           strlen (json_node_get_string (node)) >= MIN_KNOWN_LENGTH)
    g_ptr_array_add (known, g_strdup (json_node_get_string (node)));
}

static GPtrArray *
known_new (JsonNode *root)
{
  GPtrArray *known = g_ptr_array_new_with_free_func (g_free);

  if (root != NULL)
    collect_known (root, NULL, known);

  return known;
}

static char *
redact_string (const char *name,
               const char *value,
               GPtrArray  *known)
{
  char *text;

  if (value == NULL)
    return NULL;

  /* An empty ANTHROPIC_API_KEY is meaningful and holds nothing secret. */
  if (value[0] != '\0' && sb_secrets_is_secret_name (name))
    return g_strdup (SB_REDACTED);

  /* Most strings hold none of what the patterns start with: a look for it first keeps
   * the redaction of a file of a thousand rules to a few milliseconds. */
  text = g_strdup (value);
  if (may_hold_shape (text))
    text = replace (PATTERN_SHAPE, text, mask_shape_cb);
  if (strstr (text, "://") != NULL)
    text = replace (PATTERN_USERINFO, text, mask_second_group_cb);
  if (strstr (text, "Bearer") != NULL)
    text = replace (PATTERN_BEARER, text, mask_second_group_cb);
  if (strstr (text, "uthorization") != NULL || strstr (text, "UTHORIZATION") != NULL)
    text = replace (PATTERN_AUTHORIZATION, text, mask_second_group_cb);
  if (strchr (text, '=') != NULL || strchr (text, ':') != NULL)
    text = mask_assignments (PATTERN_ASSIGNMENT, text);
  if (strchr (text, '-') != NULL)
    text = mask_assignments (PATTERN_OPTION, text);

  for (guint i = 0; known != NULL && i < known->len; i++)
    if (strstr (text, g_ptr_array_index (known, i)) != NULL)
      {
        GString *replaced = g_string_new (text);

        g_free (text);
        g_string_replace (replaced, g_ptr_array_index (known, i), SB_REDACTED, 0);
        text = g_string_free (replaced, FALSE);
      }

  return text;
}

static JsonNode *
redact (JsonNode   *node,
        const char *name,
        GPtrArray  *known)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *copy = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (object);

      /* A key can be a member name too, as in env {"sk-or-v1-…": "1"}. */
      for (const GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *shown = redact_string (NULL, l->data, known);

          json_object_set_member (copy, shown,
                                  redact (json_object_get_member (object, l->data), l->data,
                                          known));
        }

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
        json_array_add_element (copy, redact (json_array_get_element (array, i), NULL, known));

      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (result, copy);
      return result;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *shown = redact_string (name, json_node_get_string (node), known);

      return json_node_init_string (json_node_alloc (), shown);
    }

  return sb_json_node_copy_deep (node);
}

/**
 * sb_secrets_redact:
 * @node: settings
 *
 * Returns: (transfer full): a copy of @node in which every string, member names included,
 *   reads as sb_secrets_redact_string() shows it, and a value set under a secret name
 *   somewhere in @node is hidden wherever else it is quoted
 */
JsonNode *
sb_secrets_redact (JsonNode *node)
{
  g_autoptr(GPtrArray) known = known_new (node);

  return redact (node, NULL, known);
}

/**
 * sb_secrets_redact_member:
 * @name: (nullable): the member name @node is set under, or %NULL
 * @node: a value from settings
 *
 * Returns: (transfer full): a copy of @node redacted as the value of @name
 */
JsonNode *
sb_secrets_redact_member (const char *name,
                          JsonNode   *node)
{
  return redact (node, name, NULL);
}

/**
 * sb_secrets_redact_at:
 * @root: settings
 * @pointer: a JSON Pointer into @root
 *
 * Returns: (transfer full) (nullable): a copy of the value at @pointer, redacted as
 *   sb_secrets_redact() redacts it within @root; %NULL if there is none
 */
JsonNode *
sb_secrets_redact_at (JsonNode   *root,
                      const char *pointer)
{
  JsonNode *node = root != NULL ? sb_json_pointer_get (root, pointer) : NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GPtrArray) known = NULL;
  guint n;

  if (node == NULL)
    return NULL;

  tokens = sb_json_pointer_parse (pointer, NULL);
  n = tokens != NULL ? g_strv_length (tokens) : 0;
  known = known_new (root);
  return redact (node, n > 0 ? tokens[n - 1] : NULL, known);
}

/**
 * sb_secrets_redact_pointer:
 * @pointer: a JSON Pointer into settings
 *
 * Returns: (transfer full): @pointer with any key in its member names hidden
 */
char *
sb_secrets_redact_pointer (const char *pointer)
{
  return sb_secrets_redact_string (NULL, pointer);
}

/* A string as a JSON token, quotes included. */
static void
append_token (GString    *out,
              const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);
  g_autofree char *token = sb_json_node_to_string (node);

  g_string_append (out, token);
}

typedef struct
{
  const char *text;
  GString    *out;
  gsize       copied;
  GPtrArray  *known;
} Spans;

static void
redact_token_cb (const char *member,
                 const char *value,
                 gsize       start,
                 gsize       end,
                 gpointer    user_data)
{
  Spans *spans = user_data;
  g_autofree char *shown = redact_string (member, value, spans->known);

  if (g_str_equal (shown, value))
    return;

  g_string_append_len (spans->out, spans->text + spans->copied, start - spans->copied);
  append_token (spans->out, shown);
  spans->copied = end;
}

/* Decodes a JSON string body as far as it goes; a broken escape is kept as written. */
static char *
decode_loosely (const char *body,
                gsize       length)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      char c = body[i];

      if (c != '\\' || i + 1 >= length)
        {
          g_string_append_c (out, c);
          continue;
        }

      c = body[++i];
      switch (c)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            g_autofree char *hex = g_strndup (body + i + 1, MIN (4, length - i - 1));
            char *hex_end = NULL;
            guint64 u = g_ascii_strtoull (hex, &hex_end, 16);

            if (strlen (hex) == 4 && *hex_end == '\0' && u != 0 &&
                !(u >= 0xD800 && u <= 0xDFFF))
              {
                g_string_append_unichar (out, (gunichar) u);
                i += 4;
              }
            else
              g_string_append (out, "\\u");
          }
          break;
        default:
          /* \" \\ \/ and anything unknown: the character itself */
          g_string_append_c (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_redacted (GString    *out,
                 const char *text)
{
  g_autofree char *shown = sb_secrets_redact_string (NULL, text);

  g_string_append (out, shown);
}

/* For text that does not parse: each string-like token is redacted by what it decodes to,
 * under the name before it when it follows `"name":`, and the text between tokens by shape
 * (a key may sit outside any quotes in a broken file). */
static char *
redact_unparsed (const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = NULL;
  gsize copied = 0;

  g_regex_match (get_pattern (PATTERN_TOKEN), text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *between = NULL;
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;
      int start, end, body_start, body_end;
      gsize after;

      g_match_info_fetch_pos (match, 0, &start, &end);
      g_match_info_fetch_pos (match, 1, &body_start, &body_end);

      between = g_strndup (text + copied, start - copied);
      append_redacted (out, between);
      if (!g_str_equal (g_strstrip (between), ":"))
        g_clear_pointer (&name, g_free);

      value = decode_loosely (text + body_start, body_end - body_start);
      shown = sb_secrets_redact_string (name, value);
      if (g_str_equal (shown, value))
        g_string_append_len (out, text + start, end - start);
      else
        {
          gsize before = out->len;

          append_token (out, shown);
          /* A token cut short by the end of a line stays without its closing quote. */
          if (body_end == end)
            g_string_truncate (out, out->len - 1);
          g_assert (out->len > before);
        }

      /* "name" and a colon: the next token is its value. */
      g_clear_pointer (&name, g_free);
      for (after = end; g_ascii_isspace (text[after]); after++)
        ;
      if (text[after] == ':')
        name = g_steal_pointer (&value);

      copied = end;
      g_match_info_next (match, NULL);
    }

  append_redacted (out, text + copied);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * sb_secrets_redact_text:
 * @text: the text of a settings file
 * @length: its length in bytes
 *
 * The text to show for a settings file: every string token, member names included, is
 * replaced by sb_secrets_redact_string() of what it means, whatever escapes it is written
 * with; everything else is as in the file, but for bytes that are not UTF-8, which read
 * U+FFFD. Text that does not parse is read token by token as well as it can be.
 *
 * Returns: (transfer full): the text
 */
char *
sb_secrets_redact_text (const char *text,
                        gsize       length)
{
  g_autofree char *copy = NULL;
  g_autoptr(SbJsonDoc) doc = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) known = NULL;
  Spans spans;

  /* GRegex reads past the end of text that is not UTF-8 (found by fuzz-layer): such bytes
   * become U+FFFD first. */
  if (g_utf8_validate_len (text, length, NULL))
    copy = g_strndup (text, length);
  else
    copy = g_utf8_make_valid (text, length);

  doc = sb_json_doc_new (copy, -1, NULL);
  if (doc == NULL)
    return redact_unparsed (copy);

  known = known_new (sb_json_doc_get_root (doc));
  out = g_string_new (NULL);
  spans.text = copy;
  spans.out = out;
  spans.copied = 0;
  spans.known = known;
  sb_json_doc_foreach_string (doc, redact_token_cb, &spans);
  g_string_append (out, copy + spans.copied);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
