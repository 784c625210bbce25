/* sb-cli-keys.c
 *
 * signalbox --move-keys: the keys written in plain text moved into the keyring.
 *
 * The window's "Move into the Keyring" for every key of a folder at once, with the same
 * core functions: each key is stored, then taken out of its file (only the members that
 * held it change), then scrubbed from the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-cli.h"
#include "sb-cli-keys.h"
#include "sb-json-edit.h"
#include "sb-key-store.h"
#include "sb-layer-stack.h"
#include "sb-paths.h"
#include "sb-routing.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_moved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* The key itself, as the keyring would keep it: a header's "Bearer " is not part of it. */
static const char *
key_text (SbPlainKey *key)
{
  JsonNode *root = sb_layer_get_root (key->layer);
  JsonNode *node = root != NULL ? sb_json_pointer_get (root, key->pointer) : NULL;
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  value = json_node_get_string (node);
  return g_str_has_prefix (value, "Bearer ") ? value + strlen ("Bearer ") : value;
}

/**
 * sb_cli_keys_move:
 * @folder: an absolute folder
 * @profile: (nullable): the key profile; %NULL for the default one
 *
 * Runs `signalbox --move-keys [--profile NAME] [FOLDER]`. Keys that differ are refused as a
 * whole, before anything changes: a profile holds one key, and storing the second would
 * lose the first.
 *
 * Returns: 0 when no key is left in plain text (none was, or all were moved), 2 when
 *   nothing could be moved or a move failed
 */
int
sb_cli_keys_move (const char *folder,
                  const char *profile)
{
  g_autoptr(SbLayerStack) stack = sb_layer_stack_new (folder);
  g_autoptr(GPtrArray) keys = sb_routing_find_plain_keys (stack);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *shown_folder = sb_paths_abbreviate (folder);
  guint cleaned = 0;
  guint moved = 0;

  if (profile == NULL)
    profile = SB_KEY_STORE_DEFAULT_PROFILE;

  if (keys->len == 0)
    {
      /* Translators: %s is a folder */
      g_print (_("No OpenRouter key is written in plain text in the settings of %s, nor in "
                 "your User settings: nothing to move.\n"), shown_folder);
      return SB_CLI_EXIT_OK;
    }

  for (guint i = 1; i < keys->len; i++)
    {
      SbPlainKey *first = g_ptr_array_index (keys, 0);
      SbPlainKey *other = g_ptr_array_index (keys, i);

      if (strcmp (key_text (first), key_text (other)) != 0)
        {
          /* Translators: the first two %s are layers (User, Project, Local), the third a
           * key profile name */
          g_printerr (_("The %s settings and the %s settings hold different keys, and the "
                        "profile “%s” can hold only one: nothing was changed. Move them one "
                        "at a time from Signalbox’s OpenRouter Key window, with a profile "
                        "each, or remove the one you no longer use first.\n"),
                      sb_scope_get_title (sb_layer_get_scope (first->layer)),
                      sb_scope_get_title (sb_layer_get_scope (other->layer)), profile);
          return SB_CLI_EXIT_FAILURE;
        }
    }

  for (guint i = 0; i < keys->len; i++)
    {
      SbPlainKey *key = g_ptr_array_index (keys, i);
      g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (key->layer));
      g_autoptr(GError) error = NULL;
      Wait wait = { loop, NULL };
      guint n = 0;
      gboolean ok;

      sb_routing_move_key_async (key->layer, key->pointer, profile, NULL, on_moved, &wait);
      g_main_loop_run (loop);
      ok = sb_routing_move_key_finish (wait.result, &n, &error);
      g_object_unref (wait.result);
      cleaned += n;

      if (!ok)
        {
          g_printerr ("%s\n", error->message);
          /* Those failures come before the keyring or a file is touched; the others say
           * themselves what was done. */
          if (moved == 0 && (error->domain == SB_KEY_STORE_ERROR ||
                             g_error_matches (error, SB_ROUTING_ERROR,
                                              SB_ROUTING_ERROR_NOT_INSTALLED) ||
                             g_error_matches (error, SB_ROUTING_ERROR,
                                              SB_ROUTING_ERROR_READ_ONLY)))
            g_printerr (_("Nothing was changed.\n"));
          else if (moved > 0)
            /* Translators: both are numbers of keys */
            g_printerr (_("%u of %u keys were moved before this.\n"), moved, keys->len);
          return SB_CLI_EXIT_FAILURE;
        }

      moved++;
      /* Translators: the first %s is a variable name, the second a layer, the third a file */
      g_print (_("Moved %s of the %s settings (%s) into the keyring.\n"), key->name,
               sb_scope_get_title (sb_layer_get_scope (key->layer)), path);
    }

  /* Translators: %u is a number of keys, %s a key profile name */
  g_print (ngettext ("%u key moved into the keyring, profile “%s”; apiKeyHelper runs "
                     "signalbox-key in its place.\n",
                     "%u keys moved into the keyring, profile “%s”; apiKeyHelper runs "
                     "signalbox-key in their place.\n", moved),
           moved, profile);
  /* Translators: %u is a number of files */
  g_print (ngettext ("%u copy in the history of the settings files was cleaned.\n",
                     "%u copies in the history of the settings files were cleaned.\n",
                     cleaned),
           cleaned);

  return SB_CLI_EXIT_OK;
}
