/* sb-model.c
 *
 * One OpenRouter model: the facts the catalogue keeps about it, read from /models.
 *
 * The mapper is deliberately lenient: OpenRouter adds and drops fields over time, sends null
 * for many of them and leaves zero prices out, so anything missing, null or of the wrong type
 * becomes "unknown". Only an entry without a string id is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sb-model-private.h"

struct _SbModel
{
  GObject     parent_instance;

  /* Owned */
  char       *id;
  char       *name;
  char       *provider;
  char       *haystack;   /* lowercase id and name, for searching */
  char       *name_key;   /* casefolded name, for sorting */
  GStrv       input_modalities;
  GStrv       output_modalities;
  GDateTime  *expiration_date;

  gint64      created;
  gint64      context_length;
  gint64      top_context_length;  /* the top provider's, which requests are served with */
  gint64      max_completion_tokens;
  double      prompt_price;      /* USD per million tokens, negative when unknown */
  double      completion_price;
  double      cache_read_price;
  double      cache_write_price;
  guint       supports_tools : 1;
  guint       supports_reasoning : 1;
};

G_DEFINE_FINAL_TYPE (SbModel, sb_model, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-model-error-quark, sb_model_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PROVIDER,
  PROP_CREATED,
  PROP_CONTEXT_LENGTH,
  PROP_MAX_COMPLETION_TOKENS,
  PROP_PROMPT_PRICE,
  PROP_COMPLETION_PRICE,
  PROP_INPUT_MODALITIES,
  PROP_OUTPUT_MODALITIES,
  PROP_SUPPORTS_TOOLS,
  PROP_SUPPORTS_REASONING,
  PROP_IS_FREE,
  PROP_EXPIRATION_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_model_finalize (GObject *object)
{
  SbModel *self = (SbModel *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->haystack, g_free);
  g_clear_pointer (&self->name_key, g_free);
  g_clear_pointer (&self->input_modalities, g_strfreev);
  g_clear_pointer (&self->output_modalities, g_strfreev);
  g_clear_pointer (&self->expiration_date, g_date_time_unref);

  G_OBJECT_CLASS (sb_model_parent_class)->finalize (object);
}

static void
sb_model_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbModel *self = SB_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_CONTEXT_LENGTH:
      g_value_set_int64 (value, self->context_length);
      break;
    case PROP_MAX_COMPLETION_TOKENS:
      g_value_set_int64 (value, self->max_completion_tokens);
      break;
    case PROP_PROMPT_PRICE:
      g_value_set_double (value, self->prompt_price);
      break;
    case PROP_COMPLETION_PRICE:
      g_value_set_double (value, self->completion_price);
      break;
    case PROP_INPUT_MODALITIES:
      g_value_set_boxed (value, self->input_modalities);
      break;
    case PROP_OUTPUT_MODALITIES:
      g_value_set_boxed (value, self->output_modalities);
      break;
    case PROP_SUPPORTS_TOOLS:
      g_value_set_boolean (value, self->supports_tools);
      break;
    case PROP_SUPPORTS_REASONING:
      g_value_set_boolean (value, self->supports_reasoning);
      break;
    case PROP_IS_FREE:
      g_value_set_boolean (value, sb_model_get_is_free (self));
      break;
    case PROP_EXPIRATION_DATE:
      g_value_set_boxed (value, self->expiration_date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_class_init (SbModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sb_model_finalize;
  object_class->get_property = sb_model_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONTEXT_LENGTH] =
    g_param_spec_int64 ("context-length", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_MAX_COMPLETION_TOKENS] =
    g_param_spec_int64 ("max-completion-tokens", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROMPT_PRICE] =
    g_param_spec_double ("prompt-price", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_COMPLETION_PRICE] =
    g_param_spec_double ("completion-price", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_INPUT_MODALITIES] =
    g_param_spec_boxed ("input-modalities", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_OUTPUT_MODALITIES] =
    g_param_spec_boxed ("output-modalities", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SUPPORTS_TOOLS] =
    g_param_spec_boolean ("supports-tools", NULL, NULL, FALSE, flags);
  properties[PROP_SUPPORTS_REASONING] =
    g_param_spec_boolean ("supports-reasoning", NULL, NULL, FALSE, flags);
  properties[PROP_IS_FREE] = g_param_spec_boolean ("is-free", NULL, NULL, FALSE, flags);
  properties[PROP_EXPIRATION_DATE] =
    g_param_spec_boxed ("expiration-date", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_model_init (SbModel *self)
{
  self->prompt_price = -1;
  self->completion_price = -1;
  self->cache_read_price = -1;
  self->cache_write_price = -1;
}

/* A count such as a context length: 0 when unknown, negative or not a number. */
static gint64
count_from_value (const SbModelValue *value)
{
  if (value->type == SB_MODEL_VALUE_INT)
    return MAX (value->integer, 0);
  if (value->type != SB_MODEL_VALUE_DOUBLE)
    return 0;

  if (!isfinite (value->number) || value->number < 0 ||
      value->number > (double) G_MAXINT64 / 2)
    return 0;

  return (gint64) value->number;
}

/* OpenRouter gives USD per token as a decimal string ("0.0000003"); "-1" means unknown or
 * variable. The result is USD per million tokens, rounded to a millionth of a dollar so that
 * "0.0000003" reads back as 0.3, or -1 when unknown. */
static double
price_from_value (const SbModelValue *value)
{
  double per_token;
  double per_million;

  switch (value->type)
    {
    case SB_MODEL_VALUE_STRING:
      {
        char *end = NULL;

        per_token = g_ascii_strtod (value->string, &end);
        if (end == value->string || *end != '\0')
          return -1;
      }
      break;
    case SB_MODEL_VALUE_DOUBLE:
      per_token = value->number;
      break;
    case SB_MODEL_VALUE_INT:
      per_token = (double) value->integer;
      break;
    case SB_MODEL_VALUE_OTHER:
    default:
      return -1;
    }

  if (!isfinite (per_token) || per_token < 0)
    return -1;

  per_million = round (per_token * 1e12) / 1e6;
  return isfinite (per_million) ? per_million : -1;
}

/* The older "modality" form, "text+image->text", for responses without the arrays. */
static GStrv
split_modality (const SbModelValue *modality,
                gboolean            output)
{
  g_auto(GStrv) sides = NULL;

  if (modality->type != SB_MODEL_VALUE_STRING)
    return NULL;

  sides = g_strsplit (modality->string, "->", 2);
  if (g_strv_length (sides) != 2)
    return NULL;

  return g_strsplit (sides[output ? 1 : 0], "+", -1);
}

/* "2026-06-29" (what OpenRouter sends), a full ISO 8601 time, or seconds since 1970. */
static GDateTime *
date_from_value (const SbModelValue *value)
{
  g_autoptr(GTimeZone) utc = NULL;
  const char *text;
  int year, month, day;
  char rest;

  if (value->type == SB_MODEL_VALUE_INT)
    return g_date_time_new_from_unix_utc (value->integer);

  if (value->type != SB_MODEL_VALUE_STRING)
    return NULL;

  text = value->string;
  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &rest) == 3 &&
      strlen (text) == 10)
    return g_date_time_new_utc (year, month, day, 0, 0, 0);

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

static gboolean
str_is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* g_ascii_tolower() is a call per character; this is the same, inline. */
static void
ascii_down (char       *to,
            const char *from,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    to[i] = from[i] >= 'A' && from[i] <= 'Z' ? from[i] - 'A' + 'a' : from[i];
}

/* The lowercase id and name, separated by a newline. For the usual all-ASCII id and name
 * this is one allocation and no Unicode tables: tens of thousands of models are mapped at
 * a time. */
static char *
make_haystack (const char *id,
               const char *name)
{
  g_autofree char *lower_id = NULL;
  g_autofree char *lower_name = NULL;
  gsize id_length, name_length;
  char *haystack;

  if (!str_is_ascii (id) || !str_is_ascii (name))
    {
      lower_id = g_utf8_strdown (id, -1);
      lower_name = g_utf8_strdown (name, -1);
      return g_strconcat (lower_id, "\n", lower_name, NULL);
    }

  id_length = strlen (id);
  name_length = strlen (name);
  haystack = g_malloc (id_length + name_length + 2);
  ascii_down (haystack, id, id_length);
  haystack[id_length] = '\n';
  ascii_down (haystack + id_length + 1, name, name_length);
  haystack[id_length + 1 + name_length] = '\0';

  return haystack;
}

/* Notes one string element of supported_parameters. */
void
sb_model_members_add_parameter (SbModelMembers *members,
                                const char     *parameter)
{
  if (strcmp (parameter, "tools") == 0)
    members->supports_tools = TRUE;
  else if (strcmp (parameter, "reasoning") == 0 || strcmp (parameter, "include_reasoning") == 0)
    members->supports_reasoning = TRUE;
}

/* Frees what @members owns; it is then an entry with no members. */
void
sb_model_members_clear (SbModelMembers *members)
{
  g_strfreev (members->input_modalities);
  g_strfreev (members->output_modalities);
  memset (members, 0, sizeof *members);
}

/**
 * sb_model_new_from_members:
 * @members: the members of one entry of `GET /models`; its lists are taken
 * @error: return location for an error
 *
 * The mapper itself, for sb_model_new_from_json() and the catalogue's scanner alike.
 *
 * Returns: (transfer full): the model, or %NULL with @error set when there is no id
 */
SbModel *
sb_model_new_from_members (SbModelMembers  *members,
                           GError         **error)
{
  SbModel *self;
  const char *id;
  const char *slash;

  g_return_val_if_fail (members != NULL, NULL);

  if (members->id.type != SB_MODEL_VALUE_STRING || members->id.string[0] == '\0')
    {
      g_set_error_literal (error, SB_MODEL_ERROR, SB_MODEL_ERROR_INVALID,
                           _("A model in the list has no id"));
      return NULL;
    }

  self = g_object_new (SB_TYPE_MODEL, NULL);
  id = members->id.string;
  self->id = g_strdup (id);
  self->name = g_strdup (members->name.type == SB_MODEL_VALUE_STRING &&
                         members->name.string[0] != '\0' ? members->name.string : id);

  /* "~anthropic/claude-sonnet-latest" is an alias in anthropic's family. */
  id += id[0] == '~';
  slash = strchr (id, '/');
  self->provider = slash != NULL ? g_strndup (id, slash - id) : g_strdup ("");

  self->created = count_from_value (&members->created);
  self->context_length = count_from_value (&members->context_length);
  self->top_context_length = count_from_value (&members->top_context_length);
  if (self->context_length == 0)
    self->context_length = self->top_context_length;
  self->max_completion_tokens = count_from_value (&members->max_completion_tokens);

  self->prompt_price = price_from_value (&members->prompt_price);
  self->completion_price = price_from_value (&members->completion_price);
  self->cache_read_price = price_from_value (&members->cache_read_price);
  self->cache_write_price = price_from_value (&members->cache_write_price);

  self->input_modalities = g_steal_pointer (&members->input_modalities);
  if (self->input_modalities == NULL)
    self->input_modalities = split_modality (&members->modality, FALSE);
  self->output_modalities = g_steal_pointer (&members->output_modalities);
  if (self->output_modalities == NULL)
    self->output_modalities = split_modality (&members->modality, TRUE);

  self->supports_tools = members->supports_tools;
  self->supports_reasoning = members->supports_reasoning;
  self->expiration_date = date_from_value (&members->expiration_date);

  self->haystack = make_haystack (self->id, self->name);
  if (str_is_ascii (self->name))
    {
      gsize length = strlen (self->name);

      self->name_key = g_malloc (length + 1);
      ascii_down (self->name_key, self->name, length + 1);
    }
  else
    {
      self->name_key = g_utf8_casefold (self->name, -1);
    }

  return self;
}

/* The member @name of @object if it holds a node of @type, else NULL (missing, null, or
 * something else). */
static JsonNode *
get_member_of_type (JsonObject   *object,
                    const char   *name,
                    JsonNodeType  type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || JSON_NODE_TYPE (node) != type)
    return NULL;

  return node;
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = get_member_of_type (object, name, JSON_NODE_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}

/* A number or a string, borrowed from @object; anything else is "other". */
static SbModelValue
get_value_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = get_member_of_type (object, name, JSON_NODE_VALUE);
  SbModelValue value = { SB_MODEL_VALUE_OTHER, };
  GType type;

  if (node == NULL)
    return value;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      value.type = SB_MODEL_VALUE_INT;
      value.integer = json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      value.type = SB_MODEL_VALUE_DOUBLE;
      value.number = json_node_get_double (node);
    }
  else if (type == G_TYPE_STRING)
    {
      value.type = SB_MODEL_VALUE_STRING;
      value.string = json_node_get_string (node);
    }

  return value;
}

static GStrv
get_strings_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = get_member_of_type (object, name, JSON_NODE_ARRAY);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/**
 * sb_model_new_from_json:
 * @object: one entry of the `data` array of `GET /models`
 * @error: return location for an error
 *
 * Returns: (transfer full): the model, or %NULL with @error set when @object has no id
 */
SbModel *
sb_model_new_from_json (JsonObject  *object,
                        GError     **error)
{
  SbModelMembers members = { { 0, }, };
  JsonObject *top_provider;
  JsonObject *pricing;
  JsonObject *architecture;
  JsonNode *parameters;
  SbModel *model;

  g_return_val_if_fail (object != NULL, NULL);

  members.id = get_value_member (object, "id");
  members.name = get_value_member (object, "name");
  members.created = get_value_member (object, "created");
  members.context_length = get_value_member (object, "context_length");

  top_provider = get_object_member (object, "top_provider");
  members.top_context_length = get_value_member (top_provider, "context_length");
  members.max_completion_tokens = get_value_member (top_provider, "max_completion_tokens");

  pricing = get_object_member (object, "pricing");
  members.prompt_price = get_value_member (pricing, "prompt");
  members.completion_price = get_value_member (pricing, "completion");
  members.cache_read_price = get_value_member (pricing, "input_cache_read");
  members.cache_write_price = get_value_member (pricing, "input_cache_write");

  architecture = get_object_member (object, "architecture");
  members.modality = get_value_member (architecture, "modality");
  members.input_modalities = get_strings_member (architecture, "input_modalities");
  members.output_modalities = get_strings_member (architecture, "output_modalities");

  /* Looked at in place rather than copied: this runs for every model of every list. */
  parameters = get_member_of_type (object, "supported_parameters", JSON_NODE_ARRAY);
  if (parameters != NULL)
    {
      JsonArray *array = json_node_get_array (parameters);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            sb_model_members_add_parameter (&members, json_node_get_string (element));
        }
    }

  members.expiration_date = get_value_member (object, "expiration_date");

  model = sb_model_new_from_members (&members, error);
  sb_model_members_clear (&members);
  return model;
}

const char *
sb_model_get_id (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), NULL);

  return self->id;
}

const char *
sb_model_get_name (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), NULL);

  return self->name;
}

/* The part of the id before the slash ("qwen" for "qwen/qwen3-coder"), or "". */
const char *
sb_model_get_provider (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), NULL);

  return self->provider;
}

/* Seconds since 1970, or 0 when unknown. */
gint64
sb_model_get_created (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), 0);

  return self->created;
}

/* In tokens, or 0 when unknown. */
gint64
sb_model_get_context_length (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), 0);

  return self->context_length;
}

/* Returns: top_provider.context_length, 0 when the list does not give it */
gint64
sb_model_get_top_context_length (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), 0);

  return self->top_context_length;
}

/* In tokens, or 0 when unknown. */
gint64
sb_model_get_max_completion_tokens (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), 0);

  return self->max_completion_tokens;
}

/* In USD per million tokens, or a negative number when unknown. */
double
sb_model_get_prompt_price (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), -1);

  return self->prompt_price;
}

/* In USD per million tokens, or a negative number when unknown. */
double
sb_model_get_completion_price (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), -1);

  return self->completion_price;
}

/* In USD per million tokens read from the provider's prompt cache, or a negative number
 * when the list gives none. */
double
sb_model_get_cache_read_price (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), -1);

  return self->cache_read_price;
}

/* In USD per million tokens written to the prompt cache, or a negative number when the list
 * gives none. */
double
sb_model_get_cache_write_price (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), -1);

  return self->cache_write_price;
}

/* Whether both the prompt and the completion price are known. */
gboolean
sb_model_has_price (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), FALSE);

  return self->prompt_price >= 0 && self->completion_price >= 0;
}

/* Returns: (nullable): "text", "image", "file", …, or %NULL when unknown */
const char * const *
sb_model_get_input_modalities (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), NULL);

  return (const char * const *) self->input_modalities;
}

const char * const *
sb_model_get_output_modalities (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), NULL);

  return (const char * const *) self->output_modalities;
}

gboolean
sb_model_get_supports_tools (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), FALSE);

  return self->supports_tools;
}

gboolean
sb_model_get_supports_reasoning (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), FALSE);

  return self->supports_reasoning;
}

/* A ":free" variant, or both prices known to be zero. An unknown price is never free. */
gboolean
sb_model_get_is_free (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), FALSE);

  return g_str_has_suffix (self->id, ":free") ||
         (self->prompt_price == 0 && self->completion_price == 0);
}

/* Returns: (nullable) (transfer none): when OpenRouter stops serving the model */
GDateTime *
sb_model_get_expiration_date (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), NULL);

  return self->expiration_date;
}

/* @now: (nullable): the current time, or %NULL for the clock's */
gboolean
sb_model_is_expired (SbModel   *self,
                     GDateTime *now)
{
  g_autoptr(GDateTime) clock = NULL;

  g_return_val_if_fail (SB_IS_MODEL (self), FALSE);

  if (self->expiration_date == NULL)
    return FALSE;

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();

  return g_date_time_compare (now, self->expiration_date) >= 0;
}

/* The lowercase id and name, separated by a newline, for searching. */
const char *
sb_model_get_haystack (SbModel *self)
{
  g_return_val_if_fail (SB_IS_MODEL (self), NULL);

  return self->haystack;
}

static int
compare_double (double a,
                double b)
{
  return (a > b) - (a < b);
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return (a > b) - (a < b);
}

/* Unknown prices (negative) after every known one. */
static int
compare_price (double a,
               double b)
{
  if ((a < 0) != (b < 0))
    return a < 0 ? 1 : -1;

  return compare_double (a, b);
}

/**
 * sb_model_compare:
 * @a: a model
 * @b: another model
 * @sort: the order
 *
 * Compares two models for sorting; ties are broken by name, then by id, so the order is
 * total. Usable with g_ptr_array_sort() through a small wrapper and, later, GtkCustomSorter.
 *
 * Returns: negative when @a comes first, positive when @b does, 0 when they are the same id
 */
int
sb_model_compare (SbModel     *a,
                  SbModel     *b,
                  SbModelSort  sort)
{
  int result = 0;

  g_return_val_if_fail (SB_IS_MODEL (a), 0);
  g_return_val_if_fail (SB_IS_MODEL (b), 0);

  switch (sort)
    {
    case SB_MODEL_SORT_NAME:
      break;
    case SB_MODEL_SORT_PRICE:
      result = compare_price (a->prompt_price, b->prompt_price);
      if (result == 0)
        result = compare_price (a->completion_price, b->completion_price);
      break;
    case SB_MODEL_SORT_CONTEXT:
      result = compare_int64 (b->context_length, a->context_length);
      break;
    case SB_MODEL_SORT_NEWEST:
      result = compare_int64 (b->created, a->created);
      break;
    default:
      g_return_val_if_reached (0);
    }

  if (result == 0)
    result = strcmp (a->name_key, b->name_key);
  if (result == 0)
    result = strcmp (a->id, b->id);

  return result;
}

/**
 * sb_model_format_price:
 * @price: US dollars per million tokens, negative when unknown
 * @format: for the window or for the terminal's table
 *
 * Returns: (transfer full): the price as shown; an unknown price is "unknown" or "?", never
 *   "free" or "0"
 */
char *
sb_model_format_price (double        price,
                       SbModelFormat format)
{
  const char *unit = format == SB_MODEL_FORMAT_LABEL ? "$" : "";

  if (price < 0 && format == SB_MODEL_FORMAT_LABEL)
    /* Translators: a price OpenRouter does not give */
    return g_strdup (_("unknown"));
  if (price < 0)
    return g_strdup ("?");
  if (price == 0)
    return g_strdup_printf ("%s0", unit);
  if (price < 0.01)
    return g_strdup_printf ("%s%.4f", unit, price);
  /* A label drops the cents of a large price to stay narrow; a column keeps them so that
   * its decimal points line up. */
  if (price < 100 || format == SB_MODEL_FORMAT_COLUMN)
    return g_strdup_printf ("%s%.2f", unit, price);
  return g_strdup_printf ("%s%.0f", unit, price);
}

/**
 * sb_model_format_context:
 * @context_length: tokens, 0 or less when unknown
 * @format: for the window or for the terminal's table
 *
 * Returns: (transfer full): "128K", "1M" or "1.05M" for the window, the exact number for
 *   the table; "—" or "?" when unknown
 */
char *
sb_model_format_context (gint64        context_length,
                         SbModelFormat format)
{
  if (context_length <= 0)
    return g_strdup (format == SB_MODEL_FORMAT_LABEL ? "—" : "?");
  if (format == SB_MODEL_FORMAT_COLUMN || context_length < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT, context_length);
  if (context_length >= 1000000)
    {
      g_autofree char *text = g_strdup_printf ("%.2f", context_length / 1e6);
      char *end = text + strlen (text) - 1;

      /* "1.00" → "1", "1.05" stays */
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
      /* Translators: millions of tokens, as in 1M context */
      return g_strdup_printf (_("%sM"), text);
    }

  /* Translators: thousands of tokens, as in 128K context */
  return g_strdup_printf (_("%uK"), (guint) MIN (context_length / 1000, G_MAXUINT));
}
