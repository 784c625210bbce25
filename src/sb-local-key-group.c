/* sb-local-key-group.c
 *
 * For a computer without a keyring: the key pasted in the page's entry written in plain
 * text into the folder's settings.local.json, readable only by its owner. ::saved says
 * it is written; ::failed says why not, and whether git's ignoring the file would help.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-git.h"
#include "sb-local-key-group.h"
#include "sb-paths.h"
#include "sb-routing.h"

struct _SbLocalKeyGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkButton           *button;
  AdwActionRow        *row;

  /* Owned */
  SbLayer             *layer;        /* the Local layer, or NULL without a folder */
  GtkEditable         *entry;        /* where the key is pasted */
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (SbLocalKeyGroup, sb_local_key_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_token_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SbLocalKeyGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_routing_store_token_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->button), TRUE);
  if (error != NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message,
                     g_error_matches (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_IGNORED));
      return;
    }

  gtk_editable_set_text (self->entry, "");
  g_signal_emit (self, signals[SAVED], 0, self->layer,
                 _("The key is in settings.local.json, in plain text that only you can read"));
}

/**
 * sb_local_key_group_store:
 * @self: the group
 * @ignore: whether to make git ignore the file first
 *
 * Writes the pasted key into the Local layer, as the group's button does.
 */
void
sb_local_key_group_store (SbLocalKeyGroup *self,
                          gboolean         ignore)
{
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_LOCAL_KEY_GROUP (self));
  g_return_if_fail (self->layer != NULL && self->entry != NULL);

  token = g_strstrip (g_strdup (gtk_editable_get_text (self->entry)));
  if (token[0] == '\0')
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("Paste the key above first"));
  else if (ignore)
    sb_git_add_exclude (sb_layer_get_path (self->layer), &error);

  if (error != NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message, FALSE);
      return;
    }

  /* git is asked in a thread whether it would commit the file. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), FALSE);
  sb_routing_store_token_async (self->layer, token, self->cancellable, on_token_stored_cb,
                                g_object_ref (self));
  explicit_bzero (token, strlen (token));
}

static void
on_button_clicked_cb (SbLocalKeyGroup *self)
{
  sb_local_key_group_store (self, FALSE);
}

/**
 * sb_local_key_group_set_layer:
 * @self: the group
 * @layer: (nullable): the folder's Local layer, or %NULL to hide the group
 */
void
sb_local_key_group_set_layer (SbLocalKeyGroup *self,
                              SbLayer         *layer)
{
  g_autofree char *path = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (SB_IS_LOCAL_KEY_GROUP (self));

  g_set_object (&self->layer, layer);
  gtk_widget_set_visible (GTK_WIDGET (self), layer != NULL);
  if (layer == NULL)
    return;

  path = sb_paths_abbreviate (sb_layer_get_path (layer));
  /* Translators: %s is the path of settings.local.json */
  subtitle = g_strdup_printf (_("Only if this computer has no keyring. The key pasted above "
                                "is written in plain text into %s, which is then readable "
                                "only by you (permissions 0600). Backups and any program you "
                                "run can still read it, and only claude in this folder "
                                "uses it."),
                              path);
  adw_action_row_set_subtitle (self->row, subtitle);
}

static void
sb_local_key_group_dispose (GObject *object)
{
  SbLocalKeyGroup *self = (SbLocalKeyGroup *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_LOCAL_KEY_GROUP);
  g_clear_object (&self->layer);
  g_clear_object (&self->entry);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_local_key_group_parent_class)->dispose (object);
}

static void
sb_local_key_group_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbLocalKeyGroup *self = SB_LOCAL_KEY_GROUP (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_local_key_group_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbLocalKeyGroup *self = SB_LOCAL_KEY_GROUP (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_set_object (&self->entry, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_local_key_group_class_init (SbLocalKeyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_local_key_group_dispose;
  object_class->get_property = sb_local_key_group_get_property;
  object_class->set_property = sb_local_key_group_set_property;

  /* SbLocalKeyGroup:entry: the entry the key is pasted in, emptied once it is written */
  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, GTK_TYPE_EDITABLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbLocalKeyGroup::saved:
   * @layer: the Local layer, written
   * @message: what changed, for a toast
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, SB_TYPE_LAYER,
                                 G_TYPE_STRING);
  /**
   * SbLocalKeyGroup::failed:
   * @message: why nothing was written
   * @can_ignore: whether sb_local_key_group_store() with git ignoring the file would do
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                  G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/"
                                               "sb-local-key-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SbLocalKeyGroup, button);
  gtk_widget_class_bind_template_child (widget_class, SbLocalKeyGroup, row);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked_cb);
}

static void
sb_local_key_group_init (SbLocalKeyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
