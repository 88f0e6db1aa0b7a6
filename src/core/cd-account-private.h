/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-private.h: for the core only. The account's fields, which the model
 * (cd-account.c) and its JSON readers (cd-account-json.c) both fill, and the
 * changes the client and the store make to an account once it is read. */
#pragma once

#include "cd-account.h"

G_BEGIN_DECLS

struct _CdAccount
{
  GObject parent_instance;

  char *server;
  char *token;
  char *email;
  char *full_name;
  char *uuid;
  char *edrpou;
  char *drfo;
  char *developer_id;
  char *subject_key_id;
  char *cert_serial;
  char *opened_shift;
  gboolean active_rro;
  GDateTime *token_expires_at;
  GDateTime *last_online;
  GDateTime *cert_expires_on;
  /* FALSE for a stored sign-in whose details (name, shift, certificate...) are missing
   * or were not written for its token: what it does not say is not known, not "none". */
  gboolean details_known;
};

/* The keyring keys sign-ins on the email the cashier typed, whatever case or spelling
 * the server echoes back in user.email. */
void cd_account_set_email (CdAccount  *self,
                           const char *email);

/* The store reads a stored sign-in's details before its token has arrived: the token,
 * and what it says of its own expiry when the details do not, come in later. */
void cd_account_set_token (CdAccount  *self,
                           const char *token);

/* The store marks a sign-in read without its details. */
void cd_account_set_details_known (CdAccount  *self,
                                   gboolean    known);

G_END_DECLS
