/* sb-problem.h
 *
 * One thing that would go wrong when claude starts in a folder, as a row shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-diagnostics.h"

G_BEGIN_DECLS

#define SB_TYPE_PROBLEM (sb_problem_get_type ())

G_DECLARE_FINAL_TYPE (SbProblem, sb_problem, SB, PROBLEM, GObject)

SbProblem    *sb_problem_new               (GPtrArray  *diagnostics,
                                            guint       index);
SbDiagnostic *sb_problem_get_diagnostic    (SbProblem  *self);
const char   *sb_problem_get_title         (SbProblem  *self);
const char   *sb_problem_get_subtitle      (SbProblem  *self);
const char   *sb_problem_get_severity      (SbProblem  *self);
const char   *sb_problem_get_severity_name (SbProblem  *self);
const char   *sb_problem_get_icon_name     (SbProblem  *self);
const char   *sb_problem_get_fix           (SbProblem  *self);
void          sb_problem_list_update       (GListStore *problems,
                                            GPtrArray  *diagnostics);

G_END_DECLS
