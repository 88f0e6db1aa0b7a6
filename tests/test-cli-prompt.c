/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-prompt.c: cashdesk-token sign-in's password prompt on a terminal
 * (src/cli/cd-token-password.c), a pty of the test's own: no echo while the password is
 * typed, and the terminal as it was however the prompt ends (Ctrl+C, a signal, Ctrl+Z). */
#include <signal.h>
#include <string.h>

#include "test-cli-util.h"
#include "test-pty.h"
#include "test-util.h"

/* A sign-in at the terminal of @pty. */
static GSubprocess *
spawn_on_pty (TestPty *pty)
{
  return cli_spawn_on_pty (pty, NULL, (const char *const[]) {
                             "sign-in", "--email", "cashier@demo.test", "--json", NULL });
}

static void
test_prompt_without_echo (void)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_auto(CliRun) run = { 0 };
  TestPty pty;

  cli_forget_all ();
  test_pty_open (&pty);
  g_assert_true (test_pty_echoes (&pty));
  process = spawn_on_pty (&pty);

  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_assert_false (test_pty_echoes (&pty));
  g_string_truncate (seen, 0);
  test_pty_write (&pty, "demo\n");

  test_run_finish (process, NULL, CLI_RUN_SECONDS, &run);
  cli_assert_success (&run);
  summary = cli_parse_json (run.out);
  cli_assert_summary_shape (summary, "cashier@demo.test");

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

  cli_forget_all ();
  test_pty_open (&pty);
  process = spawn_on_pty (&pty);

  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_assert_false (test_pty_echoes (&pty));
  /* Half a password, then Ctrl+C. */
  test_pty_write (&pty, "de\003");

  test_run_finish (process, NULL, CLI_RUN_SECONDS, &run);
  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (test_pty_echoes (&pty));
  test_pty_close (&pty);
}

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

  cli_forget_all ();
  test_pty_open (&pty);
  process = spawn_on_pty (&pty);
  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_string_truncate (seen, 0);

  test_pty_write (&pty, "\032");
  test_pty_read (&pty, seen, "Password for cashier@demo.test: ");
  g_assert_false (test_pty_echoes (&pty));
  test_pty_write (&pty, "demo\n");
  test_run_finish (process, NULL, CLI_RUN_SECONDS, &run);
  cli_assert_success (&run);
  g_assert_true (test_pty_echoes (&pty));
  test_pty_close (&pty);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, TRUE);
  g_test_add_func ("/cli/prompt/without-echo", test_prompt_without_echo);
  g_test_add_func ("/cli/prompt/interrupted", test_prompt_interrupted);
  g_test_add_func ("/cli/prompt/killed", test_prompt_killed);
  g_test_add_func ("/cli/prompt/stopped", test_prompt_stopped);
  return cli_test_run ();
}
