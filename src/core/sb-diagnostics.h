/* sb-diagnostics.h
 *
 * What would go wrong when claude starts in a folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-layer-stack.h"

G_BEGIN_DECLS

typedef enum
{
  SB_SEVERITY_ERROR,    /* Claude Code will fail, or skip something */
  SB_SEVERITY_WARNING,  /* likely wrong */
  SB_SEVERITY_INFO,
} SbSeverity;

typedef struct
{
  SbSeverity  severity;
  char       *code;
  char       *message;
  SbLayer    *layer;    /* nullable: the layer concerned */
  char       *pointer;  /* nullable: the value concerned */
} SbDiagnostic;

const char *sb_severity_to_string  (SbSeverity    severity);
void        sb_diagnostic_free     (SbDiagnostic *diagnostic);
GPtrArray  *sb_diagnostics_check   (SbLayerStack *stack);
gboolean    sb_diagnostics_has_errors (GPtrArray *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbDiagnostic, sb_diagnostic_free)

G_END_DECLS
