/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli.c: the cashdesk-token program, run as other programs run it, against the
 * cashdesk-demo-server program and the session's real keyring. Checks the contract of
 * docs/contract.md: exit codes, output shapes, one-line errors, the token read back with
 * secret-tool.
 *
 * Runs in a session of its own (CD_TEST_SESSION); without a keyring, only the cases for a desktop
 * without a Secret Service are registered. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <json-glib/json-glib.h>

#include "test-util.h"
#include "test-process.h"
#include "test-pty.h"
#include "test-keyring.h"

#define TOKEN_SCHEMA "io.github.cashdesk_login.Token"
#define QUOTING_PASSWORD "Пароль \"з\" \\лапками\\ 🔑"
/* Long enough that only a working --timeout or Ctrl+C ends a sign-in of slow@ early. */
#define SLOW_DELAY_MS "10000"
#define RUN_DEADLINE_SECONDS 30

static GSubprocess *demo_server;
static char *demo_url;
static char *token_program;

static GSubprocessLauncher *
new_launcher (gboolean with_input)
{
  GSubprocessLauncher *launcher = test_launcher_new (with_input);

  g_subprocess_launcher_setenv (launcher, "CASHDESK_API_URL", demo_url, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "CASHDESK_DEVELOPER_ID");
  return launcher;
}

static GStrv
build_argv (va_list args)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv argv;

  g_strv_builder_add (builder, token_program);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_strv_builder_add (builder, arg);
  argv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return argv;
}

/* Runs cashdesk-token with @input on its standard input (NULL: none at all) and
 * CASHDESK_API_URL pointing at the demo server. */
G_GNUC_NULL_TERMINATED static void
run_cli (CliRun     *run,
         const char *input,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  va_list args;

  va_start (args, input);
  argv = build_argv (args);
  va_end (args);

  launcher = new_launcher (input != NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  test_run_finish (process, input, RUN_DEADLINE_SECONDS, run);
}

/* The contract for errors: one line, `cashdesk-token: MESSAGE`. */
static void
assert_error_line (const CliRun *run,
                   int           status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "cashdesk-token: "));
  g_assert_cmpuint (strlen (run->err), >, strlen ("cashdesk-token: ") + 1);
  /* One line: its newline is the last character. */
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

static void
assert_failure (const CliRun *run,
                int           status)
{
  assert_error_line (run, status);
  g_assert_cmpstr (run->out, ==, "");
}

static void
assert_success (const CliRun *run)
{
  if (run->status != 0)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
}

/* Forgets everything, so that a test starts from an empty keyring. */
static void
forget_all (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, "sign-out", "--all", NULL);
  if (run.status != 0)
    assert_failure (&run, 3);
}

static void
sign_in (const char *email,
         const char *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_auto(CliRun) run = { 0 };

  run_cli (&run, input, "sign-in", "--email", email, "--json", NULL);
  assert_success (&run);
}

/* The JSON checks: every member of docs/contract.md's shape, with its type. */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  /* Exactly one value, on one line. */
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_true (strchr (text, '\n') == text + strlen (text) - 1);

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("the JSON object has no member “%s”", name);
  return node;
}

static void
assert_text_or_null (JsonObject *object,
                     const char *name)
{
  JsonNode *node = get_member (object, name);

  if (!JSON_NODE_HOLDS_NULL (node))
    {
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
    }
}

static void
assert_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = get_member (object, name);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
}

static void
assert_boolean (JsonObject *object,
                const char *name)
{
  JsonNode *node = get_member (object, name);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
}

static void
assert_matches_or_null (JsonObject *object,
                        const char *name,
                        const char *pattern)
{
  JsonNode *node = get_member (object, name);

  assert_text_or_null (object, name);
  if (!JSON_NODE_HOLDS_NULL (node))
    g_assert_true (g_regex_match_simple (pattern, json_node_get_string (node), 0, 0));
}

#define ISO_DATETIME "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$"
#define ISO_DAY "^\\d{4}-\\d\\d-\\d\\d$"

static const char *
certificate_state (JsonObject *certificate)
{
  return json_object_get_string_member_with_default (certificate, "state", NULL);
}

/* The "certificate" block, the same in sign-in and status. */
static JsonObject *
assert_certificate_shape (JsonObject *object)
{
  JsonNode *node = get_member (object, "certificate");
  JsonObject *certificate;
  JsonNode *days_left;
  const char *state;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  certificate = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (certificate), ==, 5);
  assert_text_or_null (certificate, "serial");
  assert_text_or_null (certificate, "subject_key_id");
  assert_matches_or_null (certificate, "expires_on", ISO_DAY);

  days_left = get_member (certificate, "days_left");
  g_assert_true (JSON_NODE_HOLDS_NULL (days_left) ||
                 json_node_get_value_type (days_left) == G_TYPE_INT64);

  assert_text (certificate, "state");
  state = certificate_state (certificate);
  g_assert_true (g_strv_contains ((const char *const[]) {
                   "valid", "expiring", "expired", "unknown", NULL }, state));
  /* days_left and expires_on are known together, and only with a known state. */
  g_assert_cmpint (JSON_NODE_HOLDS_NULL (days_left), ==, g_str_equal (state, "unknown"));
  g_assert_cmpint (JSON_NODE_HOLDS_NULL (get_member (certificate, "expires_on")), ==,
                   g_str_equal (state, "unknown"));
  return certificate;
}

/* sign-in --json: the whole shape of docs/contract.md. */
static JsonObject *
assert_summary_shape (JsonNode   *root,
                      const char *email)
{
  JsonObject *summary;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  summary = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (summary), ==, 11);

  assert_text (summary, "email");
  g_assert_cmpstr (json_object_get_string_member (summary, "email"), ==, email);
  assert_text_or_null (summary, "full_name");
  assert_text_or_null (summary, "uuid");
  assert_text_or_null (summary, "edrpou");
  assert_text_or_null (summary, "drfo");
  assert_boolean (summary, "active_rro");
  assert_text_or_null (summary, "opened_shift");
  assert_matches_or_null (summary, "token_expires_at", ISO_DATETIME);
  assert_matches_or_null (summary, "last_online", ISO_DATETIME);
  assert_certificate_shape (summary);
  assert_boolean (summary, "stored");
  return summary;
}

/* Signs in with --json and checks the shape; returns the parsed summary. */
static JsonNode *
sign_in_json (const char *email,
              const char *password,
              gboolean    stored)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_auto(CliRun) run = { 0 };
  JsonNode *root;
  JsonObject *summary;

  run_cli (&run, input, "sign-in", "--email", email, "--json", NULL);
  assert_success (&run);
  g_assert_null (strstr (run.out, "Bearer"));

  root = parse_json (run.out);
  summary = assert_summary_shape (root, email);
  g_assert_cmpint (json_object_get_boolean_member (summary, "stored"), ==, stored);
  return root;
}

static JsonObject *
summary_certificate (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "certificate");
}

/* Exit 1: usage and bad input. */

static void
test_usage_unknown_option (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--frobnicate", NULL);
  assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--frobnicate"));
  cli_run_clear (&run);

  run_cli (&run, NULL, "--frobnicate", NULL);
  assert_failure (&run, 1);
}

static void
test_usage_commands (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-up", NULL);
  assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "sign-up"));
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-in", "--email", "cashier@demo.test", "extra", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  /* The password never comes from the command line. */
  run_cli (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--password", "demo", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-in", NULL);
  assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--email"));
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--timeout", "0", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--timeout", "soon",
           NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", "--expiring", "-1", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-out", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-out", "--all", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "get", "--email", "not an email", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "get", "--server", "ftp://127.0.0.1/api/v2", NULL);
  assert_failure (&run, 1);
}

static void
test_usage_help (void)
{
  const char *commands[] = { "sign-in", "get", "status", "sign-out" };
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, "--help", NULL);
  assert_success (&run);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (run.out, commands[i]));
  cli_run_clear (&run);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("cashdesk-token %s", commands[i]);

      run_cli (&run, NULL, commands[i], "--help", NULL);
      assert_success (&run);
      g_assert_nonnull (strstr (run.out, usage));
      cli_run_clear (&run);
    }

  run_cli (&run, NULL, "sign-in", "--help", NULL);
  assert_success (&run);
  for (const char *const *option = (const char *const[]) {
         "--email", "--server", "--developer-id", "--timeout", "--allow-insecure-http",
         "--no-store", "--json", NULL };
       *option != NULL; option++)
    g_assert_nonnull (strstr (run.out, *option));
}

static void
test_usage_invalid_email (void)
{
  const char *emails[] = { "cashier", "cashier@", "@demo.test", "cash ier@demo.test" };

  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_auto(CliRun) run = { 0 };

      run_cli (&run, NULL, "sign-in", "--email", emails[i], NULL);
      assert_failure (&run, 1);
    }
}

/* A developer id that would go out empty (only spaces) or that no header should carry
 * (100,000 characters): refused before the password is asked for. */
static void
test_usage_developer_id (void)
{
  g_autofree char *huge = g_strnfill (100000, 'x');
  const char *ids[] = { "   ", huge };

  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_auto(CliRun) run = { 0 };

      run_cli (&run, "demo\n", "sign-in", "--email", "cashier@demo.test",
               "--developer-id", ids[i], NULL);
      assert_failure (&run, 1);
      g_assert_nonnull (strstr (run.err, "200"));
      g_assert_cmpuint (strlen (run.err), <, 1000);
    }
}

static void
test_usage_empty_password (void)
{
  const char *inputs[] = { NULL, "\n", "\r\n" };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_auto(CliRun) run = { 0 };

      run_cli (&run, inputs[i], "sign-in", "--email", "cashier@demo.test", NULL);
      assert_failure (&run, 1);
    }
}

static void
test_usage_insecure_url (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, "sign-in", "--email", "cashier@demo.test",
           "--server", "http://example.com/api/v2", NULL);
  assert_failure (&run, 1);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-in", "--email", "cashier@demo.test",
           "--server", "not a url", NULL);
  assert_failure (&run, 1);
}

/* Exit 2, 4, 5: what the server (or the network) said. */

static void
test_rejected (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "wrong\n", "sign-in", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 2);
  cli_run_clear (&run);

  /* A password is one line: what follows the newline is not part of it. */
  run_cli (&run, "wrong\ndemo\n", "sign-in", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 2);
  cli_run_clear (&run);

  run_cli (&run, "demo\n", "sign-in", "--email", "invalid@demo.test", NULL);
  assert_failure (&run, 2);
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

  run_cli (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--server", server, NULL);
  assert_failure (&run, 4);
}

static void
test_timeout (void)
{
  gint64 start = g_get_monotonic_time ();
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "demo\n", "sign-in", "--email", "slow@demo.test", "--timeout", "1", NULL);
  assert_failure (&run, 4);
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

      run_cli (&run, "demo\n", "sign-in", "--email", emails[i], NULL);
      assert_failure (&run, 5);
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

  forget_all ();
  launcher = new_launcher (TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, token_program, "sign-in",
                                         "--email", "slow@demo.test", NULL);
  g_assert_no_error (error);
  g_timeout_add_seconds (1, send_sigint, process);
  test_run_finish (process, "demo\n", RUN_DEADLINE_SECONDS, &run);

  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_TIME_SPAN_SECOND);
  cli_run_clear (&run);

  /* Nothing was stored. */
  run_cli (&run, NULL, "get", "--email", "slow@demo.test", NULL);
  assert_failure (&run, 3);
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

  forget_all ();

  cashier = sign_in_json ("cashier@demo.test", "demo", TRUE);
  object = json_node_get_object (cashier);
  g_assert_cmpstr (json_object_get_string_member (object, "opened_shift"), ==, "4000055255");
  g_assert_cmpstr (json_object_get_string_member (object, "full_name"), ==,
                   "Іваненко Марія Петрівна");
  g_assert_true (json_object_get_boolean_member (object, "active_rro"));
  g_assert_cmpstr (certificate_state (summary_certificate (cashier)), ==, "valid");

  /* The server sent this one as a number. */
  int_shift = sign_in_json ("int-shift@demo.test", "demo", TRUE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (int_shift),
                                                  "opened_shift"), ==, "4000055256");

  no_shift = sign_in_json ("no-shift@demo.test", "demo", TRUE);
  g_assert_true (json_object_get_null_member (json_node_get_object (no_shift), "opened_shift"));

  expiring = sign_in_json ("expiring@demo.test", "demo", TRUE);
  certificate = summary_certificate (expiring);
  g_assert_cmpstr (certificate_state (certificate), ==, "expiring");
  g_assert_cmpint (json_object_get_int_member (certificate, "days_left"), ==, 10);

  expired = sign_in_json ("expired@demo.test", "demo", TRUE);
  certificate = summary_certificate (expired);
  g_assert_cmpstr (certificate_state (certificate), ==, "expired");
  g_assert_cmpint (json_object_get_int_member (certificate, "days_left"), <, 0);

  no_signature = sign_in_json ("no-signature@demo.test", "demo", TRUE);
  certificate = summary_certificate (no_signature);
  g_assert_cmpstr (certificate_state (certificate), ==, "unknown");
  for (const char *const *name = (const char *const[]) {
         "serial", "subject_key_id", "expires_on", "days_left", NULL };
       *name != NULL; name++)
    g_assert_true (json_object_get_null_member (certificate, *name));
}

static void
test_sign_in_human (void)
{
  g_auto(CliRun) run = { 0 };

  forget_all ();
  run_cli (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", NULL);
  assert_success (&run);
  g_assert_nonnull (strstr (run.out, "Іваненко Марія Петрівна"));
  g_assert_nonnull (strstr (run.out, "cashier@demo.test"));
  g_assert_nonnull (strstr (run.out, "4000055255"));
  g_assert_nonnull (strstr (run.out, demo_url));
  /* The DRFO only masked; never the token. */
  g_assert_null (strstr (run.out, "3012405678"));
  g_assert_nonnull (strstr (run.out, "301•••••78"));
  g_assert_null (strstr (run.out, "Bearer"));
  cli_run_clear (&run);

  run_cli (&run, "demo\n", "sign-in", "--email", "no-shift@demo.test", NULL);
  assert_success (&run);
  g_assert_nonnull (strstr (run.out, "no open shift"));
  cli_run_clear (&run);

  run_cli (&run, "demo\n", "sign-in", "--email", "expiring@demo.test", NULL);
  assert_success (&run);
  g_assert_nonnull (strstr (run.out, "10 days left"));
}

static void
test_sign_in_password_from_stdin (void)
{
  g_autoptr(JsonNode) quoting = NULL;
  g_auto(CliRun) run = { 0 };

  forget_all ();
  quoting = sign_in_json ("quoting@demo.test", QUOTING_PASSWORD, TRUE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (quoting), "email"), ==,
                   "quoting@demo.test");

  /* A Windows line end, and a last line without one. */
  run_cli (&run, QUOTING_PASSWORD "\r\n", "sign-in", "--email", "quoting@demo.test", NULL);
  assert_success (&run);
  cli_run_clear (&run);
  run_cli (&run, QUOTING_PASSWORD, "sign-in", "--email", "quoting@demo.test", NULL);
  assert_success (&run);
  cli_run_clear (&run);

  /* Only the quotes changed: rejected, so the password went through unaltered. */
  run_cli (&run, "Пароль 'з' \\лапками\\ 🔑\n", "sign-in", "--email", "quoting@demo.test", NULL);
  assert_failure (&run, 2);
}

static void
test_get_matches_keyring (void)
{
  g_autofree char *secret = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_auto(CliRun) run = { 0 };

  forget_all ();
  g_assert_null (test_secret_tool_lookup ("cashier@demo.test"));
  summary = sign_in_json ("cashier@demo.test", "demo", TRUE);

  secret = test_secret_tool_lookup ("cashier@demo.test");
  g_assert_nonnull (secret);
  g_assert_true (g_str_has_prefix (secret, "Bearer "));

  run_cli (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  assert_success (&run);
  expected = g_strconcat (secret, "\n", NULL);
  g_assert_cmpstr (run.out, ==, expected);
  cli_run_clear (&run);

  /* Without --email: the most recent sign-in on the server. */
  run_cli (&run, NULL, "get", NULL);
  assert_success (&run);
  g_assert_cmpstr (run.out, ==, expected);
  cli_run_clear (&run);

  /* The server's URL however it is spelled: --server wins over the environment, and a
   * trailing slash does not matter. */
  {
    g_autofree char *slashed = g_strconcat (demo_url, "/", NULL);

    run_cli (&run, NULL, "get", "--server", slashed, "--email", "cashier@demo.test", NULL);
    assert_success (&run);
    g_assert_cmpstr (run.out, ==, expected);
    cli_run_clear (&run);
  }

  /* Another server has nothing stored. */
  run_cli (&run, NULL, "get", "--server", "https://test.cashdesk.com.ua/api/v2", NULL);
  assert_failure (&run, 3);
}

static void
test_get_not_found (void)
{
  g_auto(CliRun) run = { 0 };

  forget_all ();
  run_cli (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 3);
  cli_run_clear (&run);

  run_cli (&run, NULL, "get", NULL);
  assert_failure (&run, 3);
  cli_run_clear (&run);

  /* The server hands out a token that has already expired: stored, but not given out. */
  sign_in ("expired-token@demo.test", "demo");
  {
    g_autofree char *token = test_secret_tool_lookup ("expired-token@demo.test");

    g_assert_nonnull (token);
  }
  run_cli (&run, NULL, "get", "--email", "expired-token@demo.test", NULL);
  assert_failure (&run, 3);
}

static void
test_no_store (void)
{
  g_autoptr(JsonNode) summary = NULL;
  g_auto(CliRun) run = { 0 };

  forget_all ();
  {
    g_auto(CliRun) sign_in_run = { 0 };

    run_cli (&sign_in_run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--no-store",
             "--json", NULL);
    assert_success (&sign_in_run);
    summary = parse_json (sign_in_run.out);
    g_assert_false (json_object_get_boolean_member (assert_summary_shape (summary,
                                                                          "cashier@demo.test"),
                                                    "stored"));
  }
  g_assert_null (test_secret_tool_lookup ("cashier@demo.test"));
  run_cli (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 3);
}

static void
test_sign_out (void)
{
  g_autofree char *other = NULL;
  g_auto(CliRun) run = { 0 };

  forget_all ();
  sign_in ("cashier@demo.test", "demo");
  sign_in ("no-shift@demo.test", "demo");
  {
    g_autofree char *token = test_secret_tool_lookup ("cashier@demo.test");

    g_assert_nonnull (token);
  }

  run_cli (&run, NULL, "sign-out", "--email", "cashier@demo.test", NULL);
  assert_success (&run);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_null (test_secret_tool_lookup ("cashier@demo.test"));
  cli_run_clear (&run);

  /* The other account stays. */
  other = test_secret_tool_lookup ("no-shift@demo.test");
  g_assert_nonnull (other);

  /* Nothing left to forget for that account. */
  run_cli (&run, NULL, "sign-out", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 3);
  cli_run_clear (&run);
  run_cli (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 3);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-out", "--all", NULL);
  assert_success (&run);
  g_assert_null (test_secret_tool_lookup ("no-shift@demo.test"));
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-out", "--all", NULL);
  assert_failure (&run, 3);
}

/* status */

static void
test_status_empty (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(CliRun) run = { 0 };

  forget_all ();
  run_cli (&run, NULL, "status", NULL);
  assert_success (&run);
  g_assert_cmpstr (run.out, ==, "No stored sign-ins.\n");
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", "--json", NULL);
  assert_success (&run);
  g_assert_cmpstr (run.out, ==, "[]\n");
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", "--expiring", "30", NULL);
  assert_success (&run);
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", "--json", "--expiring", "30", NULL);
  assert_success (&run);
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
}

static JsonObject *
find_entry (JsonArray  *entries,
            const char *email)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "email", NULL),
                     email) == 0)
        return entry;
    }
  g_error ("status --json does not list %s", email);
  return NULL;
}

static void
test_status_lists (void)
{
  const char *emails[] = {
    "cashier@demo.test", "expired-token@demo.test", "no-signature@demo.test"
  };
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(CliRun) run = { 0 };
  JsonArray *entries;
  JsonObject *entry;

  forget_all ();
  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    sign_in (emails[i], "demo");

  run_cli (&run, NULL, "status", "--json", NULL);
  assert_success (&run);
  g_assert_null (strstr (run.out, "Bearer"));
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (emails));

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      entry = json_node_get_object (node);
      g_assert_cmpuint (json_object_get_size (entry), ==, 6);
      assert_text (entry, "email");
      assert_text (entry, "server");
      g_assert_cmpstr (json_object_get_string_member (entry, "server"), ==, demo_url);
      assert_text_or_null (entry, "full_name");
      assert_matches_or_null (entry, "token_expires_at", ISO_DATETIME);
      assert_boolean (entry, "token_valid");
      assert_certificate_shape (entry);
    }

  entry = find_entry (entries, "cashier@demo.test");
  g_assert_true (json_object_get_boolean_member (entry, "token_valid"));
  g_assert_cmpstr (json_object_get_string_member (entry, "full_name"), ==,
                   "Іваненко Марія Петрівна");
  g_assert_cmpstr (certificate_state (json_object_get_object_member (entry, "certificate")),
                   ==, "valid");
  entry = find_entry (entries, "expired-token@demo.test");
  g_assert_false (json_object_get_boolean_member (entry, "token_valid"));
  entry = find_entry (entries, "no-signature@demo.test");
  g_assert_cmpstr (certificate_state (json_object_get_object_member (entry, "certificate")),
                   ==, "unknown");
  cli_run_clear (&run);

  /* For people: one line per sign-in, no tokens. */
  run_cli (&run, NULL, "status", NULL);
  assert_success (&run);
  g_assert_null (strstr (run.out, "Bearer"));
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (emails) + 1);
  g_assert_cmpstr (lines[G_N_ELEMENTS (emails)], ==, "");
  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      gboolean listed = FALSE;

      for (gsize j = 0; j < G_N_ELEMENTS (emails); j++)
        listed |= strstr (lines[j], emails[i]) != NULL && strstr (lines[j], demo_url) != NULL;
      g_assert_true (listed);
    }
}

static void
test_status_expiring (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(CliRun) run = { 0 };
  JsonArray *entries;

  forget_all ();
  sign_in ("cashier@demo.test", "demo");
  sign_in ("no-signature@demo.test", "demo");

  /* 200 days left, and unknown: nothing within 30 days. */
  run_cli (&run, NULL, "status", "--expiring", "30", NULL);
  assert_success (&run);
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  cli_run_clear (&run);

  sign_in ("expiring@demo.test", "demo");
  run_cli (&run, NULL, "status", "--expiring", "30", NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "expiring@demo.test"));
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  g_assert_null (strstr (run.out, "no-signature@demo.test"));
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", "--expiring", "30", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  root = parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                  "email"), ==, "expiring@demo.test");
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* 10 days left is not within 9, nor 5. */
  run_cli (&run, NULL, "status", "--expiring", "9", NULL);
  assert_success (&run);
  cli_run_clear (&run);
  run_cli (&run, NULL, "status", "--expiring", "10", NULL);
  g_assert_cmpint (run.status, ==, 7);
  cli_run_clear (&run);

  /* An expired certificate is within any number of days. */
  sign_in ("expired@demo.test", "demo");
  run_cli (&run, NULL, "status", "--expiring", "0", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  root = parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                  "email"), ==, "expired@demo.test");
}

/* --token-expiring: the tokens the shop's programs are about to lose, alone and with
 * --expiring (either), with the same exit 7. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
status_emails (CliRun *run)
{
  g_autoptr(JsonNode) root = parse_json (run->out);
  JsonArray *entries = json_node_get_array (root);
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (entries); i++)
    g_ptr_array_add (emails, (gpointer) json_object_get_string_member (json_array_get_object_element (entries, i),
                                                                       "email"));
  g_ptr_array_sort (emails, compare_strings);
  g_ptr_array_add (emails, NULL);
  return g_strjoinv (" ", (char **) emails->pdata);
}

static void
test_status_token_expiring (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *emails = NULL;

  forget_all ();
  sign_in ("cashier@demo.test", "demo");
  sign_in ("int-shift@demo.test", "demo");

  /* A year left, and a token that is no JWT and has no readable expiry: none. */
  run_cli (&run, NULL, "status", "--token-expiring", "14", NULL);
  assert_success (&run);
  g_assert_nonnull (strstr (run.out, "No stored token expires within 14 days."));
  cli_run_clear (&run);

  /* Five days left: within 14 and 5, not within 4. */
  sign_in ("token-expiring@demo.test", "demo");
  run_cli (&run, NULL, "status", "--token-expiring", "14", NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "token-expiring@demo.test"));
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  cli_run_clear (&run);
  run_cli (&run, NULL, "status", "--token-expiring", "5", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  emails = status_emails (&run);
  g_assert_cmpstr (emails, ==, "token-expiring@demo.test");
  g_clear_pointer (&emails, g_free);
  cli_run_clear (&run);
  run_cli (&run, NULL, "status", "--token-expiring", "4", "--json", NULL);
  assert_success (&run);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  cli_run_clear (&run);

  /* An expired token is within any number of days. */
  sign_in ("expired-token@demo.test", "demo");
  run_cli (&run, NULL, "status", "--token-expiring", "0", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  emails = status_emails (&run);
  g_assert_cmpstr (emails, ==, "expired-token@demo.test");
  g_clear_pointer (&emails, g_free);
  cli_run_clear (&run);

  /* With --expiring: those due either way, once each. */
  sign_in ("expiring@demo.test", "demo");
  run_cli (&run, NULL, "status", "--expiring", "14", "--token-expiring", "14", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  emails = status_emails (&run);
  g_assert_cmpstr (emails, ==, "expired-token@demo.test expiring@demo.test token-expiring@demo.test");
  g_clear_pointer (&emails, g_free);
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", "--expiring", "5", "--token-expiring", "1", NULL);
  g_assert_cmpint (run.status, ==, 7);
  /* The expired token alone: 10 days are not within 5, nor 5 days within 1. */
  g_assert_true (g_str_has_prefix (run.out, "expired-token@demo.test on "));
  g_assert_cmpint (strchr (run.out, '\n') - run.out, ==, strlen (run.out) - 1);
  cli_run_clear (&run);

  /* Nothing due either way: exit 0, and says so. */
  run_cli (&run, NULL, "sign-out", "--email", "expired-token@demo.test", NULL);
  assert_success (&run);
  cli_run_clear (&run);
  run_cli (&run, NULL, "status", "--expiring", "5", "--token-expiring", "1", NULL);
  assert_success (&run);
  g_assert_nonnull (strstr (run.out, "No stored certificate or token expires within the days given."));
  cli_run_clear (&run);

  /* Bad days: exit 1, naming the option. */
  run_cli (&run, NULL, "status", "--token-expiring", "soon", NULL);
  assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--token-expiring"));
  cli_run_clear (&run);
  run_cli (&run, NULL, "status", "--expiring", "3", "--token-expiring", "-1", NULL);
  assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--token-expiring"));
}

/* The back office's five: every state at once, as a monitoring script sees it. */
static void
test_status_five (void)
{
  static const struct {
    const char *email;
    const char *full_name;
    const char *state;
    int         days_left;    /* G_MININT: unknown */
    gboolean    token_valid;
  } five[] = {
    { "cashier@demo.test", "Іваненко Марія Петрівна", "valid", 200, TRUE },
    { "expiring@demo.test", "Шевченко Олена Василівна", "expiring", 10, TRUE },
    { "expired@demo.test", "Бондаренко Ігор Миколайович", "expired", -20, TRUE },
    { "no-signature@demo.test", "Ткаченко Наталія Олександрівна", "unknown", G_MININT, TRUE },
    { "expired-token@demo.test", "Кравченко Юрій Павлович", "valid", 200, FALSE },
  };
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(CliRun) run = { 0 };
  JsonArray *entries;

  forget_all ();
  for (gsize i = 0; i < G_N_ELEMENTS (five); i++)
    sign_in (five[i].email, "demo");

  run_cli (&run, NULL, "status", "--json", NULL);
  assert_success (&run);
  root = parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (five));
  for (gsize i = 0; i < G_N_ELEMENTS (five); i++)
    {
      JsonObject *entry = find_entry (entries, five[i].email);
      JsonObject *certificate = assert_certificate_shape (entry);
      JsonNode *days_left = get_member (certificate, "days_left");

      g_assert_cmpstr (json_object_get_string_member (entry, "full_name"), ==, five[i].full_name);
      g_assert_cmpint (json_object_get_boolean_member (entry, "token_valid"), ==, five[i].token_valid);
      g_assert_cmpstr (certificate_state (certificate), ==, five[i].state);
      if (five[i].days_left == G_MININT)
        g_assert_true (JSON_NODE_HOLDS_NULL (days_left));
      else
        g_assert_cmpint (json_node_get_int (days_left), ==, five[i].days_left);
    }
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* The reminder's 14 days: the expired and the expiring one, and exit 7. */
  run_cli (&run, NULL, "status", "--expiring", "14", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  g_assert_cmpstr (certificate_state (assert_certificate_shape (find_entry (entries, "expired@demo.test"))),
                   ==, "expired");
  g_assert_cmpstr (certificate_state (assert_certificate_shape (find_entry (entries, "expiring@demo.test"))),
                   ==, "expiring");
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* For people: one line each, nothing else. */
  run_cli (&run, NULL, "status", "--expiring", "14", NULL);
  g_assert_cmpint (run.status, ==, 7);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  g_assert_null (strstr (run.out, "Bearer"));
  cli_run_clear (&run);

  /* Every known expiry is within 200 days; an unknown one never is. */
  run_cli (&run, NULL, "status", "--expiring", "200", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* Once the two are renewed (forgotten here), nothing is due: exit 0. */
  run_cli (&run, NULL, "sign-out", "--email", "expired@demo.test", NULL);
  assert_success (&run);
  cli_run_clear (&run);
  run_cli (&run, NULL, "sign-out", "--email", "expiring@demo.test", NULL);
  assert_success (&run);
  cli_run_clear (&run);
  run_cli (&run, NULL, "status", "--expiring", "14", NULL);
  assert_success (&run);
  g_assert_cmpstr (run.out, ==, "No stored certificate expires within 14 days.\n");
  cli_run_clear (&run);
  run_cli (&run, NULL, "status", "--expiring", "14", "--json", NULL);
  assert_success (&run);
  g_assert_cmpstr (run.out, ==, "[]\n");
}

/* The prompt on a terminal. */

static GSubprocess *
spawn_on_pty (TestPty *pty)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = new_launcher (FALSE);
  g_subprocess_launcher_set_child_setup (launcher, test_own_terminal, NULL, NULL);
  g_subprocess_launcher_take_stdin_fd (launcher, dup (pty->slave));
  process = g_subprocess_launcher_spawn (launcher, &error, token_program, "sign-in",
                                         "--email", "cashier@demo.test", "--json", NULL);
  g_assert_no_error (error);
  return process;
}

static void
test_prompt_without_echo (void)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_auto(CliRun) run = { 0 };
  TestPty pty;

  forget_all ();
  test_pty_open (&pty);
  g_assert_true (test_pty_echoes (&pty));
  process = spawn_on_pty (&pty);

  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_assert_false (test_pty_echoes (&pty));
  g_string_truncate (seen, 0);
  test_pty_write (&pty, "demo\n");

  test_run_finish (process, NULL, RUN_DEADLINE_SECONDS, &run);
  assert_success (&run);
  summary = parse_json (run.out);
  assert_summary_shape (summary, "cashier@demo.test");

  /* The password did not appear on the terminal, and echo is back on. */
  test_pty_read (&pty, seen, NULL);
  g_assert_null (strstr (seen->str, "demo"));
  g_assert_true (test_pty_echoes (&pty));
  test_pty_close (&pty);
}

static void
test_prompt_interrupted (void)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_auto(CliRun) run = { 0 };
  TestPty pty;

  forget_all ();
  test_pty_open (&pty);
  process = spawn_on_pty (&pty);

  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_assert_false (test_pty_echoes (&pty));
  /* Half a password, then Ctrl+C. */
  test_pty_write (&pty, "de\003");

  test_run_finish (process, NULL, RUN_DEADLINE_SECONDS, &run);
  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (test_pty_echoes (&pty));
  test_pty_close (&pty);
}

/* No Secret Service on the session bus. */

/* A signal that ends the program at the prompt (SIGTERM from `timeout`, SIGHUP when the
 * terminal goes, SIGQUIT from Ctrl+\) leaves the terminal with echo on. */
static void
test_prompt_killed (void)
{
  const int signals[] = { SIGTERM, SIGHUP, SIGQUIT };

  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autoptr(GString) seen = g_string_new (NULL);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      TestPty pty;

      test_pty_open (&pty);
      process = spawn_on_pty (&pty);
      test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
      g_assert_false (test_pty_echoes (&pty));

      g_subprocess_send_signal (process, signals[i]);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      /* Ended by the signal itself, as its sender expects, and the terminal as it was. */
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, signals[i]);
      g_assert_true (test_pty_echoes (&pty));
      test_pty_close (&pty);
    }
}

/* Ctrl+Z at the prompt: the terminal gets its echo back for as long as the program is
 * stopped; continued, the prompt comes again, without echo, and the sign-in goes on.
 * (This test's program is alone in its session, where the stop itself is discarded by
 * the kernel; what the handler does around it is what is seen.) */
static void
test_prompt_stopped (void)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_auto(CliRun) run = { 0 };
  TestPty pty;

  forget_all ();
  test_pty_open (&pty);
  process = spawn_on_pty (&pty);
  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_string_truncate (seen, 0);

  test_pty_write (&pty, "\032");
  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_assert_false (test_pty_echoes (&pty));
  test_pty_write (&pty, "demo\n");
  test_run_finish (process, NULL, RUN_DEADLINE_SECONDS, &run);
  assert_success (&run);
  g_assert_true (test_pty_echoes (&pty));
  test_pty_close (&pty);
}

static void
test_no_keyring_sign_in (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--json", NULL);
  /* Signed in: the summary is printed, only the keyring failed. */
  assert_error_line (&run, 6);
  root = parse_json (run.out);
  g_assert_false (json_object_get_boolean_member (assert_summary_shape (root,
                                                                        "cashier@demo.test"),
                                                  "stored"));
  cli_run_clear (&run);

  run_cli (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", NULL);
  assert_error_line (&run, 6);
  g_assert_nonnull (strstr (run.out, "Іваненко Марія Петрівна"));
  cli_run_clear (&run);

  /* Not asked to store: nothing failed. */
  run_cli (&run, "demo\n", "sign-in", "--email", "cashier@demo.test", "--no-store", NULL);
  assert_success (&run);
}

static void
test_no_keyring_commands (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 6);
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", NULL);
  assert_failure (&run, 6);
  cli_run_clear (&run);

  run_cli (&run, NULL, "status", "--json", NULL);
  assert_failure (&run, 6);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-out", "--all", NULL);
  assert_failure (&run, 6);
  cli_run_clear (&run);

  run_cli (&run, NULL, "sign-out", "--email", "cashier@demo.test", NULL);
  assert_failure (&run, 6);
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
      g_variant_builder_add (&attributes, "{ss}", "xdg:schema", TOKEN_SCHEMA);
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

  launcher = new_launcher (FALSE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  process = g_subprocess_launcher_spawn (launcher, &error, token_program, "status", NULL);
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
  assert_failure (&run, 6);
  g_ptr_array_unref (stand_in.held);
  g_mutex_clear (&stand_in.lock);
}

int
main (int   argc,
      char *argv[])
{
  const char *keyring;
  int status;

  test_init (&argc, &argv);
  keyring = g_getenv ("CD_TEST_SESSION_KEYRING");

  if (keyring == NULL || g_getenv ("CD_BUILD_DIR") == NULL)
    g_error ("run this test with meson test, which asks test_init() for a session");

  token_program = g_build_filename (g_getenv ("CD_BUILD_DIR"), "src", "cli", "cashdesk-token",
                                    NULL);
  demo_server = test_demo_program_start ((const char *const[]) { "--slow-delay", SLOW_DELAY_MS, NULL },
                                          &demo_url);

  if (g_str_equal (keyring, "no"))
    {
      g_test_add_func ("/cli/no-keyring/sign-in", test_no_keyring_sign_in);
      g_test_add_func ("/cli/no-keyring/commands", test_no_keyring_commands);
      g_test_add_func ("/cli/no-keyring/daemon-dies", test_no_keyring_daemon_dies);
    }
  else
    {
      g_test_add_func ("/cli/usage/unknown-option", test_usage_unknown_option);
      g_test_add_func ("/cli/usage/commands", test_usage_commands);
      g_test_add_func ("/cli/usage/help", test_usage_help);
      g_test_add_func ("/cli/usage/invalid-email", test_usage_invalid_email);
      g_test_add_func ("/cli/usage/empty-password", test_usage_empty_password);
  g_test_add_func ("/cli/usage/developer-id", test_usage_developer_id);
      g_test_add_func ("/cli/usage/insecure-url", test_usage_insecure_url);
      g_test_add_func ("/cli/server/rejected", test_rejected);
      g_test_add_func ("/cli/server/unreachable", test_unreachable);
      g_test_add_func ("/cli/server/timeout", test_timeout);
      g_test_add_func ("/cli/server/errors", test_server_errors);
      g_test_add_func ("/cli/server/interrupted", test_interrupted);
      g_test_add_func ("/cli/sign-in/json", test_sign_in_json);
      g_test_add_func ("/cli/sign-in/human", test_sign_in_human);
      g_test_add_func ("/cli/sign-in/password-from-stdin", test_sign_in_password_from_stdin);
      g_test_add_func ("/cli/sign-in/no-store", test_no_store);
      g_test_add_func ("/cli/sign-in/prompt-without-echo", test_prompt_without_echo);
      g_test_add_func ("/cli/sign-in/prompt-interrupted", test_prompt_interrupted);
      g_test_add_func ("/cli/sign-in/prompt-killed", test_prompt_killed);
      g_test_add_func ("/cli/sign-in/prompt-stopped", test_prompt_stopped);
      g_test_add_func ("/cli/get/matches-keyring", test_get_matches_keyring);
      g_test_add_func ("/cli/get/not-found", test_get_not_found);
      g_test_add_func ("/cli/sign-out", test_sign_out);
      g_test_add_func ("/cli/status/empty", test_status_empty);
      g_test_add_func ("/cli/status/lists", test_status_lists);
      g_test_add_func ("/cli/status/expiring", test_status_expiring);
      g_test_add_func ("/cli/status/token-expiring", test_status_token_expiring);
      g_test_add_func ("/cli/status/five", test_status_five);
    }

  status = g_test_run ();
  test_demo_program_stop (&demo_server);
  g_free (demo_url);
  g_free (token_program);
  return status;
}
