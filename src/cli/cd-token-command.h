/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-command.h: the commands of cashdesk-token and what they share.
 *
 * The exit codes and output shapes are a contract other programs rely on
 * (docs/contract.md). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CD_TOKEN_EXIT_OK = 0,
  CD_TOKEN_EXIT_USAGE = 1,
  CD_TOKEN_EXIT_REJECTED = 2,
  CD_TOKEN_EXIT_NOT_FOUND = 3,
  CD_TOKEN_EXIT_UNREACHABLE = 4,
  CD_TOKEN_EXIT_SERVER = 5,
  CD_TOKEN_EXIT_KEYRING = 6,
  CD_TOKEN_EXIT_EXPIRING = 7,
  /* 128 + SIGINT, as a shell reports a program stopped by Ctrl+C. */
  CD_TOKEN_EXIT_INTERRUPTED = 130,
} CdTokenExit;

/* Parses argv[1] as the command and runs it; returns the exit code. */
int          cd_token_command_run        (int                 argc,
                                          char              **argv);

/* The one mapping from an error to an exit code. */
CdTokenExit  cd_token_exit_for_error     (const GError       *error);

/* Prints `cashdesk-token: MESSAGE` on standard error, always as one line. */
void         cd_token_print_error        (const char         *format,
                                          ...) G_GNUC_PRINTF (1, 2);
/* Prints @error (nothing for a cancellation: the user pressed Ctrl+C) and returns its
 * exit code. */
CdTokenExit  cd_token_fail_with_error    (const GError       *error);

/* Parses the options of @command (argv[0] is the command's name); on a parse error or a
 * leftover argument, prints it and returns FALSE (exit 1). --help exits 0 in here.
 * @summary is marked with N_(): GOption translates it. */
gboolean     cd_token_parse_options      (const char         *command,
                                          const char         *summary,
                                          const GOptionEntry *entries,
                                          int                 argc,
                                          char              **argv);

int          cd_token_sign_in_run        (int                 argc,
                                          char              **argv);
int          cd_token_get_run            (int                 argc,
                                          char              **argv);
int          cd_token_status_run         (int                 argc,
                                          char              **argv);
int          cd_token_sign_out_run       (int                 argc,
                                          char              **argv);

G_END_DECLS
