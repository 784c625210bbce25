/* sb-plain-keys-group.c
 *
 * The keys written in plain text in the key page's layers, each with a button that moves
 * it into the keyring (SbPlainKeyRow). Hidden while there are none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-plain-key-row.h"
#include "sb-plain-keys-group.h"
#include "sb-routing.h"

struct _SbPlainKeysGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  GPtrArray           *rows;      /* of SbPlainKeyRow */
};

G_DEFINE_FINAL_TYPE (SbPlainKeysGroup, sb_plain_keys_group, ADW_TYPE_PREFERENCES_GROUP)

/**
 * sb_plain_keys_group_update:
 * @self: the group
 * @stack: the layers to look in
 * @user_only: whether only the User layer counts, as when no folder is shown and the
 *   others would be the home folder's
 * @profile: the profile a moved key goes to
 */
void
sb_plain_keys_group_update (SbPlainKeysGroup *self,
                            SbLayerStack     *stack,
                            gboolean          user_only,
                            const char       *profile)
{
  g_autoptr(GPtrArray) keys = sb_routing_find_plain_keys (stack);
  g_autofree char *description = NULL;

  g_return_if_fail (SB_IS_PLAIN_KEYS_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  /* Translators: %s is a key profile name, such as "default" */
  description = g_strdup_printf (_("Any program, backup or commit can read a key written in a "
                                   "settings file. Moving it stores it in the keyring as the "
                                   "profile “%s”, replacing the key kept there, and puts "
                                   "signalbox-key in its place; the rest of the file stays as "
                                   "it is."),
                                 profile);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);

  for (guint i = 0; i < keys->len; i++)
    {
      SbPlainKey *key = g_ptr_array_index (keys, i);
      GtkWidget *row;

      if (user_only && sb_layer_get_scope (key->layer) != SB_SCOPE_USER)
        continue;

      row = GTK_WIDGET (sb_plain_key_row_new (key->layer, key->pointer, key->name));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

static void
sb_plain_keys_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_PLAIN_KEYS_GROUP);

  G_OBJECT_CLASS (sb_plain_keys_group_parent_class)->dispose (object);
}

static void
sb_plain_keys_group_finalize (GObject *object)
{
  SbPlainKeysGroup *self = (SbPlainKeysGroup *)object;

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (sb_plain_keys_group_parent_class)->finalize (object);
}

static void
sb_plain_keys_group_class_init (SbPlainKeysGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_plain_keys_group_dispose;
  object_class->finalize = sb_plain_keys_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-plain-keys-group.ui");
}

static void
sb_plain_keys_group_init (SbPlainKeysGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
