/* sb-key-window.c
 *
 * The OpenRouter key page: the key pasted once into the keyring, the account it belongs
 * to, key profiles, routing each layer through OpenRouter, and plain-text keys to move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-git.h"
#include "sb-key-store.h"
#include "sb-key-window.h"
#include "sb-openrouter.h"
#include "sb-paths.h"
#include "sb-routing.h"

#define LAYER_KEY "sb-layer"
#define POINTER_KEY "sb-pointer"
#define PROFILE_KEY "sb-profile"

typedef enum
{
  STATUS_BUSY,
  STATUS_OK,
  STATUS_MISSING,
  STATUS_ERROR,
} Status;

struct _SbKeyWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *add_profile_row;
  AdwActionRow         *credits_row;
  AdwActionRow         *free_row;
  AdwPasswordEntryRow  *key_entry;
  AdwActionRow         *label_row;
  AdwActionRow         *limit_row;
  GtkButton            *local_button;
  AdwPreferencesGroup  *local_group;
  AdwActionRow         *local_row;
  AdwPreferencesGroup  *plain_group;
  AdwComboRow          *profile_row;
  GtkStringList        *profiles;
  AdwPreferencesGroup  *profiles_group;
  AdwActionRow         *remaining_row;
  AdwPreferencesGroup  *routing_group;
  GtkSpinner           *spinner;
  GtkStack             *status_icon;
  AdwActionRow         *status_row;
  AdwActionRow         *usage_row;

  /* Owned */
  SbWindow             *window;            /* weak */
  SbLayerStack         *stack;
  gboolean              has_folder;
  SbOpenRouter         *openrouter;
  char                 *openrouter_error;
  GCancellable         *cancellable;       /* everything; cancelled on dispose */
  GCancellable         *check_cancellable; /* showing the selected profile's key */
  GPtrArray            *routing_rows;
  GPtrArray            *plain_rows;
  GPtrArray            *profile_rows;
  SbContext            *context;
  SbSettings           *settings;          /* the context's; the profile last chosen */
  char                **stored_profiles;   /* as the keyring listed them */
  GPtrArray            *added_profiles;    /* named here, no key stored yet */
  SbLayer              *moving;            /* the layer a key is being moved out of */
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (SbKeyWindow, sb_key_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_profile     (SbKeyWindow *self);
static void refresh_profiles (SbKeyWindow *self);
static void refresh_layers   (SbKeyWindow *self);

/* What one key check (and perhaps store) needs along the way. It does not hold the window:
 * a closed window cancels what it started, and the callbacks then leave it alone. */
typedef struct
{
  SbKeyWindow *self;
  char        *profile;
  char        *key;
  gboolean     store;
  char        *check_error;
  gboolean     checked;
} Check;

static void
check_free (Check *check)
{
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

static void
show_toast (SbKeyWindow *self,
            const char  *message,
            gboolean     can_undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (can_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "key.undo");
    }
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* A change written to @layer: the main window's Undo (and Ctrl+Z there) takes it back. */
static void
record_change (SbKeyWindow *self,
               SbLayer     *layer,
               const char  *message)
{
  if (self->window != NULL)
    sb_window_set_undo_layer (self->window, layer);
  show_toast (self, message, self->window != NULL);
}

static void
set_status (SbKeyWindow *self,
            Status       status,
            const char  *message)
{
  static const char * const pages[] = {
    [STATUS_BUSY] = "busy",
    [STATUS_OK] = "ok",
    [STATUS_MISSING] = "missing",
    [STATUS_ERROR] = "error",
  };

  gtk_stack_set_visible_child_name (self->status_icon, pages[status]);
  gtk_spinner_set_spinning (self->spinner, status == STATUS_BUSY);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), message);
}

static char *
money (double amount)
{
  /* Translators: an amount in US dollars */
  return g_strdup_printf (_("$%.2f"), amount);
}

static void
set_subtitle_money (AdwActionRow *row,
                    gboolean      has_amount,
                    double        amount)
{
  g_autofree char *text = has_amount ? money (amount) : g_strdup (_("No limit"));

  adw_action_row_set_subtitle (row, text);
}

static void
show_key_info (SbKeyWindow     *self,
               const SbKeyInfo *info)
{
  g_autofree char *usage = money (info->usage);

  adw_action_row_set_subtitle (self->label_row, info->label != NULL ? info->label : "");
  adw_action_row_set_subtitle (self->usage_row, usage);
  set_subtitle_money (self->limit_row, info->has_limit, info->limit);
  set_subtitle_money (self->remaining_row, info->has_limit_remaining, info->limit_remaining);
  adw_action_row_set_subtitle (self->free_row, info->is_free_tier ? _("Yes") : _("No"));
  gtk_widget_set_visible (GTK_WIDGET (self->credits_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), TRUE);
}

/* Profiles */

static const char *
selected_profile (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : SB_KEY_STORE_DEFAULT_PROFILE;
}

static guint
profile_position (SbKeyWindow *self,
                  const char  *profile)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->profiles, i), profile) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
select_profile (AdwComboRow *row,
                guint        position)
{
  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (row, position);
}

/**
 * sb_key_window_get_profile:
 * @self: the key page
 *
 * Returns: the profile whose key the page shows, and that new keys go to
 */
const char *
sb_key_window_get_profile (SbKeyWindow *self)
{
  g_return_val_if_fail (SB_IS_KEY_WINDOW (self), NULL);

  return selected_profile (self->profile_row);
}

/**
 * sb_key_window_get_busy:
 * @self: the key page
 *
 * Returns: whether the keyring or OpenRouter is being asked something
 */
gboolean
sb_key_window_get_busy (SbKeyWindow *self)
{
  g_return_val_if_fail (SB_IS_KEY_WINDOW (self), FALSE);

  return gtk_spinner_get_spinning (self->spinner);
}

static void
add_unique (GPtrArray  *names,
            const char *name)
{
  if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, (gpointer) name);
}

/* The profiles to offer: the default one, those with a key in the keyring, those named
 * here and those that layers use. */
static void
rebuild_profile_list (SbKeyWindow *self)
{
  g_autofree char *current = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  /* The first time, the profile chosen last time the page was open. */
  current = n > 0 ? g_strdup (selected_profile (self->profile_row))
                  : g_strdup (sb_settings_get_key_profile (self->settings));
  if (!sb_key_store_check_profile (current, NULL))
    {
      g_free (current);
      current = g_strdup (SB_KEY_STORE_DEFAULT_PROFILE);
    }

  add_unique (names, SB_KEY_STORE_DEFAULT_PROFILE);
  for (guint i = 0; self->stored_profiles != NULL && self->stored_profiles[i] != NULL; i++)
    add_unique (names, self->stored_profiles[i]);
  for (guint i = 0; i < self->added_profiles->len; i++)
    add_unique (names, g_ptr_array_index (self->added_profiles, i));
  for (guint i = 0; i < self->routing_rows->len; i++)
    {
      SbLayer *layer = g_object_get_data (g_ptr_array_index (self->routing_rows, i), LAYER_KEY);
      char *profile = NULL;

      if (sb_routing_get_enabled (layer, &profile))
        {
          g_ptr_array_add (used, profile);
          add_unique (names, profile);
        }
    }
  add_unique (names, current);
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->profiles, 0, n, (const char * const *) names->pdata);
  select_profile (self->profile_row, profile_position (self, current));
  self->updating = FALSE;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void on_profile_renamed_cb (SbKeyWindow *self,
                                   AdwEntryRow *row);
static void on_remove_profile_clicked_cb (SbKeyWindow *self,
                                          GtkButton   *button);

static GtkWidget *
make_remove_button (SbKeyWindow *self,
                    const char  *profile)
{
  g_autofree char *label = NULL;
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  /* Translators: %s is a key profile name */
  label = g_strdup_printf (_("Remove the Key of %s"), profile);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), PROFILE_KEY, g_strdup (profile), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_profile_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static void
rebuild_profile_rows (SbKeyWindow *self)
{
  clear_rows (self->profiles_group, self->profile_rows);

  for (guint i = 0; self->stored_profiles != NULL && self->stored_profiles[i] != NULL; i++)
    {
      const char *profile = self->stored_profiles[i];
      GtkWidget *row;

      if (g_str_equal (profile, SB_KEY_STORE_DEFAULT_PROFILE))
        {
          /* The default profile is what signalbox-key uses without --profile: it keeps
           * its name. */
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The default profile"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_remove_button (self, profile));
        }
      else
        {
          row = adw_entry_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Profile"));
          gtk_editable_set_text (GTK_EDITABLE (row), profile);
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), make_remove_button (self, profile));
          g_object_set_data_full (G_OBJECT (row), PROFILE_KEY, g_strdup (profile), g_free);
          g_signal_connect_object (row, "apply", G_CALLBACK (on_profile_renamed_cb), self,
                                   G_CONNECT_SWAPPED);
        }

      adw_preferences_group_add (self->profiles_group, row);
      g_ptr_array_add (self->profile_rows, row);
    }
}

static void
on_profiles_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char **profiles = sb_key_store_list_profiles_finish (result, &error);
  SbKeyWindow *self;

  if (is_cancelled (error))
    return;

  self = SB_KEY_WINDOW (user_data);
  /* Unavailable: the status row says so, from the lookup. */
  if (error != NULL)
    g_debug ("Cannot list the key profiles: %s", error->message);
  g_strfreev (self->stored_profiles);
  self->stored_profiles = profiles;
  rebuild_profile_list (self);
  rebuild_profile_rows (self);
  refresh_layers (self);
}

static void
refresh_profiles (SbKeyWindow *self)
{
  sb_key_store_list_profiles_async (self->cancellable, on_profiles_listed_cb, self);
}

/* The key of the selected profile */

static void
on_credits_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCredits) credits = NULL;
  g_autofree char *total = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;

  credits = sb_openrouter_get_credits_finish (SB_OPENROUTER (object), result, &error);
  if (is_cancelled (error))
    return;

  /* Only management keys may see the credits: for the others, nothing to say. */
  if (g_error_matches (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_FORBIDDEN))
    return;

  if (error != NULL)
    text = g_strdup (error->message);
  else
    {
      total = money (credits->total_credits);
      used = money (credits->total_usage);
      /* Translators: both are amounts in US dollars, such as "$4.20 used of $10.00" */
      text = g_strdup_printf (_("%s used of %s"), used, total);
    }

  adw_action_row_set_subtitle (check->self->credits_row, text);
  gtk_widget_set_visible (GTK_WIDGET (check->self->credits_row), TRUE);
}

/* The key is known good, or at least stored: say so and ask for the credits. */
static void
finish_check (Check *check)
{
  SbKeyWindow *self = check->self;
  g_autofree char *message = NULL;
  GCancellable *cancellable = self->check_cancellable;

  if (check->check_error != NULL)
    {
      message = g_strdup_printf (check->store
                                   /* Translators: %s says why, such as "no network" */
                                   ? _("Saved in the keyring, but it could not be checked: %s")
                                   : _("Stored in the keyring, but it could not be checked: "
                                       "%s"),
                                 check->check_error);
      set_status (self, STATUS_ERROR, message);
    }
  else
    set_status (self, STATUS_OK, check->store ? _("Saved in the keyring; OpenRouter accepts it")
                                              : _("Stored in the keyring; OpenRouter accepts "
                                                  "it"));

  if (check->checked)
    sb_openrouter_get_credits_async (self->openrouter, check->key, cancellable, on_credits_cb,
                                     check);
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
      gtk_widget_set_visible (GTK_WIDGET (check->self->account_group), FALSE);
      set_status (check->self, STATUS_ERROR, message);
      return;
    }

  refresh_profiles (check->self);
  finish_check (g_steal_pointer (&check));
}

static void
on_key_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbKeyInfo) info = NULL;
  SbKeyWindow *self;

  info = sb_openrouter_get_key_info_finish (SB_OPENROUTER (object), result, &error);
  if (is_cancelled (error))
    return;

  self = check->self;
  if (info != NULL)
    {
      check->checked = TRUE;
      show_key_info (self, info);
    }
  else if (g_error_matches (error, SB_OPENROUTER_ERROR, SB_OPENROUTER_ERROR_INVALID_KEY))
    {
      set_status (self, STATUS_ERROR,
                  check->store ? _("OpenRouter does not accept this key, so it was not saved. "
                                   "Check that it was copied whole.")
                               : _("OpenRouter does not accept the stored key any more. Paste "
                                   "a new one above."));
      return;
    }
  else
    check->check_error = g_strdup (error->message);

  if (check->store)
    {
      Check *owned = g_steal_pointer (&check);

      set_status (self, STATUS_BUSY, _("Saving the key in the keyring…"));
      sb_key_store_store_async (owned->profile, owned->key, self->check_cancellable,
                                on_stored_cb, owned);
      return;
    }

  finish_check (g_steal_pointer (&check));
}

/* Takes @key. */
static void
check_key (SbKeyWindow *self,
           const char  *profile,
           char        *key,
           gboolean     store)
{
  Check *check = g_new0 (Check, 1);

  check->self = self;
  check->profile = g_strdup (profile);
  check->key = key;
  check->store = store;

  if (self->openrouter == NULL)
    {
      check->check_error = g_strdup (self->openrouter_error);
      if (store)
        {
          set_status (self, STATUS_BUSY, _("Saving the key in the keyring…"));
          sb_key_store_store_async (profile, key, self->check_cancellable, on_stored_cb, check);
        }
      else
        finish_check (check);
      return;
    }

  set_status (self, STATUS_BUSY, _("Checking the key with OpenRouter…"));
  sb_openrouter_get_key_info_async (self->openrouter, key, self->check_cancellable,
                                    on_key_info_cb, check);
}

static void
restart_check (SbKeyWindow *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), FALSE);
}

static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  char *key = sb_key_store_lookup_finish (result, &error);
  SbKeyWindow *self;
  g_autofree char *profile = NULL;

  if (is_cancelled (error))
    return;

  self = SB_KEY_WINDOW (user_data);
  profile = g_strdup (selected_profile (self->profile_row));

  if (error != NULL)
    {
      /* Translators: %s is why the keyring could not be used */
      message = g_strdup_printf (_("%s\nThe key cannot be kept safely until the keyring "
                                   "works; nothing is written in plain text instead."),
                                 error->message);
      set_status (self, STATUS_ERROR, message);
      return;
    }

  if (key == NULL)
    {
      /* Translators: %s is a key profile name, such as "default" */
      message = g_strdup_printf (_("No key is stored for the profile “%s”. Paste one above."),
                                 profile);
      set_status (self, STATUS_MISSING, message);
      return;
    }

  check_key (self, profile, key, FALSE);
}

static void
show_profile (SbKeyWindow *self)
{
  restart_check (self);
  set_status (self, STATUS_BUSY, _("Looking for the key in the keyring…"));
  sb_key_store_lookup_async (selected_profile (self->profile_row), self->check_cancellable,
                             on_looked_up_cb, self);
}

static void
on_profile_row_selected_cb (SbKeyWindow *self)
{
  if (self->updating)
    return;

  sb_settings_set_key_profile (self->settings, selected_profile (self->profile_row));
  show_profile (self);
}

static void
on_key_entry_apply_cb (SbKeyWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->key_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *key;

  if (trimmed[0] == '\0')
    return;

  /* Pasted once: it leaves the entry at once, for the keyring or for nowhere. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_entry), "");
  if (!sb_key_store_check_key (trimmed, &error))
    {
      explicit_bzero (trimmed, strlen (trimmed));
      set_status (self, STATUS_ERROR, error->message);
      return;
    }

  key = g_strdup (trimmed);
  explicit_bzero (trimmed, strlen (trimmed));

  restart_check (self);
  check_key (self, selected_profile (self->profile_row), key, TRUE);
}

static void
on_add_profile_row_apply_cb (SbKeyWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
                                                  GTK_EDITABLE (self->add_profile_row))));

  if (name[0] == '\0')
    return;

  if (!sb_key_store_check_profile (name, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_profile_row), "");
  if (profile_position (self, name) == GTK_INVALID_LIST_POSITION)
    g_ptr_array_add (self->added_profiles, g_strdup (name));
  rebuild_profile_list (self);
  /* The new profile is selected, ready for its key. */
  select_profile (self->profile_row, profile_position (self, name));
  refresh_layers (self);
}

/* Removing and renaming profiles */

typedef struct
{
  SbKeyWindow *self;
  char        *from;
  char        *to;
} Rename;

static void
rename_free (Rename *rename)
{
  g_free (rename->from);
  g_free (rename->to);
  g_free (rename);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rename, rename_free)

static void
on_removed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Rename) rename = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean removed = FALSE;

  /* A key removed for good is scrubbed from the history too; a renamed one is kept. */
  if (rename->to == NULL
      ? !sb_routing_remove_key_finish (result, &removed, NULL, &error)
      : !sb_key_store_clear_finish (result, &removed, &error))
    {
      if (!is_cancelled (error))
        show_toast (rename->self, error->message, FALSE);
      return;
    }

  if (rename->to != NULL)
    /* Translators: both are key profile names */
    message = g_strdup_printf (_("The profile “%s” is now called “%s”"), rename->from,
                               rename->to);
  else
    /* Translators: %s is a key profile name */
    message = g_strdup_printf (_("Removed the key of the profile “%s” from the keyring"),
                               rename->from);
  show_toast (rename->self, message, FALSE);
  refresh_profiles (rename->self);
  if (g_strcmp0 (selected_profile (rename->self->profile_row), rename->from) == 0 ||
      g_strcmp0 (selected_profile (rename->self->profile_row), rename->to) == 0)
    show_profile (rename->self);
}

static void
on_remove_profile_clicked_cb (SbKeyWindow *self,
                              GtkButton   *button)
{
  Rename *rename = g_new0 (Rename, 1);

  rename->self = self;
  rename->from = g_strdup (g_object_get_data (G_OBJECT (button), PROFILE_KEY));
  g_ptr_array_remove_fast (self->added_profiles, rename->from);
  sb_routing_remove_key_async (rename->from, self->cancellable, on_removed_cb, rename);
}

static void
on_renamed_stored_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Rename) rename = user_data;
  g_autoptr(GError) error = NULL;
  SbKeyWindow *self;

  if (!sb_key_store_store_finish (result, &error))
    {
      if (!is_cancelled (error))
        show_toast (rename->self, error->message, FALSE);
      return;
    }

  /* The layers shown here follow the new name; others still name the old one. */
  self = rename->self;
  for (guint i = 0; i < self->routing_rows->len; i++)
    {
      SbLayer *layer = g_object_get_data (g_ptr_array_index (self->routing_rows, i), LAYER_KEY);
      g_autofree char *profile = NULL;
      g_autoptr(GError) local_error = NULL;

      if (sb_routing_get_enabled (layer, &profile) && g_str_equal (profile, rename->from) &&
          !sb_routing_set_enabled (layer, TRUE, rename->to, &local_error))
        show_toast (self, local_error->message, FALSE);
    }

  sb_key_store_clear_async (rename->from, self->cancellable, on_removed_cb, rename);
  rename = NULL;
}

static void
on_renamed_looked_up_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(Rename) rename = user_data;
  g_autoptr(GError) error = NULL;
  char *key = sb_key_store_lookup_finish (result, &error);
  SbKeyWindow *self;

  if (is_cancelled (error))
    return;

  self = rename->self;
  if (key == NULL)
    {
      show_toast (self, error != NULL ? error->message : _("That profile has no key any more"),
                  FALSE);
      refresh_profiles (self);
      return;
    }

  sb_key_store_store_async (rename->to, key, self->cancellable, on_renamed_stored_cb,
                            rename);
  rename = NULL;
  sb_key_store_free_key (key);
}

static void
on_profile_renamed_cb (SbKeyWindow *self,
                       AdwEntryRow *row)
{
  g_autoptr(GError) error = NULL;
  const char *from = g_object_get_data (G_OBJECT (row), PROFILE_KEY);
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  Rename *rename;

  if (g_str_equal (from, to))
    return;

  if (!sb_key_store_check_profile (to, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  if (self->stored_profiles != NULL &&
      g_strv_contains ((const char * const *) self->stored_profiles, to))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a key profile name */
      message = g_strdup_printf (_("There is a profile called “%s” already"), to);
      show_toast (self, message, FALSE);
      return;
    }

  rename = g_new0 (Rename, 1);
  rename->self = self;
  rename->from = g_strdup (from);
  rename->to = g_steal_pointer (&to);
  sb_key_store_lookup_async (rename->from, self->cancellable, on_renamed_looked_up_cb, rename);
}

/* Routing, layer by layer */

static void
on_route_changed_cb (SbKeyWindow *self,
                     GParamSpec  *pspec,
                     GObject     *object)
{
  AdwExpanderRow *row = g_object_get_data (object, "sb-route-row");
  AdwComboRow *combo = g_object_get_data (G_OBJECT (row), "sb-profile-row");
  SbLayer *layer = g_object_get_data (G_OBJECT (row), LAYER_KEY);
  gboolean enabled = adw_expander_row_get_enable_expansion (row);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *title = sb_scope_get_title (sb_layer_get_scope (layer));

  if (self->updating)
    return;

  /* A profile chosen while routing is off is only a choice, until it is turned on. */
  if (object == G_OBJECT (combo) && !enabled)
    return;

  if (!sb_routing_set_enabled (layer, enabled, selected_profile (combo), &error))
    {
      show_toast (self, error->message, FALSE);
      refresh_layers (self);
      return;
    }

  if (enabled)
    /* Translators: %s is a layer: User, Project or Local */
    message = g_strdup_printf (_("%s settings now route through OpenRouter"), title);
  else
    /* Translators: %s is a layer: User, Project or Local */
    message = g_strdup_printf (_("%s settings no longer route through OpenRouter"), title);
  record_change (self, layer, message);
  refresh_layers (self);
}

static GtkWidget *
make_route_row (SbKeyWindow *self,
                SbLayer     *layer)
{
  g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (layer));
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *combo = adw_combo_row_new ();
  SbScope scope = sb_layer_get_scope (layer);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_scope_get_title (scope));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), LAYER_KEY, g_object_ref (layer), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "sb-path", g_steal_pointer (&path), g_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Key Profile"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (self->profiles));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo);
  g_object_set_data (G_OBJECT (row), "sb-profile-row", combo);
  g_object_set_data (G_OBJECT (row), "sb-route-row", row);
  g_object_set_data (G_OBJECT (combo), "sb-route-row", row);

  g_signal_connect_object (row, "notify::enable-expansion", G_CALLBACK (on_route_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (on_route_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
update_route_row (SbKeyWindow    *self,
                  AdwExpanderRow *row)
{
  SbLayer *layer = g_object_get_data (G_OBJECT (row), LAYER_KEY);
  AdwComboRow *combo = g_object_get_data (G_OBJECT (row), "sb-profile-row");
  const char *path = g_object_get_data (G_OBJECT (row), "sb-path");
  g_autofree char *profile = NULL;
  g_autofree char *subtitle = NULL;
  gboolean enabled = sb_routing_get_enabled (layer, &profile);
  SbLayerState state = sb_layer_get_state (layer);
  gboolean usable = state == SB_LAYER_STATE_OK || state == SB_LAYER_STATE_MISSING;

  if (!usable)
    /* Translators: %s is a file path */
    subtitle = g_strdup_printf (_("%s cannot be read or does not parse; fix it first"), path);
  else if (enabled && !g_str_equal (profile, SB_KEY_STORE_DEFAULT_PROFILE))
    /* Translators: the first %s is a file path, the second a key profile name */
    subtitle = g_strdup_printf (_("%s, with the key of “%s”"), path, profile);
  else
    subtitle = g_strdup (path);

  self->updating = TRUE;
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_enable_expansion (row, enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (row), usable);
  select_profile (combo, profile_position (self, enabled ? profile
                                                         : selected_profile (self->profile_row)));
  self->updating = FALSE;
}

/* Plain-text keys */

static void
on_moved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLayer) layer = NULL;
  g_autofree char *message = NULL;
  SbKeyWindow *self;

  if (!sb_routing_move_key_finish (result, NULL, &error) && is_cancelled (error))
    return;

  self = SB_KEY_WINDOW (user_data);
  layer = g_steal_pointer (&self->moving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->plain_group), TRUE);

  if (error != NULL)
    {
      show_toast (self, error->message, FALSE);
      refresh_layers (self);
      return;
    }

  /* Translators: %s is a layer: User, Project or Local */
  message = g_strdup_printf (_("The key from the %s settings is in the keyring now"),
                             sb_scope_get_title (sb_layer_get_scope (layer)));
  record_change (self, layer, message);
  refresh_layers (self);
  refresh_profiles (self);
  show_profile (self);
}

static void
on_move_clicked_cb (SbKeyWindow *self,
                    GtkButton   *button)
{
  SbLayer *layer = g_object_get_data (G_OBJECT (button), LAYER_KEY);
  const char *pointer = g_object_get_data (G_OBJECT (button), POINTER_KEY);

  /* One at a time: each move rewrites a file. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->plain_group), FALSE);
  g_set_object (&self->moving, layer);
  sb_routing_move_key_async (layer, pointer, selected_profile (self->profile_row),
                             self->cancellable, on_moved_cb, self);
}

static void
refresh_plain_keys (SbKeyWindow *self)
{
  g_autoptr(GPtrArray) keys = sb_routing_find_plain_keys (self->stack);
  g_autofree char *description = NULL;

  clear_rows (self->plain_group, self->plain_rows);

  /* Translators: %s is a key profile name, such as "default" */
  description = g_strdup_printf (_("Any program, backup or commit can read a key written in a "
                                   "settings file. Moving it stores it in the keyring as the "
                                   "profile “%s”, replacing the key kept there, and puts "
                                   "signalbox-key in its place; the rest of the file stays as "
                                   "it is."),
                                 selected_profile (self->profile_row));
  adw_preferences_group_set_description (self->plain_group, description);

  /* Without a folder, only the User layer is real: the others would be the home folder's. */
  for (guint i = keys->len; i > 0 && !self->has_folder; i--)
    {
      SbPlainKey *key = g_ptr_array_index (keys, i - 1);

      if (sb_layer_get_scope (key->layer) != SB_SCOPE_USER)
        g_ptr_array_remove_index (keys, i - 1);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      SbPlainKey *key = g_ptr_array_index (keys, i);
      g_autofree char *path = sb_paths_abbreviate (sb_layer_get_path (key->layer));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Move into the Keyring"));

      /* Translators: the first %s is a layer (User, Project, Local), the second a path */
      subtitle = g_strdup_printf (_("%s settings, %s"),
                                  sb_scope_get_title (sb_layer_get_scope (key->layer)), path);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data_full (G_OBJECT (button), LAYER_KEY, g_object_ref (key->layer),
                              g_object_unref);
      g_object_set_data_full (G_OBJECT (button), POINTER_KEY, g_strdup (key->pointer), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_move_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->plain_group, row);
      g_ptr_array_add (self->plain_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->plain_group), keys->len > 0);
}

static void
refresh_layers (SbKeyWindow *self)
{
  for (guint i = 0; i < self->routing_rows->len; i++)
    update_route_row (self, g_ptr_array_index (self->routing_rows, i));

  refresh_plain_keys (self);
}

static void
on_stack_changed_cb (SbKeyWindow *self)
{
  rebuild_profile_list (self);
  refresh_layers (self);
}

/* Without a keyring */

static void
on_token_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SbKeyWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_routing_store_token_finish (result, &error))
    {
      if (is_cancelled (error))
        return;

      gtk_widget_set_sensitive (GTK_WIDGET (self->local_button), TRUE);
      /* git would commit the file: offer to make it ignore it first. */
      if (g_error_matches (error, SB_ROUTING_ERROR, SB_ROUTING_ERROR_NOT_IGNORED))
        {
          AdwToast *toast = adw_toast_new (error->message);

          adw_toast_set_button_label (toast, _("_Ignore and Store"));
          adw_toast_set_action_name (toast, "key.ignore-and-store");
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_set_timeout (toast, 0);
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
        }
      else
        show_toast (self, error->message, FALSE);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->local_button), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->key_entry), "");
  record_change (self, sb_layer_stack_get_layer (self->stack, SB_SCOPE_LOCAL),
                 _("The key is in settings.local.json, in plain text that only you can "
                   "read"));
  refresh_layers (self);
}

static void
on_local_button_clicked_cb (SbKeyWindow *self)
{
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (
                                                   GTK_EDITABLE (self->key_entry))));
  SbLayer *layer = sb_layer_stack_get_layer (self->stack, SB_SCOPE_LOCAL);

  if (token[0] == '\0')
    {
      show_toast (self, _("Paste the key above first"), FALSE);
      return;
    }

  /* git is asked in a thread whether it would commit the file. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->local_button), FALSE);
  sb_routing_store_token_async (layer, token, self->cancellable, on_token_stored_cb, self);
  explicit_bzero (token, strlen (token));
}

/* After "git does not ignore settings.local.json": a line in info/exclude, then the key. */
static void
ignore_and_store_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbKeyWindow *self = SB_KEY_WINDOW (widget);
  SbLayer *layer = sb_layer_stack_get_layer (self->stack, SB_SCOPE_LOCAL);
  g_autoptr(GError) error = NULL;

  if (!sb_git_add_exclude (sb_layer_get_path (layer), &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  on_local_button_clicked_cb (self);
}

static void
update_local_row (SbKeyWindow *self)
{
  SbLayer *layer;
  g_autofree char *path = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->local_group), self->has_folder);
  if (!self->has_folder)
    return;

  layer = sb_layer_stack_get_layer (self->stack, SB_SCOPE_LOCAL);
  path = sb_paths_abbreviate (sb_layer_get_path (layer));
  /* Translators: %s is the path of settings.local.json */
  subtitle = g_strdup_printf (_("Only if this computer has no keyring. The key pasted above "
                                "is written in plain text into %s, which is then readable "
                                "only by you (permissions 0600). Backups and any program you "
                                "run can still read it, and only claude in this folder "
                                "uses it."),
                              path);
  adw_action_row_set_subtitle (self->local_row, subtitle);
}

/* Actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbKeyWindow *self = SB_KEY_WINDOW (widget);

  if (self->window == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.undo", NULL);
  show_toast (self, _("Undone"), FALSE);
  refresh_layers (self);
}

/* GObject */

static void
sb_key_window_dispose (GObject *object)
{
  SbKeyWindow *self = (SbKeyWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_KEY_WINDOW);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->stack);
  g_clear_object (&self->moving);
  g_clear_object (&self->openrouter);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_key_window_parent_class)->dispose (object);
}

static void
sb_key_window_finalize (GObject *object)
{
  SbKeyWindow *self = (SbKeyWindow *)object;

  g_clear_pointer (&self->routing_rows, g_ptr_array_unref);
  g_clear_pointer (&self->plain_rows, g_ptr_array_unref);
  g_clear_pointer (&self->profile_rows, g_ptr_array_unref);
  g_clear_pointer (&self->added_profiles, g_ptr_array_unref);
  g_clear_pointer (&self->stored_profiles, g_strfreev);
  g_clear_pointer (&self->openrouter_error, g_free);

  G_OBJECT_CLASS (sb_key_window_parent_class)->finalize (object);
}

static void
sb_key_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbKeyWindow *self = SB_KEY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_key_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbKeyWindow *self = SB_KEY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->settings = g_object_ref (sb_context_get_settings (self->context));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_key_window_class_init (SbKeyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_key_window_dispose;
  object_class->finalize = sb_key_window_finalize;
  object_class->get_property = sb_key_window_get_property;
  object_class->set_property = sb_key_window_set_property;

  /* SbKeyWindow:context: the OpenRouter client and the settings */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-key-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, add_profile_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, credits_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, free_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, key_entry);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, label_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, limit_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, local_button);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, local_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, local_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, plain_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, profiles);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, remaining_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, routing_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, usage_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_profile_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_local_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "key.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "key.ignore-and-store", NULL,
                                   ignore_and_store_action);
}

static void
sb_key_window_init (SbKeyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->check_cancellable = g_cancellable_new ();
  self->routing_rows = g_ptr_array_new ();
  self->plain_rows = g_ptr_array_new ();
  self->profile_rows = g_ptr_array_new ();
  self->added_profiles = g_ptr_array_new_with_free_func (g_free);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->local_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->label_row), FALSE);
}

/**
 * sb_key_window_new:
 * @window: the main window
 * @context: @window's services
 *
 * Creates the key page for the folder @window shows (or, with none, for the User layer
 * only), over @window.
 */
SbKeyWindow *
sb_key_window_new (SbWindow  *window,
                   SbContext *context)
{
  SbKeyWindow *self;
  SbLayerStack *stack;
  static const SbScope scopes[] = { SB_SCOPE_USER, SB_SCOPE_PROJECT, SB_SCOPE_LOCAL };

  g_return_val_if_fail (SB_IS_WINDOW (window), NULL);
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);

  self = g_object_new (SB_TYPE_KEY_WINDOW, "transient-for", window, "context", context, NULL);
  g_set_weak_pointer (&self->window, window);

  /* The application's one HTTP client; without one, trying again says why there is none. */
  if (sb_context_get_client (context) != NULL)
    self->openrouter = g_object_ref (sb_context_get_client (context));
  else
    {
      g_autoptr(GError) error = NULL;

      self->openrouter = sb_openrouter_new (&error);
      if (self->openrouter == NULL)
        self->openrouter_error = g_strdup (error->message);
    }

  /* The main window's own layers, so that its columns and Undo follow every change. */
  stack = sb_window_get_stack (window);
  self->has_folder = stack != NULL;
  if (stack != NULL)
    self->stack = g_object_ref (stack);
  else
    {
      g_autofree char *home = sb_paths_get_home_dir ();

      self->stack = sb_layer_stack_new (home);
    }
  g_signal_connect_object (self->stack, "changed", G_CALLBACK (on_stack_changed_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      GtkWidget *row;

      if (scopes[i] != SB_SCOPE_USER && !self->has_folder)
        continue;

      row = make_route_row (self, sb_layer_stack_get_layer (self->stack, scopes[i]));
      adw_preferences_group_add (self->routing_group, row);
      g_ptr_array_add (self->routing_rows, row);
    }

  /* Running from the build tree, say so before anyone tries. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *helper = sb_routing_get_helper_path (&error);

    if (helper == NULL)
      adw_preferences_group_set_description (self->routing_group, error->message);
  }

  rebuild_profile_list (self);
  update_local_row (self);
  refresh_layers (self);
  refresh_profiles (self);
  show_profile (self);

  return self;
}
