/* sb-key-profiles.h
 *
 * The key profiles the key page offers: those with a key in the keyring, those named on
 * the page, and those that layers use; and renaming and removing them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-layer.h"

G_BEGIN_DECLS

#define SB_TYPE_KEY_PROFILES (sb_key_profiles_get_type ())

G_DECLARE_FINAL_TYPE (SbKeyProfiles, sb_key_profiles, SB, KEY_PROFILES, GObject)

SbKeyProfiles      *sb_key_profiles_new        (void);
void                sb_key_profiles_refresh    (SbKeyProfiles  *self);
const char * const *sb_key_profiles_get_stored (SbKeyProfiles  *self);
gboolean            sb_key_profiles_add        (SbKeyProfiles  *self,
                                                const char     *profile,
                                                GError        **error);
char              **sb_key_profiles_list       (SbKeyProfiles  *self,
                                                GPtrArray      *layers,
                                                const char     *current);
void                sb_key_profiles_remove     (SbKeyProfiles  *self,
                                                const char     *profile);
void                sb_key_profiles_rename     (SbKeyProfiles  *self,
                                                const char     *from,
                                                const char     *to,
                                                GPtrArray      *layers);

G_END_DECLS
