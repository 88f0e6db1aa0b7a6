/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-json.h: the account as JSON: CashDesk's answer to /authenticate read, and
 * the summary this program writes and reads back.
 *
 * Two ways in: cd_account_parse() reads CashDesk's answer to /authenticate;
 * cd_account_new_from_summary() reads back what cd_account_to_summary() wrote (the JSON
 * shape of `cashdesk-token sign-in --json`, which is also what the keyring keeps as the
 * account's details). Both check the text they read the same way. */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-account.h"

G_BEGIN_DECLS

/* The longest name kept (longer ones are shortened, with "…"), and the longest code
 * (EDRPOU, DRFO, uuid, serial, key id, shift, dates: longer is refused). */
#define CD_ACCOUNT_MAX_NAME 200
#define CD_ACCOUNT_MAX_CODE 64

/* The parser: bytes in, account or CD_ERROR_PROTOCOL out. Pure: no I/O, no globals.
 * @server is the base URL the answer came from (kept on the account; may be NULL). */
CdAccount   *cd_account_parse                (GBytes      *body,
                                              const char  *server,
                                              GError     **error);

/* The summary: every field but the token. @now decides days_left and the state. */
JsonNode    *cd_account_to_summary           (CdAccount   *self,
                                              GDateTime   *now);
CdAccount   *cd_account_new_from_summary     (JsonObject  *summary,
                                              const char  *server,
                                              const char  *token,
                                              GError     **error);

/* Whether @token can be the value of an Authorization header and a line of output:
 * printable ASCII, at most 16 KiB, not empty, not "Bearer" alone, no space at either end
 * or twice in a row. Tokens from a server and from the keyring both pass this. */
gboolean     cd_account_token_is_usable      (const char  *token);

G_END_DECLS
