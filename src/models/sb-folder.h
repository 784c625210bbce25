/* sb-folder.h
 *
 * One project folder as the window works on it: its layers, the changes made to them and
 * their undo, what each change means in words, and its problems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-layer-stack.h"
#include "sb-problem.h"

G_BEGIN_DECLS

#define SB_TYPE_FOLDER (sb_folder_get_type ())

G_DECLARE_FINAL_TYPE (SbFolder, sb_folder, SB, FOLDER, GObject)

SbFolder     *sb_folder_new            (const char  *path,
                                        SbCatalog   *catalog);
const char   *sb_folder_get_path       (SbFolder    *self);
SbLayerStack *sb_folder_get_stack      (SbFolder    *self);
gboolean      sb_folder_get_loaded     (SbFolder    *self);
void          sb_folder_unload         (SbFolder    *self);
const char   *sb_folder_get_model      (SbFolder    *self);
gboolean      sb_folder_get_has_problems (SbFolder  *self);
GListModel   *sb_folder_get_problems   (SbFolder    *self);
GPtrArray    *sb_folder_get_diagnostics (SbFolder   *self);
void          sb_folder_check          (SbFolder    *self);
void          sb_folder_check_soon     (SbFolder    *self);
gboolean      sb_folder_apply_fix      (SbFolder    *self,
                                        SbProblem   *problem,
                                        GError     **error);
gboolean      sb_folder_get_can_undo   (SbFolder    *self);
double        sb_folder_get_week_cost  (SbFolder    *self);
double        sb_folder_get_week_known_cost (SbFolder *self);
void          sb_folder_set_week_cost  (SbFolder    *self,
                                        double       week_cost,
                                        double       week_known);

gboolean      sb_folder_set_value      (SbFolder    *self,
                                        SbScope      scope,
                                        const char  *pointer,
                                        const char  *text,
                                        GError     **error);
gboolean      sb_folder_use_model      (SbFolder    *self,
                                        const char  *model,
                                        SbScope      scope,
                                        GError     **error);
gboolean      sb_folder_use_for_tiers  (SbFolder    *self,
                                        const char  *model,
                                        SbScope      scope,
                                        GError     **error);
gboolean      sb_folder_set_offered    (SbFolder    *self,
                                        const char  *model,
                                        SbScope      scope,
                                        gboolean     offered,
                                        GError     **error);
void          sb_folder_changed_by     (SbFolder    *self,
                                        SbLayer     *layer,
                                        const char  *message);
gboolean      sb_folder_undo           (SbFolder    *self,
                                        GError     **error);
void          sb_folder_notice         (SbFolder    *self,
                                        const char  *message);

G_END_DECLS
