/* sb-cli.c
 *
 * The terminal face: signalbox --status and --use here, --models in sb-cli-models.c and
 * --move-keys in sb-cli-keys.c. A front end over the core, as the window is. No display is
 * needed: this runs before GTK starts, so that it works over SSH and in scripts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-catalog.h"
#include "sb-claude-model.h"
#include "sb-cli.h"
#include "sb-cli-keys.h"
#include "sb-cli-costs.h"
#include "sb-cli-menu.h"
#include "sb-cli-models.h"
#include "sb-diagnostics.h"
#include "sb-json-edit.h"
#include "sb-key-store.h"
#include "sb-layer-stack.h"
#include "sb-paths.h"
#include "sb-secrets.h"

#define MAX_VALUE_WIDTH 60
#define MAX_POINTER_WIDTH 44

/* Options that the window's own command line (GApplication) handles. */
static const char * const window_options[] = {
  "-h", "--help", "--help-all", "--help-gapplication", "--version",
  "--gapplication-service",
  "--open-folder",
};

/**
 * sb_cli_handles:
 * @argv: the command line
 *
 * Returns: whether @argv asks for the terminal face rather than the window: any option
 *   but help, version and the ones GApplication needs
 */
gboolean
sb_cli_handles (char **argv)
{
  for (guint i = 1; argv[i] != NULL; i++)
    {
      gboolean window_option = FALSE;

      if (strcmp (argv[i], "--") == 0)
        return FALSE;

      if (argv[i][0] != '-')
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (window_options); j++)
        if (strcmp (argv[i], window_options[j]) == 0)
          window_option = TRUE;

      if (!window_option)
        return TRUE;
    }

  return FALSE;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *prgname = g_strdup (g_get_prgname ());

  g_printerr ("%s: %s\n", prgname != NULL ? prgname : "signalbox", message);
  g_printerr (_("Try “%s --help” for more information.\n"),
              prgname != NULL ? prgname : "signalbox");
  return SB_CLI_EXIT_FAILURE;
}

static char *
value_to_display (JsonNode *node)
{
  g_autofree char *text = sb_json_node_to_string (node);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= MAX_VALUE_WIDTH)
    return g_steal_pointer (&text);

  start = g_utf8_substring (text, 0, MAX_VALUE_WIDTH - 1);
  return g_strconcat (start, "…", NULL);
}

/* @node as shown: redacted as the value of the last member name of @pointer. */
static JsonNode *
redact_as_member (const char *pointer,
                  JsonNode   *node)
{
  g_auto(GStrv) tokens = sb_json_pointer_parse (pointer, NULL);
  guint n = tokens != NULL ? g_strv_length (tokens) : 0;

  return sb_secrets_redact_member (n > 0 ? tokens[n - 1] : NULL, node);
}

static void
print_padded (const char *text,
              guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_print ("%s", text);
  for (glong i = length; i < (glong) width; i++)
    g_print (" ");
}

static void
print_status_human (SbLayerStack  *stack,
                    SbClaudeModel *claude,
                    GPtrArray     *diagnostics)
{
  GPtrArray *layers = sb_layer_stack_get_layers (stack);
  GPtrArray *origins = sb_layer_stack_get_origins (stack);
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  guint title_width = 0;
  guint state_width = 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) pointers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row_pointers = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  guint pointer_width = 0;
  guint value_width = 0;
  g_autofree char *description = NULL;

  g_print ("%s %s\n\n", _("Folder:"), sb_layer_stack_get_folder (stack));

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      title_width = MAX (title_width, g_utf8_strlen (sb_scope_get_title (sb_layer_get_scope (layer)), -1));
      state_width = MAX (state_width, strlen (sb_layer_state_to_string (sb_layer_get_state (layer))));
    }

  g_print ("%s\n", _("Layers, lowest precedence first"));
  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (layer));

      g_print ("  ");
      print_padded (sb_scope_get_title (sb_layer_get_scope (layer)), title_width + 2);
      print_padded (sb_layer_state_to_string (sb_layer_get_state (layer)), state_width + 2);
      g_print ("%s\n", path);

      if (sb_layer_get_error (layer) != NULL)
        {
          g_autofree char *error = sb_secrets_redact_string (NULL, sb_layer_get_error (layer));

          print_padded ("", title_width + state_width + 6);
          g_print ("%s\n", error);
        }
      if (sb_layer_get_read_only_reason (layer) != NULL)
        {
          print_padded ("", title_width + state_width + 6);
          g_print ("%s\n", sb_layer_get_read_only_reason (layer));
        }
    }

  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);
      char *pointer = sb_secrets_redact_pointer (origin->pointer);

      pointer_width = MAX (pointer_width, g_utf8_strlen (pointer, -1));
      g_ptr_array_add (pointers, pointer);
    }
  pointer_width = MIN (pointer_width, MAX_POINTER_WIDTH);

  g_print ("\n%s\n", _("Effective settings"));
  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);
      JsonNode *node = sb_json_pointer_get (effective, origin->pointer);
      g_autoptr(JsonNode) shown = NULL;

      /* An object or array in an array is listed through its leaves. */
      if (node == NULL ||
          (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0) ||
          (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0))
        continue;

      shown = sb_secrets_redact_at (effective, origin->pointer);
      g_ptr_array_add (rows, origin);
      g_ptr_array_add (row_pointers, g_ptr_array_index (pointers, i));
      g_ptr_array_add (values, value_to_display (shown));
      value_width = MAX (value_width, g_utf8_strlen (g_ptr_array_index (values, values->len - 1), -1));
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const char *pointer = g_ptr_array_index (row_pointers, i);
      SbOrigin *origin = g_ptr_array_index (rows, i);

      g_print ("  ");
      print_padded (pointer, pointer_width + 2);
      print_padded (g_ptr_array_index (values, i), value_width + 2);
      g_print ("(%s)\n", sb_scope_get_title (origin->scope));
    }
  if (rows->len == 0)
    g_print ("  %s\n", _("Nothing is set: Claude Code uses its defaults."));

  description = sb_claude_model_describe (claude);
  g_print ("\n%s\n", description);

  g_print ("\n%s\n", _("Diagnostics"));
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      g_print ("  ");
      print_padded (sb_severity_to_string (diagnostic->severity), 9);
      g_print ("%s\n", diagnostic->message);
      if (diagnostic->layer != NULL || diagnostic->pointer != NULL)
        {
          g_autofree char *pointer = diagnostic->pointer != NULL
                                     ? sb_secrets_redact_pointer (diagnostic->pointer) : NULL;

          print_padded ("", 11);
          g_print ("%s%s%s\n",
                   diagnostic->layer != NULL
                   ? sb_scope_get_title (sb_layer_get_scope (diagnostic->layer)) : "",
                   diagnostic->layer != NULL && diagnostic->pointer != NULL ? " " : "",
                   pointer != NULL ? pointer : "");
        }
      if (diagnostic->fix != NULL)
        {
          print_padded ("", 11);
          /* Translators: %s says how to fix a problem, as the window's Fix button does */
          g_print (_("Fix: %s\n"), diagnostic->fix->description);
        }
    }
  if (diagnostics->len == 0)
    g_print ("  %s\n", _("No problems found."));
}

static const char *
fix_kind_to_string (SbFixKind kind)
{
  switch (kind)
    {
    case SB_FIX_EDIT:
      return "edit";
    case SB_FIX_GIT_EXCLUDE:
      return "git-exclude";
    case SB_FIX_CHMOD:
      return "chmod";
    case SB_FIX_REMOVE_BOM:
      return "remove-bom";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_fix_json (JsonBuilder *builder,
              SbFix       *fix)
{
  json_builder_set_member_name (builder, "fix");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, fix_kind_to_string (fix->kind));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, fix->description);

  if (fix->kind == SB_FIX_EDIT)
    {
      json_builder_set_member_name (builder, "scope");
      json_builder_add_string_value (builder, sb_scope_to_string (sb_layer_get_scope (fix->layer)));
      json_builder_set_member_name (builder, "operations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < fix->operations->len; i++)
        {
          SbFixOperation *operation = g_ptr_array_index (fix->operations, i);
          g_autofree char *pointer = sb_secrets_redact_pointer (operation->pointer);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "op");
          json_builder_add_string_value (builder, operation->value != NULL ? "set" : "remove");
          json_builder_set_member_name (builder, "pointer");
          json_builder_add_string_value (builder, pointer);
          if (operation->value != NULL)
            {
              json_builder_set_member_name (builder, "value");
              json_builder_add_value (builder,
                                      redact_as_member (operation->pointer, operation->value));
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, fix->path);
      if (fix->line != NULL)
        {
          json_builder_set_member_name (builder, "line");
          json_builder_add_string_value (builder, fix->line);
        }
    }

  json_builder_end_object (builder);
}

static void
print_status_json (SbLayerStack  *stack,
                   SbClaudeModel *claude,
                   GPtrArray     *diagnostics)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GPtrArray *layers = sb_layer_stack_get_layers (stack);
  GPtrArray *origins = sb_layer_stack_get_origins (stack);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "folder");
  json_builder_add_string_value (builder, sb_layer_stack_get_folder (stack));

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "scope");
      json_builder_add_string_value (builder, sb_scope_to_string (sb_layer_get_scope (layer)));
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, sb_layer_get_path (layer));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, sb_layer_state_to_string (sb_layer_get_state (layer)));
      if (sb_layer_get_state (layer) == SB_LAYER_STATE_INVALID ||
          sb_layer_get_state (layer) == SB_LAYER_STATE_UNREADABLE)
        {
          g_autofree char *error = sb_secrets_redact_string (NULL, sb_layer_get_error (layer));

          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, error);
        }
      if (sb_layer_get_read_only_reason (layer) != NULL)
        {
          json_builder_set_member_name (builder, "read-only");
          json_builder_add_string_value (builder, sb_layer_get_read_only_reason (layer));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "effective");
  json_builder_add_value (builder, sb_secrets_redact (sb_layer_stack_get_effective (stack)));

  json_builder_set_member_name (builder, "origin");
  json_builder_begin_object (builder);
  for (guint i = 0; i < origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (origins, i);
      g_autofree char *pointer = sb_secrets_redact_pointer (origin->pointer);

      json_builder_set_member_name (builder, pointer);
      json_builder_add_string_value (builder, sb_scope_to_string (origin->scope));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "claude");
  json_builder_add_value (builder, sb_claude_model_to_json (claude));

  json_builder_set_member_name (builder, "diagnostics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, sb_severity_to_string (diagnostic->severity));
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, diagnostic->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, diagnostic->message);
      if (diagnostic->layer != NULL)
        {
          json_builder_set_member_name (builder, "scope");
          json_builder_add_string_value (builder,
                                         sb_scope_to_string (sb_layer_get_scope (diagnostic->layer)));
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, sb_layer_get_path (diagnostic->layer));
        }
      if (diagnostic->pointer != NULL)
        {
          g_autofree char *pointer = sb_secrets_redact_pointer (diagnostic->pointer);

          json_builder_set_member_name (builder, "pointer");
          json_builder_add_string_value (builder, pointer);
        }
      if (diagnostic->fix != NULL)
        add_fix_json (builder, diagnostic->fix);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

typedef struct
{
  GMainLoop      *loop;
  SbKeyringState  keyring;
} StatusWait;

static void
catalog_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  StatusWait *wait = user_data;

  /* Without even the bundled list, the model checks are skipped. */
  sb_catalog_load_finish (SB_CATALOG (object), result, NULL);
  g_main_loop_quit (wait->loop);
}

static void
keyring_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  StatusWait *wait = user_data;

  wait->keyring = sb_diagnostics_lookup_keyring_finish (result);
  g_main_loop_quit (wait->loop);
}

/* The checks with the catalogue from the cache or the bundled list (never the network)
 * and, when apiKeyHelper is signalbox-key, the keyring's answer. */
static GPtrArray *
check_stack (SbLayerStack *stack)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autofree char *profile = sb_diagnostics_get_helper_profile (stack);
  StatusWait wait = { loop, SB_KEYRING_UNKNOWN };
  SbDiagnosticsContext context = { catalog, SB_KEYRING_UNKNOWN, NULL };

  sb_catalog_load_async (catalog, NULL, catalog_loaded_cb, &wait);
  g_main_loop_run (loop);

  if (profile != NULL)
    {
      sb_diagnostics_lookup_keyring_async (profile, NULL, keyring_cb, &wait);
      g_main_loop_run (loop);
      context.keyring = wait.keyring;
    }

  return sb_diagnostics_check_full (stack, &context);
}

static int
run_status (const char *folder,
            gboolean    json)
{
  g_autoptr(SbLayerStack) stack = sb_layer_stack_new (folder);
  g_autoptr(GPtrArray) diagnostics = check_stack (stack);
  g_autoptr(SbClaudeModel) claude = sb_claude_model_resolve (stack);

  if (json)
    print_status_json (stack, claude, diagnostics);
  else
    print_status_human (stack, claude, diagnostics);

  return sb_diagnostics_has_errors (diagnostics) ? SB_CLI_EXIT_PROBLEMS : SB_CLI_EXIT_OK;
}

/* The catalogue from the cache or the bundled list, never the network. */
static SbCatalog *
load_catalog (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  SbCatalog *catalog = sb_catalog_new ();
  StatusWait wait = { loop, SB_KEYRING_UNKNOWN };

  sb_catalog_load_async (catalog, NULL, catalog_loaded_cb, &wait);
  g_main_loop_run (loop);
  return catalog;
}

static void
print_switch (SbClaudeSwitch *done,
              const char     *model,
              SbScope         scope)
{
  g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (done->layer));

  /* Translators: the first %s is a model id, the second a layer, the third a file */
  g_print (_("model is now “%s” in the %s settings (%s).\n"),
           model, sb_scope_get_title (scope), path);
  if (done->moved)
    g_print ("%s\n", _("env.ANTHROPIC_MODEL was taken out of that file, so that /model "
                       "picks in Claude Code work again."));
  if (done->written.context > 0)
    /* Translators: %s is a variable name, then a number of tokens */
    g_print (_("%s is %" G_GINT64_FORMAT ", the window OpenRouter serves it with.\n"),
             SB_CLAUDE_ENV_MAX_CONTEXT, done->written.context);
  if (done->written.output > 0)
    /* Translators: %s is a variable name, then a number of tokens */
    g_print (_("%s is %" G_GINT64_FORMAT ", within what the model returns.\n"),
             SB_CLAUDE_ENV_MAX_OUTPUT, done->written.output);

  for (guint i = 0; i < done->kept->len; i++)
    /* Translators: %s is a variable such as CLAUDE_CODE_MAX_CONTEXT_TOKENS */
    g_printerr (_("Note: %s was written by hand and is kept; remove it to let Signalbox "
                  "set it for this model.\n"), (const char *) g_ptr_array_index (done->kept, i));

  if (done->in_env)
    g_printerr (_("Note: a lower layer sets ANTHROPIC_MODEL, which outranks “model” in every "
                  "layer, so the model is set as ANTHROPIC_MODEL here; Claude Code’s /model "
                  "picks will not stick in this folder until that one is moved.\n"));

  if (done->shadowed != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), done->shadowed);
      g_autoptr(JsonNode) redacted = sb_secrets_redact_member ("ANTHROPIC_MODEL", node);
      g_autofree char *shown = value_to_display (redacted);

      /* Translators: the first %s is a layer, the second a model id */
      g_printerr (_("Note: the %s settings set ANTHROPIC_MODEL to %s, which takes "
                    "precedence, so claude uses that model in this folder.\n"),
                  sb_scope_get_title (done->shadowed_scope), shown);
    }
}

static int
run_use (const char *folder,
         const char *model,
         SbScope     scope)
{
  g_autoptr(SbLayerStack) stack = sb_layer_stack_new (folder);
  g_autoptr(SbCatalog) catalog = load_catalog ();
  g_autoptr(SbClaudeSwitch) done = NULL;
  g_autoptr(GError) error = NULL;

  if (!sb_claude_model_use (stack, catalog, model, scope, &done, &error))
    {
      g_printerr ("%s\n", error->message);
      return SB_CLI_EXIT_FAILURE;
    }

  print_switch (done, model, scope);
  return SB_CLI_EXIT_OK;
}

/**
 * sb_cli_main:
 * @argv: the command line, %NULL-terminated
 *
 * Runs `signalbox --status [--json] [FOLDER]`,
 * `signalbox --use MODEL [--layer local|project|user] [FOLDER]`,
 * `signalbox --models [--json] [--tools] [--free] [--search TEXT]`,
 * `signalbox --move-keys [--profile NAME] [FOLDER]`,
 * `signalbox --favourite MODEL`, `signalbox --unfavourite MODEL`, or
 * `signalbox --enable MODEL [--layer local|project|user] [FOLDER]` (and `--disable`).
 *
 * Returns: the exit status: 0 fine, 1 an error-level diagnostic, 2 bad usage or an
 *   input/output failure
 */
int
sb_cli_main (char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  g_auto(GStrv) folders = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *model = NULL;
  g_autofree char *layer_name = NULL;
  g_autofree char *search = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *favourite = NULL;
  g_autofree char *unfavourite = NULL;
  g_autofree char *enable = NULL;
  g_autofree char *disable = NULL;
  gboolean status = FALSE;
  gboolean models = FALSE;
  gboolean costs = FALSE;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  gboolean move_keys = FALSE;
  gboolean tools_only = FALSE;
  gboolean free_only = FALSE;
  gboolean json = FALSE;
  SbScope scope = SB_SCOPE_LOCAL;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_NONE, &status,
      N_("Show the settings layers, the effective settings with their origins, "
         "and diagnostics"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("With --status or --models: print JSON"), NULL },
    { "use", 0, 0, G_OPTION_ARG_STRING, &model,
      N_("Set the folder’s model to MODEL, with the limits Claude Code cannot know for it"), N_("MODEL") },
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer_name,
      N_("With --use, --enable or --disable: the layer to write, local (default), project "
         "or user"), N_("LAYER") },
    { "models", 0, 0, G_OPTION_ARG_NONE, &models,
      N_("List OpenRouter’s models (from the cache, else the network, else the list "
         "built into Signalbox)"), NULL },
    { "tools", 0, 0, G_OPTION_ARG_NONE, &tools_only,
      N_("With --models: only models that take tools"), NULL },
    { "free", 0, 0, G_OPTION_ARG_NONE, &free_only,
      N_("With --models: only free models"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("With --models: only models whose id or name contains every word of TEXT"),
      N_("TEXT") },
    { "move-keys", 0, 0, G_OPTION_ARG_NONE, &move_keys,
      N_("Move the OpenRouter keys written in plain text in the folder’s settings and the "
         "User settings into the keyring, and out of the history of earlier versions"),
      NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("With --move-keys: the key profile to store them as (default: “default”)"),
      N_("NAME") },
    { "costs", 0, 0, G_OPTION_ARG_NONE, &costs,
      N_("Show what the folder spent, per model, from Claude Code’s transcripts, priced "
         "with OpenRouter’s list"), NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("With --costs: the first day (default: 30 days ago)"), N_("YYYY-MM-DD") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until,
      N_("With --costs: the last day (default: today)"), N_("YYYY-MM-DD") },
    { "favourite", 0, 0, G_OPTION_ARG_STRING, &favourite,
      N_("Star MODEL, which also makes it a row of /model in Claude Code"), N_("MODEL") },
    { "unfavourite", 0, 0, G_OPTION_ARG_STRING, &unfavourite,
      N_("Take the star off MODEL, and its row out of /model"), N_("MODEL") },
    { "enable", 0, 0, G_OPTION_ARG_STRING, &enable,
      N_("Let /model offer MODEL in the folder: add it to availableModels"), N_("MODEL") },
    { "disable", 0, 0, G_OPTION_ARG_STRING, &disable,
      N_("Take MODEL out of the folder’s availableModels"), N_("MODEL") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &folders, NULL, N_("[FOLDER]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Show and change how Claude Code is set up in FOLDER "
                                  "(the current folder by default)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, error->message);

  if (status + (model != NULL) + models + move_keys + costs + (favourite != NULL) +
      (unfavourite != NULL) + (enable != NULL) + (disable != NULL) != 1)
    return usage_error (context, _("Give one of --status, --use MODEL, --models, "
                                   "--move-keys, --costs, --favourite MODEL, "
                                   "--unfavourite MODEL, --enable MODEL or --disable MODEL"));

  if ((since != NULL || until != NULL) && !costs)
    return usage_error (context, _("--since and --until go with --costs"));

  if (profile != NULL && !move_keys)
    return usage_error (context, _("--profile goes with --move-keys"));

  if (profile != NULL && !sb_key_store_check_profile (profile, &error))
    return usage_error (context, error->message);

  if (json && !status && !models && !costs)
    return usage_error (context, _("--json goes with --status, --models or --costs"));

  if ((tools_only || free_only || search != NULL) && !models)
    return usage_error (context, _("--tools, --free and --search go with --models"));

  if (models && folders != NULL)
    return usage_error (context, _("--models takes no FOLDER"));

  if (models)
    return sb_cli_models_run (json, tools_only, free_only, search);

  if (layer_name != NULL && model == NULL && enable == NULL && disable == NULL)
    return usage_error (context, _("--layer goes with --use, --enable or --disable"));

  if ((favourite != NULL || unfavourite != NULL) && folders != NULL)
    return usage_error (context, _("--favourite and --unfavourite take no FOLDER"));

  if (favourite != NULL || unfavourite != NULL)
    {
      const char *id = favourite != NULL ? favourite : unfavourite;

      if (!sb_model_id_is_valid (id))
        return usage_error (context, _("MODEL must be a model id such as "
                                       "anthropic/claude-sonnet-4.5"));
      return sb_cli_menu_favourite (id, favourite != NULL);
    }

  if (layer_name != NULL &&
      (!sb_scope_from_string (layer_name, &scope) || scope == SB_SCOPE_MANAGED))
    return usage_error (context, _("--layer must be local, project or user"));

  if (enable != NULL || disable != NULL)
    model = g_strdup (enable != NULL ? enable : disable);

  if (model != NULL && !sb_model_id_is_valid (model))
    return usage_error (context, _("MODEL must be a model id such as "
                                   "anthropic/claude-sonnet-4.5"));

  if (folders != NULL && g_strv_length (folders) > 1)
    return usage_error (context, _("Give at most one FOLDER"));

  folder = sb_paths_resolve_folder (folders != NULL ? folders[0] : ".", &error);
  if (folder == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SB_CLI_EXIT_FAILURE;
    }

  if (status)
    return run_status (folder, json);

  if (costs)
    return sb_cli_costs_run (folder, json, since, until);

  if (move_keys)
    return sb_cli_keys_move (folder, profile);

  if (enable != NULL || disable != NULL)
    return sb_cli_menu_enable (folder, model, scope, enable != NULL);

  return run_use (folder, model, scope);
}
