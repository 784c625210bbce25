/* sb-offered-models.c
 *
 * A folder's /model list: the favourites and the models its layers already allow (the one
 * it uses marked among them), each with a switch that puts it in the folder's
 * availableModels or takes it out.
 *
 * Lists merge across layers, so Local cannot take out what Project allows: a model allowed
 * by another layer is switched in that layer and says so, and one allowed by the managed
 * settings cannot be switched off here. Models are written to the layer chosen for models
 * (Local unless the person chose another).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-claude-menu.h"
#include "sb-json-edit.h"
#include "sb-offered-models.h"
#include "sb-offered-row.h"

struct _SbOfferedModels
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkListBox          *list;

  /* Owned */
  SbFolder            *folder;
  SbContext           *context;
  guint                update_source;
};

G_DEFINE_FINAL_TYPE (SbOfferedModels, sb_offered_models, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_unique (GPtrArray  *ids,
            const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (ids, i), id) == 0)
      return;

  g_ptr_array_add (ids, g_strdup (id));
}

/* The favourites and the models the folder's layers allow; the one it uses is marked
 * among them. */
static GPtrArray *
list_models (SbOfferedModels *self,
             SbLayerStack    *stack)
{
  SbSettings *settings = sb_context_get_settings (self->context);
  const char * const *favourites = sb_settings_get_favourites (settings);
  JsonNode *allowed = sb_json_pointer_get (sb_layer_stack_get_effective (stack),
                                           "/availableModels");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; favourites != NULL && favourites[i] != NULL; i++)
    add_unique (ids, favourites[i]);

  if (allowed != NULL && JSON_NODE_HOLDS_ARRAY (allowed))
    {
      JsonArray *array = json_node_get_array (allowed);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            add_unique (ids, json_node_get_string (node));
        }
    }


  return ids;
}

/* The row of @id, made or, when @row is given, changed in place. */
static GtkWidget *
make_row (SbOfferedModels *self,
          SbLayerStack    *stack,
          const char      *id,
          SbOfferedRow    *row)
{
  SbCatalog *catalog = sb_context_get_catalog (self->context);
  SbModel *entry = sb_catalog_lookup (catalog, id);
  g_autofree char *description = entry != NULL ? sb_claude_picker_describe (entry) : NULL;
  SbScope scope = sb_settings_get_model_scope (sb_context_get_settings (self->context));
  gboolean offered = sb_claude_available_find (stack, id, &scope, NULL);
  SbLayer *layer = sb_layer_stack_get_layer (stack, scope);
  gboolean writable = layer != NULL && scope != SB_SCOPE_MANAGED &&
                      !sb_layer_get_read_only (layer);

  gboolean current = g_strcmp0 (id, sb_folder_get_model (self->folder)) == 0;

  if (row == NULL)
    return sb_offered_row_new (id, description, offered, scope, writable, current);

  sb_offered_row_update (row, description, offered, scope, writable, current);
  return GTK_WIDGET (row);
}

/**
 * sb_offered_models_update:
 * @self: the list
 *
 * Brings the rows up to the folder's layers and the favourites: a model that stays keeps
 * its row, changed in place; only models that come or go make or take a row.
 */
void
sb_offered_models_update (SbOfferedModels *self)
{
  SbLayerStack *stack;
  g_autoptr(GPtrArray) ids = NULL;
  GtkWidget *child;
  GtkWidget *next;

  g_return_if_fail (SB_IS_OFFERED_MODELS (self));

  stack = sb_folder_get_stack (self->folder);
  ids = list_models (self, stack);

  /* Rows of models no longer listed go. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (!g_ptr_array_find_with_equal_func (ids, sb_offered_row_get_model (SB_OFFERED_ROW (child)),
                                             g_str_equal, NULL))
        gtk_list_box_remove (self->list, child);
    }

  /* The rest change in place; new ones come in at their places. */
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row != NULL && g_str_equal (sb_offered_row_get_model (SB_OFFERED_ROW (row)), id))
        make_row (self, stack, id, SB_OFFERED_ROW (row));
      else
        gtk_list_box_insert (self->list, make_row (self, stack, id, NULL), i);
    }
  /* A model listed twice cannot be, so what is past the list is left of a reordering. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, ids->len))) != NULL)
    gtk_list_box_remove (self->list, child);

  gtk_widget_set_visible (GTK_WIDGET (self), ids->len > 0);
}

static gboolean
update_cb (gpointer user_data)
{
  SbOfferedModels *self = user_data;

  self->update_source = 0;
  sb_offered_models_update (self);
  return G_SOURCE_REMOVE;
}

/* A switch that could not be written goes back to what the files say; not from within
 * its own signal. (A change that was made is followed through ::changed.) */
static void
on_folder_notice_cb (SbOfferedModels *self,
                     const char      *message,
                     gboolean         undoable)
{
  if (!undoable && self->update_source == 0)
    self->update_source = g_idle_add (update_cb, self);
}

static void
sb_offered_models_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbOfferedModels *self = SB_OFFERED_MODELS (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_offered_models_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbOfferedModels *self = SB_OFFERED_MODELS (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_offered_models_constructed (GObject *object)
{
  SbOfferedModels *self = SB_OFFERED_MODELS (object);

  G_OBJECT_CLASS (sb_offered_models_parent_class)->constructed (object);

  g_signal_connect_object (self->folder, "changed", G_CALLBACK (sb_offered_models_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->folder, "notice", G_CALLBACK (on_folder_notice_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_context_get_settings (self->context), "notify::favourites",
                           G_CALLBACK (sb_offered_models_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_context_get_settings (self->context), "notify::model-layer",
                           G_CALLBACK (sb_offered_models_update), self, G_CONNECT_SWAPPED);
  sb_offered_models_update (self);
}

static void
sb_offered_models_dispose (GObject *object)
{
  SbOfferedModels *self = SB_OFFERED_MODELS (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_OFFERED_MODELS);
  g_clear_object (&self->folder);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sb_offered_models_parent_class)->dispose (object);
}

static void
sb_offered_models_class_init (SbOfferedModelsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_offered_models_constructed;
  object_class->dispose = sb_offered_models_dispose;
  object_class->get_property = sb_offered_models_get_property;
  object_class->set_property = sb_offered_models_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, SB_TYPE_FOLDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-offered-models.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOfferedModels, list);
}

static void
sb_offered_models_init (SbOfferedModels *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_offered_models_new:
 * @folder: the folder, its layers read
 * @context: the services: the favourites and the catalogue
 *
 * Returns: (transfer floating): the list
 */
GtkWidget *
sb_offered_models_new (SbFolder  *folder,
                       SbContext *context)
{
  g_return_val_if_fail (SB_IS_FOLDER (folder), NULL);
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  return g_object_new (SB_TYPE_OFFERED_MODELS, "folder", folder, "context", context, NULL);
}
