/* sb-window.h
 *
 * The main window: project folders in a sidebar; for the selected one, its settings layers
 * side by side and what claude uses there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-context.h"
#include "sb-layer-stack.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow     *sb_window_new          (GtkApplication *application,
                                      SbContext     *context);
void          sb_window_open_folder  (SbWindow      *self,
                                      const char    *folder);
const char   *sb_window_get_folder   (SbWindow      *self);
void          sb_window_show_message (SbWindow      *self,
                                      const char    *message);
SbLayerStack *sb_window_get_stack    (SbWindow      *self);
gboolean      sb_window_use_model    (SbWindow      *self,
                                      const char    *model,
                                      SbScope        scope,
                                      GError       **error);
gboolean      sb_window_use_model_in (SbWindow      *self,
                                      const char    *folder,
                                      const char    *model,
                                      SbScope        scope,
                                      GError       **error);

G_END_DECLS
