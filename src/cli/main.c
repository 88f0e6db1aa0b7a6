/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cashdesk-token: the CashDesk sign-in for scripts and other programs. */
#include "config.h"

#include <glib.h>

#include "cd-locale.h"
#include "cd-token-command.h"

int
main (int   argc,
      char *argv[])
{
  cd_locale_init ();
  /* Standard output belongs to the contract (the token, one JSON object); GLib's debug
   * messages, when G_MESSAGES_DEBUG asks for them, go to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

  return cd_token_command_run (argc, argv);
}
