/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-get.c: cashdesk-token get (src/cli/cd-token-get.c): the token other
 * programs read, the same as secret-tool finds in the session's keyring, and exit 3
 * when there is none to give. */
#include <string.h>

#include "test-cli-util.h"
#include "test-keyring.h"
#include "test-util.h"

static void
test_get_matches_keyring (void)
{
  g_autofree char *secret = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  g_assert_null (test_secret_tool_lookup ("cashier@demo.test"));
  summary = cli_sign_in_json ("cashier@demo.test", "demo", TRUE);

  secret = test_secret_tool_lookup ("cashier@demo.test");
  g_assert_nonnull (secret);
  g_assert_true (g_str_has_prefix (secret, "Bearer "));

  cli_run (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  cli_assert_success (&run);
  expected = g_strconcat (secret, "\n", NULL);
  g_assert_cmpstr (run.out, ==, expected);
  cli_run_clear (&run);

  /* Without --email: the most recent sign-in on the server. */
  cli_run (&run, NULL, "get", NULL);
  cli_assert_success (&run);
  g_assert_cmpstr (run.out, ==, expected);
  cli_run_clear (&run);

  /* The server's URL however it is spelled: --server wins over the environment, and a
   * trailing slash does not matter. */
  {
    g_autofree char *slashed = g_strconcat (cli_demo_url (), "/", NULL);

    cli_run (&run, NULL, "get", "--server", slashed, "--email", "cashier@demo.test", NULL);
    cli_assert_success (&run);
    g_assert_cmpstr (run.out, ==, expected);
    cli_run_clear (&run);
  }

  /* Another server has nothing stored. */
  cli_run (&run, NULL, "get", "--server", "https://test.cashdesk.com.ua/api/v2", NULL);
  cli_assert_failure (&run, 3);
}

static void
test_get_not_found (void)
{
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  cli_run (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 3);
  cli_run_clear (&run);

  cli_run (&run, NULL, "get", NULL);
  cli_assert_failure (&run, 3);
  cli_run_clear (&run);

  /* The server hands out a token that has already expired: stored, but not given out. */
  cli_sign_in ("expired-token@demo.test", "demo");
  {
    g_autofree char *token = test_secret_tool_lookup ("expired-token@demo.test");

    g_assert_nonnull (token);
  }
  cli_run (&run, NULL, "get", "--email", "expired-token@demo.test", NULL);
  cli_assert_failure (&run, 3);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, TRUE);
  g_test_add_func ("/cli/get/matches-keyring", test_get_matches_keyring);
  g_test_add_func ("/cli/get/not-found", test_get_not_found);
  return cli_test_run ();
}
