/* sb-model-private.h
 *
 * The members of one /models entry that the model mapper reads, already taken out of the
 * JSON: what sb_model_new_from_json() and the catalogue's scanner both hand to one mapper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-model.h"

G_BEGIN_DECLS

typedef enum
{
  SB_MODEL_VALUE_OTHER,   /* missing, null, or a type the mapper never reads */
  SB_MODEL_VALUE_INT,     /* a number without fraction or exponent, as json-glib types it */
  SB_MODEL_VALUE_DOUBLE,
  SB_MODEL_VALUE_STRING,
} SbModelValueType;

typedef struct
{
  SbModelValueType  type;
  gint64            integer;
  double            number;
  const char       *string;  /* (not owned) */
} SbModelValue;

/* Zero-filled, it is an entry with none of the members. Each member is the last of that
 * name, as json-glib keeps it. */
typedef struct
{
  SbModelValue  id;
  SbModelValue  name;
  SbModelValue  created;
  SbModelValue  context_length;
  SbModelValue  top_context_length;     /* top_provider.context_length */
  SbModelValue  max_completion_tokens;  /* top_provider.max_completion_tokens */
  SbModelValue  prompt_price;           /* pricing.prompt */
  SbModelValue  completion_price;       /* pricing.completion */
  SbModelValue  cache_read_price;       /* pricing.input_cache_read */
  SbModelValue  cache_write_price;      /* pricing.input_cache_write */
  SbModelValue  modality;               /* architecture.modality */
  GStrv         input_modalities;       /* (owned) (nullable): the string elements, when a list */
  GStrv         output_modalities;      /* (owned) (nullable) */
  SbModelValue  expiration_date;
  guint         supports_tools : 1;     /* from supported_parameters */
  guint         supports_reasoning : 1;
} SbModelMembers;

void     sb_model_members_add_parameter (SbModelMembers  *members,
                                         const char      *parameter);
void     sb_model_members_clear         (SbModelMembers  *members);
SbModel *sb_model_new_from_members      (SbModelMembers  *members,
                                         GError         **error);

G_END_DECLS
