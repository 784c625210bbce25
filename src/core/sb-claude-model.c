/* sb-claude-model.c
 *
 * What Claude Code does with a folder's model settings: the id it sends, the window and the
 * output cap it uses, and the limits Signalbox writes with a model so that it judges them right.
 * Every rule here was measured with the Claude Code of SB_CLAUDE_CODE_VERSION; the table and
 * its sources are in docs/claude-code-models.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sb-claude-model.h"
#include "sb-json-edit.h"

#define ONE_MILLION_SUFFIX "[1m]"

typedef struct
{
  const char *alias;
  const char *tier;       /* the variable that maps it */
  const char *builtin;    /* what it resolves to without the variable */
  gboolean    auto_1m;    /* an unknown id in the tier gets "[1m]" (from `model` only) */
} AliasRule;

static const AliasRule alias_rules[] = {
  { "opus",     "ANTHROPIC_DEFAULT_OPUS_MODEL",   "claude-opus-5-5",   TRUE },
  { "best",     "ANTHROPIC_DEFAULT_OPUS_MODEL",   "claude-opus-5-5",   FALSE },
  /* Outside plan mode, which is all that -p and a folder's status can mean. */
  { "opusplan", "ANTHROPIC_DEFAULT_SONNET_MODEL", "claude-sonnet-5-5", FALSE },
  { "sonnet",   "ANTHROPIC_DEFAULT_SONNET_MODEL", "claude-sonnet-5-5", FALSE },
  { "haiku",    "ANTHROPIC_DEFAULT_HAIKU_MODEL",  "claude-haiku-5-5",  FALSE },
  { "fable",    "ANTHROPIC_DEFAULT_FABLE_MODEL",  "claude-fable-5-2",  FALSE },
};

/* The words availableModels takes as "any version of". */
static const char * const families[] = { "opus", "sonnet", "haiku", "fable" };

static const char *
env_string (JsonObject *env,
            const char *name)
{
  JsonNode *node;

  if (env == NULL || !json_object_has_member (env, name))
    return NULL;
  node = json_object_get_member (env, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  /* An empty value is as good as unset for every model variable. */
  return json_node_get_string (node)[0] != '\0' ? json_node_get_string (node) : NULL;
}

/* A positive whole number as Claude Code reads an env value, or 0. */
static gint64
env_count (JsonObject *env,
           const char *name)
{
  const char *text = env_string (env, name);
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || value <= 0)
    return 0;
  return value;
}

/**
 * sb_claude_strip_1m:
 * @name: a model as written
 * @one_million: (out) (optional): whether it ended in "[1m]"
 *
 * Returns: (transfer full): @name without a trailing "[1m]" (any case)
 */
char *
sb_claude_strip_1m (const char *name,
                    gboolean   *one_million)
{
  gsize length = strlen (name);
  gsize suffix = strlen (ONE_MILLION_SUFFIX);
  gboolean found = length > suffix &&
                   g_ascii_strcasecmp (name + length - suffix, ONE_MILLION_SUFFIX) == 0;

  if (one_million != NULL)
    *one_million = found;
  return g_strndup (name, found ? length - suffix : length);
}

static const AliasRule *
find_alias (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (alias_rules); i++)
    if (g_ascii_strcasecmp (name, alias_rules[i].alias) == 0)
      return &alias_rules[i];
  return NULL;
}

/**
 * sb_claude_is_alias:
 * @name: a model as written
 *
 * Returns: whether Claude Code resolves @name itself (`opus`, `sonnet[1m]`, …)
 */
gboolean
sb_claude_is_alias (const char *name)
{
  g_autofree char *bare = sb_claude_strip_1m (name, NULL);

  return find_alias (bare) != NULL;
}

/**
 * sb_claude_alias_tier:
 * @name: a model as written
 *
 * Returns: (nullable): the tier variable that maps the alias @name, such as
 *   "ANTHROPIC_DEFAULT_OPUS_MODEL", or %NULL when @name is not an alias
 */
const char *
sb_claude_alias_tier (const char *name)
{
  g_autofree char *bare = sb_claude_strip_1m (name, NULL);
  const AliasRule *rule = find_alias (bare);

  return rule != NULL ? rule->tier : NULL;
}

/**
 * sb_claude_openrouter_id:
 * @id: an id as Claude Code sends it to Anthropic, such as "claude-opus-5-5"
 *
 * Returns: (transfer full) (nullable): OpenRouter's id for that model,
 *   "anthropic/claude-opus-5.5", or %NULL when @id is not a Claude id
 */
char *
sb_claude_openrouter_id (const char *id)
{
  g_autofree char *lower = g_ascii_strdown (id, -1);
  gsize length = strlen (lower);

  if (!g_str_has_prefix (lower, "claude-") || strchr (lower, '/') != NULL)
    return NULL;
  /* The minor version follows a dash, where OpenRouter writes a dot: "5-5" is "5.5". */
  if (length >= 4 && g_ascii_isdigit (lower[length - 1]) && lower[length - 2] == '-' &&
      g_ascii_isdigit (lower[length - 3]) && lower[length - 4] == '-')
    lower[length - 2] = '.';
  return g_strconcat ("anthropic/", lower, NULL);
}

/* The Claude models Claude Code knows, measured one by one with SB_CLAUDE_CODE_VERSION:
 * the window it reports, the max_tokens it sends by default, and the most it sends when
 * CLAUDE_CODE_MAX_OUTPUT_TOKENS asks for more. Any other id, even one with "claude" in it
 * ("claude-opus-4-9", "claude-opus-latest"), is unknown to it. */
static const struct
{
  const char *name;    /* the part after the last "/", lower case, dots as dashes */
  gint64      window;
  gint64      output;
  gint64      ceiling;
} claude_models[] = {
  { "claude-3-haiku",    200000,   4096,   4096 },
  { "claude-3-opus",     200000,   4096,   4096 },
  { "claude-3-5-haiku",  200000,   8192,   8192 },
  { "claude-3-5-sonnet", 200000,   8192,   8192 },
  { "claude-3-7-sonnet", 200000,  32000,  64000 },
  { "claude-opus-4",     200000,  32000,  32000 },
  { "claude-opus-4-1",   200000,  32000,  32000 },
  { "claude-opus-4-5",   200000,  32000,  64000 },
  { "claude-opus-4-6",   200000,  64000, 128000 },
  { "claude-opus-4-7",  1000000,  64000, 128000 },
  { "claude-opus-4-8",  1000000,  64000, 128000 },
  { "claude-sonnet-4",   200000,  32000,  64000 },
  { "claude-sonnet-4-5", 200000,  32000,  64000 },
  { "claude-sonnet-4-6", 200000,  32000, 128000 },
  { "claude-haiku-4-5",  200000,  32000,  64000 },
  { "claude-fable-5",   1000000,  64000, 128000 },
  { "claude-fable-5-2", 1000000, 128000, 128000 },
  { "claude-opus-5-5",  1000000, 128000, 128000 },
  { "claude-sonnet-5-5", 1000000, 128000, 128000 },
  { "claude-haiku-5-5", 1000000, 128000, 128000 },
};

/* What may follow a known name: nothing, an OpenRouter variant (":thinking") or a date. */
static gboolean
is_name_end (const char *rest)
{
  if (rest[0] == '\0' || rest[0] == ':')
    return TRUE;
  if (rest[0] != '-')
    return FALSE;
  for (guint i = 1; i <= 8; i++)
    if (!g_ascii_isdigit (rest[i]))
      return FALSE;
  return rest[9] == '\0' || rest[9] == ':';
}

static int
find_claude_model (const char *id)
{
  const char *slash = strrchr (id, '/');
  g_autofree char *name = g_ascii_strdown (slash != NULL ? slash + 1 : id, -1);

  g_strdelimit (name, ".", '-');
  for (guint i = 0; i < G_N_ELEMENTS (claude_models); i++)
    if (g_str_has_prefix (name, claude_models[i].name) &&
        is_name_end (name + strlen (claude_models[i].name)))
      return (int) i;
  return -1;
}

/**
 * sb_claude_is_known_id:
 * @id: a model id, without "[1m]"
 *
 * Returns: whether Claude Code takes @id for one of its own models, whose window and
 *   output it knows (`anthropic/claude-sonnet-4.5`, `claude-opus-5-5`)
 */
gboolean
sb_claude_is_known_id (const char *id)
{
  return find_claude_model (id) >= 0;
}

/* The Claude model's own window, default output and output ceiling. */
static void
known_limits (const char *id,
              gint64     *window,
              gint64     *output_default,
              gint64     *output_ceiling)
{
  int i = find_claude_model (id);

  g_return_if_fail (i >= 0);
  *window = claude_models[i].window;
  *output_default = claude_models[i].output;
  *output_ceiling = claude_models[i].ceiling;
}

/**
 * sb_claude_resolve_alias:
 * @name: a model as written, maybe an alias, maybe with "[1m]"
 * @env: (nullable): the effective env
 * @from_env: whether @name came from env.ANTHROPIC_MODEL (no automatic "[1m]" then)
 * @one_million: (out): whether the 1M context is in force
 * @tier: (out) (optional) (transfer none): the tier variable that mapped it, or %NULL
 *
 * Returns: (transfer full): the id Claude Code sends for @name
 */
char *
sb_claude_resolve_alias (const char  *name,
                         JsonObject  *env,
                         gboolean     from_env,
                         gboolean    *one_million,
                         const char **tier)
{
  g_autofree char *bare = sb_claude_strip_1m (name, one_million);
  const AliasRule *rule = find_alias (bare);
  const char *mapped;

  if (tier != NULL)
    *tier = NULL;
  if (rule == NULL)
    return g_steal_pointer (&bare);

  mapped = env_string (env, rule->tier);
  if (mapped == NULL)
    return g_strdup (rule->builtin);

  if (tier != NULL)
    *tier = rule->tier;
  /* Measured: `opus` (and the default) with an Opus tier Claude Code does not know goes
   * out as that id with "[1m]" appended, and so with the 1M window. */
  if (rule->auto_1m && !from_env && !sb_claude_is_known_id (mapped))
    *one_million = TRUE;
  return sb_claude_strip_1m (mapped, NULL);
}

static gboolean
in_family (const char *id,
           const char *family)
{
  g_autofree char *lower = g_ascii_strdown (id, -1);
  g_auto(GStrv) words = NULL;

  if (strstr (lower, "claude") == NULL)
    return FALSE;
  words = g_strsplit_set (lower, "-/.", -1);
  return g_strv_contains ((const char * const *) words, family);
}

static gboolean
entry_allows (const char *entry,
              const char *id)
{
  gsize length = strlen (entry);

  if (length == 0)
    return FALSE;
  if (strcmp (entry, id) == 0)
    return TRUE;
  return g_str_has_prefix (id, entry) && id[length] == '-';
}

/**
 * sb_claude_entry_allows:
 * @entry: one entry of availableModels
 * @id: the id Claude Code would send, without "[1m]"
 * @env: (nullable): the effective env, for an alias as the entry
 *
 * Returns: whether @entry lets Claude Code use @id: equal ids, the entry followed by "-" in
 *   the id, a family word, or an alias resolving to the id; case ignored
 */
gboolean
sb_claude_entry_allows (const char *entry,
                        const char *id,
                        JsonObject *env)
{
  g_autofree char *wanted = g_ascii_strdown (id, -1);
  g_autofree char *bare = sb_claude_strip_1m (entry, NULL);
  g_autofree char *lower = g_ascii_strdown (bare, -1);
  g_autofree char *prefixed = NULL;

  for (guint j = 0; j < G_N_ELEMENTS (families); j++)
    if (strcmp (lower, families[j]) == 0 && in_family (wanted, lower))
      return TRUE;

  if (find_alias (lower) != NULL)
    {
      gboolean one_million;
      g_autofree char *target = sb_claude_resolve_alias (lower, env, TRUE, &one_million, NULL);
      g_autofree char *resolved = g_ascii_strdown (target, -1);

      return strcmp (resolved, wanted) == 0;
    }

  if (entry_allows (lower, wanted))
    return TRUE;
  /* A bare Claude version ("opus-4-5") is also tried as "claude-opus-4-5". */
  prefixed = g_strconcat ("claude-", lower, NULL);
  return !g_str_has_prefix (lower, "claude-") && entry_allows (prefixed, wanted);
}

/**
 * sb_claude_allows:
 * @available: the effective availableModels
 * @id: the id Claude Code would send, without "[1m]"
 * @env: (nullable): the effective env, for the aliases among the entries
 *
 * Returns: whether an entry of @available lets Claude Code use @id
 */
gboolean
sb_claude_allows (JsonArray  *available,
                  const char *id,
                  JsonObject *env)
{
  for (guint i = 0; i < json_array_get_length (available); i++)
    {
      JsonNode *node = json_array_get_element (available, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          sb_claude_entry_allows (json_node_get_string (node), id, env))
        return TRUE;
    }

  return FALSE;
}

/* The modelPicker row for @name in the layer Claude Code reads rows from, if it has one. */
static const char *
find_behaves_as (SbLayerStack *stack,
                 const char   *name)
{
  static const SbScope scopes[] = { SB_SCOPE_MANAGED, SB_SCOPE_USER };

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      SbLayer *layer = sb_layer_stack_get_layer (stack, scopes[i]);
      JsonNode *root = layer != NULL ? sb_layer_get_root (layer) : NULL;
      JsonNode *options;

      if (root == NULL || sb_json_pointer_get (root, "/modelPicker") == NULL)
        continue;
      /* The highest layer with a picker wins whole. */
      options = sb_json_pointer_get (root, "/modelPicker/options");
      if (options == NULL || !JSON_NODE_HOLDS_ARRAY (options))
        return NULL;

      for (guint j = 0; j < json_array_get_length (json_node_get_array (options)); j++)
        {
          JsonNode *row = json_array_get_element (json_node_get_array (options), j);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;
          const char *model = object != NULL
                              ? json_object_get_string_member_with_default (object, "model", NULL)
                              : NULL;
          const char *behaves = object != NULL
                                ? json_object_get_string_member_with_default (object, "behavesAs",
                                                                              NULL)
                                : NULL;

          if (model != NULL && behaves != NULL && g_strcmp0 (model, name) == 0)
            return behaves;
        }
      return NULL;
    }

  return NULL;
}

/* What Claude Code sends when nothing names a model, or (@fallback) when the named one is
 * dropped: measured, the fallback is the Opus tier even when ANTHROPIC_DEFAULT_MODEL is set. */
static char *
resolve_default (JsonObject  *env,
                 gboolean     fallback,
                 gboolean    *one_million,
                 const char **tier)
{
  const char *named = env_string (env, "ANTHROPIC_DEFAULT_MODEL");

  *one_million = FALSE;
  *tier = NULL;
  if (named != NULL && !fallback)
    {
      *tier = "ANTHROPIC_DEFAULT_MODEL";
      return sb_claude_strip_1m (named, one_million);
    }
  return sb_claude_resolve_alias ("opus", env, FALSE, one_million, tier);
}

/**
 * sb_claude_model_resolve:
 * @stack: a folder's layers
 *
 * Works out what Claude Code sends from this folder, started with no model option and no
 * model variables in its own environment.
 *
 * Returns: (transfer full): the model, its source, window and output cap
 */
SbClaudeModel *
sb_claude_model_resolve (SbLayerStack *stack)
{
  g_autoptr(SbClaudeModel) self = g_new0 (SbClaudeModel, 1);
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  JsonNode *env_node = sb_json_pointer_get (effective, "/env");
  JsonObject *env = env_node != NULL && JSON_NODE_HOLDS_OBJECT (env_node)
                    ? json_node_get_object (env_node) : NULL;
  JsonNode *model_node = sb_json_pointer_get (effective, "/model");
  JsonNode *available = sb_json_pointer_get (effective, "/availableModels");
  const char *tier = NULL;
  const char *behaves;
  gint64 window = SB_CLAUDE_UNKNOWN_WINDOW;
  gint64 output_default = SB_CLAUDE_DEFAULT_OUTPUT;
  gint64 output_ceiling = SB_CLAUDE_OUTPUT_CEILING;
  gint64 wanted_output;

  if (env_string (env, "ANTHROPIC_MODEL") != NULL)
    {
      self->requested = g_strdup (env_string (env, "ANTHROPIC_MODEL"));
      self->source_pointer = g_strdup ("/env/ANTHROPIC_MODEL");
    }
  else if (model_node != NULL && JSON_NODE_HOLDS_VALUE (model_node) &&
           json_node_get_value_type (model_node) == G_TYPE_STRING &&
           json_node_get_string (model_node)[0] != '\0')
    {
      self->requested = g_strdup (json_node_get_string (model_node));
      self->source_pointer = g_strdup ("/model");
    }

  if (self->requested != NULL)
    {
      sb_layer_stack_lookup_origin (stack, self->source_pointer, &self->source_scope);
      self->model = sb_claude_resolve_alias (self->requested, env,
                                             g_str_has_prefix (self->source_pointer, "/env/"),
                                             &self->one_million, &tier);
    }
  else
    self->model = resolve_default (env, FALSE, &self->one_million, &tier);

  /* A model that availableModels does not allow is dropped for the default, unchecked. */
  if (self->requested != NULL && available != NULL && JSON_NODE_HOLDS_ARRAY (available) &&
      !sb_claude_allows (json_node_get_array (available), self->model, env))
    {
      self->dropped = g_steal_pointer (&self->requested);
      self->dropped_pointer = g_steal_pointer (&self->source_pointer);
      self->dropped_scope = self->source_scope;
      g_free (self->model);
      self->model = resolve_default (env, TRUE, &self->one_million, &tier);
    }

  if (tier != NULL)
    {
      self->tier_pointer = g_strconcat ("/env/", tier, NULL);
      sb_layer_stack_lookup_origin (stack, self->tier_pointer, &self->tier_scope);
    }

  self->reported = self->one_million ? g_strconcat (self->model, ONE_MILLION_SUFFIX, NULL)
                                     : g_strdup (self->model);

  /* A User or managed modelPicker row can lend a Claude model's handling to the id. */
  behaves = find_behaves_as (stack, self->requested != NULL ? self->requested : self->model);
  self->known = sb_claude_is_known_id (self->model);
  if (behaves != NULL && sb_claude_is_known_id (behaves))
    {
      self->known = TRUE;
      known_limits (behaves, &window, &output_default, &output_ceiling);
    }
  else if (self->known)
    known_limits (self->model, &window, &output_default, &output_ceiling);
  else
    {
      window = env_count (env, SB_CLAUDE_ENV_MAX_CONTEXT);
      if (window == 0)
        window = SB_CLAUDE_UNKNOWN_WINDOW;
      output_default = SB_CLAUDE_DEFAULT_OUTPUT;
      output_ceiling = SB_CLAUDE_OUTPUT_CEILING;
    }

  self->context_window = self->one_million ? 1000000 : window;
  wanted_output = env_count (env, SB_CLAUDE_ENV_MAX_OUTPUT);
  self->max_output_tokens = wanted_output > 0 ? MIN (wanted_output, output_ceiling)
                                              : output_default;

  return g_steal_pointer (&self);
}

void
sb_claude_model_free (SbClaudeModel *self)
{
  if (self == NULL)
    return;
  g_free (self->model);
  g_free (self->reported);
  g_free (self->requested);
  g_free (self->source_pointer);
  g_free (self->tier_pointer);
  g_free (self->dropped);
  g_free (self->dropped_pointer);
  g_free (self);
}

/**
 * sb_claude_model_to_json:
 * @self: a resolved model
 *
 * Returns: (transfer full): the `"claude"` object of `signalbox --status --json`
 */
JsonNode *
sb_claude_model_to_json (SbClaudeModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "reported_model");
  json_builder_add_string_value (builder, self->reported);
  json_builder_set_member_name (builder, "model_source");
  if (self->source_pointer != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pointer");
      json_builder_add_string_value (builder, self->source_pointer);
      json_builder_set_member_name (builder, "layer");
      json_builder_add_string_value (builder, sb_scope_to_string (self->source_scope));
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, self->requested);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_string_value (builder, "default");
  if (self->tier_pointer != NULL)
    {
      json_builder_set_member_name (builder, "tier");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pointer");
      json_builder_add_string_value (builder, self->tier_pointer);
      json_builder_set_member_name (builder, "layer");
      json_builder_add_string_value (builder, sb_scope_to_string (self->tier_scope));
      json_builder_end_object (builder);
    }
  if (self->dropped != NULL)
    {
      json_builder_set_member_name (builder, "dropped_model");
      json_builder_add_string_value (builder, self->dropped);
    }
  json_builder_set_member_name (builder, "known");
  json_builder_add_boolean_value (builder, self->known);
  json_builder_set_member_name (builder, "context_window");
  json_builder_add_int_value (builder, self->context_window);
  json_builder_set_member_name (builder, "max_output_tokens");
  json_builder_add_int_value (builder, self->max_output_tokens);
  json_builder_set_member_name (builder, "claude_code");
  json_builder_add_string_value (builder, SB_CLAUDE_CODE_VERSION);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * sb_claude_format_limits:
 * @context: a window in tokens
 * @output: an output cap in tokens
 *
 * Returns: (transfer full): "512K context, up to 16K out"
 */
char *
sb_claude_format_limits (gint64 context,
                         gint64 output)
{
  g_autofree char *window = sb_model_format_context (context, SB_MODEL_FORMAT_LABEL);
  g_autofree char *cap = sb_model_format_context (output, SB_MODEL_FORMAT_LABEL);

  /* Translators: the first %s is a window such as 512K, the second an output cap (16K) */
  return g_strdup_printf (_("%s context, up to %s out"), window, cap);
}

/**
 * sb_claude_model_describe:
 * @self: a resolved model
 *
 * Returns: (transfer full): one line saying what Claude Code sends and from where
 */
char *
sb_claude_model_describe (SbClaudeModel *self)
{
  g_autofree char *limits = sb_claude_format_limits (self->context_window,
                                                     self->max_output_tokens);
  g_autofree char *source = NULL;

  if (self->source_pointer != NULL)
    /* Translators: a JSON pointer such as /model, then a layer (User, Project, Local) */
    source = g_strdup_printf (_("%s in the %s settings"), self->source_pointer,
                              sb_scope_get_title (self->source_scope));
  else if (self->dropped != NULL)
    /* Translators: %s is a model id */
    source = g_strdup_printf (_("the default, as availableModels does not allow %s"),
                              self->dropped);
  else
    source = g_strdup (_("the default"));

  /* Translators: a version, a model id, where it comes from, then "512K context, up to 16K
   * out" */
  return g_strdup_printf (_("Claude Code %s sends %s (%s): %s"), SB_CLAUDE_CODE_VERSION,
                          self->reported, source, limits);
}

/**
 * sb_claude_served_context:
 * @entry: a catalogue entry
 *
 * Returns: the window requests are served with: the top provider's, else the model's
 */
gint64
sb_claude_served_context (SbModel *entry)
{
  gint64 top = sb_model_get_top_context_length (entry);

  return top > 0 ? top : sb_model_get_context_length (entry);
}

/**
 * sb_claude_limits_for:
 * @id: a model as it would be written
 * @entry: (nullable): the catalogue's entry for it
 * @limits: (out): what to write beside it; 0 for nothing
 *
 * An id Claude Code does not know gets the window OpenRouter serves it with and an output
 * cap within what the model returns; a Claude id gets only a cap below Claude Code's own
 * default; an alias, an id with "[1m]" (which ignores the window) or an id the catalogue does
 * not have gets nothing for what cannot be known.
 */
void
sb_claude_limits_for (const char     *id,
                      SbModel        *entry,
                      SbClaudeLimits *limits)
{
  gboolean one_million;
  g_autofree char *bare = sb_claude_strip_1m (id, &one_million);
  gint64 served, most;

  limits->context = 0;
  limits->output = 0;
  if (entry == NULL || sb_claude_is_alias (id))
    return;

  served = sb_claude_served_context (entry);
  most = sb_model_get_max_completion_tokens (entry);

  if (sb_claude_is_known_id (bare))
    {
      gint64 window = 0, output_default = 0, output_ceiling = 0;

      known_limits (bare, &window, &output_default, &output_ceiling);
      if (most > 0 && most < output_default)
        limits->output = most;
      return;
    }

  if (!one_million)
    limits->context = served;
  /* Claude Code's own default, lowered to what the model returns; without that figure a
   * quarter of the window, so that a small model still has room for its input. */
  if (most > 0)
    limits->output = MIN (most, SB_CLAUDE_DEFAULT_OUTPUT);
  else if (served > 0)
    limits->output = MIN (served / 4, SB_CLAUDE_DEFAULT_OUTPUT);
}

static SbModel *
lookup_entry (SbCatalog  *catalog,
              const char *id)
{
  g_autofree char *bare = NULL;

  if (catalog == NULL || id == NULL)
    return NULL;
  bare = sb_claude_strip_1m (id, NULL);
  return sb_catalog_lookup (catalog, bare);
}

/* Sets or removes env.@name in @layer: Signalbox's own value goes, a hand-written one stays. */
static void
update_limit (SbLayer        *layer,
              const char     *name,
              gint64          previous,
              gint64          wanted,
              SbClaudeSwitch *result)
{
  g_autofree char *pointer = g_strconcat ("/env/", name, NULL);
  g_autofree char *previous_text = g_strdup_printf ("%" G_GINT64_FORMAT, previous);
  g_autofree char *wanted_text = g_strdup_printf ("%" G_GINT64_FORMAT, wanted);
  JsonNode *root = sb_layer_get_root (layer);
  JsonNode *present = root != NULL ? sb_json_pointer_get (root, pointer) : NULL;
  const char *text = sb_json_pointer_get_string (root, pointer);

  if (present != NULL)
    {
      /* What Signalbox wrote is exactly what it would write for the model it replaces;
       * anything else a person wrote, and it stays. */
      gboolean ours = previous > 0 && g_strcmp0 (text, previous_text) == 0;

      if (!ours)
        {
          if (g_strcmp0 (text, wanted_text) != 0 || wanted == 0)
            g_ptr_array_add (result->kept, g_strdup (name));
          return;
        }
      if (wanted == 0)
        {
          sb_layer_remove_value (layer, pointer);
          return;
        }
    }

  if (wanted > 0 && g_strcmp0 (text, wanted_text) != 0)
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), wanted_text);

      sb_layer_set_value (layer, pointer, value);
    }
}

/* Whether a layer below @scope sets env.ANTHROPIC_MODEL, which outranks `model` in every
 * layer, @scope's included. */
static gboolean
env_model_below (SbLayerStack *stack,
                 SbScope       scope)
{
  for (SbScope below = SB_SCOPE_USER; below < scope; below++)
    {
      SbLayer *layer = sb_layer_stack_get_layer (stack, below);
      const char *value = layer != NULL ? sb_json_pointer_get_string (sb_layer_get_root (layer),
                                                        "/env/ANTHROPIC_MODEL") : NULL;

      if (value != NULL && value[0] != '\0')
        return TRUE;
    }

  return FALSE;
}

/**
 * sb_claude_model_use:
 * @stack: a folder's layers
 * @catalog: (nullable): OpenRouter's models, for the limits
 * @model: a model id or alias
 * @scope: the layer to write: user, project or local
 * @result: (out) (optional): what the switch did
 * @error: where to say why not
 *
 * Chooses @model for the folder in one save of one layer, so that one Undo takes it all
 * back: `model` is set (the key that leaves /model working), an `env.ANTHROPIC_MODEL` of the
 * old setup is taken out of that layer, and the limits Claude Code cannot know for @model
 * replace those Signalbox wrote for the previous one. Signalbox knows its own values by
 * being exactly what it would write for the model the layer named before; any other value
 * is a person's and is kept (and named in @result).
 *
 * Returns: %TRUE when the file was written
 */
gboolean
sb_claude_model_use (SbLayerStack    *stack,
                     SbCatalog       *catalog,
                     const char      *model,
                     SbScope          scope,
                     SbClaudeSwitch **result,
                     GError         **error)
{
  g_autoptr(SbClaudeSwitch) done = g_new0 (SbClaudeSwitch, 1);
  g_autoptr(JsonNode) value = NULL;
  SbClaudeLimits previous_limits, limits;
  const char *previous;
  JsonNode *root;
  JsonNode *effective;
  SbScope origin;
  SbLayer *layer;

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), FALSE);

  if (!sb_model_id_is_valid (model))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a model id"), model != NULL ? model : "");
      return FALSE;
    }

  if (scope == SB_SCOPE_MANAGED)
    {
      g_set_error_literal (error, SB_LAYER_ERROR, SB_LAYER_ERROR_READ_ONLY,
                           _("Managed settings belong to the administrator and are not changed"));
      return FALSE;
    }

  layer = sb_layer_stack_get_layer (stack, scope);
  if (layer == NULL)
    {
      /* Only the project layer can be absent: in the home folder it is the user layer. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("In the home folder the Project settings are the User settings; "
                             "choose the User layer"));
      return FALSE;
    }

  done->layer = g_object_ref (layer);
  done->kept = g_ptr_array_new_with_free_func (g_free);
  root = sb_layer_get_root (layer);

  /* The layer's own model is the one whose limits it may hold. */
  previous = sb_json_pointer_get_string (root, "/env/ANTHROPIC_MODEL");
  if (previous == NULL)
    previous = sb_json_pointer_get_string (root, "/model");
  sb_claude_limits_for (previous != NULL ? previous : "", lookup_entry (catalog, previous),
                        &previous_limits);
  sb_claude_limits_for (model, lookup_entry (catalog, model), &limits);

  value = json_node_init_string (json_node_alloc (), model);
  if (env_model_below (stack, scope))
    {
      /* A lower layer's ANTHROPIC_MODEL beats `model` in any layer: only the variable here
       * makes the switch take effect. (/model picks cannot stick in this folder either way
       * until that one goes: the diagnostics say so.) */
      sb_layer_set_value (layer, "/env/ANTHROPIC_MODEL", value);
      if (root != NULL && sb_json_pointer_get (root, "/model") != NULL)
        sb_layer_set_value (layer, "/model", value);
      done->in_env = TRUE;
    }
  else
    {
      sb_layer_set_value (layer, "/model", value);
      if (root != NULL && sb_json_pointer_get (root, "/env/ANTHROPIC_MODEL") != NULL)
        {
          sb_layer_remove_value (layer, "/env/ANTHROPIC_MODEL");
          done->moved = TRUE;
        }
    }
  /* Undo puts removed members back at the end, last removed first: removing the output cap
   * first keeps the two in their order when the switch is undone. */
  if (limits.context == 0 && limits.output == 0)
    {
      update_limit (layer, SB_CLAUDE_ENV_MAX_OUTPUT, previous_limits.output, 0, done);
      update_limit (layer, SB_CLAUDE_ENV_MAX_CONTEXT, previous_limits.context, 0, done);
    }
  else
    {
      update_limit (layer, SB_CLAUDE_ENV_MAX_CONTEXT, previous_limits.context, limits.context,
                    done);
      update_limit (layer, SB_CLAUDE_ENV_MAX_OUTPUT, previous_limits.output, limits.output, done);
    }
  done->written = limits;

  if (!sb_layer_save (layer, error))
    return FALSE;

  /* Another layer's ANTHROPIC_MODEL still wins over the new model: said. (One in this layer
   * was taken out; if it is back, another program rewrote the file meanwhile.) */
  sb_layer_stack_reload (stack);
  effective = sb_json_pointer_get (sb_layer_stack_get_effective (stack), "/env/ANTHROPIC_MODEL");
  if (effective != NULL && JSON_NODE_HOLDS_VALUE (effective) &&
      json_node_get_value_type (effective) == G_TYPE_STRING &&
      sb_layer_stack_lookup_origin (stack, "/env/ANTHROPIC_MODEL", &origin) &&
      origin != scope)
    {
      done->shadowed = g_strdup (json_node_get_string (effective));
      done->shadowed_scope = origin;
    }

  if (result != NULL)
    *result = g_steal_pointer (&done);
  return TRUE;
}

/**
 * sb_claude_model_find_old_setup:
 * @stack: a folder's layers
 * @scope: (out) (optional): the layer that holds it
 *
 * Finds a folder set up the old way: `env.ANTHROPIC_MODEL` in a layer Signalbox can write,
 * which outranks every `/model` pick. The highest such layer is the one Claude Code uses.
 *
 * Returns: (transfer full) (nullable): the model it names
 */
char *
sb_claude_model_find_old_setup (SbLayerStack *stack,
                                SbScope      *scope)
{
  static const SbScope order[] = { SB_SCOPE_LOCAL, SB_SCOPE_PROJECT, SB_SCOPE_USER };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      SbLayer *layer = sb_layer_stack_get_layer (stack, order[i]);
      const char *model;

      if (layer == NULL || sb_layer_get_state (layer) != SB_LAYER_STATE_OK)
        continue;
      model = sb_json_pointer_get_string (sb_layer_get_root (layer), "/env/ANTHROPIC_MODEL");
      if (model != NULL && model[0] != '\0')
        {
          if (scope != NULL)
            *scope = order[i];
          return g_strdup (model);
        }
    }

  return NULL;
}

/**
 * sb_claude_model_move_old_setup:
 * @stack: a folder's layers
 * @catalog: (nullable): OpenRouter's models, for the limits
 * @result: (out) (optional): what the move did
 * @error: where to say why not
 *
 * Moves the highest `env.ANTHROPIC_MODEL` to `model` in the same layer, with its limits, in
 * one save (one Undo). The window offers this where sb_claude_model_find_old_setup() finds one.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
sb_claude_model_move_old_setup (SbLayerStack    *stack,
                                SbCatalog       *catalog,
                                SbClaudeSwitch **result,
                                GError         **error)
{
  g_autofree char *model = NULL;
  SbScope scope;

  model = sb_claude_model_find_old_setup (stack, &scope);
  if (model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No settings file of this folder sets env.ANTHROPIC_MODEL"));
      return FALSE;
    }

  return sb_claude_model_use (stack, catalog, model, scope, result, error);
}

void
sb_claude_switch_free (SbClaudeSwitch *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->layer);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_free (self->shadowed);
  g_free (self);
}
