/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* main.c: the cashdesk-login program. */
#include "config.h"

#include "cd-application.h"
#include "cd-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdApplication) app = NULL;

  cd_locale_init ();

  app = cd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
