/* test-subprocess.h: what the tests that run programs as other processes share. */
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <glib.h>

/* A finished run of a program: its exit status and what it printed. */
typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

static inline void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* A child must not outlive a test that aborted (a GSpawnChildSetupFunc). */
static inline void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}
