/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-sign-in.c: `cashdesk-token sign-in`. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-config.h"
#include "cd-error.h"
#include "cd-input.h"
#include "cd-sign-in.h"
#include "cd-token-command.h"
#include "cd-token-loop.h"
#include "cd-token-output.h"
#include "cd-token-password.h"
#include "cd-wipe.h"

/* A day: anything longer is a typo, not a slow server. */
#define MAX_TIMEOUT_SECONDS (24 * 60 * 60)

/* What the options ask for, checked before the password is: the client for them, or
 * NULL with what was wrong printed and the exit status in *@exit_code. */
static CdClient *
cd_token_sign_in_client_new (const char *email,
                             const char *server,
                             const char *developer_id,
                             const char *timeout_text,
                             gboolean    allow_insecure_http,
                             int        *exit_code)
{
  g_autoptr(GError) error = NULL;
  const char *resolved_developer_id;
  guint64 timeout = 0;
  CdClient *client;

  *exit_code = CD_TOKEN_EXIT_USAGE;
  if (email == NULL)
    {
      cd_token_print_error (_("--email is required; see “cashdesk-token sign-in --help”"));
      return NULL;
    }
  if (!cd_input_email_is_valid (email))
    {
      cd_token_print_error (_("“%s” is not a valid email address"), email);
      return NULL;
    }
  if (timeout_text != NULL &&
      !g_ascii_string_to_unsigned (timeout_text, 10, 1, MAX_TIMEOUT_SECONDS, &timeout, NULL))
    {
      cd_token_print_error (_("--timeout takes a number of seconds from 1 to %d, not “%s”"),
                            MAX_TIMEOUT_SECONDS, timeout_text);
      return NULL;
    }

  resolved_developer_id = cd_config_resolve_developer_id (developer_id, NULL);
  /* Said before the password is asked for, not after. */
  if (*resolved_developer_id != '\0' && !cd_input_developer_id_is_valid (resolved_developer_id))
    {
      cd_token_print_error (_("The developer ID must be one line of 1 to %d printable characters, "
                              "not only spaces (--developer-id or CASHDESK_DEVELOPER_ID)"),
                            CD_INPUT_DEVELOPER_ID_MAX);
      return NULL;
    }

  client = cd_client_new (cd_config_resolve_server (server, NULL), allow_insecure_http, &error);
  if (client == NULL)
    {
      *exit_code = cd_token_fail_with_error (error);
      return NULL;
    }
  cd_client_set_developer_id (client, resolved_developer_id);
  if (timeout > 0)
    cd_client_set_timeout (client, (guint) timeout);

  return client;
}

/* Reads the password (from standard input, or asked for at a terminal): NULL with the
 * exit status in *@exit_code when there is none. */
static char *
cd_token_sign_in_read_password (CdTokenLoop *loop,
                                const char  *email,
                                int         *exit_code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CdTokenSecret) password = NULL;

  cd_token_password_read_async (email, cd_token_loop_get_cancellable (loop),
                                cd_token_loop_done, loop);
  result = cd_token_loop_wait (loop);
  password = cd_token_password_read_finish (result, &error);
  if (password == NULL)
    {
      *exit_code = cd_token_fail_with_error (error);
      return NULL;
    }
  if (*password == '\0')
    {
      cd_token_print_error (_("The password is empty"));
      *exit_code = CD_TOKEN_EXIT_USAGE;
      return NULL;
    }
  return g_steal_pointer (&password);
}

/* Who signed in, shown even when the keyring did not keep the token; then why not. */
static int
cd_token_sign_in_print (CdSignInResult *signed_in,
                        gboolean        json)
{
  CdAccount *account = cd_sign_in_result_get_account (signed_in);
  gboolean stored = cd_sign_in_result_get_stored (signed_in);
  const GError *store_error = cd_sign_in_result_get_store_error (signed_in);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (json)
    {
      g_autoptr(JsonNode) summary = cd_token_output_sign_in_json (account, now, stored);

      cd_token_output_print_json (summary);
    }
  else
    {
      cd_token_output_print_sign_in (account, now, stored);
    }

  if (store_error != NULL)
    {
      cd_token_print_error (_("Signed in, but the token was not saved: %s"),
                            store_error->message);
      return cd_token_exit_for_error (store_error);
    }
  return CD_TOKEN_EXIT_OK;
}

int
cd_token_sign_in_run (int    argc,
                      char **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *server = NULL;
  g_autofree char *developer_id = NULL;
  g_autofree char *timeout_text = NULL;
  gboolean allow_insecure_http = FALSE;
  gboolean no_store = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("The email address of the CashDesk account"), N_("EMAIL") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The API base URL (default: $CASHDESK_API_URL, else production)"), N_("URL") },
    { "developer-id", 0, 0, G_OPTION_ARG_STRING, &developer_id,
      N_("The developer-id header (default: $CASHDESK_DEVELOPER_ID, else built in)"),
      N_("ID") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text,
      N_("Give up after SECONDS (default: 30)"), N_("SECONDS") },
    { "allow-insecure-http", 0, 0, G_OPTION_ARG_NONE, &allow_insecure_http,
      N_("Allow plain http to a host that is not this computer (SmartConnect on a LAN)"),
      NULL },
    { "no-store", 0, 0, G_OPTION_ARG_NONE, &no_store,
      N_("Do not keep the token in the keyring"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the summary as one JSON object"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CdClient) client = NULL;
  g_autoptr(CdAccountList) accounts = NULL;
  g_autoptr(CdTokenLoop) loop = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdSignInResult) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CdTokenSecret) password = NULL;
  int exit_code;

  if (!cd_token_parse_options ("sign-in",
                               N_("Signs in to CashDesk and keeps the token in the keyring.\n"
                                  "The password is read from standard input when that is not "
                                  "a terminal (one line),\notherwise it is asked for without "
                                  "echo. It is never taken from an argument."),
                               entries, argc, argv))
    return CD_TOKEN_EXIT_USAGE;

  client = cd_token_sign_in_client_new (email, server, developer_id, timeout_text,
                                        allow_insecure_http,
                                        &exit_code);
  if (client == NULL)
    return exit_code;

  loop = cd_token_loop_new ();
  password = cd_token_sign_in_read_password (loop, email, &exit_code);
  if (password == NULL)
    return exit_code;

  accounts = no_store ? NULL : cd_account_list_new ();
  cd_sign_in_async (client, accounts, email, password, cd_token_loop_get_cancellable (loop),
                    cd_token_loop_done, loop);
  /* The client has its own copy now. */
  g_clear_pointer (&password, cd_wipe_string);
  result = cd_token_loop_wait (loop);
  signed_in = cd_sign_in_finish (result, &error);
  if (signed_in == NULL)
    return cd_token_fail_with_error (error);
  return cd_token_sign_in_print (signed_in, json);
}
