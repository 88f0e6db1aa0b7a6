/* cd-token-status.c: `cashdesk-token status`, every stored sign-in; never a token. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-account-list.h"
#include "cd-store.h"
#include "cd-token-command.h"
#include "cd-token-loop.h"
#include "cd-token-output.h"

/* A hundred years: more is a typo. */
#define MAX_EXPIRING_DAYS 36500

static gboolean
expires_within (CdAccount *account,
                GDateTime *now,
                int        days)
{
  int days_left = 0;

  if (cd_account_get_cert_state (account, now, &days_left) == CD_CERT_UNKNOWN)
    return FALSE;
  return days_left <= days;
}

int
cd_token_status_run (int    argc,
                     char **argv)
{
  g_autofree char *expiring_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array"), NULL },
    { "expiring", 0, 0, G_OPTION_ARG_STRING, &expiring_text,
      N_("List only certificates that expire within DAYS or have expired; exit 7 when "
         "there are some"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CdTokenLoop) loop = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  guint64 expiring = 0;

  if (!cd_token_parse_options ("status",
                               N_("Lists the stored sign-ins of every server: email, server, "
                                  "token and certificate expiry."),
                               entries, argc, argv))
    return CD_TOKEN_EXIT_USAGE;

  if (expiring_text != NULL &&
      !g_ascii_string_to_unsigned (expiring_text, 10, 0, MAX_EXPIRING_DAYS, &expiring, NULL))
    {
      cd_token_print_error (_("--expiring takes a number of days from 0 to %d, not “%s”"),
                            MAX_EXPIRING_DAYS, expiring_text);
      return CD_TOKEN_EXIT_USAGE;
    }

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

      if (expiring_text == NULL || expires_within (account, now, (int) expiring))
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
  else if (listed->len == 0)
    {
      g_print (ngettext ("No stored certificate expires within %d day.\n",
                         "No stored certificate expires within %d days.\n",
                         (unsigned long) expiring),
               (int) expiring);
    }
  else
    {
      for (guint i = 0; i < listed->len; i++)
        cd_token_output_print_status_line (g_ptr_array_index (listed, i), now);
    }

  if (expiring_text != NULL && listed->len > 0)
    return CD_TOKEN_EXIT_EXPIRING;
  return CD_TOKEN_EXIT_OK;
}
