/* sb-key-check.c
 *
 * The key of one profile, as the key page shows it: looked up in the keyring (or pasted
 * and stored there), checked with OpenRouter, and the account it belongs to.
 *
 * A pasted key is stored only when OpenRouter accepts it, or cannot be asked. Each new
 * lookup or store cancels the one before, whose answers are then dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-key-check.h"
#include "sb-key-store.h"

struct _SbKeyCheck
{
  GObject          parent_instance;

  SbOpenRouter    *client;
  char            *client_error;   /* why there is no client */
  GCancellable    *cancellable;    /* the current lookup or store */
  SbKeyCheckState  state;
  char            *message;
  SbKeyInfo       *info;
  SbCredits       *credits;
  char            *credits_error;
};

G_DEFINE_FINAL_TYPE (SbKeyCheck, sb_key_check, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SbKeyCheckState, sb_key_check_state,
                    G_DEFINE_ENUM_VALUE (SB_KEY_CHECK_BUSY, "busy"),
                    G_DEFINE_ENUM_VALUE (SB_KEY_CHECK_OK, "ok"),
                    G_DEFINE_ENUM_VALUE (SB_KEY_CHECK_MISSING, "missing"),
                    G_DEFINE_ENUM_VALUE (SB_KEY_CHECK_ERROR, "error"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_INFO,
  PROP_CREDITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One lookup or store on its way; it holds the check, whose cancellable says whether the
 * answers still matter. */
typedef struct
{
  SbKeyCheck   *self;
  GCancellable *cancellable;
  char         *profile;
  char         *key;
  gboolean      store;
  char         *check_error;
  gboolean      checked;
} Check;

static void
check_free (Check *check)
{
  g_object_unref (check->self);
  g_object_unref (check->cancellable);
  g_free (check->profile);
  g_clear_pointer (&check->key, sb_key_store_free_key);
  g_free (check->check_error);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The state and its message change together; listeners follow ::notify::message. */
static void
set_state (SbKeyCheck      *self,
           SbKeyCheckState  state,
           const char      *message)
{
  self->state = state;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
set_info (SbKeyCheck      *self,
          const SbKeyInfo *info)
{
  if (self->info == NULL && info == NULL)
    return;

  g_clear_pointer (&self->info, sb_key_info_free);
  self->info = info != NULL ? sb_key_info_copy (info) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INFO]);
}

static void
set_credits (SbKeyCheck      *self,
             const SbCredits *credits,
             const char      *error)
{
  if (self->credits == NULL && credits == NULL && self->credits_error == NULL && error == NULL)
    return;

  g_clear_pointer (&self->credits, sb_credits_free);
  self->credits = credits != NULL ? sb_credits_copy (credits) : NULL;
  g_free (self->credits_error);
  self->credits_error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDITS]);
}

static void
on_credits_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCredits) credits = NULL;

  credits = sb_openrouter_get_credits_finish (SB_OPENROUTER (object), result, &error);
  if (is_cancelled (error) || g_cancellable_is_cancelled (check->cancellable))
    return;

  /* Only management keys may see the credits: for the others, nothing to say. */
  if (!g_error_matches (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_FORBIDDEN))
    set_credits (check->self, credits, error != NULL ? error->message : NULL);
}

/* The key is known good, or at least stored: say so and ask for the credits. */
static void
finish_check (Check *check)
{
  g_autofree char *message = NULL;

  if (check->check_error != NULL)
    {
      message = g_strdup_printf (check->store
                                   /* Translators: %s says why, such as "no network" */
                                   ? _("Saved in the keyring, but it could not be checked: %s")
                                   : _("Stored in the keyring, but it could not be checked: "
                                       "%s"),
                                 check->check_error);
      set_state (check->self, SB_KEY_CHECK_ERROR, message);
    }
  else
    set_state (check->self, SB_KEY_CHECK_OK,
               check->store ? _("Saved in the keyring; OpenRouter accepts it")
                            : _("Stored in the keyring; OpenRouter accepts it"));

  if (check->checked)
    sb_openrouter_get_credits_async (check->self->client, check->key, check->cancellable,
                                     on_credits_cb, check);
  else
    check_free (check);
}

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!sb_key_store_store_finish (result, &error))
    {
      if (is_cancelled (error))
        return;

      /* Translators: %s is why, such as "The system keyring is not available: …" */
      message = g_strdup_printf (_("The key was not saved. %s\nNothing was written to a file "
                                   "instead."), error->message);
      set_info (check->self, NULL);
      set_state (check->self, SB_KEY_CHECK_ERROR, message);
      return;
    }

  g_signal_emit (check->self, signals[STORED], 0);
  finish_check (g_steal_pointer (&check));
}

static void
store_key (Check *check)
{
  set_state (check->self, SB_KEY_CHECK_BUSY, _("Saving the key in the keyring…"));
  sb_key_store_store_async (check->profile, check->key, check->cancellable, on_stored_cb,
                            check);
}

static void
on_key_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbKeyInfo) info = NULL;

  info = sb_openrouter_get_key_info_finish (SB_OPENROUTER (object), result, &error);
  if (is_cancelled (error) || g_cancellable_is_cancelled (check->cancellable))
    return;

  if (info != NULL)
    {
      check->checked = TRUE;
      set_info (check->self, info);
    }
  else if (g_error_matches (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_KEY))
    {
      set_state (check->self, SB_KEY_CHECK_ERROR,
                 check->store ? _("OpenRouter does not accept this key, so it was not saved. "
                                  "Check that it was copied whole.")
                              : _("OpenRouter does not accept the stored key any more. Paste "
                                  "a new one above."));
      return;
    }
  else
    check->check_error = g_strdup (error->message);

  if (check->store)
    store_key (g_steal_pointer (&check));
  else
    finish_check (g_steal_pointer (&check));
}

/* Cancels what the last call started, and forgets what it found. */
static Check *
restart (SbKeyCheck *self,
         const char *profile)
{
  Check *check = g_new0 (Check, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_info (self, NULL);
  set_credits (self, NULL, NULL);

  check->self = g_object_ref (self);
  check->cancellable = g_object_ref (self->cancellable);
  check->profile = g_strdup (profile);
  return check;
}

/* Takes @check, with its key. */
static void
check_key (Check *check)
{
  SbKeyCheck *self = check->self;

  if (self->client == NULL)
    {
      check->check_error = g_strdup (self->client_error);
      if (check->store)
        store_key (check);
      else
        finish_check (check);
      return;
    }

  set_state (self, SB_KEY_CHECK_BUSY, _("Checking the key with OpenRouter…"));
  sb_openrouter_get_key_info_async (self->client, check->key, check->cancellable,
                                    on_key_info_cb, check);
}

static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  check->key = sb_key_store_lookup_finish (result, &error);
  if (is_cancelled (error) || g_cancellable_is_cancelled (check->cancellable))
    return;

  if (error != NULL)
    {
      /* Translators: %s is why the keyring could not be used */
      message = g_strdup_printf (_("%s\nThe key cannot be kept safely until the keyring "
                                   "works; nothing is written in plain text instead."),
                                 error->message);
      set_state (check->self, SB_KEY_CHECK_ERROR, message);
      return;
    }

  if (check->key == NULL)
    {
      /* Translators: %s is a key profile name, such as "default" */
      message = g_strdup_printf (_("No key is stored for the profile “%s”. Paste one above."),
                                 check->profile);
      set_state (check->self, SB_KEY_CHECK_MISSING, message);
      return;
    }

  check_key (g_steal_pointer (&check));
}

/**
 * sb_key_check_show:
 * @self: the check
 * @profile: a key profile
 *
 * Looks up the key of @profile and checks it with OpenRouter.
 */
void
sb_key_check_show (SbKeyCheck *self,
                   const char *profile)
{
  Check *check;

  g_return_if_fail (SB_IS_KEY_CHECK (self));

  check = restart (self, profile);
  set_state (self, SB_KEY_CHECK_BUSY, _("Looking for the key in the keyring…"));
  sb_key_store_lookup_async (profile, check->cancellable, on_looked_up_cb, check);
}

/**
 * sb_key_check_store:
 * @self: the check
 * @profile: a key profile
 * @key: the pasted key
 *
 * Checks @key with OpenRouter and, unless OpenRouter turns it down, stores it as the key
 * of @profile; ::stored says when it is in the keyring.
 */
void
sb_key_check_store (SbKeyCheck *self,
                    const char *profile,
                    const char *key)
{
  Check *check;

  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_KEY_CHECK (self));

  /* Not a key: said without forgetting the account shown. */
  if (!sb_key_store_check_key (key, &error))
    {
      set_state (self, SB_KEY_CHECK_ERROR, error->message);
      return;
    }

  check = restart (self, profile);
  check->key = g_strdup (key);
  check->store = TRUE;
  check_key (check);
}

SbKeyCheckState
sb_key_check_get_state (SbKeyCheck *self)
{
  g_return_val_if_fail (SB_IS_KEY_CHECK (self), SB_KEY_CHECK_ERROR);

  return self->state;
}

const char *
sb_key_check_get_message (SbKeyCheck *self)
{
  g_return_val_if_fail (SB_IS_KEY_CHECK (self), NULL);

  return self->message;
}

/**
 * sb_key_check_get_info:
 * @self: the check
 *
 * Returns: (nullable): the account of a key OpenRouter accepted
 */
const SbKeyInfo *
sb_key_check_get_info (SbKeyCheck *self)
{
  g_return_val_if_fail (SB_IS_KEY_CHECK (self), NULL);

  return self->info;
}

/**
 * sb_key_check_get_credits:
 * @self: the check
 *
 * Returns: (nullable): the credits, which only management keys may see
 */
const SbCredits *
sb_key_check_get_credits (SbKeyCheck *self)
{
  g_return_val_if_fail (SB_IS_KEY_CHECK (self), NULL);

  return self->credits;
}

/**
 * sb_key_check_get_credits_error:
 * @self: the check
 *
 * Returns: (nullable): why the credits of a management key could not be fetched
 */
const char *
sb_key_check_get_credits_error (SbKeyCheck *self)
{
  g_return_val_if_fail (SB_IS_KEY_CHECK (self), NULL);

  return self->credits_error;
}

static void
sb_key_check_dispose (GObject *object)
{
  SbKeyCheck *self = (SbKeyCheck *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (sb_key_check_parent_class)->dispose (object);
}

static void
sb_key_check_finalize (GObject *object)
{
  SbKeyCheck *self = (SbKeyCheck *)object;

  g_free (self->client_error);
  g_free (self->message);
  g_clear_pointer (&self->info, sb_key_info_free);
  g_clear_pointer (&self->credits, sb_credits_free);
  g_free (self->credits_error);

  G_OBJECT_CLASS (sb_key_check_parent_class)->finalize (object);
}

static void
sb_key_check_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbKeyCheck *self = SB_KEY_CHECK (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_INFO:
      g_value_set_boxed (value, self->info);
      break;
    case PROP_CREDITS:
      g_value_set_boxed (value, self->credits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_key_check_class_init (SbKeyCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_key_check_dispose;
  object_class->finalize = sb_key_check_finalize;
  object_class->get_property = sb_key_check_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SB_TYPE_KEY_CHECK_STATE, SB_KEY_CHECK_BUSY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* SbKeyCheck:message: what the state means, in a sentence for the person */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INFO] =
    g_param_spec_boxed ("info", NULL, NULL, SB_TYPE_KEY_INFO,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* SbKeyCheck:credits: notified also when SbKeyCheck:credits-error changes */
  properties[PROP_CREDITS] =
    g_param_spec_boxed ("credits", NULL, NULL, SB_TYPE_CREDITS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbKeyCheck::stored:
   *
   * A key was stored in the keyring: the list of profiles may have changed.
   */
  signals[STORED] = g_signal_new ("stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_key_check_init (SbKeyCheck *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * sb_key_check_new:
 * @client: (nullable): the application's OpenRouter client
 *
 * Without @client, the check makes its own; if that fails too, keys are stored unchecked
 * and the reason is said.
 */
SbKeyCheck *
sb_key_check_new (SbOpenRouter *client)
{
  SbKeyCheck *self = g_object_new (SB_TYPE_KEY_CHECK, NULL);
  g_autoptr(GError) error = NULL;

  if (client != NULL)
    self->client = g_object_ref (client);
  else if ((self->client = sb_openrouter_new (&error)) == NULL)
    self->client_error = g_strdup (error->message);

  return self;
}
