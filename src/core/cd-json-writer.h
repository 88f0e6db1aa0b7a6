/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-json-writer.h: the one way this program writes JSON (what cashdesk-token prints,
 * the request body, the account's details in the keyring).
 *
 * json-glib 1.6's generator leaves U+001F unescaped, which strict parsers (Python's
 * json, RFC 8259) refuse; this writer escapes every character below U+0020, writes
 * bytes that are not UTF-8 as U+FFFD, and numbers that JSON cannot hold (NaN, infinity)
 * as null, so whatever the strings hold, the text is RFC 8259 JSON. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Compact JSON for @node, NUL-terminated; its length in @length when not NULL. The
 * buffer is allocated once at its exact size (never grown and copied), so a caller
 * holding a secret in it can wipe the one copy there is. */
char *cd_json_writer_to_string (JsonNode *node,
                                gsize    *length);

G_END_DECLS
