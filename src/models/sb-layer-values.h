/* sb-layer-values.h
 *
 * What the rows of a layer, or of the merged settings, show: one SbValueItem a setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-layer-stack.h"
#include "sb-value-item.h"

G_BEGIN_DECLS

typedef enum
{
  SB_VALUE_GROUP_ROUTING,  /* the routing and model keys, in their fixed order */
  SB_VALUE_GROUP_ENV,      /* the other environment variables */
  SB_VALUE_GROUP_OTHER,    /* everything else, summarised */
} SbValueGroup;

GPtrArray    *sb_layer_values_collect       (SbLayerStack *stack,
                                            SbLayer      *layer,
                                            SbValueGroup  group,
                                            GPtrArray    *diagnostics);
GPtrArray    *sb_effective_values_collect   (SbLayerStack *stack,
                                            JsonNode     *effective,
                                            SbValueGroup  group);
SbValueItem  *sb_effective_values_item_new  (SbLayerStack *stack,
                                            const char   *pointer,
                                            const char   *name,
                                            JsonNode     *value);
char        **sb_layer_values_get_unset     (SbLayer      *layer);
char         *sb_layer_values_describe_file (SbLayer      *layer,
                                            gboolean      changed_on_disk);

G_END_DECLS
