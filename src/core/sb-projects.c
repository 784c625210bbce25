/* sb-projects.c
 *
 * The project folders a person works in: remembered ones, and the ones Claude Code knows.
 *
 * Claude Code records every folder it was started in as a member of the `projects` object
 * of ~/.claude.json. That file is Claude Code's, can be large, and is rewritten while claude
 * runs: it is only ever read here, and a version that does not parse is simply not used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-file.h"
#include "sb-json-edit.h"
#include "sb-paths.h"
#include "sb-projects.h"

/* ~/.claude.json keeps a history per project and grows to a few megabytes. */
#define CLAUDE_JSON_MAX_SIZE (64 * 1024 * 1024)

/**
 * sb_projects_read_claude_json:
 * @error: where to say why the file could not be read
 *
 * Reads the folders named in the `projects` object of Claude Code's ~/.claude.json, in
 * the file's order. A missing file, or one without `projects`, gives an empty list.
 *
 * Returns: (transfer full): absolute folder names, or %NULL with @error set
 */
char **
sb_projects_read_claude_json (GError **error)
{
  g_autofree char *path = sb_paths_get_claude_json ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;
  JsonNode *root;
  JsonNode *node;
  JsonObject *projects;
  GList *members;

  /* Claude Code's file, but anything could stand in its place: only a regular file of a
   * sane size, and not nested deeper than json-glib can take. */
  bytes = sb_file_read_max (path, CLAUDE_JSON_MAX_SIZE, &local_error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &size);
      if (sb_json_check_depth (data, size, SB_JSON_MAX_DEPTH, &local_error))
        json_parser_load_from_data (parser, data, size, &local_error);
    }

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_strv_builder_end (builder);

      g_autofree char *shown = sb_paths_abbreviate (path);
      /* Translators: the first %s is a file, the second why it could not be read */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Could not read %s: %s"),
                   shown, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strv_builder_end (builder);

  node = json_object_get_member (json_node_get_object (root), "projects");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strv_builder_end (builder);
  projects = json_node_get_object (node);

  /* json-glib keeps members in the file's order. */
  members = json_object_get_members (projects);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_path_is_absolute (l->data))
        g_strv_builder_add (builder, l->data);
    }
  g_list_free (members);

  return g_strv_builder_end (builder);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
is_folder (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

/**
 * sb_projects_list:
 * @remembered: (nullable): folders the person opened, most important first
 * @hidden: (nullable): folders the person removed from the list
 * @claude_json_error: (nullable): where to say why ~/.claude.json could not be read; the
 *   list is still made from @remembered
 *
 * The folders to offer: @remembered first, in their order, then the ones Claude Code knows,
 * sorted by path; each once, only those that still exist, none of @hidden.
 *
 * Returns: (transfer full) (element-type utf8): absolute folder names
 */
GPtrArray *
sb_projects_list (const char * const  *remembered,
                  const char * const  *hidden,
                  GError             **claude_json_error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) claude = NULL;

  for (guint i = 0; hidden != NULL && hidden[i] != NULL; i++)
    g_hash_table_add (seen, (gpointer)hidden[i]);

  for (guint i = 0; remembered != NULL && remembered[i] != NULL; i++)
    {
      if (g_hash_table_contains (seen, remembered[i]) || !is_folder (remembered[i]))
        continue;
      g_hash_table_add (seen, (gpointer)remembered[i]);
      g_ptr_array_add (folders, g_strdup (remembered[i]));
    }

  claude = sb_projects_read_claude_json (claude_json_error);
  for (guint i = 0; claude != NULL && claude[i] != NULL; i++)
    {
      if (g_hash_table_contains (seen, claude[i]) || !is_folder (claude[i]))
        continue;
      g_hash_table_add (seen, claude[i]);
      g_ptr_array_add (known, g_strdup (claude[i]));
    }

  g_ptr_array_sort (known, compare_paths);
  g_ptr_array_extend_and_steal (folders, g_steal_pointer (&known));

  return folders;
}
