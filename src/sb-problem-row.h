/* sb-problem-row.h
 *
 * A row for one problem of a folder: how bad, what, where, and its Fix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-problem.h"

G_BEGIN_DECLS

#define SB_TYPE_PROBLEM_ROW (sb_problem_row_get_type ())

G_DECLARE_FINAL_TYPE (SbProblemRow, sb_problem_row, SB, PROBLEM_ROW, AdwPreferencesRow)

GtkWidget *sb_problem_row_new         (SbProblem    *problem);
SbProblem *sb_problem_row_get_problem (SbProblemRow *self);

G_END_DECLS
