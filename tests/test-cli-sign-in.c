/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-sign-in.c: cashdesk-token sign-in (src/cli/cd-token-sign-in.c) against the
 * demo server program: what the server or the network said (exit 2, 4, 5, and 130 for
 * Ctrl+C), and a sign-in's output, for people and as JSON, with the token stored in the
 * session's keyring or not. */
#include <signal.h>
#include <string.h>

#include "test-cli-util.h"
#include "test-keyring.h"
#include "test-util.h"

#define QUOTING_PASSWORD "Пароль \"з\" \\лапками\\ 🔑"

/* Exit 2, 4, 5: what the server (or the network) said. */

static void
test_rejected (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, "wrong\n", "sign-in", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 2);
  cli_run_clear (&run);

  /* A password is one line: what follows the newline is not part of it. */
  cli_run (&run, "wrong\ndemo\n", "sign-in", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 2);
  cli_run_clear (&run);

  cli_run (&run, "demo\n", "sign-in", "--email", "invalid@demo.test", NULL);
  cli_assert_failure (&run, 2);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_auto(CliRun) run = { 0 };

  /* A port that was free a moment ago and that nobody listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  server = g_strdup_printf ("http://127.0.0.1:%u/api/v2",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  cli_run (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--server", server, NULL);
  cli_assert_failure (&run, 4);
}

static void
test_timeout (void)
{
  gint64 start = g_get_monotonic_time ();
  g_auto(CliRun) run = { 0 };

  cli_run (&run, "demo\n", "sign-in", "--email", "slow@demo.test", "--timeout", "1", NULL);
  cli_assert_failure (&run, 4);
  /* It gave up; the server would have answered after 10 s. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_TIME_SPAN_SECOND);
}

static void
test_server_errors (void)
{
  const char *emails[] = { "busy@demo.test", "broken@demo.test", "garbled@demo.test" };

  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_auto(CliRun) run = { 0 };

      cli_run (&run, "demo\n", "sign-in", "--email", emails[i], NULL);
      cli_assert_failure (&run, 5);
      /* An HTML error page stays out of the message. */
      g_assert_null (strstr (run.err, "<"));
    }
}

static gboolean
send_sigint (gpointer user_data)
{
  g_subprocess_send_signal (user_data, SIGINT);
  return G_SOURCE_REMOVE;
}

static void
test_interrupted (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  launcher = cli_launcher_new (TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_program (), "sign-in",
                                         "--email", "slow@demo.test", NULL);
  g_assert_no_error (error);
  g_timeout_add_seconds (1, send_sigint, process);
  test_run_finish (process, "demo\n", CLI_RUN_SECONDS, &run);

  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_TIME_SPAN_SECOND);
  cli_run_clear (&run);

  /* Nothing was stored. */
  cli_run (&run, NULL, "get", "--email", "slow@demo.test", NULL);
  cli_assert_failure (&run, 3);
}

/* Exit 0: sign-in, its output, and the token in the keyring. */

static void
test_sign_in_json (void)
{
  g_autoptr(JsonNode) cashier = NULL;
  g_autoptr(JsonNode) int_shift = NULL;
  g_autoptr(JsonNode) no_shift = NULL;
  g_autoptr(JsonNode) expiring = NULL;
  g_autoptr(JsonNode) expired = NULL;
  g_autoptr(JsonNode) no_signature = NULL;
  JsonObject *object;
  JsonObject *certificate;

  cli_forget_all ();

  cashier = cli_sign_in_json ("cashier@demo.test", "demo", TRUE);
  object = json_node_get_object (cashier);
  g_assert_cmpstr (json_object_get_string_member (object, "opened_shift"), ==, "4000055255");
  g_assert_cmpstr (json_object_get_string_member (object, "full_name"), ==,
                   "Іваненко Марія Петрівна");
  g_assert_true (json_object_get_boolean_member (object, "active_rro"));
  g_assert_cmpstr (cli_certificate_state (cli_summary_certificate (cashier)), ==, "valid");

  /* The server sent this one as a number. */
  int_shift = cli_sign_in_json ("int-shift@demo.test", "demo", TRUE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (int_shift),
                                                  "opened_shift"), ==, "4000055256");

  no_shift = cli_sign_in_json ("no-shift@demo.test", "demo", TRUE);
  g_assert_true (json_object_get_null_member (json_node_get_object (no_shift), "opened_shift"));

  expiring = cli_sign_in_json ("expiring@demo.test", "demo", TRUE);
  certificate = cli_summary_certificate (expiring);
  g_assert_cmpstr (cli_certificate_state (certificate), ==, "expiring");
  g_assert_cmpint (json_object_get_int_member (certificate, "days_left"), ==, 10);

  expired = cli_sign_in_json ("expired@demo.test", "demo", TRUE);
  certificate = cli_summary_certificate (expired);
  g_assert_cmpstr (cli_certificate_state (certificate), ==, "expired");
  g_assert_cmpint (json_object_get_int_member (certificate, "days_left"), <, 0);

  no_signature = cli_sign_in_json ("no-signature@demo.test", "demo", TRUE);
  certificate = cli_summary_certificate (no_signature);
  g_assert_cmpstr (cli_certificate_state (certificate), ==, "unknown");
  for (const char *const *name = (const char *const[]) {
         "serial", "subject_key_id", "expires_on", "days_left", NULL };
       *name != NULL; name++)
    g_assert_true (json_object_get_null_member (certificate, *name));
}

static void
test_sign_in_human (void)
{
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  cli_run (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", NULL);
  cli_assert_success (&run);
  g_assert_nonnull (strstr (run.out, "Іваненко Марія Петрівна"));
  g_assert_nonnull (strstr (run.out, "cashier@demo.test"));
  g_assert_nonnull (strstr (run.out, "4000055255"));
  g_assert_nonnull (strstr (run.out, cli_demo_url ()));
  /* The DRFO only masked; never the token. */
  g_assert_null (strstr (run.out, "3012405678"));
  g_assert_nonnull (strstr (run.out, "301•••••78"));
  g_assert_null (strstr (run.out, "Bearer"));
  cli_run_clear (&run);

  cli_run (&run, "demo\n", "sign-in", "--email", "no-shift@demo.test", NULL);
  cli_assert_success (&run);
  g_assert_nonnull (strstr (run.out, "no open shift"));
  cli_run_clear (&run);

  cli_run (&run, "demo\n", "sign-in", "--email", "expiring@demo.test", NULL);
  cli_assert_success (&run);
  g_assert_nonnull (strstr (run.out, "10 days left"));
}

static void
test_sign_in_password_from_stdin (void)
{
  g_autoptr(JsonNode) quoting = NULL;
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  quoting = cli_sign_in_json ("quoting@demo.test", QUOTING_PASSWORD, TRUE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (quoting), "email"), ==,
                   "quoting@demo.test");

  /* A Windows line end, and a last line without one. */
  cli_run (&run, QUOTING_PASSWORD "\r\n", "sign-in", "--email", "quoting@demo.test", NULL);
  cli_assert_success (&run);
  cli_run_clear (&run);
  cli_run (&run, QUOTING_PASSWORD, "sign-in", "--email", "quoting@demo.test", NULL);
  cli_assert_success (&run);
  cli_run_clear (&run);

  /* Only the quotes changed: rejected, so the password went through unaltered. */
  cli_run (&run, "Пароль 'з' \\лапками\\ 🔑\n", "sign-in", "--email", "quoting@demo.test", NULL);
  cli_assert_failure (&run, 2);
}

static void
test_no_store (void)
{
  g_autoptr(JsonNode) summary = NULL;
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  {
    g_auto(CliRun) sign_in_run = { 0 };

    cli_run (&sign_in_run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--no-store",
             "--json", NULL);
    cli_assert_success (&sign_in_run);
    summary = cli_parse_json (sign_in_run.out);
    g_assert_false (json_object_get_boolean_member (cli_assert_summary_shape (summary,
                                                                              "cashier@demo.test"),
                                                    "stored"));
  }
  g_assert_null (test_secret_tool_lookup ("cashier@demo.test"));
  cli_run (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 3);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, TRUE);
  g_test_add_func ("/cli/server/rejected", test_rejected);
  g_test_add_func ("/cli/server/unreachable", test_unreachable);
  g_test_add_func ("/cli/server/timeout", test_timeout);
  g_test_add_func ("/cli/server/errors", test_server_errors);
  g_test_add_func ("/cli/server/interrupted", test_interrupted);
  g_test_add_func ("/cli/sign-in/json", test_sign_in_json);
  g_test_add_func ("/cli/sign-in/human", test_sign_in_human);
  g_test_add_func ("/cli/sign-in/password-from-stdin", test_sign_in_password_from_stdin);
  g_test_add_func ("/cli/sign-in/no-store", test_no_store);
  return cli_test_run ();
}
