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

/* How the window shows the certificate of an account, now. */
typedef struct
{
  CdCertState  state;
  /* The days left, or since it expired: "10 days left", "Expiry date unknown". */
  char        *days;
  /* The state's style class: error, warning, success or dim-label. */
  const char  *style;
  const char  *icon_name;
  /* The expiry day for people, or NULL when unknown. */
  char        *date;
} CdCertText;

void         cd_cert_text_init              (CdCertText *text,
                                             CdAccount  *account,
                                             GDateTime  *now);
void         cd_cert_text_clear             (CdCertText *text);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CdCertText, cd_cert_text_clear)

/* Gives @widget the style class @style (one of CdCertText's), and none of the others. */
void         cd_account_format_set_style    (GtkWidget  *widget,
                                             const char *style);

/* Shows the certificate's state of @account on @icon and @days_label: the icon, the days
 * and the state's style class. Sets *@date to the expiry day, or NULL when unknown. */
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
