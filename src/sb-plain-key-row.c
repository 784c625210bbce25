/* sb-plain-key-row.c
 *
 * A key written in plain text in a settings file, with the button that moves it into the
 * keyring: the button asks the page with the key.move-key action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-paths.h"
#include "sb-plain-key-row.h"

struct _SbPlainKeyRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkButton    *move_button;

  /* Owned */
  SbLayer      *layer;
  char         *pointer;
};

G_DEFINE_FINAL_TYPE (SbPlainKeyRow, sb_plain_key_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_POINTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_plain_key_row_constructed (GObject *object)
{
  SbPlainKeyRow *self = (SbPlainKeyRow *)object;
  SbScope scope = sb_layer_get_scope (self->layer);
  g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (self->layer));
  g_autofree char *subtitle = NULL;

  G_OBJECT_CLASS (sb_plain_key_row_parent_class)->constructed (object);

  /* Translators: the first %s is a layer (User, Project, Local), the second a path */
  subtitle = g_strdup_printf (_("%s settings, %s"), sb_scope_get_title (scope), path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->move_button), "(ss)",
                                    sb_scope_to_string (scope), self->pointer);
}

static void
sb_plain_key_row_dispose (GObject *object)
{
  SbPlainKeyRow *self = (SbPlainKeyRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PLAIN_KEY_ROW);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (sb_plain_key_row_parent_class)->dispose (object);
}

static void
sb_plain_key_row_finalize (GObject *object)
{
  SbPlainKeyRow *self = (SbPlainKeyRow *)object;

  g_free (self->pointer);

  G_OBJECT_CLASS (sb_plain_key_row_parent_class)->finalize (object);
}

static void
sb_plain_key_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbPlainKeyRow *self = SB_PLAIN_KEY_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_POINTER:
      g_value_set_string (value, self->pointer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_plain_key_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbPlainKeyRow *self = SB_PLAIN_KEY_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      self->layer = g_value_dup_object (value);
      break;
    case PROP_POINTER:
      self->pointer = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_plain_key_row_class_init (SbPlainKeyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_plain_key_row_constructed;
  object_class->dispose = sb_plain_key_row_dispose;
  object_class->finalize = sb_plain_key_row_finalize;
  object_class->get_property = sb_plain_key_row_get_property;
  object_class->set_property = sb_plain_key_row_set_property;

  /* SbPlainKeyRow:layer: the settings file the key is written in */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, SB_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* SbPlainKeyRow:pointer: where in the file, as a JSON Pointer */
  properties[PROP_POINTER] =
    g_param_spec_string ("pointer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-plain-key-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPlainKeyRow, move_button);
}

static void
sb_plain_key_row_init (SbPlainKeyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_plain_key_row_new:
 * @layer: the layer the key is written in
 * @pointer: where, as a JSON Pointer
 * @name: the setting's name, such as ANTHROPIC_AUTH_TOKEN
 */
SbPlainKeyRow *
sb_plain_key_row_new (SbLayer    *layer,
                      const char *pointer,
                      const char *name)
{
  return g_object_new (SB_TYPE_PLAIN_KEY_ROW, "layer", layer, "pointer", pointer,
                       "title", name, NULL);
}
