/* sb-json-edit.h
 *
 * Strict JSON parsing and text-preserving edits at JSON Pointers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_JSON_ERROR (sb_json_error_quark ())

typedef enum
{
  SB_JSON_ERROR_PARSE,      /* not strict JSON; message is "LINE:COL description" */
  SB_JSON_ERROR_POINTER,    /* malformed JSON Pointer */
  SB_JSON_ERROR_NOT_FOUND,  /* nothing at the pointer to remove */
  SB_JSON_ERROR_TYPE,       /* the pointer goes through a value that is not a container */
  SB_JSON_ERROR_VERIFY,     /* the edited text did not re-parse to the intended tree */
  SB_JSON_ERROR_DEPTH,      /* nested deeper than json-glib can be given safely */
} SbJsonError;

typedef struct _SbJsonDoc SbJsonDoc;

/* Deeper than any body OpenRouter or Claude Code writes (they nest a few levels). */
#define SB_JSON_MAX_DEPTH 128

/* @member: the member name holding a string value, or NULL; @start and @end: the token's
 * bytes, quotes included, @end exclusive. */
typedef void (*SbJsonStringFunc) (const char *member,
                                  const char *value,
                                  gsize       start,
                                  gsize       end,
                                  gpointer    user_data);

GQuark      sb_json_error_quark        (void);

SbJsonDoc  *sb_json_doc_new            (const char  *text,
                                        gssize       length,
                                        GError     **error);
SbJsonDoc  *sb_json_doc_copy           (SbJsonDoc   *doc);
void        sb_json_doc_free           (SbJsonDoc   *doc);
const char *sb_json_doc_get_text       (SbJsonDoc   *doc,
                                        gsize       *length);
JsonNode   *sb_json_doc_get_root       (SbJsonDoc   *doc);
void        sb_json_doc_foreach_string (SbJsonDoc        *doc,
                                        SbJsonStringFunc  func,
                                        gpointer          user_data);
gboolean    sb_json_doc_set            (SbJsonDoc   *doc,
                                        const char  *pointer,
                                        JsonNode    *value,
                                        GError     **error);
gboolean    sb_json_doc_remove         (SbJsonDoc   *doc,
                                        const char  *pointer,
                                        GError     **error);
void        sb_json_doc_get_last_change (SbJsonDoc  *doc,
                                        gsize       *offset,
                                        gsize       *removed,
                                        gsize       *inserted);

char      **sb_json_pointer_parse      (const char  *pointer,
                                        GError     **error);
char       *sb_json_pointer_append     (const char  *pointer,
                                        const char  *token);
JsonNode   *sb_json_pointer_get        (JsonNode    *root,
                                        const char  *pointer);
const char *sb_json_pointer_get_string (JsonNode    *root,
                                        const char  *pointer);
int         sb_json_hex_digit          (char         c);

gboolean    sb_json_node_equal         (JsonNode    *a,
                                        JsonNode    *b);
char       *sb_json_node_to_string     (JsonNode    *node);
JsonNode   *sb_json_node_copy_deep     (JsonNode    *node);
gboolean    sb_json_check_depth        (const char  *data,
                                        gsize        length,
                                        guint        max_depth,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbJsonDoc, sb_json_doc_free)

G_END_DECLS
