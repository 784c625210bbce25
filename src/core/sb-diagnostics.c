/* sb-diagnostics.c
 *
 * What would go wrong when claude starts in a folder, and how to fix it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-claude-model.h"
#include "sb-diagnostics.h"
#include "sb-git.h"
#include "sb-json-edit.h"
#include "sb-key-store.h"
#include "sb-paths.h"
#include "sb-routing.h"
#include "sb-secrets.h"

#define OPENROUTER_BASE_URL "https://openrouter.ai/api"

G_DEFINE_QUARK (sb-diagnostics-error-quark, sb_diagnostics_error)

/* Known keys */

typedef enum
{
  KEY_STRING,
  KEY_BOOLEAN,
  KEY_NUMBER,
  KEY_INTEGER,
  KEY_ARRAY,
  KEY_OBJECT,
} KeyType;

typedef struct
{
  const char *pointer;
  KeyType     type;
  const char *values;  /* the allowed strings, separated by |, or NULL for any */
} KnownKey;

/* Our own table of the common keys of Claude Code's settings, their types and the values
 * they allow, after the public schema. Keys not listed here are not checked. */
static const KnownKey known_keys[] = {
  { "/advisorModel", KEY_STRING, NULL },
  { "/agent", KEY_STRING, NULL },
  { "/alwaysThinkingEnabled", KEY_BOOLEAN, NULL },
  { "/apiKeyHelper", KEY_STRING, NULL },
  { "/attribution", KEY_OBJECT, NULL },
  { "/attribution/commit", KEY_STRING, NULL },
  { "/attribution/pr", KEY_STRING, NULL },
  { "/autoMemoryEnabled", KEY_BOOLEAN, NULL },
  { "/autoCompactWindow", KEY_INTEGER, NULL },
  { "/autoUpdatesChannel", KEY_STRING, "stable|latest|rc" },
  { "/availableModels", KEY_ARRAY, NULL },
  { "/awsAuthRefresh", KEY_STRING, NULL },
  { "/awsCredentialExport", KEY_STRING, NULL },
  { "/cleanupPeriodDays", KEY_INTEGER, NULL },
  { "/defaultShell", KEY_STRING, "bash|powershell" },
  { "/disableAllHooks", KEY_BOOLEAN, NULL },
  { "/disabledMcpjsonServers", KEY_ARRAY, NULL },
  { "/effortLevel", KEY_STRING, "low|medium|high|xhigh" },
  { "/enableAllProjectMcpServers", KEY_BOOLEAN, NULL },
  { "/enabledMcpjsonServers", KEY_ARRAY, NULL },
  { "/enabledPlugins", KEY_OBJECT, NULL },
  { "/enforceAvailableModels", KEY_BOOLEAN, NULL },
  { "/env", KEY_OBJECT, NULL },
  { "/fastMode", KEY_BOOLEAN, NULL },
  { "/feedbackSurveyRate", KEY_NUMBER, NULL },
  { "/forceLoginMethod", KEY_STRING, "claudeai|console|gateway" },
  { "/hooks", KEY_OBJECT, NULL },
  { "/includeCoAuthoredBy", KEY_BOOLEAN, NULL },
  { "/includeGitInstructions", KEY_BOOLEAN, NULL },
  { "/language", KEY_STRING, NULL },
  { "/maxEffortLevel", KEY_STRING, NULL },
  { "/minimumVersion", KEY_STRING, NULL },
  { "/model", KEY_STRING, NULL },
  { "/modelOverrides", KEY_OBJECT, NULL },
  { "/modelPicker", KEY_OBJECT, NULL },
  { "/modelPicker/options", KEY_ARRAY, NULL },
  { "/modelPicker/replaceBuiltInOptions", KEY_BOOLEAN, NULL },
  { "/modelPricing", KEY_OBJECT, NULL },
  { "/otelHeadersHelper", KEY_STRING, NULL },
  { "/outputStyle", KEY_STRING, NULL },
  { "/permissions", KEY_OBJECT, NULL },
  { "/permissions/additionalDirectories", KEY_ARRAY, NULL },
  { "/permissions/allow", KEY_ARRAY, NULL },
  { "/permissions/ask", KEY_ARRAY, NULL },
  { "/permissions/defaultMode", KEY_STRING,
    "acceptEdits|auto|bypassPermissions|default|dontAsk|plan" },
  { "/permissions/deny", KEY_ARRAY, NULL },
  { "/permissions/disableBypassPermissionsMode", KEY_STRING, "disable" },
  { "/plansDirectory", KEY_STRING, NULL },
  { "/prefersReducedMotion", KEY_BOOLEAN, NULL },
  { "/respectGitignore", KEY_BOOLEAN, NULL },
  { "/sandbox", KEY_OBJECT, NULL },
  { "/sandbox/enabled", KEY_BOOLEAN, NULL },
  { "/showTurnDuration", KEY_BOOLEAN, NULL },
  { "/spinnerTipsEnabled", KEY_BOOLEAN, NULL },
  { "/statusLine", KEY_OBJECT, NULL },
  { "/statusLine/command", KEY_STRING, NULL },
  { "/statusLine/padding", KEY_NUMBER, NULL },
  { "/statusLine/type", KEY_STRING, NULL },
  { "/teammateMode", KEY_STRING, "auto|in-process|tmux|iterm2" },
};

/* Keys Claude Code 2.1.332 no longer reads, or reads under another name
 * (docs/claude-code-models.md): what to say, and whether the value can simply go. */
static const struct
{
  const char *pointer;
  const char *instead;  /* the key to use now, or NULL when it is just gone */
} retired_keys[] = {
  { "/teammateDefaultModel", NULL },
  { "/includeCoAuthoredBy", "attribution" },
};

/* Only managed settings may set these; Claude Code warns about them anywhere else. */
static const char * const managed_only_keys[] = {
  "/availableModelsMatch", "/deniedModels",
};

/* The keys that name a model; /model first, since ANTHROPIC_MODEL shadows it. */
static const char * const model_pointers[] = {
  "/model",
  "/env/ANTHROPIC_MODEL",
  "/env/ANTHROPIC_DEFAULT_OPUS_MODEL",
  "/env/ANTHROPIC_DEFAULT_SONNET_MODEL",
  "/env/ANTHROPIC_DEFAULT_HAIKU_MODEL",
  "/env/ANTHROPIC_DEFAULT_FABLE_MODEL",
  "/env/ANTHROPIC_DEFAULT_MODEL",
  "/env/ANTHROPIC_SMALL_FAST_MODEL",
  "/env/CLAUDE_CODE_SUBAGENT_MODEL",
};

/* Suffixes that OpenRouter accepts after any model id without listing them. */
static const char * const routing_variants[] = {
  "nitro", "floor", "exacto", "thinking", "online",
};

const char *
sb_severity_to_string (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR:
      return "error";
    case SB_SEVERITY_WARNING:
      return "warning";
    case SB_SEVERITY_INFO:
      return "info";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
fix_operation_free (SbFixOperation *operation)
{
  g_free (operation->pointer);
  g_clear_pointer (&operation->value, json_node_unref);
  g_free (operation);
}

void
sb_fix_free (SbFix *fix)
{
  if (fix == NULL)
    return;

  g_free (fix->description);
  g_clear_object (&fix->layer);
  g_clear_pointer (&fix->operations, g_ptr_array_unref);
  g_free (fix->path);
  g_free (fix->line);
  g_free (fix);
}

void
sb_diagnostic_free (SbDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;

  g_free (diagnostic->code);
  g_free (diagnostic->message);
  g_clear_object (&diagnostic->layer);
  g_free (diagnostic->pointer);
  g_clear_pointer (&diagnostic->fix, sb_fix_free);
  g_free (diagnostic);
}

G_GNUC_PRINTF (6, 7)
static SbDiagnostic *
add (GPtrArray  *diagnostics,
     SbSeverity  severity,
     const char *code,
     SbLayer    *layer,
     const char *pointer,
     const char *format,
     ...)
{
  SbDiagnostic *diagnostic = g_new0 (SbDiagnostic, 1);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages quote values (a helper command that does not parse, a value of the wrong
   * type): hidden here, so that no face that shows them can show a key. */
  diagnostic->message = sb_secrets_redact_string (NULL, message);

  diagnostic->severity = severity;
  diagnostic->code = g_strdup (code);
  diagnostic->layer = layer != NULL ? g_object_ref (layer) : NULL;
  diagnostic->pointer = g_strdup (pointer);
  g_ptr_array_add (diagnostics, diagnostic);
  return diagnostic;
}

/* An edit fix on @layer, or NULL when the layer is not ours to write. */
static SbFix *
edit_fix_new (SbLayer    *layer,
              const char *description)
{
  SbFix *fix;

  if (layer == NULL || sb_layer_get_read_only (layer))
    return NULL;

  fix = g_new0 (SbFix, 1);
  fix->kind = SB_FIX_EDIT;
  fix->description = sb_secrets_redact_string (NULL, description);
  fix->layer = g_object_ref (layer);
  fix->operations = g_ptr_array_new_with_free_func ((GDestroyNotify) fix_operation_free);
  return fix;
}

/* Takes @value. */
static void
fix_add_operation (SbFix      *fix,
                   const char *pointer,
                   JsonNode   *value)
{
  SbFixOperation *operation = g_new0 (SbFixOperation, 1);

  operation->pointer = g_strdup (pointer);
  operation->value = value;
  g_ptr_array_add (fix->operations, operation);
}

static JsonNode *
string_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* The layer the effective value at @pointer comes from. */
static SbLayer *
origin_layer (SbLayerStack *stack,
              const char   *pointer)
{
  SbScope scope;

  if (!sb_layer_stack_lookup_origin (stack, pointer, &scope))
    return NULL;

  return sb_layer_stack_get_layer (stack, scope);
}

static const char *
layer_title (SbLayer *layer)
{
  return sb_scope_get_title (sb_layer_get_scope (layer));
}

/* Schema: env */

/**
 * sb_diagnostics_is_env_name:
 * @name: a name under env
 *
 * The one rule for a variable name, used by the diagnostics and by the window's Add row:
 * capital letters, digits and _, not starting with a digit.
 *
 * Returns: whether Claude Code takes @name as an environment variable
 */
gboolean
sb_diagnostics_is_env_name (const char *name)
{
  if (!(g_ascii_isupper (name[0]) || name[0] == '_'))
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!(g_ascii_isupper (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;

  return TRUE;
}

static void
check_env (GPtrArray *diagnostics,
           SbLayer   *layer)
{
  JsonNode *env = sb_json_pointer_get (sb_layer_get_root (layer), "/env");
  const char *title = layer_title (layer);
  g_autoptr(GList) names = NULL;

  if (env == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (env))
    {
      add (diagnostics, SB_SEVERITY_ERROR, "env-not-object", layer, "/env",
           /* Translators: %s is a settings layer: User, Project, Local or Managed */
           _("“env” in the %s settings must be an object of variables; "
             "Claude Code may ignore it"), title);
      return;
    }

  names = json_object_get_members (json_node_get_object (env));
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (json_node_get_object (env), name);
      g_autofree char *pointer = sb_json_pointer_append ("/env", name);

      if (!sb_diagnostics_is_env_name (name))
        add (diagnostics, SB_SEVERITY_ERROR, "env-name-invalid", layer, pointer,
             /* Translators: the first %s is a variable name, the second a layer */
             _("“%s” in the %s settings is not a valid environment variable name "
               "(capital letters, digits and _ only); Claude Code may skip the file"),
             name, title);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          SbDiagnostic *diagnostic;

          diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "env-not-string", layer, pointer,
                            /* Translators: the first %s is a variable name, the second a
                             * layer */
                            _("%s in the %s settings must be a string, in quotes; "
                              "Claude Code may skip the file"),
                            name, title);

          /* A number or a true/false says what it means: the same text in quotes. */
          if (JSON_NODE_HOLDS_VALUE (value))
            {
              g_autofree char *text = sb_json_node_to_string (value);
              g_autofree char *description = NULL;

              /* A number is no shape: under a secret name it is hidden by the name. */
              if (sb_secrets_is_secret_name (name))
                description = g_strdup (_("Put the value in quotes"));
              else
                /* Translators: %s is a value, such as 8000 or true */
                description = g_strdup_printf (_("Put %s in quotes"), text);
              diagnostic->fix = edit_fix_new (layer, description);
              if (diagnostic->fix != NULL)
                fix_add_operation (diagnostic->fix, pointer, string_node (text));
            }
        }
    }
}

/* Schema: known keys */

static gboolean
has_type (JsonNode *node,
          KeyType   type)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_NONE;

  switch (type)
    {
    case KEY_STRING:
      return value_type == G_TYPE_STRING;
    case KEY_BOOLEAN:
      return value_type == G_TYPE_BOOLEAN;
    case KEY_NUMBER:
      return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
    case KEY_INTEGER:
      return value_type == G_TYPE_INT64;
    case KEY_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case KEY_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static const char *
type_to_words (KeyType type)
{
  switch (type)
    {
    case KEY_STRING:
      return _("a string, in quotes");
    case KEY_BOOLEAN:
      return _("true or false");
    case KEY_NUMBER:
      return _("a number");
    case KEY_INTEGER:
      return _("a whole number");
    case KEY_ARRAY:
      return _("a list, in [ ]");
    case KEY_OBJECT:
      return _("an object, in { }");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The value of the right type that a string of the wrong type clearly means, or NULL. */
static JsonNode *
coerce (JsonNode *node,
        KeyType   type)
{
  const char *text;
  char *end = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      if (type == KEY_STRING && JSON_NODE_HOLDS_VALUE (node))
        {
          g_autofree char *shown = sb_json_node_to_string (node);

          return string_node (shown);
        }
      return NULL;
    }

  text = json_node_get_string (node);
  switch (type)
    {
    case KEY_BOOLEAN:
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        return json_node_init_boolean (json_node_alloc (), g_str_equal (text, "true"));
      return NULL;

    case KEY_INTEGER:
      {
        gint64 number;

        errno = 0;
        number = g_ascii_strtoll (text, &end, 10);
        if (text[0] != '\0' && *end == '\0' && errno == 0)
          return json_node_init_int (json_node_alloc (), number);
        return NULL;
      }

    case KEY_NUMBER:
      {
        double number;

        errno = 0;
        number = g_ascii_strtod (text, &end);
        if (text[0] != '\0' && *end == '\0' && errno == 0 && isfinite (number))
          return json_node_init_double (json_node_alloc (), number);
        return NULL;
      }

    case KEY_STRING:
    case KEY_ARRAY:
    case KEY_OBJECT:
    default:
      return NULL;
    }
}

static void
check_known_keys (GPtrArray *diagnostics,
                  SbLayer   *layer)
{
  JsonNode *root = sb_layer_get_root (layer);
  const char *title = layer_title (layer);

  for (guint i = 0; i < G_N_ELEMENTS (known_keys); i++)
    {
      const KnownKey *key = &known_keys[i];
      JsonNode *node = sb_json_pointer_get (root, key->pointer);
      const char *name = strrchr (key->pointer, '/') + 1;

      /* /env has checks of its own. */
      if (node == NULL || g_str_equal (key->pointer, "/env"))
        continue;

      if (!has_type (node, key->type))
        {
          SbDiagnostic *diagnostic;
          JsonNode *value;

          diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "schema-type", layer, key->pointer,
                            /* Translators: the first %s is a setting, the second a layer,
                             * the third a kind of value, such as "true or false" */
                            _("“%s” in the %s settings must be %s; Claude Code may skip "
                              "the file"),
                            name, title, type_to_words (key->type));

          value = coerce (node, key->type);
          if (value != NULL)
            {
              g_autofree char *shown = sb_json_node_to_string (value);
              g_autofree char *description = NULL;

              /* Translators: the first %s is a setting, the second its new value */
              description = g_strdup_printf (_("Set “%s” to %s"), name, shown);
              diagnostic->fix = edit_fix_new (layer, description);
              if (diagnostic->fix != NULL)
                fix_add_operation (diagnostic->fix, key->pointer, g_steal_pointer (&value));
              g_clear_pointer (&value, json_node_unref);
            }
          continue;
        }

      if (key->values != NULL)
        {
          g_auto(GStrv) values = g_strsplit (key->values, "|", -1);
          const char *text = json_node_get_string (node);

          if (!g_strv_contains ((const char * const *) values, text))
            {
              g_autofree char *allowed = g_strjoinv (", ", values);

              add (diagnostics, SB_SEVERITY_ERROR, "schema-enum", layer, key->pointer,
                   /* Translators: the first %s is a setting, the second a layer, the third
                    * the value found, the last the values allowed */
                   _("“%s” in the %s settings cannot be “%s”; Claude Code accepts %s"),
                   name, title, text, allowed);
            }
        }
    }
}

/* What Claude Code of SB_CLAUDE_CODE_VERSION reads, and how, that older lists did not know. */
static void
check_claude_keys (GPtrArray *diagnostics,
                   SbLayer   *layer)
{
  JsonNode *root = sb_layer_get_root (layer);
  SbScope scope = sb_layer_get_scope (layer);
  const char *title = layer_title (layer);
  const char *text;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (retired_keys); i++)
    {
      const char *name = retired_keys[i].pointer + 1;
      SbDiagnostic *diagnostic;

      if (sb_json_pointer_get (root, retired_keys[i].pointer) == NULL)
        continue;

      if (retired_keys[i].instead != NULL)
        {
          add (diagnostics, SB_SEVERITY_INFO, "key-deprecated", layer, retired_keys[i].pointer,
               /* Translators: the first %s is a setting, the second a layer, the third the
                * setting that replaces it */
               _("“%s” in the %s settings is deprecated; Claude Code %s reads “%s” instead "
                 "when both are set"), name, title, SB_CLAUDE_CODE_VERSION,
               retired_keys[i].instead);
          continue;
        }

      diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "key-removed", layer,
                        retired_keys[i].pointer,
                        /* Translators: the first %s is a setting, the second a layer, the
                         * third a version */
                        _("“%s” in the %s settings is no longer read by Claude Code %s"),
                        name, title, SB_CLAUDE_CODE_VERSION);
      {
        /* Translators: %s is a setting */
        g_autofree char *description = g_strdup_printf (_("Remove “%s”"), name);

        diagnostic->fix = edit_fix_new (layer, description);
        if (diagnostic->fix != NULL)
          fix_add_operation (diagnostic->fix, retired_keys[i].pointer, NULL);
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (managed_only_keys) && scope != SB_SCOPE_MANAGED; i++)
    if (sb_json_pointer_get (root, managed_only_keys[i]) != NULL)
      add (diagnostics, SB_SEVERITY_WARNING, "key-managed-only", layer, managed_only_keys[i],
           /* Translators: the first %s is a setting, the second a layer */
           _("“%s” is honoured only in managed settings; Claude Code ignores it in the %s "
             "settings"), managed_only_keys[i] + 1, title);

  if ((scope == SB_SCOPE_PROJECT || scope == SB_SCOPE_LOCAL) &&
      sb_json_pointer_get (root, "/modelPicker") != NULL)
    add (diagnostics, SB_SEVERITY_WARNING, "model-picker-ignored", layer, "/modelPicker",
         /* Translators: %s is a layer */
         _("Claude Code reads modelPicker only from the User and managed settings: the rows "
           "in the %s settings are not shown by /model"), title);

  text = sb_layer_get_text (layer, &length);
  if (text != NULL && length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      SbDiagnostic *diagnostic;

      diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "file-bom", layer, NULL,
                        /* Translators: %s is a layer */
                        _("The %s settings file starts with a byte-order mark: Claude Code’s "
                          "command line reads it, but Claude Desktop ignores the whole file"),
                        title);
      if (!sb_layer_get_read_only (layer))
        {
          diagnostic->fix = g_new0 (SbFix, 1);
          diagnostic->fix->kind = SB_FIX_REMOVE_BOM;
          diagnostic->fix->description = g_strdup (_("Remove the byte-order mark"));
          diagnostic->fix->path = g_strdup (sb_layer_get_path (layer));
        }
    }
}

/* Routing */

static gboolean
points_at_openrouter (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return strstr (url, "openrouter.ai") != NULL;

  return g_ascii_strcasecmp (host, "openrouter.ai") == 0 ||
         g_str_has_suffix (host, ".openrouter.ai");
}

static void
check_base_url (GPtrArray    *diagnostics,
                SbLayerStack *stack,
                const char   *url)
{
  SbLayer *layer = origin_layer (stack, "/env/ANTHROPIC_BASE_URL");
  SbDiagnostic *diagnostic;
  g_autofree char *description = NULL;

  if (g_str_equal (url, OPENROUTER_BASE_URL))
    return;

  diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "base-url-openrouter", layer,
                    "/env/ANTHROPIC_BASE_URL",
                    /* Translators: the first %s is a web address, the second the right one */
                    _("ANTHROPIC_BASE_URL is “%s”; for OpenRouter it must be exactly “%s”, "
                      "since Claude Code adds /v1/messages itself"),
                    url, OPENROUTER_BASE_URL);

  /* Translators: %s is a web address */
  description = g_strdup_printf (_("Set ANTHROPIC_BASE_URL to %s"), OPENROUTER_BASE_URL);
  diagnostic->fix = edit_fix_new (layer, description);
  if (diagnostic->fix != NULL)
    fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_BASE_URL",
                       string_node (OPENROUTER_BASE_URL));
}

static char *
expand_home (const char *word)
{
  g_autofree char *home = NULL;

  if (!g_str_equal (word, "~") && !g_str_has_prefix (word, "~/"))
    return g_strdup (word);

  home = sb_paths_get_home_dir ();
  return g_strconcat (home, word + 1, NULL);
}

/* Whether the program that starts @command can be found, as /bin/sh would in @folder.
 * TRUE when it cannot be told (a variable, an assignment, a shell construct). */
static gboolean
program_exists (const char  *program,
                const char  *folder)
{
  g_autofree char *expanded = NULL;
  g_autofree char *found = NULL;

  if (strpbrk (program, "$`=(){}|;&<>") != NULL)
    return TRUE;

  expanded = expand_home (program);
  if (strchr (expanded, '/') != NULL)
    {
      g_autofree char *path = g_path_is_absolute (expanded)
                              ? g_strdup (expanded)
                              : g_build_filename (folder, expanded, NULL);

      return g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) &&
             !g_file_test (path, G_FILE_TEST_IS_DIR);
    }

  found = g_find_program_in_path (expanded);
  return found != NULL;
}

/**
 * sb_diagnostics_get_helper_profile:
 * @stack: a folder's layers
 *
 * Returns: (transfer full) (nullable): the keyring profile whose key the effective
 *   apiKeyHelper asks signalbox-key for, or %NULL when the helper is not signalbox-key
 */
char *
sb_diagnostics_get_helper_profile (SbLayerStack *stack)
{
  const char *helper = sb_json_pointer_get_string (sb_layer_stack_get_effective (stack), "/apiKeyHelper");
  char *profile = NULL;

  if (!sb_routing_parse_helper_command (helper, &profile))
    return NULL;

  return profile;
}

static void
check_helper (GPtrArray            *diagnostics,
              SbLayerStack         *stack,
              SbDiagnosticsContext *context,
              const char           *helper)
{
  SbLayer *layer = origin_layer (stack, "/apiKeyHelper");
  g_auto(GStrv) argv = NULL;
  g_autofree char *profile = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_shell_parse_argv (helper, NULL, &argv, &error))
    {
      add (diagnostics, SB_SEVERITY_ERROR, "helper-invalid", layer, "/apiKeyHelper",
           /* Translators: %s says why, from the shell parser */
           _("apiKeyHelper is not a command the shell can run (%s)"), error->message);
      return;
    }

  /* In our sandbox, the host's flatpak, which runs the helper, is out of sight. */
  if (!(sb_routing_in_flatpak () && g_str_equal (argv[0], "flatpak")) &&
      !program_exists (argv[0], sb_layer_stack_get_folder (stack)))
    add (diagnostics, SB_SEVERITY_ERROR, "helper-not-found", layer, "/apiKeyHelper",
         /* Translators: %s is a program name or path */
         _("apiKeyHelper runs “%s”, which does not exist or cannot be run, so Claude Code "
           "gets no key"), argv[0]);

  if (!sb_routing_parse_helper_command (helper, &profile))
    return;

  if (context->keyring == SB_KEYRING_ABSENT)
    add (diagnostics, SB_SEVERITY_ERROR, "helper-no-key", layer, "/apiKeyHelper",
         /* Translators: %s is a keyring profile name, such as “default” */
         _("No OpenRouter key is stored in the keyring for the profile “%s”, so "
           "signalbox-key has nothing to give Claude Code"), profile);
  else if (context->keyring == SB_KEYRING_UNAVAILABLE)
    add (diagnostics, SB_SEVERITY_WARNING, "keyring-unavailable", layer, "/apiKeyHelper",
         /* Translators: %s is a keyring profile name */
         _("The keyring did not answer, so it is not known whether a key is stored for the "
           "profile “%s”"), profile);
}

/* The key that signalbox-key gives Claude Code goes wherever ANTHROPIC_BASE_URL points,
 * or to Anthropic when nothing sets it: anywhere but OpenRouter, the keyring's key leaks. A
 * base URL on OpenRouter's host but not exactly right is check_base_url()'s. */
static void
check_key_destination (GPtrArray    *diagnostics,
                       SbLayerStack *stack,
                       const char   *url,
                       const char   *helper)
{
  g_autoptr(GUri) uri = NULL;
  const char *host = NULL;
  SbLayer *layer;
  SbDiagnostic *diagnostic;
  g_autofree char *description = NULL;

  if (!sb_routing_parse_helper_command (helper, NULL))
    return;

  if (url != NULL)
    {
      uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      host = uri != NULL ? g_uri_get_host (uri) : NULL;
      if (host != NULL && host[0] != '\0' &&
          (g_ascii_strcasecmp (host, "openrouter.ai") == 0 ||
           g_str_has_suffix (host, ".openrouter.ai")))
        return;
    }

  if (url == NULL)
    {
      layer = origin_layer (stack, "/apiKeyHelper");
      diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "key-sent-elsewhere", layer,
                        "/apiKeyHelper",
                        /* Translators: %s is a layer, such as “User” */
                        _("No settings set ANTHROPIC_BASE_URL, so Claude Code sends your "
                          "OpenRouter key, which the %s settings take from the keyring, to "
                          "Anthropic (api.anthropic.com)"),
                        layer != NULL ? layer_title (layer) : "?");
    }
  else
    {
      layer = origin_layer (stack, "/env/ANTHROPIC_BASE_URL");
      diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "key-sent-elsewhere", layer,
                        "/env/ANTHROPIC_BASE_URL",
                        /* Translators: the first %s is a layer, such as “Project”, the second
                         * a host name; apiKeyHelper and ANTHROPIC_BASE_URL are not
                         * translated */
                        _("The %s settings send your OpenRouter key to %s: apiKeyHelper takes "
                          "it from the keyring and ANTHROPIC_BASE_URL points there"),
                        layer != NULL ? layer_title (layer) : "?",
                        host != NULL && host[0] != '\0' ? host
                                                         : _("an address that is not a URL"));
    }

  /* Translators: %s is a web address */
  description = g_strdup_printf (_("Set ANTHROPIC_BASE_URL to %s"), OPENROUTER_BASE_URL);
  diagnostic->fix = edit_fix_new (layer, description);
  if (diagnostic->fix != NULL)
    fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_BASE_URL",
                       string_node (OPENROUTER_BASE_URL));
}

static void
check_routing (GPtrArray            *diagnostics,
               SbLayerStack         *stack,
               SbDiagnosticsContext *context,
               gboolean             *routing)
{
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  const char *url = sb_json_pointer_get_string (effective, "/env/ANTHROPIC_BASE_URL");
  const char *api_key = sb_json_pointer_get_string (effective, "/env/ANTHROPIC_API_KEY");
  const char *token = sb_json_pointer_get_string (effective, "/env/ANTHROPIC_AUTH_TOKEN");
  const char *helper = sb_json_pointer_get_string (effective, "/apiKeyHelper");

  *routing = url != NULL && points_at_openrouter (url);

  if (*routing)
    {
      check_base_url (diagnostics, stack, url);

      if (sb_json_pointer_get (effective, "/env/ANTHROPIC_API_KEY") == NULL)
        {
          SbLayer *layer = origin_layer (stack, "/env/ANTHROPIC_BASE_URL");
          SbDiagnostic *diagnostic;

          if (layer != NULL && sb_layer_get_read_only (layer))
            layer = sb_layer_stack_get_layer (stack, SB_SCOPE_LOCAL);

          diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "api-key-missing", NULL,
                            "/env/ANTHROPIC_API_KEY",
                            _("ANTHROPIC_API_KEY is not set; through OpenRouter it must be set "
                              "and empty, or Claude Code may sign in to Anthropic instead"));
          diagnostic->fix = edit_fix_new (layer, _("Set ANTHROPIC_API_KEY to empty"));
          if (diagnostic->fix != NULL)
            {
              g_set_object (&diagnostic->layer, layer);
              fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_API_KEY", string_node (""));
            }
        }
      else if (api_key == NULL || api_key[0] != '\0')
        {
          SbLayer *layer = origin_layer (stack, "/env/ANTHROPIC_API_KEY");
          SbDiagnostic *diagnostic;

          diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "api-key-not-empty", layer,
                            "/env/ANTHROPIC_API_KEY",
                            _("ANTHROPIC_API_KEY is not empty; through OpenRouter it must be "
                              "empty, and the key given by ANTHROPIC_AUTH_TOKEN or "
                              "apiKeyHelper"));
          diagnostic->fix = edit_fix_new (layer, _("Set ANTHROPIC_API_KEY to empty"));
          if (diagnostic->fix != NULL)
            fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_API_KEY", string_node (""));
        }

      /* Through OpenRouter with no credential at all, every request fails. */
      if ((helper == NULL || helper[0] == '\0') && (token == NULL || token[0] == '\0') &&
          (api_key == NULL || api_key[0] == '\0'))
        add (diagnostics, SB_SEVERITY_ERROR, "no-credential",
             origin_layer (stack, "/env/ANTHROPIC_BASE_URL"), "/apiKeyHelper",
             _("Claude Code goes through OpenRouter here but has no key: set apiKeyHelper "
               "(the OpenRouter key page does) or ANTHROPIC_AUTH_TOKEN"));
    }

  if (helper != NULL)
    {
      if (token != NULL && token[0] != '\0')
        {
          SbLayer *layer = origin_layer (stack, "/env/ANTHROPIC_AUTH_TOKEN");
          SbDiagnostic *diagnostic;

          diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "token-outranks-helper", layer,
                            "/env/ANTHROPIC_AUTH_TOKEN",
                            _("ANTHROPIC_AUTH_TOKEN is set, so Claude Code uses it and never "
                              "runs apiKeyHelper"));
          diagnostic->fix = edit_fix_new (layer, _("Remove ANTHROPIC_AUTH_TOKEN"));
          if (diagnostic->fix != NULL)
            fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_AUTH_TOKEN", NULL);
        }

      /* Through OpenRouter a non-empty ANTHROPIC_API_KEY is an error of its own. */
      if (!*routing && api_key != NULL && api_key[0] != '\0')
        {
          SbLayer *layer = origin_layer (stack, "/env/ANTHROPIC_API_KEY");

          add (diagnostics, SB_SEVERITY_WARNING, "token-outranks-helper", layer,
               "/env/ANTHROPIC_API_KEY",
               _("ANTHROPIC_API_KEY is set, so Claude Code uses it and never runs "
                 "apiKeyHelper"));
        }

      check_helper (diagnostics, stack, context, helper);
      check_key_destination (diagnostics, stack, url, helper);
    }
}

/* Models */

static SbModel *
lookup_model (SbCatalog  *catalog,
              const char *id)
{
  SbModel *model = sb_catalog_lookup (catalog, id);
  const char *colon;

  if (model != NULL)
    return model;

  colon = strrchr (id, ':');
  if (colon == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (routing_variants); i++)
    if (g_str_equal (colon + 1, routing_variants[i]))
      {
        g_autofree char *base = g_strndup (id, colon - id);

        return sb_catalog_lookup (catalog, base);
      }

  return NULL;
}

static void
check_model_ids (GPtrArray            *diagnostics,
                 SbLayerStack         *stack,
                 SbDiagnosticsContext *context,
                 gboolean              shadowed)
{
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  g_autoptr(GDateTime) now = context->now != NULL ? g_date_time_ref (context->now)
                                                  : g_date_time_new_now_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (model_pointers); i++)
    {
      const char *pointer = model_pointers[i];
      const char *id = sb_json_pointer_get_string (effective, pointer);
      const char *name = strrchr (pointer, '/') + 1;
      SbLayer *layer;
      SbModel *model;

      /* Aliases such as "sonnet" and "~provider/family-latest" are not catalogue ids. */
      if (id == NULL || strchr (id, '/') == NULL || id[0] == '~')
        continue;
      if (i == 0 && shadowed)
        continue;

      layer = origin_layer (stack, pointer);
      model = lookup_model (context->catalog, id);
      if (model == NULL)
        {
          g_autofree char *suggestion = sb_catalog_suggest (context->catalog, id);
          SbDiagnostic *diagnostic;

          if (suggestion == NULL)
            {
              add (diagnostics, SB_SEVERITY_WARNING, "model-unknown", layer, pointer,
                   /* Translators: the first %s is a setting, the second a model id */
                   _("%s is “%s”, which OpenRouter does not list"), name, id);
              continue;
            }

          diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "model-unknown", layer, pointer,
                            /* Translators: the first %s is a setting, the second a model
                             * id, the third the nearest id that OpenRouter lists */
                            _("%s is “%s”, which OpenRouter does not list; did you mean "
                              "“%s”?"), name, id, suggestion);
          {
            /* Translators: %s is a model id */
            g_autofree char *description = g_strdup_printf (_("Use %s"), suggestion);

            diagnostic->fix = edit_fix_new (layer, description);
            if (diagnostic->fix != NULL)
              fix_add_operation (diagnostic->fix, pointer, string_node (suggestion));
          }
          continue;
        }

      if (!sb_model_get_supports_tools (model))
        add (diagnostics, SB_SEVERITY_ERROR, "model-no-tools", layer, pointer,
             /* Translators: the first %s is a setting, the second a model id */
             _("%s is “%s”, which does not take tools; Claude Code cannot work without "
               "them"), name, id);

      if (sb_model_is_expired (model, now))
        add (diagnostics, SB_SEVERITY_ERROR, "model-expired", layer, pointer,
             /* Translators: the first %s is a setting, the second a model id */
             _("%s is “%s”, which OpenRouter no longer serves: its expiration date has "
               "passed"), name, id);
    }
}

/* A folder set up the old way: ANTHROPIC_MODEL outranks every /model pick made inside
 * Claude Code, and `model` does not. Offered to move only where no other layer sets it too,
 * since another layer's would then win. */
static void
check_model_in_env (GPtrArray    *diagnostics,
                    SbLayerStack *stack)
{
  GPtrArray *layers = sb_layer_stack_get_layers (stack);
  g_autofree char *model = NULL;
  SbDiagnostic *diagnostic;
  SbLayer *layer;
  SbScope scope;
  guint n_set = 0;

  model = sb_claude_model_find_old_setup (stack, &scope);
  if (model == NULL)
    return;

  for (guint i = 0; i < layers->len; i++)
    {
      const char *value = sb_json_pointer_get_string (
        sb_layer_get_root (g_ptr_array_index (layers, i)), "/env/ANTHROPIC_MODEL");

      n_set += value != NULL && value[0] != '\0';
    }
  if (n_set != 1)
    return;

  layer = sb_layer_stack_get_layer (stack, scope);
  diagnostic = add (diagnostics, SB_SEVERITY_INFO, "model-in-env", layer,
                    "/env/ANTHROPIC_MODEL",
                    /* Translators: %s is a layer */
                    _("ANTHROPIC_MODEL in the %s settings overrides every pick in Claude "
                      "Code’s /model menu, where “model” would leave them free"),
                    layer_title (layer));
  diagnostic->fix = edit_fix_new (layer, _("Move it to “model”"));
  if (diagnostic->fix != NULL)
    {
      fix_add_operation (diagnostic->fix, "/model", string_node (model));
      fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_MODEL", NULL);
    }
}

static void
check_models (GPtrArray            *diagnostics,
              SbLayerStack         *stack,
              SbDiagnosticsContext *context,
              gboolean              routing)
{
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  GPtrArray *layers = sb_layer_stack_get_layers (stack);
  gboolean shadowed = FALSE;

  if (sb_json_pointer_get_string (effective, "/model") != NULL &&
      sb_json_pointer_get_string (effective, "/env/ANTHROPIC_MODEL") != NULL)
    {
      shadowed = TRUE;
      add (diagnostics, SB_SEVERITY_WARNING, "model-shadowed", origin_layer (stack, "/model"),
           "/model",
           /* Translators: the first %s is a model, the second a layer */
           _("“model” (%s) is not used: ANTHROPIC_MODEL from the %s settings takes "
             "precedence"),
           sb_json_pointer_get_string (effective, "/model"),
           layer_title (origin_layer (stack, "/env/ANTHROPIC_MODEL")));
    }

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      JsonNode *root = sb_layer_get_root (layer);
      const char *old = sb_json_pointer_get_string (root, "/env/ANTHROPIC_SMALL_FAST_MODEL");
      SbDiagnostic *diagnostic;

      if (sb_layer_get_state (layer) != SB_LAYER_STATE_OK || old == NULL)
        continue;

      diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "small-fast-model-deprecated", layer,
                        "/env/ANTHROPIC_SMALL_FAST_MODEL",
                        /* Translators: %s is a layer */
                        _("ANTHROPIC_SMALL_FAST_MODEL in the %s settings is an old name; "
                          "Claude Code now reads ANTHROPIC_DEFAULT_HAIKU_MODEL"),
                        layer_title (layer));
      diagnostic->fix = edit_fix_new (layer,
                                      _("Rename it to ANTHROPIC_DEFAULT_HAIKU_MODEL"));
      if (diagnostic->fix != NULL)
        {
          /* A value the layer already gives the new name wins over the old one. */
          if (sb_json_pointer_get (root, "/env/ANTHROPIC_DEFAULT_HAIKU_MODEL") == NULL)
            fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_DEFAULT_HAIKU_MODEL",
                               string_node (old));
          fix_add_operation (diagnostic->fix, "/env/ANTHROPIC_SMALL_FAST_MODEL", NULL);
        }
    }

  check_model_in_env (diagnostics, stack);

  if (routing && context->catalog != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (context->catalog)) > 0)
    check_model_ids (diagnostics, stack, context, shadowed);
}

/* The layer a model-related fix writes: where the model is set, else the User layer. */
static SbLayer *
model_fix_layer (SbLayerStack *stack,
                 const char   *pointer,
                 SbScope       scope)
{
  SbLayer *layer = pointer != NULL ? sb_layer_stack_get_layer (stack, scope) : NULL;

  if (layer == NULL || sb_layer_get_read_only (layer))
    layer = sb_layer_stack_get_layer (stack, SB_SCOPE_USER);
  return layer;
}

static gint64
effective_count (JsonNode   *effective,
                 const char *pointer)
{
  const char *text = sb_json_pointer_get_string (effective, pointer);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* Through OpenRouter, an id Claude Code made up from an alias is one OpenRouter does not
 * serve: the tier variable has to map it. */
static void
check_claude_served (GPtrArray            *diagnostics,
                     SbLayerStack         *stack,
                     SbDiagnosticsContext *context,
                     SbClaudeModel        *claude)
{
  g_autofree char *openrouter = sb_claude_openrouter_id (claude->model);
  const char *requested = claude->requested != NULL ? claude->requested : "opus";
  const char *tier = sb_claude_alias_tier (requested);
  SbLayer *layer = model_fix_layer (stack, claude->source_pointer, claude->source_scope);
  SbDiagnostic *diagnostic;

  if (g_str_equal (claude->model, "default"))
    {
      diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "model-not-served", layer,
                        claude->source_pointer,
                        /* Translators: %s is a version */
                        _("“default” is sent as it is by Claude Code %s, and OpenRouter has "
                          "no model of that name"), SB_CLAUDE_CODE_VERSION);
      diagnostic->fix = edit_fix_new (layer, _("Remove it, so that the default model is used"));
      if (diagnostic->fix != NULL)
        fix_add_operation (diagnostic->fix, claude->source_pointer, NULL);
      return;
    }

  if (openrouter == NULL)
    return;

  if (tier != NULL)
    diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "model-not-served", layer,
                      claude->source_pointer,
                      /* Translators: the first %s is an alias such as opus, the second the
                       * id Claude Code turns it into, the third a variable */
                      _("“%s” becomes %s, which OpenRouter does not serve: set %s"),
                      requested, claude->model, tier);
  else
    diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "model-not-served", layer,
                      claude->source_pointer,
                      /* Translators: the first %s is an id, the second OpenRouter's id */
                      _("%s is Anthropic’s id; OpenRouter calls it %s"),
                      claude->model, openrouter);

  /* Only an id the catalogue lists is offered. */
  if (context->catalog == NULL || lookup_model (context->catalog, openrouter) == NULL)
    return;

  if (tier != NULL)
    {
      g_autofree char *pointer = g_strconcat ("/env/", tier, NULL);
      /* Translators: the first %s is a variable, the second a model id */
      g_autofree char *description = g_strdup_printf (_("Set %s to %s"), tier, openrouter);

      diagnostic->fix = edit_fix_new (layer, description);
      if (diagnostic->fix != NULL)
        fix_add_operation (diagnostic->fix, pointer, string_node (openrouter));
    }
  else if (claude->source_pointer != NULL)
    {
      /* Translators: %s is a model id */
      g_autofree char *description = g_strdup_printf (_("Use %s"), openrouter);

      diagnostic->fix = edit_fix_new (layer, description);
      if (diagnostic->fix != NULL)
        fix_add_operation (diagnostic->fix, claude->source_pointer, string_node (openrouter));
    }
}

/* The window and output cap Claude Code will use for an id it does not know, against what
 * OpenRouter serves it with. */
static void
check_claude_limits (GPtrArray     *diagnostics,
                     SbLayerStack  *stack,
                     SbModel       *entry,
                     SbClaudeModel *claude)
{
  JsonNode *effective = sb_layer_stack_get_effective (stack);
  const char *context_pointer = "/env/" SB_CLAUDE_ENV_MAX_CONTEXT;
  const char *output_pointer = "/env/" SB_CLAUDE_ENV_MAX_OUTPUT;
  gint64 served = sb_claude_served_context (entry);
  gint64 most = sb_model_get_max_completion_tokens (entry);
  gint64 window_set = effective_count (effective, context_pointer);
  SbLayer *layer = model_fix_layer (stack, claude->source_pointer, claude->source_scope);
  g_autofree char *served_text = g_strdup_printf ("%" G_GINT64_FORMAT, served);
  SbClaudeLimits limits;
  SbDiagnostic *diagnostic;

  sb_claude_limits_for (claude->model, entry, &limits);

  if (served > 0 && claude->one_million && served < claude->context_window)
    add (diagnostics, SB_SEVERITY_WARNING, "model-window-mismatch", layer,
         claude->source_pointer,
         /* Translators: the first %s is a model id, the second a number of tokens */
         _("Claude Code takes %s for a model with a 1M window (“[1m]”), but OpenRouter "
           "serves it with %s tokens: name the model without “[1m]”"),
         claude->reported, served_text);
  else if (served > 0 && window_set <= 0)
    {
      diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "model-window-unset", layer,
                        claude->source_pointer,
                        /* Translators: the first %s is a model id, then a version, then
                         * a number of tokens */
                        _("Claude Code %s does not know %s and assumes a 1M window; "
                          "OpenRouter serves it with %s tokens, so it would not compact "
                          "in time"), SB_CLAUDE_CODE_VERSION, claude->model, served_text);
      diagnostic->fix = edit_fix_new (layer, _("Set the model’s window and output cap"));
      if (diagnostic->fix != NULL)
        {
          g_autofree char *context_text = g_strdup_printf ("%" G_GINT64_FORMAT, limits.context);
          g_autofree char *output_text = g_strdup_printf ("%" G_GINT64_FORMAT, limits.output);

          fix_add_operation (diagnostic->fix, context_pointer, string_node (context_text));
          if (limits.output > 0 && effective_count (effective, output_pointer) <= 0)
            fix_add_operation (diagnostic->fix, output_pointer, string_node (output_text));
        }
    }
  else if (served > 0 && window_set != served)
    {
      SbLayer *where = origin_layer (stack, context_pointer);
      /* Translators: the first %s is a variable, the second a number of tokens */
      g_autofree char *description = g_strdup_printf (_("Set %s to %s"),
                                                      SB_CLAUDE_ENV_MAX_CONTEXT, served_text);

      diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "model-window-mismatch", where,
                        context_pointer,
                        /* Translators: a variable, a number of tokens, a model id, a number
                         * of tokens */
                        _("%s is %" G_GINT64_FORMAT ", but OpenRouter serves %s with %s "
                          "tokens: the limit of another model?"),
                        SB_CLAUDE_ENV_MAX_CONTEXT, window_set, claude->model, served_text);
      diagnostic->fix = edit_fix_new (where, description);
      if (diagnostic->fix != NULL)
        fix_add_operation (diagnostic->fix, context_pointer, string_node (served_text));
    }

  if (most > 0 && claude->max_output_tokens > most)
    {
      SbLayer *where = effective_count (effective, output_pointer) > 0
                       ? origin_layer (stack, output_pointer) : layer;
      g_autofree char *cap = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              MIN (most, SB_CLAUDE_DEFAULT_OUTPUT));
      /* Translators: the first %s is a variable, the second a number of tokens */
      g_autofree char *description = g_strdup_printf (_("Set %s to %s"),
                                                      SB_CLAUDE_ENV_MAX_OUTPUT, cap);

      diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "output-cap-too-high", where,
                        output_pointer,
                        /* Translators: a model id, then two numbers of tokens */
                        _("Claude Code asks %s for up to %" G_GINT64_FORMAT " tokens out, "
                          "more than the %" G_GINT64_FORMAT " it returns"),
                        claude->model, claude->max_output_tokens, most);
      diagnostic->fix = edit_fix_new (where, description);
      if (diagnostic->fix != NULL)
        fix_add_operation (diagnostic->fix, output_pointer, string_node (cap));
    }
}

static void
check_claude (GPtrArray            *diagnostics,
              SbLayerStack         *stack,
              SbDiagnosticsContext *context,
              gboolean              routing)
{
  g_autoptr(SbClaudeModel) claude = sb_claude_model_resolve (stack);
  gboolean have_catalog = context->catalog != NULL &&
                          g_list_model_get_n_items (G_LIST_MODEL (context->catalog)) > 0;
  SbModel *entry = have_catalog ? lookup_model (context->catalog, claude->model) : NULL;

  if (claude->dropped != NULL)
    {
      SbLayer *layer = sb_layer_stack_get_layer (stack, claude->dropped_scope);
      JsonNode *root = layer != NULL ? sb_layer_get_root (layer) : NULL;
      JsonNode *list = root != NULL ? sb_json_pointer_get (root, "/availableModels") : NULL;
      SbDiagnostic *diagnostic;
      g_autofree char *pointer = NULL;
      /* Translators: %s is a model id */
      g_autofree char *description = g_strdup_printf (_("Allow %s"), claude->dropped);

      diagnostic = add (diagnostics, SB_SEVERITY_ERROR, "model-not-allowed", layer,
                        claude->dropped_pointer,
                        /* Translators: the first %s is a model id, the second another */
                        _("availableModels does not allow %s, so Claude Code drops it and "
                          "sends %s"), claude->dropped, claude->reported);
      /* Lists merge across layers: adding the model to this layer's list allows it. */
      diagnostic->fix = edit_fix_new (layer, description);
      if (diagnostic->fix != NULL && list != NULL && JSON_NODE_HOLDS_ARRAY (list))
        {
          pointer = g_strdup_printf ("/availableModels/%u",
                                     json_array_get_length (json_node_get_array (list)));
          fix_add_operation (diagnostic->fix, pointer, string_node (claude->dropped));
        }
      else if (diagnostic->fix != NULL && list == NULL)
        {
          JsonArray *array = json_array_new ();
          JsonNode *node = json_node_new (JSON_NODE_ARRAY);

          json_array_add_string_element (array, claude->dropped);
          json_node_take_array (node, array);
          fix_add_operation (diagnostic->fix, "/availableModels", node);
        }
      else
        g_clear_pointer (&diagnostic->fix, sb_fix_free);
    }

  if (routing && strchr (claude->model, '/') == NULL)
    check_claude_served (diagnostics, stack, context, claude);

  if (entry != NULL && !claude->known)
    check_claude_limits (diagnostics, stack, entry, claude);
}

/* Secrets and git */

static char *
find_secret (JsonNode   *node,
             const char *pointer,
             const char *name)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *child = sb_json_pointer_append (pointer, l->data);
          char *found = find_secret (json_object_get_member (object, l->data), child, l->data);

          if (found != NULL)
            return found;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *index = g_strdup_printf ("%u", i);
          g_autofree char *child = sb_json_pointer_append (pointer, index);
          char *found = find_secret (json_array_get_element (array, i), child, NULL);

          if (found != NULL)
            return found;
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *value = json_node_get_string (node);

      if (value[0] != '\0' &&
          (sb_secrets_is_secret_name (name) || sb_secrets_looks_like_key (value)))
        return g_strdup (pointer);
    }

  return NULL;
}

static void
check_local_ignored (GPtrArray *diagnostics,
                     SbLayer   *layer,
                     SbGitState state)
{
  const char *path = sb_layer_get_path (layer);
  g_autofree char *exclude = NULL;
  g_autofree char *line = NULL;
  SbDiagnostic *diagnostic;

  if (state != SB_GIT_STATE_UNTRACKED)
    return;

  diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "local-not-ignored", layer, NULL,
                    _("settings.local.json is not ignored by git, so it could be committed "
                      "with what it holds; Claude Code keeps it out of git"));

  /* Offered only where the repository's own git folder can take the line. */
  exclude = sb_git_find_exclude_file (path, &line, NULL);
  if (exclude == NULL)
    return;

  diagnostic->fix = g_new0 (SbFix, 1);
  diagnostic->fix->kind = SB_FIX_GIT_EXCLUDE;
  diagnostic->fix->description = g_strdup (_("Make git ignore it, in .git/info/exclude"));
  diagnostic->fix->path = g_steal_pointer (&exclude);
  diagnostic->fix->line = g_steal_pointer (&line);
}

static void
check_secrets (GPtrArray            *diagnostics,
               SbLayer              *layer,
               SbDiagnosticsContext *context)
{
  const char *path = sb_layer_get_path (layer);
  g_autofree char *pointer = NULL;
  SbGitState state = SB_GIT_STATE_NONE;
  gboolean local = sb_layer_get_scope (layer) == SB_SCOPE_LOCAL;
  GStatBuf buf;

  /* The administrator's files are theirs to keep. */
  if (sb_layer_get_scope (layer) == SB_SCOPE_MANAGED)
    return;

  pointer = find_secret (sb_layer_get_root (layer), "", NULL);
  if (pointer == NULL && !local)
    return;

  state = context->git_cached_only ? sb_git_peek_state (path) : sb_git_get_state (path);
  if (local)
    check_local_ignored (diagnostics, layer, state);

  /* In the window, "unknown" only means "not asked yet". */
  if (state == SB_GIT_STATE_UNKNOWN && !context->git_cached_only)
    add (diagnostics, SB_SEVERITY_WARNING, "git-no-answer", layer, pointer,
         /* Translators: %s is a layer */
         _("git did not answer in time, so Signalbox cannot tell whether git would commit "
           "the %s settings file"), layer_title (layer));

  if (pointer == NULL)
    return;

  if (state == SB_GIT_STATE_TRACKED)
    add (diagnostics, SB_SEVERITY_ERROR, "secret-tracked", layer, pointer,
         /* Translators: %s is a layer */
         _("The %s settings file holds a key or token and git tracks it, so the key goes "
           "wherever the repository goes"), layer_title (layer));

  if (g_stat (path, &buf) == 0 && (buf.st_mode & 044) != 0)
    {
      SbDiagnostic *diagnostic;

      diagnostic = add (diagnostics, SB_SEVERITY_WARNING, "secret-readable", layer, pointer,
                        /* Translators: %s is a layer */
                        _("The %s settings file holds a key or token and other users of "
                          "this computer can read it"), layer_title (layer));
      diagnostic->fix = g_new0 (SbFix, 1);
      diagnostic->fix->kind = SB_FIX_CHMOD;
      diagnostic->fix->description = g_strdup (_("Make the file readable by you only"));
      diagnostic->fix->path = g_strdup (path);
    }
}

/* Managed */

static void
collect_leaves (JsonNode   *node,
                const char *pointer,
                GPtrArray  *pointers)
{
  if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0)
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *child = sb_json_pointer_append (pointer, l->data);

          collect_leaves (json_object_get_member (object, l->data), child, pointers);
        }
    }
  /* Lists are joined, not overridden. */
  else if (!JSON_NODE_HOLDS_ARRAY (node) && pointer[0] != '\0')
    g_ptr_array_add (pointers, g_strdup (pointer));
}

static void
check_managed (GPtrArray    *diagnostics,
               SbLayerStack *stack)
{
  SbLayer *managed = sb_layer_stack_get_layer (stack, SB_SCOPE_MANAGED);
  GPtrArray *layers = sb_layer_stack_get_layers (stack);
  g_autoptr(GPtrArray) pointers = g_ptr_array_new_with_free_func (g_free);

  if (managed == NULL || sb_layer_get_state (managed) != SB_LAYER_STATE_OK)
    return;

  collect_leaves (sb_layer_get_root (managed), "", pointers);

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);

      if (layer == managed || sb_layer_get_state (layer) != SB_LAYER_STATE_OK)
        continue;

      for (guint j = 0; j < pointers->len; j++)
        {
          const char *pointer = g_ptr_array_index (pointers, j);
          JsonNode *mine = sb_json_pointer_get (sb_layer_get_root (layer), pointer);
          JsonNode *theirs = sb_json_pointer_get (sb_layer_get_root (managed), pointer);

          if (mine == NULL || sb_json_node_equal (mine, theirs))
            continue;

          add (diagnostics, SB_SEVERITY_WARNING, "managed-override", layer, pointer,
               /* Translators: the first %s is a setting, the second a layer */
               _("%s in the %s settings is not used: the Managed settings, set by the "
                 "administrator, override it"),
               pointer + 1, layer_title (layer));
        }
    }
}

/* Running the checks */

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const SbDiagnostic *da = *(SbDiagnostic **) a;
  const SbDiagnostic *db = *(SbDiagnostic **) b;

  return (int) da->severity - (int) db->severity;
}

/**
 * sb_diagnostics_check_full:
 * @stack: a folder's layers
 * @context: (nullable): the catalogue and the keyring state, when known
 *
 * Runs every check. Git is asked about the Local layer and about files that hold a key.
 *
 * Returns: (transfer full) (element-type SbDiagnostic): the problems found, most severe
 *   first
 */
GPtrArray *
sb_diagnostics_check_full (SbLayerStack         *stack,
                           SbDiagnosticsContext *context)
{
  GPtrArray *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_diagnostic_free);
  GPtrArray *layers = sb_layer_stack_get_layers (stack);
  SbDiagnosticsContext empty = { NULL, SB_KEYRING_UNKNOWN, NULL };
  gboolean routing = FALSE;

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), NULL);

  if (context == NULL)
    context = &empty;

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      const char *title = layer_title (layer);

      switch (sb_layer_get_state (layer))
        {
        case SB_LAYER_STATE_INVALID:
          add (diagnostics, SB_SEVERITY_ERROR, "layer-invalid", layer, NULL,
               /* Translators: %s is a layer; the last %s says where the file breaks */
               _("The %s settings file does not parse, so Claude Code ignores all of it "
                 "(%s)"), title, sb_layer_get_error (layer));
          break;

        case SB_LAYER_STATE_UNREADABLE:
          add (diagnostics, SB_SEVERITY_ERROR, "layer-unreadable", layer, NULL,
               _("The %s settings file cannot be read (%s)"),
               title, sb_layer_get_error (layer));
          break;

        case SB_LAYER_STATE_OK:
          check_env (diagnostics, layer);
          check_known_keys (diagnostics, layer);
          check_claude_keys (diagnostics, layer);
          check_secrets (diagnostics, layer, context);
          break;

        case SB_LAYER_STATE_MISSING:
        default:
          break;
        }
    }

  check_routing (diagnostics, stack, context, &routing);
  check_models (diagnostics, stack, context, routing);
  check_claude (diagnostics, stack, context, routing);
  check_managed (diagnostics, stack);

  g_ptr_array_sort (diagnostics, compare_severity);
  return diagnostics;
}

/**
 * sb_diagnostics_check:
 * @stack: a folder's layers
 *
 * Runs the checks that need neither the catalogue nor the keyring.
 *
 * Returns: (transfer full) (element-type SbDiagnostic): the problems found, most severe
 *   first
 */
GPtrArray *
sb_diagnostics_check (SbLayerStack *stack)
{
  return sb_diagnostics_check_full (stack, NULL);
}

/**
 * sb_diagnostics_get_git_paths:
 * @stack: a folder's layers
 *
 * For sb_git_update_states_async (), before the checks run with `git_cached_only`.
 *
 * Returns: (transfer full): the files the checks may ask git about
 */
char **
sb_diagnostics_get_git_paths (SbLayerStack *stack)
{
  GPtrArray *layers;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), NULL);

  layers = sb_layer_stack_get_layers (stack);
  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);

      if (sb_layer_get_scope (layer) != SB_SCOPE_MANAGED)
        g_strv_builder_add (builder, sb_layer_get_path (layer));
    }

  return g_strv_builder_end (builder);
}

/**
 * sb_diagnostic_equal:
 * @a: a problem found
 * @b: another
 *
 * Returns: whether @a and @b are the same problem, said the same way, with the same fix
 */
gboolean
sb_diagnostic_equal (const SbDiagnostic *a,
                     const SbDiagnostic *b)
{
  return a->severity == b->severity && a->layer == b->layer &&
         g_strcmp0 (a->code, b->code) == 0 && g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->pointer, b->pointer) == 0 && (a->fix == NULL) == (b->fix == NULL) &&
         (a->fix == NULL || g_strcmp0 (a->fix->description, b->fix->description) == 0);
}

gboolean
sb_diagnostics_has_errors (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      SbDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity == SB_SEVERITY_ERROR)
        return TRUE;
    }

  return FALSE;
}

/* Fixes */

/**
 * sb_diagnostic_apply_fix:
 * @diagnostic: a diagnostic with a fix
 * @error: where to say why not
 *
 * Applies the fix of @diagnostic: settings through their layer's operations, so that the
 * rest of the file stays as it was, byte for byte.
 *
 * Returns: whether it was applied
 */
gboolean
sb_diagnostic_apply_fix (SbDiagnostic  *diagnostic,
                         GError       **error)
{
  GStatBuf st;
  SbFix *fix;

  g_return_val_if_fail (diagnostic != NULL, FALSE);

  fix = diagnostic->fix;
  if (fix == NULL)
    {
      g_set_error (error, SB_DIAGNOSTICS_ERROR, SB_DIAGNOSTICS_ERROR_NO_FIX,
                   _("There is no fix for this problem"));
      return FALSE;
    }

  switch (fix->kind)
    {
    case SB_FIX_EDIT:
      for (guint i = 0; i < fix->operations->len; i++)
        {
          SbFixOperation *operation = g_ptr_array_index (fix->operations, i);

          if (operation->value != NULL)
            sb_layer_set_value (fix->layer, operation->pointer, operation->value);
          else
            sb_layer_remove_value (fix->layer, operation->pointer);
        }
      return sb_layer_save (fix->layer, error);

    case SB_FIX_GIT_EXCLUDE:
      g_return_val_if_fail (diagnostic->layer != NULL, FALSE);
      /* The exclude file is found again: the folder may have changed since the check. */
      if (!sb_git_add_exclude (sb_layer_get_path (diagnostic->layer), error))
        {
          g_prefix_error (error, _("Could not make git ignore the file: "));
          return FALSE;
        }
      return TRUE;

    case SB_FIX_REMOVE_BOM:
      g_return_val_if_fail (diagnostic->layer != NULL, FALSE);
      return sb_layer_remove_bom (diagnostic->layer, error);

    case SB_FIX_CHMOD:
      /* Others lose their access; the owner keeps theirs, so a file made read-only
       * (0444) becomes 0400 and stays read-only. */
      if (g_stat (fix->path, &st) != 0)
        st.st_mode = 0600;
      if (g_chmod (fix->path, st.st_mode & 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       /* Translators: the first %s is a file, the second why */
                       _("Could not change who can read %s: %s"), fix->path,
                       g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;

    default:
      g_set_error (error, SB_DIAGNOSTICS_ERROR, SB_DIAGNOSTICS_ERROR_FAILED,
                   "Unknown fix %d", fix->kind);
      return FALSE;
    }
}

/* The keyring */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key = sb_key_store_lookup_finish (result, &error);

  if (key != NULL)
    {
      sb_key_store_free_key (key);
      g_task_return_int (task, SB_KEYRING_PRESENT);
    }
  else if (error == NULL)
    g_task_return_int (task, SB_KEYRING_ABSENT);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_error_matches (error, SB_KEY_STORE_ERROR, SB_KEY_STORE_ERROR_INVALID_PROFILE))
    g_task_return_int (task, SB_KEYRING_UNKNOWN);
  else
    g_task_return_int (task, SB_KEYRING_UNAVAILABLE);
}

/**
 * sb_diagnostics_lookup_keyring_async:
 * @profile: a keyring profile
 * @cancellable: (nullable): a cancellable
 * @callback: called when the keyring has answered, or not in time
 * @user_data: for @callback
 *
 * Asks the keyring whether it holds a key for @profile. The key itself is dropped at once.
 */
void
sb_diagnostics_lookup_keyring_async (const char          *profile,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sb_diagnostics_lookup_keyring_async);
  sb_key_store_lookup_async (profile, cancellable, lookup_cb, task);
}

/**
 * sb_diagnostics_lookup_keyring_finish:
 * @result: the result
 *
 * Returns: what the keyring holds; %SB_KEYRING_UNKNOWN when cancelled
 */
SbKeyringState
sb_diagnostics_lookup_keyring_finish (GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  gssize state;

  g_return_val_if_fail (g_task_is_valid (result, NULL), SB_KEYRING_UNKNOWN);

  state = g_task_propagate_int (G_TASK (result), &error);
  return error != NULL ? SB_KEYRING_UNKNOWN : (SbKeyringState) state;
}
