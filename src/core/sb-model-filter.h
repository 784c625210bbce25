/* sb-model-filter.h
 *
 * What the model chooser and `signalbox --models` show: search words and criteria.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-model.h"

G_BEGIN_DECLS

#define SB_TYPE_MODEL_FILTER (sb_model_filter_get_type ())

G_DECLARE_FINAL_TYPE (SbModelFilter, sb_model_filter, SB, MODEL_FILTER, GObject)

SbModelFilter *sb_model_filter_new              (void);

const char    *sb_model_filter_get_search       (SbModelFilter *self);
void           sb_model_filter_set_search       (SbModelFilter *self,
                                                 const char    *search);
gboolean       sb_model_filter_get_tools_only   (SbModelFilter *self);
void           sb_model_filter_set_tools_only   (SbModelFilter *self,
                                                 gboolean       tools_only);
gboolean       sb_model_filter_get_free_only    (SbModelFilter *self);
void           sb_model_filter_set_free_only    (SbModelFilter *self,
                                                 gboolean       free_only);
double         sb_model_filter_get_max_price    (SbModelFilter *self);
void           sb_model_filter_set_max_price    (SbModelFilter *self,
                                                 double         max_price);
gint64         sb_model_filter_get_min_context  (SbModelFilter *self);
void           sb_model_filter_set_min_context  (SbModelFilter *self,
                                                 gint64         min_context);
const char    *sb_model_filter_get_provider     (SbModelFilter *self);
void           sb_model_filter_set_provider     (SbModelFilter *self,
                                                 const char    *provider);
gboolean       sb_model_filter_get_hide_expired (SbModelFilter *self);
void           sb_model_filter_set_hide_expired (SbModelFilter *self,
                                                 gboolean       hide_expired);

gboolean       sb_model_filter_match            (SbModelFilter *self,
                                                 SbModel       *model,
                                                 GDateTime     *now);

G_END_DECLS
