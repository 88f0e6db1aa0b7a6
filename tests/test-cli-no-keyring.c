/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-no-keyring.c: cashdesk-token on a desktop without a Secret Service on the
 * session bus (exit 6, and a sign-in's summary printed all the same), and with a
 * stand-in Secret Service of the test's own that dies in the middle of a command. */
#include <string.h>

#include "test-cli-util.h"
#include "test-keyring.h"
#include "test-util.h"

static void
test_no_keyring_sign_in (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(CliRun) run = { 0 };

  cli_run (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--json", NULL);
  /* Signed in: the summary is printed, only the keyring failed. */
  cli_assert_error_line (&run, 6);
  root = cli_parse_json (run.out);
  g_assert_false (json_object_get_boolean_member (cli_assert_summary_shape (root,
                                                                            "cashier@demo.test"),
                                                  "stored"));
  cli_run_clear (&run);

  cli_run (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", NULL);
  cli_assert_error_line (&run, 6);
  g_assert_nonnull (strstr (run.out, "Іваненко Марія Петрівна"));
  cli_run_clear (&run);

  /* Not asked to store: nothing failed. */
  cli_run (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--no-store", NULL);
  cli_assert_success (&run);
}

static void
test_no_keyring_commands (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 6);
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", NULL);
  cli_assert_failure (&run, 6);
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", "--json", NULL);
  cli_assert_failure (&run, 6);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-out", "--all", NULL);
  cli_assert_failure (&run, 6);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-out", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 6);
}

/* A Secret Service that dies while cashdesk-token status reads what it found: it answers
 * the search with STAND_IN_ITEMS items and their properties, and at the first request
 * for secrets (the session, or the secrets themselves) fails it, as the bus does for a
 * daemon that is gone. With a real gnome-keyring-daemon killed at that moment,
 * libsecret 0.20's item objects could print dozens of CRITICALs (one per item);
 * whatever libsecret does, the terminal must show one line. */
#define STAND_IN_ITEMS 24
#define SECRETS_PATH "/org/freedesktop/secrets"

typedef struct {
  GMutex        lock;
  GPtrArray    *held;       /* GDBusMessage: the requests for secrets, unanswered */
  guint         searches;
  gboolean      died;
} StandIn;

static GDBusMessage *
stand_in_reply (GDBusMessage *call,
                GVariant     *body)
{
  GDBusMessage *reply = g_dbus_message_new_method_reply (call);

  g_dbus_message_set_body (reply, body);
  return reply;
}

/* Runs in GDBus's worker thread, for every message the test's connection receives. */
static GDBusMessage *
stand_in_filter (GDBusConnection *connection,
                 GDBusMessage    *message,
                 gboolean         incoming,
                 gpointer         user_data)
{
  StandIn *stand_in = user_data;
  const char *path = g_dbus_message_get_path (message);
  const char *member = g_dbus_message_get_member (message);
  g_autoptr(GDBusMessage) reply = NULL;

  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      path == NULL || !g_str_has_prefix (path, SECRETS_PATH))
    return message;

  if (g_strcmp0 (member, "SearchItems") == 0)
    {
      GVariantBuilder found;

      g_variant_builder_init (&found, G_VARIANT_TYPE ("ao"));
      for (guint i = 0; i < STAND_IN_ITEMS; i++)
        {
          g_autofree char *item = g_strdup_printf (SECRETS_PATH "/collection/login/%u", i + 1);

          g_variant_builder_add (&found, "o", item);
        }
      reply = stand_in_reply (message, g_variant_new ("(aoao)", &found, NULL));
      g_mutex_lock (&stand_in->lock);
      stand_in->searches++;
      g_mutex_unlock (&stand_in->lock);
    }
  else if (g_strcmp0 (path, SECRETS_PATH) == 0 && g_strcmp0 (member, "ReadAlias") == 0)
    {
      reply = stand_in_reply (message, g_variant_new ("(o)", SECRETS_PATH "/collection/login"));
    }
  else if (g_strcmp0 (member, "Get") == 0)
    {
      /* The login collection's Locked. */
      reply = stand_in_reply (message, g_variant_new ("(v)", g_variant_new_boolean (FALSE)));
    }
  else if (g_strcmp0 (path, SECRETS_PATH) == 0 && g_strcmp0 (member, "GetAll") == 0)
    {
      GVariantBuilder properties;

      g_variant_builder_init (&properties, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&properties, "{sv}", "Collections",
                             g_variant_new_objv ((const char *const[]) {
                               SECRETS_PATH "/collection/login", NULL }, -1));
      reply = stand_in_reply (message, g_variant_new ("(a{sv})", &properties));
    }
  else if (g_strcmp0 (member, "GetAll") == 0)
    {
      /* An item: unlocked, of the token schema, for a sign-in of its own. */
      GVariantBuilder properties;
      GVariantBuilder attributes;
      g_autofree char *email = g_strdup_printf ("%s@stand-in.test", strrchr (path, '/') + 1);

      g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
      g_variant_builder_add (&attributes, "{ss}", "xdg:schema", TEST_TOKEN_SCHEMA);
      g_variant_builder_add (&attributes, "{ss}", "email", email);
      g_variant_builder_add (&attributes, "{ss}", "server", "https://api.cashdesk.com.ua/api/v2");
      g_variant_builder_init (&properties, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&properties, "{sv}", "Attributes", g_variant_builder_end (&attributes));
      g_variant_builder_add (&properties, "{sv}", "Label", g_variant_new_string (email));
      g_variant_builder_add (&properties, "{sv}", "Locked", g_variant_new_boolean (FALSE));
      g_variant_builder_add (&properties, "{sv}", "Created", g_variant_new_uint64 (1700000000));
      g_variant_builder_add (&properties, "{sv}", "Modified", g_variant_new_uint64 (1700000000));
      reply = stand_in_reply (message, g_variant_new ("(a{sv})", &properties));
    }
  else if (g_strcmp0 (member, "OpenSession") == 0 || g_strcmp0 (member, "GetSecret") == 0 ||
           g_strcmp0 (member, "GetSecrets") == 0)
    {
      g_mutex_lock (&stand_in->lock);
      g_ptr_array_add (stand_in->held, g_object_ref (message));
      /* At the first request for secrets, the daemon dies: every request it held fails
       * at once, and any that comes later. */
      if (stand_in->held->len >= 1)
        {
          for (guint i = 0; i < stand_in->held->len; i++)
            {
              g_autoptr(GDBusMessage) failed = NULL;

              failed = g_dbus_message_new_method_error_literal (g_ptr_array_index (stand_in->held, i),
                                                                "org.freedesktop.DBus.Error.NoReply",
                                                                "Message recipient disconnected from message bus without replying");
              g_dbus_connection_send_message (connection, failed, G_DBUS_SEND_MESSAGE_FLAGS_NONE, NULL, NULL);
            }
          g_ptr_array_set_size (stand_in->held, 0);
          stand_in->died = TRUE;
        }
      g_mutex_unlock (&stand_in->lock);
    }
  else
    {
      reply = g_dbus_message_new_method_error_literal (message, "org.freedesktop.DBus.Error.UnknownMethod",
                                                       "Not in this stand-in");
    }

  if (reply != NULL)
    g_dbus_connection_send_message (connection, reply, G_DBUS_SEND_MESSAGE_FLAGS_NONE, NULL, NULL);
  g_object_unref (message);
  return NULL;
}

/* What a person at the terminal sees: one error line, no CRITICAL from libsecret. Run
 * without G_DEBUG=fatal-warnings, as people run it: fatal warnings would turn the
 * CRITICAL into a crash, which would hide the difference. */
static void
test_no_keyring_daemon_dies (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  StandIn stand_in = { 0 };
  guint filter;

  g_mutex_init (&stand_in.lock);
  stand_in.held = g_ptr_array_new_with_free_func (g_object_unref);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  filter = g_dbus_connection_add_filter (bus, stand_in_filter, &stand_in, NULL);
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);

  launcher = cli_launcher_new (FALSE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  process = g_subprocess_launcher_spawn (launcher, &error, cli_program (), "status", NULL);
  g_assert_no_error (error);
  test_run_finish (process, NULL, 30, &run);

  g_dbus_connection_remove_filter (bus, filter);
  g_clear_pointer (&owned, g_variant_unref);
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ReleaseName",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);

  g_test_message ("stderr: %s", run.err);
  /* The stand-in was searched and died mid-load: the case really happened. */
  g_assert_cmpuint (stand_in.searches, >=, 1);
  g_assert_true (stand_in.died);
  g_assert_null (strstr (run.err, "CRITICAL"));
  cli_assert_failure (&run, 6);
  g_ptr_array_unref (stand_in.held);
  g_mutex_clear (&stand_in.lock);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, FALSE);
  g_test_add_func ("/cli/no-keyring/sign-in", test_no_keyring_sign_in);
  g_test_add_func ("/cli/no-keyring/commands", test_no_keyring_commands);
  g_test_add_func ("/cli/no-keyring/daemon-dies", test_no_keyring_daemon_dies);
  return cli_test_run ();
}
