/* sb-settings.c
 *
 * The application's GSettings, as properties to bind and notify on.
 *
 * Each key the widgets use is a property bound both ways with g_settings_bind(), so a change
 * made here reaches dconf, and a change made elsewhere (another window, `gsettings set`)
 * arrives as one notify. The list keys have their edits here, once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-settings.h"

struct _SbSettings
{
  GObject    parent_instance;

  /* Owned */
  GSettings *settings;
  char     **folders;
  char     **hidden_folders;
  char      *selected_folder;
  char      *model_layer;
  char      *key_profile;
  char     **favourites;
  gboolean   model_picker;
};

G_DEFINE_FINAL_TYPE (SbSettings, sb_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLDERS,
  PROP_HIDDEN_FOLDERS,
  PROP_SELECTED_FOLDER,
  PROP_MODEL_LAYER,
  PROP_KEY_PROFILE,
  PROP_FAVOURITES,
  PROP_MODEL_PICKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GSettings key of each property has the property's name. */
static char ***
strv_slot (SbSettings *self,
           guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_FOLDERS:
      return &self->folders;
    case PROP_HIDDEN_FOLDERS:
      return &self->hidden_folders;
    case PROP_FAVOURITES:
      return &self->favourites;
    default:
      g_assert_not_reached ();
    }
}

static char **
string_slot (SbSettings *self,
             guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_SELECTED_FOLDER:
      return &self->selected_folder;
    case PROP_MODEL_LAYER:
      return &self->model_layer;
    case PROP_KEY_PROFILE:
      return &self->key_profile;
    default:
      g_assert_not_reached ();
    }
}

static void
set_strv (SbSettings         *self,
          guint               prop_id,
          const char * const *value)
{
  char ***slot = strv_slot (self, prop_id);
  const char *none[] = { NULL };

  if (value == NULL)
    value = none;
  if (*slot != NULL && g_strv_equal ((const char * const *) *slot, value))
    return;

  g_strfreev (*slot);
  *slot = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_string (SbSettings *self,
            guint       prop_id,
            const char *value)
{
  char **slot = string_slot (self, prop_id);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (*slot, value) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
sb_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SbSettings *self = SB_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_FOLDERS:
    case PROP_HIDDEN_FOLDERS:
    case PROP_FAVOURITES:
      g_value_set_boxed (value, *strv_slot (self, prop_id));
      break;
    case PROP_SELECTED_FOLDER:
    case PROP_MODEL_LAYER:
    case PROP_KEY_PROFILE:
      g_value_set_string (value, *string_slot (self, prop_id));
      break;
    case PROP_MODEL_PICKER:
      g_value_set_boolean (value, self->model_picker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SbSettings *self = SB_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_FOLDERS:
    case PROP_HIDDEN_FOLDERS:
    case PROP_FAVOURITES:
      set_strv (self, prop_id, g_value_get_boxed (value));
      break;
    case PROP_SELECTED_FOLDER:
    case PROP_MODEL_LAYER:
    case PROP_KEY_PROFILE:
      set_string (self, prop_id, g_value_get_string (value));
      break;
    case PROP_MODEL_PICKER:
      if (self->model_picker != g_value_get_boolean (value))
        {
          self->model_picker = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_settings_dispose (GObject *object)
{
  SbSettings *self = SB_SETTINGS (object);

  if (self->settings != NULL)
    for (guint i = 1; i < N_PROPS; i++)
      g_settings_unbind (self, g_param_spec_get_name (properties[i]));
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_settings_parent_class)->dispose (object);
}

static void
sb_settings_finalize (GObject *object)
{
  SbSettings *self = SB_SETTINGS (object);

  g_strfreev (self->folders);
  g_strfreev (self->hidden_folders);
  g_strfreev (self->favourites);
  g_free (self->selected_folder);
  g_free (self->model_layer);
  g_free (self->key_profile);

  G_OBJECT_CLASS (sb_settings_parent_class)->finalize (object);
}

static void
sb_settings_class_init (SbSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sb_settings_get_property;
  object_class->set_property = sb_settings_set_property;
  object_class->dispose = sb_settings_dispose;
  object_class->finalize = sb_settings_finalize;

  /* SbSettings:folders: the folders opened in Signalbox, most recent first */
  properties[PROP_FOLDERS] = g_param_spec_boxed ("folders", NULL, NULL, G_TYPE_STRV, flags);
  /* SbSettings:hidden-folders: folders Claude Code knows that were taken off the sidebar */
  properties[PROP_HIDDEN_FOLDERS] = g_param_spec_boxed ("hidden-folders", NULL, NULL,
                                                        G_TYPE_STRV, flags);
  properties[PROP_SELECTED_FOLDER] = g_param_spec_string ("selected-folder", NULL, NULL, "",
                                                          flags);
  /* SbSettings:model-layer: "local", "project" or "user", where a chosen model goes */
  properties[PROP_MODEL_LAYER] = g_param_spec_string ("model-layer", NULL, NULL, "local",
                                                      flags);
  properties[PROP_KEY_PROFILE] = g_param_spec_string ("key-profile", NULL, NULL, "default",
                                                      flags);
  /* SbSettings:favourites: model ids, in the order they were pinned */
  properties[PROP_FAVOURITES] = g_param_spec_boxed ("favourites", NULL, NULL, G_TYPE_STRV,
                                                    flags);
  /* SbSettings:model-picker: whether the favourites are rows of Claude Code's /model */
  properties[PROP_MODEL_PICKER] = g_param_spec_boolean ("model-picker", NULL, NULL, TRUE,
                                                        flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_settings_init (SbSettings *self)
{
  self->folders = g_new0 (char *, 1);
  self->hidden_folders = g_new0 (char *, 1);
  self->favourites = g_new0 (char *, 1);
  self->selected_folder = g_strdup ("");
  self->model_layer = g_strdup ("local");
  self->key_profile = g_strdup ("default");
  self->model_picker = TRUE;

  self->settings = g_settings_new (APP_ID);
  for (guint i = 1; i < N_PROPS; i++)
    {
      const char *name = g_param_spec_get_name (properties[i]);

      g_settings_bind (self->settings, name, self, name, G_SETTINGS_BIND_DEFAULT);
    }
}

/**
 * sb_settings_new:
 *
 * Returns: (transfer full): the application's settings, bound to its schema
 */
SbSettings *
sb_settings_new (void)
{
  return g_object_new (SB_TYPE_SETTINGS, NULL);
}

/* Returns: (transfer none): the GSettings, for keys only one widget binds (window size) */
GSettings *
sb_settings_get_gsettings (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), NULL);

  return self->settings;
}

/* A copy of @list with @item taken out, and put first or last when @where says so. */
static char **
strv_with (const char * const *list,
           const char         *item,
           int                 where)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (where < 0)
    g_strv_builder_add (builder, item);
  for (guint i = 0; list[i] != NULL; i++)
    if (!g_str_equal (list[i], item))
      g_strv_builder_add (builder, list[i]);
  if (where > 0)
    g_strv_builder_add (builder, item);

  return g_strv_builder_end (builder);
}

static void
update_list (SbSettings *self,
             guint       prop_id,
             const char *item,
             int         where)
{
  g_auto(GStrv) changed = strv_with ((const char * const *) *strv_slot (self, prop_id), item,
                                     where);

  set_strv (self, prop_id, (const char * const *) changed);
}

/* Puts @folder first among the remembered folders, or first among the hidden ones. */
static void
file_folder (SbSettings *self,
             const char *folder,
             gboolean    remembered)
{
  update_list (self, PROP_FOLDERS, folder, remembered ? -1 : 0);
  update_list (self, PROP_HIDDEN_FOLDERS, folder, remembered ? 0 : -1);
}

/* Returns: (transfer none): the remembered folders, most recent first */
const char * const *
sb_settings_get_folders (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), NULL);

  return (const char * const *) self->folders;
}

/* Returns: (transfer none): the folders taken off the sidebar */
const char * const *
sb_settings_get_hidden_folders (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), NULL);

  return (const char * const *) self->hidden_folders;
}

/**
 * sb_settings_remember_folder:
 * @self: the settings
 * @folder: a folder
 *
 * Puts @folder first among the remembered folders, and no longer hidden.
 */
void
sb_settings_remember_folder (SbSettings *self,
                             const char *folder)
{
  g_return_if_fail (SB_IS_SETTINGS (self));
  g_return_if_fail (folder != NULL);

  file_folder (self, folder, TRUE);
}

/**
 * sb_settings_forget_folder:
 * @self: the settings
 * @folder: a folder
 *
 * Takes @folder out of the remembered folders and hides it, as Claude Code's own list
 * would bring it back otherwise.
 */
void
sb_settings_forget_folder (SbSettings *self,
                           const char *folder)
{
  g_return_if_fail (SB_IS_SETTINGS (self));
  g_return_if_fail (folder != NULL);

  file_folder (self, folder, FALSE);
}

/* Returns: (transfer none): the folder shown last, or "" */
const char *
sb_settings_get_selected_folder (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), NULL);

  return self->selected_folder;
}

void
sb_settings_set_selected_folder (SbSettings *self,
                                 const char *folder)
{
  g_return_if_fail (SB_IS_SETTINGS (self));

  set_string (self, PROP_SELECTED_FOLDER, folder);
}

/* Returns: (transfer none): the name of the layer a chosen model goes to */
const char *
sb_settings_get_model_layer (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), NULL);

  return self->model_layer;
}

/* Returns: the layer a chosen model goes to; Local for any name that is not one of ours */
SbScope
sb_settings_get_model_scope (SbSettings *self)
{
  SbScope scope = SB_SCOPE_LOCAL;

  g_return_val_if_fail (SB_IS_SETTINGS (self), SB_SCOPE_LOCAL);

  if (!sb_scope_from_string (self->model_layer, &scope) || scope == SB_SCOPE_MANAGED)
    scope = SB_SCOPE_LOCAL;

  return scope;
}

/* Returns: (transfer none): the key profile shown first */
const char *
sb_settings_get_key_profile (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), NULL);

  return self->key_profile;
}

void
sb_settings_set_key_profile (SbSettings *self,
                             const char *profile)
{
  g_return_if_fail (SB_IS_SETTINGS (self));

  set_string (self, PROP_KEY_PROFILE, profile);
}

/* Returns: (transfer none): the favourite model ids, in the order they were pinned */
const char * const *
sb_settings_get_favourites (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), NULL);

  return (const char * const *) self->favourites;
}

gboolean
sb_settings_has_favourite (SbSettings *self,
                           const char *id)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->favourites, id);
}

/* Pins @id after the others; pinning it again changes nothing. */
void
sb_settings_add_favourite (SbSettings *self,
                           const char *id)
{
  g_return_if_fail (SB_IS_SETTINGS (self));
  g_return_if_fail (id != NULL);

  if (!sb_settings_has_favourite (self, id))
    update_list (self, PROP_FAVOURITES, id, 1);
}

void
sb_settings_remove_favourite (SbSettings *self,
                              const char *id)
{
  g_return_if_fail (SB_IS_SETTINGS (self));
  g_return_if_fail (id != NULL);

  update_list (self, PROP_FAVOURITES, id, 0);
}

gboolean
sb_settings_get_model_picker (SbSettings *self)
{
  g_return_val_if_fail (SB_IS_SETTINGS (self), FALSE);

  return self->model_picker;
}
