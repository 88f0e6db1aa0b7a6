/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-util.c: start-up, waiting with a deadline, async results, sample tokens. */
#include <signal.h>
#include <string.h>

#include "test-util.h"

/* Kept open for the life of the test: when this process ends, however it ends, the
 * session script reads end-of-file on its standard input and takes the session down. */
static GSubprocess *session;

static void
test_session_start (const char *request)
{
  /* Before g_test_init(), so not g_test_build_filename(): G_TEST_SRCDIR itself. */
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "build-aux",
                                              "test-session", NULL);
  g_auto(GStrv) options = g_strsplit (request, ",", -1);
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  if (g_getenv ("G_TEST_SRCDIR") == NULL)
    g_error ("run this test with meson test, which sets G_TEST_SRCDIR");
  g_strv_builder_add_many (argv, script, "--serve", NULL);
  for (guint i = 0; options[i] != NULL; i++)
    if (*options[i] != '\0' && g_strcmp0 (options[i], "keyring") != 0)
      {
        g_autofree char *option = g_strconcat ("--", options[i], NULL);

        g_strv_builder_add (argv, option);
      }
  args = g_strv_builder_end (argv);

  session = g_subprocess_newv ((const char *const *) args,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);

  /* A desktop's variables that would lead outside the session. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_unsetenv ("GNOME_KEYRING_CONTROL");
  g_unsetenv ("SSH_AUTH_SOCK");

  /* NAME=VALUE lines, then READY; the script gives up on its own deadlines. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (session));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL
         && strcmp (line, "READY") != 0)
    {
      char *equals = strchr (line, '=');

      g_assert_nonnull (equals);
      *equals = '\0';
      g_setenv (line, equals + 1, TRUE);
      g_free (line);
    }
  g_assert_no_error (error);
  if (line == NULL)
    g_error ("build-aux/test-session could not start the session (its errors are above)");
  g_free (line);
}

void
test_init (int    *argc,
           char ***argv)
{
  const char *request = g_getenv ("CD_TEST_SESSION");

  signal (SIGPIPE, SIG_IGN);
  if (request != NULL && g_getenv ("CD_TEST_SESSION_DIR") == NULL)
    test_session_start (request);
  g_test_init (argc, argv, NULL);
}

static gboolean
test_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
test_wait_iterate (gint64      deadline,
                   const char *what)
{
  /* Wakes the loop now and then, so that the deadline is seen while nothing happens. */
  guint wake = g_timeout_add (20, test_wake, NULL);

  if (g_get_monotonic_time () > deadline)
    g_error ("timed out waiting for %s", what);
  g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

void
test_wait_next_second (void)
{
  gint64 second = g_get_real_time () / G_USEC_PER_SEC;

  TEST_WAIT_UNTIL (g_get_real_time () / G_USEC_PER_SEC > second, 2);
}

void
test_store_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
test_wait_for_result (GAsyncResult **slot,
                      guint          seconds)
{
  TEST_WAIT_UNTIL (*slot != NULL, seconds);
  return *slot;
}

char *
test_make_jwt (gint64 exp)
{
  g_autofree char *payload = g_strdup_printf ("{\"sub\":\"test\",\"exp\":%" G_GINT64_FORMAT "}", exp);
  g_autofree char *p = g_base64_encode ((const guchar *) payload, strlen (payload));
  g_autofree char *h = g_base64_encode ((const guchar *) "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", 27);

  g_strdelimit (p, "+", '-');
  g_strdelimit (p, "/", '_');
  g_strdelimit (p, "=", '\0');
  g_strdelimit (h, "=", '\0');
  return g_strdup_printf ("Bearer %s.%s.c2lnbmF0dXJl", h, p);
}
