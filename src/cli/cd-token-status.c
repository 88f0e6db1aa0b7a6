/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-status.c: `cashdesk-token status`, every stored sign-in; never a token. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-account-list.h"
#include "cd-reminder.h"
#include "cd-store.h"
#include "cd-token-command.h"
#include "cd-token-loop.h"
#include "cd-token-output.h"

/* A hundred years: more is a typo. */
#define MAX_EXPIRING_DAYS 36500

/* --expiring and --token-expiring: "DAYS" as a number, or FALSE after saying why. */
static gboolean
parse_days (const char *option,
            const char *text,
            int        *days)
{
  guint64 value = 0;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, MAX_EXPIRING_DAYS, &value, NULL))
    {
      cd_token_print_error (_("%s takes a number of days from 0 to %d, not “%s”"),
                            option, MAX_EXPIRING_DAYS, text);
      return FALSE;
    }
  *days = (int) value;
  return TRUE;
}

int
cd_token_status_run (int    argc,
                     char **argv)
{
  g_autofree char *expiring_text = NULL;
  g_autofree char *token_expiring_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array"), NULL },
    { "expiring", 0, 0, G_OPTION_ARG_STRING, &expiring_text,
      N_("List only certificates that expire within DAYS or have expired; exit 7 when "
         "there are some"), N_("DAYS") },
    { "token-expiring", 0, 0, G_OPTION_ARG_STRING, &token_expiring_text,
      N_("List only tokens that expire within DAYS or have expired; exit 7 when there "
         "are some (with --expiring: either)"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CdTokenLoop) loop = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  gboolean filtered;
  int expiring = 0;
  int token_expiring = 0;

  if (!cd_token_parse_options ("status",
                               N_("Lists the stored sign-ins of every server: email, server, "
                                  "token and certificate expiry."),
                               entries, argc, argv))
    return CD_TOKEN_EXIT_USAGE;

  if (!parse_days ("--expiring", expiring_text, &expiring)
      || !parse_days ("--token-expiring", token_expiring_text, &token_expiring))
    return CD_TOKEN_EXIT_USAGE;
  filtered = expiring_text != NULL || token_expiring_text != NULL;

  loop = cd_token_loop_new ();
  cd_store_list_async (NULL, cd_token_loop_get_cancellable (loop), cd_token_loop_done, loop);
  result = cd_token_loop_wait (loop);
  accounts = cd_store_list_finish (result, &error);
  if (accounts == NULL)
    return cd_token_fail_with_error (error);
  /* The back office's order, as the window's list shows them. */
  cd_account_list_sort (accounts);

  now = g_date_time_new_now_utc ();
  listed = g_ptr_array_new ();
  for (guint i = 0; i < accounts->len; i++)
    {
      CdAccount *account = g_ptr_array_index (accounts, i);

      if (!filtered
          || (expiring_text != NULL
              && cd_reminder_certificate_due (account, now, expiring, NULL))
          || (token_expiring_text != NULL
              && cd_reminder_token_due (account, now, token_expiring, NULL)))
        g_ptr_array_add (listed, account);
    }

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (listed->len);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < listed->len; i++)
        json_array_add_element (array, cd_token_output_status_json (g_ptr_array_index (listed, i),
                                                                    now));
      json_node_set_array (node, array);
      cd_token_output_print_json (node);
    }
  else if (accounts->len == 0)
    {
      g_print (_("No stored sign-ins.\n"));
    }
  else if (listed->len == 0 && token_expiring_text == NULL)
    {
      g_print (ngettext ("No stored certificate expires within %d day.\n",
                         "No stored certificate expires within %d days.\n",
                         (unsigned long) expiring),
               expiring);
    }
  else if (listed->len == 0 && expiring_text == NULL)
    {
      g_print (ngettext ("No stored token expires within %d day.\n",
                         "No stored token expires within %d days.\n",
                         (unsigned long) token_expiring),
               token_expiring);
    }
  else if (listed->len == 0)
    {
      g_print (_("No stored certificate or token expires within the days given.\n"));
    }
  else
    {
      for (guint i = 0; i < listed->len; i++)
        cd_token_output_print_status_line (g_ptr_array_index (listed, i), now);
    }

  if (filtered && listed->len > 0)
    return CD_TOKEN_EXIT_EXPIRING;
  return CD_TOKEN_EXIT_OK;
}
