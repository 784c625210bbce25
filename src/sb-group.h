/* sb-group.h
 *
 * A titled group of a column: a heading, and the lists of rows under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_GROUP (sb_group_get_type ())

G_DECLARE_FINAL_TYPE (SbGroup, sb_group, SB, GROUP, GtkWidget)

GtkWidget  *sb_group_new       (const char *title);
const char *sb_group_get_title (SbGroup    *self);
void        sb_group_set_title (SbGroup    *self,
                                const char *title);
void        sb_group_add       (SbGroup    *self,
                                GtkWidget  *child);
void        sb_group_add_description (SbGroup    *self,
                                      const char *description);

G_END_DECLS
