/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-output.c: the summaries of cashdesk-token, for people and for programs. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cd-account-json.h"
#include "cd-config.h"
#include "cd-dates.h"
#include "cd-json-writer.h"
#include "cd-text.h"
#include "cd-token-output.h"

void
cd_token_output_print_json (JsonNode *node)
{
  g_autofree char *text = cd_json_writer_to_string (node, NULL);

  /* Not g_print(): that would convert to the locale's charset, and JSON is UTF-8. */
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Text from the server goes to a terminal: cleaned as the window cleans it. */
static char *
cd_token_output_printable (const char *text)
{
  return cd_text_dup_clean (text, 0);
}

/* The local time zone, looked up once: with TZ unset, GLib 2.74 reads /etc/localtime
 * again for every g_date_time_to_local(), which `status` would do for every sign-in. */
static GTimeZone *
cd_token_output_local_zone (void)
{
  static GTimeZone *local;

  if (g_once_init_enter (&local))
    g_once_init_leave (&local, g_time_zone_new_local ());
  return local;
}

static char *
cd_token_output_format_local_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (datetime, cd_token_output_local_zone ());

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
cd_token_output_describe_token (CdAccount *account,
                                GDateTime *now)
{
  GDateTime *expires_at = cd_account_get_token_expires_at (account);
  g_autofree char *when = NULL;

  if (expires_at == NULL)
    return g_strdup (_("valid, expiry unknown"));

  when = cd_token_output_format_local_time (expires_at);
  if (cd_account_token_is_valid (account, now))
    return g_strdup_printf (_("valid until %s"), when);
  return g_strdup_printf (_("expired on %s"), when);
}

static char *
cd_token_output_describe_certificate (CdAccount *account,
                                      GDateTime *now)
{
  GDateTime *expires_on = cd_account_get_cert_expires_on (account);
  g_autofree char *day = NULL;
  int days_left = 0;
  CdCertState state;

  state = cd_account_get_cert_state (account, now, &days_left);
  if (expires_on == NULL || state == CD_CERT_UNKNOWN)
    return g_strdup (_("expiry unknown"));

  day = cd_dates_format_iso_day (expires_on);
  switch (state)
    {
    case CD_CERT_VALID:
      return g_strdup_printf (ngettext ("valid until %s (%d day left)",
                                        "valid until %s (%d days left)",
                                        (unsigned long) days_left),
                              day, days_left);
    case CD_CERT_EXPIRING:
      if (days_left == 0)
        return g_strdup_printf (_("expires today, %s"), day);
      return g_strdup_printf (ngettext ("expires soon: %s (%d day left)",
                                        "expires soon: %s (%d days left)",
                                        (unsigned long) days_left),
                              day, days_left);
    case CD_CERT_EXPIRED:
      return g_strdup_printf (ngettext ("expired on %s (%d day ago)",
                                        "expired on %s (%d days ago)",
                                        (unsigned long) -days_left),
                              day, -days_left);
    case CD_CERT_UNKNOWN:
    default:
      return g_strdup (_("expiry unknown"));
    }
}

JsonNode *
cd_token_output_sign_in_json (CdAccount *account,
                              GDateTime *now,
                              gboolean   stored)
{
  JsonNode *summary = cd_account_to_summary (account, now);

  json_object_set_boolean_member (json_node_get_object (summary), "stored", stored);
  return summary;
}

void
cd_token_output_print_sign_in (CdAccount *account,
                               GDateTime *now,
                               gboolean   stored)
{
  g_autofree char *email = cd_token_output_printable (cd_account_get_email (account));
  g_autofree char *name = cd_token_output_printable (cd_account_get_full_name (account));
  g_autofree char *edrpou = cd_token_output_printable (cd_account_get_edrpou (account));
  g_autofree char *drfo = cd_account_dup_masked_drfo (account);
  g_autofree char *shown_drfo = cd_token_output_printable (drfo);
  g_autofree char *shift = cd_token_output_printable (cd_account_get_opened_shift (account));
  g_autofree char *certificate = cd_token_output_describe_certificate (account, now);
  g_autofree char *token = cd_token_output_describe_token (account, now);
  const char *server = cd_account_get_server (account);

  if (name != NULL)
    g_print (_("Signed in as %s <%s>\n"), name, email);
  else
    g_print (_("Signed in as %s\n"), email);
  if (server != NULL && !cd_config_server_is_production (server))
    g_print (_("Server: %s\n"), server);
  if (edrpou != NULL)
    g_print (_("EDRPOU: %s\n"), edrpou);
  if (shown_drfo != NULL)
    g_print (_("DRFO: %s\n"), shown_drfo);
  if (shift != NULL)
    g_print (_("Shift: open on register %s\n"), shift);
  else
    g_print (_("Shift: no open shift\n"));
  g_print (_("Certificate: %s\n"), certificate);
  g_print (_("Token: %s\n"), token);
  if (stored)
    g_print (_("Keyring: token saved\n"));
  else
    g_print (_("Keyring: token not saved\n"));
  fflush (stdout);
}

static void
cd_token_output_set_text_member (JsonObject *object,
                                 const char *name,
                                 const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
cd_token_output_copy_member (JsonObject *to,
                             JsonObject *from,
                             const char *name)
{
  JsonNode *node = json_object_get_member (from, name);

  if (node != NULL)
    json_object_set_member (to, name, json_node_copy (node));
  else
    json_object_set_null_member (to, name);
}

JsonNode *
cd_token_output_status_json (CdAccount *account,
                             GDateTime *now)
{
  g_autoptr(JsonNode) summary = cd_account_to_summary (account, now);
  JsonObject *from = json_node_get_object (summary);
  JsonObject *entry = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  cd_token_output_set_text_member (entry, "email", cd_account_get_email (account));
  cd_token_output_set_text_member (entry, "server", cd_account_get_server (account));
  cd_token_output_copy_member (entry, from, "full_name");
  cd_token_output_copy_member (entry, from, "token_expires_at");
  json_object_set_boolean_member (entry, "token_valid",
                                  cd_account_token_is_valid (account, now));
  cd_token_output_copy_member (entry, from, "certificate");

  json_node_take_object (node, entry);
  return node;
}

void
cd_token_output_print_status_line (CdAccount *account,
                                   GDateTime *now)
{
  g_autofree char *email = cd_token_output_printable (cd_account_get_email (account));
  g_autofree char *server = cd_token_output_printable (cd_account_get_server (account));
  g_autofree char *token = cd_token_output_describe_token (account, now);
  g_autofree char *certificate = cd_token_output_describe_certificate (account, now);

  /* TRANSLATORS: email, server URL, then the token's and the certificate's state */
  g_print (_("%s on %s: token %s, certificate %s\n"), email, server, token, certificate);
}
