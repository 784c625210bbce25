/* sb-expander-row.c
 *
 * A row that opens onto more rows, as AdwExpanderRow does and styled by the same rules
 * (row.expander, its header row and its nested list): a title, a summary under it, an
 * arrow, and the rows added to it, shown while it is expanded.
 *
 * It is its own row rather than AdwExpanderRow for how it is measured: its header is an
 * SbRowBox, which asks each label its size once, where AdwExpanderRow's horizontal GtkBox
 * lays a wrapping label's text out again for each height it tries (see sb-row-box.c). The
 * Effective column's lists took thousands of text shapings that way in the first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-expander-row.h"
#include "sb-row-box.h"

struct _SbExpanderRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkListBoxRow     *header_row;
  GtkListBox        *list;
  GtkLabel          *subtitle_label;

  gboolean           expanded;
};

G_DEFINE_FINAL_TYPE (SbExpanderRow, sb_expander_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_SUBTITLE,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_header_activated_cb (SbExpanderRow *self)
{
  sb_expander_row_set_expanded (self, !self->expanded);
}

/* Arrow keys leave the nested list for the rows around the expander. */
static void
on_keynav_failed_cb (SbExpanderRow    *self,
                     GtkDirectionType  direction)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self));

  if (direction != GTK_DIR_UP && direction != GTK_DIR_DOWN)
    return;

  gtk_widget_child_focus (list, direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD
                                                         : GTK_DIR_TAB_FORWARD);
}

GtkWidget *
sb_expander_row_new (void)
{
  return g_object_new (SB_TYPE_EXPANDER_ROW, NULL);
}

const char *
sb_expander_row_get_subtitle (SbExpanderRow *self)
{
  g_return_val_if_fail (SB_IS_EXPANDER_ROW (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

/**
 * sb_expander_row_set_subtitle:
 * @self: an expander row
 * @subtitle: (nullable): what it holds, in a few words, e.g. "3 allowed, 1 denied"
 */
void
sb_expander_row_set_subtitle (SbExpanderRow *self,
                              const char    *subtitle)
{
  g_return_if_fail (SB_IS_EXPANDER_ROW (self));

  if (subtitle == NULL)
    subtitle = "";
  if (g_strcmp0 (subtitle, gtk_label_get_label (self->subtitle_label)) == 0)
    return;

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->header_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

gboolean
sb_expander_row_get_expanded (SbExpanderRow *self)
{
  g_return_val_if_fail (SB_IS_EXPANDER_ROW (self), FALSE);

  return self->expanded;
}

void
sb_expander_row_set_expanded (SbExpanderRow *self,
                              gboolean       expanded)
{
  g_return_if_fail (SB_IS_EXPANDER_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;
  /* What libadwaita's style turns the arrow by. */
  if (expanded)
    gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_CHECKED, FALSE);
  else
    gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_CHECKED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->header_row),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/**
 * sb_expander_row_add_row:
 * @self: an expander row
 * @row: (transfer floating): a row, shown while @self is expanded
 */
void
sb_expander_row_add_row (SbExpanderRow *self,
                         GtkWidget     *row)
{
  g_return_if_fail (SB_IS_EXPANDER_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (row));

  gtk_list_box_append (self->list, row);
}

void
sb_expander_row_remove (SbExpanderRow *self,
                        GtkWidget     *row)
{
  g_return_if_fail (SB_IS_EXPANDER_ROW (self));
  g_return_if_fail (gtk_widget_get_parent (row) == GTK_WIDGET (self->list));

  gtk_list_box_remove (self->list, row);
}

static void
sb_expander_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_EXPANDER_ROW);

  G_OBJECT_CLASS (sb_expander_row_parent_class)->dispose (object);
}

static void
sb_expander_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbExpanderRow *self = SB_EXPANDER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, sb_expander_row_get_subtitle (self));
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_expander_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbExpanderRow *self = SB_EXPANDER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      sb_expander_row_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_EXPANDED:
      sb_expander_row_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_expander_row_class_init (SbExpanderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_expander_row_dispose;
  object_class->get_property = sb_expander_row_get_property;
  object_class->set_property = sb_expander_row_set_property;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_ROW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-expander-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbExpanderRow, header_row);
  gtk_widget_class_bind_template_child (widget_class, SbExpanderRow, list);
  gtk_widget_class_bind_template_child (widget_class, SbExpanderRow, subtitle_label);
  gtk_widget_class_bind_template_callback (widget_class, on_header_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_keynav_failed_cb);
}

static void
sb_expander_row_init (SbExpanderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->header_row),
                               GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
}
