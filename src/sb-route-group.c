/* sb-route-group.c
 *
 * The key page's layers, each with its switch to route through OpenRouter: an SbRouteRow
 * per layer, over the page's list of key profiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-route-group.h"
#include "sb-route-row.h"
#include "sb-routing.h"

struct _SbRouteGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  GListModel          *profiles;
  GPtrArray           *rows;      /* of SbRouteRow */
};

G_DEFINE_FINAL_TYPE (SbRouteGroup, sb_route_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_PROFILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * sb_route_group_set_layers:
 * @self: the group
 * @layers: (element-type SbLayer): the layers to show, in order
 */
void
sb_route_group_set_layers (SbRouteGroup *self,
                           GPtrArray    *layers)
{
  g_return_if_fail (SB_IS_ROUTE_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < layers->len; i++)
    {
      SbRouteRow *row = sb_route_row_new (g_ptr_array_index (layers, i), self->profiles);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
    }
}

/**
 * sb_route_group_get_layers:
 * @self: the group
 *
 * Returns: (transfer container) (element-type SbLayer): the layers shown
 */
GPtrArray *
sb_route_group_get_layers (SbRouteGroup *self)
{
  GPtrArray *layers = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SB_IS_ROUTE_GROUP (self), layers);

  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (layers,
                     g_object_ref (sb_route_row_get_layer (g_ptr_array_index (self->rows, i))));
  return layers;
}

/**
 * sb_route_group_update:
 * @self: the group
 * @profile: the profile to offer for layers that do not route
 *
 * Shows what the layers' files say now.
 */
void
sb_route_group_update (SbRouteGroup *self,
                       const char   *profile)
{
  g_return_if_fail (SB_IS_ROUTE_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    sb_route_row_update (g_ptr_array_index (self->rows, i), profile);
}

static void
sb_route_group_dispose (GObject *object)
{
  SbRouteGroup *self = (SbRouteGroup *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ROUTE_GROUP);
  g_clear_object (&self->profiles);

  G_OBJECT_CLASS (sb_route_group_parent_class)->dispose (object);
}

static void
sb_route_group_finalize (GObject *object)
{
  SbRouteGroup *self = (SbRouteGroup *)object;

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (sb_route_group_parent_class)->finalize (object);
}

static void
sb_route_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbRouteGroup *self = SB_ROUTE_GROUP (object);

  switch (prop_id)
    {
    case PROP_PROFILES:
      g_value_set_object (value, self->profiles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_route_group_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbRouteGroup *self = SB_ROUTE_GROUP (object);

  switch (prop_id)
    {
    case PROP_PROFILES:
      self->profiles = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_route_group_class_init (SbRouteGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_route_group_dispose;
  object_class->finalize = sb_route_group_finalize;
  object_class->get_property = sb_route_group_get_property;
  object_class->set_property = sb_route_group_set_property;

  /* SbRouteGroup:profiles: the key page's profile names, as #GtkStringObject */
  properties[PROP_PROFILES] =
    g_param_spec_object ("profiles", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-route-group.ui");
}

static void
sb_route_group_init (SbRouteGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  /* Running from the build tree, say so before anyone tries. */
  helper = sb_routing_get_helper_path (&error);
  if (helper == NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
}
