/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-accounts-page.h: every stored sign-in, soonest certificate expiry first; search,
 * remove (with undo), add, and save the list as CSV. */
#pragma once

#include <adwaita.h>

#include "cd-account-list.h"

G_BEGIN_DECLS

#define CD_TYPE_ACCOUNTS_PAGE (cd_accounts_page_get_type ())
G_DECLARE_FINAL_TYPE (CdAccountsPage, cd_accounts_page, CD, ACCOUNTS_PAGE, AdwBin)

/* The list shown: the application's accounts (or the demo's). Set once. */
void        cd_accounts_page_set_accounts     (CdAccountsPage      *self,
                                               CdAccountList       *accounts);

/* Puts the keyboard in the search field. */
void        cd_accounts_page_focus_search     (CdAccountsPage      *self);

G_END_DECLS
