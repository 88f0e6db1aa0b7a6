/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-orca.h: Debian's Orca screen reader in the test's session, speaking through a
 * silent stand-in (tests/orca/), and the keyboard a blind cashier uses: what is typed
 * reaches the window through the X server, as a person's keys do, and what Orca would
 * say is read from its log. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts Orca (in the language of LANGUAGE) and waits until it has said it is on. */
void       test_orca_start      (void);
/* Stops Orca and fails the test if it died on its own. */
void       test_orca_stop       (void);

/* Shows a window and waits until Orca knows this program: before that, it misses what
 * the program's windows do. Once, before the first window under test. */
void       test_orca_wait_for_application (void);

/* How many things Orca has said so far: a mark to read or wait from. */
guint      test_orca_mark       (void);
/* What Orca has said since @mark, one utterance a line. */
char      *test_orca_said_since (guint       mark);
/* Runs the main loop (the window answers Orca's questions there) until Orca has said
 * something containing @needle (beginning with it, after a "^") since @mark; fails the test, with all it said, after
 * 30 s. Returns the mark just after that utterance. */
guint      test_orca_wait_said  (guint       mark,
                                 const char *needle);
/* Fails the test if anything Orca said since @mark contains @needle. */
void       test_orca_assert_not_said (guint       mark,
                                      const char *needle);

/* Presses @keys (xdotool key names: "Tab", "shift+Tab", "ctrl+f", "Return"). */
void       test_orca_key        (const char *keys);
/* Types @text key by key, at a person's pace. */
void       test_orca_type       (const char *text);

G_END_DECLS
