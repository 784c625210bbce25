/* sb-route-row.c
 *
 * One layer on the key page: whether it routes through OpenRouter, and with which key
 * profile. The row shows its layer; a change is asked for with the key.route action,
 * which the page carries out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-profile-combo.h"
#include "sb-key-store.h"
#include "sb-paths.h"
#include "sb-route-row.h"
#include "sb-routing.h"

struct _SbRouteRow
{
  AdwExpanderRow  parent_instance;

  /* Template widgets */
  AdwComboRow    *profile_row;

  /* Owned */
  SbLayer        *layer;
  char           *path;      /* abbreviated, for the subtitle */
  gboolean        updating;  /* showing the layer, not taking the person's choice */
};

G_DEFINE_FINAL_TYPE (SbRouteRow, sb_route_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_PROFILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
route (SbRouteRow *self)
{
  if (self->updating || self->layer == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "key.route", "(sbs)",
                              sb_scope_to_string (sb_layer_get_scope (self->layer)),
                              adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self)),
                              sb_profile_combo_selected (self->profile_row));
}

static void
on_enable_expansion_cb (SbRouteRow *self)
{
  route (self);
}

static void
on_profile_row_selected_cb (SbRouteRow *self)
{
  /* A profile chosen while routing is off is only a choice, until it is turned on. */
  if (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self)))
    route (self);
}

/**
 * sb_route_row_update:
 * @self: the row
 * @profile: the profile to offer while the layer does not route
 *
 * Shows what the layer's file says now.
 */
void
sb_route_row_update (SbRouteRow *self,
                     const char *profile)
{
  g_autofree char *used = NULL;
  g_autofree char *subtitle = NULL;
  gboolean enabled;
  SbLayerState state;
  gboolean usable;

  g_return_if_fail (SB_IS_ROUTE_ROW (self));

  enabled = sb_routing_get_enabled (self->layer, &used);
  state = sb_layer_get_state (self->layer);
  usable = state == SB_LAYER_STATE_OK || state == SB_LAYER_STATE_MISSING;

  if (!usable)
    /* Translators: %s is a file path */
    subtitle = g_strdup_printf (_("%s cannot be read or does not parse; fix it first"),
                                self->path);
  else if (enabled && !g_str_equal (used, SB_KEY_STORE_DEFAULT_PROFILE))
    /* Translators: the first %s is a file path, the second a key profile name */
    subtitle = g_strdup_printf (_("%s, with the key of “%s”"), self->path, used);
  else
    subtitle = g_strdup (self->path);

  self->updating = TRUE;
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self), usable);
  sb_profile_combo_select (self->profile_row, enabled ? used : profile);
  self->updating = FALSE;
}

SbLayer *
sb_route_row_get_layer (SbRouteRow *self)
{
  g_return_val_if_fail (SB_IS_ROUTE_ROW (self), NULL);

  return self->layer;
}

static void
sb_route_row_dispose (GObject *object)
{
  SbRouteRow *self = (SbRouteRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ROUTE_ROW);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (sb_route_row_parent_class)->dispose (object);
}

static void
sb_route_row_finalize (GObject *object)
{
  SbRouteRow *self = (SbRouteRow *)object;

  g_free (self->path);

  G_OBJECT_CLASS (sb_route_row_parent_class)->finalize (object);
}

static void
sb_route_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbRouteRow *self = SB_ROUTE_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_PROFILES:
      g_value_set_object (value, adw_combo_row_get_model (self->profile_row));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_route_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbRouteRow *self = SB_ROUTE_ROW (object);
  SbLayer *layer;

  switch (prop_id)
    {
    case PROP_LAYER:
      layer = g_value_get_object (value);
      self->layer = g_object_ref (layer);
      self->path = sb_paths_abbreviate (sb_layer_get_path (layer));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                     sb_scope_get_title (sb_layer_get_scope (layer)));
      break;
    case PROP_PROFILES:
      self->updating = TRUE;
      adw_combo_row_set_model (self->profile_row, g_value_get_object (value));
      self->updating = FALSE;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_route_row_class_init (SbRouteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_route_row_dispose;
  object_class->finalize = sb_route_row_finalize;
  object_class->get_property = sb_route_row_get_property;
  object_class->set_property = sb_route_row_set_property;

  /* SbRouteRow:layer: the settings file the row turns routing on and off in */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, SB_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* SbRouteRow:profiles: the key page's profile names, as #GtkStringObject */
  properties[PROP_PROFILES] =
    g_param_spec_object ("profiles", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-route-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbRouteRow, profile_row);
  gtk_widget_class_bind_template_callback (widget_class, on_enable_expansion_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_row_selected_cb);
}

static void
sb_route_row_init (SbRouteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_route_row_new:
 * @layer: a User, Project or Local layer
 * @profiles: the profile names to offer, as #GtkStringObject
 */
SbRouteRow *
sb_route_row_new (SbLayer    *layer,
                  GListModel *profiles)
{
  return g_object_new (SB_TYPE_ROUTE_ROW, "layer", layer, "profiles", profiles, NULL);
}
