/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cashdesk-token: the CashDesk sign-in for scripts and other programs. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cd-token-command.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Standard output belongs to the contract (the token, one JSON object); GLib's debug
   * messages, when G_MESSAGES_DEBUG asks for them, go to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

  return cd_token_command_run (argc, argv);
}
