/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-keyring.c: cashdesk-token and a keyring that asks, as other programs run it,
 * in a session with a display (build-aux/test-session --display), where the keyring's
 * unlock prompt really opens (GNOME Keyring's gcr-prompter, KeePassXC's own dialog)
 * and nobody answers it. docs/contract.md says what a command may wait for:
 *  - with no terminal (a POS program, a timer), no prompt is asked for: a locked
 *    keyring is exit 6 at once;
 *  - at a terminal, the prompt is asked for, and waited for CASHDESK_KEYRING_TIMEOUT
 *    seconds at most; Ctrl+C ends the wait at once, and so does the keyring quitting. */
#include <signal.h>
#include <string.h>

#include "test-cli-util.h"
#include "test-keyring.h"
#include "test-pty.h"
#include "test-util.h"

#define PROMPT_TIMEOUT "3"

/* The contract's error line, saying @message. */
static void
assert_error (const CliRun *run,
              int           status,
              const char   *message)
{
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
  cli_assert_error_line (run, status);
  g_assert_nonnull (strstr (run->err, message));
}

/* A locked keyring, and no terminal: no prompt, exit 6 at once, for every command. A
 * store that hides a locked collection's items (KeePassXC) must not read as empty. */
static void
test_locked_no_terminal (void)
{
  const char *const get[] = { "get", NULL };
  const char *const get_email[] = { "get", "--email", "cashier@demo.test", NULL };
  const char *const status[] = { "status", NULL };
  const char *const status_json[] = { "status", "--json", NULL };
  const char *const sign_out[] = { "sign-out", "--all", NULL };
  const char *const sign_in_json[] = { "sign-in", "--email", "no-shift@demo.test", "--json", NULL };
  const char *const *commands[] = { get, get_email, status, status_json, sign_out };
  g_auto(GStrv) prompts = NULL;
  g_autofree char *token = NULL;
  g_auto(CliRun) signed_in = { 0 };

  cli_sign_in ("cashier@demo.test", "demo");
  token = test_secret_tool_lookup ("cashier@demo.test");
  g_assert_nonnull (token);
  test_keyring_set_locked (TRUE);
  prompts = test_keyring_prompts ();

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CliRun) run = { 0 };

      cli_runv (&run, NULL, commands[i]);
      assert_error (&run, 6, "The keyring is locked.");
      g_assert_cmpstr (run.out, ==, "");
    }
  /* Signed in all the same, and says it was not stored. */
  cli_runv (&signed_in, "demo\n", sign_in_json);
  assert_error (&signed_in, 6, "The keyring is locked.");
  g_assert_nonnull (strstr (signed_in.out, "\"stored\":false"));

  /* Nothing asked for a prompt. */
  g_assert_false (test_keyring_prompt_opened ((const char *const *) prompts));

  test_keyring_set_locked (FALSE);
  g_free (token);
  token = test_secret_tool_lookup ("cashier@demo.test");
  g_assert_nonnull (token);
  g_assert_null (test_secret_tool_lookup ("no-shift@demo.test"));
}

/* At a terminal the unlock prompt opens; nobody answers it; the command gives up after
 * CASHDESK_KEYRING_TIMEOUT seconds, naming the prompt. */
static void
test_prompt_unanswered (void)
{
  const char *const args[] = { "get", "--email", "cashier@demo.test", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) prompts = NULL;
  g_auto(CliRun) run = { 0 };
  TestPty pty;

  cli_sign_in ("cashier@demo.test", "demo");
  test_keyring_set_locked (TRUE);
  prompts = test_keyring_prompts ();
  test_pty_open (&pty);
  process = cli_spawn_on_pty (&pty, PROMPT_TIMEOUT, args);
  TEST_WAIT_UNTIL (test_keyring_prompt_opened ((const char *const *) prompts), CLI_RUN_SECONDS);
  test_run_finish (process, NULL, CLI_RUN_SECONDS, &run);
  test_pty_close (&pty);

  assert_error (&run, 6, "Nobody answered the keyring's prompt within " PROMPT_TIMEOUT " seconds.");
  g_assert_cmpstr (run.out, ==, "");
  test_keyring_set_locked (FALSE);
}

/* Ctrl+C while the prompt is open ends the command at once (exit 130), long before its
 * time is up. */
static void
test_prompt_interrupted (void)
{
  const char *const args[] = { "status", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) prompts = NULL;
  g_auto(CliRun) run = { 0 };
  TestPty pty;

  cli_sign_in ("cashier@demo.test", "demo");
  test_keyring_set_locked (TRUE);
  prompts = test_keyring_prompts ();
  test_pty_open (&pty);
  process = cli_spawn_on_pty (&pty, "600", args);
  TEST_WAIT_UNTIL (test_keyring_prompt_opened ((const char *const *) prompts), CLI_RUN_SECONDS);
  g_subprocess_send_signal (process, SIGINT);
  test_run_finish (process, NULL, CLI_RUN_SECONDS, &run);
  test_pty_close (&pty);

  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.out, ==, "");
  test_keyring_set_locked (FALSE);
}

/* KeePassXC as it comes, asking before it hands a secret to a program or deletes an
 * item: from a program with no terminal, what another program stored is "locked" (no
 * dialog may be shown); a sign-in is still stored, the older item left for readers to
 * pass over; at a terminal, the access dialog opens, and nobody answers it. */
static void
test_confirm_access (void)
{
  const char *const get[] = { "get", "--email", "cashier@demo.test", NULL };
  const char *const status[] = { "status", NULL };
  const char *const sign_in_json[] = { "sign-in", "--email", "cashier@demo.test", "--json", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) prompts = NULL;
  g_auto(CliRun) got = { 0 };
  g_auto(CliRun) listed = { 0 };
  g_auto(CliRun) again = { 0 };
  g_auto(CliRun) asked = { 0 };
  TestPty pty;

  cli_sign_in ("cashier@demo.test", "demo");
  prompts = test_keyring_prompts ();
  cli_runv (&got, NULL, get);
  assert_error (&got, 6, "The keyring is locked.");
  cli_runv (&listed, NULL, status);
  assert_error (&listed, 6, "The keyring is locked.");
  g_assert_false (test_keyring_prompt_opened ((const char *const *) prompts));

  cli_runv (&again, "demo\n", sign_in_json);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "\"stored\":true"));

  /* That sign-in's tidying up asked KeePassXC to delete the older item, whose dialog
   * it did not wait for. */
  g_strfreev (prompts);
  prompts = test_keyring_prompts ();
  test_pty_open (&pty);
  process = cli_spawn_on_pty (&pty, PROMPT_TIMEOUT, get);
  TEST_WAIT_UNTIL (test_keyring_prompt_opened ((const char *const *) prompts), CLI_RUN_SECONDS);
  test_run_finish (process, NULL, CLI_RUN_SECONDS, &asked);
  test_pty_close (&pty);
  assert_error (&asked, 6, "Nobody answered the keyring's prompt within " PROMPT_TIMEOUT " seconds.");
}

/* The keyring quits while its prompt is open (libsecret alone would wait for the
 * prompt's answer forever): the command ends at once, exit 6. Last: the keyring is
 * gone after it. */
static void
test_prompt_service_quits (void)
{
  const char *const args[] = { "sign-out", "--all", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) prompts = NULL;
  g_auto(CliRun) run = { 0 };
  gboolean killed = FALSE;
  TestPty pty;

  cli_sign_in ("cashier@demo.test", "demo");
  test_keyring_set_locked (TRUE);
  prompts = test_keyring_prompts ();
  test_pty_open (&pty);
  process = cli_spawn_on_pty (&pty, "600", args);
  TEST_WAIT_UNTIL (test_keyring_prompt_opened ((const char *const *) prompts), CLI_RUN_SECONDS);
  test_kill_keyring (&killed);
  test_run_finish (process, NULL, CLI_RUN_SECONDS, &run);
  test_pty_close (&pty);

  g_assert_true (killed);
  assert_error (&run, 6, "quit before it was done");
  g_assert_cmpstr (run.out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, TRUE);
  if (g_getenv ("DISPLAY") == NULL)
    g_error ("run this test with meson test, which asks test_init() for a session with a "
             "display");
  /* Every run gives up on a prompt nobody answers after PROMPT_TIMEOUT seconds, unless
   * cli_spawn_on_pty() is told otherwise: the runs inherit the test's environment. */
  g_setenv ("CASHDESK_KEYRING_TIMEOUT", PROMPT_TIMEOUT, TRUE);

  /* KeePassXC as it comes (test-session --keepassxc-confirm) asks before any access,
   * which is what its case is about; the others lock the keyring to make it ask. */
  if (g_strcmp0 (g_getenv ("CD_TEST_KEEPASSXC_CONFIRM"), "confirm") == 0)
    {
      g_test_add_func ("/cli-keyring/confirm-access", test_confirm_access);
    }
  else
    {
      g_test_add_func ("/cli-keyring/locked/no-terminal", test_locked_no_terminal);
      g_test_add_func ("/cli-keyring/prompt/unanswered", test_prompt_unanswered);
      g_test_add_func ("/cli-keyring/prompt/interrupted", test_prompt_interrupted);
      g_test_add_func ("/cli-keyring/prompt/service-quits", test_prompt_service_quits);
    }
  return cli_test_run ();
}
