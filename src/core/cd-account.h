/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account.h: who signed in, as CashDesk described them, and the token they got: the
 * model, and what is derived from it for showing. It is read from CashDesk's answer and
 * written and read back as JSON by cd-account-json.h. */
#pragma once

#include <glib-object.h>

#include "cd-certificate.h"

G_BEGIN_DECLS

#define CD_TYPE_ACCOUNT (cd_account_get_type ())
G_DECLARE_FINAL_TYPE (CdAccount, cd_account, CD, ACCOUNT, GObject)

const char  *cd_account_get_server           (CdAccount   *self);
const char  *cd_account_get_token            (CdAccount   *self);
const char  *cd_account_get_email            (CdAccount   *self);
const char  *cd_account_get_full_name        (CdAccount   *self);
const char  *cd_account_get_uuid             (CdAccount   *self);
const char  *cd_account_get_edrpou           (CdAccount   *self);
const char  *cd_account_get_drfo             (CdAccount   *self);
const char  *cd_account_get_developer_id     (CdAccount   *self);
const char  *cd_account_get_subject_key_id   (CdAccount   *self);
const char  *cd_account_get_cert_serial      (CdAccount   *self);
/* The fiscal number of a register with an open shift, or NULL for none. */
const char  *cd_account_get_opened_shift     (CdAccount   *self);
gboolean     cd_account_get_active_rro       (CdAccount   *self);
/* These may be NULL: unknown. */
GDateTime   *cd_account_get_token_expires_at (CdAccount   *self);
GDateTime   *cd_account_get_last_online      (CdAccount   *self);
GDateTime   *cd_account_get_cert_expires_on  (CdAccount   *self);

CdCertState  cd_account_get_cert_state       (CdAccount   *self,
                                              GDateTime   *now,
                                              int         *days_left);
/* TRUE while the token's expiry is unknown or still ahead of @now. */
gboolean     cd_account_token_is_valid       (CdAccount   *self,
                                              GDateTime   *now);

/* FALSE for a stored sign-in read without the details of its sign-in (name, EDRPOU,
 * shift, certificate): the keyring held only its token. Signing in again fetches them. */
gboolean     cd_account_get_details_known    (CdAccount   *self);

/* How the account is named: its full name, or its email when no name is known. */
const char  *cd_account_get_title            (CdAccount   *self);
/* "Іваненко М. П." for "Іваненко Марія Петрівна", as Ukrainian paperwork names people:
 * short enough for a notification. The email when no name is known. */
char        *cd_account_dup_short_name       (CdAccount   *self);
/* "І М" for that name: the surname's and the given name's initials, for an avatar
 * (AdwAvatar takes the first letters of the first and last words of its text, which
 * for "Surname Name Patronymic" would be the surname's and the patronymic's). */
char        *cd_account_dup_initials         (CdAccount   *self);

/* A masked DRFO for showing by default ("103•••••14"); NULL when there is none. */
char        *cd_account_dup_masked_drfo      (CdAccount   *self);

G_END_DECLS
