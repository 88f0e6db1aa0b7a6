/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-loop.h: runs one asynchronous call at a time to its end, and turns Ctrl+C
 * (SIGINT) into a cancellation of that call, so that the command can clean up (restore
 * the terminal's echo, abort the request) before it exits with 130. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CdTokenLoop CdTokenLoop;

CdTokenLoop  *cd_token_loop_new              (void);
void          cd_token_loop_free             (CdTokenLoop  *self);

/* Cancelled on SIGINT. */
GCancellable *cd_token_loop_get_cancellable  (CdTokenLoop  *self);

/* A GAsyncReadyCallback: pass the loop as its user data. */
void          cd_token_loop_done             (GObject      *source,
                                              GAsyncResult *result,
                                              gpointer      user_data);
/* Runs the main loop until cd_token_loop_done() is called; returns its result. */
GAsyncResult *cd_token_loop_wait             (CdTokenLoop  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTokenLoop, cd_token_loop_free)

G_END_DECLS
