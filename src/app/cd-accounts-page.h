/* cd-accounts-page.h: every stored sign-in, soonest certificate expiry first; search,
 * remove (with undo), add, and save the list as CSV. */
#pragma once

#include <adwaita.h>

#include "cd-account.h"

G_BEGIN_DECLS

#define CD_TYPE_ACCOUNTS_PAGE (cd_accounts_page_get_type ())
G_DECLARE_FINAL_TYPE (CdAccountsPage, cd_accounts_page, CD, ACCOUNTS_PAGE, AdwBin)

/* (Re)reads every stored account, of every server, from the keyring. The list shows the
 * answer of the latest load; "loading" is TRUE until it has come. An error (no keyring)
 * empties the list and is shown in it. */
void        cd_accounts_page_load_async       (CdAccountsPage      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    cd_accounts_page_load_finish      (CdAccountsPage      *self,
                                               GAsyncResult        *result,
                                               GError             **error);
gboolean    cd_accounts_page_get_loading      (CdAccountsPage      *self);

/* The demo on @server: only its sign-ins are listed, and Undo keeps them in the
 * keyring's session collection, as the demo does. */
void        cd_accounts_page_set_demo_server  (CdAccountsPage      *self,
                                               const char          *server);

/* Puts the keyboard in the search field. */
void        cd_accounts_page_focus_search     (CdAccountsPage      *self);

/* Every account listed, search or not, in the list's order: a GListModel of CdAccount. */
GListModel *cd_accounts_page_get_accounts     (CdAccountsPage      *self);

/* Writes the accounts (cd_accounts_page_get_accounts()) to @file as CSV, replacing it.
 * Save as CSV… does this with the file chosen. */
void        cd_accounts_page_write_csv_async  (CdAccountsPage      *self,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    cd_accounts_page_write_csv_finish (CdAccountsPage      *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
