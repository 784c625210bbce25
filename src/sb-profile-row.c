/* sb-profile-row.c
 *
 * A key profile on the key page, other than the default one: its name to edit, and a
 * button that removes its key. Both are asked of the page with actions
 * (key.rename-profile, key.remove-profile).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-profile-row.h"
#include "sb-widget-utils-private.h"

struct _SbProfileRow
{
  AdwEntryRow  parent_instance;

  /* Template widgets */
  GtkButton   *remove_button;

  /* Owned */
  char        *profile;
};

G_DEFINE_FINAL_TYPE (SbProfileRow, sb_profile_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_apply_cb (SbProfileRow *self)
{
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  if (!g_str_equal (self->profile, to))
    gtk_widget_activate_action (GTK_WIDGET (self), "key.rename-profile", "(ss)",
                                self->profile, to);
}

static void
set_profile (SbProfileRow *self,
             const char   *profile)
{
  g_autofree char *label = NULL;

  self->profile = g_strdup (profile);
  gtk_editable_set_text (GTK_EDITABLE (self), profile);

  /* Translators: %s is a key profile name */
  label = g_strdup_printf (_("Remove the Key of %s"), profile);
  sb_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", profile);
}

const char *
sb_profile_row_get_profile (SbProfileRow *self)
{
  g_return_val_if_fail (SB_IS_PROFILE_ROW (self), NULL);

  return self->profile;
}

static void
sb_profile_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_PROFILE_ROW);

  G_OBJECT_CLASS (sb_profile_row_parent_class)->dispose (object);
}

static void
sb_profile_row_finalize (GObject *object)
{
  SbProfileRow *self = (SbProfileRow *)object;

  g_free (self->profile);

  G_OBJECT_CLASS (sb_profile_row_parent_class)->finalize (object);
}

static void
sb_profile_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbProfileRow *self = SB_PROFILE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_profile_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbProfileRow *self = SB_PROFILE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      set_profile (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_profile_row_class_init (SbProfileRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_profile_row_dispose;
  object_class->finalize = sb_profile_row_finalize;
  object_class->get_property = sb_profile_row_get_property;
  object_class->set_property = sb_profile_row_set_property;

  /* SbProfileRow:profile: the profile's name as the keyring has it */
  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-profile-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbProfileRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_cb);
}

static void
sb_profile_row_init (SbProfileRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SbProfileRow *
sb_profile_row_new (const char *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);

  return g_object_new (SB_TYPE_PROFILE_ROW, "profile", profile, NULL);
}
