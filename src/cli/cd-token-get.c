/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-get.c: `cashdesk-token get`, the token for another program. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cd-config.h"
#include "cd-input.h"
#include "cd-store.h"
#include "cd-token-command.h"
#include "cd-token-loop.h"

int
cd_token_get_run (int    argc,
                  char **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *server = NULL;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("The account (default: the most recent sign-in on the server)"), N_("EMAIL") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The API base URL (default: $CASHDESK_API_URL, else production)"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CdTokenLoop) loop = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  if (!cd_token_parse_options ("get",
                               N_("Prints the stored token of a sign-in, exactly as the "
                                  "server returned it, on one line."),
                               entries, argc, argv))
    return CD_TOKEN_EXIT_USAGE;

  if (email != NULL && !cd_input_email_is_valid (email))
    {
      cd_token_print_error (_("“%s” is not a valid email address"), email);
      return CD_TOKEN_EXIT_USAGE;
    }

  /* Nothing is sent anywhere, so plain http is fine; normalizing makes the lookup find
   * what sign-in stored however the URL was spelled. */
  normalized = cd_input_normalize_server (cd_config_resolve_server (server, NULL), TRUE, &error);
  if (normalized == NULL)
    return cd_token_fail_with_error (error);

  loop = cd_token_loop_new ();
  cd_store_lookup_async (normalized, email, cd_token_loop_get_cancellable (loop),
                         cd_token_loop_done, loop);
  result = cd_token_loop_wait (loop);
  account = cd_store_lookup_finish (result, &error);
  if (account == NULL)
    return cd_token_fail_with_error (error);

  now = g_date_time_new_now_utc ();
  if (!cd_account_token_is_valid (account, now))
    {
      cd_token_print_error (_("The stored token of %s has expired; sign in again"),
                            cd_account_get_email (account));
      return CD_TOKEN_EXIT_NOT_FOUND;
    }

  /* Exactly as the server sent it: no conversion to the locale's charset. */
  fputs (cd_account_get_token (account), stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  return CD_TOKEN_EXIT_OK;
}
