/* sb-key-profiles.c
 *
 * The key profiles the key page offers: those with a key in the keyring, those named on
 * the page, and those that layers use; and renaming and removing them.
 *
 * ::changed says the keyring was listed again; ::notice says what a rename or a removal
 * did, or why it did not; ::key-changed names a profile whose key came or went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-key-profiles.h"
#include "sb-key-store.h"
#include "sb-routing.h"

struct _SbKeyProfiles
{
  GObject        parent_instance;

  GCancellable  *cancellable;  /* cancelled on dispose */
  char         **stored;       /* as the keyring listed them */
  GPtrArray     *added;        /* named on the page, no key stored yet */
};

G_DEFINE_FINAL_TYPE (SbKeyProfiles, sb_key_profiles, G_TYPE_OBJECT)

enum {
  CHANGED,
  NOTICE,
  KEY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SbKeyProfiles) self = user_data;
  g_autoptr(GError) error = NULL;
  char **stored = sb_key_store_list_profiles_finish (result, &error);

  if (is_cancelled (error))
    return;

  /* Unavailable: the key page says so, from its lookup. */
  if (error != NULL)
    g_debug ("Cannot list the key profiles: %s", error->message);
  g_strfreev (self->stored);
  self->stored = stored;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sb_key_profiles_refresh:
 * @self: the profiles
 *
 * Lists the profiles of the keyring again, then emits ::changed.
 */
void
sb_key_profiles_refresh (SbKeyProfiles *self)
{
  g_return_if_fail (SB_IS_KEY_PROFILES (self));

  sb_key_store_list_profiles_async (self->cancellable, on_listed_cb, g_object_ref (self));
}

/**
 * sb_key_profiles_get_stored:
 * @self: the profiles
 *
 * Returns: (nullable): the profiles with a key in the keyring, as last listed
 */
const char * const *
sb_key_profiles_get_stored (SbKeyProfiles *self)
{
  g_return_val_if_fail (SB_IS_KEY_PROFILES (self), NULL);

  return (const char * const *) self->stored;
}

/**
 * sb_key_profiles_add:
 * @self: the profiles
 * @profile: a name for a profile, which has no key yet
 * @error: %SB_KEY_STORE_ERROR_INVALID_PROFILE when @profile cannot be one
 *
 * Offers @profile from now on, as if it had a key.
 */
gboolean
sb_key_profiles_add (SbKeyProfiles  *self,
                     const char     *profile,
                     GError        **error)
{
  g_return_val_if_fail (SB_IS_KEY_PROFILES (self), FALSE);

  if (!sb_key_store_check_profile (profile, error))
    return FALSE;

  if (!g_ptr_array_find_with_equal_func (self->added, profile, g_str_equal, NULL))
    g_ptr_array_add (self->added, g_strdup (profile));
  return TRUE;
}

static void
add_unique (GPtrArray  *names,
            const char *name)
{
  if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (name));
}

/**
 * sb_key_profiles_list:
 * @self: the profiles
 * @layers: (element-type SbLayer): the layers whose profiles count too
 * @current: (nullable): the profile shown, offered whatever it is, when it can be one
 *
 * Returns: (transfer full): the profiles to offer: the default one first, then those in
 *   the keyring, those added, those @layers route with, and @current
 */
char **
sb_key_profiles_list (SbKeyProfiles *self,
                      GPtrArray     *layers,
                      const char    *current)
{
  GPtrArray *names = g_ptr_array_new ();

  g_return_val_if_fail (SB_IS_KEY_PROFILES (self), NULL);

  add_unique (names, SB_KEY_STORE_DEFAULT_PROFILE);
  for (guint i = 0; self->stored != NULL && self->stored[i] != NULL; i++)
    add_unique (names, self->stored[i]);
  for (guint i = 0; i < self->added->len; i++)
    add_unique (names, g_ptr_array_index (self->added, i));
  for (guint i = 0; i < layers->len; i++)
    {
      g_autofree char *profile = NULL;

      if (sb_routing_get_enabled (g_ptr_array_index (layers, i), &profile))
        add_unique (names, profile);
    }
  if (sb_key_store_check_profile (current, NULL))
    add_unique (names, current);

  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* A rename or a removal on its way. */
typedef struct
{
  SbKeyProfiles *self;
  char          *from;
  char          *to;      /* NULL for a removal */
  GPtrArray     *layers;  /* to follow a rename */
} Change;

static void
change_free (Change *change)
{
  g_object_unref (change->self);
  g_free (change->from);
  g_free (change->to);
  g_clear_pointer (&change->layers, g_ptr_array_unref);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

/* The layers given follow the new name; others still name the old one. */
static void
follow_rename (Change *change)
{
  for (guint i = 0; i < change->layers->len; i++)
    {
      SbLayer *layer = g_ptr_array_index (change->layers, i);
      g_autofree char *profile = NULL;
      g_autoptr(GError) error = NULL;

      if (sb_routing_get_enabled (layer, &profile) && g_str_equal (profile, change->from) &&
          !sb_routing_set_enabled (layer, TRUE, change->to, &error))
        g_signal_emit (change->self, signals[NOTICE], 0, error->message);
    }
}

static void
on_changed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* A key removed for good is scrubbed from the history too; a renamed one is kept. */
  if (change->to == NULL ? !sb_routing_remove_key_finish (result, NULL, NULL, &error)
                         : !sb_key_store_rename_finish (result, &error))
    {
      if (is_cancelled (error))
        return;
      g_signal_emit (change->self, signals[NOTICE], 0, error->message);
    }
  else if (change->to != NULL)
    {
      follow_rename (change);
      /* Translators: both are key profile names */
      message = g_strdup_printf (_("The profile “%s” is now called “%s”"), change->from,
                                 change->to);
      g_signal_emit (change->self, signals[NOTICE], 0, message);
      g_signal_emit (change->self, signals[KEY_CHANGED], 0, change->to);
    }
  else
    {
      /* Translators: %s is a key profile name */
      message = g_strdup_printf (_("Removed the key of the profile “%s” from the keyring"),
                                 change->from);
      g_signal_emit (change->self, signals[NOTICE], 0, message);
    }

  if (error == NULL)
    g_signal_emit (change->self, signals[KEY_CHANGED], 0, change->from);
  sb_key_profiles_refresh (change->self);
}

static Change *
change_new (SbKeyProfiles *self,
            const char    *from,
            const char    *to)
{
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  change->from = g_strdup (from);
  change->to = g_strdup (to);
  return change;
}

/**
 * sb_key_profiles_remove:
 * @self: the profiles
 * @profile: a profile
 *
 * Removes the key of @profile from the keyring and from the history of settings files.
 */
void
sb_key_profiles_remove (SbKeyProfiles *self,
                        const char    *profile)
{
  g_return_if_fail (SB_IS_KEY_PROFILES (self));

  for (guint i = 0; i < self->added->len; i++)
    if (g_str_equal (g_ptr_array_index (self->added, i), profile))
      g_ptr_array_remove_index_fast (self->added, i--);
  sb_routing_remove_key_async (profile, self->cancellable, on_changed_cb,
                               change_new (self, profile, NULL));
}

/**
 * sb_key_profiles_rename:
 * @self: the profiles
 * @from: a profile with a key
 * @to: its new name
 * @layers: (element-type SbLayer): layers that should follow the rename
 *
 * Moves the key of @from to @to in the keyring; those of @layers that route with @from
 * then route with @to.
 */
void
sb_key_profiles_rename (SbKeyProfiles *self,
                        const char    *from,
                        const char    *to,
                        GPtrArray     *layers)
{
  Change *change;

  g_return_if_fail (SB_IS_KEY_PROFILES (self));

  change = change_new (self, from, to);
  change->layers = g_ptr_array_ref (layers);
  sb_key_store_rename_async (from, to, self->cancellable, on_changed_cb, change);
}

static void
sb_key_profiles_dispose (GObject *object)
{
  SbKeyProfiles *self = (SbKeyProfiles *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (sb_key_profiles_parent_class)->dispose (object);
}

static void
sb_key_profiles_finalize (GObject *object)
{
  SbKeyProfiles *self = (SbKeyProfiles *)object;

  g_clear_object (&self->cancellable);
  g_strfreev (self->stored);
  g_ptr_array_unref (self->added);

  G_OBJECT_CLASS (sb_key_profiles_parent_class)->finalize (object);
}

static void
sb_key_profiles_class_init (SbKeyProfilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_key_profiles_dispose;
  object_class->finalize = sb_key_profiles_finalize;

  /**
   * SbKeyProfiles::changed:
   *
   * The keyring was listed again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SbKeyProfiles::notice:
   * @message: what a rename or removal did, or why it did not
   */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SbKeyProfiles::key-changed:
   * @profile: a profile whose key came or went
   */
  signals[KEY_CHANGED] = g_signal_new ("key-changed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);
}

static void
sb_key_profiles_init (SbKeyProfiles *self)
{
  self->cancellable = g_cancellable_new ();
  self->added = g_ptr_array_new_with_free_func (g_free);
}

SbKeyProfiles *
sb_key_profiles_new (void)
{
  return g_object_new (SB_TYPE_KEY_PROFILES, NULL);
}
