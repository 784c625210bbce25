/* sb-settings.h
 *
 * The application's GSettings, as properties to bind and notify on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-layer.h"

G_BEGIN_DECLS

#define SB_TYPE_SETTINGS (sb_settings_get_type ())

G_DECLARE_FINAL_TYPE (SbSettings, sb_settings, SB, SETTINGS, GObject)

SbSettings         *sb_settings_new                 (void);
GSettings          *sb_settings_get_gsettings       (SbSettings *self);

const char * const *sb_settings_get_folders         (SbSettings *self);
const char * const *sb_settings_get_hidden_folders  (SbSettings *self);
void                sb_settings_remember_folder     (SbSettings *self,
                                                     const char *folder);
void                sb_settings_forget_folder       (SbSettings *self,
                                                     const char *folder);
const char         *sb_settings_get_selected_folder (SbSettings *self);
void                sb_settings_set_selected_folder (SbSettings *self,
                                                     const char *folder);

const char         *sb_settings_get_model_layer     (SbSettings *self);
SbScope             sb_settings_get_model_scope     (SbSettings *self);
const char         *sb_settings_get_key_profile     (SbSettings *self);
void                sb_settings_set_key_profile     (SbSettings *self,
                                                     const char *profile);

const char * const *sb_settings_get_favourites      (SbSettings *self);
gboolean            sb_settings_has_favourite       (SbSettings *self,
                                                     const char *id);
void                sb_settings_add_favourite       (SbSettings *self,
                                                     const char *id);
void                sb_settings_remove_favourite    (SbSettings *self,
                                                     const char *id);
gboolean            sb_settings_get_model_picker    (SbSettings *self);

G_END_DECLS
