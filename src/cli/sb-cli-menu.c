/* sb-cli-menu.c
 *
 * signalbox --favourite/--unfavourite (the stars, and their rows in Claude Code's /model
 * menu) and --enable/--disable (a folder's availableModels).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-catalog.h"
#include "sb-claude-menu.h"
#include "sb-claude-model.h"
#include "sb-cli.h"
#include "sb-cli-menu.h"
#include "sb-json-edit.h"
#include "sb-paths.h"
#include "sb-settings.h"

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* Without even the bundled list, rows get the id as their label. */
  sb_catalog_load_finish (SB_CATALOG (object), result, NULL);
  g_main_loop_quit (user_data);
}

/**
 * sb_cli_menu_favourite:
 * @model: a model id
 * @favourite: star it, or take its star off
 *
 * Runs `signalbox --favourite MODEL` or `--unfavourite MODEL`: the star in Signalbox's
 * settings and the model's row in the User layer's modelPicker, which /model lists.
 *
 * Returns: the exit status
 */
int
sb_cli_menu_favourite (const char *model,
                       gboolean    favourite)
{
  g_autoptr(SbLayerStack) stack = sb_layer_stack_new (g_get_home_dir ());
  g_autoptr(SbSettings) settings = sb_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SbLayer *user = sb_layer_stack_get_layer (stack, SB_SCOPE_USER);
  gboolean changed;

  path = sb_paths_abbreviate (sb_layer_get_path (user));

  if (favourite)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(SbCatalog) catalog = sb_catalog_new ();
      SbModel *entry;

      sb_catalog_load_async (catalog, NULL, loaded_cb, loop);
      g_main_loop_run (loop);
      entry = sb_catalog_lookup (catalog, model);

      if (!sb_claude_picker_add (user, model, entry, &changed, &error))
        {
          g_printerr ("%s\n", error->message);
          return SB_CLI_EXIT_FAILURE;
        }
      sb_settings_add_favourite (settings, model);
      /* The process ends next: the write must reach dconf first. */
      g_settings_sync ();
      if (changed)
        /* Translators: the first %s is a model id, the second a file */
        g_print (_("%s is a favourite, and a row of /model in Claude Code (%s).\n"), model,
                 path);
      else
        /* Translators: the first %s is a model id, the second a file */
        g_print (_("%s is a favourite; %s already had its row, which was left as it is.\n"),
                 model, path);
      if (entry == NULL)
        /* Translators: %s is a model id */
        g_printerr (_("Note: OpenRouter’s list does not have %s.\n"), model);
      return SB_CLI_EXIT_OK;
    }

  if (!sb_claude_picker_remove (user, model, &changed, &error))
    {
      g_printerr ("%s\n", error->message);
      return SB_CLI_EXIT_FAILURE;
    }
  sb_settings_remove_favourite (settings, model);
  g_settings_sync ();
  if (changed)
    /* Translators: the first %s is a model id, the second a file */
    g_print (_("%s is no longer a favourite; its row left /model (%s).\n"), model, path);
  else
    /* Translators: %s is a model id */
    g_print (_("%s is no longer a favourite.\n"), model);
  return SB_CLI_EXIT_OK;
}

/**
 * sb_cli_menu_enable:
 * @folder: an absolute folder
 * @model: a model id
 * @scope: the layer to write
 * @enabled: whether /model offers @model in @folder
 *
 * Runs `signalbox --enable MODEL` or `--disable MODEL`. Lists merge across layers, so a
 * model another layer still allows stays allowed: that is said, with a non-zero status.
 *
 * Returns: the exit status
 */
int
sb_cli_menu_enable (const char *folder,
                    const char *model,
                    SbScope     scope,
                    gboolean    enabled)
{
  g_autoptr(SbLayerStack) stack = sb_layer_stack_new (folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *path = NULL;
  JsonNode *list;
  SbScope where;
  gboolean allowed;
  gboolean changed;

  if (!sb_claude_available_set (stack, model, scope, enabled, &changed, &error))
    {
      g_printerr ("%s\n", error->message);
      return SB_CLI_EXIT_FAILURE;
    }

  path = sb_paths_abbreviate (sb_layer_get_path (sb_layer_stack_get_layer (stack, scope)));
  sb_layer_stack_reload (stack);
  list = sb_json_pointer_get (sb_layer_stack_get_effective (stack), "/availableModels");
  allowed = list == NULL || !JSON_NODE_HOLDS_ARRAY (list) ||
            sb_claude_allows (json_node_get_array (list), model, NULL);

  if (enabled)
    {
      /* Translators: the first %s is a model id, the second a layer, the third a file */
      g_print (_("%s is in availableModels of the %s settings (%s).\n"), model,
               sb_scope_get_title (scope), path);
      if (!allowed)
        {
          /* Managed settings that set the list own it whole. */
          /* Translators: %s is a model id */
          g_printerr (_("Claude Code still does not offer %s: the Managed settings decide "
                        "availableModels.\n"), model);
          return SB_CLI_EXIT_PROBLEMS;
        }
      return SB_CLI_EXIT_OK;
    }

  if (allowed && sb_claude_available_find (stack, model, &where, &entry))
    {
      /* Translators: the first %s is a model id, the second a layer, the third the entry
       * of its availableModels that allows the model */
      g_printerr (_("%s is still allowed in this folder: the %s settings list “%s” in "
                    "availableModels, and the lists of all layers count.\n"),
                  model, sb_scope_get_title (where), entry);
      return SB_CLI_EXIT_PROBLEMS;
    }
  if (allowed)
    {
      /* Translators: %s is a model id */
      g_printerr (_("%s is still allowed in this folder: no layer sets availableModels, so "
                    "every model is; --enable the ones to offer.\n"), model);
      return SB_CLI_EXIT_PROBLEMS;
    }

  /* Translators: the first %s is a model id, the second a layer, the third a file */
  g_print (_("%s is not in availableModels of the %s settings (%s).\n"), model,
           sb_scope_get_title (scope), path);
  return SB_CLI_EXIT_OK;
}
