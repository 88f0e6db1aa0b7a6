/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cashdesk-demo-server: the demo server as a program of its own, for trying the shop's
 * software without a CashDesk account. The first line it prints is the base URL, so that
 * scripts can read it. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cd-demo-hostile.h"
#include "cd-demo-server.h"
#include "cd-locale.h"

static gboolean
cashdesk_demo_server_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean slow_delay_given;
static guint slow_delay;

static gboolean
cashdesk_demo_server_parse_slow_delay (const char  *option_name,
                                       const char  *value,
                                       gpointer     data,
                                       GError     **error)
{
  guint64 milliseconds;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &milliseconds, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Cannot read “%s” as milliseconds"), value);
      return FALSE;
    }
  slow_delay = (guint) milliseconds;
  slow_delay_given = TRUE;
  return TRUE;
}

static int
cashdesk_demo_server_fail (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  g_autofree char *certificate_file = NULL;
  g_autofree char *key_file = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("Listen on PORT (default: any free port)"), N_("PORT") },
    { "slow-delay", 0, 0, G_OPTION_ARG_CALLBACK, cashdesk_demo_server_parse_slow_delay,
      N_("How long the slow account waits before answering (default: 3000)"),
      N_("MILLISECONDS") },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &certificate_file,
      N_("Serve HTTPS with the certificate in FILE (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("The private key of the certificate, in FILE (PEM)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(CdDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;

  cd_locale_init ();
  g_set_prgname ("cashdesk-demo-server");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("A fake CashDesk server on this computer, with sample accounts."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cashdesk_demo_server_fail (error->message);
  if (argc > 1)
    return cashdesk_demo_server_fail (_("Unexpected argument"));
  if (port < 0 || port > G_MAXUINT16)
    return cashdesk_demo_server_fail (_("The port must be between 0 and 65535"));
  if ((certificate_file == NULL) != (key_file == NULL))
    return cashdesk_demo_server_fail (_("--tls-certificate and --tls-key go together"));

  if (certificate_file != NULL)
    {
      certificate = g_tls_certificate_new_from_files (certificate_file, key_file, &error);
      if (certificate == NULL)
        return cashdesk_demo_server_fail (error->message);
    }

  server = cd_demo_server_new ();
  cd_demo_hostile_install (server);
  if (slow_delay_given)
    cd_demo_server_set_slow_delay (server, slow_delay);
  if (!cd_demo_server_start (server, (guint) port, certificate, &error))
    return cashdesk_demo_server_fail (error->message);

  /* A script reads the first line to learn where to connect: it must arrive at once. */
  g_print ("%s\n", cd_demo_server_get_url (server));
  fflush (stdout);
  g_print (_("Sample accounts (password “%s” unless shown):\n"), CD_DEMO_PASSWORD);
  for (const CdDemoAccount *account = cd_demo_server_accounts (); account->email; account++)
    {
      if (g_strcmp0 (account->password, CD_DEMO_PASSWORD) == 0)
        g_print ("  %s — %s\n", account->email, _(account->what));
      else
        g_print (_("  %s — %s (password: %s)\n"), account->email, _(account->what),
                 account->password);
    }
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, cashdesk_demo_server_signal_cb, loop);
  g_unix_signal_add (SIGTERM, cashdesk_demo_server_signal_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
