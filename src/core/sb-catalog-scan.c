/* sb-catalog-scan.c
 *
 * The fast path for a /models body: a strict JSON scanner that walks the whole text once,
 * validating all of it, and builds json-glib nodes only for the members of each model that
 * sb_model_new_from_json() reads, then hands those to that same mapper. Descriptions, slugs,
 * per-request limits and the rest are checked and skipped, never copied. A body the scanner
 * does not take (anything unusual: a second "data" member, a number out of range, …) goes
 * to json-glib's parser as before, which also words the errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "sb-catalog-private.h"
#include "sb-model.h"

#define MAX_DEPTH 512

typedef struct _Keep Keep;

/* A member to build, and when it is an object, which of its own members (NULL: all); when
 * it is a list, which strings to keep in it (NULL: every element). */
struct _Keep
{
  const char         *name;
  const Keep         *children;
  gsize               n_children;
  const char * const *strings;
};

/* Every member of a model that sb_model_new_from_json() reads, and no other: keep in step
 * with it (tests/test-catalog.c compares the two paths on every fixture and the snapshot). */
static const Keep top_provider_members[] = {
  { "context_length" }, { "max_completion_tokens" },
};
static const Keep pricing_members[] = {
  { "prompt" }, { "completion" },
};
static const Keep architecture_members[] = {
  { "input_modalities" }, { "output_modalities" }, { "modality" },
};
/* The mapper only looks for these in the list of parameters; a model lists a dozen. */
static const char * const parameter_strings[] = {
  "tools", "reasoning", "include_reasoning", NULL,
};
static const Keep model_members[] = {
  { "id" }, { "name" }, { "created" }, { "context_length" },
  { "top_provider", top_provider_members, G_N_ELEMENTS (top_provider_members) },
  { "pricing", pricing_members, G_N_ELEMENTS (pricing_members) },
  { "architecture", architecture_members, G_N_ELEMENTS (architecture_members) },
  { "supported_parameters", NULL, 0, parameter_strings }, { "expiration_date" },
};

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
} Scan;

static void
skip_ws (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static gboolean
expect (Scan *s,
        char  c)
{
  skip_ws (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

static int
hex_value (char c)
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
read_hex4 (Scan     *s,
           gunichar *out)
{
  gunichar value = 0;

  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (s->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  s->p += 4;
  *out = value;
  return TRUE;
}

/* A string, the opening quote already read. With @out, its decoded text is appended there;
 * without, it is only checked. The body was checked to be UTF-8 as a whole beforehand. */
static gboolean
scan_string (Scan    *s,
             GString *out)
{
  const char *run = s->p;

  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          if (out != NULL)
            g_string_append_len (out, run, s->p - run);
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          s->p++;
          continue;
        }

      if (out != NULL)
        g_string_append_len (out, run, s->p - run);
      s->p++;
      if (s->p >= s->end)
        return FALSE;

      switch (*s->p++)
        {
        case '"': if (out) g_string_append_c (out, '"'); break;
        case '\\': if (out) g_string_append_c (out, '\\'); break;
        case '/': if (out) g_string_append_c (out, '/'); break;
        case 'b': if (out) g_string_append_c (out, '\b'); break;
        case 'f': if (out) g_string_append_c (out, '\f'); break;
        case 'n': if (out) g_string_append_c (out, '\n'); break;
        case 'r': if (out) g_string_append_c (out, '\r'); break;
        case 't': if (out) g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar unit, low;

            if (!read_hex4 (s, &unit))
              return FALSE;
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return FALSE;  /* a lone low surrogate: left to json-glib */
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
                  return FALSE;
                s->p += 2;
                if (!read_hex4 (s, &low) || low < 0xdc00 || low > 0xdfff)
                  return FALSE;
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            if (unit == 0)
              return FALSE;  /* a NUL inside a C string: left to json-glib */
            if (out != NULL)
              g_string_append_unichar (out, unit);
          }
          break;
        default:
          return FALSE;
        }
      run = s->p;
    }

  return FALSE;
}

/* A number, strictly as JSON has it; with @out, a node typed as json-glib types it: an
 * integer without fraction or exponent, else a double. */
static gboolean
scan_number (Scan      *s,
             JsonNode **out)
{
  const char *start = s->p;
  gboolean is_double = FALSE;
  char buffer[64];
  char *end = NULL;

  if (s->p < s->end && *s->p == '-')
    s->p++;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return FALSE;
  if (*s->p == '0')
    s->p++;
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;
  if (s->p < s->end && *s->p == '.')
    {
      is_double = TRUE;
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      is_double = TRUE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  if (out == NULL)
    return TRUE;

  if ((gsize) (s->p - start) >= sizeof buffer)
    return FALSE;
  memcpy (buffer, start, s->p - start);
  buffer[s->p - start] = '\0';

  errno = 0;
  if (is_double)
    {
      double value = g_ascii_strtod (buffer, &end);

      if (errno != 0)
        return FALSE;
      *out = json_node_init_double (json_node_alloc (), value);
    }
  else
    {
      gint64 value = g_ascii_strtoll (buffer, &end, 10);

      if (errno != 0)
        return FALSE;
      *out = json_node_init_int (json_node_alloc (), value);
    }

  return TRUE;
}

static gboolean
scan_literal (Scan       *s,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (s->end - s->p) < length || memcmp (s->p, word, length) != 0)
    return FALSE;
  s->p += length;
  return TRUE;
}

static gboolean scan_value (Scan      *s,
                            JsonNode **out);
static gboolean scan_members (Scan       *s,
                              JsonObject *object,
                              const Keep *keep,
                              gsize       n_keep);

/* A list, of which only the string elements among @strings are built. */
static gboolean
scan_kept_strings (Scan               *s,
                   const char * const *strings,
                   JsonNode          **out)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  if (++s->depth > MAX_DEPTH)
    return FALSE;
  s->p++;

  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    s->p++;
  else
    for (;;)
      {
        skip_ws (s);
        if (s->p < s->end && *s->p == '"')
          {
            s->p++;
            g_string_truncate (text, 0);
            if (!scan_string (s, text))
              return FALSE;
            if (g_strv_contains (strings, text->str))
              json_array_add_string_element (array, text->str);
          }
        else if (!scan_value (s, NULL))
          return FALSE;

        skip_ws (s);
        if (s->p < s->end && *s->p == ',')
          {
            s->p++;
            continue;
          }
        if (!expect (s, ']'))
          return FALSE;
        break;
      }

  s->depth--;
  *out = json_node_init_array (json_node_alloc (), array);
  return TRUE;
}

/* A wanted member's value: an object is built with only the members @wanted names. */
static gboolean
scan_kept_value (Scan       *s,
                 const Keep *wanted,
                 JsonNode  **out)
{
  g_autoptr(JsonObject) object = NULL;
  gboolean ok;

  skip_ws (s);
  if (wanted->strings != NULL && s->p < s->end && *s->p == '[')
    return scan_kept_strings (s, wanted->strings, out);
  if (wanted->children == NULL || s->p >= s->end || *s->p != '{')
    return scan_value (s, out);

  if (++s->depth > MAX_DEPTH)
    return FALSE;
  s->p++;
  object = json_object_new ();
  ok = scan_members (s, object, wanted->children, wanted->n_children);
  s->depth--;
  if (ok)
    *out = json_node_init_object (json_node_alloc (), object);
  return ok;
}

/* An object, the opening brace already read. With @object, every member is added to it;
 * with @keep too, only the members named there (the others are checked and skipped). */
static gboolean
scan_members (Scan       *s,
              JsonObject *object,
              const Keep *keep,
              gsize       n_keep)
{
  /* Names are only needed for what is built. */
  g_autoptr(GString) key = object != NULL ? g_string_new (NULL) : NULL;

  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      const Keep *wanted = NULL;
      JsonNode *value = NULL;

      if (!expect (s, '"'))
        return FALSE;
      if (key != NULL)
        g_string_truncate (key, 0);
      if (!scan_string (s, key))
        return FALSE;
      if (!expect (s, ':'))
        return FALSE;

      if (object != NULL && keep != NULL)
        {
          for (gsize i = 0; i < n_keep && wanted == NULL; i++)
            if (strcmp (key->str, keep[i].name) == 0)
              wanted = &keep[i];
        }

      if (wanted != NULL ? !scan_kept_value (s, wanted, &value)
                         : !scan_value (s, object != NULL && keep == NULL ? &value : NULL))
        return FALSE;
      if (value != NULL)
        json_object_set_member (object, key->str, value);

      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, '}');
    }
}

/* An array, the opening bracket already read. */
static gboolean
scan_elements (Scan      *s,
               JsonArray *array)
{
  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      JsonNode *value = NULL;

      if (!scan_value (s, array != NULL ? &value : NULL))
        return FALSE;
      if (value != NULL)
        json_array_add_element (array, value);

      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, ']');
    }
}

/* Any value: built into @out when given, else only checked. */
static gboolean
scan_value (Scan      *s,
            JsonNode **out)
{
  gboolean ok;

  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;

  switch (*s->p)
    {
    case '{':
      {
        g_autoptr(JsonObject) object = out != NULL ? json_object_new () : NULL;

        if (++s->depth > MAX_DEPTH)
          return FALSE;
        s->p++;
        ok = scan_members (s, object, NULL, 0);
        s->depth--;
        if (ok && out != NULL)
          *out = json_node_init_object (json_node_alloc (), object);
        return ok;
      }

    case '[':
      {
        g_autoptr(JsonArray) array = out != NULL ? json_array_new () : NULL;

        if (++s->depth > MAX_DEPTH)
          return FALSE;
        s->p++;
        ok = scan_elements (s, array);
        s->depth--;
        if (ok && out != NULL)
          *out = json_node_init_array (json_node_alloc (), array);
        return ok;
      }

    case '"':
      {
        g_autoptr(GString) text = out != NULL ? g_string_new (NULL) : NULL;

        s->p++;
        if (!scan_string (s, text))
          return FALSE;
        if (out != NULL)
          *out = json_node_init_string (json_node_alloc (), text->str);
        return TRUE;
      }

    case 't':
      if (!scan_literal (s, "true"))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_boolean (json_node_alloc (), TRUE);
      return TRUE;

    case 'f':
      if (!scan_literal (s, "false"))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_boolean (json_node_alloc (), FALSE);
      return TRUE;

    case 'n':
      if (!scan_literal (s, "null"))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_null (json_node_alloc ());
      return TRUE;

    default:
      return scan_number (s, out);
    }
}

/* One entry of the model list: mapped, or counted as skipped as sb_catalog_parsed_new()
 * does. */
static gboolean
scan_model (Scan            *s,
            SbCatalogParsed *parsed)
{
  g_autoptr(JsonObject) object = NULL;
  SbModel *model;

  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;

  if (*s->p != '{')
    {
      parsed->n_skipped++;
      return scan_value (s, NULL);
    }

  s->p++;
  object = json_object_new ();
  if (!scan_members (s, object, model_members, G_N_ELEMENTS (model_members)))
    return FALSE;

  model = sb_model_new_from_json (object, NULL);
  if (model == NULL || g_hash_table_contains (parsed->by_id, sb_model_get_id (model)))
    {
      g_clear_object (&model);
      parsed->n_skipped++;
      return TRUE;
    }

  g_ptr_array_add (parsed->models, model);
  g_hash_table_insert (parsed->by_id, (gpointer) sb_model_get_id (model), model);
  return TRUE;
}

static gboolean
scan_models (Scan            *s,
             SbCatalogParsed *parsed)
{
  if (!expect (s, '['))
    return FALSE;

  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      if (!scan_model (s, parsed))
        return FALSE;

      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, ']');
    }
}

/**
 * sb_catalog_scan:
 * @data: a /models body
 * @size: its length
 *
 * Returns: (nullable): the parsed list, possibly with no models; %NULL when the scanner
 *   does not take this body, for json-glib's parser to have the last word
 */
SbCatalogParsed *
sb_catalog_scan (const char *data,
                 gsize       size)
{
  Scan s = { data, data + size, 0 };
  SbCatalogParsed *parsed;
  gboolean seen_data = FALSE;
  gboolean ok;

  if (!g_utf8_validate_len (data, size, NULL))
    return NULL;

  parsed = g_new0 (SbCatalogParsed, 1);
  parsed->models = g_ptr_array_new_with_free_func (g_object_unref);
  parsed->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  skip_ws (&s);
  if (s.p < s.end && *s.p == '[')
    {
      ok = scan_models (&s, parsed);
    }
  else if (expect (&s, '{'))
    {
      g_autoptr(GString) key = g_string_new (NULL);

      skip_ws (&s);
      ok = TRUE;
      if (s.p < s.end && *s.p == '}')
        s.p++;
      else
        for (;;)
          {
            g_string_truncate (key, 0);
            ok = expect (&s, '"') && scan_string (&s, key) && expect (&s, ':');
            if (!ok)
              break;

            if (strcmp (key->str, "data") == 0)
              {
                skip_ws (&s);
                /* A "data" that is not a list, or a second one: json-glib's way. */
                ok = !seen_data && s.p < s.end && *s.p == '[' && scan_models (&s, parsed);
                seen_data = TRUE;
              }
            else if (strcmp (key->str, "snapshot_date") == 0)
              {
                g_autoptr(JsonNode) date = NULL;

                ok = scan_value (&s, &date);
                g_clear_pointer (&parsed->snapshot_date, g_free);
                if (ok && JSON_NODE_HOLDS_VALUE (date) &&
                    json_node_get_value_type (date) == G_TYPE_STRING)
                  parsed->snapshot_date = g_strdup (json_node_get_string (date));
              }
            else
              {
                ok = scan_value (&s, NULL);
              }
            if (!ok)
              break;

            skip_ws (&s);
            if (s.p < s.end && *s.p == ',')
              {
                s.p++;
                continue;
              }
            ok = expect (&s, '}');
            break;
          }
      ok = ok && seen_data;
    }
  else
    {
      ok = FALSE;
    }

  skip_ws (&s);
  if (!ok || s.p != s.end)
    {
      sb_catalog_parsed_free (parsed);
      return NULL;
    }

  return parsed;
}
