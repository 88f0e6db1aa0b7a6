/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* launch.c: how tests/bench/run starts what it times, with no shell in the measured span.
 *
 *   launch PROBE.so PROGRAM [ARG...]
 *       execs PROGRAM with PROBE.so in LD_PRELOAD and, in BENCH_T0_NS, the CLOCK_MONOTONIC
 *       instant just before exec: "process start" for the probe's first-frame time. The
 *       probe is preloaded here rather than in the caller's environment so that it is
 *       loaded into PROGRAM only, not into this launcher.
 *
 *   launch --time FILE PROGRAM [ARG...]
 *       runs PROGRAM (standard streams inherited) and appends its wall time, fork to
 *       exit, in milliseconds to FILE; exits with PROGRAM's status. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_ns (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return (long long) now.tv_sec * 1000000000LL + now.tv_nsec;
}

static int
run_timed (const char *path,
           char      **argv)
{
  long long start = now_ns ();
  long long elapsed;
  FILE *out;
  pid_t pid;
  int status;

  pid = fork ();
  if (pid < 0)
    {
      perror ("launch: fork");
      return 2;
    }
  if (pid == 0)
    {
      execvp (argv[0], argv);
      perror ("launch: exec");
      _exit (127);
    }
  if (waitpid (pid, &status, 0) < 0)
    {
      perror ("launch: waitpid");
      return 2;
    }
  elapsed = now_ns () - start;

  out = fopen (path, "a");
  if (out == NULL || fprintf (out, "%.3f\n", elapsed / 1e6) < 0 || fclose (out) != 0)
    {
      perror ("launch: cannot write the time");
      return 2;
    }

  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

int
main (int   argc,
      char *argv[])
{
  char t0[32];

  if (argc >= 4 && strcmp (argv[1], "--time") == 0)
    return run_timed (argv[2], argv + 3);

  if (argc < 3 || argv[1][0] == '-')
    {
      fprintf (stderr, "usage: launch PROBE.so PROGRAM [ARG...]\n"
                       "       launch --time FILE PROGRAM [ARG...]\n");
      return 2;
    }

  if (setenv ("LD_PRELOAD", argv[1], 1) != 0)
    {
      perror ("launch: setenv");
      return 2;
    }
  snprintf (t0, sizeof t0, "%lld", now_ns ());
  setenv ("BENCH_T0_NS", t0, 1);

  execvp (argv[2], argv + 2);
  perror ("launch: exec");
  return 127;
}
