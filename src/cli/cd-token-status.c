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

/* Which stored sign-ins status lists: every one, or with --expiring or --token-expiring
 * those due within that many days. -1 for an option not given. */
typedef struct
{
  int expiring;
  int token_expiring;
} StatusFilter;

/* --expiring and --token-expiring: "DAYS" as a number (-1 when @text is NULL: not
 * given), or FALSE after saying why not. */
static gboolean
cd_token_status_parse_days (const char *option,
                            const char *text,
                            int        *days)
{
  guint64 value = 0;

  *days = -1;
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

static gboolean
cd_token_status_filter_is_set (const StatusFilter *filter)
{
  return filter->expiring >= 0 || filter->token_expiring >= 0;
}

/* Every stored sign-in, in the back office's order (as the window's list shows them), or
 * NULL with what went wrong printed and the exit status in *@exit_code. */
static GPtrArray *
cd_token_status_read_accounts (CdTokenLoop *loop,
                               int         *exit_code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *accounts;

  cd_store_list_async (NULL, cd_token_loop_get_cancellable (loop), cd_token_loop_done, loop);
  result = cd_token_loop_wait (loop);
  accounts = cd_store_list_finish (result, &error);
  if (accounts == NULL)
    {
      *exit_code = cd_token_fail_with_error (error);
      return NULL;
    }
  cd_account_list_sort (accounts);
  return accounts;
}

/* The accounts @filter lets through, in their order; borrowed from @accounts (the array
 * holds no reference of its own). */
static GPtrArray *
cd_token_status_select (GPtrArray          *accounts,
                        const StatusFilter *filter,
                        GDateTime          *now)
{
  GPtrArray *listed = g_ptr_array_new ();

  for (guint i = 0; i < accounts->len; i++)
    {
      CdAccount *account = g_ptr_array_index (accounts, i);

      if (!cd_token_status_filter_is_set (filter)
          || (filter->expiring >= 0
              && cd_reminder_certificate_due (account, now, filter->expiring, NULL))
          || (filter->token_expiring >= 0
              && cd_reminder_token_due (account, now, filter->token_expiring, NULL)))
        g_ptr_array_add (listed, account);
    }
  return listed;
}

/* Why nothing is listed: no sign-in is stored (@stored is 0), or none is due within the
 * days @filter gives (without a filter, every stored sign-in is listed). */
static void
cd_token_status_print_none (guint               stored,
                            const StatusFilter *filter)
{
  if (stored == 0)
    g_print (_("No stored sign-ins.\n"));
  else if (filter->token_expiring < 0)
    g_print (ngettext ("No stored certificate expires within %d day.\n",
                       "No stored certificate expires within %d days.\n",
                       (unsigned long) filter->expiring),
             filter->expiring);
  else if (filter->expiring < 0)
    g_print (ngettext ("No stored token expires within %d day.\n",
                       "No stored token expires within %d days.\n",
                       (unsigned long) filter->token_expiring),
             filter->token_expiring);
  else
    g_print (_("No stored certificate or token expires within the days given.\n"));
}

/* With --json, one array (empty when nothing is listed); otherwise a line each, or a
 * sentence saying why there is none. */
static void
cd_token_status_print (GPtrArray          *listed,
                       guint               stored,
                       const StatusFilter *filter,
                       GDateTime          *now,
                       gboolean            json)
{
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
  else if (listed->len == 0)
    {
      cd_token_status_print_none (stored, filter);
    }
  else
    {
      for (guint i = 0; i < listed->len; i++)
        cd_token_output_print_status_line (g_ptr_array_index (listed, i), now);
    }
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
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDateTime) now = NULL;
  StatusFilter filter;
  int exit_code;

  if (!cd_token_parse_options ("status",
                               N_("Lists the stored sign-ins of every server: email, server, "
                                  "token and certificate expiry."),
                               entries, argc, argv))
    return CD_TOKEN_EXIT_USAGE;

  if (!cd_token_status_parse_days ("--expiring", expiring_text, &filter.expiring)
      || !cd_token_status_parse_days ("--token-expiring", token_expiring_text,
                                      &filter.token_expiring))
    return CD_TOKEN_EXIT_USAGE;

  loop = cd_token_loop_new ();
  accounts = cd_token_status_read_accounts (loop, &exit_code);
  if (accounts == NULL)
    return exit_code;

  now = g_date_time_new_now_utc ();
  listed = cd_token_status_select (accounts, &filter, now);
  cd_token_status_print (listed, accounts->len, &filter, now, json);

  if (cd_token_status_filter_is_set (&filter) && listed->len > 0)
    return CD_TOKEN_EXIT_EXPIRING;
  return CD_TOKEN_EXIT_OK;
}
