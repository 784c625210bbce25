/* test-claude-model.c
 *
 * Tests for what Claude Code sends from a folder's layers, and for the limits a switch writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-claude-menu.h"
#include "sb-claude-model.h"
#include "sb-json-edit.h"
#include "sb-test-util.h"

typedef struct
{
  const char *name;
  const char *user;
  const char *project;
  const char *local;
  const char *managed;
  const char *model;        /* the id sent */
  const char *reported;     /* with [1m] when in force */
  const char *pointer;      /* NULL: the default */
  SbScope     scope;
  gint64      window;
  gint64      output;
  const char *dropped;
} StackCase;

#define TIERS "\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"x/opus-tier\", " \
              "\"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"x/sonnet-tier\", " \
              "\"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"x/haiku-tier\", " \
              "\"ANTHROPIC_DEFAULT_FABLE_MODEL\": \"x/fable-tier\""

/* Each row is a stack measured with Claude Code 2.1.332 (docs/claude-code-models.md). */
static const StackCase stack_cases[] = {
  { "nothing", NULL, NULL, NULL, NULL,
    "claude-opus-5-5", "claude-opus-5-5", NULL, 0, 1000000, 128000 },
  { "opus", "{\"model\": \"opus\"}", NULL, NULL, NULL,
    "claude-opus-5-5", "claude-opus-5-5", "/model", SB_SCOPE_USER, 1000000, 128000 },
  { "opusplan", "{\"model\": \"opusplan\"}", NULL, NULL, NULL,
    "claude-sonnet-5-5", "claude-sonnet-5-5", "/model", SB_SCOPE_USER, 1000000, 128000 },
  { "fable", "{\"model\": \"fable\"}", NULL, NULL, NULL,
    "claude-fable-5-2", "claude-fable-5-2", "/model", SB_SCOPE_USER, 1000000, 128000 },
  { "default-literal", "{\"model\": \"default\"}", NULL, NULL, NULL,
    "default", "default", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "unknown", "{\"model\": \"qwen/qwen3-coder\"}", NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "claude-id", "{\"model\": \"anthropic/claude-sonnet-4.5\"}", NULL, NULL, NULL,
    "anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4.5", "/model", SB_SCOPE_USER,
    200000, 32000 },
  { "claude-id-1m", "{\"model\": \"anthropic/claude-sonnet-4.5[1m]\"}", NULL, NULL, NULL,
    "anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4.5[1m]", "/model", SB_SCOPE_USER,
    1000000, 32000 },
  { "claude-3-haiku", "{\"model\": \"anthropic/claude-3-haiku\"}", NULL, NULL, NULL,
    "anthropic/claude-3-haiku", "anthropic/claude-3-haiku", "/model", SB_SCOPE_USER,
    200000, 4096 },
  { "claude-opus-4.7", "{\"model\": \"anthropic/claude-opus-4.7\"}", NULL, NULL, NULL,
    "anthropic/claude-opus-4.7", "anthropic/claude-opus-4.7", "/model", SB_SCOPE_USER,
    1000000, 64000 },
  { "claude-sonnet-4.6-ceiling", "{\"model\": \"anthropic/claude-sonnet-4.6\", \"env\": "
    "{\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"500000\"}}", NULL, NULL, NULL,
    "anthropic/claude-sonnet-4.6", "anthropic/claude-sonnet-4.6", "/model", SB_SCOPE_USER,
    200000, 128000 },
  { "claude-variant", "{\"model\": \"anthropic/claude-sonnet-4.5:thinking\"}", NULL, NULL,
    NULL, "anthropic/claude-sonnet-4.5:thinking", "anthropic/claude-sonnet-4.5:thinking",
    "/model", SB_SCOPE_USER, 200000, 32000 },
  { "claude-not-in-table", "{\"model\": \"anthropic/claude-opus-4.9\", \"env\": "
    "{\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"400000\"}}", NULL, NULL, NULL,
    "anthropic/claude-opus-4.9", "anthropic/claude-opus-4.9", "/model", SB_SCOPE_USER,
    400000, 32000 },
  { "claude-latest-unknown", "{\"model\": \"~anthropic/claude-opus-latest\"}", NULL, NULL,
    NULL, "~anthropic/claude-opus-latest", "~anthropic/claude-opus-latest", "/model",
    SB_SCOPE_USER, 1000000, 32000 },
  { "unknown-1m", "{\"model\": \"qwen/qwen3-coder[1m]\", \"env\": "
    "{\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"131072\"}}", NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder[1m]", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "tiers-opus", "{\"model\": \"opus\", \"env\": {" TIERS "}}", NULL, NULL, NULL,
    "x/opus-tier", "x/opus-tier[1m]", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "tiers-default", "{\"env\": {" TIERS "}}", NULL, NULL, NULL,
    "x/opus-tier", "x/opus-tier[1m]", NULL, 0, 1000000, 32000 },
  { "tiers-best", "{\"model\": \"best\", \"env\": {" TIERS "}}", NULL, NULL, NULL,
    "x/opus-tier", "x/opus-tier", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "tiers-sonnet-window", "{\"model\": \"sonnet\", \"env\": {" TIERS ", "
    "\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"262144\"}}", NULL, NULL, NULL,
    "x/sonnet-tier", "x/sonnet-tier", "/model", SB_SCOPE_USER, 262144, 32000 },
  { "tiers-opus-window-ignored", "{\"model\": \"opus\", \"env\": {" TIERS ", "
    "\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"262144\", "
    "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"65536\"}}", NULL, NULL, NULL,
    "x/opus-tier", "x/opus-tier[1m]", "/model", SB_SCOPE_USER, 1000000, 65536 },
  { "tiers-haiku", "{\"model\": \"haiku\", \"env\": {" TIERS "}}", NULL, NULL, NULL,
    "x/haiku-tier", "x/haiku-tier", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "default-model-variable", "{\"env\": {\"ANTHROPIC_DEFAULT_MODEL\": \"x/d\", "
    "\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"x/o\"}}", NULL, NULL, NULL,
    "x/d", "x/d", NULL, 0, 1000000, 32000 },
  { "small-fast-not-a-tier", "{\"model\": \"haiku\", \"env\": "
    "{\"ANTHROPIC_SMALL_FAST_MODEL\": \"x/s\"}}", NULL, NULL, NULL,
    "claude-haiku-5-5", "claude-haiku-5-5", "/model", SB_SCOPE_USER, 1000000, 128000 },
  { "env-beats-model", "{\"model\": \"a/m\", \"env\": {\"ANTHROPIC_MODEL\": \"b/e\"}}",
    NULL, NULL, NULL, "b/e", "b/e", "/env/ANTHROPIC_MODEL", SB_SCOPE_USER, 1000000, 32000 },
  { "user-env-beats-project-model", "{\"env\": {\"ANTHROPIC_MODEL\": \"b/e\"}}",
    "{\"model\": \"a/m\"}", NULL, NULL,
    "b/e", "b/e", "/env/ANTHROPIC_MODEL", SB_SCOPE_USER, 1000000, 32000 },
  { "env-alias-no-1m", "{\"env\": {\"ANTHROPIC_MODEL\": \"opus\", "
    "\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"qwen/qwen3-coder\"}}", NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/env/ANTHROPIC_MODEL", SB_SCOPE_USER,
    1000000, 32000 },
  { "local-wins", "{\"model\": \"a/user\"}", "{\"model\": \"a/project\"}",
    "{\"model\": \"a/local\"}", NULL,
    "a/local", "a/local", "/model", SB_SCOPE_LOCAL, 1000000, 32000 },
  { "window", "{\"model\": \"qwen/qwen3-coder\", \"env\": "
    "{\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"131072\"}}", NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 131072, 32000 },
  { "window-ignored-claude", "{\"model\": \"anthropic/claude-sonnet-4.5\", \"env\": "
    "{\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"131072\", "
    "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"200000\"}}", NULL, NULL, NULL,
    "anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4.5", "/model", SB_SCOPE_USER,
    200000, 64000 },
  { "output", "{\"model\": \"qwen/qwen3-coder\"}", NULL,
    "{\"env\": {\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"16384\"}}", NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 1000000, 16384 },
  { "output-clamped", "{\"model\": \"qwen/qwen3-coder\", \"env\": "
    "{\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"200000\"}}", NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 1000000, 128000 },
  { "behaves-as", "{\"model\": \"qwen/qwen3-coder\", \"modelPicker\": {\"options\": "
    "[{\"model\": \"qwen/qwen3-coder\", \"behavesAs\": \"claude-sonnet-4-5\"}]}}",
    NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 200000, 32000 },
  { "behaves-as-project-ignored", "{\"model\": \"qwen/qwen3-coder\"}",
    "{\"modelPicker\": {\"options\": "
    "[{\"model\": \"qwen/qwen3-coder\", \"behavesAs\": \"claude-sonnet-4-5\"}]}}", NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "bom", "\xef\xbb\xbf{\"model\": \"a/bom\"}", NULL, NULL, NULL,
    "a/bom", "a/bom", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "project-invalid", "{\"model\": \"a/user\"}", "{\"model\": \"a/project\",}", NULL, NULL,
    "a/user", "a/user", "/model", SB_SCOPE_USER, 1000000, 32000 },

  /* availableModels */
  { "allowed", "{\"model\": \"qwen/qwen3-coder\", \"availableModels\": [\"Qwen/Qwen3-Coder\"]}",
    NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "allowed-prefix", "{\"model\": \"qwen/qwen3-coder\", \"availableModels\": [\"qwen/qwen3\"]}",
    NULL, NULL, NULL,
    "qwen/qwen3-coder", "qwen/qwen3-coder", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "not-a-dash-boundary", "{\"model\": \"qwen/qwen3-coder\", \"availableModels\": [\"qwen/\"]}",
    NULL, NULL, NULL,
    "claude-opus-5-5", "claude-opus-5-5", NULL, 0, 1000000, 128000, "qwen/qwen3-coder" },
  { "dropped-to-tier", "{\"model\": \"qwen/qwen3-coder\", \"availableModels\": "
    "[\"moonshotai/kimi-k2\"], \"env\": {\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"x/opus-tier\"}}",
    NULL, NULL, NULL,
    "x/opus-tier", "x/opus-tier[1m]", NULL, 0, 1000000, 32000, "qwen/qwen3-coder" },
  { "dropped-not-default-model", "{\"model\": \"q/q\", \"availableModels\": [\"z/z\"], "
    "\"env\": {\"ANTHROPIC_DEFAULT_MODEL\": \"x/d\"}}", NULL, NULL, NULL,
    "claude-opus-5-5", "claude-opus-5-5", NULL, 0, 1000000, 128000, "q/q" },
  { "empty-list", "{\"model\": \"qwen/qwen3-coder\", \"availableModels\": []}",
    NULL, NULL, NULL,
    "claude-opus-5-5", "claude-opus-5-5", NULL, 0, 1000000, 128000, "qwen/qwen3-coder" },
  { "family", "{\"model\": \"claude-sonnet-4-5\", \"availableModels\": [\"sonnet\"]}",
    NULL, NULL, NULL,
    "claude-sonnet-4-5", "claude-sonnet-4-5", "/model", SB_SCOPE_USER, 200000, 32000 },
  { "alias-entry-through-tier", "{\"model\": \"x/opus-tier\", \"availableModels\": [\"opus\"], "
    "\"env\": {\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"x/opus-tier\"}}", NULL, NULL, NULL,
    "x/opus-tier", "x/opus-tier", "/model", SB_SCOPE_USER, 1000000, 32000 },
  { "alias-resolved-first", "{\"model\": \"sonnet\", \"availableModels\": "
    "[\"claude-sonnet-5-5\"]}", NULL, NULL, NULL,
    "claude-sonnet-5-5", "claude-sonnet-5-5", "/model", SB_SCOPE_USER, 1000000, 128000 },
  { "env-model-dropped", "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}, "
    "\"availableModels\": [\"moonshotai/kimi-k2\"]}", NULL, NULL, NULL,
    "claude-opus-5-5", "claude-opus-5-5", NULL, 0, 1000000, 128000, "qwen/qwen3-coder" },
  { "lists-merge", "{\"availableModels\": [\"a/one\"]}",
    "{\"availableModels\": [\"a/two\"], \"model\": \"a/one\"}", NULL, NULL,
    "a/one", "a/one", "/model", SB_SCOPE_PROJECT, 1000000, 32000 },
};

static void
write_layers (SbTestEnv  *env,
              const char *user,
              const char *project,
              const char *local,
              const char *managed)
{
  g_autofree char *user_path = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *project_path = g_build_filename (env->folder, ".claude", "settings.json",
                                                    NULL);
  g_autofree char *local_path = g_build_filename (env->folder, ".claude", "settings.local.json",
                                                  NULL);
  g_autofree char *managed_path = g_build_filename (env->managed, "managed-settings.json", NULL);

  if (user != NULL)
    sb_test_write (user_path, user);
  if (project != NULL)
    sb_test_write (project_path, project);
  if (local != NULL)
    sb_test_write (local_path, local);
  if (managed != NULL)
    sb_test_write (managed_path, managed);
}

static void
test_claude_stack (SbTestEnv     *env,
                   gconstpointer  data)
{
  const StackCase *c = data;
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(SbClaudeModel) resolved = NULL;
  g_autoptr(JsonNode) json = NULL;

  write_layers (env, c->user, c->project, c->local, c->managed);
  stack = sb_layer_stack_new (env->folder);
  resolved = sb_claude_model_resolve (stack);

  g_assert_cmpstr (resolved->model, ==, c->model);
  g_assert_cmpstr (resolved->reported, ==, c->reported);
  g_assert_cmpstr (resolved->source_pointer, ==, c->pointer);
  if (c->pointer != NULL)
    g_assert_cmpint (resolved->source_scope, ==, c->scope);
  g_assert_cmpint (resolved->context_window, ==, c->window);
  g_assert_cmpint (resolved->max_output_tokens, ==, c->output);
  g_assert_cmpstr (resolved->dropped, ==, c->dropped);

  json = sb_claude_model_to_json (resolved);
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (json, "/claude_code")), ==,
                   SB_CLAUDE_CODE_VERSION);
  if (c->pointer == NULL)
    g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (json, "/model_source")), ==,
                     "default");
  else
    g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (json, "/model_source/pointer")),
                     ==, c->pointer);
}

typedef struct
{
  const char *name;
  const char *id;      /* as it would be written */
  const char *entry;   /* the catalogue's entry, or NULL */
  gint64      context;
  gint64      output;
} LimitCase;

static const LimitCase limit_cases[] = {
  { "unknown", "moonshotai/kimi-k2",
    "{\"id\": \"moonshotai/kimi-k2\", \"context_length\": 131072, "
    "\"top_provider\": {\"context_length\": 131072, \"max_completion_tokens\": 16384}}",
    131072, 16384 },
  { "output-at-most-default", "qwen/qwen3-coder",
    "{\"id\": \"qwen/qwen3-coder\", \"context_length\": 1048576, "
    "\"top_provider\": {\"context_length\": 262144, \"max_completion_tokens\": 65536}}",
    262144, 32000 },
  { "provider-context-missing", "a/b",
    "{\"id\": \"a/b\", \"context_length\": 65536, \"top_provider\": "
    "{\"max_completion_tokens\": 8192}}", 65536, 8192 },
  { "no-max-completion", "moonshotai/kimi-k2:free",
    "{\"id\": \"moonshotai/kimi-k2:free\", \"context_length\": 131072, "
    "\"top_provider\": {\"context_length\": 32768}}", 32768, 8192 },
  { "claude-id", "anthropic/claude-sonnet-4.5",
    "{\"id\": \"anthropic/claude-sonnet-4.5\", \"context_length\": 1000000, "
    "\"top_provider\": {\"context_length\": 1000000, \"max_completion_tokens\": 64000}}",
    0, 0 },
  { "claude-id-small-output", "anthropic/claude-sonnet-4.5:floor",
    "{\"id\": \"anthropic/claude-sonnet-4.5:floor\", \"context_length\": 200000, "
    "\"top_provider\": {\"context_length\": 200000, \"max_completion_tokens\": 16000}}",
    0, 16000 },
  { "claude-id-own-output", "anthropic/claude-3-haiku",
    "{\"id\": \"anthropic/claude-3-haiku\", \"context_length\": 200000, "
    "\"top_provider\": {\"context_length\": 200000, \"max_completion_tokens\": 4096}}",
    0, 0 },
  { "claude-unknown-to-claude-code", "anthropic/claude-opus-4.9",
    "{\"id\": \"anthropic/claude-opus-4.9\", \"context_length\": 1000000, "
    "\"top_provider\": {\"context_length\": 1000000, \"max_completion_tokens\": 128000}}",
    1000000, 32000 },
  { "1m", "qwen/qwen3-coder[1m]",
    "{\"id\": \"qwen/qwen3-coder\", \"context_length\": 1048576, "
    "\"top_provider\": {\"context_length\": 262144, \"max_completion_tokens\": 16384}}",
    0, 16384 },
  { "alias", "opus", NULL, 0, 0 },
  { "not-in-catalogue", "vendor/unknown", NULL, 0, 0 },
};

static SbModel *
model_from_text (const char *text)
{
  g_autoptr(JsonNode) node = sb_test_parse (text);
  g_autoptr(GError) error = NULL;
  SbModel *model = sb_model_new_from_json (json_node_get_object (node), &error);

  g_assert_no_error (error);
  return model;
}

static void
test_claude_limits (gconstpointer data)
{
  const LimitCase *c = data;
  g_autoptr(SbModel) entry = c->entry != NULL ? model_from_text (c->entry) : NULL;
  SbClaudeLimits limits;

  sb_claude_limits_for (c->id, entry, &limits);
  g_assert_cmpint (limits.context, ==, c->context);
  g_assert_cmpint (limits.output, ==, c->output);
}

/* OpenRouter's figures for a few models, with their providers' limits. */
static SbCatalog *
test_catalog (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "claude", "models.json",
                                                 NULL);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  body = g_bytes_new_take (g_steal_pointer (&text), length);
  sb_catalog_load_bytes (catalog, body, SB_CATALOG_SOURCE_CACHE, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&catalog);
}

static char *
local_path (SbTestEnv *env)
{
  return g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
}

static SbLayerStack *
use (SbTestEnv  *env,
     SbCatalog  *catalog,
     const char *model,
     const char *expected)
{
  g_autoptr(SbLayerStack) stack = sb_layer_stack_new (env->folder);
  g_autoptr(SbClaudeSwitch) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = local_path (env);
  g_autofree char *text = NULL;

  g_assert_true (sb_claude_model_use (stack, catalog, model, SB_SCOPE_LOCAL, &result, &error));
  g_assert_no_error (error);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, expected);
  return g_steal_pointer (&stack);
}

/* Three models and back: each switch replaces the limits of the last, a Claude model takes
 * them away, and one Undo restores the whole of a switch. */
static void
test_claude_use_round (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = test_catalog ();
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(SbClaudeModel) resolved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *start = "{\n\t\"permissions\": {\"allow\": [\"Bash(ls)\"]},\n"
                      "\t\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\", \"A\": \"1\"}\n}";

  sb_test_write (path, start);

  /* The old setup moves: env.ANTHROPIC_MODEL goes, model comes. */
  stack = use (env, catalog, "moonshotai/kimi-k2",
       "{\n\t\"permissions\": {\"allow\": [\"Bash(ls)\"]},\n"
       "\t\"env\": {\"A\": \"1\", \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"131072\", "
       "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"16384\"},\n"
       "\t\"model\": \"moonshotai/kimi-k2\"\n}");

  resolved = sb_claude_model_resolve (stack);
  g_assert_cmpstr (resolved->model, ==, "moonshotai/kimi-k2");
  g_assert_cmpint (resolved->context_window, ==, 131072);
  g_assert_cmpint (resolved->max_output_tokens, ==, 16384);

  g_clear_object (&stack);
  stack = use (env, catalog, "z-ai/glm-4.6",
       "{\n\t\"permissions\": {\"allow\": [\"Bash(ls)\"]},\n"
       "\t\"env\": {\"A\": \"1\", \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"202752\", "
       "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"8192\"},\n"
       "\t\"model\": \"z-ai/glm-4.6\"\n}");

  /* A model Claude Code knows: what Signalbox wrote goes. */
  g_clear_object (&stack);
  stack = use (env, catalog, "anthropic/claude-sonnet-4.5",
       "{\n\t\"permissions\": {\"allow\": [\"Bash(ls)\"]},\n"
       "\t\"env\": {\"A\": \"1\"},\n"
       "\t\"model\": \"anthropic/claude-sonnet-4.5\"\n}");

  /* One Undo restores the whole of the last switch. */
  g_assert_true (sb_layer_undo (sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL), &error));
  g_assert_no_error (error);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==,
                   "{\n\t\"permissions\": {\"allow\": [\"Bash(ls)\"]},\n"
                   "\t\"env\": {\"A\": \"1\", \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"202752\", "
                   "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"8192\"},\n"
                   "\t\"model\": \"z-ai/glm-4.6\"\n}");

  g_clear_object (&stack);
  stack = use (env, catalog, "moonshotai/kimi-k2",
       "{\n\t\"permissions\": {\"allow\": [\"Bash(ls)\"]},\n"
       "\t\"env\": {\"A\": \"1\", \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"131072\", "
       "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"16384\"},\n"
       "\t\"model\": \"moonshotai/kimi-k2\"\n}");
}

/* A value a person wrote stays, and the switch says so. */
static void
test_claude_use_hand_written (SbTestEnv     *env,
                              gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = test_catalog ();
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(SbClaudeSwitch) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sb_test_write (path, "{\"model\": \"moonshotai/kimi-k2\", \"env\": "
                       "{\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"100000\", "
                       "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"16384\"}}");
  stack = sb_layer_stack_new (env->folder);
  g_assert_true (sb_claude_model_use (stack, catalog, "z-ai/glm-4.6", SB_SCOPE_LOCAL, &result,
                                      &error));
  g_assert_no_error (error);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, "{\"model\": \"z-ai/glm-4.6\", \"env\": "
                             "{\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"100000\", "
                             "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"8192\"}}");
  g_assert_cmpuint (result->kept->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->kept, 0), ==, "CLAUDE_CODE_MAX_CONTEXT_TOKENS");
  g_assert_cmpint (result->written.context, ==, 202752);
}

static void
test_claude_old_setup (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = test_catalog ();
  g_autofree char *path = local_path (env);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(SbClaudeSwitch) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *text = NULL;
  SbScope scope;

  sb_test_write (path, "{\"env\": {\"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"}}\n");
  stack = sb_layer_stack_new (env->folder);
  found = sb_claude_model_find_old_setup (stack, &scope);
  g_assert_cmpstr (found, ==, "qwen/qwen3-coder");
  g_assert_cmpint (scope, ==, SB_SCOPE_LOCAL);

  g_assert_true (sb_claude_model_move_old_setup (stack, catalog, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result->moved);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, "{\"env\": {\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"262144\", "
                             "\"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"32000\"}, "
                             "\"model\": \"qwen/qwen3-coder\"}\n");
  g_clear_pointer (&found, g_free);
  found = sb_claude_model_find_old_setup (stack, NULL);
  g_assert_null (found);
}

static char *
user_path (SbTestEnv *env)
{
  return g_build_filename (env->home, ".claude", "settings.json", NULL);
}

/* Rows of someone else, in odd formatting, stay byte for byte where they are. */
static void
test_claude_picker (SbTestEnv     *env,
                    gconstpointer  data)
{
  static const char start[] =
    "{\r\n\t\"modelPicker\" : { \"replaceBuiltInOptions\":false, \"options\" : [\r\n"
    "\t\t{\"model\":\"z/one\",\"label\":\"Mine \\u00e9\"} ,\r\n"
    "\t\t{\"model\":\"z/two\"}\r\n\t] },\r\n\t\"model\": \"x\"\r\n}";
  static const char added[] =
    "{\r\n\t\"modelPicker\" : { \"replaceBuiltInOptions\":false, \"options\" : [\r\n"
    "\t\t{\"model\":\"z/one\",\"label\":\"Mine \\u00e9\"} ,\r\n"
    "\t\t{\"model\":\"z/two\"},\r\n"
    "\t\t{\r\n\t\t\t\"model\" : \"moonshotai/kimi-k2\",\r\n"
    "\t\t\t\"label\" : \"MoonshotAI: Kimi K2\",\r\n"
    "\t\t\t\"description\" : \"131K · $0.57/$2.30 · tools\"\r\n\t\t}\r\n"
    "\t] },\r\n\t\"model\": \"x\"\r\n}";
  g_autoptr(SbCatalog) catalog = test_catalog ();
  g_autofree char *path = user_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean changed;

  sb_test_write (path, start);
  layer = sb_layer_new (SB_SCOPE_USER, path);
  g_assert_true (sb_claude_picker_add (layer, "moonshotai/kimi-k2",
                                       sb_catalog_lookup (catalog, "moonshotai/kimi-k2"),
                                       &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, added);

  /* Again: the row is there, nothing changes. */
  g_assert_true (sb_claude_picker_add (layer, "moonshotai/kimi-k2", NULL, &changed, &error));
  g_assert_false (changed);

  /* Off again: only that row goes. */
  g_assert_true (sb_claude_picker_remove (layer, "moonshotai/kimi-k2", &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_clear_pointer (&text, g_free);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==, start);

  /* Someone else's row in the middle goes alone, the next keeps its place. */
  g_assert_true (sb_claude_picker_remove (layer, "z/one", &changed, &error));
  g_clear_pointer (&text, g_free);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==,
                   "{\r\n\t\"modelPicker\" : { \"replaceBuiltInOptions\":false, \"options\" : "
                   "[\r\n\t\t{\"model\":\"z/two\"}\r\n\t] },\r\n\t\"model\": \"x\"\r\n}");
}

/* A file without modelPicker gets one, with the row. */
static void
test_claude_picker_new (SbTestEnv     *env,
                        gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = test_catalog ();
  g_autofree char *path = user_path (env);
  g_autoptr(SbLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean changed;

  sb_test_write (path, "{\n  \"model\": \"x\"\n}\n");
  layer = sb_layer_new (SB_SCOPE_USER, path);
  g_assert_true (sb_claude_picker_add (layer, "z-ai/glm-4.6",
                                       sb_catalog_lookup (catalog, "z-ai/glm-4.6"),
                                       &changed, &error));
  g_assert_no_error (error);
  text = sb_test_read (path);
  g_assert_cmpstr (text, ==,
                   "{\n  \"model\": \"x\",\n  \"modelPicker\": {\n    \"options\": [\n"
                   "      {\n        \"model\": \"z-ai/glm-4.6\",\n"
                   "        \"label\": \"Z.AI: GLM 4.6\",\n"
                   "        \"description\": \"202K · $0.40/$1.75 · tools\"\n"
                   "      }\n    ]\n  }\n}\n");
}

/* availableModels: a layer's own list changes; the others still count. */
static void
test_claude_available (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autofree char *project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  g_autofree char *local = local_path (env);
  g_autoptr(SbLayerStack) stack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *entry = NULL;
  SbScope scope;
  gboolean changed;

  sb_test_write (project, "{\"availableModels\": [\"qwen/qwen3\"]}");
  sb_test_write (local, "{ \"availableModels\" : [ \"Z-AI/GLM-4.6\",\n  \"other/x\" ] }");
  stack = sb_layer_stack_new (env->folder);

  g_assert_true (sb_claude_available_set (stack, "moonshotai/kimi-k2", SB_SCOPE_LOCAL, TRUE,
                                          &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  text = sb_test_read (local);
  g_assert_cmpstr (text, ==, "{ \"availableModels\" : [ \"Z-AI/GLM-4.6\",\n  \"other/x\", "
                             "\"moonshotai/kimi-k2\" ] }");

  g_assert_true (sb_claude_available_set (stack, "z-ai/glm-4.6", SB_SCOPE_LOCAL, FALSE,
                                          &changed, &error));
  g_assert_true (changed);
  g_clear_pointer (&text, g_free);
  text = sb_test_read (local);
  g_assert_cmpstr (text, ==, "{ \"availableModels\" : [ \"other/x\", "
                             "\"moonshotai/kimi-k2\" ] }");
  g_assert_false (sb_claude_available_find (stack, "z-ai/glm-4.6", NULL, NULL));

  /* The Project list allows it by prefix; disabling in Local cannot take it out. */
  g_assert_true (sb_claude_available_set (stack, "qwen/qwen3-coder", SB_SCOPE_LOCAL, FALSE,
                                          &changed, &error));
  g_assert_false (changed);
  g_assert_true (sb_claude_available_find (stack, "qwen/qwen3-coder", &scope, &entry));
  g_assert_cmpint (scope, ==, SB_SCOPE_PROJECT);
  g_assert_cmpstr (entry, ==, "qwen/qwen3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (stack_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/claude-model/stack/%s",
                                               stack_cases[i].name);

      g_test_add (path, SbTestEnv, &stack_cases[i], sb_test_env_setup, test_claude_stack,
                  sb_test_env_teardown);
    }

  for (guint i = 0; i < G_N_ELEMENTS (limit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signalbox/claude-model/limits/%s",
                                               limit_cases[i].name);

      g_test_add_data_func (path, &limit_cases[i], test_claude_limits);
    }

  g_test_add ("/signalbox/claude-model/use-round", SbTestEnv, NULL, sb_test_env_setup,
              test_claude_use_round, sb_test_env_teardown);
  g_test_add ("/signalbox/claude-model/use-hand-written", SbTestEnv, NULL, sb_test_env_setup,
              test_claude_use_hand_written, sb_test_env_teardown);
  g_test_add ("/signalbox/claude-model/old-setup", SbTestEnv, NULL, sb_test_env_setup,
              test_claude_old_setup, sb_test_env_teardown);

  g_test_add ("/signalbox/claude-model/picker", SbTestEnv, NULL, sb_test_env_setup,
              test_claude_picker, sb_test_env_teardown);
  g_test_add ("/signalbox/claude-model/picker-new", SbTestEnv, NULL, sb_test_env_setup,
              test_claude_picker_new, sb_test_env_teardown);
  g_test_add ("/signalbox/claude-model/available", SbTestEnv, NULL, sb_test_env_setup,
              test_claude_available, sb_test_env_teardown);

  return g_test_run ();
}
