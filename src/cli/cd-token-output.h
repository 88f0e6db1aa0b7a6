/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-output.h: what cashdesk-token prints on standard output, for people and, with
 * --json, for programs. Never the token, except `get`, which prints nothing else. */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-account.h"

G_BEGIN_DECLS

/* One JSON value on one line, in UTF-8 whatever the locale. */
void      cd_token_output_print_json        (JsonNode   *node);

/* sign-in: the summary of docs/contract.md, "stored" included. */
JsonNode *cd_token_output_sign_in_json      (CdAccount  *account,
                                             GDateTime  *now,
                                             gboolean    stored);
void      cd_token_output_print_sign_in     (CdAccount  *account,
                                             GDateTime  *now,
                                             gboolean    stored);

/* status: one stored sign-in. */
JsonNode *cd_token_output_status_json       (CdAccount  *account,
                                             GDateTime  *now);
void      cd_token_output_print_status_line (CdAccount  *account,
                                             GDateTime  *now);

G_END_DECLS
