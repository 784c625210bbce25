/* sb-diagnostics.h
 *
 * What would go wrong when claude starts in a folder, and how to fix it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-catalog.h"
#include "sb-layer-stack.h"

G_BEGIN_DECLS

typedef enum
{
  SB_SEVERITY_ERROR,    /* Claude Code will fail, or skip something */
  SB_SEVERITY_WARNING,  /* likely wrong */
  SB_SEVERITY_INFO,
} SbSeverity;

/* What the keyring holds for the profile that apiKeyHelper asks signalbox-key for. */
typedef enum
{
  SB_KEYRING_UNKNOWN,      /* not asked */
  SB_KEYRING_PRESENT,
  SB_KEYRING_ABSENT,
  SB_KEYRING_UNAVAILABLE,  /* no Secret Service, or it did not answer */
} SbKeyringState;

typedef enum
{
  SB_FIX_EDIT,         /* operations on a settings layer */
  SB_FIX_GIT_EXCLUDE,  /* a line appended to the repository's info/exclude (sb_git_add_exclude) */
  SB_FIX_CHMOD,        /* the file made readable by its owner only */
  SB_FIX_REMOVE_BOM,   /* the file's byte-order mark removed (sb_layer_remove_bom) */
} SbFixKind;

typedef struct
{
  char     *pointer;
  JsonNode *value;     /* nullable: NULL removes the value at @pointer */
} SbFixOperation;

typedef struct
{
  SbFixKind  kind;
  char      *description;
  SbLayer   *layer;       /* SB_FIX_EDIT: the layer written */
  GPtrArray *operations;  /* SB_FIX_EDIT: SbFixOperation, applied in order */
  char      *path;        /* SB_FIX_GIT_EXCLUDE: the exclude file; SB_FIX_CHMOD and
                           * SB_FIX_REMOVE_BOM: the file */
  char      *line;        /* SB_FIX_GIT_EXCLUDE: the pattern to add */
} SbFix;

typedef struct
{
  SbSeverity  severity;
  char       *code;
  char       *message;
  SbLayer    *layer;    /* nullable: the layer concerned */
  char       *pointer;  /* nullable: the value concerned */
  SbFix      *fix;      /* nullable */
} SbDiagnostic;

typedef struct
{
  SbCatalog      *catalog;  /* nullable: no model checks without it */
  SbKeyringState  keyring;
  GDateTime      *now;      /* nullable: now */
  /* The window: git's remembered answers only, never git itself (sb_git_peek_state ()) */
  gboolean        git_cached_only;
} SbDiagnosticsContext;

#define SB_DIAGNOSTICS_ERROR (sb_diagnostics_error_quark ())

typedef enum
{
  SB_DIAGNOSTICS_ERROR_NO_FIX,
  SB_DIAGNOSTICS_ERROR_FAILED,
} SbDiagnosticsError;

GQuark          sb_diagnostics_error_quark           (void);
const char     *sb_severity_to_string                (SbSeverity            severity);
void            sb_diagnostic_free                   (SbDiagnostic         *diagnostic);
void            sb_fix_free                          (SbFix                *fix);
GPtrArray      *sb_diagnostics_check                 (SbLayerStack         *stack);
GPtrArray      *sb_diagnostics_check_full            (SbLayerStack         *stack,
                                                      SbDiagnosticsContext *context);
gboolean        sb_diagnostic_equal                  (const SbDiagnostic   *a,
                                                      const SbDiagnostic   *b);
gboolean        sb_diagnostics_has_errors            (GPtrArray            *diagnostics);
gboolean        sb_diagnostics_is_env_name           (const char           *name);
char           *sb_diagnostics_get_helper_profile    (SbLayerStack         *stack);
char          **sb_diagnostics_get_git_paths         (SbLayerStack         *stack);
gboolean        sb_diagnostic_apply_fix              (SbDiagnostic         *diagnostic,
                                                      GError              **error);
void            sb_diagnostics_lookup_keyring_async  (const char           *profile,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
SbKeyringState  sb_diagnostics_lookup_keyring_finish (GAsyncResult         *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbDiagnostic, sb_diagnostic_free)

G_END_DECLS
