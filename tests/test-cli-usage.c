/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-usage.c: cashdesk-token's command line (src/cli/main.c and each command's
 * options): --help, and exit 1 with one line for usage and bad input, before any
 * password is read or any server asked. */
#include <string.h>

#include "test-cli-util.h"
#include "test-util.h"

static void
test_usage_unknown_option (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--frobnicate", NULL);
  cli_assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--frobnicate"));
  cli_run_clear (&run);

  cli_run (&run, NULL, "--frobnicate", NULL);
  cli_assert_failure (&run, 1);
}

static void
test_usage_commands (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-up", NULL);
  cli_assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "sign-up"));
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-in", "--email", "cashier@demo.test", "extra", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  /* The password never comes from the command line. */
  cli_run (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--password", "demo", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-in", NULL);
  cli_assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--email"));
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--timeout", "0", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-in", "--email", "cashier@demo.test", "--timeout", "soon",
           NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", "--expiring", "-1", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-out", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-out", "--all", "--email", "cashier@demo.test", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "get", "--email", "not an email", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "get", "--server", "ftp://127.0.0.1/api/v2", NULL);
  cli_assert_failure (&run, 1);
}

static void
test_usage_help (void)
{
  const char *commands[] = { "sign-in", "get", "status", "sign-out" };
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, "--help", NULL);
  cli_assert_success (&run);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (run.out, commands[i]));
  cli_run_clear (&run);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("cashdesk-token %s", commands[i]);

      cli_run (&run, NULL, commands[i], "--help", NULL);
      cli_assert_success (&run);
      g_assert_nonnull (strstr (run.out, usage));
      cli_run_clear (&run);
    }

  cli_run (&run, NULL, "sign-in", "--help", NULL);
  cli_assert_success (&run);
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

      cli_run (&run, NULL, "sign-in", "--email", emails[i], NULL);
      cli_assert_failure (&run, 1);
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

      cli_run (&run, "demo\n", "sign-in", "--email", "cashier@demo.test",
               "--developer-id", ids[i], NULL);
      cli_assert_failure (&run, 1);
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

      cli_run (&run, inputs[i], "sign-in", "--email", "cashier@demo.test", NULL);
      cli_assert_failure (&run, 1);
    }
}

static void
test_usage_insecure_url (void)
{
  g_auto(CliRun) run = { 0 };

  cli_run (&run, NULL, "sign-in", "--email", "cashier@demo.test",
           "--server", "http://example.com/api/v2", NULL);
  cli_assert_failure (&run, 1);
  cli_run_clear (&run);

  cli_run (&run, NULL, "sign-in", "--email", "cashier@demo.test",
           "--server", "not a url", NULL);
  cli_assert_failure (&run, 1);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, TRUE);
  g_test_add_func ("/cli/usage/unknown-option", test_usage_unknown_option);
  g_test_add_func ("/cli/usage/commands", test_usage_commands);
  g_test_add_func ("/cli/usage/help", test_usage_help);
  g_test_add_func ("/cli/usage/invalid-email", test_usage_invalid_email);
  g_test_add_func ("/cli/usage/empty-password", test_usage_empty_password);
  g_test_add_func ("/cli/usage/developer-id", test_usage_developer_id);
  g_test_add_func ("/cli/usage/insecure-url", test_usage_insecure_url);
  return cli_test_run ();
}
