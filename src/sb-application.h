/* sb-application.h
 *
 * The Signalbox application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())

G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication *sb_application_new         (void);
void           sb_application_open_folder (SbApplication *self,
                                           const char    *folder);
SbContext     *sb_application_get_context (SbApplication *self);

G_END_DECLS
