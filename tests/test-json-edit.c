/* test-json-edit.c
 *
 * Tests for strict JSON parsing and text-preserving edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-json-edit.h"
#include "sb-test-util.h"

/* Parsing */

typedef struct
{
  const char *text;
  const char *error;  /* the expected "LINE:COL" prefix, or NULL if it parses */
  const char *tree;   /* what it parses to (compared with json-glib's reading) */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "{}", NULL, "{}" },
  { "", NULL, "{}" },
  { " \r\n\t ", NULL, "{}" },
  { "\xEF\xBB\xBF{\"a\": 1}", NULL, "{\"a\": 1}" },
  { "{\r\n\t\"model\": \"opus\"\r\n}", NULL, "{\"model\": \"opus\"}" },
  { "{\"a\": 1, \"a\": 2}", NULL, "{\"a\": 2}" },
  { "{\"a\": {\"b\": [1, 2.5, -3e2, true, false, null, \"x\"]}}", NULL,
    "{\"a\": {\"b\": [1, 2.5, -300.0, true, false, null, \"x\"]}}" },
  { "{\"s\": \"caf\\u00e9 \\ud83d\\ude80 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}", NULL,
    "{\"s\": \"café 🚀 \\\" \\\\ / \\b\\f\\n\\r\\t\"}" },
  { "{\"lone\": \"\\ud800\"}", NULL, "{\"lone\": \"\xEF\xBF\xBD\"}" },
  { "{\"big\": 123456789012345678901234567890}", NULL, "{\"big\": 1.2345678901234568e+29}" },
  { "{\"n\": -0, \"m\": 0.5e-3}", NULL, "{\"n\": 0, \"m\": 0.0005}" },
  { "{\"é\": \"ü\"}", NULL, "{\"é\": \"ü\"}" },

  { "{\n  // comment\n  \"a\": 1\n}", "2:3 comments are not allowed", NULL },
  { "{\"a\": 1 /* c */}", "1:9 comments are not allowed", NULL },
  { "{\n  \"a\": 1,\n}", "2:9 trailing comma", NULL },
  { "{\"a\": [1, 2,]}", "1:12 trailing comma", NULL },
  { "{'a': 1}", "1:2 strings must use double quotes", NULL },
  { "{\"a\": 01}", "1:7 numbers cannot have leading zeros", NULL },
  { "{\"a\": +1}", "1:7 ", NULL },
  { "{\"a\": .5}", "1:7 ", NULL },
  { "{\"a\": NaN}", "1:7 ", NULL },
  { "{\"a\": \"x", "1:9 unterminated string", NULL },
  { "{\"a\": \"x\ny\"}", "1:9 line break in string", NULL },
  { "{\"a\": \"\\x\"}", "1:8 invalid escape", NULL },
  { "{\"a\": \"\\u12G4\"}", "1:12 invalid \\u escape", NULL },
  { "{\"a\": \"\xff\"}", "1:8 invalid UTF-8", NULL },
  { "[\"model\"]", "1:1 settings must be a JSON object", NULL },
  { "\"text\"", "1:1 settings must be a JSON object", NULL },
  { "{\"a\": 1} {}", "1:10 unexpected text after", NULL },
  { "{\"a\": 1", "1:8 unexpected end of input", NULL },
  { "{\"a\" 1}", "1:6 expected ':'", NULL },
  { "{\"a\": 1 \"b\": 2}", "1:9 expected ',' or '}'", NULL },
  { "{\"a\": tru}", "1:7 ", NULL },
  { "{\n\t\"é\": x}", "2:7 unexpected character 'x'", NULL },
};

static void
test_parse_case (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbJsonDoc) doc = sb_json_doc_new (c->text, -1, &error);

  if (c->error == NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (doc);
      sb_test_assert_json_equal (sb_json_doc_get_root (doc), c->tree);
      g_assert_cmpstr (sb_json_doc_get_text (doc, NULL), ==, c->text);
    }
  else
    {
      g_assert_null (doc);
      g_assert_error (error, SB_JSON_ERROR, SB_JSON_ERROR_PARSE);
      if (!g_str_has_prefix (error->message, c->error))
        g_error ("“%s”: expected an error starting “%s”, got “%s”",
                 c->text, c->error, error->message);
    }
}

static void
test_parse_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("{\"a\": ");
  g_autoptr(SbJsonDoc) doc = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');

  doc = sb_json_doc_new (text->str, text->len, &error);
  g_assert_null (doc);
  g_assert_error (error, SB_JSON_ERROR, SB_JSON_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

static void
test_parse_nul (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbJsonDoc) doc = sb_json_doc_new ("{\"a\": \0}", 8, &error);

  g_assert_null (doc);
  g_assert_error (error, SB_JSON_ERROR, SB_JSON_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "1:7 "));
}

/* Pointers */

static void
test_pointers (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tokens = sb_json_pointer_parse ("/a~1b/c~0d/", NULL);
  g_auto(GStrv) root = sb_json_pointer_parse ("", NULL);
  g_auto(GStrv) bad = NULL;
  g_autofree char *appended = sb_json_pointer_append ("/env", "a/b~c");
  g_autoptr(JsonNode) tree = sb_test_parse ("{\"a\": [{\"b\": 1}], \"x/y\": 2}");

  g_assert_cmpuint (g_strv_length (tokens), ==, 3);
  g_assert_cmpstr (tokens[0], ==, "a/b");
  g_assert_cmpstr (tokens[1], ==, "c~d");
  g_assert_cmpstr (tokens[2], ==, "");
  g_assert_cmpuint (g_strv_length (root), ==, 0);
  g_assert_cmpstr (appended, ==, "/env/a~1b~0c");

  bad = sb_json_pointer_parse ("a/b", &error);
  g_assert_null (bad);
  g_assert_error (error, SB_JSON_ERROR, SB_JSON_ERROR_POINTER);
  g_clear_error (&error);
  g_assert_null (sb_json_pointer_parse ("/a~2", &error));
  g_assert_error (error, SB_JSON_ERROR, SB_JSON_ERROR_POINTER);

  g_assert_true (sb_json_pointer_get (tree, "") == tree);
  g_assert_cmpint (json_node_get_int (sb_json_pointer_get (tree, "/a/0/b")), ==, 1);
  g_assert_cmpint (json_node_get_int (sb_json_pointer_get (tree, "/x~1y")), ==, 2);
  g_assert_null (sb_json_pointer_get (tree, "/a/1"));
  g_assert_null (sb_json_pointer_get (tree, "/a/01"));
  g_assert_null (sb_json_pointer_get (tree, "/a/0/b/c"));
}

static void
test_equal_and_to_string (void)
{
  g_autoptr(JsonNode) a = sb_test_parse ("{\"x\": 1, \"y\": [true, null, \"s\"]}");
  g_autoptr(JsonNode) b = sb_test_parse ("{\"y\": [true, null, \"s\"], \"x\": 1.0}");
  g_autoptr(JsonNode) c = sb_test_parse ("{\"y\": [null, true, \"s\"], \"x\": 1}");
  g_autoptr(JsonNode) s = sb_test_parse ("{\"t\": \"a\\\"b\\\\c\\n\\u0001é/\"}");
  g_autofree char *text = sb_json_node_to_string (a);
  g_autofree char *escaped = sb_json_node_to_string (s);

  g_assert_true (sb_json_node_equal (a, b));
  g_assert_false (sb_json_node_equal (a, c));
  g_assert_cmpstr (text, ==, "{\"x\":1,\"y\":[true,null,\"s\"]}");
  g_assert_cmpstr (escaped, ==, "{\"t\":\"a\\\"b\\\\c\\n\\u0001é/\"}");
}

/* Edits: (text, operation, expected text). A NULL value removes. */

typedef struct
{
  const char *name;
  const char *text;
  const char *pointer;
  const char *value;     /* JSON, or NULL to remove */
  const char *expected;  /* the exact text after, or NULL when the edit must fail */
  int         error;     /* the SbJsonError expected when it fails */
} EditCase;

static const EditCase edit_cases[] = {
  { "replace-scalar",
    "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"a/b\",\n    \"X\": \"1\"\n  }\n}\n",
    "/env/ANTHROPIC_MODEL", "\"c/d:free\"",
    "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"c/d:free\",\n    \"X\": \"1\"\n  }\n}\n" },
  { "replace-keeps-escapes-elsewhere",
    "{\"a\": \"caf\\u00e9\", \"b\": 1}",
    "/b", "2",
    "{\"a\": \"caf\\u00e9\", \"b\": 2}" },
  { "replace-with-object",
    "{\n  \"statusLine\": \"x\"\n}\n",
    "/statusLine", "{\"type\": \"command\", \"command\": \"~/s.sh\"}",
    "{\n  \"statusLine\": {\n    \"type\": \"command\",\n    \"command\": \"~/s.sh\"\n  }\n}\n" },
  { "insert-2-spaces",
    "{\n  \"env\": {\n    \"A\": \"1\"\n  }\n}\n",
    "/env/B", "\"2\"",
    "{\n  \"env\": {\n    \"A\": \"1\",\n    \"B\": \"2\"\n  }\n}\n" },
  { "insert-4-spaces",
    "{\n    \"model\": \"opus\"\n}",
    "/env/ANTHROPIC_MODEL", "\"a/b\"",
    "{\n    \"model\": \"opus\",\n    \"env\": {\n        \"ANTHROPIC_MODEL\": \"a/b\"\n    }\n}" },
  { "insert-tabs",
    "{\n\t\"env\": {\n\t\t\"A\": \"1\"\n\t}\n}\n",
    "/env/B", "\"2\"",
    "{\n\t\"env\": {\n\t\t\"A\": \"1\",\n\t\t\"B\": \"2\"\n\t}\n}\n" },
  { "insert-crlf",
    "{\r\n  \"model\": \"opus\"\r\n}\r\n",
    "/env/A", "\"1\"",
    "{\r\n  \"model\": \"opus\",\r\n  \"env\": {\r\n    \"A\": \"1\"\r\n  }\r\n}\r\n" },
  { "insert-single-line",
    "{\"model\":\"opus\"}",
    "/env/A", "\"1\"",
    "{\"model\":\"opus\",\"env\":{\"A\":\"1\"}}" },
  { "insert-single-line-spaced",
    "{\"model\": \"opus\"}\n",
    "/env/A", "\"1\"",
    "{\"model\": \"opus\", \"env\": {\"A\": \"1\"}}\n" },
  { "insert-into-empty-object",
    "{\n  \"env\": {}\n}\n",
    "/env/A", "\"1\"",
    "{\n  \"env\": {\n    \"A\": \"1\"\n  }\n}\n" },
  { "insert-into-empty-root",
    "{}",
    "/env/A", "\"1\"",
    "{\"env\": {\"A\": \"1\"}}" },
  { "insert-into-empty-document",
    "",
    "/env/ANTHROPIC_MODEL", "\"a/b\"",
    "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"a/b\"\n  }\n}\n" },
  { "insert-keeps-bom",
    "\xEF\xBB\xBF",
    "/model", "\"opus\"",
    "\xEF\xBB\xBF{\n  \"model\": \"opus\"\n}\n" },
  { "insert-after-nested-object",
    "{\n  \"permissions\": {\n    \"allow\": []\n  }\n}",
    "/model", "\"opus\"",
    "{\n  \"permissions\": {\n    \"allow\": []\n  },\n  \"model\": \"opus\"\n}" },
  { "remove-first",
    "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n",
    "/a", NULL,
    "{\n  \"b\": 2,\n  \"c\": 3\n}\n" },
  { "remove-middle",
    "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n",
    "/b", NULL,
    "{\n  \"a\": 1,\n  \"c\": 3\n}\n" },
  { "remove-last",
    "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n",
    "/c", NULL,
    "{\n  \"a\": 1,\n  \"b\": 2\n}\n" },
  { "remove-only",
    "{\n  \"env\": {\n    \"A\": \"1\"\n  }\n}\n",
    "/env/A", NULL,
    "{\n  \"env\": {}\n}\n" },
  { "remove-duplicates",
    "{\"a\": 1, \"b\": 2, \"a\": 3}",
    "/a", NULL,
    "{\"b\": 2}" },
  { "replace-duplicate-sets-last",
    "{\"a\": 1, \"a\": 2}",
    "/a", "5",
    "{\"a\": 1, \"a\": 5}" },
  { "array-append",
    "{\n  \"allow\": [\n    \"Read\"\n  ]\n}",
    "/allow/-", "\"Bash(ls)\"",
    "{\n  \"allow\": [\n    \"Read\",\n    \"Bash(ls)\"\n  ]\n}" },
  { "array-append-inline",
    "{\"allow\": [\"Read\"]}",
    "/allow/-", "\"Edit\"",
    "{\"allow\": [\"Read\", \"Edit\"]}" },
  { "array-append-empty",
    "{\n  \"allow\": []\n}",
    "/allow/-", "\"Edit\"",
    "{\n  \"allow\": [\n    \"Edit\"\n  ]\n}" },
  { "array-replace",
    "{\"allow\": [\"Read\", \"Edit\"]}",
    "/allow/1", "\"Write\"",
    "{\"allow\": [\"Read\", \"Write\"]}" },
  { "array-remove",
    "{\"allow\": [\"Read\", \"Edit\", \"Write\"]}",
    "/allow/1", NULL,
    "{\"allow\": [\"Read\", \"Write\"]}" },
  { "pointer-escapes",
    "{\"a/b\": {\"c~d\": 1}}",
    "/a~1b/c~0d", "2",
    "{\"a/b\": {\"c~d\": 2}}" },
  { "string-escapes-written",
    "{}",
    "/s", "\"line\\nquote\\\" tab\\t é\"",
    "{\"s\": \"line\\nquote\\\" tab\\t é\"}" },
  { "no-final-newline-kept",
    "{\n  \"a\": 1\n}",
    "/a", "2",
    "{\n  \"a\": 2\n}" },
  { "double",
    "{\"a\": 1}",
    "/a", "0.1",
    "{\"a\": 0.1}" },
  { "error-through-string", "{\"env\": \"x\"}", "/env/A", "\"1\"", NULL, SB_JSON_ERROR_TYPE },
  { "error-through-number", "{\"a\": 1}", "/a/b", NULL, NULL, SB_JSON_ERROR_NOT_FOUND },
  { "error-remove-missing", "{\"a\": 1}", "/b", NULL, NULL, SB_JSON_ERROR_NOT_FOUND },
  { "error-bad-pointer", "{\"a\": 1}", "a", "1", NULL, SB_JSON_ERROR_POINTER },
  { "error-root", "{\"a\": 1}", "", "1", NULL, SB_JSON_ERROR_POINTER },
  { "error-array-index", "{\"a\": [1]}", "/a/5", "1", NULL, SB_JSON_ERROR_NOT_FOUND },
  { "error-array-word", "{\"a\": [1]}", "/a/x", "1", NULL, SB_JSON_ERROR_NOT_FOUND },
};

static void
test_edit_case (gconstpointer data)
{
  const EditCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbJsonDoc) doc = sb_json_doc_new (c->text, -1, &error);
  g_autoptr(JsonNode) value = c->value != NULL ? sb_test_parse (c->value) : NULL;
  gboolean ok;
  gsize offset, removed, inserted;
  gsize length;
  const char *text;

  g_assert_no_error (error);

  if (value != NULL)
    ok = sb_json_doc_set (doc, c->pointer, value, &error);
  else
    ok = sb_json_doc_remove (doc, c->pointer, &error);

  text = sb_json_doc_get_text (doc, &length);

  if (c->expected == NULL)
    {
      g_assert_false (ok);
      g_assert_error (error, SB_JSON_ERROR, c->error);
      g_assert_cmpstr (text, ==, c->text);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (text, ==, c->expected);

  /* The splice reported is the difference. */
  sb_json_doc_get_last_change (doc, &offset, &removed, &inserted);
  g_assert_cmpuint (strlen (c->text) - removed + inserted, ==, length);
  g_assert_cmpint (memcmp (text, c->text, offset), ==, 0);
  g_assert_cmpint (memcmp (text + offset + inserted, c->text + offset + removed,
                           length - offset - inserted), ==, 0);
}

/* Random documents, random edits. */

static const char * const words[] = {
  "env", "model", "permissions", "allow", "deny", "hooks", "a/b", "ti~lde", "café",
  "ANTHROPIC_MODEL", "X", "statusLine", "quote\"d", "",
};

typedef struct
{
  const char *indent;
  const char *newline;
  const char *separator;
  gboolean    pretty;
} RandomStyle;

static JsonNode *
random_value (guint depth)
{
  guint kind = g_test_rand_int_range (0, depth > 3 ? 6 : 9);

  switch (kind)
    {
    case 0:
      return json_node_init_null (json_node_alloc ());
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_test_rand_bit ());
    case 2:
      return json_node_init_int (json_node_alloc (), g_test_rand_int_range (-1000000, 1000000));
    case 3:
      return json_node_init_double (json_node_alloc (),
                                    g_test_rand_int_range (-1000, 1000) / 8.0);
    case 4:
    case 5:
      {
        static const char * const strings[] = {
          "qwen/qwen3-coder", "Bash(npm test:*)", "tab\there", "new\nline", "\"quoted\"",
          "back\\slash", "ünïcödé 🚀", "", "a/b", "\x01\x1f",
        };
        return json_node_init_string (json_node_alloc (),
                                      strings[g_test_rand_int_range (0, G_N_ELEMENTS (strings))]);
      }
    case 6:
    case 7:
      {
        JsonObject *object = json_object_new ();
        JsonNode *node = json_node_init_object (json_node_alloc (), object);
        guint n = g_test_rand_int_range (0, 5);

        json_object_unref (object);
        for (guint i = 0; i < n; i++)
          json_object_set_member (object, words[g_test_rand_int_range (0, G_N_ELEMENTS (words))],
                                  random_value (depth + 1));
        return node;
      }
    default:
      {
        JsonArray *array = json_array_new ();
        JsonNode *node = json_node_init_array (json_node_alloc (), array);
        guint n = g_test_rand_int_range (0, 4);

        json_array_unref (array);
        for (guint i = 0; i < n; i++)
          json_array_add_element (array, random_value (depth + 1));
        return node;
      }
    }
}

static void
write_random (GString           *out,
              JsonNode          *node,
              const RandomStyle *style,
              const char        *indent)
{
  g_autofree char *inner = g_strconcat (indent, style->indent, NULL);
  g_autofree char *scalar = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node))
    {
      gboolean object = JSON_NODE_HOLDS_OBJECT (node);
      g_autoptr(GList) names = object ? json_object_get_members (json_node_get_object (node)) : NULL;
      guint n = object ? g_list_length (names) : json_array_get_length (json_node_get_array (node));
      const GList *l = names;

      g_string_append_c (out, object ? '{' : '[');
      for (guint i = 0; i < n; i++)
        {
          JsonNode *child;

          if (i > 0)
            g_string_append_c (out, ',');
          if (style->pretty)
            g_string_append_printf (out, "%s%s", style->newline, inner);
          else if (i > 0 && g_test_rand_bit ())
            g_string_append_c (out, ' ');

          if (object)
            {
              g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), l->data);
              g_autofree char *key_text = sb_json_node_to_string (key);

              g_string_append_printf (out, "%s%s", key_text, style->separator);
              child = json_object_get_member (json_node_get_object (node), l->data);
              l = l->next;
            }
          else
            child = json_array_get_element (json_node_get_array (node), i);

          write_random (out, child, style, inner);
        }
      if (style->pretty && n > 0)
        g_string_append_printf (out, "%s%s", style->newline, indent);
      g_string_append_c (out, object ? '}' : ']');
      return;
    }

  scalar = sb_json_node_to_string (node);
  g_string_append (out, scalar);
}

/* A random pointer into @root: mostly to something that exists, sometimes to a new
 * member, sometimes deeper than anything there. */
static char *
random_pointer (JsonNode *root)
{
  g_autofree char *pointer = g_strdup ("");
  JsonNode *node = root;

  for (;;)
    {
      char *next;

      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0 &&
          g_test_rand_int_range (0, 4) != 0)
        {
          g_autoptr(GList) names = json_object_get_members (json_node_get_object (node));
          const char *name = g_list_nth_data (names, g_test_rand_int_range (0, g_list_length (names)));

          next = sb_json_pointer_append (pointer, name);
          node = json_object_get_member (json_node_get_object (node), name);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0 &&
               g_test_rand_int_range (0, 4) != 0)
        {
          guint index = g_test_rand_int_range (0, json_array_get_length (json_node_get_array (node)));
          g_autofree char *token = g_strdup_printf ("%u", index);

          next = sb_json_pointer_append (pointer, token);
          node = json_array_get_element (json_node_get_array (node), index);
        }
      else if (pointer[0] == '\0' || g_test_rand_bit ())
        {
          /* A new member, or "-" to append to an array, maybe with a new child. */
          const char *token = JSON_NODE_HOLDS_ARRAY (node) ? "-" : words[g_test_rand_int_range (0, G_N_ELEMENTS (words))];
          char *extended = sb_json_pointer_append (pointer, token);

          if (g_test_rand_int_range (0, 4) == 0 && !JSON_NODE_HOLDS_ARRAY (node))
            {
              next = sb_json_pointer_append (extended, "deeper");
              g_free (extended);
            }
          else
            next = extended;
          return next;
        }
      else
        return g_steal_pointer (&pointer);

      g_free (pointer);
      pointer = next;
    }
}

/* What the edit should do to the tree, computed independently of the editor. */
static gboolean
intend (JsonNode   *root,
        const char *pointer,
        JsonNode   *value)
{
  g_auto(GStrv) tokens = sb_json_pointer_parse (pointer, NULL);
  JsonNode *node = root;
  guint n = g_strv_length (tokens);

  if (n == 0)
    return FALSE;

  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          if (!json_object_has_member (object, tokens[i]))
            {
              if (value == NULL)
                return FALSE;
              json_object_set_object_member (object, tokens[i], json_object_new ());
            }
          node = json_object_get_member (object, tokens[i]);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint64 index;

          if (!g_ascii_string_to_unsigned (tokens[i], 10, 0,
                                           json_array_get_length (json_node_get_array (node)) - 1,
                                           &index, NULL))
            return FALSE;
          node = json_array_get_element (json_node_get_array (node), index);
        }
      else
        return FALSE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (value != NULL)
        json_object_set_member (object, tokens[n - 1], sb_json_node_copy_deep (value));
      else if (json_object_has_member (object, tokens[n - 1]))
        json_object_remove_member (object, tokens[n - 1]);
      else
        return FALSE;
      return TRUE;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint length = json_array_get_length (array);
      guint64 index;

      if (value != NULL && strcmp (tokens[n - 1], "-") == 0)
        {
          json_array_add_element (array, sb_json_node_copy_deep (value));
          return TRUE;
        }

      if (length == 0 ||
          !g_ascii_string_to_unsigned (tokens[n - 1], 10, 0, length - 1, &index, NULL))
        return FALSE;

      if (value == NULL)
        json_array_remove_element (array, index);
      else
        {
          JsonArray *copy = json_array_new ();

          for (guint i = 0; i < length; i++)
            json_array_add_element (copy, sb_json_node_copy_deep (i == index ? value
                                                                     : json_array_get_element (array, i)));
          json_node_take_array (node, copy);
        }
      return TRUE;
    }

  return FALSE;
}

static void
test_edit_random (void)
{
  static const RandomStyle styles[] = {
    { "  ", "\n", ": ", TRUE },
    { "    ", "\n", ": ", TRUE },
    { "\t", "\n", ": ", TRUE },
    { "  ", "\r\n", ": ", TRUE },
    { "", "\n", ":", FALSE },
    { "", "\n", ": ", FALSE },
  };
  guint iterations = g_test_perf () ? 20000 : (g_test_thorough () ? 10000 : 2000);
  guint edits = 0;
  guint refused = 0;
  gint64 begin = g_get_monotonic_time ();

  for (guint i = 0; i < iterations; i++)
    {
      const RandomStyle *style = &styles[g_test_rand_int_range (0, G_N_ELEMENTS (styles))];
      g_autoptr(JsonNode) tree = random_value (0);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(SbJsonDoc) doc = NULL;
      g_autoptr(GError) error = NULL;

      /* The top level is always an object. */
      if (!JSON_NODE_HOLDS_OBJECT (tree))
        {
          JsonObject *object = json_object_new ();
          JsonNode *wrapped = json_node_init_object (json_node_alloc (), object);

          json_object_unref (object);
          json_object_set_member (object, "value", g_steal_pointer (&tree));
          tree = wrapped;
        }

      if (g_test_rand_int_range (0, 10) == 0)
        g_string_append (text, "\xEF\xBB\xBF");
      write_random (text, tree, style, "");
      if (g_test_rand_bit ())
        g_string_append (text, style->newline);

      doc = sb_json_doc_new (text->str, text->len, &error);
      g_assert_no_error (error);
      g_assert_true (sb_json_node_equal (sb_json_doc_get_root (doc), tree));

      for (guint k = 0; k < 6; k++)
        {
          g_autofree char *pointer = random_pointer (sb_json_doc_get_root (doc));
          g_autoptr(JsonNode) value = g_test_rand_int_range (0, 3) == 0 ? NULL : random_value (2);
          g_autoptr(JsonNode) intended = sb_json_node_copy_deep (sb_json_doc_get_root (doc));
          g_autofree char *before = g_strdup (sb_json_doc_get_text (doc, NULL));
          gsize before_length = strlen (before);
          gboolean expected_ok = intend (intended, pointer, value);
          gboolean ok;
          const char *after;
          gsize after_length;
          gsize offset, removed, inserted;

          g_clear_error (&error);
          if (value != NULL)
            ok = sb_json_doc_set (doc, pointer, value, &error);
          else
            ok = sb_json_doc_remove (doc, pointer, &error);

          after = sb_json_doc_get_text (doc, &after_length);

          if (!ok)
            {
              /* A refused edit changes nothing, and is never a verification failure. */
              if (expected_ok)
                g_error ("edit %s on “%s” failed: %s", pointer, before, error->message);
              g_assert_false (g_error_matches (error, SB_JSON_ERROR, SB_JSON_ERROR_VERIFY));
              g_assert_cmpstr (after, ==, before);
              refused++;
              continue;
            }

          g_assert_true (expected_ok);
          edits++;

          /* The text says what was intended ... */
          {
            g_autoptr(SbJsonDoc) reparsed = sb_json_doc_new (after, after_length, &error);
            g_assert_no_error (error);
            if (!sb_json_node_equal (sb_json_doc_get_root (reparsed), intended))
              g_error ("edit %s on “%s” gave “%s”", pointer, before, after);
          }

          /* ... and only the splice changed. */
          sb_json_doc_get_last_change (doc, &offset, &removed, &inserted);
          g_assert_cmpuint (offset + removed, <=, before_length);
          g_assert_cmpuint (before_length - removed + inserted, ==, after_length);
          g_assert_cmpint (memcmp (after, before, offset), ==, 0);
          g_assert_cmpint (memcmp (after + offset + inserted, before + offset + removed,
                                   after_length - offset - inserted), ==, 0);
        }
    }

  g_test_message ("%u documents, %u edits, %u refused, %.0f ms", iterations, edits, refused,
                  (g_get_monotonic_time () - begin) / 1000.0);
  g_assert_cmpuint (edits, >, iterations);
}

/* Damaged settings files: flipped, inserted and deleted bytes. Parsing must never crash
 * and must say where it breaks; whatever still parses must take an edit or refuse it
 * cleanly. Under the sanitizers this is a small fuzzer. */
static void
test_damaged_input (void)
{
  static const char * const seeds[] = {
    "{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"\n  },\n"
    "  \"permissions\": {\"allow\": [\"Bash(npm test:*)\", \"Read\"], \"deny\": []},\n"
    "  \"model\": \"sonnet\", \"cleanupPeriodDays\": 30, \"verbose\": true\n}\n",
    "{\r\n\t\"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"caf\\u00e9\"}]}]}\r\n}",
    "\xEF\xBB\xBF{\"a\":[1,2.5e3,-0,null,false,{\"b\":\"\xC3\xA9\"}]}",
  };
  static const char noise[] = "{}[]\":,\\/ \n\t0-e.tfnu\xC3\xFF";
  guint parsed = 0, edited = 0;
  guint rounds = g_test_thorough () ? 200000 : 20000;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GString) text = g_string_new (seeds[g_test_rand_int_range (0, G_N_ELEMENTS (seeds))]);
      g_autoptr(SbJsonDoc) doc = NULL;
      g_autoptr(GError) error = NULL;
      guint damage = g_test_rand_int_range (1, 4);

      for (guint d = 0; d < damage && text->len > 0; d++)
        {
          guint at = g_test_rand_int_range (0, text->len);
          char c = noise[g_test_rand_int_range (0, sizeof noise - 1)];

          switch (g_test_rand_int_range (0, 3))
            {
            case 0: text->str[at] = c; break;
            case 1: g_string_insert_c (text, at, c); break;
            default: g_string_erase (text, at, 1); break;
            }
        }

      doc = sb_json_doc_new (text->str, text->len, &error);
      if (doc == NULL)
        {
          g_assert_error (error, SB_JSON_ERROR, SB_JSON_ERROR_PARSE);
          g_assert_true (g_regex_match_simple ("^[0-9]+:[0-9]+ ", error->message, 0, 0));
          continue;
        }

      parsed++;
      {
        g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "z-ai/glm-4.6");

        if (sb_json_doc_set (doc, "/env/ANTHROPIC_MODEL", value, &error))
          {
            g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (sb_json_doc_get_root (doc),
                                                                        "/env/ANTHROPIC_MODEL")),
                             ==, "z-ai/glm-4.6");
            edited++;
          }
        else
          g_assert_false (g_error_matches (error, SB_JSON_ERROR, SB_JSON_ERROR_VERIFY));
      }
    }

  g_test_message ("%u damaged texts: %u still parsed, %u of those edited", rounds, parsed, edited);
  g_assert_cmpuint (parsed, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/json-edit/parse/%02u", i);
      g_test_add_data_func (path, &parse_cases[i], test_parse_case);
    }
  g_test_add_func ("/signalbox/json-edit/parse/deep-nesting", test_parse_deep_nesting);
  g_test_add_func ("/signalbox/json-edit/parse/nul", test_parse_nul);
  g_test_add_func ("/signalbox/json-edit/pointers", test_pointers);
  g_test_add_func ("/signalbox/json-edit/equal-and-to-string", test_equal_and_to_string);

  for (guint i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/signalbox/json-edit/edit/", edit_cases[i].name, NULL);
      g_test_add_data_func (path, &edit_cases[i], test_edit_case);
    }
  g_test_add_func ("/signalbox/json-edit/random", test_edit_random);
  g_test_add_func ("/signalbox/json-edit/damaged-input", test_damaged_input);

  return g_test_run ();
}
