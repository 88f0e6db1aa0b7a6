/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* main.c: the cashdesk-login program. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
