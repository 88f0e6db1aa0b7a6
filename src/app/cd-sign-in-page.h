/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-sign-in-page.h: email, password and server; signs in, storing the sign-in in the
 * account list, and hands over who signed in ("signed-in": the CdAccount, and the
 * GError that says why the keyring did not keep it, or NULL). */
#pragma once

#include <adwaita.h>

#include "cd-account-list.h"

G_BEGIN_DECLS

#define CD_TYPE_SIGN_IN_PAGE (cd_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (CdSignInPage, cd_sign_in_page, CD, SIGN_IN_PAGE, AdwBin)

/* The list a sign-in is stored in (and then shows in). */
void        cd_sign_in_page_set_accounts            (CdSignInPage  *self,
                                                     CdAccountList *accounts);
/* Preselects @server (Production, Test or a custom address) and the plain-HTTP switch. */
void        cd_sign_in_page_configure               (CdSignInPage *self,
                                                     const char   *server,
                                                     gboolean      allow_insecure_http,
                                                     const char   *developer_id);
/* Lists a demo server's sample account, which fills in the form when chosen; @what
 * (translated) says what it shows. */
void        cd_sign_in_page_add_sample_account      (CdSignInPage *self,
                                                     const char   *email,
                                                     const char   *password,
                                                     const char   *what);
void        cd_sign_in_page_set_email               (CdSignInPage *self,
                                                     const char   *email);
void        cd_sign_in_page_set_notice              (CdSignInPage *self,
                                                     const char   *notice);
void        cd_sign_in_page_set_keyring_notice      (CdSignInPage *self,
                                                     const char   *reason);
/* Cancels a sign-in in flight, clears the password and hides the error. */
void        cd_sign_in_page_reset                   (CdSignInPage *self);
/* The server as chosen on the page (not yet checked against the URL policy). */
const char *cd_sign_in_page_get_server              (CdSignInPage *self);
gboolean    cd_sign_in_page_get_allow_insecure_http (CdSignInPage *self);
/* An error of the latest sign-in is on the page. */
gboolean    cd_sign_in_page_get_error_shown         (CdSignInPage *self);
/* Focuses the first field that needs typing. */
void        cd_sign_in_page_focus                   (CdSignInPage *self);

G_END_DECLS
