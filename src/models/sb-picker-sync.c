/* sb-picker-sync.c
 *
 * Keeps the favourites as rows of Claude Code's /model menu (modelPicker in the User
 * settings) while the window runs: a star added is a row added, a star taken off takes
 * only that model's row out, and turning the model-picker setting off takes out the rows
 * of every favourite (turning it on puts them back). Rows anyone else wrote stay as they
 * are, in their places (sb_claude_picker_add/remove edit as little as they can).
 *
 * What goes wrong (a User file that does not parse) is said through ::failed; the stars
 * themselves are kept either way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-claude-menu.h"
#include "sb-paths.h"
#include "sb-picker-sync.h"

struct _SbPickerSync
{
  GObject     parent_instance;

  /* Owned */
  SbSettings *settings;
  SbCatalog  *catalog;
  char      **synced;     /* the favourites at the last sync */
  gboolean    enabled;    /* the model-picker setting at the last sync */
};

G_DEFINE_FINAL_TYPE (SbPickerSync, sb_picker_sync, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SbLayer *
user_layer (void)
{
  g_autofree char *dir = sb_paths_get_user_config_dir ();
  g_autofree char *path = g_build_filename (dir, "settings.json", NULL);

  return sb_layer_new (SB_SCOPE_USER, path);
}

static void
set_row (SbPickerSync *self,
         SbLayer      *layer,
         const char   *id,
         gboolean      present)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (present)
    done = sb_claude_picker_add (layer, id, sb_catalog_lookup (self->catalog, id), NULL,
                                 &error);
  else
    done = sb_claude_picker_remove (layer, id, NULL, &error);

  if (!done)
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

static void
sync_rows (SbPickerSync *self)
{
  const char * const *favourites = sb_settings_get_favourites (self->settings);
  gboolean enabled = sb_settings_get_model_picker (self->settings);
  g_autoptr(SbLayer) layer = NULL;

  if (!enabled && !self->enabled)
    goto done;

  layer = user_layer ();
  if (enabled != self->enabled)
    {
      /* All of them in, or all of them out. */
      for (guint i = 0; favourites[i] != NULL; i++)
        set_row (self, layer, favourites[i], enabled);
      goto done;
    }

  for (guint i = 0; favourites[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) self->synced, favourites[i]))
      set_row (self, layer, favourites[i], TRUE);
  for (guint i = 0; self->synced[i] != NULL; i++)
    if (!g_strv_contains (favourites, self->synced[i]))
      set_row (self, layer, self->synced[i], FALSE);

done:
  g_strfreev (self->synced);
  self->synced = g_strdupv ((char **) favourites);
  self->enabled = enabled;
}

static void
sb_picker_sync_dispose (GObject *object)
{
  SbPickerSync *self = SB_PICKER_SYNC (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (sb_picker_sync_parent_class)->dispose (object);
}

static void
sb_picker_sync_finalize (GObject *object)
{
  SbPickerSync *self = SB_PICKER_SYNC (object);

  g_strfreev (self->synced);

  G_OBJECT_CLASS (sb_picker_sync_parent_class)->finalize (object);
}

static void
sb_picker_sync_class_init (SbPickerSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_picker_sync_dispose;
  object_class->finalize = sb_picker_sync_finalize;

  /**
   * SbPickerSync::failed:
   * @self: the sync
   * @message: why the User settings were not changed
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sb_picker_sync_init (SbPickerSync *self)
{
}

/**
 * sb_picker_sync_new:
 * @settings: the favourites and the model-picker setting
 * @catalog: for each row's description
 *
 * Starts following the favourites from what they are now: nothing is written until
 * they change.
 *
 * Returns: (transfer full): the sync
 */
SbPickerSync *
sb_picker_sync_new (SbSettings *settings,
                    SbCatalog  *catalog)
{
  SbPickerSync *self;

  g_return_val_if_fail (SB_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  self = g_object_new (SB_TYPE_PICKER_SYNC, NULL);
  self->settings = g_object_ref (settings);
  self->catalog = g_object_ref (catalog);
  self->synced = g_strdupv ((char **) sb_settings_get_favourites (settings));
  self->enabled = sb_settings_get_model_picker (settings);
  g_signal_connect_object (settings, "notify::favourites", G_CALLBACK (sync_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::model-picker", G_CALLBACK (sync_rows), self,
                           G_CONNECT_SWAPPED);
  return self;
}
