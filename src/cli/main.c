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

  return cd_token_command_run (argc, argv);
}
