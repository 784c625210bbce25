/* sb-row-box.c
 *
 * The inside of a row: widgets side by side, the expanding one given what the others
 * leave, each of them measured once.
 *
 * A horizontal GtkBox would do the same, but it fits a child whose height depends on its
 * width (a wrapping label) to each height it tries by searching for the width that gives
 * it, and GtkLabel searches again for each, laying its text out at every step; GtkGrid
 * asks its children for their width at the height it gave them when it allocates. A
 * column of rows took thousands of text layouts that way. Here a child that does not
 * expand gets its natural width, those that do share the rest, and a child is asked for
 * its height at the width it gets: the way rows read, and one layout of each label.
 *
 * Each child is centred vertically at its natural height for its width, as a row's
 * content is: a child that depends on its width (a box of wrapping labels) must keep the
 * default vertical alignment, since GtkWidget would otherwise ask it for its width at a
 * height to align it, which is the search this box is for avoiding.
 *
 * Children come from the template; "spacing" is the gap between two of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-row-box.h"

struct _SbRowBox
{
  GtkWidget parent_instance;

  int       spacing;
};

G_DEFINE_FINAL_TYPE (SbRowBox, sb_row_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The width each child laid out gets out of @width, in the children's order. */
static guint
distribute (SbRowBox *self,
            int       width,
            int      *widths,
            guint     n_widths)
{
  int n_expand = 0;
  int fixed = 0;
  int spare;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL && n < n_widths;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum;
      int natural;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL,
                          NULL);
      if (gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
        {
          widths[n] = -minimum - 1;  /* marked: shares what is left, at least its minimum */
          n_expand++;
        }
      else
        {
          widths[n] = natural;
          fixed += natural;
        }
      if (n > 0)
        fixed += self->spacing;
      n++;
    }

  spare = MAX (width - fixed, 0);
  for (guint i = 0; i < n; i++)
    if (widths[i] < 0)
      {
        int minimum = -widths[i] - 1;

        widths[i] = MAX (minimum, spare / n_expand);
        spare -= widths[i];
        n_expand--;
      }

  return n;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);

  return n;
}

static void
sb_row_box_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  SbRowBox *self = SB_ROW_BOX (widget);
  guint n_children = count_children (widget);
  g_autofree int *widths = NULL;
  guint i = 0;

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;

  /* Side by side, each at its width: the widths add up, the height is the tallest's. */
  widths = g_new0 (int, MAX (n_children, 1));
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    distribute (self, for_size, widths, n_children);
  else
    for (guint j = 0; j < n_children; j++)
      widths[j] = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum;
      int child_natural;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, widths[i], &child_minimum, &child_natural, NULL,
                          NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += child_minimum + (i > 0 ? self->spacing : 0);
          *natural += child_natural + (i > 0 ? self->spacing : 0);
        }
      else
        {
          *minimum = MAX (*minimum, child_minimum);
          *natural = MAX (*natural, child_natural);
        }
      i++;
    }
}

static void
sb_row_box_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  SbRowBox *self = SB_ROW_BOX (widget);
  guint n_children = count_children (widget);
  g_autofree int *widths = g_new0 (int, MAX (n_children, 1));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;
  guint i = 0;

  distribute (self, width, widths, n_children);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation allocation;
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, widths[i], NULL, &child_height,
                          NULL, NULL);
      child_height = MIN (child_height, height);
      allocation.x = rtl ? width - x - widths[i] : x;
      allocation.y = (height - child_height) / 2;
      allocation.width = widths[i];
      allocation.height = child_height;
      gtk_widget_size_allocate (child, &allocation, -1);

      x += widths[i] + self->spacing;
      i++;
    }
}

static GtkSizeRequestMode
sb_row_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sb_row_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_row_box_parent_class)->dispose (object);
}

static void
sb_row_box_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbRowBox *self = SB_ROW_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_row_box_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SbRowBox *self = SB_ROW_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      self->spacing = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_row_box_class_init (SbRowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_row_box_dispose;
  object_class->get_property = sb_row_box_get_property;
  object_class->set_property = sb_row_box_set_property;

  widget_class->measure = sb_row_box_measure;
  widget_class->size_allocate = sb_row_box_size_allocate;
  widget_class->get_request_mode = sb_row_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
sb_row_box_init (SbRowBox *self)
{
}
