/* sb-model-list.h
 *
 * The model chooser's list: the catalogue filtered and sorted in GTK list models, the
 * favourites pinned at the top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-catalog.h"
#include "sb-model-filter.h"

G_BEGIN_DECLS

#define SB_TYPE_MODEL_LIST (sb_model_list_get_type ())

G_DECLARE_FINAL_TYPE (SbModelList, sb_model_list, SB, MODEL_LIST, GObject)

SbModelList   *sb_model_list_new             (GListModel          *models);
GListModel    *sb_model_list_get_model       (SbModelList         *self);
SbModelFilter *sb_model_list_get_filter      (SbModelList         *self);
SbModelSort    sb_model_list_get_sort        (SbModelList         *self);
void           sb_model_list_set_sort        (SbModelList         *self,
                                              SbModelSort          sort);
gboolean       sb_model_list_is_favourite    (SbModelList         *self,
                                              const char          *id);
void           sb_model_list_set_favourites  (SbModelList         *self,
                                              const char * const  *favourites);

GtkFilterChange sb_model_list_compare_filters (SbModelFilter      *before,
                                               SbModelFilter      *after);

G_END_DECLS
