/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-util.c: cashdesk-token against the demo server program, and the checks of
 * docs/contract.md that every command's output meets. */
#include <string.h>
#include <unistd.h>

#include "test-cli-util.h"
#include "test-keyring.h"
#include "test-util.h"

#define SLOW_DELAY_MS "10000"

static GSubprocess *demo_server;
static char *demo_url;
static char *token_program;

void
cli_test_init (int        *argc,
               char     ***argv,
               gboolean    keyring)
{
  const char *session_keyring;

  test_init (argc, argv);
  session_keyring = g_getenv ("CD_TEST_SESSION_KEYRING");
  if (session_keyring == NULL ||
      test_keyring_is_real (session_keyring) != keyring ||
      (!keyring && !g_str_equal (session_keyring, "no")))
    g_error ("run this test with meson test, which asks test_init() for a session %s",
             keyring ? "with a Secret Service" : "without a Secret Service");

  token_program = test_program_path ("src/cli/cashdesk-token");
  demo_server = test_demo_program_start ((const char *const[]) {
                                           "--slow-delay", SLOW_DELAY_MS, NULL },
                                         &demo_url);
}

int
cli_test_run (void)
{
  int status = g_test_run ();

  test_demo_program_stop (&demo_server);
  g_clear_pointer (&demo_url, g_free);
  g_clear_pointer (&token_program, g_free);
  return status;
}

const char *
cli_program (void)
{
  return token_program;
}

const char *
cli_demo_url (void)
{
  return demo_url;
}

GSubprocessLauncher *
cli_launcher_new (gboolean with_input)
{
  GSubprocessLauncher *launcher = test_launcher_new (with_input);

  g_subprocess_launcher_setenv (launcher, "CASHDESK_API_URL", demo_url, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "CASHDESK_DEVELOPER_ID");
  return launcher;
}

void
cli_runv (CliRun            *run,
          const char        *input,
          const char *const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher_new (input != NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, token_program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  test_run_finish (process, input, CLI_RUN_SECONDS, run);
}

void
cli_run (CliRun     *run,
         const char *input,
         ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  va_list arguments;

  va_start (arguments, input);
  for (const char *arg = va_arg (arguments, const char *); arg != NULL;
       arg = va_arg (arguments, const char *))
    g_strv_builder_add (builder, arg);
  va_end (arguments);
  args = g_strv_builder_end (builder);
  cli_runv (run, input, (const char *const *) args);
}

GSubprocess *
cli_spawn_on_pty (TestPty           *pty,
                  const char        *keyring_timeout,
                  const char *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher_new (FALSE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  if (keyring_timeout != NULL)
    g_subprocess_launcher_setenv (launcher, "CASHDESK_KEYRING_TIMEOUT", keyring_timeout, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, test_own_terminal, NULL, NULL);
  g_subprocess_launcher_take_stdin_fd (launcher, dup (pty->slave));
  g_strv_builder_add (builder, token_program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  return process;
}

void
cli_assert_error_line (const CliRun *run,
                       int           status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "cashdesk-token: "));
  g_assert_cmpuint (strlen (run->err), >, strlen ("cashdesk-token: ") + 1);
  /* One line: its newline is the last character. */
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

void
cli_assert_failure (const CliRun *run,
                    int           status)
{
  cli_assert_error_line (run, status);
  g_assert_cmpstr (run->out, ==, "");
}

void
cli_assert_success (const CliRun *run)
{
  if (run->status != 0)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
}

void
cli_forget_all (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, "sign-out", "--all", NULL);
  /* Exit 3: there was nothing to forget. */
  if (run.status != 0)
    cli_assert_failure (&run, 3);
}

void
cli_sign_in (const char *email,
             const char *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_auto(CliRun) run = { 0 };

  cli_run (&run, input, "sign-in", "--email", email, "--json", NULL);
  cli_assert_success (&run);
}

JsonNode *
cli_sign_in_json (const char *email,
                  const char *password,
                  gboolean    stored)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_auto(CliRun) run = { 0 };
  JsonNode *root;
  JsonObject *summary;

  cli_run (&run, input, "sign-in", "--email", email, "--json", NULL);
  cli_assert_success (&run);
  g_assert_null (strstr (run.out, "Bearer"));

  root = cli_parse_json (run.out);
  summary = cli_assert_summary_shape (root, email);
  g_assert_cmpint (json_object_get_boolean_member (summary, "stored"), ==, stored);
  return root;
}

/* The JSON checks: every member of docs/contract.md's shape, with its type. */

JsonNode *
cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_true (strchr (text, '\n') == text + strlen (text) - 1);

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_node_copy (json_parser_get_root (parser));
}

JsonNode *
cli_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("the JSON object has no member “%s”", name);
  return node;
}

void
cli_assert_text_or_null (JsonObject *object,
                         const char *name)
{
  JsonNode *node = cli_member (object, name);

  if (!JSON_NODE_HOLDS_NULL (node))
    {
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
    }
}

void
cli_assert_text (JsonObject *object,
                 const char *name)
{
  JsonNode *node = cli_member (object, name);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
}

void
cli_assert_boolean (JsonObject *object,
                    const char *name)
{
  JsonNode *node = cli_member (object, name);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
}

void
cli_assert_matches_or_null (JsonObject *object,
                            const char *name,
                            const char *pattern)
{
  JsonNode *node = cli_member (object, name);

  cli_assert_text_or_null (object, name);
  if (!JSON_NODE_HOLDS_NULL (node))
    g_assert_true (g_regex_match_simple (pattern, json_node_get_string (node), 0, 0));
}

#define ISO_DAY "^\\d{4}-\\d\\d-\\d\\d$"

const char *
cli_certificate_state (JsonObject *certificate)
{
  return json_object_get_string_member_with_default (certificate, "state", NULL);
}

JsonObject *
cli_assert_certificate_shape (JsonObject *object)
{
  JsonNode *node = cli_member (object, "certificate");
  JsonObject *certificate;
  JsonNode *days_left;
  const char *state;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  certificate = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (certificate), ==, 5);
  cli_assert_text_or_null (certificate, "serial");
  cli_assert_text_or_null (certificate, "subject_key_id");
  cli_assert_matches_or_null (certificate, "expires_on", ISO_DAY);

  days_left = cli_member (certificate, "days_left");
  g_assert_true (JSON_NODE_HOLDS_NULL (days_left) ||
                 json_node_get_value_type (days_left) == G_TYPE_INT64);

  cli_assert_text (certificate, "state");
  state = cli_certificate_state (certificate);
  g_assert_true (g_strv_contains ((const char *const[]) {
                   "valid", "expiring", "expired", "unknown", NULL }, state));
  /* days_left and expires_on are known together, and only with a known state. */
  g_assert_cmpint (JSON_NODE_HOLDS_NULL (days_left), ==, g_str_equal (state, "unknown"));
  g_assert_cmpint (JSON_NODE_HOLDS_NULL (cli_member (certificate, "expires_on")), ==,
                   g_str_equal (state, "unknown"));
  return certificate;
}

JsonObject *
cli_assert_summary_shape (JsonNode   *root,
                          const char *email)
{
  JsonObject *summary;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  summary = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (summary), ==, 11);

  cli_assert_text (summary, "email");
  g_assert_cmpstr (json_object_get_string_member (summary, "email"), ==, email);
  cli_assert_text_or_null (summary, "full_name");
  cli_assert_text_or_null (summary, "uuid");
  cli_assert_text_or_null (summary, "edrpou");
  cli_assert_text_or_null (summary, "drfo");
  cli_assert_boolean (summary, "active_rro");
  cli_assert_text_or_null (summary, "opened_shift");
  cli_assert_matches_or_null (summary, "token_expires_at", CLI_ISO_DATETIME);
  cli_assert_matches_or_null (summary, "last_online", CLI_ISO_DATETIME);
  cli_assert_certificate_shape (summary);
  cli_assert_boolean (summary, "stored");
  return summary;
}

JsonObject *
cli_summary_certificate (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "certificate");
}
