/* sb-model-star.c
 *
 * The star of a row of the model chooser: pins the row's model to the top of the list.
 *
 * The star shows what it is given; a click by the person goes up as the chooser's
 * `chooser.pin` action (model id, pinned), which keeps the favourites.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-model-star.h"
#include "sb-widget-utils-private.h"

struct _SbModelStar
{
  GtkToggleButton  parent_instance;

  /* Owned */
  char            *model_id;   /* NULL while a row is being bound: no click then */
};

G_DEFINE_FINAL_TYPE (SbModelStar, sb_model_star, GTK_TYPE_TOGGLE_BUTTON)

enum {
  PROP_0,
  PROP_MODEL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (SbModelStar *self)
{
  gboolean pinned = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self));
  g_autofree char *label = NULL;

  if (self->model_id == NULL)
    return;

  /* Translators: %s is a model id, e.g. z-ai/glm-4.6 */
  label = g_strdup_printf (pinned ? _("Unpin %s") : _("Pin %s to the Top"), self->model_id);
  gtk_button_set_icon_name (GTK_BUTTON (self),
                            pinned ? "starred-symbolic" : "non-starred-symbolic");
  sb_widget_set_tooltip_text (GTK_WIDGET (self), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
sb_model_star_toggled (GtkToggleButton *button)
{
  SbModelStar *self = SB_MODEL_STAR (button);

  if (GTK_TOGGLE_BUTTON_CLASS (sb_model_star_parent_class)->toggled != NULL)
    GTK_TOGGLE_BUTTON_CLASS (sb_model_star_parent_class)->toggled (button);

  update (self);
  if (self->model_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "chooser.pin", "(sb)", self->model_id,
                                gtk_toggle_button_get_active (button));
}

/**
 * sb_model_star_show:
 * @self: the star
 * @model_id: (nullable): the row's model; %NULL for a row let go
 * @pinned: whether it is a favourite
 *
 * Shows a row's model, without taking it for a click.
 */
void
sb_model_star_show (SbModelStar *self,
                    const char  *model_id,
                    gboolean     pinned)
{
  g_return_if_fail (SB_IS_MODEL_STAR (self));

  g_clear_pointer (&self->model_id, g_free);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self), pinned);
  self->model_id = g_strdup (model_id);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_ID]);
}

const char *
sb_model_star_get_model_id (SbModelStar *self)
{
  g_return_val_if_fail (SB_IS_MODEL_STAR (self), NULL);

  return self->model_id;
}

static void
sb_model_star_finalize (GObject *object)
{
  SbModelStar *self = SB_MODEL_STAR (object);

  g_free (self->model_id);

  G_OBJECT_CLASS (sb_model_star_parent_class)->finalize (object);
}

static void
sb_model_star_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbModelStar *self = SB_MODEL_STAR (object);

  switch (prop_id)
    {
    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_star_class_init (SbModelStarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkToggleButtonClass *toggle_class = GTK_TOGGLE_BUTTON_CLASS (klass);

  object_class->finalize = sb_model_star_finalize;
  object_class->get_property = sb_model_star_get_property;
  toggle_class->toggled = sb_model_star_toggled;

  /* The model of the row shown; set with sb_model_star_show(). */
  properties[PROP_MODEL_ID] =
    g_param_spec_string ("model-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-model-star.ui");
}

static void
sb_model_star_init (SbModelStar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
