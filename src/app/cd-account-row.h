/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-row.h: one stored account in the list: who, where, and how soon their
 * certificate runs out. */
#pragma once

#include <adwaita.h>

#include "cd-account.h"

G_BEGIN_DECLS

#define CD_TYPE_ACCOUNT_ROW (cd_account_row_get_type ())
G_DECLARE_FINAL_TYPE (CdAccountRow, cd_account_row, CD, ACCOUNT_ROW, GtkWidget)

GtkWidget *cd_account_row_new         (void);
/* Shows @account (NULL: none, while the row waits to be bound again); @now decides the
 * certificate's days and state, and whether the token is still good. */
void       cd_account_row_set_account (CdAccountRow *self,
                                       CdAccount    *account,
                                       GDateTime    *now);
CdAccount *cd_account_row_get_account (CdAccountRow *self);

G_END_DECLS
