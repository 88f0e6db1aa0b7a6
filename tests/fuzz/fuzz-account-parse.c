/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* fuzz-account-parse.c: the parser of CashDesk's answer, on any bytes at all. */
#include "cd-account-json.h"
#include "cd-error.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = cd_account_parse (body, "https://cashdesk.example/api/v2", &error);

  /* Exactly one of the two, and a refusal is always the protocol error. */
  g_assert ((account == NULL) != (error == NULL));
  if (account == NULL)
    {
      g_assert (g_error_matches (error, CD_ERROR, CD_ERROR_PROTOCOL));
      return 0;
    }

  /* What the faces do with an account next: the summary, and reading it back. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (1700000000);
    g_autoptr(JsonNode) summary = cd_account_to_summary (account, now);
    g_autoptr(CdAccount) again = NULL;
    g_autofree char *masked = cd_account_dup_masked_drfo (account);

    const char *full_name = cd_account_get_full_name (account);

    /* A token goes into HTTP headers and onto one line of output. */
    for (const char *p = cd_account_get_token (account); *p != '\0'; p++)
      g_assert (*p >= 0x20 && *p < 0x7f);
    g_assert (full_name == NULL || g_utf8_validate (full_name, -1, NULL));
    again = cd_account_new_from_summary (json_node_get_object (summary),
                                         cd_account_get_server (account),
                                         cd_account_get_token (account), &error);
    g_assert (again != NULL);
    g_assert (masked == NULL || g_utf8_validate (masked, -1, NULL));
  }
  return 0;
}
