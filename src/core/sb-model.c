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

#include "sb-model.h"

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
  gint64      max_completion_tokens;
  double      prompt_price;      /* USD per million tokens, negative when unknown */
  double      completion_price;
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

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = get_member_of_type (object, name, JSON_NODE_VALUE);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A count such as a context length: 0 when unknown, negative or not a number. */
static gint64
get_count_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = get_member_of_type (object, name, JSON_NODE_VALUE);
  GType type;
  double value;

  if (node == NULL)
    return 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return MAX (json_node_get_int (node), 0);
  if (type != G_TYPE_DOUBLE)
    return 0;

  value = json_node_get_double (node);
  if (!isfinite (value) || value < 0 || value > (double) G_MAXINT64 / 2)
    return 0;

  return (gint64) value;
}

/* OpenRouter gives USD per token as a decimal string ("0.0000003"); "-1" means unknown or
 * variable. The result is USD per million tokens, rounded to a millionth of a dollar so that
 * "0.0000003" reads back as 0.3, or -1 when unknown. */
static double
get_price_member (JsonObject *pricing,
                  const char *name)
{
  JsonNode *node = get_member_of_type (pricing, name, JSON_NODE_VALUE);
  double per_token;
  double per_million;
  GType type;

  if (node == NULL)
    return -1;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      per_token = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return -1;
    }
  else if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      per_token = json_node_get_double (node);
    }
  else
    {
      return -1;
    }

  if (!isfinite (per_token) || per_token < 0)
    return -1;

  per_million = round (per_token * 1e12) / 1e6;
  return isfinite (per_million) ? per_million : -1;
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

/* The older "modality" form, "text+image->text", for responses without the arrays. */
static GStrv
split_modality (const char *modality,
                gboolean    output)
{
  g_auto(GStrv) sides = NULL;

  if (modality == NULL)
    return NULL;

  sides = g_strsplit (modality, "->", 2);
  if (g_strv_length (sides) != 2)
    return NULL;

  return g_strsplit (sides[output ? 1 : 0], "+", -1);
}

/* "2026-06-29" (what OpenRouter sends), a full ISO 8601 time, or seconds since 1970. */
static GDateTime *
get_date_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node = get_member_of_type (object, name, JSON_NODE_VALUE);
  g_autoptr(GTimeZone) utc = NULL;
  const char *text;
  int year, month, day;
  char rest;

  if (node == NULL)
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_date_time_new_from_unix_utc (json_node_get_int (node));

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
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

/* g_utf8_strdown(), without its Unicode tables for the usual all-ASCII id and name: tens
 * of thousands of models are mapped at a time. */
static char *
utf8_strdown (const char *text)
{
  return str_is_ascii (text) ? g_ascii_strdown (text, -1) : g_utf8_strdown (text, -1);
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
  g_autoptr(SbModel) self = NULL;
  g_autofree char *lower_id = NULL;
  g_autofree char *lower_name = NULL;
  JsonObject *pricing;
  JsonObject *architecture;
  JsonObject *top_provider;
  JsonNode *parameters;
  const char *id;
  const char *name;
  const char *slash;

  g_return_val_if_fail (object != NULL, NULL);

  id = get_string_member (object, "id");
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, SB_MODEL_ERROR, SB_MODEL_ERROR_INVALID,
                           _("A model in the list has no id"));
      return NULL;
    }

  self = g_object_new (SB_TYPE_MODEL, NULL);
  self->id = g_strdup (id);

  name = get_string_member (object, "name");
  self->name = g_strdup (name != NULL && name[0] != '\0' ? name : id);

  /* "~anthropic/claude-sonnet-latest" is an alias in anthropic's family. */
  id += id[0] == '~';
  slash = strchr (id, '/');
  self->provider = slash != NULL ? g_strndup (id, slash - id) : g_strdup ("");

  self->created = get_count_member (object, "created");

  top_provider = get_object_member (object, "top_provider");
  self->context_length = get_count_member (object, "context_length");
  if (self->context_length == 0)
    self->context_length = get_count_member (top_provider, "context_length");
  self->max_completion_tokens = get_count_member (top_provider, "max_completion_tokens");

  pricing = get_object_member (object, "pricing");
  self->prompt_price = get_price_member (pricing, "prompt");
  self->completion_price = get_price_member (pricing, "completion");

  architecture = get_object_member (object, "architecture");
  self->input_modalities = get_strings_member (architecture, "input_modalities");
  if (self->input_modalities == NULL)
    self->input_modalities = split_modality (get_string_member (architecture, "modality"), FALSE);
  self->output_modalities = get_strings_member (architecture, "output_modalities");
  if (self->output_modalities == NULL)
    self->output_modalities = split_modality (get_string_member (architecture, "modality"), TRUE);

  /* Looked at in place rather than copied: this runs for every model of every list. */
  parameters = get_member_of_type (object, "supported_parameters", JSON_NODE_ARRAY);
  if (parameters != NULL)
    {
      JsonArray *array = json_node_get_array (parameters);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *parameter;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            continue;

          parameter = json_node_get_string (element);
          if (strcmp (parameter, "tools") == 0)
            self->supports_tools = TRUE;
          else if (strcmp (parameter, "reasoning") == 0 ||
                   strcmp (parameter, "include_reasoning") == 0)
            self->supports_reasoning = TRUE;
        }
    }

  self->expiration_date = get_date_member (object, "expiration_date");

  lower_id = utf8_strdown (self->id);
  lower_name = utf8_strdown (self->name);
  self->haystack = g_strconcat (lower_id, "\n", lower_name, NULL);
  self->name_key = str_is_ascii (self->name) ? g_ascii_strdown (self->name, -1)
                                             : g_utf8_casefold (self->name, -1);

  return g_steal_pointer (&self);
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
