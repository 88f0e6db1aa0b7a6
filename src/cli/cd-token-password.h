/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-password.h: reads the password for sign-in, never from argv or the
 * environment. */
#pragma once

#include <gio/gio.h>

#include "cd-wipe.h"

G_BEGIN_DECLS

/* The longest password accepted, in bytes. */
#define CD_TOKEN_PASSWORD_MAX 4096

/* A string that is wiped before it is freed: g_auto(CdTokenSecret). */
typedef char *CdTokenSecret;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (CdTokenSecret, cd_wipe_string, NULL)

/* When standard input is not a terminal, reads one line from it ("\n" or "\r\n"
 * dropped). Otherwise prompts for @email's password on the terminal with echo off, and
 * turns echo back on whatever happens, a cancellation included. */
void   cd_token_password_read_async  (const char          *email,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Free the result with cd_wipe_string(). */
char  *cd_token_password_read_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
