/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-util.h: what every test shares: start-up (the session a test asked for), waiting
 * on the main loop for a condition with a deadline, async results, and sample tokens. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Instead of g_test_init(): ignores SIGPIPE (a child that exits before reading all its
 * input must fail an assertion, not kill the test) and, when the environment asks for it
 * (CD_TEST_SESSION, set in tests/meson.build), starts the test's own desktop session
 * with build-aux/test-session before anything looks at the environment. The session
 * lives as long as this process: meson's --gdb and --wrapper reach the test itself. */
void          test_init             (int           *argc,
                                     char        ***argv);

/* One main-loop iteration of a wait; fails the test once @deadline (monotonic) is past,
 * naming @what: a test must never hang. */
void          test_wait_iterate     (gint64         deadline,
                                     const char    *what);

/* Runs the main loop until @expr holds, for @seconds at most. */
#define TEST_WAIT_UNTIL(expr, seconds)                                                    \
  G_STMT_START {                                                                          \
    gint64 test_deadline_ = g_get_monotonic_time () + (seconds) * G_TIME_SPAN_SECOND;     \
    while (!(expr))                                                                       \
      test_wait_iterate (test_deadline_, #expr);                                          \
  } G_STMT_END

/* Runs the main loop until the wall clock has passed into the next whole second. */
void          test_wait_next_second (void);

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult ** of @user_data. */
void          test_store_result     (GObject       *source,
                                     GAsyncResult  *result,
                                     gpointer       user_data);

/* Waits for test_store_result() to fill @slot and returns what it holds. */
GAsyncResult *test_wait_for_result  (GAsyncResult **slot,
                                     guint          seconds);

/* A JWT ("Bearer h.p.s") whose exp is @exp (UNIX seconds). */
char         *test_make_jwt         (gint64         exp);

G_END_DECLS
