/* sb-key-window.c
 *
 * The OpenRouter key page: the key pasted once into the keyring, the account it belongs
 * to, key profiles, routing each layer through OpenRouter, and plain-text keys to move.
 *
 * The page works on the layers it is given (the shown folder's, or without one the User
 * layer only) and says what it saved with the ::saved signal; its rows ask for changes
 * with key.* actions, which the page carries out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-key-account.h"
#include "sb-key-check.h"
#include "sb-key-profiles.h"
#include "sb-key-store.h"
#include "sb-key-window.h"
#include "sb-local-key-group.h"
#include "sb-paths.h"
#include "sb-plain-keys-group.h"
#include "sb-profile-combo.h"
#include "sb-profile-row.h"
#include "sb-route-group.h"
#include "sb-routing.h"

struct _SbKeyWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  SbKeyAccount         *account_group;
  AdwEntryRow          *add_profile_row;
  AdwActionRow         *default_profile_row;
  AdwPasswordEntryRow  *key_entry;
  SbLocalKeyGroup      *local_group;
  SbPlainKeysGroup     *plain_group;
  AdwComboRow          *profile_row;
  GtkStringList        *profiles;
  AdwPreferencesGroup  *profiles_group;
  SbRouteGroup         *routing_group;
  GtkSpinner           *spinner;
  GtkStack             *status_icon;
  AdwActionRow         *status_row;

  /* Owned */
  SbContext            *context;
  SbSettings           *settings;          /* the context's; the profile last chosen */
  SbKeyCheck           *check;             /* the selected profile's key */
  SbLayerStack         *stack;             /* the folder's, or the home folder's */
  gboolean              has_folder;        /* whether it is the folder's */
  gboolean              constructed;
  GCancellable         *cancellable;       /* everything; cancelled on dispose */
  GPtrArray            *profile_rows;      /* of SbProfileRow */
  SbKeyProfiles        *key_profiles;      /* offered in the combo rows */
  SbLayer              *moving;            /* the layer a key is being moved out of */
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (SbKeyWindow, sb_key_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_profile     (SbKeyWindow *self);
static void refresh_profiles (SbKeyWindow *self);
static void refresh_layers   (SbKeyWindow *self);

/* Undo is the main window's: the page's toasts offer it when the page is over one. */
static void
show_toast (SbKeyWindow *self,
            const char  *message,
            gboolean     can_undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (can_undo && gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "key.undo");
    }
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* A change written to @layer, said to whoever keeps the Undo. */
static void
record_change (SbKeyWindow *self,
               SbLayer     *layer,
               const char  *message)
{
  g_signal_emit (self, signals[SAVED], 0, layer, message);
  show_toast (self, message, TRUE);
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

  return sb_profile_combo_selected (self->profile_row);
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

/* Profiles */

static void
rebuild_profile_list (SbKeyWindow *self)
{
  g_autofree char *current = NULL;
  g_autoptr(GPtrArray) layers = sb_route_group_get_layers (self->routing_group);
  g_auto(GStrv) names = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  /* The first time, the profile chosen last time the page was open. */
  current = g_strdup (n > 0 ? sb_profile_combo_selected (self->profile_row)
                            : sb_settings_get_key_profile (self->settings));
  names = sb_key_profiles_list (self->key_profiles, layers, current);
  /* One that cannot be a profile is not offered: the default one is shown instead. */
  if (current == NULL || !g_strv_contains ((const char * const *) names, current))
    {
      g_free (current);
      current = g_strdup (SB_KEY_STORE_DEFAULT_PROFILE);
    }

  /* The route rows' choices follow the list, and are not choices made by anyone. */
  self->updating = TRUE;
  gtk_string_list_splice (self->profiles, 0, n, (const char * const *) names);
  sb_profile_combo_select (self->profile_row, current);
  self->updating = FALSE;
}

static void
on_profiles_changed_cb (SbKeyWindow *self)
{
  const char * const *stored = sb_key_profiles_get_stored (self->key_profiles);

  rebuild_profile_list (self);
  refresh_layers (self);

  /* The default profile is what signalbox-key uses without --profile: it keeps its name,
   * and has its own row. */
  for (guint i = 0; i < self->profile_rows->len; i++)
    adw_preferences_group_remove (self->profiles_group,
                                  g_ptr_array_index (self->profile_rows, i));
  g_ptr_array_set_size (self->profile_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->default_profile_row),
                          stored != NULL &&
                          g_strv_contains (stored, SB_KEY_STORE_DEFAULT_PROFILE));
  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    if (!g_str_equal (stored[i], SB_KEY_STORE_DEFAULT_PROFILE))
      {
        GtkWidget *row = GTK_WIDGET (sb_profile_row_new (stored[i]));

        adw_preferences_group_add (self->profiles_group, row);
        g_ptr_array_add (self->profile_rows, row);
      }
}

static void
refresh_profiles (SbKeyWindow *self)
{
  sb_key_profiles_refresh (self->key_profiles);
}

/* The key of the selected profile */

static void
on_check_message_cb (SbKeyWindow *self)
{
  static const char * const pages[] = {
    [SB_KEY_CHECK_BUSY] = "busy",
    [SB_KEY_CHECK_OK] = "ok",
    [SB_KEY_CHECK_MISSING] = "missing",
    [SB_KEY_CHECK_ERROR] = "error",
  };
  SbKeyCheckState state = sb_key_check_get_state (self->check);

  gtk_stack_set_visible_child_name (self->status_icon, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == SB_KEY_CHECK_BUSY);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                 sb_key_check_get_message (self->check));
}

static void
on_check_info_cb (SbKeyWindow *self)
{
  sb_key_account_set_info (self->account_group, sb_key_check_get_info (self->check));
}

static void
on_check_credits_cb (SbKeyWindow *self)
{
  sb_key_account_set_credits (self->account_group, sb_key_check_get_credits (self->check),
                              sb_key_check_get_credits_error (self->check));
}

static void
show_profile (SbKeyWindow *self)
{
  sb_key_check_show (self->check, sb_profile_combo_selected (self->profile_row));
}

static void
on_profile_row_selected_cb (SbKeyWindow *self)
{
  if (self->updating)
    return;

  sb_settings_set_key_profile (self->settings, sb_profile_combo_selected (self->profile_row));
  show_profile (self);
}

static void
on_key_entry_apply_cb (SbKeyWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->key_entry));
  g_autofree char *key = g_strstrip (g_strdup (text));

  if (key[0] == '\0')
    return;

  /* Pasted once: it leaves the entry at once, for the keyring or for nowhere. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_entry), "");
  sb_key_check_store (self->check, sb_profile_combo_selected (self->profile_row), key);
  explicit_bzero (key, strlen (key));
}

static void
on_add_profile_row_apply_cb (SbKeyWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
                                                  GTK_EDITABLE (self->add_profile_row))));

  if (name[0] == '\0')
    return;

  if (!sb_key_profiles_add (self->key_profiles, name, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_profile_row), "");
  rebuild_profile_list (self);
  /* The new profile is selected, ready for its key. */
  sb_profile_combo_select (self->profile_row, name);
  refresh_layers (self);
}

static void
on_notice_cb (SbKeyWindow *self,
              const char  *message)
{
  show_toast (self, message, FALSE);
}

static void
on_key_changed_cb (SbKeyWindow *self,
                   const char  *profile)
{
  if (g_strcmp0 (sb_profile_combo_selected (self->profile_row), profile) == 0)
    show_profile (self);
}

static void
remove_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbKeyWindow *self = SB_KEY_WINDOW (widget);

  sb_key_profiles_remove (self->key_profiles, g_variant_get_string (parameter, NULL));
}

static void
rename_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbKeyWindow *self = SB_KEY_WINDOW (widget);
  g_autoptr(GPtrArray) layers = sb_route_group_get_layers (self->routing_group);
  const char *from;
  const char *to;

  g_variant_get (parameter, "(&s&s)", &from, &to);
  sb_key_profiles_rename (self->key_profiles, from, to, layers);
}

/* Routing, layer by layer */

static void
route_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbKeyWindow *self = SB_KEY_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *scope_name;
  const char *profile;
  gboolean enabled;
  SbScope scope;
  SbLayer *layer;

  g_variant_get (parameter, "(&sb&s)", &scope_name, &enabled, &profile);
  if (self->updating || !sb_scope_from_string (scope_name, &scope))
    return;

  layer = sb_layer_stack_get_layer (self->stack, scope);
  if (!sb_routing_set_enabled (layer, enabled, profile, &error))
    show_toast (self, error->message, FALSE);
  else
    {
      if (enabled)
        /* Translators: %s is a layer: User, Project or Local */
        message = g_strdup_printf (_("%s settings now route through OpenRouter"),
                                   sb_scope_get_title (scope));
      else
        /* Translators: %s is a layer: User, Project or Local */
        message = g_strdup_printf (_("%s settings no longer route through OpenRouter"),
                                   sb_scope_get_title (scope));
      record_change (self, layer, message);
    }
  refresh_layers (self);
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

  if (!sb_routing_move_key_finish (result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
move_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SbKeyWindow *self = SB_KEY_WINDOW (widget);
  const char *scope_name;
  const char *pointer;
  SbScope scope;

  g_variant_get (parameter, "(&s&s)", &scope_name, &pointer);
  if (self->moving != NULL || !sb_scope_from_string (scope_name, &scope))
    return;

  /* One at a time: each move rewrites a file. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->plain_group), FALSE);
  g_set_object (&self->moving, sb_layer_stack_get_layer (self->stack, scope));
  sb_routing_move_key_async (self->moving, pointer,
                             sb_profile_combo_selected (self->profile_row), self->cancellable,
                             on_moved_cb, self);
}

static void
refresh_layers (SbKeyWindow *self)
{
  const char *profile = sb_profile_combo_selected (self->profile_row);

  sb_route_group_update (self->routing_group, profile);
  sb_plain_keys_group_update (self->plain_group, self->stack, !self->has_folder, profile);
}

static void
on_stack_changed_cb (SbKeyWindow *self)
{
  rebuild_profile_list (self);
  refresh_layers (self);
}

/* Without a keyring */

static void
on_local_group_saved_cb (SbKeyWindow *self,
                         SbLayer     *layer,
                         const char  *message)
{
  record_change (self, layer, message);
  refresh_layers (self);
}

static void
on_local_group_failed_cb (SbKeyWindow *self,
                          const char  *message,
                          gboolean     can_ignore)
{
  AdwToast *toast;

  if (!can_ignore)
    {
      show_toast (self, message, FALSE);
      return;
    }

  /* git would commit the file: offer to make it ignore it first. */
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Ignore and Store"));
  adw_toast_set_action_name (toast, "key.ignore-and-store");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* After "git does not ignore settings.local.json": a line in info/exclude, then the key. */
static void
ignore_and_store_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  sb_local_key_group_store (SB_KEY_WINDOW (widget)->local_group, TRUE);
}

/* The layers */

/* A route row for each layer a key can be routed through: without a folder, the User
 * layer only, as the others would be the home folder's. */
static void
show_stack (SbKeyWindow  *self,
            SbLayerStack *stack)
{
  static const SbScope scopes[] = { SB_SCOPE_USER, SB_SCOPE_PROJECT, SB_SCOPE_LOCAL };
  g_autoptr(GPtrArray) layers = NULL;

  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  g_clear_object (&self->stack);

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

  layers = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    if (scopes[i] == SB_SCOPE_USER || self->has_folder)
      g_ptr_array_add (layers, sb_layer_stack_get_layer (self->stack, scopes[i]));
  sb_route_group_set_layers (self->routing_group, layers);

  sb_local_key_group_set_layer (self->local_group,
                                self->has_folder ? sb_layer_stack_get_layer (self->stack,
                                                                             SB_SCOPE_LOCAL)
                                                 : NULL);
  rebuild_profile_list (self);
  refresh_layers (self);
}

/**
 * sb_key_window_get_stack:
 * @self: the key page
 *
 * Returns: (nullable): the folder's layers the page works on, or %NULL for the User layer
 *   alone
 */
SbLayerStack *
sb_key_window_get_stack (SbKeyWindow *self)
{
  g_return_val_if_fail (SB_IS_KEY_WINDOW (self), NULL);

  return self->has_folder ? self->stack : NULL;
}

/**
 * sb_key_window_set_stack:
 * @self: the key page
 * @stack: (nullable): the shown folder's layers, or %NULL when no folder is shown
 *
 * Gives the page the layers to route and to move keys out of; the same #SbLayerStack as
 * the main window's, so that each side sees the other's changes.
 */
void
sb_key_window_set_stack (SbKeyWindow  *self,
                         SbLayerStack *stack)
{
  g_return_if_fail (SB_IS_KEY_WINDOW (self));
  g_return_if_fail (stack == NULL || SB_IS_LAYER_STACK (stack));

  if (self->stack != NULL && sb_key_window_get_stack (self) == stack)
    return;

  /* Before construction ends, only kept: the rows want the context too. */
  if (!self->constructed)
    g_set_object (&self->stack, stack);
  else
    show_stack (self, stack);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

/* Actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbKeyWindow *self = SB_KEY_WINDOW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* The window that keeps the Undo is the one this page is over. */
  if (parent == NULL || !gtk_widget_activate_action (GTK_WIDGET (parent), "win.undo", NULL))
    return;

  show_toast (self, _("Undone"), FALSE);
  refresh_layers (self);
}

/* GObject */

static void
sb_key_window_constructed (GObject *object)
{
  SbKeyWindow *self = (SbKeyWindow *)object;
  g_autoptr(SbLayerStack) stack = g_steal_pointer (&self->stack);

  G_OBJECT_CLASS (sb_key_window_parent_class)->constructed (object);

  self->settings = g_object_ref (sb_context_get_settings (self->context));

  /* The application's one HTTP client; without one, the check makes its own or says why
   * it cannot. */
  self->check = sb_key_check_new (sb_context_get_client (self->context));
  g_signal_connect_object (self->check, "notify::message", G_CALLBACK (on_check_message_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check, "notify::info", G_CALLBACK (on_check_info_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check, "notify::credits", G_CALLBACK (on_check_credits_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check, "stored", G_CALLBACK (refresh_profiles), self,
                           G_CONNECT_SWAPPED);

  self->constructed = TRUE;
  show_stack (self, stack);
  refresh_profiles (self);
  show_profile (self);
}

static void
sb_key_window_dispose (GObject *object)
{
  SbKeyWindow *self = (SbKeyWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_KEY_WINDOW);

  g_clear_object (&self->stack);
  g_clear_object (&self->moving);
  g_clear_object (&self->check);
  g_clear_object (&self->key_profiles);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_key_window_parent_class)->dispose (object);
}

static void
sb_key_window_finalize (GObject *object)
{
  SbKeyWindow *self = (SbKeyWindow *)object;

  g_clear_pointer (&self->profile_rows, g_ptr_array_unref);

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
    case PROP_STACK:
      g_value_set_object (value, sb_key_window_get_stack (self));
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
      break;
    case PROP_STACK:
      sb_key_window_set_stack (self, g_value_get_object (value));
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

  object_class->constructed = sb_key_window_constructed;
  object_class->dispose = sb_key_window_dispose;
  object_class->finalize = sb_key_window_finalize;
  object_class->get_property = sb_key_window_get_property;
  object_class->set_property = sb_key_window_set_property;

  /* SbKeyWindow:context: the OpenRouter client and the settings */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SB_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* SbKeyWindow:stack: the shown folder's layers, or %NULL for the User layer alone */
  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, SB_TYPE_LAYER_STACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbKeyWindow::saved:
   * @layer: the layer a change was written to
   * @message: what changed, for a toast
   *
   * A change that sb_layer_undo() on @layer takes back.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, SB_TYPE_LAYER,
                                 G_TYPE_STRING);

  g_type_ensure (SB_TYPE_KEY_ACCOUNT);
  g_type_ensure (SB_TYPE_LOCAL_KEY_GROUP);
  g_type_ensure (SB_TYPE_PLAIN_KEYS_GROUP);
  g_type_ensure (SB_TYPE_ROUTE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/signalbox/Signalbox/sb-key-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, add_profile_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, default_profile_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, key_entry);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, local_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, plain_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, profiles);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, routing_group);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SbKeyWindow, status_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_profile_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_local_group_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_local_group_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "key.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "key.ignore-and-store", NULL,
                                   ignore_and_store_action);
  gtk_widget_class_install_action (widget_class, "key.route", "(sbs)", route_action);
  gtk_widget_class_install_action (widget_class, "key.move-key", "(ss)", move_key_action);
  gtk_widget_class_install_action (widget_class, "key.remove-profile", "s",
                                   remove_profile_action);
  gtk_widget_class_install_action (widget_class, "key.rename-profile", "(ss)",
                                   rename_profile_action);
}

static void
sb_key_window_init (SbKeyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->profile_rows = g_ptr_array_new ();
  self->key_profiles = sb_key_profiles_new ();
  g_signal_connect_object (self->key_profiles, "changed", G_CALLBACK (on_profiles_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_profiles, "notice", G_CALLBACK (on_notice_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_profiles, "key-changed", G_CALLBACK (on_key_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * sb_key_window_new:
 * @context: the services of the window that opens the page
 * @stack: (nullable): the shown folder's layers, or %NULL when no folder is shown
 *
 * Creates the key page. Changes it writes are announced with ::saved; its Undo asks for
 * `win.undo` of the window it is transient for.
 */
SbKeyWindow *
sb_key_window_new (SbContext    *context,
                   SbLayerStack *stack)
{
  g_return_val_if_fail (SB_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (stack == NULL || SB_IS_LAYER_STACK (stack), NULL);

  return g_object_new (SB_TYPE_KEY_WINDOW, "context", context, "stack", stack, NULL);
}
