/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-util.h: what the tests of cashdesk-token share (tests/test-cli-*.c): the
 * program run as other programs run it, against the cashdesk-demo-server program, and
 * the checks of docs/contract.md that every command's output meets (exit codes, one-line
 * errors, the JSON shapes). */
#pragma once

#include <json-glib/json-glib.h>

#include "test-process.h"
#include "test-pty.h"

G_BEGIN_DECLS

/* Longer than any run may take when it works: a run that hangs fails the test. */
#define CLI_RUN_SECONDS 30

#define CLI_ISO_DATETIME "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$"

/* Instead of test_init() in a test of cashdesk-token: the session tests/meson.build asks
 * for, with a Secret Service when @keyring and with none otherwise (the test fails in
 * any other), and the cashdesk-demo-server program, whose slow@demo.test answers only
 * after 10 s: only a working --timeout or Ctrl+C ends that sign-in early. */
void                 cli_test_init         (int           *argc,
                                            char        ***argv,
                                            gboolean       keyring);
/* g_test_run(), then stops the demo server. */
int                  cli_test_run          (void);

/* The cashdesk-token of the build, and the demo server's base URL. */
const char          *cli_program           (void);
const char          *cli_demo_url          (void);

/* A launcher (test_launcher_new()) for cashdesk-token, with CASHDESK_API_URL pointing at
 * the demo server and no developer id from the test's environment. */
GSubprocessLauncher *cli_launcher_new      (gboolean       with_input);

/* Runs cashdesk-token with the arguments after @input, @input on its standard input
 * (NULL: none at all), for CLI_RUN_SECONDS at most. */
G_GNUC_NULL_TERMINATED
void                 cli_run               (CliRun        *run,
                                            const char    *input,
                                            ...);
/* The same with the arguments in @args, NULL-terminated. */
void                 cli_runv              (CliRun             *run,
                                            const char         *input,
                                            const char *const  *args);

/* Starts cashdesk-token with @args on @pty's terminal, as a person at a console does;
 * with @keyring_timeout (not NULL) for CASHDESK_KEYRING_TIMEOUT. */
GSubprocess         *cli_spawn_on_pty      (TestPty            *pty,
                                            const char         *keyring_timeout,
                                            const char *const  *args);

/* The contract for errors: exit @status and one line, `cashdesk-token: MESSAGE`. */
void                 cli_assert_error_line (const CliRun  *run,
                                            int            status);
/* The same, and nothing on standard output. */
void                 cli_assert_failure    (const CliRun  *run,
                                            int            status);
/* Exit 0 and nothing on standard error. */
void                 cli_assert_success    (const CliRun  *run);

/* Forgets every sign-in, so that a test starts from an empty keyring. */
void                 cli_forget_all        (void);
/* Signs in and stores the token; it must succeed. */
void                 cli_sign_in           (const char    *email,
                                            const char    *password);
/* Signs in with --json and checks the shape and "stored"; returns the summary. */
JsonNode            *cli_sign_in_json      (const char    *email,
                                            const char    *password,
                                            gboolean       stored);

/* The JSON of --json: exactly one value, on one line. */
JsonNode            *cli_parse_json        (const char    *text);
/* A member that must be there: the test fails without it. */
JsonNode            *cli_member            (JsonObject    *object,
                                            const char    *name);
void                 cli_assert_text       (JsonObject    *object,
                                            const char    *name);
void                 cli_assert_text_or_null (JsonObject  *object,
                                            const char    *name);
void                 cli_assert_boolean    (JsonObject    *object,
                                            const char    *name);
/* A text that matches @pattern, or null. */
void                 cli_assert_matches_or_null (JsonObject *object,
                                            const char    *name,
                                            const char    *pattern);

/* The "certificate" block of @object, the same in sign-in and status; returns it. */
JsonObject          *cli_assert_certificate_shape (JsonObject *object);
/* sign-in --json: the whole shape of docs/contract.md, for @email; returns the object. */
JsonObject          *cli_assert_summary_shape     (JsonNode   *root,
                                                   const char *email);
const char          *cli_certificate_state        (JsonObject *certificate);
/* The "certificate" block of a sign-in summary. */
JsonObject          *cli_summary_certificate      (JsonNode   *root);

G_END_DECLS
