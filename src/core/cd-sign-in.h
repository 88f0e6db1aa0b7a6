/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-sign-in.h: signing in, the one operation the window and cashdesk-token share.
 * CashDesk is asked for a token with the email and password (CdClient), and the
 * sign-in is kept in the keyring through the account list (CdAccountList), which then
 * lists it. A sign-in whose token could not be kept is still a sign-in: the result says
 * who signed in, whether the token was stored and why not, so that each face shows it
 * and can offer to store it again (cd_account_list_save_async). */
#pragma once

#include "cd-account-list.h"
#include "cd-client.h"

G_BEGIN_DECLS

typedef struct _CdSignInResult CdSignInResult;

/* Signs @email in with @password, which is not kept: it may be wiped as soon as this
 * returns. With @accounts NULL the token is not stored. The whole operation is
 * cancelled by @cancellable; the keyring's own failures are in the result. */
void            cd_sign_in_async       (CdClient            *client,
                                        CdAccountList       *accounts,
                                        const char          *email,
                                        const char          *password,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* NULL with @error when CashDesk did not sign the account in (or on cancelling). */
CdSignInResult *cd_sign_in_finish      (GAsyncResult        *result,
                                        GError             **error);

CdAccount      *cd_sign_in_result_get_account     (CdSignInResult *result);
/* Whether the token is in the keyring now. */
gboolean        cd_sign_in_result_get_stored      (CdSignInResult *result);
/* Why it is not: NULL when it is, or when it was not to be stored. */
const GError   *cd_sign_in_result_get_store_error (CdSignInResult *result);
void            cd_sign_in_result_free            (CdSignInResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSignInResult, cd_sign_in_result_free)

G_END_DECLS
