/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-format.h: how an account's dates and certificate look in the window, the
 * same on the account page and in the list of accounts: the window's certificate
 * wording is all here. */
#pragma once

#include <gtk/gtk.h>

#include "cd-account.h"

G_BEGIN_DECLS

/* A date and time in local time for people, or NULL for NULL. */
char        *cd_account_format_time        (GDateTime *datetime);

/* Shows the certificate's state of @account on @icon and @days_label: the icon, the days
 * left (or since it expired) and the state's style class (error, warning, success,
 * dim-label). Sets *@date to the expiry day for people, or NULL when unknown. */
CdCertState  cd_account_format_certificate (CdAccount *account,
                                            GDateTime *now,
                                            GtkImage  *icon,
                                            GtkLabel  *days_label,
                                            char     **date);

/* The certificate's state in a word or two: "Valid", "Expiring soon: renew it". */
const char  *cd_account_format_cert_state  (CdCertState state);

/* For an expired or expiring certificate (@days left), what the warning at the top of
 * the account page says: its title and what to do. FALSE, and nothing set, otherwise. */
gboolean     cd_account_format_cert_warning (CdCertState   state,
                                             int           days,
                                             char        **title,
                                             const char  **body);

G_END_DECLS
