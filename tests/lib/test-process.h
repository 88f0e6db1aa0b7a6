/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-process.h: running programs as other processes, as the shop's programs would:
 * cashdesk-token, the demo server program, secret-tool. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A finished run of a program: its exit status and what it printed. */
typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

void                 cli_run_clear        (CliRun             *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* A GSubprocessChildSetupFunc: the child must not outlive a test that aborted. */
void                 test_die_with_test   (gpointer            user_data);

/* A launcher with standard output and error piped, and standard input piped only
 * @with_input (otherwise it is /dev/null, so a program that reads none cannot be
 * written into once it has exited). Its children die with the test. */
GSubprocessLauncher *test_launcher_new    (gboolean            with_input);

/* Writes @input (NULL: nothing) to @process, collects what it prints, and waits for it to
 * exit, for @seconds at most. A program that exits without reading all of @input is not
 * an error. Fails the test if the program was killed by a signal: a CRITICAL (fatal in
 * the tests) or a crash shows up as one. */
void                 test_run_finish      (GSubprocess        *process,
                                           const char         *input,
                                           guint               seconds,
                                           CliRun             *run);

/* A program of this build by its path under the build's top folder, e.g.
 * "src/cli/cashdesk-token": the tests are in its tests/ folder (G_TEST_BUILDDIR). */
char                *test_program_path    (const char         *path);

/* Runs @argv (searched in PATH) with @input, in the test's environment. */
void                 test_run             (const char *const  *argv,
                                           const char         *input,
                                           CliRun             *run);

G_END_DECLS

G_BEGIN_DECLS

/* The cashdesk-demo-server program of the build, started with @args (NULL-terminated,
 * may be NULL); its base URL, the first line it prints, in @url. */
GSubprocess         *test_demo_program_start (const char *const *args,
                                              char              **url);
/* Stops it with SIGTERM, as a person would, and checks that it exited cleanly. */
void                 test_demo_program_stop  (GSubprocess       **program);

G_END_DECLS
