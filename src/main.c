/* main.c
 *
 * The entry point of signalbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "sb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;

  /* Before any output: g_print() converts to the locale's charset, ASCII until this. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
