/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-process.c: running programs as other processes. */
#include <sys/prctl.h>
#include <signal.h>
#include <string.h>

#include "test-process.h"
#include "test-util.h"

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
test_die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocessLauncher *
test_launcher_new (gboolean with_input)
{
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  GSubprocessLauncher *launcher;

  if (with_input)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_child_setup (launcher, test_die_with_test, NULL, NULL);
  return launcher;
}

typedef struct {
  guint              pending;
  GError            *error;
  GMemoryOutputStream *out;
  GMemoryOutputStream *err;
} Collect;

static void
collect_done (Collect *collect,
              GError  *error)
{
  if (error != NULL && collect->error == NULL)
    collect->error = error;
  else
    g_clear_error (&error);
  collect->pending--;
}

static void
input_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError *error = NULL;

  /* The program may exit, or close its standard input, before reading it all. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    g_clear_error (&error);
  if (error == NULL)
    g_output_stream_close (G_OUTPUT_STREAM (source), NULL, NULL);
  collect_done (user_data, error);
}

static void
output_spliced (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError *error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  collect_done (user_data, error);
}

static void
process_exited (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError *error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error);
  collect_done (user_data, error);
}

static char *
collected_text (GMemoryOutputStream *stream,
                const char          *what)
{
  /* Closing the stream added nothing; the NUL makes the data a string. */
  gsize size = g_memory_output_stream_get_data_size (stream);
  char *text = g_malloc0 (size + 1);

  /* A stream that got nothing has no buffer at all (NULL), which memcpy may not take. */
  if (size > 0)
    memcpy (text, g_memory_output_stream_get_data (stream), size);
  if (!g_utf8_validate (text, size, NULL))
    g_error ("the program wrote bytes that are not UTF-8 on its %s", what);
  return text;
}

void
test_run_finish (GSubprocess *process,
                 const char  *input,
                 guint        seconds,
                 CliRun      *run)
{
  GOutputStream *stdin_pipe = g_subprocess_get_stdin_pipe (process);
  Collect collect = { 0 };

  collect.out = G_MEMORY_OUTPUT_STREAM (g_memory_output_stream_new_resizable ());
  collect.err = G_MEMORY_OUTPUT_STREAM (g_memory_output_stream_new_resizable ());

  g_assert_true (input == NULL || stdin_pipe != NULL);
  if (stdin_pipe != NULL)
    {
      collect.pending++;
      g_output_stream_write_all_async (stdin_pipe, input != NULL ? input : "",
                                       input != NULL ? strlen (input) : 0,
                                       G_PRIORITY_DEFAULT, NULL, input_written, &collect);
    }
  collect.pending += 3;
  g_output_stream_splice_async (G_OUTPUT_STREAM (collect.out),
                                g_subprocess_get_stdout_pipe (process),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, output_spliced, &collect);
  g_output_stream_splice_async (G_OUTPUT_STREAM (collect.err),
                                g_subprocess_get_stderr_pipe (process),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, output_spliced, &collect);
  g_subprocess_wait_async (process, NULL, process_exited, &collect);

  TEST_WAIT_UNTIL (collect.pending == 0, seconds);
  g_assert_no_error (collect.error);

  run->out = collected_text (collect.out, "standard output");
  run->err = collected_text (collect.err, "standard error");
  g_object_unref (collect.out);
  g_object_unref (collect.err);

  if (!g_subprocess_get_if_exited (process))
    g_error ("the program was killed by signal %d; it wrote: %s%s",
             g_subprocess_get_term_sig (process), run->out, run->err);
  run->status = g_subprocess_get_exit_status (process);
}

char *
test_program_path (const char *path)
{
  return g_test_build_filename (G_TEST_BUILT, "..", path, NULL);
}

void
test_run (const char *const *argv,
          const char        *input,
          CliRun            *run)
{
  g_autoptr(GSubprocessLauncher) launcher = test_launcher_new (input != NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  test_run_finish (process, input, 30, run);
}

GSubprocess *
test_demo_program_start (const char *const  *args,
                         char              **url)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = test_program_path ("src/demo/cashdesk-demo-server");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *program;

  g_strv_builder_add (builder, path);
  if (args != NULL)
    g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  g_subprocess_launcher_set_child_setup (launcher, test_die_with_test, NULL, NULL);
  program = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (program));
  *url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*url);
  g_assert_true (g_str_has_prefix (*url, "http"));
  return program;
}

void
test_demo_program_stop (GSubprocess **program)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (*program, SIGTERM);
  g_subprocess_wait (*program, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (*program));
  g_clear_object (program);
}
