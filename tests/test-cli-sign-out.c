/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-sign-out.c: cashdesk-token sign-out (src/cli/cd-token-sign-out.c): one
 * account's token or all of them gone from the session's keyring, and exit 3 when
 * there is nothing to forget. */
#include "test-cli-util.h"
#include "test-keyring.h"
#include "test-util.h"

static void
test_sign_out (void)
{
  g_autofree char *other = NULL;
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  cli_sign_in ("cashier@demo.test", "demo");
  cli_sign_in ("no-shift@demo.test", "demo");
  {
    g_autofree char *token = test_secret_tool_lookup ("cashier@demo.test");

    g_assert_nonnull (token);
  }

  cli_run (&run, NULL, "sign-out", "--email", "cashier@demo.test", NULL);
  cli_assert_success (&run);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_null (test_secret_tool_lookup ("cashier@demo.test"));
  cli_run_clear (&run);

  /* The other account stays. */
  other = test_secret_tool_lookup ("no-shift@demo.test");
  g_assert_nonnull (other);

  /* Nothing left to forget for that account. */
  cli_run (&run, NULL, "sign-out", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 3);
  cli_run_clear (&run);
  cli_run (&run, NULL, "get", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 3);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-out", "--all", NULL);
  cli_assert_success (&run);
  g_assert_null (test_secret_tool_lookup ("no-shift@demo.test"));
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-out", "--all", NULL);
  cli_assert_failure (&run, 3);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, TRUE);
  g_test_add_func ("/cli/sign-out", test_sign_out);
  return cli_test_run ();
}
