/* sb-problem-row.c
 *
 * A row for one problem of a folder: an icon for how bad it is, what is wrong, where, and
 * a Fix button when one is offered. A screen reader hears "Error: …", the place, and what
 * the fix would do.
 *
 * The row changes nothing: its Fix activates folder.fix with the row's place in its list,
 * which is its problem's place in the folder's problems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-problem-row.h"
#include "sb-row-box.h"
#include "sb-widget-utils-private.h"

struct _SbProblemRow
{
  AdwPreferencesRow  parent_instance;

  /* Template widgets */
  GtkButton         *fix_button;
  GtkImage          *icon;
  GtkLabel          *subtitle_label;
  GtkLabel          *title_label;

  /* Owned */
  SbProblem         *problem;
};

G_DEFINE_FINAL_TYPE (SbProblemRow, sb_problem_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fix_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "folder.fix", "u",
                              (guint32) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (widget)));
}

static void
sb_problem_row_constructed (GObject *object)
{
  SbProblemRow *self = SB_PROBLEM_ROW (object);
  const char *subtitle = sb_problem_get_subtitle (self->problem);
  const char *fix = sb_problem_get_fix (self->problem);
  g_autofree char *label = NULL;

  G_OBJECT_CLASS (sb_problem_row_parent_class)->constructed (object);

  gtk_image_set_from_icon_name (self->icon, sb_problem_get_icon_name (self->problem));
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), sb_problem_get_severity (self->problem));
  sb_widget_set_tooltip_text (GTK_WIDGET (self->icon),
                              sb_problem_get_severity_name (self->problem));

  gtk_label_set_label (self->title_label, sb_problem_get_title (self->problem));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->fix_button), fix != NULL);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->fix_button), fix);
  if (fix != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->fix_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, fix, -1);

  /* Translators: the first %s is "Error", "Warning" or "Note", the second says what is
   * wrong */
  label = g_strdup_printf (_("%s: %s"), sb_problem_get_severity_name (self->problem),
                           sb_problem_get_title (self->problem));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), sb_problem_get_title (self->problem));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (subtitle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    subtitle, -1);
}

static void
sb_problem_row_dispose (GObject *object)
{
  SbProblemRow *self = SB_PROBLEM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PROBLEM_ROW);
  g_clear_object (&self->problem);

  G_OBJECT_CLASS (sb_problem_row_parent_class)->dispose (object);
}

static void
sb_problem_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbProblemRow *self = SB_PROBLEM_ROW (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_object (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_problem_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbProblemRow *self = SB_PROBLEM_ROW (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      self->problem = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_problem_row_class_init (SbProblemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_problem_row_constructed;
  object_class->dispose = sb_problem_row_dispose;
  object_class->get_property = sb_problem_row_get_property;
  object_class->set_property = sb_problem_row_set_property;

  properties[PROP_PROBLEM] =
    g_param_spec_object ("problem", NULL, NULL, SB_TYPE_PROBLEM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_ROW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-problem-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbProblemRow, fix_button);
  gtk_widget_class_bind_template_child (widget_class, SbProblemRow, icon);
  gtk_widget_class_bind_template_child (widget_class, SbProblemRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SbProblemRow, title_label);

  gtk_widget_class_install_action (widget_class, "problem.fix", NULL, fix_action);
}

static void
sb_problem_row_init (SbProblemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sb_problem_row_new (SbProblem *problem)
{
  g_return_val_if_fail (SB_IS_PROBLEM (problem), NULL);

  return g_object_new (SB_TYPE_PROBLEM_ROW, "problem", problem, NULL);
}

SbProblem *
sb_problem_row_get_problem (SbProblemRow *self)
{
  g_return_val_if_fail (SB_IS_PROBLEM_ROW (self), NULL);

  return self->problem;
}
