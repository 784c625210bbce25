/* sb-routing.c
 *
 * Routing Claude Code through OpenRouter with the key in the keyring: the settings a layer
 * needs for it, and moving plain-text keys out of settings files.
 *
 * Everything here is an operation on a layer, so only the touched members of a file
 * change, and each change can be undone like any other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-git.h"
#include "sb-history.h"
#include "sb-json-edit.h"
#include "sb-key-store.h"
#include "sb-paths.h"
#include "sb-routing.h"
#include "sb-secrets.h"

#define HELPER_NAME "signalbox-key"
#define BASE_URL_POINTER "/env/ANTHROPIC_BASE_URL"
#define API_KEY_POINTER "/env/ANTHROPIC_API_KEY"
#define AUTH_TOKEN_POINTER "/env/ANTHROPIC_AUTH_TOKEN"
#define HELPER_POINTER "/apiKeyHelper"

/* The variables that may hold a key in plain text, in the order they are looked for. */
static const char * const key_names[] = {
  "ANTHROPIC_AUTH_TOKEN",
  "OPENROUTER_API_KEY",
  "ANTHROPIC_API_KEY",
};

G_DEFINE_QUARK (sb-routing-error-quark, sb_routing_error)

static JsonNode *
string_node (const char *value)
{
  return json_node_init_string (json_node_alloc (), value);
}

static const char *
get_string (SbLayer    *layer,
            const char *pointer)
{
  JsonNode *root = sb_layer_get_root (layer);
  JsonNode *node = root != NULL ? sb_json_pointer_get (root, pointer) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
check_writable (SbLayer  *layer,
                GError  **error)
{
  if (sb_layer_get_read_only_reason (layer) != NULL)
    {
      /* Translators: the first %s is a file, the second why it is not written */
      g_set_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_READ_ONLY,
                   _("“%s” was left unchanged. %s."), sb_layer_get_path (layer),
                   sb_layer_get_read_only_reason (layer));
      return FALSE;
    }

  if (sb_layer_get_read_only (layer))
    {
      g_set_error_literal (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_READ_ONLY,
                           _("Managed settings are set by the system administrator and cannot "
                             "be changed here"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sb_routing_get_helper_path:
 * @error: %SB_ROUTING_ERROR_NOT_INSTALLED when signalbox-key is not installed
 *
 * Finds the signalbox-key that settings should run: the installed one in BINDIR, or the
 * one named by the environment variable `SIGNALBOX_KEY_HELPER`. Running from the build
 * tree, the installed one may not exist; then this says so rather than giving a path that
 * Claude Code would fail to run.
 *
 * Returns: (transfer full) (nullable): the absolute path of signalbox-key
 */
char *
sb_routing_get_helper_path (GError **error)
{
  const char *override = g_getenv (SB_ROUTING_HELPER_ENV);
  g_autofree char *path = NULL;

  if (override != NULL && override[0] != '\0')
    path = g_strdup (override);
  else
    path = g_build_filename (BINDIR, HELPER_NAME, NULL);

  if (!g_path_is_absolute (path) ||
      !g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      /* Translators: %s is a path such as /usr/bin/signalbox-key */
      g_set_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_INSTALLED,
                   _("signalbox-key is not installed at “%s”, so Claude Code could not get "
                     "the key from the keyring. Install Signalbox, then try again."),
                   path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

/**
 * sb_routing_in_flatpak:
 *
 * Returns: whether Signalbox runs in a Flatpak sandbox, where Claude Code, outside it,
 *   cannot run our signalbox-key by its path. `SIGNALBOX_FLATPAK_INFO` names another file
 *   than /.flatpak-info to look for, for the tests.
 */
gboolean
sb_routing_in_flatpak (void)
{
  const char *info = g_getenv ("SIGNALBOX_FLATPAK_INFO");

  return g_file_test (info != NULL && info[0] != '\0' ? info : "/.flatpak-info",
                      G_FILE_TEST_EXISTS);
}

/**
 * sb_routing_unwrap_flatpak:
 * @argv: a command, split into words
 *
 * Returns: (transfer full): @argv, except that `flatpak run --command=signalbox-key
 *   io.github.signalbox.Signalbox ARGS…`, the helper as the host runs it in the sandbox,
 *   reads `signalbox-key ARGS…`
 */
char **
sb_routing_unwrap_flatpak (char **argv)
{
  g_autofree char *base = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (argv == NULL || argv[0] == NULL)
    return g_strdupv (argv);

  base = g_path_get_basename (argv[0]);
  if (!g_str_equal (base, "flatpak") || g_strv_length (argv) < 4 ||
      !g_str_equal (argv[1], "run") ||
      !g_str_equal (argv[2], "--command=" HELPER_NAME) ||
      !g_str_equal (argv[3], APP_ID))
    return g_strdupv (argv);

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, HELPER_NAME);
  g_strv_builder_addv (builder, (const char **) argv + 4);
  return g_strv_builder_end (builder);
}

/**
 * sb_routing_get_helper_command:
 * @profile: (nullable): a key profile; %NULL for the default one
 * @error: %SB_ROUTING_ERROR_NOT_INSTALLED, or %SB_KEY_STORE_ERROR_INVALID_PROFILE
 *
 * Returns: (transfer full) (nullable): the value of `apiKeyHelper` that runs
 *   signalbox-key for @profile, shell-quoted, since Claude Code runs it with /bin/sh
 */
char *
sb_routing_get_helper_command (const char  *profile,
                               GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;

  if (profile == NULL)
    profile = SB_KEY_STORE_DEFAULT_PROFILE;

  if (!sb_key_store_check_profile (profile, error))
    return NULL;

  /* Claude Code runs on the host: from there, the helper in our sandbox is reached
   * through flatpak, which grants it the sandbox's Secret Service permission. */
  if (sb_routing_in_flatpak () && g_getenv (SB_ROUTING_HELPER_ENV) == NULL)
    quoted = g_strdup ("flatpak run --command=" HELPER_NAME " " APP_ID);
  else
    {
      path = sb_routing_get_helper_path (error);
      if (path == NULL)
        return NULL;

      quoted = g_shell_quote (path);
    }
  if (g_str_equal (profile, SB_KEY_STORE_DEFAULT_PROFILE))
    return g_steal_pointer (&quoted);
  else
    {
      g_autofree char *quoted_profile = g_shell_quote (profile);

      return g_strconcat (quoted, " --profile ", quoted_profile, NULL);
    }
}

/* Whether @program, as /bin/sh would find it, is the signalbox-key that Signalbox installs
 * (or the one SIGNALBOX_KEY_HELPER names), compared by resolved path: a folder's own
 * `./signalbox-key`, or any other program of that name, is not ours. */
static gboolean
is_our_helper (const char *program)
{
  g_autofree char *ours = sb_routing_get_helper_path (NULL);
  g_autofree char *expanded = NULL;
  g_autofree char *resolved_ours = NULL;
  g_autofree char *resolved = NULL;

  if (ours == NULL)
    return FALSE;

  /* /bin/sh expands a leading ~/; nothing else of the shell's is taken as a path here. */
  if (g_str_has_prefix (program, "~/"))
    {
      g_autofree char *home = sb_paths_get_home_dir ();

      expanded = g_build_filename (home, program + 2, NULL);
    }
  else
    expanded = g_strdup (program);

  if (!g_path_is_absolute (expanded))
    return FALSE;

  resolved_ours = realpath (ours, NULL);
  resolved = realpath (expanded, NULL);
  return resolved_ours != NULL && resolved != NULL && g_str_equal (resolved_ours, resolved);
}

/* Whether /bin/sh would run @command as one simple command whose words are just what
 * g_shell_parse_argv() makes of them: no operators, redirections, substitutions or globs
 * outside quotes (`a;b` is one word to GLib and two commands to the shell). */
static gboolean
is_simple_command (const char *command)
{
  char quote = '\0';

  for (const char *p = command; *p != '\0'; p++)
    {
      if (quote == '\'')
        {
          if (*p == '\'')
            quote = '\0';
        }
      else if (quote == '"')
        {
          if (*p == '"')
            quote = '\0';
          else if (strchr ("$`\\", *p) != NULL)
            return FALSE;
        }
      else if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '\\')
        {
          if (p[1] == '\0' || p[1] == '\n')
            return FALSE;
          p++;
        }
      else if (!g_ascii_isalnum (*p) && strchr (" \t_./~=:+,@%-", *p) == NULL)
        return FALSE;
    }

  return quote == '\0';
}

/* Whether @command runs a program called signalbox-key, wherever it is: what turning
 * routing off removes, even when the helper it names was moved or uninstalled since. */
static gboolean
names_helper (const char *command)
{
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *name = NULL;

  if (command == NULL || !g_shell_parse_argv (command, NULL, &words, NULL))
    return FALSE;

  argv = sb_routing_unwrap_flatpak (words);
  name = g_path_get_basename (argv[0]);
  return g_str_equal (name, HELPER_NAME);
}

/**
 * sb_routing_parse_helper_command:
 * @command: (nullable): a value of `apiKeyHelper`
 * @profile: (out) (optional): the profile it asks for
 *
 * Tells whether @command runs Signalbox's own signalbox-key, and for which profile. The
 * program is recognised by its resolved path (the installed one, or the one named by
 * `SIGNALBOX_KEY_HELPER`), not by its name; a command with anything else in it (a pipe, a
 * redirection, another argument) is not the helper, since its output may go elsewhere.
 * The flatpak form that sb_routing_get_helper_command() writes in the sandbox counts.
 *
 * Returns: whether @command is signalbox-key with no other arguments than a profile
 */
gboolean
sb_routing_parse_helper_command (const char  *command,
                                 char       **profile)
{
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) argv = NULL;
  const char *found = SB_KEY_STORE_DEFAULT_PROFILE;
  int argc;

  if (profile != NULL)
    *profile = NULL;

  if (command == NULL || !is_simple_command (command) ||
      !g_shell_parse_argv (command, NULL, &words, NULL))
    return FALSE;

  argv = sb_routing_unwrap_flatpak (words);
  argc = g_strv_length (argv);

  /* Unwrapped from flatpak's command line, it is the helper of our application id. */
  if (g_strv_length (words) == (guint) argc && !is_our_helper (argv[0]))
    return FALSE;

  if (argc == 3 && (g_str_equal (argv[1], "--profile") || g_str_equal (argv[1], "-p")))
    found = argv[2];
  else if (argc == 2 && g_str_has_prefix (argv[1], "--profile="))
    found = argv[1] + strlen ("--profile=");
  else if (argc == 2 && g_str_has_prefix (argv[1], "-p") && argv[1][2] != '\0')
    found = argv[1] + 2;
  else if (argc != 1)
    return FALSE;

  if (!sb_key_store_check_profile (found, NULL))
    return FALSE;

  if (profile != NULL)
    *profile = g_strdup (found);
  return TRUE;
}

/**
 * sb_routing_get_enabled:
 * @layer: a layer
 * @profile: (out) (optional): the key profile it uses
 *
 * Returns: whether @layer routes Claude Code through OpenRouter with the key from the
 *   keyring: it sets OpenRouter's base URL and runs signalbox-key as `apiKeyHelper`
 */
gboolean
sb_routing_get_enabled (SbLayer  *layer,
                        char    **profile)
{
  g_return_val_if_fail (SB_IS_LAYER (layer), FALSE);

  if (profile != NULL)
    *profile = NULL;

  if (g_strcmp0 (get_string (layer, BASE_URL_POINTER), SB_ROUTING_BASE_URL) != 0)
    return FALSE;

  return sb_routing_parse_helper_command (get_string (layer, HELPER_POINTER), profile);
}

/**
 * sb_routing_set_enabled:
 * @layer: a writable layer
 * @enabled: whether to route through OpenRouter
 * @profile: (nullable): the key profile to use; %NULL for the default one
 * @error: return location for an error
 *
 * Turning routing on sets `env.ANTHROPIC_BASE_URL` to OpenRouter's, `env.ANTHROPIC_API_KEY`
 * to "" and `apiKeyHelper` to signalbox-key for @profile. Turning it off removes those
 * three, where they still have those values, and nothing else. The file is saved; on
 * failure nothing was written.
 */
gboolean
sb_routing_set_enabled (SbLayer     *layer,
                        gboolean     enabled,
                        const char  *profile,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_LAYER (layer), FALSE);

  if (!check_writable (layer, error))
    return FALSE;

  if (enabled)
    {
      g_autofree char *command = sb_routing_get_helper_command (profile, error);
      g_autoptr(JsonNode) base_url = NULL;
      g_autoptr(JsonNode) empty = NULL;
      g_autoptr(JsonNode) helper = NULL;

      if (command == NULL)
        return FALSE;

      base_url = string_node (SB_ROUTING_BASE_URL);
      empty = string_node ("");
      helper = string_node (command);
      sb_layer_set_value (layer, BASE_URL_POINTER, base_url);
      sb_layer_set_value (layer, API_KEY_POINTER, empty);
      sb_layer_set_value (layer, HELPER_POINTER, helper);
    }
  else
    {
      /* Only what turning routing on would have written: a key typed into
       * ANTHROPIC_API_KEY, or someone else's helper, stays. */
      if (g_strcmp0 (get_string (layer, BASE_URL_POINTER), SB_ROUTING_BASE_URL) == 0)
        sb_layer_remove_value (layer, BASE_URL_POINTER);
      if (g_strcmp0 (get_string (layer, API_KEY_POINTER), "") == 0)
        sb_layer_remove_value (layer, API_KEY_POINTER);
      if (names_helper (get_string (layer, HELPER_POINTER)))
        sb_layer_remove_value (layer, HELPER_POINTER);
    }

  return sb_layer_save (layer, error);
}

/* Plain-text keys */

void
sb_plain_key_free (SbPlainKey *key)
{
  if (key == NULL)
    return;

  g_clear_object (&key->layer);
  g_free (key->pointer);
  g_free (key->name);
  g_free (key);
}

/**
 * sb_routing_find_plain_keys:
 * @stack: the layers of a folder
 *
 * Finds keys written in plain text in the writable layers of @stack: values of
 * `ANTHROPIC_AUTH_TOKEN`, `OPENROUTER_API_KEY` and `ANTHROPIC_API_KEY` in `env` that look
 * like keys. Managed settings are left out: they cannot be moved from here.
 *
 * Returns: (transfer container) (element-type SbPlainKey): the keys, lowest layer first
 */
GPtrArray *
sb_routing_find_plain_keys (SbLayerStack *stack)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_plain_key_free);
  GPtrArray *layers;

  g_return_val_if_fail (SB_IS_LAYER_STACK (stack), keys);

  layers = sb_layer_stack_get_layers (stack);
  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);

      if (sb_layer_get_read_only (layer))
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (key_names); j++)
        {
          g_autofree char *pointer = g_strconcat ("/env/", key_names[j], NULL);
          SbPlainKey *key;

          if (!sb_secrets_looks_like_key (get_string (layer, pointer)))
            continue;

          key = g_new0 (SbPlainKey, 1);
          key->layer = g_object_ref (layer);
          key->pointer = g_steal_pointer (&pointer);
          key->name = g_strdup (key_names[j]);
          g_ptr_array_add (keys, key);
        }
    }

  return keys;
}

typedef struct
{
  SbLayer *layer;
  char    *pointer;
  char    *profile;
  char    *command;
  char    *value;    /* as written in the file */
  guint    n_cleaned;
} MoveData;

static void
move_data_free (MoveData *data)
{
  g_clear_object (&data->layer);
  g_free (data->pointer);
  g_free (data->profile);
  g_free (data->command);
  g_clear_pointer (&data->value, sb_key_store_free_key);
  g_free (data);
}

/* The key in a value as written in a settings file, which may be an HTTP header's. */
static const char *
stored_key (const char *value)
{
  return g_str_has_prefix (value, "Bearer ") ? value + strlen ("Bearer ") : value;
}

static void
on_key_stored (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) helper = NULL;
  MoveData *data = g_task_get_task_data (task);

  if (!sb_key_store_store_finish (result, &error))
    {
      /* The key stays in the file: nothing is lost. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The key is safe in the keyring now; take it out of the file only if the file still
   * holds that same key. */
  sb_layer_reload (data->layer);
  if (g_strcmp0 (get_string (data->layer, data->pointer), data->value) != 0)
    {
      g_task_return_new_error (task, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NO_KEY,
                               _("“%s” changed while the key was being stored, so it was "
                                 "left as it is; the key is in the keyring"),
                               sb_layer_get_path (data->layer));
      return;
    }

  if (g_str_equal (data->pointer, API_KEY_POINTER))
    {
      /* Present and empty, as routing through OpenRouter needs it. */
      g_autoptr(JsonNode) empty = string_node ("");

      sb_layer_set_value (data->layer, data->pointer, empty);
    }
  else
    sb_layer_remove_value (data->layer, data->pointer);

  helper = string_node (data->command);
  sb_layer_set_value (data->layer, HELPER_POINTER, helper);

  if (!sb_layer_save (data->layer, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The save kept the version with the key in the history, as earlier saves did. */
  if (!sb_history_scrub (stored_key (data->value), &data->n_cleaned, &error))
    {
      g_task_return_new_error (task, SB_ROUTING_ERROR, SB_ROUTING_ERROR_HISTORY,
                               _("The key is in the keyring and no longer in “%s”, but "
                                 "earlier versions in the history still hold it. %s"),
                               sb_layer_get_path (data->layer), error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * sb_routing_move_key_async:
 * @layer: the layer holding the key
 * @pointer: where, as found by sb_routing_find_plain_keys()
 * @profile: (nullable): the key profile to store it as; %NULL for the default one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Moves a plain-text key into the keyring: stores it under @profile (replacing what that
 * profile held), then, only if that worked, takes it out of the file (an
 * `ANTHROPIC_API_KEY` becomes "", the others are removed) and sets `apiKeyHelper` to
 * signalbox-key. The rest of the file keeps its bytes. Last, the key is scrubbed from every
 * earlier version in the history (sb_history_scrub()).
 */
void
sb_routing_move_key_async (SbLayer             *layer,
                           const char          *pointer,
                           const char          *profile,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const char *value;
  MoveData *data;

  g_return_if_fail (SB_IS_LAYER (layer));
  g_return_if_fail (pointer != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_routing_move_key_async);

  if (profile == NULL)
    profile = SB_KEY_STORE_DEFAULT_PROFILE;

  data = g_new0 (MoveData, 1);
  data->layer = g_object_ref (layer);
  data->pointer = g_strdup (pointer);
  data->profile = g_strdup (profile);
  g_task_set_task_data (task, data, (GDestroyNotify) move_data_free);

  if (!check_writable (layer, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Without signalbox-key, the key would be stored but Claude Code could not get it. */
  data->command = sb_routing_get_helper_command (profile, &error);
  if (data->command == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  value = get_string (layer, pointer);
  if (!sb_secrets_looks_like_key (value))
    {
      g_task_return_new_error (task, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NO_KEY,
                               _("There is no key at %s in “%s” any more"),
                               pointer, sb_layer_get_path (layer));
      return;
    }

  data->value = g_strdup (value);
  sb_key_store_store_async (profile, stored_key (value), cancellable, on_key_stored,
                            g_steal_pointer (&task));
}

/**
 * sb_routing_move_key_finish:
 * @result: the result
 * @n_cleaned: (out) (optional): how many copies in the history held the key
 * @error: return location for an error
 *
 * Returns: whether the key is in the keyring, out of the file and out of the history
 */
gboolean
sb_routing_move_key_finish (GAsyncResult  *result,
                            guint         *n_cleaned,
                            GError       **error)
{
  MoveData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_routing_move_key_async,
                        FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_cleaned != NULL)
    *n_cleaned = data->n_cleaned;
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char     *profile;
  char     *key;
  gboolean  removed;
  guint     n_cleaned;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_free (data->profile);
  g_clear_pointer (&data->key, sb_key_store_free_key);
  g_free (data);
}

static void
on_key_cleared (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  RemoveData *data = g_task_get_task_data (task);

  if (!sb_key_store_clear_finish (result, &data->removed, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->key != NULL && !sb_history_scrub (data->key, &data->n_cleaned, &error))
    {
      g_task_return_new_error (task, SB_ROUTING_ERROR, SB_ROUTING_ERROR_HISTORY,
                               _("The key is no longer in the keyring, but earlier versions "
                                 "of settings files in the history still hold it. %s"),
                               error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_key_to_remove (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  RemoveData *data = g_task_get_task_data (task);

  /* Without the key's text, the history could not be cleaned: remove nothing. */
  data->key = sb_key_store_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sb_key_store_clear_async (data->profile, g_task_get_cancellable (task), on_key_cleared,
                            g_object_ref (task));
}

/**
 * sb_routing_remove_key_async:
 * @profile: (nullable): the key profile; %NULL for the default one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the profile's key from the keyring, then scrubs it from the history of the
 * settings files (sb_history_scrub()), where versions from before it was moved may hold it.
 */
void
sb_routing_remove_key_async (const char          *profile,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RemoveData *data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_routing_remove_key_async);

  data = g_new0 (RemoveData, 1);
  data->profile = g_strdup (profile != NULL ? profile : SB_KEY_STORE_DEFAULT_PROFILE);
  g_task_set_task_data (task, data, (GDestroyNotify) remove_data_free);

  sb_key_store_lookup_async (data->profile, cancellable, on_key_to_remove,
                             g_steal_pointer (&task));
}

/**
 * sb_routing_remove_key_finish:
 * @result: the result
 * @removed: (out) (optional): whether there was a key to remove
 * @n_cleaned: (out) (optional): how many copies in the history held it
 * @error: return location for an error
 *
 * Returns: %TRUE when no key is left for the profile, nor in the history
 */
gboolean
sb_routing_remove_key_finish (GAsyncResult  *result,
                              gboolean      *removed,
                              guint         *n_cleaned,
                              GError       **error)
{
  RemoveData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_routing_remove_key_async,
                        FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (removed != NULL)
    *removed = data->removed;
  if (n_cleaned != NULL)
    *n_cleaned = data->n_cleaned;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A token in a settings file */

/* Whether a token may go into @layer's file, given what git says of it. */
static gboolean
check_token_file (SbLayer     *layer,
                  SbGitState   state,
                  GError     **error)
{
  const char *path = sb_layer_get_path (layer);

  if (!check_writable (layer, error))
    return FALSE;

  switch (state)
    {
    case SB_GIT_STATE_NONE:
    case SB_GIT_STATE_IGNORED:
      return TRUE;

    case SB_GIT_STATE_TRACKED:
      if (sb_layer_get_scope (layer) == SB_SCOPE_LOCAL)
        /* Translators: %s is a file path */
        g_set_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_TRACKED,
                     _("“%s” is tracked by git, so a key written there would be committed "
                       "with it. Keep the key in the keyring instead, or stop tracking "
                       "the file first."),
                     path);
      else
        /* Translators: %s is a file path */
        g_set_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_TRACKED,
                     _("“%s” is tracked by git, so a key written there would be committed "
                       "with it. Keep the key in the keyring, or in the Local settings "
                       "(settings.local.json) instead."),
                     path);
      return FALSE;

    case SB_GIT_STATE_UNTRACKED:
      /* The next `git add .` would take it. */
      g_set_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_IGNORED,
                   /* Translators: %s is a file path */
                   _("git does not ignore “%s”, so a key written there could be committed "
                     "with it. Make git ignore the file first (in .git/info/exclude), or "
                     "keep the key in the keyring."),
                   path);
      return FALSE;

    case SB_GIT_STATE_UNKNOWN:
    default:
      g_set_error (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_GIT_UNKNOWN,
                   /* Translators: %s is a file path */
                   _("git did not tell whether it would commit “%s”, so no key is written "
                     "there. Keep the key in the keyring instead."),
                   path);
      return FALSE;
    }
}

/**
 * sb_routing_check_token_file:
 * @layer: a layer
 * @error: %SB_ROUTING_ERROR_TRACKED when the file is tracked by git,
 *   %SB_ROUTING_ERROR_NOT_IGNORED when git would commit it (it is in a work tree and not
 *   ignored), %SB_ROUTING_ERROR_GIT_UNKNOWN when git did not answer
 *
 * Tells whether a token may be written into @layer's file: not if git tracks it, or would
 * take it with the next `git add`, since it would be committed, and then pushed. This asks
 * git, and may take up to %SB_GIT_TIMEOUT seconds.
 */
gboolean
sb_routing_check_token_file (SbLayer  *layer,
                             GError  **error)
{
  g_return_val_if_fail (SB_IS_LAYER (layer), FALSE);

  return check_token_file (layer, sb_git_get_state (sb_layer_get_path (layer)), error);
}

static gboolean
store_token (SbLayer     *layer,
             const char  *token,
             SbGitState   state,
             GError     **error)
{
  g_autoptr(JsonNode) base_url = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) value = NULL;
  const char *path;

  if (!sb_key_store_check_key (token, error) || !check_token_file (layer, state, error))
    return FALSE;

  /* The file is made private before the token goes in: saving keeps its mode. */
  path = sb_layer_get_path (layer);
  if (sb_layer_get_state (layer) == SB_LAYER_STATE_MISSING && !sb_layer_create (layer, error))
    return FALSE;
  if (g_chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot make “%s” private: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  base_url = string_node (SB_ROUTING_BASE_URL);
  empty = string_node ("");
  value = string_node (token);
  sb_layer_set_value (layer, BASE_URL_POINTER, base_url);
  sb_layer_set_value (layer, API_KEY_POINTER, empty);
  sb_layer_set_value (layer, AUTH_TOKEN_POINTER, value);

  if (!sb_layer_save (layer, error))
    return FALSE;

  /* Again, in case the file was replaced meanwhile by one with other permissions. */
  if (g_chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot make “%s” private: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * sb_routing_store_token:
 * @layer: the layer to hold the token, usually the Local one
 * @token: the OpenRouter key
 * @error: return location for an error
 *
 * For people who cannot use a keyring: writes @token in plain text as
 * `env.ANTHROPIC_AUTH_TOKEN`, with OpenRouter's base URL and an empty
 * `ANTHROPIC_API_KEY`, and makes the file readable by its owner only (0600). Refuses a
 * file that git tracks or would commit, as sb_routing_check_token_file () says. This asks
 * git: the window uses sb_routing_store_token_async ().
 */
gboolean
sb_routing_store_token (SbLayer     *layer,
                        const char  *token,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_LAYER (layer), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  return store_token (layer, token, sb_git_get_state (sb_layer_get_path (layer)), error);
}

typedef struct
{
  SbLayer *layer;
  char    *token;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_object_unref (data->layer);
  explicit_bzero (data->token, strlen (data->token));
  g_free (data->token);
  g_free (data);
}

static void
on_token_git_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  StoreData *data = g_task_get_task_data (task);

  if (!sb_git_update_states_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Just asked: the remembered answer holds, unless the folder changed meanwhile, and then
   * "unknown" refuses. */
  if (!store_token (data->layer, data->token,
                    sb_git_peek_state (sb_layer_get_path (data->layer)), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sb_routing_store_token_async:
 * @layer: the layer to hold the token, usually the Local one
 * @token: the OpenRouter key
 * @cancellable: (nullable): a cancellable
 * @callback: called when the token is written, or refused
 * @user_data: for @callback
 *
 * sb_routing_store_token (), with git asked in a thread.
 */
void
sb_routing_store_token_async (SbLayer             *layer,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  const char *paths[2] = { NULL, NULL };
  StoreData *data;
  GTask *task;

  g_return_if_fail (SB_IS_LAYER (layer));
  g_return_if_fail (token != NULL);

  data = g_new0 (StoreData, 1);
  data->layer = g_object_ref (layer);
  data->token = g_strdup (token);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_routing_store_token_async);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  paths[0] = sb_layer_get_path (layer);
  sb_git_update_states_async (paths, cancellable, on_token_git_cb, task);
}

gboolean
sb_routing_store_token_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sb_routing_store_token_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
