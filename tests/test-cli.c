/* test-cli.c
 *
 * Tests for `signalbox --status` and `signalbox --use`, run as a process on temporary
 * homes and folders, without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sb-claude-model.h"
#include "sb-history.h"
#include "sb-json-edit.h"
#include "sb-test-util.h"

#define ADD_TEST(path, func) \
  g_test_add (path, SbTestEnv, NULL, sb_test_env_setup, func, sb_test_env_teardown)

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_signalbox (const char  *cwd,
               Run         *run,
               const char **args)
{
  SbTestRunOptions options = { .cwd = cwd };

  run->status = sb_test_run ("SIGNALBOX_BINARY", args, &options, &run->out, &run->err);
}

#define RUN(cwd, run, ...) \
  G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_signalbox (cwd, run, args_); \
  } G_STMT_END

/* Built here, not written in the source, so no key-shaped string is ever committed. */
static char *
fake_token (void)
{
  GString *token = g_string_new ("sk-or-v1-");

  for (guint i = 0; i < 64; i++)
    g_string_append_c (token, "0123456789abcdef"[(i * 7 + 3) % 16]);

  return g_string_free (token, FALSE);
}

static char *
real_folder (SbTestEnv *env)
{
  char *real = realpath (env->folder, NULL);
  char *copy = g_strdup (real);

  free (real);
  return copy;
}

static const char project_text[] =
  "{\n"
  "  \"permissions\": {\n"
  "    \"allow\": [\"Bash(npm run lint)\", \"Read(src/**)\"],\n"
  "    \"deny\": [\"Read(./.env)\"]\n"
  "  },\n"
  "  \"env\": {\n"
  "    \"ANTHROPIC_MODEL\": \"qwen/qwen3-coder\"\n"
  "  }\n"
  "}\n";

static const char local_text[] =
  "{\n"
  "    \"permissions\": {\n"
  "        \"allow\": [\n"
  "            \"Read(src/**)\",\n"
  "            \"Bash(git diff:*)\"\n"
  "        ]\n"
  "    },\n"
  "    \"env\": {\n"
  "        \"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\"\n"
  "    }\n"
  "}";

static void
write_trio (SbTestEnv *env)
{
  g_autofree char *token = fake_token ();
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  g_autofree char *project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  g_autofree char *user_text = g_strdup_printf (
    "{\n"
    "  \"env\": {\n"
    "    \"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\",\n"
    "    \"ANTHROPIC_AUTH_TOKEN\": \"%s\",\n"
    "    \"ANTHROPIC_API_KEY\": \"\"\n"
    "  },\n"
    "  \"model\": \"sonnet\",\n"
    "  \"statusLine\": {\"type\": \"command\", \"command\": \"~/.claude/statusline.sh\"}\n"
    "}\n", token);

  sb_test_write (user, user_text);
  /* A file with a token in it is for its owner's eyes only. */
  g_assert_cmpint (g_chmod (user, 0600), ==, 0);
  sb_test_write (project, project_text);
  sb_test_write (local, local_text);
}

/* A catalogue as if fetched a minute ago: the limits a switch writes come from it. */
static void
write_cache (SbTestEnv *env)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "claude", "models.json",
                                                   NULL);
  g_autofree char *cache_home = g_build_filename (env->root, "cache", NULL);
  g_autofree char *cache = g_build_filename (cache_home, "signalbox", "models.json", NULL);
  g_autofree char *text = sb_test_read (source);

  sb_test_write (cache, text);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
}

static void
test_cli_status_json (SbTestEnv     *env,
                      gconstpointer  data)
{
  g_autofree char *token = fake_token ();
  g_autofree char *folder = real_folder (env);
  g_autofree char *managed = g_build_filename (env->managed, "managed-settings.json", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *layers;
  JsonObject *origin;
  JsonArray *diagnostics;
  JsonObject *diagnostic = NULL;
  static const char * const scopes[] = { "user", "project", "local", "managed" };

  write_trio (env);
  write_cache (env);
  sb_test_write (managed, "{\"env\": {\"DISABLE_TELEMETRY\": \"1\"}}");

  RUN (NULL, &run, "--status", "--json", env->folder);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, token));

  root = sb_test_parse (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "folder"), ==, folder);

  layers = json_object_get_array_member (object, "layers");
  g_assert_cmpuint (json_array_get_length (layers), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *layer = json_array_get_object_element (layers, i);

      g_assert_cmpstr (json_object_get_string_member (layer, "scope"), ==, scopes[i]);
      g_assert_cmpstr (json_object_get_string_member (layer, "state"), ==, "ok");
      g_assert_true (g_path_is_absolute (json_object_get_string_member (layer, "path")));
      g_assert_false (json_object_has_member (layer, "error"));
    }

  sb_test_assert_json_equal (json_object_get_member (object, "effective"),
    "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://openrouter.ai/api\","
    "          \"ANTHROPIC_AUTH_TOKEN\": \"<redacted>\","
    "          \"ANTHROPIC_API_KEY\": \"\","
    "          \"ANTHROPIC_MODEL\": \"z-ai/glm-4.6\","
    "          \"DISABLE_TELEMETRY\": \"1\"},"
    " \"model\": \"sonnet\","
    " \"statusLine\": {\"type\": \"command\", \"command\": \"~/.claude/statusline.sh\"},"
    " \"permissions\": {\"allow\": [\"Bash(npm run lint)\", \"Read(src/**)\", \"Bash(git diff:*)\"],"
    "                   \"deny\": [\"Read(./.env)\"]}}");

  origin = json_object_get_object_member (object, "origin");
  sb_test_assert_json_equal (json_object_get_member (object, "origin"),
    "{\"/env/ANTHROPIC_BASE_URL\": \"user\","
    " \"/env/ANTHROPIC_AUTH_TOKEN\": \"user\","
    " \"/env/ANTHROPIC_API_KEY\": \"user\","
    " \"/env/ANTHROPIC_MODEL\": \"local\","
    " \"/env/DISABLE_TELEMETRY\": \"managed\","
    " \"/model\": \"user\","
    " \"/statusLine/type\": \"user\","
    " \"/statusLine/command\": \"user\","
    " \"/permissions/allow/0\": \"project\","
    " \"/permissions/allow/1\": \"project\","
    " \"/permissions/allow/2\": \"local\","
    " \"/permissions/deny/0\": \"project\"}");
  g_assert_cmpuint (json_object_get_size (origin), ==, 12);

  /* What Claude Code sends: the Local ANTHROPIC_MODEL, with the window it assumes. */
  sb_test_assert_json_equal (json_object_get_member (object, "claude"),
    "{\"model\": \"z-ai/glm-4.6\", \"reported_model\": \"z-ai/glm-4.6\","
    " \"model_source\": {\"pointer\": \"/env/ANTHROPIC_MODEL\", \"layer\": \"local\","
    " \"value\": \"z-ai/glm-4.6\"}, \"known\": false, \"context_window\": 1000000,"
    " \"max_output_tokens\": 32000, \"claude_code\": \"" SB_CLAUDE_CODE_VERSION "\"}");

  /* Only warnings: the user's "model" is shadowed by ANTHROPIC_MODEL, and Claude Code
   * misjudges the window and the output of a model it does not know. */
  diagnostics = json_object_get_array_member (object, "diagnostics");
  g_assert_cmpuint (json_array_get_length (diagnostics), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const char *code = json_object_get_string_member (
        json_array_get_object_element (diagnostics, i), "code");

      g_assert_true (g_str_equal (code, "model-shadowed") ||
                     g_str_equal (code, "model-window-unset") ||
                     g_str_equal (code, "output-cap-too-high"));
      if (g_str_equal (code, "model-shadowed"))
        diagnostic = json_array_get_object_element (diagnostics, i);
    }
  g_assert_nonnull (diagnostic);
  g_assert_cmpstr (json_object_get_string_member (diagnostic, "severity"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (diagnostic, "code"), ==, "model-shadowed");
  g_assert_cmpstr (json_object_get_string_member (diagnostic, "scope"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (diagnostic, "pointer"), ==, "/model");
}

static void
test_cli_status_invalid (SbTestEnv     *env,
                         gconstpointer  data)
{
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *layer;
  JsonObject *diagnostic;
  JsonArray *diagnostics;

  write_trio (env);
  write_cache (env);
  sb_test_write (local, "{\n  \"env\": {\n    \"ANTHROPIC_MODEL\": \"a/b\",\n  }\n}\n");

  RUN (NULL, &run, "--status", "--json", env->folder);
  g_assert_cmpint (run.status, ==, 1);

  root = sb_test_parse (run.out);
  layer = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                      "layers"), 2);
  g_assert_cmpstr (json_object_get_string_member (layer, "scope"), ==, "local");
  g_assert_cmpstr (json_object_get_string_member (layer, "state"), ==, "invalid");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (layer, "error"), "3:29 "));

  /* The invalid layer contributes nothing: the project's model stands. */
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/effective/env/ANTHROPIC_MODEL")),
                   ==, "qwen/qwen3-coder");

  diagnostics = json_object_get_array_member (json_node_get_object (root), "diagnostics");
  /* The error first, then the warnings about the user's shadowed "model" and the window
   * Claude Code would assume for the project's model; last, the offer to move the
   * project's ANTHROPIC_MODEL to "model". */
  g_assert_cmpuint (json_array_get_length (diagnostics), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (diagnostics, 3),
                                                  "code"), ==, "model-in-env");
  for (guint i = 1; i < 3; i++)
    {
      const char *code = json_object_get_string_member (
        json_array_get_object_element (diagnostics, i), "code");

      g_assert_true (g_str_equal (code, "model-shadowed") ||
                     g_str_equal (code, "model-window-unset"));
    }
  diagnostic = json_array_get_object_element (diagnostics, 0);
  g_assert_cmpstr (json_object_get_string_member (diagnostic, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (diagnostic, "code"), ==, "layer-invalid");
  g_assert_cmpstr (json_object_get_string_member (diagnostic, "scope"), ==, "local");
}

static void
test_cli_status_human (SbTestEnv     *env,
                       gconstpointer  data)
{
  g_autofree char *token = fake_token ();
  g_auto(Run) run = { 0 };

  write_trio (env);

  /* FOLDER defaults to the current folder. */
  RUN (env->folder, &run, "--status");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (g_str_has_prefix (run.out, "{"));
  g_assert_null (strstr (run.out, token));
  g_assert_nonnull (strstr (run.out, "~/.claude/settings.json"));
  g_assert_nonnull (strstr (run.out, "~/src/app/.claude/settings.local.json"));
  g_assert_true (g_regex_match_simple ("/env/ANTHROPIC_MODEL +\"z-ai/glm-4.6\" +\\(Local\\)",
                                       run.out, 0, 0));
  g_assert_true (g_regex_match_simple ("/permissions/deny/0 +\"Read\\(./.env\\)\" +\\(Project\\)",
                                       run.out, 0, 0));
  g_assert_true (g_regex_match_simple ("warning +“model” \\(sonnet\\) is not used", run.out,
                                       0, 0));
  g_assert_null (strstr (run.out, "No problems found."));
}

static void
test_cli_use_minimal_diff (SbTestEnv     *env,
                           gconstpointer  data)
{
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  g_autoptr(GString) want = g_string_new (local_text);
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *previous = NULL;
  GStatBuf st;

  write_trio (env);
  write_cache (env);
  g_assert_cmpint (g_chmod (local, 0600), ==, 0);

  RUN (NULL, &run, "--use", "moonshotai/kimi-k2:free", env->folder);
  /* The Project file's env.ANTHROPIC_MODEL would outrank `model` in Local: the switch is
   * written as Local's ANTHROPIC_MODEL, which does win, and that is said. */
  g_assert_nonnull (strstr (run.err, "a lower layer sets ANTHROPIC_MODEL"));
  g_assert_null (strstr (run.err, "takes precedence"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "moonshotai/kimi-k2:free"));

  /* Only the model's bytes changed; a model the catalogue does not have came without
   * limits; no final newline appeared; the mode stayed. */
  g_string_replace (want, "z-ai/glm-4.6", "moonshotai/kimi-k2:free", 1);
  after = sb_test_read (local);
  g_assert_cmpstr (after, ==, want->str);
  g_assert_cmpint (g_stat (local, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* The previous version is in the history. */
  versions = sb_history_list (local);
  g_assert_cmpuint (versions->len, ==, 1);
  previous = sb_test_read (g_ptr_array_index (versions, 0));
  g_assert_cmpstr (previous, ==, local_text);
}

static void
test_cli_use_layers (SbTestEnv     *env,
                     gconstpointer  data)
{
  static const struct { const char *layer; const char *file; } cases[] = {
    { NULL, "src/app/.claude/settings.local.json" },
    { "local", "src/app/.claude/settings.local.json" },
    { "project", "src/app/.claude/settings.json" },
    { "user", ".claude/settings.json" },
  };

  write_cache (env);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (env->home, cases[i].file, NULL);
      g_autofree char *text = NULL;
      g_auto(Run) run = { 0 };

      g_unlink (path);
      if (cases[i].layer != NULL)
        RUN (env->folder, &run, "--use", "openai/gpt-5", "--layer", cases[i].layer);
      else
        RUN (env->folder, &run, "--use", "openai/gpt-5");
      g_assert_cmpint (run.status, ==, 0);

      text = sb_test_read (path);
      g_assert_cmpstr (text, ==, "{\n  \"model\": \"openai/gpt-5\"\n}\n");
    }
}

static JsonNode *
status_claude (SbTestEnv *env)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  RUN (NULL, &run, "--status", "--json", env->folder);
  root = sb_test_parse (run.out);
  return json_node_copy (sb_json_pointer_get (root, "/claude"));
}

/* After each switch --status says the window and cap of the new model, and nothing of the
 * previous one is left in the file. */
static void
test_cli_use_limits (SbTestEnv     *env,
                     gconstpointer  data)
{
  static const struct
  {
    const char *model;
    const char *text;
    const char *claude;
  } steps[] = {
    { "moonshotai/kimi-k2",
      "{\n  \"model\": \"moonshotai/kimi-k2\",\n  \"env\": {\n"
      "    \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"131072\",\n"
      "    \"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"16384\"\n  }\n}\n",
      "{\"model\": \"moonshotai/kimi-k2\", \"reported_model\": \"moonshotai/kimi-k2\", "
      "\"model_source\": {\"pointer\": \"/model\", \"layer\": \"local\", "
      "\"value\": \"moonshotai/kimi-k2\"}, \"known\": false, \"context_window\": 131072, "
      "\"max_output_tokens\": 16384, \"claude_code\": \"" SB_CLAUDE_CODE_VERSION "\"}" },
    { "z-ai/glm-4.6",
      "{\n  \"model\": \"z-ai/glm-4.6\",\n  \"env\": {\n"
      "    \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"202752\",\n"
      "    \"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"8192\"\n  }\n}\n",
      "{\"model\": \"z-ai/glm-4.6\", \"reported_model\": \"z-ai/glm-4.6\", "
      "\"model_source\": {\"pointer\": \"/model\", \"layer\": \"local\", "
      "\"value\": \"z-ai/glm-4.6\"}, \"known\": false, \"context_window\": 202752, "
      "\"max_output_tokens\": 8192, \"claude_code\": \"" SB_CLAUDE_CODE_VERSION "\"}" },
    { "anthropic/claude-sonnet-4.5",
      "{\n  \"model\": \"anthropic/claude-sonnet-4.5\",\n  \"env\": {}\n}\n",
      "{\"model\": \"anthropic/claude-sonnet-4.5\", "
      "\"reported_model\": \"anthropic/claude-sonnet-4.5\", "
      "\"model_source\": {\"pointer\": \"/model\", \"layer\": \"local\", "
      "\"value\": \"anthropic/claude-sonnet-4.5\"}, \"known\": true, "
      "\"context_window\": 200000, \"max_output_tokens\": 32000, "
      "\"claude_code\": \"" SB_CLAUDE_CODE_VERSION "\"}" },
    { "moonshotai/kimi-k2",
      "{\n  \"model\": \"moonshotai/kimi-k2\",\n  \"env\": {\n"
      "    \"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"131072\",\n"
      "    \"CLAUDE_CODE_MAX_OUTPUT_TOKENS\": \"16384\"\n  }\n}\n", NULL },
  };
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);

  write_cache (env);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *text = NULL;

      RUN (NULL, &run, "--use", steps[i].model, env->folder);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      text = sb_test_read (local);
      g_assert_cmpstr (text, ==, steps[i].text);
      if (steps[i].claude != NULL)
        {
          g_autoptr(JsonNode) claude = status_claude (env);

          sb_test_assert_json_equal (claude, steps[i].claude);
        }
    }
}

/* The star's row goes into the User file next to others' rows, and comes out alone. */
static void
test_cli_favourite (SbTestEnv     *env,
                    gconstpointer  data)
{
  static const char start[] = "{\"modelPicker\": {\"options\": [{\"model\": \"z/one\"}]}}";
  g_autofree char *user = g_build_filename (env->home, ".claude", "settings.json", NULL);
  const char *config = g_getenv ("XDG_CONFIG_HOME");
  g_autofree char *config_home = config != NULL ? g_strdup (config)
                                                : g_build_filename (env->home, ".config", NULL);
  g_autofree char *keyfile = g_build_filename (config_home, "glib-2.0", "settings", "keyfile",
                                               NULL);
  g_autofree char *text = NULL;
  g_autofree char *stars = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };

  write_cache (env);
  sb_test_write (user, start);
  /* Stars kept in a file, so that what the process wrote can be read after it. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  RUN (env->folder, &run, "--favourite", "z-ai/glm-4.6");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  stars = sb_test_read (keyfile);
  g_assert_nonnull (strstr (stars, "favourites=['z-ai/glm-4.6']"));
  text = sb_test_read (user);
  g_assert_cmpstr (text, ==, "{\"modelPicker\": {\"options\": [{\"model\": \"z/one\"}, "
                             "{\"model\": \"z-ai/glm-4.6\", \"label\": \"Z.AI: GLM 4.6\", "
                             "\"description\": \"202K · $0.40/$1.75 · tools\"}]}}");

  RUN (env->folder, &again, "--unfavourite", "z-ai/glm-4.6");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_assert_cmpint (again.status, ==, 0);
  g_clear_pointer (&text, g_free);
  text = sb_test_read (user);
  g_assert_cmpstr (text, ==, start);
  g_clear_pointer (&stars, g_free);
  stars = sb_test_read (keyfile);
  g_assert_null (strstr (stars, "glm"));
}

/* --enable and --disable write one layer; another layer that still allows the model is
 * named, with a non-zero status. */
static void
test_cli_enable (SbTestEnv     *env,
                 gconstpointer  data)
{
  g_autofree char *project = g_build_filename (env->folder, ".claude", "settings.json", NULL);
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) enable = { 0 };
  g_auto(Run) project_enable = { 0 };
  g_auto(Run) disable = { 0 };
  g_auto(Run) project_disable = { 0 };

  sb_test_write (local, "{}\n");
  RUN (NULL, &enable, "--enable", "moonshotai/kimi-k2", env->folder);
  g_assert_cmpint (enable.status, ==, 0);
  text = sb_test_read (local);
  g_assert_cmpstr (text, ==, "{\"availableModels\": [\"moonshotai/kimi-k2\"]}\n");

  RUN (env->folder, &project_enable, "--enable", "moonshotai/kimi-k2", "--layer", "project");
  g_assert_cmpint (project_enable.status, ==, 0);

  RUN (NULL, &disable, "--disable", "moonshotai/kimi-k2", env->folder);
  g_assert_cmpint (disable.status, ==, 1);
  g_assert_nonnull (strstr (disable.err, "Project"));
  g_clear_pointer (&text, g_free);
  text = sb_test_read (local);
  g_assert_cmpstr (text, ==, "{\"availableModels\": []}\n");

  RUN (NULL, &project_disable, "--disable", "moonshotai/kimi-k2", "--layer", "project",
       env->folder);
  g_assert_cmpint (project_disable.status, ==, 0);
  g_assert_cmpstr (project_disable.err, ==, "");
  g_clear_pointer (&text, g_free);
  text = sb_test_read (project);
  g_assert_cmpstr (text, ==, "{\n  \"availableModels\": []\n}\n");
}

static void
test_cli_use_refuses_invalid (SbTestEnv     *env,
                              gconstpointer  data)
{
  static const char broken[] = "{\n  // mine\n  \"env\": {}\n}\n";
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_auto(Run) run = { 0 };

  sb_test_write (local, broken);
  RUN (NULL, &run, "--use", "openai/gpt-5", env->folder);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "does not parse"));
  g_assert_nonnull (strstr (run.err, "2:3"));

  after = sb_test_read (local);
  g_assert_cmpstr (after, ==, broken);
  versions = sb_history_list (local);
  g_assert_cmpuint (versions->len, ==, 0);
}

static void
test_cli_use_overridden (SbTestEnv     *env,
                         gconstpointer  data)
{
  g_autofree char *managed = g_build_filename (env->managed, "managed-settings.json", NULL);
  g_auto(Run) run = { 0 };

  sb_test_write (managed, "{\"env\": {\"ANTHROPIC_MODEL\": \"anthropic/claude-sonnet-4.5\"}}");
  RUN (NULL, &run, "--use", "openai/gpt-5", env->folder);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "Managed"));
  g_assert_nonnull (strstr (run.err, "anthropic/claude-sonnet-4.5"));
}

static void
test_cli_usage_errors (SbTestEnv     *env,
                       gconstpointer  data)
{
  const char *cases[][6] = {
    { "--json" },
    { "--layer", "user" },
    { "--status", "--use", "a/b" },
    { "--use", "" },
    { "--use", "a b" },
    { "--status", "--layer", "user" },
    { "--use", "a/b", "--layer", "managed" },
    { "--use", "a/b", "--layer", "everywhere" },
    { "--use", "a/b", "--json" },
    { "--bogus" },
    { "--status", env->folder, env->home },
    { "--status", "/nonexistent/folder" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("case %u: %s %s", i, cases[i][0], cases[i][1] ? cases[i][1] : "");
      run_signalbox (env->folder, &run, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, !=, "");
    }

  /* Nothing was written anywhere. */
  g_assert_false (g_file_test (env->state, G_FILE_TEST_EXISTS));
}

/* Behaves like Claude Code adding permission rules: read, change, write a temporary
 * file, rename it over the settings file; here hundreds of times a second, where Claude
 * Code writes when someone approves a tool. */
typedef struct
{
  char  *path;
  guint  rules;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autofree char *temp = g_strconcat (writer->path, ".tmp.writer", NULL);

  for (guint i = 0; i < writer->rules; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *rule = g_strdup_printf ("Bash(echo %u)", i);
      JsonObject *root;
      JsonObject *permissions;

      json_parser_load_from_file (parser, writer->path, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      if (!json_object_has_member (root, "permissions"))
        json_object_set_object_member (root, "permissions", json_object_new ());
      permissions = json_object_get_object_member (root, "permissions");
      if (!json_object_has_member (permissions, "allow"))
        json_object_set_array_member (permissions, "allow", json_array_new ());
      json_array_add_string_element (json_object_get_array_member (permissions, "allow"), rule);

      text = json_to_string (json_parser_get_root (parser), TRUE);
      g_file_set_contents_full (temp, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_rename (temp, writer->path), ==, 0);
      g_usleep (3000);
    }

  return NULL;
}

static void
test_cli_use_concurrent_writer (SbTestEnv     *env,
                                gconstpointer  data)
{
  g_autofree char *local = g_build_filename (env->folder, ".claude", "settings.local.json", NULL);
  Writer writer = { local, 300 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) last = { 0 };
  JsonArray *allow;
  guint switches = 0;

  sb_test_write (local, local_text);
  thread = g_thread_new ("writer", writer_thread, &writer);

  for (guint i = 0; i < 30; i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *model = g_strdup_printf ("vendor/model-%u", i);

      RUN (NULL, &run, "--use", model, env->folder);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      switches++;
    }
  g_thread_join (g_steal_pointer (&thread));

  RUN (NULL, &last, "--use", "vendor/final", env->folder);
  g_assert_cmpint (last.status, ==, 0);

  text = sb_test_read (local);
  root = sb_test_parse (text);
  allow = json_node_get_array (sb_json_pointer_get (root, "/permissions/allow"));

  /* The two rules that were there, and every one the writer added. */
  g_assert_cmpuint (json_array_get_length (allow), ==, 2 + writer.rules);
  for (guint i = 0; i < writer.rules; i++)
    {
      g_autofree char *rule = g_strdup_printf ("Bash(echo %u)", i);
      g_assert_cmpstr (json_array_get_string_element (allow, 2 + i), ==, rule);
    }
  g_assert_cmpstr (json_node_get_string (sb_json_pointer_get (root, "/model")),
                   ==, "vendor/final");
  g_assert_null (sb_json_pointer_get (root, "/env/ANTHROPIC_MODEL"));
  g_test_message ("%u model switches while %u rules were added", switches, writer.rules);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/signalbox/cli/status-json", test_cli_status_json);
  ADD_TEST ("/signalbox/cli/status-invalid", test_cli_status_invalid);
  ADD_TEST ("/signalbox/cli/use-limits", test_cli_use_limits);
  ADD_TEST ("/signalbox/cli/favourite", test_cli_favourite);
  ADD_TEST ("/signalbox/cli/enable", test_cli_enable);
  ADD_TEST ("/signalbox/cli/status-human", test_cli_status_human);
  ADD_TEST ("/signalbox/cli/use-minimal-diff", test_cli_use_minimal_diff);
  ADD_TEST ("/signalbox/cli/use-layers", test_cli_use_layers);
  ADD_TEST ("/signalbox/cli/use-refuses-invalid", test_cli_use_refuses_invalid);
  ADD_TEST ("/signalbox/cli/use-overridden", test_cli_use_overridden);
  ADD_TEST ("/signalbox/cli/usage-errors", test_cli_usage_errors);
  ADD_TEST ("/signalbox/cli/use-concurrent-writer", test_cli_use_concurrent_writer);

  return g_test_run ();
}
