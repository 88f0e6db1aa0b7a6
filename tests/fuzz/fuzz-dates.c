/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* fuzz-dates.c: CashDesk's three date formats, ISO 8601 and a JWT's expiry, on any
 * text (a NUL-terminated copy of the input, as the parsers take C strings). */
#include <string.h>

#include "cd-dates.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

static void
check (GDateTime *parsed)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (1700000000);
  g_autofree char *iso = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GDateTime) back = NULL;

  if (parsed == NULL)
    return;
  /* What is read must be writable, and what is written must read back the same (to
   * the second: the writer has no fractions). */
  iso = cd_dates_format_iso (parsed);
  day = cd_dates_format_iso_day (parsed);
  g_assert (iso != NULL && day != NULL);
  back = cd_dates_parse_iso (iso);
  g_assert (back != NULL && g_date_time_to_unix (back) == g_date_time_to_unix (parsed));
  (void) cd_dates_days_between (now, parsed);
  g_date_time_unref (parsed);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';

  check (cd_dates_parse_minutes (text));
  check (cd_dates_parse_day (text));
  check (cd_dates_parse_seconds (text));
  check (cd_dates_parse_iso (text));
  check (cd_dates_jwt_expiry (text));
  return 0;
}
