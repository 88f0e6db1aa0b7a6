/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-list.h: the stored sign-ins as one list model, the one every view of them
 * shares (the application owns it; the window's pages only show it and call it). A
 * GListModel of CdAccount in the back office's order (cd_account_list_compare), kept in
 * step with the keyring: loading reads every stored sign-in; saving, forgetting and
 * putting back go to the keyring and, once it has answered, update the list in place.
 * Only the latest load's answer is kept: an older one may be stale.
 *
 * A list for the demo holds only the demo server's sign-ins and keeps new ones in the
 * keyring's in-memory session collection, so that they never outlive the demo nor mix
 * with real ones. */
#pragma once

#include <gio/gio.h>

#include "cd-account.h"

G_BEGIN_DECLS

#define CD_TYPE_ACCOUNT_LIST (cd_account_list_get_type ())
G_DECLARE_FINAL_TYPE (CdAccountList, cd_account_list, CD, ACCOUNT_LIST, GObject)

/* For the whole process, once at start: the lists are a person's at a window, whom the
 * keyring may ask to unlock it, and who is waited for a while longer than at a terminal
 * (CASHDESK_KEYRING_TIMEOUT); an unanswered prompt still ends. */
void           cd_account_list_allow_prompts  (void);

CdAccountList *cd_account_list_new            (void);
CdAccountList *cd_account_list_new_for_demo   (const char          *demo_server);

/* The demo's server, or NULL for the list of every real sign-in. */
const char    *cd_account_list_get_demo_server (CdAccountList      *self);

/* Soonest certificate expiry first (an expired one is the soonest), unknown last; then
 * by name, email and server, so that the order is the same at every start. A
 * GCompareDataFunc on CdAccount, also for cashdesk-token status. */
int            cd_account_list_compare        (gconstpointer        a,
                                               gconstpointer        b,
                                               gpointer             user_data);

/* Sorts a GPtrArray of CdAccount in that order. */
void           cd_account_list_sort           (GPtrArray           *accounts);

/* Whether a load is under way; and why the latest one failed (NULL: it did not). */
gboolean       cd_account_list_get_loading    (CdAccountList       *self);
const char    *cd_account_list_get_load_error (CdAccountList       *self);

/* Reads every stored sign-in again (unlocking the keyring, which may prompt). On
 * failure the list is emptied and the error kept. */
void           cd_account_list_load_async     (CdAccountList       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The same for what runs without anyone having asked (the daily check): a locked
 * keyring stays locked, and a failure leaves the list as it was, since it says nothing
 * about what is stored. Finish with cd_account_list_load_finish(). */
void           cd_account_list_load_if_unlocked_async (CdAccountList       *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean       cd_account_list_load_finish    (CdAccountList       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Stores @account (a new sign-in, or one put back after cd_account_list_forget_async)
 * and puts it in the list, in place of the one with the same server and email. The list
 * shows it at once, and takes it out again (the one before it back) if it could not be
 * stored. */
void           cd_account_list_save_async     (CdAccountList       *self,
                                               CdAccount           *account,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       cd_account_list_save_finish    (CdAccountList       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Forgets @account's sign-in (token and details) and takes it out of the list: at once,
 * and back in its place if the keyring keeps it. */
void           cd_account_list_forget_async   (CdAccountList       *self,
                                               CdAccount           *account,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       cd_account_list_forget_finish  (CdAccountList       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* A demo's list only: forgets every sign-in of its server, listed or not, and empties
 * the list. The demo ends with it; the real sign-ins are never forgotten all at once. */
void           cd_account_list_forget_demo_async  (CdAccountList       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       cd_account_list_forget_demo_finish (CdAccountList       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The listed account with @server and @email, or NULL. */
CdAccount     *cd_account_list_find           (CdAccountList       *self,
                                               const char          *server,
                                               const char          *email,
                                               guint               *position);

G_END_DECLS
