/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-demo-program.c: the cashdesk-demo-server program (src/demo/cashdesk-demo-server.c)
 * as the shop's own software starts it: the URL it prints first, a sign-in there over
 * http and https, the sample accounts listed when it is stopped, and its options. */
#include <signal.h>
#include <string.h>

#include "test-demo-util.h"
#include "test-process.h"
#include "test-util.h"

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, test_store_result,
                                       &result);
  test_wait_for_result (&result, DEMO_WAIT_SECONDS);
  line = g_data_input_stream_read_line_finish_utf8 (stream, result, NULL, &error);
  g_assert_no_error (error);
  return line;
}

static void
run_program (gboolean tls)
{
  g_autofree char *program = test_program_path ("src/demo/cashdesk-demo-server");
  g_autofree char *certificate_file = demo_tls_file ("localhost.pem");
  g_autofree char *key_file = demo_tls_file ("localhost.key");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autoptr(GAsyncResult) waited = NULL;
  g_autofree char *url = NULL;
  g_auto(DemoReply) reply = { 0 };
  char *line;

  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, "--slow-delay");
  g_ptr_array_add (argv, "100");
  if (tls)
    {
      g_ptr_array_add (argv, "--tls-certificate");
      g_ptr_array_add (argv, certificate_file);
      g_ptr_array_add (argv, "--tls-key");
      g_ptr_array_add (argv, key_file);
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  url = read_line (output);
  g_assert_nonnull (url);
  g_test_message ("the program serves %s", url);
  g_assert_true (g_str_has_prefix (url, tls ? "https://127.0.0.1:" : "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url, "/api/v2"));

  demo_sign_in_at (url, "slow@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);

  g_subprocess_send_signal (process, SIGTERM);
  while ((line = read_line (output)) != NULL)
    {
      g_string_append (rest, line);
      g_string_append_c (rest, '\n');
      g_free (line);
    }
  for (const CdDemoAccount *account = cd_demo_server_accounts (); account->email; account++)
    g_assert_nonnull (strstr (rest->str, account->email));

  g_subprocess_wait_async (process, NULL, test_store_result, &waited);
  g_subprocess_wait_finish (process, test_wait_for_result (&waited, DEMO_WAIT_SECONDS), &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_program (void)
{
  run_program (FALSE);
}

static void
test_program_https (void)
{
  run_program (TRUE);
}

static void
test_program_options (void)
{
  g_autofree char *program = test_program_path ("src/demo/cashdesk-demo-server");
  const struct {
    const char *option;
    const char *value;
    int         status;
  } cases[] = {
    { "--help", NULL, 0 },
    { "--port", "70000", 1 },
    { "--slow-delay", "soon", 1 },
    { "--tls-certificate", "/nonexistent.pem", 1 },
    { "--no-such-option", NULL, 1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *const argv[] = { program, cases[i].option, cases[i].value, NULL };
      g_auto(CliRun) run = { 0 };

      test_run (argv, NULL, &run);
      g_test_message ("%s: %s%s", cases[i].option, run.out, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      if (cases[i].status == 0)
        {
          g_assert_nonnull (strstr (run.out, "--slow-delay"));
          g_assert_nonnull (strstr (run.out, "--tls-certificate"));
        }
      else
        {
          g_assert_true (g_str_has_prefix (run.err, "cashdesk-demo-server: "));
          g_assert_cmpstr (run.out, ==, "");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  demo_test_init (&argc, &argv);
  g_test_add_func ("/demo/program", test_program);
  g_test_add_func ("/demo/program-https", test_program_https);
  g_test_add_func ("/demo/program-options", test_program_options);
  return demo_test_run ();
}
