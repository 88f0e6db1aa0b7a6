/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-csv.h: stored accounts as CSV (RFC 4180, UTF-8), for a back office's spreadsheet:
 * formatting (pure), and writing a file of it (async, GIO). */
#pragma once

#include <gio/gio.h>

#include "cd-account.h"

G_BEGIN_DECLS

/* The header row, without its line end. The header and the words in it (state,
 * token_valid) are the names cashdesk-token status --json uses, in every language: a
 * back office merges files from shops whose desktops speak different languages, and a
 * spreadsheet's formulas refer to them. Names and dates are the people's own. */
#define CD_CSV_HEADER "name,email,edrpou,server,certificate_expires_on,days_left,state,token_expires_at,token_valid"

/* Appends @field to @csv, quoted when RFC 4180 asks for it (a comma, a quote, a line
 * end). Text a spreadsheet would run as a formula (it starts with = + - @ or a tab)
 * gets a leading apostrophe: the names come from a server, not from the accountant.
 * NULL is an empty field. */
void   cd_csv_append_field    (GString    *csv,
                               const char *field);

/* The header row and one row per account, in the order given, each ended with CRLF.
 * @now decides days_left and the state ("valid", "expiring", "expired", "unknown", the
 * words of cashdesk-token's JSON); an unknown expiry leaves its date and days empty. */
char  *cd_csv_format_accounts (GPtrArray  *accounts,
                               GDateTime  *now);

/* Formats @accounts (a GListModel of CdAccount, in its order) as of now and writes them
 * to @file, replacing it: Save as CSV… in the window. */
void      cd_csv_write_async     (GListModel          *accounts,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean  cd_csv_write_finish    (GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
