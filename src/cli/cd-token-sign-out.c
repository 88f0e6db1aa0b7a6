/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-sign-out.c: `cashdesk-token sign-out`. CashDesk has no sign-out call: signing
 * out forgets the token here. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-config.h"
#include "cd-input.h"
#include "cd-store.h"
#include "cd-token-command.h"
#include "cd-token-loop.h"

int
cd_token_sign_out_run (int    argc,
                       char **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *server = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("Forget this account"), N_("EMAIL") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The API base URL (default: $CASHDESK_API_URL, else production)"), N_("URL") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Forget every account (of every server, unless --server is given)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CdTokenLoop) loop = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  int forgotten;

  if (!cd_token_parse_options ("sign-out",
                               N_("Forgets stored sign-ins: their tokens and details leave "
                                  "the keyring."),
                               entries, argc, argv))
    return CD_TOKEN_EXIT_USAGE;

  if (all == (email != NULL))
    {
      cd_token_print_error (_("Give either --email or --all; see “cashdesk-token sign-out --help”"));
      return CD_TOKEN_EXIT_USAGE;
    }
  if (email != NULL && !cd_input_email_is_valid (email))
    {
      cd_token_print_error (_("“%s” is not a valid email address"), email);
      return CD_TOKEN_EXIT_USAGE;
    }

  /* --all reaches every server unless one is named on the command line: a
   * CASHDESK_API_URL left in the environment must not narrow it silently. */
  if (email != NULL || server != NULL)
    {
      normalized = cd_input_normalize_server (cd_config_resolve_server (server, NULL), TRUE,
                                              &error);
      if (normalized == NULL)
        return cd_token_fail_with_error (error);
    }

  loop = cd_token_loop_new ();
  cd_store_forget_async (normalized, email, cd_token_loop_get_cancellable (loop),
                         cd_token_loop_done, loop);
  result = cd_token_loop_wait (loop);
  forgotten = cd_store_forget_finish (result, &error);
  if (error != NULL)
    return cd_token_fail_with_error (error);

  if (forgotten == 0)
    {
      if (email != NULL)
        cd_token_print_error (_("No stored sign-in for %s on %s"), email, normalized);
      else
        cd_token_print_error (_("No stored sign-ins to forget"));
      return CD_TOKEN_EXIT_NOT_FOUND;
    }
  return CD_TOKEN_EXIT_OK;
}
