/* sb-value-row.c
 *
 * A row for one setting: its readable title, its value, and its key in small monospace.
 *
 * A key such as ANTHROPIC_DEFAULT_SONNET_MODEL is one word to the eye and to a screen
 * reader, so it is never broken across lines: its label is shortened in the middle when
 * the column is narrow, and the whole key is in its tooltip. A setting without a readable
 * title is titled by its key, shown the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-value-row.h"

struct _SbValueRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkBox            *suffixes;
  GtkLabel          *key_label;
  GtkLabel          *title_label;
  GtkLabel          *value_label;

  /* Owned */
  char              *key_name;
  GtkWidget         *activatable_widget; /* unowned: one of the suffixes */
};

G_DEFINE_FINAL_TYPE (SbValueRow, sb_value_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_KEY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The title is the key itself when there is no readable one: then it reads as a key. */
static void
update_title (SbValueRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  gboolean is_key = self->key_name == NULL || g_strcmp0 (title, self->key_name) == 0;

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_wrap (self->title_label, !is_key);
  gtk_label_set_ellipsize (self->title_label,
                           is_key ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), is_key ? title : NULL);
  if (is_key)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "monospace");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "monospace");

  gtk_label_set_label (self->key_label, self->key_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_label), self->key_name);
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), !is_key);

  /* Read once: the title, not the title and then the key spelled out. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : "", -1);
}

static void
on_row_activated_cb (SbValueRow    *self,
                     GtkListBoxRow *row)
{
  if (row == GTK_LIST_BOX_ROW (self) && self->activatable_widget != NULL)
    gtk_widget_mnemonic_activate (self->activatable_widget, FALSE);
}

/* A list box tells its rows apart only in its row-activated signal. */
static void
on_parent_changed_cb (SbValueRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (GTK_IS_LIST_BOX (parent))
    g_signal_connect_object (parent, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
sb_value_row_dispose (GObject *object)
{
  SbValueRow *self = SB_VALUE_ROW (object);

  self->activatable_widget = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_VALUE_ROW);

  G_OBJECT_CLASS (sb_value_row_parent_class)->dispose (object);
}

static void
sb_value_row_finalize (GObject *object)
{
  SbValueRow *self = SB_VALUE_ROW (object);

  g_free (self->key_name);

  G_OBJECT_CLASS (sb_value_row_parent_class)->finalize (object);
}

static void
sb_value_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbValueRow *self = SB_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, sb_value_row_get_value (self));
      break;

    case PROP_KEY_NAME:
      g_value_set_string (value, self->key_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_value_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbValueRow *self = SB_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      sb_value_row_set_value (self, g_value_get_string (value));
      break;

    case PROP_KEY_NAME:
      sb_value_row_set_key_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_value_row_class_init (SbValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_value_row_dispose;
  object_class->finalize = sb_value_row_finalize;
  object_class->get_property = sb_value_row_get_property;
  object_class->set_property = sb_value_row_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_NAME] =
    g_param_spec_string ("key-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, key_label);
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, suffixes);
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, value_label);
}

static void
sb_value_row_init (SbValueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (update_title), NULL);
  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed_cb), NULL);
}

/**
 * sb_value_row_new:
 * @title: the setting's readable name, e.g. "Opus tier", or its key if it has none
 * @value: what the row shows as the value
 * @key_name: (nullable): the variable or key, e.g. ANTHROPIC_DEFAULT_OPUS_MODEL
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
sb_value_row_new (const char *title,
                  const char *value,
                  const char *key_name)
{
  return g_object_new (SB_TYPE_VALUE_ROW,
                       "key-name", key_name,
                       "title", title,
                       "value", value,
                       NULL);
}

const char *
sb_value_row_get_value (SbValueRow *self)
{
  g_return_val_if_fail (SB_IS_VALUE_ROW (self), NULL);

  return gtk_label_get_label (self->value_label);
}

void
sb_value_row_set_value (SbValueRow *self,
                        const char *value)
{
  g_return_if_fail (SB_IS_VALUE_ROW (self));

  if (g_strcmp0 (value, gtk_label_get_label (self->value_label)) == 0)
    return;

  gtk_label_set_label (self->value_label, value);
  gtk_widget_set_visible (GTK_WIDGET (self->value_label), value != NULL && value[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  value != NULL ? value : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
sb_value_row_get_key_name (SbValueRow *self)
{
  g_return_val_if_fail (SB_IS_VALUE_ROW (self), NULL);

  return self->key_name;
}

void
sb_value_row_set_key_name (SbValueRow *self,
                           const char *key_name)
{
  g_return_if_fail (SB_IS_VALUE_ROW (self));

  if (g_strcmp0 (self->key_name, key_name) == 0)
    return;

  g_free (self->key_name);
  self->key_name = g_strdup (key_name);

  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_NAME]);
}

void
sb_value_row_add_suffix (SbValueRow *self,
                         GtkWidget  *widget)
{
  g_return_if_fail (SB_IS_VALUE_ROW (self));

  gtk_box_append (self->suffixes, widget);
}

/**
 * sb_value_row_set_activatable_widget:
 * @self: a row
 * @widget: (nullable): one of its suffixes
 *
 * Makes activating the row, by a click or Enter, activate @widget, as AdwActionRow does.
 */
void
sb_value_row_set_activatable_widget (SbValueRow *self,
                                     GtkWidget  *widget)
{
  g_return_if_fail (SB_IS_VALUE_ROW (self));

  self->activatable_widget = widget;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), widget != NULL);
}
