/* sb-json-edit.c
 *
 * Strict JSON parsing and text-preserving edits at JSON Pointers.
 *
 * Settings files are read the way Claude Code reads them (JSON.parse: no comments, no
 * trailing commas, the last of duplicate keys wins) by a parser of our own, which keeps the
 * byte extent of every value and member. An edit replaces, inserts or removes the bytes of
 * one member or element, formatted like its neighbours; everything else stays
 * byte-for-byte. The new text is parsed again and compared with the intended tree before
 * the edit is accepted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sb-json-edit.h"

#define MAX_DEPTH 512

typedef struct _Span Span;

typedef struct
{
  char *key;
  gsize key_start;  /* the opening quote */
  gsize key_end;    /* after the closing quote */
  Span *value;
} Member;

struct _Span
{
  JsonNodeType  kind;
  gsize         start;
  gsize         end;       /* exclusive */
  GPtrArray    *children;  /* objects: Member; arrays: Span */
};

struct _SbJsonDoc
{
  char     *text;
  gsize     length;
  Span     *span;   /* NULL for an empty (whitespace only) text */
  JsonNode *root;
  gsize     last_offset;
  gsize     last_removed;
  gsize     last_inserted;
};

typedef struct
{
  const char  *text;
  gsize        length;
  gsize        pos;
  guint        depth;
  GError     **error;
} Parser;

G_DEFINE_QUARK (sb-json-error-quark, sb_json_error)

static void span_free (Span *span);

static void
member_free (gpointer data)
{
  Member *member = data;

  g_free (member->key);
  span_free (member->value);
  g_free (member);
}

static void
span_free (Span *span)
{
  if (span == NULL)
    return;

  g_clear_pointer (&span->children, g_ptr_array_unref);
  g_free (span);
}

static Span *
span_new (JsonNodeType kind,
          gsize        start)
{
  Span *span = g_new0 (Span, 1);

  span->kind = kind;
  span->start = start;
  if (kind == JSON_NODE_OBJECT)
    span->children = g_ptr_array_new_with_free_func (member_free);
  else if (kind == JSON_NODE_ARRAY)
    span->children = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);

  return span;
}

/* Parsing */

static void
position_of (const char *text,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\n')
        {
          (*line)++;
          line_start = i + 1;
        }
    }

  /* Characters, not bytes: continuation bytes do not count. */
  *column = 1;
  for (gsize i = line_start; i < offset; i++)
    if (((guchar) text[i] & 0xC0) != 0x80)
      (*column)++;
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Parser     *p,
      gsize       at,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  position_of (p->text, MIN (at, p->length), &line, &column);
  g_set_error (p->error, SB_JSON_ERROR, SB_JSON_ERROR_PARSE, "%u:%u %s", line, column, what);
  return FALSE;
}

static gboolean
at_end (Parser *p)
{
  return p->pos >= p->length;
}

static char
peek (Parser *p)
{
  return at_end (p) ? '\0' : p->text[p->pos];
}

static gboolean
skip_space (Parser *p)
{
  while (!at_end (p))
    {
      char c = p->text[p->pos];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        p->pos++;
      else if (c == '/' && p->pos + 1 < p->length &&
               (p->text[p->pos + 1] == '/' || p->text[p->pos + 1] == '*'))
        return fail (p, p->pos, _("comments are not allowed in JSON"));
      else
        break;
    }

  return TRUE;
}

static gboolean
unexpected (Parser     *p,
            const char *expected)
{
  char c = peek (p);

  if (at_end (p))
    return fail (p, p->pos, _("unexpected end of input"));
  if (c == '\'')
    return fail (p, p->pos, _("strings must use double quotes"));
  if (expected != NULL)
    return fail (p, p->pos, "%s", expected);
  if (g_ascii_isprint (c))
    return fail (p, p->pos, _("unexpected character '%c'"), c);
  return fail (p, p->pos, _("unexpected character"));
}

/* Returns: the value of a hexadecimal digit, or -1 */
int
sb_json_hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser   *p,
           gunichar *out)
{
  gunichar value = 0;

  if (p->pos + 4 > p->length)
    return fail (p, p->pos, _("unexpected end of input"));

  for (guint i = 0; i < 4; i++)
    {
      int digit = sb_json_hex_digit (p->text[p->pos + i]);

      if (digit < 0)
        return fail (p, p->pos + i, _("invalid \\u escape"));
      value = value * 16 + digit;
    }

  p->pos += 4;
  *out = value;
  return TRUE;
}

static gboolean
parse_string (Parser  *p,
              char   **out)
{
  g_autoptr(GString) s = g_string_new (NULL);

  p->pos++;  /* the opening quote */

  for (;;)
    {
      guchar c;

      if (at_end (p))
        return fail (p, p->pos, _("unterminated string"));

      c = p->text[p->pos];

      if (c == '"')
        {
          p->pos++;
          break;
        }

      if (c == '\n' || c == '\r')
        return fail (p, p->pos, _("line break in string"));

      if (c < 0x20)
        return fail (p, p->pos, _("control character in string"));

      if (c != '\\')
        {
          g_string_append_c (s, c);
          p->pos++;
          continue;
        }

      p->pos++;
      if (at_end (p))
        return fail (p, p->pos, _("unterminated string"));

      c = p->text[p->pos++];
      switch (c)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            gunichar u;

            if (!read_hex4 (p, &u))
              return FALSE;

            if (u >= 0xD800 && u <= 0xDBFF && p->pos + 1 < p->length &&
                p->text[p->pos] == '\\' && p->text[p->pos + 1] == 'u')
              {
                gsize saved = p->pos;
                gunichar low;

                p->pos += 2;
                if (!read_hex4 (p, &low))
                  return FALSE;

                if (low >= 0xDC00 && low <= 0xDFFF)
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                else
                  p->pos = saved;
              }

            /* A lone surrogate cannot be UTF-8; JSON.parse keeps it, we replace it. */
            if (u >= 0xD800 && u <= 0xDFFF)
              u = 0xFFFD;

            /* A NUL would cut the string short everywhere in GLib. */
            if (u == 0)
              return fail (p, p->pos - 6, _("\\u0000 is not supported in settings"));

            g_string_append_unichar (s, u);
          }
          break;
        default:
          return fail (p, p->pos - 2, _("invalid escape in string"));
        }
    }

  *out = g_string_free (g_steal_pointer (&s), FALSE);
  return TRUE;
}

static gboolean
parse_number (Parser    *p,
              JsonNode **node)
{
  gsize start = p->pos;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  if (peek (p) == '-')
    p->pos++;

  if (!g_ascii_isdigit (peek (p)))
    return unexpected (p, _("expected a digit"));

  if (peek (p) == '0')
    {
      p->pos++;
      if (g_ascii_isdigit (peek (p)))
        return fail (p, p->pos - 1, _("numbers cannot have leading zeros"));
    }
  else
    while (g_ascii_isdigit (peek (p)))
      p->pos++;

  if (peek (p) == '.')
    {
      integer = FALSE;
      p->pos++;
      if (!g_ascii_isdigit (peek (p)))
        return unexpected (p, _("expected a digit after '.'"));
      while (g_ascii_isdigit (peek (p)))
        p->pos++;
    }

  if (peek (p) == 'e' || peek (p) == 'E')
    {
      integer = FALSE;
      p->pos++;
      if (peek (p) == '+' || peek (p) == '-')
        p->pos++;
      if (!g_ascii_isdigit (peek (p)))
        return unexpected (p, _("expected a digit in the exponent"));
      while (g_ascii_isdigit (peek (p)))
        p->pos++;
    }

  text = g_strndup (p->text + start, p->pos - start);

  if (integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        {
          *node = json_node_init_int (json_node_alloc (), value);
          return TRUE;
        }
    }

  *node = json_node_init_double (json_node_alloc (), g_ascii_strtod (text, NULL));
  return TRUE;
}

static gboolean
parse_literal (Parser     *p,
               const char *word)
{
  gsize n = strlen (word);

  if (p->pos + n > p->length || memcmp (p->text + p->pos, word, n) != 0)
    return unexpected (p, NULL);

  p->pos += n;
  return TRUE;
}

static gboolean parse_value (Parser    *p,
                             Span     **span,
                             JsonNode **node);

static gboolean
parse_object (Parser    *p,
              Span      *span,
              JsonNode **node)
{
  JsonObject *object = json_object_new ();

  *node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  p->pos++;  /* { */
  if (!skip_space (p))
    return FALSE;

  if (peek (p) == '}')
    {
      p->pos++;
      return TRUE;
    }

  for (;;)
    {
      Member *member;
      JsonNode *value = NULL;

      if (peek (p) != '"')
        return unexpected (p, _("expected a string in double quotes as the member name"));

      member = g_new0 (Member, 1);
      g_ptr_array_add (span->children, member);
      member->key_start = p->pos;
      if (!parse_string (p, &member->key))
        return FALSE;
      member->key_end = p->pos;

      if (!skip_space (p))
        return FALSE;
      if (peek (p) != ':')
        return unexpected (p, _("expected ':' after the member name"));
      p->pos++;
      if (!skip_space (p))
        return FALSE;

      if (!parse_value (p, &member->value, &value))
        return FALSE;

      /* The last duplicate wins, at the place of the first, as with JSON.parse. */
      json_object_set_member (object, member->key, value);

      if (!skip_space (p))
        return FALSE;

      if (peek (p) == ',')
        {
          gsize comma = p->pos++;

          if (!skip_space (p))
            return FALSE;
          if (peek (p) == '}')
            return fail (p, comma, _("trailing comma before '}'"));
          continue;
        }

      if (peek (p) == '}')
        {
          p->pos++;
          return TRUE;
        }

      return unexpected (p, _("expected ',' or '}' after an object member"));
    }
}

static gboolean
parse_array (Parser    *p,
             Span      *span,
             JsonNode **node)
{
  JsonArray *array = json_array_new ();

  *node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

  p->pos++;  /* [ */
  if (!skip_space (p))
    return FALSE;

  if (peek (p) == ']')
    {
      p->pos++;
      return TRUE;
    }

  for (;;)
    {
      Span *element = NULL;
      JsonNode *value = NULL;

      if (!parse_value (p, &element, &value))
        {
          span_free (element);
          return FALSE;
        }
      g_ptr_array_add (span->children, element);
      json_array_add_element (array, value);

      if (!skip_space (p))
        return FALSE;

      if (peek (p) == ',')
        {
          gsize comma = p->pos++;

          if (!skip_space (p))
            return FALSE;
          if (peek (p) == ']')
            return fail (p, comma, _("trailing comma before ']'"));
          continue;
        }

      if (peek (p) == ']')
        {
          p->pos++;
          return TRUE;
        }

      return unexpected (p, _("expected ',' or ']' after an array element"));
    }
}

/* On failure *span may hold a partial span for the caller to free; *node is freed here. */
static gboolean
parse_value (Parser    *p,
             Span     **span,
             JsonNode **node)
{
  char c = peek (p);
  gboolean ok;

  *node = NULL;
  *span = NULL;

  if (at_end (p))
    return unexpected (p, NULL);

  if (c == '{' || c == '[')
    {
      if (++p->depth > MAX_DEPTH)
        return fail (p, p->pos, _("nested too deeply"));

      *span = span_new (c == '{' ? JSON_NODE_OBJECT : JSON_NODE_ARRAY, p->pos);
      ok = c == '{' ? parse_object (p, *span, node) : parse_array (p, *span, node);
      p->depth--;
    }
  else
    {
      *span = span_new (c == 'n' ? JSON_NODE_NULL : JSON_NODE_VALUE, p->pos);

      if (c == '"')
        {
          char *value = NULL;

          ok = parse_string (p, &value);
          if (ok)
            {
              *node = json_node_alloc ();
              json_node_init_string (*node, value);
            }
          g_free (value);
        }
      else if (c == '-' || g_ascii_isdigit (c))
        ok = parse_number (p, node);
      else if (c == 't' || c == 'f')
        {
          ok = parse_literal (p, c == 't' ? "true" : "false");
          if (ok)
            *node = json_node_init_boolean (json_node_alloc (), c == 't');
        }
      else if (c == 'n')
        {
          ok = parse_literal (p, "null");
          if (ok)
            *node = json_node_init_null (json_node_alloc ());
        }
      else
        ok = unexpected (p, NULL);
    }

  (*span)->end = p->pos;

  if (!ok)
    g_clear_pointer (node, json_node_unref);

  return ok;
}

static gsize
bom_length (const char *text,
            gsize       length)
{
  return length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static gboolean
parse_document (const char  *text,
                gsize        length,
                Span       **span_out,
                JsonNode   **root_out,
                GError     **error)
{
  Parser p = { text, length, 0, 0, error };
  const char *invalid = NULL;
  g_autoptr(JsonNode) root = NULL;
  Span *span = NULL;

  if (!g_utf8_validate_len (text, length, &invalid))
    {
      if (*invalid == '\0')
        return fail (&p, invalid - text, _("unexpected NUL character"));
      return fail (&p, invalid - text, _("invalid UTF-8"));
    }

  p.pos = bom_length (text, length);
  if (!skip_space (&p))
    return FALSE;

  /* An empty file holds no settings, which is what a user who just created it means. */
  if (at_end (&p))
    {
      *span_out = NULL;
      *root_out = json_node_init_object (json_node_alloc (), json_object_new ());
      json_object_unref (json_node_get_object (*root_out));
      return TRUE;
    }

  if (peek (&p) != '{')
    return fail (&p, p.pos, _("settings must be a JSON object"));

  if (!parse_value (&p, &span, &root))
    {
      span_free (span);
      return FALSE;
    }

  if (!skip_space (&p) || !at_end (&p))
    {
      span_free (span);
      if (at_end (&p))
        return FALSE;
      return fail (&p, p.pos, _("unexpected text after the settings object"));
    }

  *span_out = span;
  *root_out = g_steal_pointer (&root);
  return TRUE;
}

/**
 * sb_json_doc_new:
 * @text: the text of a settings file
 * @length: its length, or -1 if nul-terminated
 * @error: return location for an error
 *
 * Parses @text as strict JSON whose top level is an object. Whitespace-only text is an
 * empty object.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with %SB_JSON_ERROR_PARSE
 *   and a message "LINE:COL description"
 */
SbJsonDoc *
sb_json_doc_new (const char  *text,
                 gssize       length,
                 GError     **error)
{
  SbJsonDoc *doc;
  Span *span = NULL;
  JsonNode *root = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);

  if (!parse_document (text, length, &span, &root, error))
    return NULL;

  doc = g_new0 (SbJsonDoc, 1);
  doc->text = g_malloc (length + 1);
  memcpy (doc->text, text, length);
  doc->text[length] = '\0';
  doc->length = length;
  doc->span = span;
  doc->root = root;
  return doc;
}

/* The decoded text of the string token at @start, which parsed once already. */
static char *
decode_string_at (SbJsonDoc *doc,
                  gsize      start)
{
  Parser p = { doc->text, doc->length, start, 0, NULL };
  char *value = NULL;

  if (!parse_string (&p, &value))
    return g_strdup ("");

  return value;
}

static void
foreach_string (SbJsonDoc        *doc,
                Span             *span,
                const char       *member,
                SbJsonStringFunc  func,
                gpointer          user_data)
{
  if (span == NULL)
    return;

  if (span->kind == JSON_NODE_OBJECT)
    {
      for (guint i = 0; i < span->children->len; i++)
        {
          Member *child = g_ptr_array_index (span->children, i);

          func (NULL, child->key, child->key_start, child->key_end, user_data);
          foreach_string (doc, child->value, child->key, func, user_data);
        }
    }
  else if (span->kind == JSON_NODE_ARRAY)
    {
      for (guint i = 0; i < span->children->len; i++)
        foreach_string (doc, g_ptr_array_index (span->children, i), NULL, func, user_data);
    }
  else if (span->kind == JSON_NODE_VALUE && doc->text[span->start] == '"')
    {
      g_autofree char *value = decode_string_at (doc, span->start);

      func (member, value, span->start, span->end, user_data);
    }
}

/**
 * sb_json_doc_foreach_string:
 * @doc: a document
 * @func: called for every string token, member names included, in the order of the text
 * @user_data: for @func
 *
 * Walks the string tokens of the text with their byte spans, so that a caller can replace a
 * token by what it means, however it is written (escapes such as \u0030 or \/ included).
 * @func gets the member name that holds a string value (%NULL for a member name itself, or
 * for an element of an array), the decoded string, and the span of the token, quotes
 * included.
 */
void
sb_json_doc_foreach_string (SbJsonDoc        *doc,
                            SbJsonStringFunc  func,
                            gpointer          user_data)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (func != NULL);

  foreach_string (doc, doc->span, NULL, func, user_data);
}

SbJsonDoc *
sb_json_doc_copy (SbJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return sb_json_doc_new (doc->text, doc->length, NULL);
}

void
sb_json_doc_free (SbJsonDoc *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->text);
  span_free (doc->span);
  g_clear_pointer (&doc->root, json_node_unref);
  g_free (doc);
}

/**
 * sb_json_doc_get_text:
 * @doc: a document
 * @length: (out) (optional): the length of the text
 *
 * Returns: the text, nul-terminated
 */
const char *
sb_json_doc_get_text (SbJsonDoc *doc,
                      gsize     *length)
{
  g_return_val_if_fail (doc != NULL, NULL);

  if (length != NULL)
    *length = doc->length;
  return doc->text;
}

/**
 * sb_json_doc_get_root:
 * @doc: a document
 *
 * Returns: (transfer none): the settings object
 */
JsonNode *
sb_json_doc_get_root (SbJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return doc->root;
}

void
sb_json_doc_get_last_change (SbJsonDoc *doc,
                             gsize     *offset,
                             gsize     *removed,
                             gsize     *inserted)
{
  g_return_if_fail (doc != NULL);

  if (offset != NULL)
    *offset = doc->last_offset;
  if (removed != NULL)
    *removed = doc->last_removed;
  if (inserted != NULL)
    *inserted = doc->last_inserted;
}

/* JSON Pointers (RFC 6901) */

char **
sb_json_pointer_parse (const char  *pointer,
                       GError     **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  const char *p;

  g_return_val_if_fail (pointer != NULL, NULL);

  if (pointer[0] != '\0' && pointer[0] != '/')
    {
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_POINTER,
                   _("“%s” is not a JSON Pointer: it must start with /"), pointer);
      return NULL;
    }

  p = pointer;
  while (*p == '/')
    {
      GString *token = g_string_new (NULL);

      for (p++; *p != '\0' && *p != '/'; p++)
        {
          if (*p != '~')
            g_string_append_c (token, *p);
          else if (p[1] == '0')
            g_string_append_c (token, '~'), p++;
          else if (p[1] == '1')
            g_string_append_c (token, '/'), p++;
          else
            {
              g_string_free (token, TRUE);
              g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_POINTER,
                           _("“%s” is not a JSON Pointer: ~ must be followed by 0 or 1"),
                           pointer);
              return NULL;
            }
        }

      g_ptr_array_add (tokens, g_string_free (token, FALSE));
    }

  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
}

char *
sb_json_pointer_append (const char *pointer,
                        const char *token)
{
  GString *s = g_string_new (pointer);

  g_string_append_c (s, '/');
  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (s, "~0");
      else if (*p == '/')
        g_string_append (s, "~1");
      else
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

/* An array index as RFC 6901 writes it: digits, no leading zeros. */
static gboolean
parse_index (const char *token,
             guint      *index)
{
  guint64 value = 0;

  if (token[0] == '\0' || (token[0] == '0' && token[1] != '\0'))
    return FALSE;

  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (*p - '0');
      if (value > G_MAXUINT)
        return FALSE;
    }

  *index = value;
  return TRUE;
}

static JsonNode *
child_of (JsonNode   *node,
          const char *token)
{
  guint index;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_member (json_node_get_object (node), token);

  if (JSON_NODE_HOLDS_ARRAY (node) && parse_index (token, &index) &&
      index < json_array_get_length (json_node_get_array (node)))
    return json_array_get_element (json_node_get_array (node), index);

  return NULL;
}

/**
 * sb_json_pointer_get_string:
 * @root: (nullable): a tree
 * @pointer: a JSON Pointer
 *
 * Returns: (transfer none) (nullable): the string @pointer names in @root; %NULL when there
 *   is none, or it is not a string
 */
const char *
sb_json_pointer_get_string (JsonNode   *root,
                            const char *pointer)
{
  JsonNode *node = root != NULL ? sb_json_pointer_get (root, pointer) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * sb_json_pointer_get:
 * @root: a tree
 * @pointer: a JSON Pointer
 *
 * Returns: (transfer none) (nullable): the node @pointer names in @root
 */
JsonNode *
sb_json_pointer_get (JsonNode   *root,
                     const char *pointer)
{
  g_auto(GStrv) tokens = NULL;
  JsonNode *node = root;

  if (root == NULL || pointer == NULL)
    return NULL;

  tokens = sb_json_pointer_parse (pointer, NULL);
  if (tokens == NULL)
    return NULL;

  for (guint i = 0; node != NULL && tokens[i] != NULL; i++)
    node = child_of (node, tokens[i]);

  return node;
}

/* Comparing and writing values */

/**
 * sb_json_node_copy_deep:
 * @node: a tree
 *
 * json_node_copy() shares the objects and arrays inside @node; this copies them too, so
 * that the copy can be changed without changing @node.
 *
 * Returns: (transfer full): a copy of @node and everything in it
 */
JsonNode *
sb_json_node_copy_deep (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *copy = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (object);

      for (const GList *l = names; l != NULL; l = l->next)
        json_object_set_member (copy, l->data,
                                sb_json_node_copy_deep (json_object_get_member (object, l->data)));

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
        json_array_add_element (copy, sb_json_node_copy_deep (json_array_get_element (array, i)));

      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (result, copy);
      return result;
    }

  return json_node_copy (node);
}

static gboolean
is_number (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
sb_json_node_equal (JsonNode *a,
                    JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a);
        JsonObject *ob = json_node_get_object (b);
        g_autoptr(GList) names = NULL;

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;

        names = json_object_get_members (oa);
        for (const GList *l = names; l != NULL; l = l->next)
          if (!sb_json_node_equal (json_object_get_member (oa, l->data),
                                   json_object_get_member (ob, l->data)))
            return FALSE;

        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a);
        JsonArray *ab = json_node_get_array (b);
        guint n = json_array_get_length (aa);

        if (n != json_array_get_length (ab))
          return FALSE;

        for (guint i = 0; i < n; i++)
          if (!sb_json_node_equal (json_array_get_element (aa, i),
                                   json_array_get_element (ab, i)))
            return FALSE;

        return TRUE;
      }

    case JSON_NODE_VALUE:
    default:
      if (is_number (a) && is_number (b))
        {
          if (json_node_get_value_type (a) == G_TYPE_INT64 &&
              json_node_get_value_type (b) == G_TYPE_INT64)
            return json_node_get_int (a) == json_node_get_int (b);
          return json_node_get_double (a) == json_node_get_double (b);
        }

      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;

      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);

      return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
    }
}

/* How the file writes things, so that what we add looks like what is there. */
typedef struct
{
  const char *newline;    /* "\n" or "\r\n" */
  char       *unit;       /* one level of indentation */
  char       *separator;  /* between a member name and its value, e.g. ": " */
  const char *comma;      /* between members on one line: ", " or "," */
  gboolean    pretty;     /* whether containers span lines */
} Style;

static void
style_clear (Style *style)
{
  g_clear_pointer (&style->unit, g_free);
  g_clear_pointer (&style->separator, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Style, style_clear)

static void
append_string (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');

  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }

  g_string_append_c (out, '"');
}

static gboolean
append_double (GString *out,
               double   value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  return TRUE;
}

/* Writes @node; containers span lines when @style is pretty, starting from a line indented
 * by @indent. */
static gboolean
append_node (GString     *out,
             JsonNode    *node,
             const Style *style,
             const char  *indent)
{
  g_autofree char *inner = g_strconcat (indent, style->unit, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);

        if (names == NULL)
          {
            g_string_append (out, "{}");
            return TRUE;
          }

        g_string_append_c (out, '{');
        for (const GList *l = names; l != NULL; l = l->next)
          {
            if (l != names)
              g_string_append (out, style->pretty ? "," : style->comma);
            if (style->pretty)
              g_string_append_printf (out, "%s%s", style->newline, inner);
            append_string (out, l->data);
            g_string_append (out, style->separator);
            if (!append_node (out, json_object_get_member (object, l->data), style, inner))
              return FALSE;
          }
        if (style->pretty)
          g_string_append_printf (out, "%s%s", style->newline, indent);
        g_string_append_c (out, '}');
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            return TRUE;
          }

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, style->pretty ? "," : style->comma);
            if (style->pretty)
              g_string_append_printf (out, "%s%s", style->newline, inner);
            if (!append_node (out, json_array_get_element (array, i), style, inner))
              return FALSE;
          }
        if (style->pretty)
          g_string_append_printf (out, "%s%s", style->newline, indent);
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          append_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          return append_double (out, json_node_get_double (node));
        else
          return FALSE;
        return TRUE;
      }
    }
}

char *
sb_json_node_to_string (JsonNode *node)
{
  Style style = { "\n", (char *) "", (char *) ":", ",", FALSE };
  GString *out = g_string_new (NULL);

  if (!append_node (out, node, &style, ""))
    g_string_assign (out, "null");

  return g_string_free (out, FALSE);
}

/* The indentation of the line holding @offset. */
static char *
line_indent (SbJsonDoc *doc,
             gsize      offset)
{
  gsize start = offset;
  gsize end;

  while (start > 0 && doc->text[start - 1] != '\n')
    start--;

  end = start;
  while (end < doc->length && (doc->text[end] == ' ' || doc->text[end] == '\t'))
    end++;

  return g_strndup (doc->text + start, end - start);
}

static gboolean
has_newline (SbJsonDoc *doc,
             gsize      from,
             gsize      to)
{
  return memchr (doc->text + from, '\n', to - from) != NULL;
}

static const Member *
first_member (Span *span)
{
  if (span == NULL)
    return NULL;

  if (span->kind == JSON_NODE_OBJECT && span->children->len > 0)
    return g_ptr_array_index (span->children, 0);

  for (guint i = 0; span->children != NULL && i < span->children->len; i++)
    {
      Span *child = span->kind == JSON_NODE_OBJECT
                    ? ((Member *) g_ptr_array_index (span->children, i))->value
                    : g_ptr_array_index (span->children, i);
      const Member *found = first_member (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The smallest indentation of any line: one level in a file written by a program. */
static char *
detect_unit (SbJsonDoc *doc)
{
  g_autofree char *best = NULL;

  for (gsize i = 0; i < doc->length; i++)
    {
      gsize end;

      if (doc->text[i] != '\n')
        continue;

      end = i + 1;
      while (end < doc->length && (doc->text[end] == ' ' || doc->text[end] == '\t'))
        end++;

      if (end == i + 1 || end >= doc->length || doc->text[end] == '\n' || doc->text[end] == '\r')
        continue;

      if (best == NULL || end - (i + 1) < strlen (best))
        {
          g_free (best);
          best = g_strndup (doc->text + i + 1, end - (i + 1));
        }
    }

  if (best == NULL)
    return g_strdup ("  ");
  if (best[0] == '\t')
    return g_strdup ("\t");
  return g_steal_pointer (&best);
}

/* The style for writing inside @container (NULL: a new document). */
static void
detect_style (SbJsonDoc *doc,
              Span      *container,
              Style     *style)
{
  const Member *sample = NULL;

  style->newline = memmem (doc->text, doc->length, "\r\n", 2) != NULL ? "\r\n" : "\n";
  style->unit = detect_unit (doc);

  if (container != NULL && container->kind == JSON_NODE_OBJECT && container->children->len > 0)
    sample = g_ptr_array_index (container->children, 0);
  if (sample == NULL)
    sample = first_member (doc->span);

  if (sample != NULL)
    style->separator = g_strndup (doc->text + sample->key_end,
                                  sample->value->start - sample->key_end);
  else
    style->separator = g_strdup (": ");

  style->comma = strchr (style->separator, ' ') != NULL ? ", " : ",";

  /* Containers span lines unless the one we write into sits on one line, or the whole
   * file is one line. */
  if (doc->span == NULL)
    style->pretty = TRUE;
  else if (container != NULL && container->children->len > 0)
    {
      gsize first = container->kind == JSON_NODE_OBJECT
                    ? ((Member *) g_ptr_array_index (container->children, 0))->key_start
                    : ((Span *) g_ptr_array_index (container->children, 0))->start;
      style->pretty = has_newline (doc, container->start, first);
    }
  else
    style->pretty = has_newline (doc, doc->span->start, doc->span->end);
}

/* Editing */

typedef struct
{
  gsize     start;
  gsize     end;
  GString  *text;
} Splice;

static void
splice_clear (Splice *splice)
{
  if (splice->text != NULL)
    g_string_free (splice->text, TRUE);
  splice->text = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Splice, splice_clear)

/* @value wrapped in objects named by @tokens: {"a": {"b": value}} for ["a", "b"]. */
static JsonNode *
nest (char     **tokens,
      JsonNode  *value)
{
  JsonNode *node = sb_json_node_copy_deep (value);

  for (gssize i = (gssize) g_strv_length (tokens) - 1; i >= 0; i--)
    {
      JsonObject *object = json_object_new ();
      JsonNode *parent = json_node_init_object (json_node_alloc (), object);

      json_object_unref (object);
      json_object_set_member (object, tokens[i], node);
      node = parent;
    }

  return node;
}

static Member *
find_member (Span       *span,
             const char *key)
{
  /* The last duplicate is the one that counts. */
  for (guint i = span->children->len; i > 0; i--)
    {
      Member *member = g_ptr_array_index (span->children, i - 1);

      if (strcmp (member->key, key) == 0)
        return member;
    }

  return NULL;
}

static gboolean
replace_value (SbJsonDoc  *doc,
               Span       *container,
               Span       *target,
               JsonNode   *value,
               Splice     *splice,
               GError    **error)
{
  g_auto(Style) style = { 0 };
  g_autofree char *indent = line_indent (doc, target->start);

  detect_style (doc, container, &style);
  splice->start = target->start;
  splice->end = target->end;
  splice->text = g_string_new (NULL);

  if (!append_node (splice->text, value, &style, indent))
    {
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_TYPE,
                   _("the value cannot be written as JSON"));
      return FALSE;
    }

  return TRUE;
}

/* Adds a member (@key non-NULL) or an element at the end of @container. */
static gboolean
insert_child (SbJsonDoc   *doc,
              Span        *container,
              const char  *key,
              JsonNode    *value,
              Splice      *splice,
              GError     **error)
{
  g_auto(Style) style = { 0 };
  g_autofree char *indent = NULL;
  guint n = container->children->len;
  gboolean ok;

  detect_style (doc, container, &style);
  splice->text = g_string_new (NULL);

  if (n == 0)
    {
      g_autofree char *outer = line_indent (doc, container->start);

      indent = g_strconcat (outer, style.unit, NULL);
      splice->start = container->start + 1;
      splice->end = container->end - 1;

      if (style.pretty)
        g_string_append_printf (splice->text, "%s%s", style.newline, indent);
      if (key != NULL)
        {
          append_string (splice->text, key);
          g_string_append (splice->text, style.separator);
        }
      ok = append_node (splice->text, value, &style, indent);
      if (style.pretty)
        g_string_append_printf (splice->text, "%s%s", style.newline, outer);
    }
  else
    {
      gsize last_start, last_end;

      if (key != NULL)
        {
          Member *last = g_ptr_array_index (container->children, n - 1);
          last_start = last->key_start;
          last_end = last->value->end;
        }
      else
        {
          Span *last = g_ptr_array_index (container->children, n - 1);
          last_start = last->start;
          last_end = last->end;
        }

      indent = line_indent (doc, last_start);
      splice->start = splice->end = last_end;

      if (style.pretty)
        g_string_append_printf (splice->text, ",%s%s", style.newline, indent);
      else
        g_string_append (splice->text, style.comma);
      if (key != NULL)
        {
          append_string (splice->text, key);
          g_string_append (splice->text, style.separator);
        }
      ok = append_node (splice->text, value, &style, indent);
    }

  if (!ok)
    g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_TYPE,
                 _("the value cannot be written as JSON"));
  return ok;
}

static gboolean
plan_set (SbJsonDoc  *doc,
          char      **tokens,
          JsonNode   *value,
          Splice     *splice,
          GError    **error)
{
  Span *span = doc->span;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gboolean last = tokens[i + 1] == NULL;

      if (span->kind == JSON_NODE_OBJECT)
        {
          Member *member = find_member (span, tokens[i]);

          if (member == NULL)
            {
              g_autoptr(JsonNode) nested = nest (tokens + i + 1, value);
              return insert_child (doc, span, tokens[i], nested, splice, error);
            }

          if (last)
            return replace_value (doc, span, member->value, value, splice, error);

          span = member->value;
        }
      else if (span->kind == JSON_NODE_ARRAY)
        {
          guint index;

          if (last && strcmp (tokens[i], "-") == 0)
            return insert_child (doc, span, NULL, value, splice, error);

          if (!parse_index (tokens[i], &index) || index > span->children->len ||
              (index == span->children->len && !last))
            {
              g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_NOT_FOUND,
                           _("no element “%s” in the array"), tokens[i]);
              return FALSE;
            }

          if (index == span->children->len)
            return insert_child (doc, span, NULL, value, splice, error);

          if (last)
            return replace_value (doc, span, g_ptr_array_index (span->children, index),
                                  value, splice, error);

          span = g_ptr_array_index (span->children, index);
        }
      else
        {
          g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_TYPE,
                       _("“%s” is inside a value that is not an object or an array"), tokens[i]);
          return FALSE;
        }
    }

  g_assert_not_reached ();
}

/* The bytes that removing child @index of @container takes out, with its comma. */
static void
removal_extent (Span   *container,
                guint   index,
                Splice *splice)
{
  guint n = container->children->len;
  gboolean object = container->kind == JSON_NODE_OBJECT;

#define CHILD_START(i) (object ? ((Member *) g_ptr_array_index (container->children, i))->key_start \
                               : ((Span *) g_ptr_array_index (container->children, i))->start)
#define CHILD_END(i) (object ? ((Member *) g_ptr_array_index (container->children, i))->value->end \
                             : ((Span *) g_ptr_array_index (container->children, i))->end)

  if (n == 1)
    {
      splice->start = container->start + 1;
      splice->end = container->end - 1;
    }
  else if (index + 1 < n)
    {
      splice->start = CHILD_START (index);
      splice->end = CHILD_START (index + 1);
    }
  else
    {
      splice->start = CHILD_END (index - 1);
      splice->end = CHILD_END (index);
    }

#undef CHILD_START
#undef CHILD_END

  splice->text = g_string_new (NULL);
}

static gboolean
plan_remove (SbJsonDoc  *doc,
             char      **tokens,
             Splice     *splice,
             GError    **error)
{
  Span *span = doc->span;

  for (guint i = 0; span != NULL && tokens[i] != NULL; i++)
    {
      gboolean last = tokens[i + 1] == NULL;

      if (span->kind == JSON_NODE_OBJECT)
        {
          Member *member = find_member (span, tokens[i]);

          if (member == NULL)
            break;

          if (last)
            {
              guint index;

              g_ptr_array_find (span->children, member, &index);
              removal_extent (span, index, splice);
              return TRUE;
            }

          span = member->value;
        }
      else if (span->kind == JSON_NODE_ARRAY)
        {
          guint index;

          if (!parse_index (tokens[i], &index) || index >= span->children->len)
            break;

          if (last)
            {
              removal_extent (span, index, splice);
              return TRUE;
            }

          span = g_ptr_array_index (span->children, index);
        }
      else
        break;
    }

  g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_NOT_FOUND, _("nothing to remove there"));
  return FALSE;
}

/* The intended result, computed on the tree alone, to check the text against. */
static gboolean
tree_apply (JsonNode  *root,
            char     **tokens,
            JsonNode  *value,
            GError   **error)
{
  JsonNode *node = root;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gboolean last = tokens[i + 1] == NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          JsonNode *child = json_object_get_member (object, tokens[i]);

          if (last)
            {
              if (value != NULL)
                json_object_set_member (object, tokens[i], sb_json_node_copy_deep (value));
              else if (child != NULL)
                json_object_remove_member (object, tokens[i]);
              else
                goto not_found;
              return TRUE;
            }

          if (child == NULL)
            {
              if (value == NULL)
                goto not_found;
              json_object_set_member (object, tokens[i], nest (tokens + i + 1, value));
              return TRUE;
            }

          node = child;
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);
          guint index;

          if (last && value != NULL && strcmp (tokens[i], "-") == 0)
            {
              json_array_add_element (array, sb_json_node_copy_deep (value));
              return TRUE;
            }

          if (!parse_index (tokens[i], &index) || index > n || (index == n && !last) ||
              (index == n && value == NULL))
            goto not_found;

          if (last && value == NULL)
            {
              json_array_remove_element (array, index);
              return TRUE;
            }

          if (last && index == n)
            {
              json_array_add_element (array, sb_json_node_copy_deep (value));
              return TRUE;
            }

          if (last)
            {
              /* JsonArray cannot replace in place: rebuild it. */
              JsonArray *copy = json_array_new ();

              for (guint j = 0; j < n; j++)
                json_array_add_element (copy, sb_json_node_copy_deep (j == index
                                                              ? value
                                                              : json_array_get_element (array, j)));
              json_node_take_array (node, copy);
              return TRUE;
            }

          node = json_array_get_element (array, index);
        }
      else if (value == NULL)
        goto not_found;
      else
        {
          g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_TYPE,
                       _("“%s” is inside a value that is not an object or an array"), tokens[i]);
          return FALSE;
        }
    }

not_found:
  g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_NOT_FOUND,
               value != NULL ? _("no such array element") : _("nothing to remove there"));
  return FALSE;
}

/* Replaces the text of @doc, taking @text, if it parses; otherwise @doc is unchanged. */
static gboolean
replace_text (SbJsonDoc  *doc,
              char       *text,
              gsize       length,
              GError    **error)
{
  JsonNode *root = NULL;
  Span *span = NULL;

  if (!parse_document (text, length, &span, &root, error))
    {
      g_free (text);
      return FALSE;
    }

  g_free (doc->text);
  doc->text = text;
  doc->length = length;
  span_free (doc->span);
  doc->span = span;
  g_clear_pointer (&doc->root, json_node_unref);
  doc->root = root;
  return TRUE;
}

/* Accepts the edit from @original to the current text if the text says @intended, and
 * records it as one splice; otherwise puts @original back. */
static gboolean
finish_edit (SbJsonDoc   *doc,
             char        *original,
             gsize        original_length,
             gboolean     parsed,
             JsonNode    *intended,
             GError     **error)
{
  gsize prefix = 0;
  gsize suffix = 0;

  if (!parsed || !sb_json_node_equal (doc->root, intended))
    {
      if (!replace_text (doc, original, original_length, NULL))
        g_assert_not_reached ();
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_VERIFY,
                   _("the edited text does not say what was intended"));
      return FALSE;
    }

  while (prefix < doc->length && prefix < original_length &&
         doc->text[prefix] == original[prefix])
    prefix++;
  while (suffix < doc->length - prefix && suffix < original_length - prefix &&
         doc->text[doc->length - 1 - suffix] == original[original_length - 1 - suffix])
    suffix++;

  doc->last_offset = prefix;
  doc->last_removed = original_length - prefix - suffix;
  doc->last_inserted = doc->length - prefix - suffix;

  g_free (original);
  return TRUE;
}

static char *
apply_splice (SbJsonDoc    *doc,
              const Splice *splice,
              gsize        *length)
{
  GString *out = g_string_sized_new (doc->length + splice->text->len);

  g_string_append_len (out, doc->text, splice->start);
  g_string_append_len (out, splice->text->str, splice->text->len);
  g_string_append_len (out, doc->text + splice->end, doc->length - splice->end);

  *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * sb_json_doc_set:
 * @doc: a document
 * @pointer: where, such as "/env/ANTHROPIC_MODEL"; missing objects on the way are created
 * @value: what
 * @error: return location for an error
 *
 * Sets @pointer to @value by changing only the bytes of that member (or adding it at the
 * end of its object, formatted like its siblings). On failure @doc is unchanged.
 */
gboolean
sb_json_doc_set (SbJsonDoc   *doc,
                 const char  *pointer,
                 JsonNode    *value,
                 GError     **error)
{
  g_auto(GStrv) tokens = NULL;
  g_autoptr(JsonNode) intended = NULL;
  g_auto(Splice) splice = { 0 };
  char *original;
  gsize original_length;
  gboolean parsed;
  char *text;
  gsize length;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  tokens = sb_json_pointer_parse (pointer, error);
  if (tokens == NULL)
    return FALSE;

  if (tokens[0] == NULL)
    {
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_POINTER,
                   _("the whole document cannot be replaced"));
      return FALSE;
    }

  intended = sb_json_node_copy_deep (doc->root);
  if (!tree_apply (intended, tokens, value, error))
    return FALSE;

  if (doc->span == NULL)
    {
      /* An empty document gets a whole new object, after any byte order mark. */
      Style style = { "\n", (char *) "  ", (char *) ": ", ", ", TRUE };
      gsize bom = bom_length (doc->text, doc->length);
      GString *out = g_string_new_len (doc->text, bom);

      if (!append_node (out, intended, &style, ""))
        {
          g_string_free (out, TRUE);
          g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_TYPE,
                       _("the value cannot be written as JSON"));
          return FALSE;
        }
      g_string_append_c (out, '\n');
      length = out->len;
      text = g_string_free (out, FALSE);
    }
  else
    {
      if (!plan_set (doc, tokens, value, &splice, error))
        return FALSE;
      text = apply_splice (doc, &splice, &length);
    }

  original_length = doc->length;
  original = g_memdup2 (doc->text, doc->length + 1);
  parsed = replace_text (doc, text, length, NULL);
  return finish_edit (doc, original, original_length, parsed, intended, error);
}

/**
 * sb_json_doc_remove:
 * @doc: a document
 * @pointer: what to remove
 * @error: return location for an error
 *
 * Removes the member or element at @pointer (every occurrence of a duplicated member),
 * with its comma. On failure @doc is unchanged.
 */
gboolean
sb_json_doc_remove (SbJsonDoc   *doc,
                    const char  *pointer,
                    GError     **error)
{
  g_auto(GStrv) tokens = NULL;
  g_autoptr(JsonNode) intended = NULL;
  gboolean parsed = TRUE;
  char *original;
  gsize original_length;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);

  tokens = sb_json_pointer_parse (pointer, error);
  if (tokens == NULL)
    return FALSE;

  if (tokens[0] == NULL)
    {
      g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_POINTER,
                   _("the whole document cannot be removed"));
      return FALSE;
    }

  intended = sb_json_node_copy_deep (doc->root);
  if (!tree_apply (intended, tokens, NULL, error))
    return FALSE;

  original_length = doc->length;
  original = g_memdup2 (doc->text, doc->length + 1);

  /* One occurrence at a time, the effective one first: a duplicated member is removed
   * until none is left. */
  while (parsed && !sb_json_node_equal (doc->root, intended))
    {
      g_auto(Splice) splice = { 0 };
      char *text;
      gsize length;

      if (!plan_remove (doc, tokens, &splice, NULL))
        break;

      text = apply_splice (doc, &splice, &length);
      parsed = replace_text (doc, text, length, NULL);
    }

  return finish_edit (doc, original, original_length, parsed, intended, error);
}

/**
 * sb_json_check_depth:
 * @data: JSON text, perhaps not valid
 * @length: its length
 * @max_depth: the deepest nesting of arrays and objects allowed
 * @error: return location for an error
 *
 * json-glib recurses once per level and overflows the stack on input nested some
 * hundred thousand levels deep; text from the network or another program goes through
 * this cheap scan first. Brackets inside strings do not count.
 *
 * Returns: %FALSE with %SB_JSON_ERROR_DEPTH if @data nests deeper than @max_depth
 */
gboolean
sb_json_check_depth (const char  *data,
                     gsize        length,
                     guint        max_depth,
                     GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, SB_JSON_ERROR, SB_JSON_ERROR_DEPTH,
                           _("The JSON text is nested more than %u levels deep"), max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}
