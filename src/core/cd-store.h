/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store.h: sign-ins kept in the desktop keyring (libsecret, async only).
 *
 * Two items per (server, email), as docs/contract.md describes them:
 *  - schema io.github.cashdesk_login.Token: the secret is the token exactly as the server
 *    returned it ("Bearer ..."); attributes email, server, user-uuid, expires (ISO 8601,
 *    UTC), signed-in. This is the item other programs read (secret-tool,
 *    cashdesk-token get).
 *  - schema io.github.cashdesk_login.Account: the secret is the account's summary JSON
 *    (cd_account_to_summary()), so the window can show a stored sign-in without asking
 *    for the password; attributes email, server and the signed-in of the token item it
 *    was written for. Personal data stays encrypted.
 *
 * Any Secret Service will do (GNOME Keyring, KeePassXC, KWallet). Every operation ends
 * within the limits below, at once on cancellation, and when the service quits.
 *
 * Errors: CD_ERROR_KEYRING (no Secret Service, locked, a prompt nobody answered),
 * CD_ERROR_NOT_FOUND. */
#pragma once

#include <gio/gio.h>

#include "cd-account.h"

G_BEGIN_DECLS

#define CD_STORE_TOKEN_SCHEMA_NAME   "io.github.cashdesk_login.Token"
#define CD_STORE_ACCOUNT_SCHEMA_NAME "io.github.cashdesk_login.Account"

/* How long, by default, an operation may take, a keyring prompt included. */
#define CD_STORE_DEFAULT_TIMEOUT 60

/* For the whole process, set once at start: whether operations may ask the Secret
 * Service to show a prompt (to unlock a collection, or KeePassXC's to allow access),
 * and how many seconds an operation may take before it ends with CD_ERROR_KEYRING
 * ("nobody answered the keyring's prompt"). Without prompts, a locked keyring is
 * CD_ERROR_KEYRING "locked" at once. */
void        cd_store_set_limits    (gboolean            may_prompt,
                                    guint               timeout_seconds);

/* Saves both items for cd_account_get_server() and cd_account_get_email(). */
void        cd_store_save_async    (CdAccount          *account,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
/* The same, into the keyring's in-memory session collection when @session: for
 * sign-ins that must not outlive the program that made them (the demo). Finish with
 * cd_store_save_finish(). */
void        cd_store_save_in_session_async (CdAccount          *account,
                                            gboolean            session,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean    cd_store_save_finish   (GAsyncResult       *result,
                                    GError            **error);

/* The stored account (token included) for @server and @email; with @email NULL, the most
 * recently stored one for @server. An expired token is still returned: callers decide
 * (cd_account_token_is_valid()). */
void        cd_store_lookup_async  (const char         *server,
                                    const char         *email,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
CdAccount  *cd_store_lookup_finish (GAsyncResult       *result,
                                    GError            **error);

/* Every stored account (of @server, or of any server when NULL), most recent first:
 * a GPtrArray of CdAccount. An item without details gives an account with only
 * email, server, token and expiry. */
void        cd_store_list_async    (const char         *server,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
GPtrArray  *cd_store_list_finish   (GAsyncResult       *result,
                                    GError            **error);
/* The same, but a locked keyring stays locked: CD_ERROR_KEYRING rather than an unlock
 * prompt, for what runs without anyone having asked for it (the daily check). Finish
 * with cd_store_list_finish(). */
void        cd_store_list_if_unlocked_async (const char         *server,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);

/* Forgets @email on @server; @email NULL: every account of @server; @server NULL too:
 * every account. Returns how many sign-ins were forgotten (0 is not an error). */
void        cd_store_forget_async  (const char         *server,
                                    const char         *email,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
int         cd_store_forget_finish (GAsyncResult       *result,
                                    GError            **error);

G_END_DECLS
