/* sb-layer.h
 *
 * One Claude Code settings file: its scope, text, parsed tree and state, and the edits
 * waiting to be saved into it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Lowest precedence first, as Claude Code merges them. */
typedef enum
{
  SB_SCOPE_USER,
  SB_SCOPE_PROJECT,
  SB_SCOPE_LOCAL,
  SB_SCOPE_MANAGED,
} SbScope;

#define SB_N_SCOPES (SB_SCOPE_MANAGED + 1)

typedef enum
{
  SB_LAYER_STATE_MISSING,
  SB_LAYER_STATE_OK,
  SB_LAYER_STATE_INVALID,
  SB_LAYER_STATE_UNREADABLE,
} SbLayerState;

#define SB_LAYER_ERROR (sb_layer_error_quark ())

typedef enum
{
  SB_LAYER_ERROR_READ_ONLY,   /* managed settings are the administrator's */
  SB_LAYER_ERROR_INVALID,     /* the file does not parse: it is never written */
  SB_LAYER_ERROR_UNREADABLE,
  SB_LAYER_ERROR_EDIT,        /* an operation does not apply to the file */
  SB_LAYER_ERROR_BUSY,        /* the file kept changing while we saved */
} SbLayerError;

#define SB_TYPE_LAYER (sb_layer_get_type ())

G_DECLARE_FINAL_TYPE (SbLayer, sb_layer, SB, LAYER, GObject)

GQuark        sb_layer_error_quark      (void);
const char   *sb_scope_to_string        (SbScope      scope);
const char   *sb_scope_get_title        (SbScope      scope);
gboolean      sb_scope_from_string      (const char  *name,
                                         SbScope     *scope);
const char   *sb_layer_state_to_string  (SbLayerState state);

SbLayer      *sb_layer_new              (SbScope      scope,
                                         const char  *path);
SbLayer      *sb_layer_new_within       (SbScope      scope,
                                         const char  *path,
                                         const char  *within);
SbScope       sb_layer_get_scope        (SbLayer     *self);
const char   *sb_layer_get_path         (SbLayer     *self);
SbLayerState  sb_layer_get_state        (SbLayer     *self);
const char   *sb_layer_get_error        (SbLayer     *self);
gboolean      sb_layer_get_read_only    (SbLayer     *self);
const char   *sb_layer_get_read_only_reason (SbLayer *self);
const char   *sb_layer_get_text         (SbLayer     *self,
                                         gsize       *length);
JsonNode     *sb_layer_get_root         (SbLayer     *self);
gboolean      sb_layer_reload           (SbLayer     *self);

void          sb_layer_set_value        (SbLayer     *self,
                                         const char  *pointer,
                                         JsonNode    *value);
void          sb_layer_remove_value     (SbLayer     *self,
                                         const char  *pointer);
gboolean      sb_layer_has_pending      (SbLayer     *self);
gboolean      sb_layer_save             (SbLayer     *self,
                                         GError     **error);
gboolean      sb_layer_create           (SbLayer     *self,
                                         GError     **error);
gboolean      sb_layer_restore          (SbLayer     *self,
                                         char       **restored_path,
                                         GError     **error);
gboolean      sb_layer_remove_bom       (SbLayer     *self,
                                         GError     **error);
gboolean      sb_layer_can_undo         (SbLayer     *self);
gboolean      sb_layer_undo             (SbLayer     *self,
                                         GError     **error);

gboolean      sb_layer_get_watched      (SbLayer     *self);
void          sb_layer_set_watched      (SbLayer     *self,
                                         gboolean     watched);

G_END_DECLS
