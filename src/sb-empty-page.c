/* sb-empty-page.c
 *
 * The page shown with no folder: how to begin, which depends on whether Claude Code has
 * settings on this computer yet. Made the first time it is shown, not with every window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-empty-page.h"
#include "sb-paths.h"

struct _SbEmptyPage
{
  AdwBin         parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (SbEmptyPage, sb_empty_page, ADW_TYPE_BIN)

/**
 * sb_empty_page_update:
 * @self: the page
 *
 * Says how to begin as things are now.
 */
void
sb_empty_page_update (SbEmptyPage *self)
{
  g_autofree char *user_dir = sb_paths_get_user_config_dir ();
  g_autofree char *user_file = g_build_filename (user_dir, "settings.json", NULL);

  g_return_if_fail (SB_IS_EMPTY_PAGE (self));

  if (g_file_test (user_file, G_FILE_TEST_EXISTS))
    adw_status_page_set_description (self->status_page,
                                     _("Open a folder you run claude in to see its settings "
                                       "layers and what claude uses there."));
  else
    adw_status_page_set_description (self->status_page,
                                     _("There are no Claude Code settings on this computer "
                                       "yet. Open a folder you run claude in, or set up "
                                       "OpenRouter for all of them."));
}

static void
sb_empty_page_class_init (SbEmptyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/signalbox/Signalbox/"
                                               "sb-empty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbEmptyPage, status_page);
}

static void
sb_empty_page_init (SbEmptyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sb_empty_page_new (void)
{
  return g_object_new (SB_TYPE_EMPTY_PAGE, NULL);
}
