/* sb-layer-stack.c
 *
 * The settings layers of one folder, merged the way Claude Code merges them.
 *
 * Merge rules, lowest layer first: a scalar from a higher layer replaces the lower one;
 * objects merge key by key, recursively; arrays are concatenated with exact duplicates
 * dropped, the first occurrence kept; when the types differ the higher value replaces the
 * lower one whole. Exceptions: fallbackModel is taken whole from the highest layer that
 * sets it, and availableModels set by managed settings is taken whole. A layer that does
 * not parse contributes nothing. Every leaf and array element of the result remembers
 * the layer it came from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-claude-model.h"
#include "sb-file.h"
#include "sb-json-edit.h"
#include "sb-layer-stack.h"
#include "sb-paths.h"

struct _SbLayerStack
{
  GObject     parent_instance;

  char       *folder;
  GPtrArray  *layers;      /* of SbLayer, lowest precedence first */
  JsonNode   *effective;
  GPtrArray  *origins;     /* of SbOrigin, in document order */
  GHashTable *origin_map;  /* pointer → SbOrigin, borrowed from origins */
};

G_DEFINE_FINAL_TYPE (SbLayerStack, sb_layer_stack, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A tree beside the merged one, saying where each part of it came from. */
typedef struct _OriginNode OriginNode;
struct _OriginNode
{
  SbScope     scope;
  GHashTable *members;   /* objects: member name → OriginNode */
  GPtrArray  *elements;  /* arrays: OriginNode per element */
};

static void
origin_node_free (gpointer data)
{
  OriginNode *node = data;

  if (node == NULL)
    return;

  g_clear_pointer (&node->members, g_hash_table_unref);
  g_clear_pointer (&node->elements, g_ptr_array_unref);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OriginNode, origin_node_free)

static OriginNode *
origin_node_new (JsonNode *node,
                 SbScope   scope)
{
  OriginNode *origin = g_new0 (OriginNode, 1);

  origin->scope = scope;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      origin->members = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               g_free, origin_node_free);
      for (const GList *l = names; l != NULL; l = l->next)
        g_hash_table_insert (origin->members, g_strdup (l->data),
                             origin_node_new (json_object_get_member (object, l->data), scope));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      origin->elements = g_ptr_array_new_full (n, origin_node_free);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (origin->elements,
                         origin_node_new (json_array_get_element (array, i), scope));
    }

  return origin;
}

static gboolean
array_contains (JsonArray *array,
                JsonNode  *node)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    if (sb_json_node_equal (json_array_get_element (array, i), node))
      return TRUE;

  return FALSE;
}

/* The concatenation of two arrays without exact duplicates, the first occurrence kept. */
static JsonNode *
merge_arrays (JsonArray  *low,
              OriginNode *low_origin,
              JsonArray  *high,
              OriginNode *high_origin,
              OriginNode *result_origin)
{
  JsonArray *sources[] = { low, high };
  OriginNode *source_origins[] = { low_origin, high_origin };
  JsonArray *result = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  /* @result_origin may be @low_origin: fill a new list, then swap it in. */
  GPtrArray *elements = g_ptr_array_new_with_free_func (origin_node_free);

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      guint n = json_array_get_length (sources[s]);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (sources[s], i);
          OriginNode *element_origin = g_ptr_array_index (source_origins[s]->elements, i);

          if (array_contains (result, element))
            continue;

          json_array_add_element (result, sb_json_node_copy_deep (element));
          g_ptr_array_add (elements, origin_node_new (element, element_origin->scope));
        }
    }

  g_clear_pointer (&result_origin->elements, g_ptr_array_unref);
  result_origin->elements = elements;

  json_node_take_array (node, result);
  return node;
}

static gboolean
taken_whole (const char *name,
             SbScope     scope,
             gboolean    top_level)
{
  if (!top_level)
    return FALSE;

  return strcmp (name, "fallbackModel") == 0 ||
         (scope == SB_SCOPE_MANAGED && strcmp (name, "availableModels") == 0);
}

static void
merge_objects (JsonObject *dst,
               OriginNode *dst_origin,
               JsonObject *src,
               SbScope     scope,
               gboolean    top_level)
{
  g_autoptr(GList) names = json_object_get_members (src);

  dst_origin->scope = scope;

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *src_child = json_object_get_member (src, name);
      JsonNode *dst_child = json_object_get_member (dst, name);
      OriginNode *child_origin = g_hash_table_lookup (dst_origin->members, name);

      if (dst_child == NULL || taken_whole (name, scope, top_level) ||
          JSON_NODE_TYPE (dst_child) != JSON_NODE_TYPE (src_child) ||
          JSON_NODE_HOLDS_VALUE (src_child) || JSON_NODE_HOLDS_NULL (src_child))
        {
          json_object_set_member (dst, name, sb_json_node_copy_deep (src_child));
          g_hash_table_replace (dst_origin->members, g_strdup (name),
                                origin_node_new (src_child, scope));
        }
      else if (JSON_NODE_HOLDS_OBJECT (src_child))
        {
          merge_objects (json_node_get_object (dst_child), child_origin,
                         json_node_get_object (src_child), scope, FALSE);
        }
      else
        {
          g_autoptr(OriginNode) src_origin = origin_node_new (src_child, scope);
          JsonNode *merged = merge_arrays (json_node_get_array (dst_child), child_origin,
                                           json_node_get_array (src_child), src_origin,
                                           child_origin);

          child_origin->scope = scope;
          json_object_set_member (dst, name, merged);
        }
    }
}

static void
origin_free (gpointer data)
{
  SbOrigin *origin = data;

  g_free (origin->pointer);
  g_free (origin);
}

static void
add_origin (GPtrArray  *origins,
            const char *pointer,
            SbScope     scope)
{
  SbOrigin *origin = g_new0 (SbOrigin, 1);

  origin->pointer = g_strdup (pointer);
  origin->scope = scope;
  g_ptr_array_add (origins, origin);
}

static void
flatten_origins (JsonNode   *node,
                 OriginNode *origin,
                 const char *pointer,
                 GPtrArray  *origins)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      if (names == NULL && pointer[0] != '\0')
        add_origin (origins, pointer, origin->scope);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *child = sb_json_pointer_append (pointer, l->data);

          flatten_origins (json_object_get_member (object, l->data),
                           g_hash_table_lookup (origin->members, l->data),
                           child, origins);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n == 0)
        add_origin (origins, pointer, origin->scope);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          OriginNode *element_origin = g_ptr_array_index (origin->elements, i);
          char index[16];
          g_autofree char *child = NULL;

          g_snprintf (index, sizeof index, "%u", i);
          child = sb_json_pointer_append (pointer, index);

          /* The element itself, and (for an object or array) its leaves. */
          add_origin (origins, child, element_origin->scope);
          if ((JSON_NODE_HOLDS_OBJECT (element) &&
               json_object_get_size (json_node_get_object (element)) > 0) ||
              (JSON_NODE_HOLDS_ARRAY (element) &&
               json_array_get_length (json_node_get_array (element)) > 0))
            flatten_origins (element, element_origin, child, origins);
        }
    }
  else
    add_origin (origins, pointer, origin->scope);
}

/**
 * sb_layer_stack_merge:
 * @layers: (element-type SbLayer): layers, lowest precedence first
 * @origins: (out) (optional) (element-type SbOrigin): where each leaf and array element of
 *   the result came from, in document order
 *
 * Merges the layers that parse, as Claude Code does.
 *
 * Returns: (transfer full): the effective settings, an object
 */
JsonNode *
sb_layer_stack_merge (GPtrArray  *layers,
                      GPtrArray **origins)
{
  JsonNode *effective = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(OriginNode) origin = NULL;

  json_node_take_object (effective, json_object_new ());
  origin = origin_node_new (effective, SB_SCOPE_USER);

  for (guint i = 0; i < layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (layers, i);
      JsonNode *root = sb_layer_get_root (layer);

      if (root == NULL || sb_layer_get_state (layer) != SB_LAYER_STATE_OK)
        continue;

      merge_objects (json_node_get_object (effective), origin,
                     json_node_get_object (root), sb_layer_get_scope (layer), TRUE);
    }

  if (origins != NULL)
    {
      *origins = g_ptr_array_new_with_free_func (origin_free);
      flatten_origins (effective, origin, "", *origins);
    }

  return effective;
}

static void
sb_layer_stack_update (SbLayerStack *self)
{
  g_clear_pointer (&self->effective, json_node_unref);
  g_clear_pointer (&self->origin_map, g_hash_table_unref);
  g_clear_pointer (&self->origins, g_ptr_array_unref);

  self->effective = sb_layer_stack_merge (self->layers, &self->origins);
  self->origin_map = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->origins->len; i++)
    {
      SbOrigin *origin = g_ptr_array_index (self->origins, i);
      g_hash_table_insert (self->origin_map, origin->pointer, origin);
    }
}

static void
on_layer_changed_cb (SbLayerStack *self,
                     gboolean      external,
                     SbLayer      *layer)
{
  sb_layer_stack_update (self);
  g_signal_emit (self, signals[CHANGED], 0, external);
}

static void
add_layer (SbLayerStack *self,
           SbScope       scope,
           const char   *path,
           const char   *within)
{
  SbLayer *layer = sb_layer_new_within (scope, path, within);

  g_signal_connect_object (layer, "changed", G_CALLBACK (on_layer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->layers, layer);
}

/* The administrator's files: managed-settings.json, then the .json files of
 * managed-settings.d in sorted order, each merged over the earlier ones. Only files that
 * exist. */
static void
add_managed_layers (SbLayerStack *self)
{
  g_autofree char *dir = sb_paths_get_managed_dir ();
  g_autofree char *base = g_build_filename (dir, "managed-settings.json", NULL);
  g_autofree char *dropin_dir = g_build_filename (dir, "managed-settings.d", NULL);
  g_autoptr(GPtrArray) dropins = sb_file_list_sorted (dropin_dir, ".json");

  if (g_file_test (base, G_FILE_TEST_EXISTS))
    add_layer (self, SB_SCOPE_MANAGED, base, NULL);

  for (guint i = 0; i < dropins->len; i++)
    add_layer (self, SB_SCOPE_MANAGED, g_ptr_array_index (dropins, i), NULL);
}

static void
sb_layer_stack_finalize (GObject *object)
{
  SbLayerStack *self = (SbLayerStack *)object;

  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->effective, json_node_unref);
  g_clear_pointer (&self->origin_map, g_hash_table_unref);
  g_clear_pointer (&self->origins, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_layer_stack_parent_class)->finalize (object);
}

static void
sb_layer_stack_dispose (GObject *object)
{
  SbLayerStack *self = (SbLayerStack *)object;

  if (self->layers != NULL)
    sb_layer_stack_set_watched (self, FALSE);

  G_OBJECT_CLASS (sb_layer_stack_parent_class)->dispose (object);
}

static void
sb_layer_stack_class_init (SbLayerStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_layer_stack_dispose;
  object_class->finalize = sb_layer_stack_finalize;

  /**
   * SbLayerStack::changed:
   * @self: a #SbLayerStack
   * @external: %TRUE if the change came from outside (another program wrote a file)
   *
   * A layer changed, and with it the effective settings.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
sb_layer_stack_init (SbLayerStack *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sb_layer_stack_new:
 * @folder: an absolute folder, with links resolved (see sb_paths_resolve_folder())
 *
 * Loads the layers that apply to @folder: user ($CLAUDE_CONFIG_DIR or ~/.claude),
 * project (FOLDER/.claude/settings.json), local (FOLDER/.claude/settings.local.json, or
 * at the root of the git work tree holding FOLDER, as Claude Code 2.1.211 and later
 * does) and managed ($SIGNALBOX_MANAGED_DIR or /etc/claude-code), lowest first.
 */
SbLayerStack *
sb_layer_stack_new (const char *folder)
{
  SbLayerStack *self;
  g_autofree char *config_dir = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *local_path = NULL;
  g_autofree char *git_root = NULL;
  const char *local_root = folder;

  g_return_val_if_fail (folder != NULL && g_path_is_absolute (folder), NULL);

  self = g_object_new (SB_TYPE_LAYER_STACK, NULL);
  self->folder = g_strdup (folder);

  config_dir = sb_paths_get_user_config_dir ();
  user_path = g_build_filename (config_dir, "settings.json", NULL);
  project_path = g_build_filename (folder, ".claude", "settings.json", NULL);

  git_root = sb_paths_find_git_root (folder);
  if (git_root != NULL && strcmp (git_root, folder) != 0)
    local_root = git_root;
  local_path = g_build_filename (local_root, ".claude", "settings.local.json", NULL);

  /* The user's own file may link anywhere (a dotfiles repository, say); a project's may
   * not lead a write out of the project. */
  add_layer (self, SB_SCOPE_USER, user_path, NULL);
  /* In the home folder the project file is the user file: it counts once. */
  if (strcmp (project_path, user_path) != 0)
    add_layer (self, SB_SCOPE_PROJECT, project_path, folder);
  add_layer (self, SB_SCOPE_LOCAL, local_path, local_root);
  add_managed_layers (self);

  sb_layer_stack_update (self);

  return self;
}

const char *
sb_layer_stack_get_folder (SbLayerStack *self)
{
  g_return_val_if_fail (SB_IS_LAYER_STACK (self), NULL);

  return self->folder;
}

/**
 * sb_layer_stack_get_layers:
 * @self: a #SbLayerStack
 *
 * Returns: (transfer none) (element-type SbLayer): the layers, lowest precedence first
 */
GPtrArray *
sb_layer_stack_get_layers (SbLayerStack *self)
{
  g_return_val_if_fail (SB_IS_LAYER_STACK (self), NULL);

  return self->layers;
}

/**
 * sb_layer_stack_get_layer:
 * @self: a #SbLayerStack
 * @scope: a scope
 *
 * Returns: (transfer none) (nullable): the (first) layer of @scope
 */
SbLayer *
sb_layer_stack_get_layer (SbLayerStack *self,
                          SbScope       scope)
{
  g_return_val_if_fail (SB_IS_LAYER_STACK (self), NULL);

  for (guint i = 0; i < self->layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (self->layers, i);

      if (sb_layer_get_scope (layer) == scope)
        return layer;
    }

  return NULL;
}

/**
 * sb_layer_stack_get_effective:
 * @self: a #SbLayerStack
 *
 * Returns: (transfer none): the merged settings object
 */
JsonNode *
sb_layer_stack_get_effective (SbLayerStack *self)
{
  g_return_val_if_fail (SB_IS_LAYER_STACK (self), NULL);

  return self->effective;
}

/**
 * sb_layer_stack_get_origins:
 * @self: a #SbLayerStack
 *
 * Returns: (transfer none) (element-type SbOrigin): the layer each leaf and array element
 *   of the effective settings comes from, in document order
 */
GPtrArray *
sb_layer_stack_get_origins (SbLayerStack *self)
{
  g_return_val_if_fail (SB_IS_LAYER_STACK (self), NULL);

  return self->origins;
}

gboolean
sb_layer_stack_lookup_origin (SbLayerStack *self,
                              const char   *pointer,
                              SbScope      *scope)
{
  SbOrigin *origin;

  g_return_val_if_fail (SB_IS_LAYER_STACK (self), FALSE);

  origin = g_hash_table_lookup (self->origin_map, pointer);
  if (origin == NULL)
    return FALSE;

  if (scope != NULL)
    *scope = origin->scope;
  return TRUE;
}

void
sb_layer_stack_reload (SbLayerStack *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (SB_IS_LAYER_STACK (self));

  for (guint i = 0; i < self->layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (self->layers, i);

      g_signal_handlers_block_by_func (layer, on_layer_changed_cb, self);
      changed |= sb_layer_reload (layer);
      g_signal_handlers_unblock_by_func (layer, on_layer_changed_cb, self);
    }

  if (changed)
    {
      sb_layer_stack_update (self);
      g_signal_emit (self, signals[CHANGED], 0, TRUE);
    }
}

void
sb_layer_stack_set_watched (SbLayerStack *self,
                            gboolean      watched)
{
  g_return_if_fail (SB_IS_LAYER_STACK (self));

  for (guint i = 0; i < self->layers->len; i++)
    sb_layer_set_watched (g_ptr_array_index (self->layers, i), watched);
}

/**
 * sb_model_id_is_valid:
 * @model: a model id as typed
 *
 * Returns: whether @model can be a model id: non-empty UTF-8 without spaces or control
 *   characters. Whether the catalogue knows it is for the diagnostics to say.
 */
gboolean
sb_model_id_is_valid (const char *model)
{
  if (model == NULL || model[0] == '\0' || !g_utf8_validate (model, -1, NULL))
    return FALSE;

  for (const char *p = model; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }

  return TRUE;
}

/**
 * sb_layer_stack_use_model:
 * @self: a stack
 * @model: a model id
 * @scope: the layer to write: user, project or local
 * @error: where to say why not
 *
 * Chooses @model for the folder without the catalogue, so without the limits that come
 * with it: see sb_claude_model_use(), which callers that have the catalogue use instead.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
sb_layer_stack_use_model (SbLayerStack  *self,
                          const char    *model,
                          SbScope        scope,
                          GError       **error)
{
  return sb_claude_model_use (self, NULL, model, scope, NULL, error);
}
