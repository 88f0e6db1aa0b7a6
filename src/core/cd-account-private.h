/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-private.h: for the client only. */
#pragma once

#include "cd-account.h"

G_BEGIN_DECLS

/* The keyring keys sign-ins on the email the cashier typed, whatever case or spelling
 * the server echoes back in user.email. */
void cd_account_set_email (CdAccount  *self,
                           const char *email);

/* The store marks a sign-in read without its details. */
void cd_account_set_details_known (CdAccount  *self,
                                   gboolean    known);

G_END_DECLS
