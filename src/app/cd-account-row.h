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

/* The row's lines of text, top to bottom. */
typedef enum
{
  CD_ACCOUNT_ROW_NAME,
  /* "E-signature:", the days left and the expiry day. */
  CD_ACCOUNT_ROW_CERTIFICATE,
  /* Under a name only: without one, the email is the name. */
  CD_ACCOUNT_ROW_EMAIL,
  CD_ACCOUNT_ROW_TOKEN,
  /* Only when not production. */
  CD_ACCOUNT_ROW_SERVER,
  CD_ACCOUNT_ROW_N_LINES
} CdAccountRowLine;

GtkWidget  *cd_account_row_new         (void);
/* Shows @account (NULL: none, while the row waits to be bound again); @now decides the
 * certificate's days and state, and whether the token is still good. */
void        cd_account_row_set_account (CdAccountRow     *self,
                                        CdAccount        *account,
                                        GDateTime        *now);
CdAccount  *cd_account_row_get_account (CdAccountRow     *self);
/* A line as shown, or NULL when the row shows no such line. */
const char *cd_account_row_get_text    (CdAccountRow     *self,
                                        CdAccountRowLine  line);
/* The style class a line is drawn as (for the certificate, its days): NULL, dim-label,
 * success, warning or error. */
const char *cd_account_row_get_style   (CdAccountRow     *self,
                                        CdAccountRowLine  line);

G_END_DECLS
