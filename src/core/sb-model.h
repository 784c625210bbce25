/* sb-model.h
 *
 * One OpenRouter model: the facts the catalogue keeps about it, read from /models.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_MODEL_ERROR (sb_model_error_quark ())

typedef enum
{
  SB_MODEL_ERROR_INVALID,  /* the entry is not an object with a string id */
} SbModelError;

typedef enum
{
  SB_MODEL_SORT_NAME,     /* by name, then id */
  SB_MODEL_SORT_PRICE,    /* cheapest prompt price first, unknown prices last */
  SB_MODEL_SORT_CONTEXT,  /* longest context first */
  SB_MODEL_SORT_NEWEST,   /* most recently created first */
} SbModelSort;

/* Two styles on purpose: the window shows a price or a context to people, while
 * `signalbox --models` prints numbers under its "$/M" and "CONTEXT" headings, exact and with
 * aligned decimal points, for eyes and for scripts. Both show an unknown value as unknown,
 * never as 0 or free. */
typedef enum
{
  SB_MODEL_FORMAT_LABEL,   /* "$3.00", "$150", "128K", "1.05M"; "unknown" and "—" */
  SB_MODEL_FORMAT_COLUMN,  /* "3.00", "150.00", "131072"; "?" */
} SbModelFormat;

#define SB_TYPE_MODEL (sb_model_get_type ())

G_DECLARE_FINAL_TYPE (SbModel, sb_model, SB, MODEL, GObject)

GQuark              sb_model_error_quark              (void);

SbModel            *sb_model_new_from_json            (JsonObject  *object,
                                                       GError     **error);

const char         *sb_model_get_id                   (SbModel     *self);
const char         *sb_model_get_name                 (SbModel     *self);
const char         *sb_model_get_provider             (SbModel     *self);
gint64              sb_model_get_created              (SbModel     *self);
gint64              sb_model_get_context_length       (SbModel     *self);
gint64              sb_model_get_top_context_length   (SbModel     *self);
gint64              sb_model_get_max_completion_tokens (SbModel *self);
double              sb_model_get_prompt_price         (SbModel     *self);
double              sb_model_get_completion_price     (SbModel     *self);
double              sb_model_get_cache_read_price     (SbModel     *self);
double              sb_model_get_cache_write_price    (SbModel     *self);
gboolean            sb_model_has_price                (SbModel     *self);
const char * const *sb_model_get_input_modalities     (SbModel     *self);
const char * const *sb_model_get_output_modalities    (SbModel     *self);
gboolean            sb_model_get_supports_tools       (SbModel     *self);
gboolean            sb_model_get_supports_reasoning   (SbModel     *self);
gboolean            sb_model_get_is_free              (SbModel     *self);
GDateTime          *sb_model_get_expiration_date      (SbModel     *self);
gboolean            sb_model_is_expired               (SbModel     *self,
                                                       GDateTime   *now);
const char         *sb_model_get_haystack             (SbModel     *self);

int                 sb_model_compare                  (SbModel     *a,
                                                       SbModel     *b,
                                                       SbModelSort  sort);

char               *sb_model_format_price             (double         price,
                                                       SbModelFormat  format);
char               *sb_model_format_context           (gint64         context_length,
                                                       SbModelFormat  format);

G_END_DECLS
