/* sb-value-row.c
 *
 * A row for one setting: its readable title, its value, and its key in small monospace.
 *
 * The row shows an SbValueItem and follows it: when the item's properties change, the row
 * changes with them, and is never made anew for it. An editable item gets a pencil whose
 * popover (made when first opened) edits the value, and sends what it asks for up as
 * actions of the column.
 *
 * A key such as ANTHROPIC_DEFAULT_SONNET_MODEL is one word to the eye and to a screen
 * reader, so it is never broken across lines: its label is shortened in the middle when
 * the column is narrow, and the whole key is in its tooltip. A setting without a readable
 * title is titled by its key, shown the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-edit-popover.h"
#include "sb-row-box.h"
#include "sb-value-row.h"
#include "sb-widget-utils-private.h"

struct _SbValueRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkLabel          *badge;
  GtkMenuButton     *edit_button;
  GtkLabel          *key_label;
  GtkLabel          *title_label;
  GtkLabel          *value_label;

  /* Owned */
  SbValueItem       *item;
  SbCatalog         *catalog;     /* nullable */
  const char        *badge_class; /* static: the scope's name */
};

G_DEFINE_FINAL_TYPE (SbValueRow, sb_value_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The title is the key itself when there is no readable one: then it reads as a key. */
static void
update_title (SbValueRow *self)
{
  const char *title = sb_value_item_get_title (self->item);
  const char *key = sb_value_item_get_key (self->item);
  gboolean is_key = key == NULL || g_strcmp0 (title, key) == 0;
  g_autofree char *edit = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title != NULL ? title : "");
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_wrap (self->title_label, !is_key);
  gtk_label_set_ellipsize (self->title_label,
                           is_key ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_NONE);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->title_label), is_key ? title : NULL);
  if (is_key)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "monospace");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "monospace");

  gtk_label_set_label (self->key_label, key);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->key_label), key);
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), !is_key);

  /* Read once: the title, not the title and then the key spelled out. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : "", -1);

  /* Translators: %s is a setting, e.g. "Opus tier" or MY_VARIABLE */
  edit = g_strdup_printf (_("Edit %s"), title != NULL ? title : "");
  sb_widget_set_tooltip_text (GTK_WIDGET (self->edit_button), edit);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit, -1);
}

/* The value, and under it the layer that overrides it, if one does. */
static void
update_value (SbValueRow *self)
{
  const char *text = sb_value_item_get_text (self->item);
  const char *overridden_by = sb_value_item_get_overridden_by (self->item);
  g_autofree char *value = NULL;

  if (overridden_by != NULL)
    /* Translators: the first %s is a value, the second the layer whose value wins: User,
     * Project, Local or Managed */
    value = g_strdup_printf (_("%s\noverridden by %s"), text != NULL ? text : "",
                             overridden_by);
  else
    value = g_strdup (text != NULL ? text : "");

  if (g_strcmp0 (value, gtk_label_get_label (self->value_label)) != 0)
    {
      gtk_label_set_label (self->value_label, value);
      gtk_widget_set_visible (GTK_WIDGET (self->value_label), value[0] != '\0');
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
    }

  if (overridden_by != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "overridden");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "overridden");
}

static void
update_problem (SbValueRow *self)
{
  const char *problem = sb_value_item_get_problem (self->item);

  if (problem != NULL)
    {
      /* Markup, escaped: a message may quote "<redacted>" or a value with a < in it. */
      g_autofree char *markup = g_markup_escape_text (problem, -1);

      gtk_widget_add_css_class (GTK_WIDGET (self), "problem");
      sb_widget_set_tooltip_markup (GTK_WIDGET (self), markup);
    }
  else if (gtk_widget_has_css_class (GTK_WIDGET (self), "problem"))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "problem");
      sb_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
    }
}

/* Where the value comes from, in the merged settings. */
static void
update_badge (SbValueRow *self)
{
  SbScope origin;
  gboolean has_origin = sb_value_item_get_origin (self->item, &origin);

  if (self->badge_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge), self->badge_class);
  self->badge_class = has_origin ? sb_scope_to_string (origin) : NULL;
  if (self->badge_class != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->badge), self->badge_class);
      gtk_label_set_label (self->badge, sb_scope_get_title (origin));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->badge), has_origin);
}

static void
update_editable (SbValueRow *self)
{
  gboolean editable = sb_value_item_get_editable (self->item);

  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), editable);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), editable);
}

/* Made the first time it opens: a column has many pencils, and an entry with its input
 * method is not worth making for each before it is wanted. */
static void
create_popover (GtkMenuButton *button,
                gpointer       user_data)
{
  SbValueRow *self = user_data;
  static const char * const bound[] = { "pointer", "title", "masked", "secret", NULL };
  GtkWidget *popover;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  popover = sb_edit_popover_new (self->catalog);
  for (guint i = 0; bound[i] != NULL; i++)
    g_object_bind_property (self->item, bound[i], popover, bound[i], G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->item, "edit-text", popover, "original", G_BINDING_SYNC_CREATE);
  gtk_menu_button_set_popover (button, popover);
}

static void
on_row_activated_cb (SbValueRow    *self,
                     GtkListBoxRow *row)
{
  if (row == GTK_LIST_BOX_ROW (self) && sb_value_item_get_editable (self->item))
    gtk_menu_button_popup (self->edit_button);
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
sb_value_row_constructed (GObject *object)
{
  SbValueRow *self = SB_VALUE_ROW (object);
  static const struct
  {
    const char *signal;
    void      (*update) (SbValueRow *self);
  } follow[] = {
    { "notify::title", update_title },
    { "notify::key", update_title },
    { "notify::text", update_value },
    { "notify::overridden-by", update_value },
    { "notify::problem", update_problem },
    { "notify::has-origin", update_badge },
    { "notify::origin", update_badge },
    { "notify::editable", update_editable },
  };

  G_OBJECT_CLASS (sb_value_row_parent_class)->constructed (object);

  g_assert (self->item != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (follow); i++)
    g_signal_connect_object (self->item, follow[i].signal, G_CALLBACK (follow[i].update), self,
                             G_CONNECT_SWAPPED);
  update_title (self);
  update_value (self);
  update_problem (self);
  update_badge (self);
  update_editable (self);
  gtk_menu_button_set_create_popup_func (self->edit_button, create_popover, self, NULL);
}

static void
sb_value_row_dispose (GObject *object)
{
  SbValueRow *self = SB_VALUE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_VALUE_ROW);
  g_clear_object (&self->item);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_value_row_parent_class)->dispose (object);
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
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
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
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;

    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
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

  object_class->constructed = sb_value_row_constructed;
  object_class->dispose = sb_value_row_dispose;
  object_class->get_property = sb_value_row_get_property;
  object_class->set_property = sb_value_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, SB_TYPE_VALUE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, SB_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_ROW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, badge);
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, key_label);
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbValueRow, value_label);
}

static void
sb_value_row_init (SbValueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed_cb), NULL);
}

/**
 * sb_value_row_new:
 * @item: the setting to show
 * @catalog: (nullable): the model list, for the popover's hints about model ids
 *
 * Returns: (transfer floating): a row that follows @item
 */
GtkWidget *
sb_value_row_new (SbValueItem *item,
                  SbCatalog   *catalog)
{
  g_return_val_if_fail (SB_IS_VALUE_ITEM (item), NULL);

  return g_object_new (SB_TYPE_VALUE_ROW, "item", item, "catalog", catalog, NULL);
}

SbValueItem *
sb_value_row_get_item (SbValueRow *self)
{
  g_return_val_if_fail (SB_IS_VALUE_ROW (self), NULL);

  return self->item;
}

const char *
sb_value_row_get_value (SbValueRow *self)
{
  g_return_val_if_fail (SB_IS_VALUE_ROW (self), NULL);

  return gtk_label_get_label (self->value_label);
}

const char *
sb_value_row_get_key_name (SbValueRow *self)
{
  g_return_val_if_fail (SB_IS_VALUE_ROW (self), NULL);

  return sb_value_item_get_key (self->item);
}
