/* sb-catalog-scan.c
 *
 * The fast path for a /models body: a strict JSON scanner that walks the whole text once,
 * validating all of it, and takes out of each model only the members the mapper reads,
 * straight into an SbModelMembers for sb_model_new_from_members(), the mapper that
 * sb_model_new_from_json() uses too. No json-glib node is built. Descriptions, slugs,
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
#include "sb-model-private.h"
#include "sb-json-edit.h"

#define MAX_DEPTH 512

typedef enum
{
  KEEP_VALUE,       /* a number or a string, into an SbModelValue */
  KEEP_STRINGS,     /* the string elements of a list, into a GStrv */
  KEEP_PARAMETERS,  /* supported_parameters, into the two flags */
  KEEP_OBJECT,      /* an object of which some members are kept */
} KeepKind;

typedef struct _Keep Keep;

/* A member to take, and where it goes in SbModelMembers. */
struct _Keep
{
  const char *name;
  gsize       length;
  KeepKind    kind;
  gsize       offset;
  const Keep *children;
  gsize       n_children;
};

#define KEEP(name, kind, field) \
  { name, sizeof name - 1, kind, G_STRUCT_OFFSET (SbModelMembers, field), NULL, 0 }
#define KEEP_OBJECT(name, children) \
  { name, sizeof name - 1, KEEP_OBJECT, 0, children, G_N_ELEMENTS (children) }

/* Every member of a model that sb_model_new_from_json() reads, and no other: keep in step
 * with it (tests/test-catalog.c compares the two paths on every fixture and the snapshot). */
static const Keep top_provider_members[] = {
  KEEP ("context_length", KEEP_VALUE, top_context_length),
  KEEP ("max_completion_tokens", KEEP_VALUE, max_completion_tokens),
};
static const Keep pricing_members[] = {
  KEEP ("prompt", KEEP_VALUE, prompt_price),
  KEEP ("completion", KEEP_VALUE, completion_price),
  KEEP ("input_cache_read", KEEP_VALUE, cache_read_price),
  KEEP ("input_cache_write", KEEP_VALUE, cache_write_price),
};
static const Keep architecture_members[] = {
  KEEP ("input_modalities", KEEP_STRINGS, input_modalities),
  KEEP ("output_modalities", KEEP_STRINGS, output_modalities),
  KEEP ("modality", KEEP_VALUE, modality),
};
static const Keep model_members[] = {
  KEEP ("id", KEEP_VALUE, id),
  KEEP ("name", KEEP_VALUE, name),
  KEEP ("created", KEEP_VALUE, created),
  KEEP ("context_length", KEEP_VALUE, context_length),
  KEEP_OBJECT ("top_provider", top_provider_members),
  KEEP_OBJECT ("pricing", pricing_members),
  KEEP_OBJECT ("architecture", architecture_members),
  { "supported_parameters", sizeof "supported_parameters" - 1, KEEP_PARAMETERS, 0, NULL, 0 },
  KEEP ("expiration_date", KEEP_VALUE, expiration_date),
};

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;

  /* Decoded text of the model being read, each string followed by a NUL. A string decoded
   * is never longer than its JSON form with the quotes, so a buffer the size of the body
   * holds all of one model's without moving; only the pages used are ever touched. */
  char       *text;
  gsize       text_length;
  GPtrArray  *strings;  /* the elements of a list being read, in @text */
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

static gboolean
read_hex4 (Scan     *s,
           gunichar *out)
{
  gunichar value = 0;

  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = sb_json_hex_digit (s->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  s->p += 4;
  *out = value;
  return TRUE;
}

/* What ends a run of plain text in a string: the quote, the backslash, and the control
 * characters, which JSON only allows escaped. */
static const guint8 string_stops[256] = {
  [0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* A string, the opening quote already read. With @out, it is decoded at the end of the
 * scan's text and @out points there; without, it is only checked. The body was checked to
 * be UTF-8 as a whole beforehand. */
static gboolean
scan_string (Scan        *s,
             const char **out)
{
  const char *run = s->p;
  char *start = s->text + s->text_length;
  char *to = start;

  while (s->p < s->end)
    {
      guchar c;
      char escaped;

      while (s->p < s->end && !string_stops[(guchar) *s->p])
        s->p++;
      if (s->p >= s->end)
        break;

      c = (guchar) *s->p;
      if (c == '"')
        {
          if (out != NULL)
            {
              memcpy (to, run, s->p - run);
              to += s->p - run;
              *to++ = '\0';
              s->text_length = to - s->text;
              *out = start;
            }
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;

      if (out != NULL)
        {
          memcpy (to, run, s->p - run);
          to += s->p - run;
        }
      s->p++;
      if (s->p >= s->end)
        return FALSE;

      switch (*s->p++)
        {
        case '"': escaped = '"'; break;
        case '\\': escaped = '\\'; break;
        case '/': escaped = '/'; break;
        case 'b': escaped = '\b'; break;
        case 'f': escaped = '\f'; break;
        case 'n': escaped = '\n'; break;
        case 'r': escaped = '\r'; break;
        case 't': escaped = '\t'; break;
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
            /* At most four bytes, from the six or twelve of the escape. */
            if (out != NULL)
              to += g_unichar_to_utf8 (unit, to);
            run = s->p;
            continue;
          }
        default:
          return FALSE;
        }
      if (out != NULL)
        *to++ = escaped;
      run = s->p;
    }

  return FALSE;
}

/* A number, strictly as JSON has it; with @out, typed as json-glib types it: an integer
 * without fraction or exponent, else a double. */
static gboolean
scan_number (Scan         *s,
             SbModelValue *out)
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
      out->type = SB_MODEL_VALUE_DOUBLE;
      out->number = g_ascii_strtod (buffer, &end);
    }
  else
    {
      out->type = SB_MODEL_VALUE_INT;
      out->integer = g_ascii_strtoll (buffer, &end, 10);
    }

  /* Out of range: json-glib's own reading, whatever it is, has the last word. */
  return errno == 0;
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

static gboolean scan_value (Scan *s);

/* An object, the opening brace already read, only checked. */
static gboolean
scan_members (Scan *s)
{
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      if (!expect (s, '"') || !scan_string (s, NULL) || !expect (s, ':') || !scan_value (s))
        return FALSE;

      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, '}');
    }
}

/* An array, the opening bracket already read, only checked. */
static gboolean
scan_elements (Scan *s)
{
  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      if (!scan_value (s))
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

/* Any value, only checked. */
static gboolean
scan_value (Scan *s)
{
  gboolean ok;

  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;

  switch (*s->p)
    {
    case '{':
      if (++s->depth > MAX_DEPTH)
        return FALSE;
      s->p++;
      ok = scan_members (s);
      s->depth--;
      return ok;

    case '[':
      if (++s->depth > MAX_DEPTH)
        return FALSE;
      s->p++;
      ok = scan_elements (s);
      s->depth--;
      return ok;

    case '"':
      s->p++;
      return scan_string (s, NULL);

    case 't':
      return scan_literal (s, "true");

    case 'f':
      return scan_literal (s, "false");

    case 'n':
      return scan_literal (s, "null");

    default:
      return scan_number (s, NULL);
    }
}

/* A number or a string into @value; anything else is checked and is "other". */
static gboolean
scan_kept_value (Scan         *s,
                 SbModelValue *value)
{
  memset (value, 0, sizeof *value);

  if (*s->p == '"')
    {
      s->p++;
      value->type = SB_MODEL_VALUE_STRING;
      return scan_string (s, &value->string);
    }
  if (*s->p == '-' || g_ascii_isdigit (*s->p))
    return scan_number (s, value);

  return scan_value (s);
}

/* A list, the opening bracket not yet read; with @list, its string elements are copied
 * there, else they are given to sb_model_members_add_parameter(). */
static gboolean
scan_kept_strings (Scan           *s,
                   GStrv          *list,
                   SbModelMembers *members)
{
  if (++s->depth > MAX_DEPTH)
    return FALSE;
  s->p++;
  g_ptr_array_set_size (s->strings, 0);

  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    s->p++;
  else
    for (;;)
      {
        skip_ws (s);
        if (s->p < s->end && *s->p == '"')
          {
            gsize mark = s->text_length;
            const char *text;

            s->p++;
            if (!scan_string (s, &text))
              return FALSE;
            if (list != NULL)
              {
                g_ptr_array_add (s->strings, (gpointer) text);
              }
            else
              {
                sb_model_members_add_parameter (members, text);
                s->text_length = mark;
              }
          }
        else if (!scan_value (s))
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
  if (list != NULL)
    {
      *list = g_new (char *, s->strings->len + 1);
      for (guint i = 0; i < s->strings->len; i++)
        (*list)[i] = g_strdup (g_ptr_array_index (s->strings, i));
      (*list)[s->strings->len] = NULL;
    }
  return TRUE;
}

/* Forgets what @keep took, as a repeated member replaces the first in json-glib. */
static void
reset_kept (SbModelMembers *members,
            const Keep     *keep,
            gsize           n_keep)
{
  for (gsize i = 0; i < n_keep; i++)
    switch (keep[i].kind)
      {
      case KEEP_VALUE:
        memset (G_STRUCT_MEMBER_P (members, keep[i].offset), 0, sizeof (SbModelValue));
        break;
      case KEEP_STRINGS:
        g_clear_pointer ((GStrv *) G_STRUCT_MEMBER_P (members, keep[i].offset), g_strfreev);
        break;
      case KEEP_PARAMETERS:
        members->supports_tools = FALSE;
        members->supports_reasoning = FALSE;
        break;
      case KEEP_OBJECT:
        reset_kept (members, keep[i].children, keep[i].n_children);
        break;
      default:
        g_assert_not_reached ();
      }
}

static gboolean scan_kept_members (Scan           *s,
                                   const Keep     *keep,
                                   gsize           n_keep,
                                   SbModelMembers *members);

/* The value of a member to take, at @s (white space skipped). Something other than what
 * the mapper looks for is checked and taken as "other", as the mapper would. */
static gboolean
scan_kept (Scan           *s,
           const Keep     *wanted,
           SbModelMembers *members)
{
  gboolean ok;

  reset_kept (members, wanted, 1);

  switch (wanted->kind)
    {
    case KEEP_VALUE:
      return scan_kept_value (s, G_STRUCT_MEMBER_P (members, wanted->offset));

    case KEEP_STRINGS:
      if (*s->p != '[')
        return scan_value (s);
      return scan_kept_strings (s, G_STRUCT_MEMBER_P (members, wanted->offset), members);

    case KEEP_PARAMETERS:
      if (*s->p != '[')
        return scan_value (s);
      return scan_kept_strings (s, NULL, members);

    case KEEP_OBJECT:
      if (*s->p != '{')
        return scan_value (s);
      if (++s->depth > MAX_DEPTH)
        return FALSE;
      s->p++;
      ok = scan_kept_members (s, wanted->children, wanted->n_children, members);
      s->depth--;
      return ok;

    default:
      g_assert_not_reached ();
    }
}

/* An object, the opening brace already read, of which the members named in @keep are
 * taken into @members and the others checked. */
static gboolean
scan_kept_members (Scan           *s,
                   const Keep     *keep,
                   gsize           n_keep,
                   SbModelMembers *members)
{
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      const Keep *wanted = NULL;
      gsize mark = s->text_length;
      const char *key;
      gsize length;

      if (!expect (s, '"') || !scan_string (s, &key))
        return FALSE;
      /* Names are decoded, since "\u0069d" is "id" too, but not kept. */
      length = s->text_length - mark - 1;
      s->text_length = mark;
      for (gsize i = 0; i < n_keep && wanted == NULL; i++)
        if (keep[i].length == length && memcmp (key, keep[i].name, length) == 0)
          wanted = &keep[i];

      if (!expect (s, ':'))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end)
        return FALSE;
      if (wanted != NULL ? !scan_kept (s, wanted, members) : !scan_value (s))
        return FALSE;

      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, '}');
    }
}

/* One entry of the model list: mapped, or counted as skipped as sb_catalog_parsed_new()
 * does. */
static gboolean
scan_model (Scan            *s,
            SbCatalogParsed *parsed)
{
  SbModelMembers members = { { 0, }, };
  SbModel *model = NULL;

  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;

  if (*s->p != '{')
    {
      parsed->n_skipped++;
      return scan_value (s);
    }

  s->p++;
  s->text_length = 0;
  if (!scan_kept_members (s, model_members, G_N_ELEMENTS (model_members), &members))
    {
      sb_model_members_clear (&members);
      return FALSE;
    }

  /* A repeated id is skipped before anything is built for it. */
  if (members.id.type != SB_MODEL_VALUE_STRING ||
      !g_hash_table_contains (parsed->by_id, members.id.string))
    model = sb_model_new_from_members (&members, NULL);
  sb_model_members_clear (&members);

  if (model == NULL)
    {
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

/* The outer object, the opening brace already read: "data" and "snapshot_date" are taken,
 * the rest checked. */
static gboolean
scan_outer_members (Scan            *s,
                    SbCatalogParsed *parsed)
{
  gboolean seen_data = FALSE;

  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return FALSE;
    }

  for (;;)
    {
      const char *key;
      gboolean ok;

      s->text_length = 0;
      if (!expect (s, '"') || !scan_string (s, &key) || !expect (s, ':'))
        return FALSE;

      skip_ws (s);
      if (s->p >= s->end)
        return FALSE;

      if (strcmp (key, "data") == 0)
        {
          /* A "data" that is not a list, or a second one: json-glib's way. */
          ok = !seen_data && *s->p == '[' && scan_models (s, parsed);
          seen_data = TRUE;
        }
      else if (strcmp (key, "snapshot_date") == 0)
        {
          SbModelValue date;

          ok = scan_kept_value (s, &date);
          g_clear_pointer (&parsed->snapshot_date, g_free);
          if (ok && date.type == SB_MODEL_VALUE_STRING)
            parsed->snapshot_date = g_strdup (date.string);
        }
      else
        {
          ok = scan_value (s);
        }
      if (!ok)
        return FALSE;

      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, '}') && seen_data;
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
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  Scan s = { data, data + size, 0, };
  SbCatalogParsed *parsed;
  gboolean ok;

  if (!g_utf8_validate_len (data, size, NULL))
    return NULL;

  s.text = text = g_malloc (size + 1);
  s.strings = strings = g_ptr_array_new ();

  parsed = g_new0 (SbCatalogParsed, 1);
  parsed->models = g_ptr_array_new_with_free_func (g_object_unref);
  parsed->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  skip_ws (&s);
  if (s.p < s.end && *s.p == '[')
    ok = scan_models (&s, parsed);
  else if (expect (&s, '{'))
    ok = scan_outer_members (&s, parsed);
  else
    ok = FALSE;

  skip_ws (&s);
  if (!ok || s.p != s.end)
    {
      sb_catalog_parsed_free (parsed);
      return NULL;
    }

  return parsed;
}
