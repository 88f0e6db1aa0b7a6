/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-json-private.h: for the core only. What json-glib 1.6 would mishandle in a text
 * from the network, found before json-glib sees it. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper than any honest answer, shallow enough that json-glib's recursive parser
 * cannot be driven off the stack by a hostile one. */
#define CD_JSON_MAX_DEPTH 32

typedef enum {
  CD_JSON_OK,
  CD_JSON_TOO_DEEP,
  /* An escaped NUL in a string: json-glib's C strings would quietly end there (a token
   * cut short is another token). */
  CD_JSON_NUL,
  /* A second value after the first: json-glib reads it, keeps the first and leaks the
   * second. */
  CD_JSON_SECOND_VALUE,
  /* Not JSON, in ways json-glib would not all refuse, or would refuse leaking memory:
   * escapes JSON does not have, half a surrogate pair, comments, identifiers, a closing
   * bracket that closes nothing. */
  CD_JSON_INVALID,
  /* An integer beyond gint64: json-glib 1.6 wraps it around. */
  CD_JSON_NUMBER_TOO_LARGE,
  /* One key twice in an object ("token" twice): json-glib keeps the last, so what a
   * reader of the text sees first is not what is used. */
  CD_JSON_DUPLICATE_KEY,
  /* JSON, but not an object at its top. */
  CD_JSON_NOT_OBJECT,
} CdJsonProblem;

/* What is wrong with @data for a parser that trusts it, or CD_JSON_OK. */
CdJsonProblem cd_json_find_problem (const char *data,
                                    gsize       size);

/* The one way the core reads JSON from outside (the network, the keyring): the checks
 * above, then json-glib (CD_JSON_INVALID when it refuses the text), then no key twice
 * in any object, and an object at the top, which is left in @parser. */
CdJsonProblem cd_json_load_object (JsonParser *parser,
                                   const char *data,
                                   gsize       size);

G_END_DECLS
