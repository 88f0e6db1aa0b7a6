/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-page.h: who is signed in, their shift and certificate; sign out. */
#pragma once

#include <adwaita.h>

#include "cd-account-list.h"

G_BEGIN_DECLS

#define CD_TYPE_ACCOUNT_PAGE (cd_account_page_get_type ())
G_DECLARE_FINAL_TYPE (CdAccountPage, cd_account_page, CD, ACCOUNT_PAGE, AdwBin)

/* Shows @account, which is stored; or, with @not_saved, a sign-in the keyring did not
 * keep, and why, with Try Again (account.retry-save), which stores it in the list.
 * Emits "signed-out" once Sign Out has forgotten it. */
void       cd_account_page_set_account (CdAccountPage *self,
                                        CdAccount     *account,
                                        const GError  *not_saved);
CdAccount *cd_account_page_get_account (CdAccountPage *self);
/* Puts the keyboard on who is signed in, and has a screen reader say it ("Signed in:
 * NAME" after @signed_in_now) with what is urgent. */
void       cd_account_page_focus       (CdAccountPage *self,
                                        gboolean       signed_in_now);
/* Where Try Again keeps a sign-in, and Sign Out forgets it: the application's list. */
void       cd_account_page_set_accounts (CdAccountPage *self,
                                         CdAccountList *accounts);

G_END_DECLS
