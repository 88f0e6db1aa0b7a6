/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* fuzz-account-json.c: the output side. Whatever bytes come in, as a server's answer or
 * as the text of any field, what this program writes is strict RFC 8259 JSON (checked
 * by the tests' own strict parser, not json-glib, which accepts more), reads back to the
 * same values, and the text it shows people holds nothing that acts on a terminal. */
#include "cd-account-json.h"
#include "cd-error.h"
#include "cd-json-writer.h"
#include "cd-text.h"
#include "fuzz-common.h"
#include "../test-json-strict.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

static void
assert_strict (JsonNode *node)
{
  gsize length = 0;
  g_autofree char *text = cd_json_writer_to_string (node, &length);
  const char *problem = json_strict_problem (text, length);

  if (problem != NULL)
    g_error ("not strict JSON (%s): %s", problem, text);
  g_assert (strlen (text) == length);
}

static void
assert_clean (const char *text)
{
  if (text == NULL)
    return;
  g_assert (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_assert (!cd_text_is_unsafe_char (g_utf8_get_char (p)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = cd_account_parse (body, "https://cashdesk.example/api/v2", &error);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *clean = cd_text_dup_clean (text, 0);

  /* The input as the text of a field: any bytes at all, up to the first NUL. */
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, text);
    json_builder_add_string_value (builder, text);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    assert_strict (root);
  }
  assert_clean (clean);

  if (account == NULL)
    return 0;

  /* An answer the parser took: its summary (sign-in --json, the keyring's details) and
   * what status --json and the window show of it. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (1700000000);
    g_autoptr(JsonNode) summary = cd_account_to_summary (account, now);
    g_autofree char *written = cd_json_writer_to_string (summary, NULL);
    g_autoptr(JsonNode) back = json_from_string (written, NULL);
    g_autoptr(CdAccount) again = NULL;

    assert_strict (summary);
    g_assert (back != NULL && JSON_NODE_HOLDS_OBJECT (back));
    assert_clean (cd_account_get_full_name (account));
    assert_clean (cd_account_get_opened_shift (account));
    assert_clean (cd_account_get_edrpou (account));
    assert_clean (cd_account_get_uuid (account));
    g_assert (cd_account_token_is_usable (cd_account_get_token (account)));

    /* Read back from the text, as the keyring's details are: the same account. */
    again = cd_account_new_from_summary (json_node_get_object (back),
                                         cd_account_get_server (account),
                                         cd_account_get_token (account), &error);
    g_assert (again != NULL);
    g_assert (g_strcmp0 (cd_account_get_full_name (again), cd_account_get_full_name (account)) == 0);
    g_assert (g_strcmp0 (cd_account_get_opened_shift (again), cd_account_get_opened_shift (account)) == 0);
  }
  return 0;
}
