/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-pty.c: a terminal for a program under test, as a person at a console gives it:
 * what it writes there, what is typed, and whether it echoes. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <signal.h>

#include "test-pty.h"

#define PTY_DEADLINE_SECONDS 30

/* Gives the child the pty on its standard input as its controlling terminal, so that
 * /dev/tty is that pty. */
void
test_own_terminal (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  setsid ();
  ioctl (STDIN_FILENO, TIOCSCTTY, 0);
}

void
test_pty_open (TestPty *pty)
{
  pty->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (pty->master, >=, 0);
  g_assert_cmpint (grantpt (pty->master), ==, 0);
  g_assert_cmpint (unlockpt (pty->master), ==, 0);
  pty->slave = open (ptsname (pty->master), O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (pty->slave, >=, 0);
  g_assert_cmpint (fcntl (pty->master, F_SETFL, O_NONBLOCK), ==, 0);
}

void
test_pty_close (TestPty *pty)
{
  close (pty->master);
  close (pty->slave);
}

/* Reads what the program wrote to its terminal until @needle shows up (NULL: until
 * nothing more comes for a moment). */
void
test_pty_read (TestPty    *pty,
          GString    *seen,
          const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + PTY_DEADLINE_SECONDS * G_TIME_SPAN_SECOND;

  while (needle == NULL || strstr (seen->str, needle) == NULL)
    {
      struct pollfd poll_fd = { .fd = pty->master, .events = POLLIN };
      char buffer[256];
      gssize count;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (poll (&poll_fd, 1, needle != NULL ? 100 : 300) == 0)
        {
          if (needle == NULL)
            return;
          continue;
        }
      count = read (pty->master, buffer, sizeof buffer);
      if (count < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      g_assert_cmpint (count, >, 0);
      g_string_append_len (seen, buffer, count);
    }
}

void
test_pty_write (TestPty    *pty,
           const char *text)
{
  g_assert_cmpint (write (pty->master, text, strlen (text)), ==, (gssize) strlen (text));
}

gboolean
test_pty_echoes (TestPty *pty)
{
  struct termios attributes;

  g_assert_cmpint (tcgetattr (pty->slave, &attributes), ==, 0);
  return (attributes.c_lflag & ECHO) != 0;
}

