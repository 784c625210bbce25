/* sb-group.c
 *
 * A titled group of a column: a heading, and under it what is added, one under the other
 * (boxed lists of rows, a line of description, buttons). It looks like the
 * AdwPreferencesGroup it stands for, at a fraction of the widgets: a column has four such
 * groups and the window up to sixteen, and AdwPreferencesGroup makes eight widgets for
 * each (its header, its description, a list of its own), most of them never shown, each
 * of which the window's first frame creates, styles and measures.
 *
 * A list added is labelled by the title for screen readers, as in AdwPreferencesGroup.
 * Children may also come from a template's <child> elements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-group.h"
#include "sb-widget-utils-private.h"

struct _SbGroup
{
  GtkWidget  parent_instance;

  GtkWidget *title_label;
};

static void sb_group_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbGroup, sb_group, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      sb_group_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
sb_group_new (const char *title)
{
  return g_object_new (SB_TYPE_GROUP, "title", title, NULL);
}

const char *
sb_group_get_title (SbGroup *self)
{
  g_return_val_if_fail (SB_IS_GROUP (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->title_label));
}

/**
 * sb_group_set_title:
 * @self: a group
 * @title: (nullable): its heading; none is shown for %NULL or ""
 */
void
sb_group_set_title (SbGroup    *self,
                    const char *title)
{
  g_return_if_fail (SB_IS_GROUP (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (title, sb_group_get_title (self)) == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  gtk_widget_set_visible (self->title_label, title[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * sb_group_add:
 * @self: a group
 * @child: (transfer floating): what to put last in the group
 */
void
sb_group_add (SbGroup   *self,
              GtkWidget *child)
{
  g_return_if_fail (SB_IS_GROUP (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  if (GTK_IS_LIST_BOX (child))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    self->title_label, NULL, -1);
}

/**
 * sb_group_add_description:
 * @self: a group
 * @description: what the group holds, in a sentence
 *
 * Puts @description last in the group, dimmed: under its title, above its rows when added
 * before them.
 */
void
sb_group_add_description (SbGroup    *self,
                          const char *description)
{
  GtkWidget *label;

  g_return_if_fail (SB_IS_GROUP (self));

  label = gtk_label_new (description);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), SB_MIN_LABEL_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  sb_group_add (self, label);
}

static void
sb_group_buildable_add_child (GtkBuildable *buildable,
                              GtkBuilder   *builder,
                              GObject      *child,
                              const char   *type)
{
  if (GTK_IS_WIDGET (child) && type == NULL)
    sb_group_add (SB_GROUP (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
sb_group_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = sb_group_buildable_add_child;
}

static void
sb_group_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_group_parent_class)->dispose (object);
}

static void
sb_group_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbGroup *self = SB_GROUP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, sb_group_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_group_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SbGroup *self = SB_GROUP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sb_group_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_group_class_init (SbGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_group_dispose;
  object_class->get_property = sb_group_get_property;
  object_class->set_property = sb_group_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "preferencesgroup");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_group_init (SbGroup *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  /* As AdwPreferencesGroup's heading: 12 pixels above what it heads. */
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_bottom (self->title_label, 12);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_widget_add_css_class (self->title_label, "h4");
  gtk_widget_set_visible (self->title_label, FALSE);
  gtk_widget_set_parent (self->title_label, GTK_WIDGET (self));
}
