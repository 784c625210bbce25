/* sb-layer-stack.h
 *
 * The settings layers of one folder, merged the way Claude Code merges them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-layer.h"

G_BEGIN_DECLS

typedef struct
{
  char    *pointer;
  SbScope  scope;
} SbOrigin;

#define SB_TYPE_LAYER_STACK (sb_layer_stack_get_type ())

G_DECLARE_FINAL_TYPE (SbLayerStack, sb_layer_stack, SB, LAYER_STACK, GObject)

SbLayerStack *sb_layer_stack_new             (const char    *folder);
const char   *sb_layer_stack_get_folder      (SbLayerStack  *self);
GPtrArray    *sb_layer_stack_get_layers      (SbLayerStack  *self);
SbLayer      *sb_layer_stack_get_layer       (SbLayerStack  *self,
                                              SbScope        scope);
JsonNode     *sb_layer_stack_get_effective   (SbLayerStack  *self);
GPtrArray    *sb_layer_stack_get_origins     (SbLayerStack  *self);
gboolean      sb_layer_stack_lookup_origin   (SbLayerStack  *self,
                                              const char    *pointer,
                                              SbScope       *scope);
void          sb_layer_stack_reload          (SbLayerStack  *self);
void          sb_layer_stack_set_watched     (SbLayerStack  *self,
                                              gboolean       watched);
gboolean      sb_layer_stack_use_model       (SbLayerStack  *self,
                                              const char    *model,
                                              SbScope        scope,
                                              GError       **error);

gboolean      sb_model_id_is_valid           (const char    *model);

JsonNode     *sb_layer_stack_merge           (GPtrArray     *layers,
                                              GPtrArray    **origins);

G_END_DECLS
