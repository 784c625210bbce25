/* sb-model-badges.c
 *
 * The badges of a row of the model chooser: free, tools, reasoning, and when OpenRouter
 * retires the model.
 *
 * The first three follow the model's properties in the template; the date is worded here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-model-badges.h"
#include "sb-widget-utils-private.h"

struct _SbModelBadges
{
  GtkBox     parent_instance;

  /* Template widgets */
  GtkLabel  *expiring_badge;

  /* Owned */
  SbModel   *model;
};

G_DEFINE_FINAL_TYPE (SbModelBadges, sb_model_badges, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_expiration (SbModelBadges *self)
{
  GDateTime *expiration = self->model != NULL ? sb_model_get_expiration_date (self->model)
                                              : NULL;
  g_autofree char *date = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->expiring_badge), expiration != NULL);
  if (expiration == NULL)
    return;

  date = g_date_time_format (expiration, "%Y-%m-%d");
  /* Translators: %s is a date, such as 2026-07-01 */
  tooltip = g_strdup_printf (_("OpenRouter retires this model on %s"), date);
  /* Translators: badges in the model list; keep them short */
  gtk_label_set_label (self->expiring_badge, sb_model_is_expired (self->model, NULL)
                                             ? C_("badge", "expired")
                                             : C_("badge", "expiring"));
  sb_widget_set_tooltip_text (GTK_WIDGET (self->expiring_badge), tooltip);
}

/* Returns: (transfer none) (nullable): the model whose badges are shown */
SbModel *
sb_model_badges_get_model (SbModelBadges *self)
{
  g_return_val_if_fail (SB_IS_MODEL_BADGES (self), NULL);

  return self->model;
}

void
sb_model_badges_set_model (SbModelBadges *self,
                           SbModel       *model)
{
  g_return_if_fail (SB_IS_MODEL_BADGES (self));
  g_return_if_fail (model == NULL || SB_IS_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  update_expiration (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

static void
sb_model_badges_dispose (GObject *object)
{
  SbModelBadges *self = SB_MODEL_BADGES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_MODEL_BADGES);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (sb_model_badges_parent_class)->dispose (object);
}

static void
sb_model_badges_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbModelBadges *self = SB_MODEL_BADGES (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_badges_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbModelBadges *self = SB_MODEL_BADGES (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      sb_model_badges_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_model_badges_class_init (SbModelBadgesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_model_badges_dispose;
  object_class->get_property = sb_model_badges_get_property;
  object_class->set_property = sb_model_badges_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, SB_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-model-badges.ui");
  gtk_widget_class_bind_template_child (widget_class, SbModelBadges, expiring_badge);
}

static void
sb_model_badges_init (SbModelBadges *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
