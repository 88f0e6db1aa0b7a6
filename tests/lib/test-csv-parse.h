/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-csv-parse.h: an RFC 4180 reader, as a spreadsheet reads the export, written
 * apart from the writer so that the two can disagree. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rows of fields (each a GStrv), or NULL with a message in @problem for text that is
 * not RFC 4180: a quote inside an unquoted field, text after a closing quote, an
 * unclosed quote, a bare CR, or a last row without its CRLF. */
GPtrArray *
test_csv_parse (const char  *text,
                char       **problem);

G_END_DECLS
