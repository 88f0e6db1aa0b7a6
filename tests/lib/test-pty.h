/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-pty.h: a terminal for a program under test (cashdesk-token's prompts). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int master;
  int slave;
} TestPty;

/* A GSubprocessChildSetupFunc: gives the child the pty on its standard input as its
 * controlling terminal, so that /dev/tty is that pty, and has it die with the test. */
void     test_own_terminal (gpointer    user_data);

void     test_pty_open     (TestPty    *pty);
void     test_pty_close    (TestPty    *pty);
/* Reads what the program wrote to its terminal into @seen until @needle shows up (NULL:
 * until nothing more comes for a moment); fails the test after 30 s. */
void     test_pty_read     (TestPty    *pty,
                            GString    *seen,
                            const char *needle);
/* Types @text, as a person would. */
void     test_pty_write    (TestPty    *pty,
                            const char *text);
gboolean test_pty_echoes   (TestPty    *pty);

G_END_DECLS
