/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-store-util.c: what the store's tests share: sample accounts, the store's calls
 * driven to their end with a deadline, and the keyring read and written by another
 * program (secret-tool), as the shop's programs do. */
#include <stdlib.h>
#include <string.h>

#include "cd-account-json.h"
#include "cd-error.h"
#include "test-keyring.h"
#include "test-store-util.h"
#include "test-util.h"

#define TIMEOUT 20

/* The attributes KeePassXC adds to every item: its entry's fields. */
static const char *const keepassxc_attributes[] = {
  "Title", "UserName", "URL", "Notes", "Uuid", "Path",
};

void
test_store_init (int    *argc,
                 char ***argv)
{
  test_init (argc, argv);
  if (!test_keyring_is_real (g_getenv ("CD_TEST_SESSION_KEYRING")))
    {
      g_printerr ("%s needs a session of its own with a keyring: run it through "
                  "build-aux/test-session\n", g_get_prgname ());
      exit (1);
    }
}

gint64
test_in_days (int days)
{
  return g_get_real_time () / G_USEC_PER_SEC + (gint64) days * 24 * 60 * 60;
}

char *
test_uuid_for (const char *email)
{
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, email, -1);
}

/* The expires attribute other programs read: UTC, with a Z. */
char *
test_expires_text (gint64 exp)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (exp);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* An account the way cd_account_parse() reads CashDesk's answer to /authenticate. */
CdAccount *
test_make_account (const char *server,
              const char *email,
              gint64      exp)
{
  g_autofree char *token = test_make_jwt (exp);
  g_autofree char *uuid = test_uuid_for (email);
  char *json = g_strdup_printf (
    "{\"active_rro\": true, \"developer_id\": null, \"opened_shift\": \"4000055255\","
    " \"token\": \"%s\", \"token_expires_at\": \"08.07.2023 11:25\","
    " \"user\": {\"full_name\": \"" FULL_NAME "\", \"uuid\": \"%s\", \"email\": \"%s\","
    "  \"edrpou\": \"" EDRPOU "\", \"drfo\": \"" DRFO "\", \"last_online\": \"11-08-2020 17:15:31\","
    "  \"subject_key_id\": \"88b920a191b2402e86f5f4c1f78735b0d9734b7266b80f156\","
    "  \"signature\": {\"serial\": \"14F0A1B20700000000000000000000000000000001\","
    "                 \"cert_end_data\": \"15.11.2027\"}}}",
    token, uuid, email);
  g_autoptr(GBytes) body = g_bytes_new_take (json, strlen (json));
  GError *error = NULL;
  CdAccount *account = cd_account_parse (body, server, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

gboolean
test_store_save_sync (CdAccount    *account,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_save_async (account, cancellable, test_store_result, &result);
  return cd_store_save_finish (test_wait_for_result (&result, TIMEOUT), error);
}

CdAccount *
test_store_lookup_sync (const char   *server,
              const char   *email,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_lookup_async (server, email, cancellable, test_store_result, &result);
  return cd_store_lookup_finish (test_wait_for_result (&result, TIMEOUT), error);
}

GPtrArray *
test_store_list_sync (const char   *server,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_list_async (server, cancellable, test_store_result, &result);
  return cd_store_list_finish (test_wait_for_result (&result, TIMEOUT), error);
}

int
test_store_forget_sync (const char   *server,
              const char   *email,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_forget_async (server, email, cancellable, test_store_result, &result);
  return cd_store_forget_finish (test_wait_for_result (&result, TIMEOUT), error);
}

void
test_store_save (CdAccount *account)
{
  GError *error = NULL;
  gboolean saved = test_store_save_sync (account, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (saved);
}

CdAccount *
test_store_lookup (const char *server,
        const char *email)
{
  GError *error = NULL;
  CdAccount *account = test_store_lookup_sync (server, email, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

void
test_assert_not_found (const char *server,
                  const char *email,
                  const char *named)
{
  GError *error = NULL;
  g_autoptr(CdAccount) account = test_store_lookup_sync (server, email, NULL, &error);

  g_assert_error (error, CD_ERROR, CD_ERROR_NOT_FOUND);
  g_assert_null (account);
  g_assert_nonnull (strstr (error->message, named));
  g_clear_error (&error);
}

GPtrArray *
test_store_list (const char *server)
{
  GError *error = NULL;
  GPtrArray *accounts = test_store_list_sync (server, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (accounts);
  return accounts;
}

int
test_store_forget (const char *server,
        const char *email)
{
  GError *error = NULL;
  int count = test_store_forget_sync (server, email, NULL, &error);

  g_assert_no_error (error);
  return count;
}

/* Every test starts from an empty keyring; a failing test leaves nothing for the next. */
void
test_store_reset (void)
{
  g_autoptr(GPtrArray) left = NULL;

  test_store_forget (NULL, NULL);
  left = test_store_list (NULL);
  g_assert_cmpuint (left->len, ==, 0);
}

void
test_assert_emails (GPtrArray  *accounts,
               const char *first,
               ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *email = first; email != NULL; email = va_arg (args, const char *), i++)
    {
      g_assert_cmpuint (i, <, accounts->len);
      g_assert_cmpstr (cd_account_get_email (g_ptr_array_index (accounts, i)), ==, email);
    }
  va_end (args);
  g_assert_cmpuint (accounts->len, ==, i);
}

/* Another program: runs to its end; returns its exit status. */
int
test_run_tool (const char * const *argv,
          const char         *input,
          char              **out,
          char              **err)
{
  CliRun run = { 0 };

  test_run (argv, input, &run);
  *out = run.out;
  *err = run.err;
  return run.status;
}

/* What README tells other programs to run. */
char *
test_tool_lookup_token (const char *email)
{
  const char *argv[] = { "secret-tool", "lookup", "xdg:schema", CD_STORE_TOKEN_SCHEMA_NAME,
                         "email", email, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = test_run_tool (argv, NULL, &out, &err);

  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  return out;
}

/* A token item written by some other program, without details. The token goes in on
 * standard input, as it must. */
void
test_tool_store_token (const char *server,
                  const char *email,
                  const char *expires,
                  const char *token)
{
  const char *argv[] = { "secret-tool", "store", "--label=Point of sale",
                         "xdg:schema", CD_STORE_TOKEN_SCHEMA_NAME,
                         "email", email, "server", server,
                         expires ? "expires" : NULL, expires, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (test_run_tool (argv, token, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

void
test_tool_store_details (const char *server,
                    const char *email,
                    const char *details)
{
  const char *argv[] = { "secret-tool", "store", "--label=Broken details",
                         "xdg:schema", CD_STORE_ACCOUNT_SCHEMA_NAME,
                         "email", email, "server", server, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (test_run_tool (argv, details, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* `secret-tool search --all`: how many items it lists (on standard output), and their
 * attributes (it writes those on standard error), name to value. */
guint
test_tool_search (const char  *schema,
             const char  *email,
             GHashTable **attributes,
             char       **labels)
{
  const char *argv[] = { "secret-tool", "search", "--all", "xdg:schema", schema,
                         "email", email, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) out_lines = NULL;
  g_auto(GStrv) err_lines = NULL;
  g_autoptr(GString) label_lines = g_string_new (NULL);
  guint items = 0;

  test_run_tool (argv, NULL, &out, &err);
  g_assert_null (strstr (err, "secret-tool:"));

  out_lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; out_lines[i] != NULL; i++)
    {
      if (out_lines[i][0] == '[')
        items++;
      else if (g_str_has_prefix (out_lines[i], "label = "))
        g_string_append_printf (label_lines, "%s\n", out_lines[i] + strlen ("label = "));
    }

  *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  err_lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; err_lines[i] != NULL; i++)
    {
      const char *line = err_lines[i];
      const char *sep = strstr (line, " = ");

      if (!g_str_has_prefix (line, "attribute.") || sep == NULL)
        continue;
      g_hash_table_insert (*attributes,
                           g_strndup (line + strlen ("attribute."), sep - line - strlen ("attribute.")),
                           g_strdup (sep + strlen (" = ")));
    }

  /* What a Secret Service adds of its own (KeePassXC: its entry's fields) is not ours to
   * check, but must not carry personal data either. */
  test_assert_no_personal_data (*attributes);
  if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "keepassxc") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (keepassxc_attributes); i++)
      g_assert_true (g_hash_table_remove (*attributes, keepassxc_attributes[i]) || items == 0);

  if (labels != NULL)
    *labels = g_string_free (g_steal_pointer (&label_lines), FALSE);
  return items;
}

guint
test_tool_count (const char *schema,
            const char *email)
{
  g_autoptr(GHashTable) attributes = NULL;

  return test_tool_search (schema, email, &attributes, NULL);
}

void
test_assert_no_personal_data (GHashTable *attributes)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_null (strstr (value, DRFO));
      g_assert_null (strstr (value, EDRPOU));
      g_assert_null (strstr (value, FULL_NAME));
      g_assert_null (strstr (value, "Іванов"));
    }
}

/* The signed-in attribute: UTC to the microsecond, and a moment ago. */
void
test_assert_signed_in_now (const char *text)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan ago;

  g_assert_nonnull (text);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$",
                                       text, 0, 0));
  when = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (when);
  ago = g_date_time_difference (now, when);
  g_assert_cmpint (ago, >=, 0);
  g_assert_cmpint (ago, <, 60 * G_TIME_SPAN_SECOND);
}

void
test_assert_same_date (GDateTime *a,
                  GDateTime *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (g_date_time_to_unix (a), ==, g_date_time_to_unix (b));
}

void
test_assert_locked (GError *error)
{
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_cmpstr (error->message, ==, "The keyring is locked.");
}

void
test_assert_unavailable (GError *error)
{
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_true (g_str_has_prefix (error->message, "The keyring is not available: "));
}

char *
test_token_get (const char *server,
                const char *email)
{
  g_autofree char *program = test_program_path ("src/cli/cashdesk-token");
  const char *argv[] = { program, "get", "--server", server, "--email", email, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;

  if (test_run_tool (argv, NULL, &out, &err) != 0)
    g_error ("cashdesk-token get: %s", err);
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  return out;
}
