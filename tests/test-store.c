/* test-store.c: the keyring store against a real gnome-keyring in a private session
 * (build-aux/test-session), read back by another program (secret-tool); and, under
 * test-session --no-keyring, with no Secret Service at all. */
#include "cd-account.h"
#include "cd-error.h"
#include "cd-store.h"
#include "test-keyring.h"
#include "test-util.h"

#define SERVER_PROD "https://api.cashdesk.com.ua/api/v2"
#define SERVER_TEST "https://test.cashdesk.com.ua/api/v2"
#define SERVER_LAN  "http://192.168.1.10:8000/api/v2"

#define FULL_NAME "Іванов Іван Іванович"
#define EDRPOU    "34554362"
#define DRFO      "1034562014"

#define TIMEOUT 20

static gint64
in_days (int days)
{
  return g_get_real_time () / G_USEC_PER_SEC + (gint64) days * 24 * 60 * 60;
}

static char *
uuid_for (const char *email)
{
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, email, -1);
}

/* The expires attribute other programs read: UTC, with a Z. */
static char *
expires_text (gint64 exp)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (exp);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* An account the way cd_account_parse() reads CashDesk's answer to /authenticate. */
static CdAccount *
make_account (const char *server,
              const char *email,
              gint64      exp)
{
  g_autofree char *token = test_make_jwt (exp);
  g_autofree char *uuid = uuid_for (email);
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

/* The store's calls, each driven to its end with a deadline. */

static gboolean
store_save (CdAccount    *account,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_save_async (account, cancellable, test_store_result, &result);
  return cd_store_save_finish (test_wait_for_result (&result, TIMEOUT), error);
}

static CdAccount *
store_lookup (const char   *server,
              const char   *email,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_lookup_async (server, email, cancellable, test_store_result, &result);
  return cd_store_lookup_finish (test_wait_for_result (&result, TIMEOUT), error);
}

static GPtrArray *
store_list (const char   *server,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_list_async (server, cancellable, test_store_result, &result);
  return cd_store_list_finish (test_wait_for_result (&result, TIMEOUT), error);
}

static int
store_forget (const char   *server,
              const char   *email,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_forget_async (server, email, cancellable, test_store_result, &result);
  return cd_store_forget_finish (test_wait_for_result (&result, TIMEOUT), error);
}

static void
save (CdAccount *account)
{
  GError *error = NULL;
  gboolean saved = store_save (account, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (saved);
}

static CdAccount *
lookup (const char *server,
        const char *email)
{
  GError *error = NULL;
  CdAccount *account = store_lookup (server, email, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

static void
assert_not_found (const char *server,
                  const char *email,
                  const char *named)
{
  GError *error = NULL;
  g_autoptr(CdAccount) account = store_lookup (server, email, NULL, &error);

  g_assert_error (error, CD_ERROR, CD_ERROR_NOT_FOUND);
  g_assert_null (account);
  g_assert_nonnull (strstr (error->message, named));
  g_clear_error (&error);
}

static GPtrArray *
list (const char *server)
{
  GError *error = NULL;
  GPtrArray *accounts = store_list (server, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (accounts);
  return accounts;
}

static int
forget (const char *server,
        const char *email)
{
  GError *error = NULL;
  int count = store_forget (server, email, NULL, &error);

  g_assert_no_error (error);
  return count;
}

/* Every test starts from an empty keyring; a failing test leaves nothing for the next. */
static void
reset (void)
{
  g_autoptr(GPtrArray) left = NULL;

  forget (NULL, NULL);
  left = list (NULL);
  g_assert_cmpuint (left->len, ==, 0);
}

static void
assert_emails (GPtrArray  *accounts,
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
static int
run_tool (const char * const *argv,
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
static char *
tool_lookup_token (const char *email)
{
  const char *argv[] = { "secret-tool", "lookup", "xdg:schema", CD_STORE_TOKEN_SCHEMA_NAME,
                         "email", email, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = run_tool (argv, NULL, &out, &err);

  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  return out;
}

/* A token item written by some other program, without details. The token goes in on
 * standard input, as it must. */
static void
tool_store_token (const char *server,
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

  g_assert_cmpint (run_tool (argv, token, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

static void
tool_store_details (const char *server,
                    const char *email,
                    const char *details)
{
  const char *argv[] = { "secret-tool", "store", "--label=Broken details",
                         "xdg:schema", CD_STORE_ACCOUNT_SCHEMA_NAME,
                         "email", email, "server", server, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (argv, details, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* `secret-tool search --all`: how many items it lists (on standard output), and their
 * attributes (it writes those on standard error), name to value. */
static guint
tool_search (const char  *schema,
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

  run_tool (argv, NULL, &out, &err);
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

  if (labels != NULL)
    *labels = g_string_free (g_steal_pointer (&label_lines), FALSE);
  return items;
}

static guint
tool_count (const char *schema,
            const char *email)
{
  g_autoptr(GHashTable) attributes = NULL;

  return tool_search (schema, email, &attributes, NULL);
}

static void
assert_no_personal_data (GHashTable *attributes)
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
static void
assert_signed_in_now (const char *text)
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

static void
test_save_token_item (void)
{
  const char *email = "cashier@example.com";
  gint64 exp = in_days (365);
  g_autoptr(CdAccount) account = make_account (SERVER_PROD, email, exp);
  g_autofree char *token = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *uuid = uuid_for (email);
  g_autofree char *expires = expires_text (exp);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GHashTable) details_attributes = NULL;

  reset ();
  save (account);

  token = tool_lookup_token (email);
  g_assert_cmpstr (token, ==, cd_account_get_token (account));
  g_assert_true (g_str_has_prefix (token, "Bearer ey"));

  g_assert_cmpuint (tool_search (CD_STORE_TOKEN_SCHEMA_NAME, email, &attributes, &labels), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "email"), ==, email);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "server"), ==, SERVER_PROD);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "user-uuid"), ==, uuid);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "expires"), ==, expires);
  assert_signed_in_now (g_hash_table_lookup (attributes, "signed-in"));
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 5);
  assert_no_personal_data (attributes);
  g_assert_nonnull (strstr (labels, email));
  g_clear_pointer (&labels, g_free);

  /* The details item: the same two keys and the signed-in time of the token item it
   * was written for, nothing personal in the clear. */
  g_assert_cmpuint (tool_search (CD_STORE_ACCOUNT_SCHEMA_NAME, email, &details_attributes, &labels),
                    ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (details_attributes, "email"), ==, email);
  g_assert_cmpstr (g_hash_table_lookup (details_attributes, "server"), ==, SERVER_PROD);
  g_assert_cmpstr (g_hash_table_lookup (details_attributes, "signed-in"), ==,
                   g_hash_table_lookup (attributes, "signed-in"));
  g_assert_cmpuint (g_hash_table_size (details_attributes), ==, 3);
  assert_no_personal_data (details_attributes);
  g_assert_nonnull (strstr (labels, email));
}

static void
assert_same_date (GDateTime *a,
                  GDateTime *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (g_date_time_to_unix (a), ==, g_date_time_to_unix (b));
}

static void
test_lookup_full (void)
{
  const char *email = "cashier@example.com";
  g_autoptr(CdAccount) saved = make_account (SERVER_PROD, email, in_days (365));
  g_autoptr(CdAccount) other = make_account (SERVER_PROD, "other@example.com", in_days (200));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  reset ();
  save (saved);
  save (other);

  found = lookup (SERVER_PROD, email);
  g_assert_cmpstr (cd_account_get_email (found), ==, email);
  g_assert_cmpstr (cd_account_get_server (found), ==, SERVER_PROD);
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (saved));
  g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
  g_assert_cmpstr (cd_account_get_uuid (found), ==, cd_account_get_uuid (saved));
  g_assert_cmpstr (cd_account_get_edrpou (found), ==, EDRPOU);
  g_assert_cmpstr (cd_account_get_drfo (found), ==, DRFO);
  g_assert_cmpstr (cd_account_get_opened_shift (found), ==, "4000055255");
  g_assert_true (cd_account_get_active_rro (found));
  g_assert_cmpstr (cd_account_get_cert_serial (found), ==, cd_account_get_cert_serial (saved));
  g_assert_cmpstr (cd_account_get_subject_key_id (found), ==,
                   cd_account_get_subject_key_id (saved));
  assert_same_date (cd_account_get_cert_expires_on (found), cd_account_get_cert_expires_on (saved));
  assert_same_date (cd_account_get_last_online (found), cd_account_get_last_online (saved));
  assert_same_date (cd_account_get_token_expires_at (found),
                    cd_account_get_token_expires_at (saved));
  g_assert_true (cd_account_token_is_valid (found, now));

  assert_not_found (SERVER_TEST, email, email);
  assert_not_found (SERVER_PROD, "nobody@example.com", "nobody@example.com");
}

static void
test_lookup_expired (void)
{
  const char *email = "late@example.com";
  gint64 exp = in_days (-2);
  g_autoptr(CdAccount) saved = make_account (SERVER_PROD, email, exp);
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *expires = expires_text (exp);

  reset ();
  save (saved);

  g_assert_cmpuint (tool_search (CD_STORE_TOKEN_SCHEMA_NAME, email, &attributes, NULL), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "expires"), ==, expires);

  /* Still returned: deciding what an expired token is good for is the caller's job. */
  found = lookup (SERVER_PROD, email);
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (saved));
  g_assert_cmpint (g_date_time_to_unix (cd_account_get_token_expires_at (found)), ==, exp);
  g_assert_false (cd_account_token_is_valid (found, now));
}

static void
test_lookup_most_recent (void)
{
  g_autoptr(CdAccount) first = make_account (SERVER_PROD, "first@example.com", in_days (300));
  g_autoptr(CdAccount) second = make_account (SERVER_PROD, "second@example.com", in_days (300));
  g_autoptr(CdAccount) again = make_account (SERVER_PROD, "first@example.com", in_days (301));
  g_autoptr(CdAccount) elsewhere = make_account (SERVER_TEST, "third@example.com", in_days (300));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  reset ();
  save (first);
  save (second);
  save (elsewhere);

  found = lookup (SERVER_PROD, NULL);
  g_assert_cmpstr (cd_account_get_email (found), ==, "second@example.com");
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (second));
  g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
  g_clear_object (&found);

  /* Signing in again makes that sign-in the most recent one. */
  save (again);
  found = lookup (SERVER_PROD, NULL);
  g_assert_cmpstr (cd_account_get_email (found), ==, "first@example.com");
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (again));

  accounts = list (SERVER_PROD);
  assert_emails (accounts, "first@example.com", "second@example.com", NULL);

  assert_not_found (SERVER_LAN, NULL, SERVER_LAN);
}

/* Sign-ins in the same second, one after another with no pause, many times over: the
 * last is always the most recent, whichever cashier it is (the keyring's own times have
 * whole seconds, and used to decide this about half the time). */
static void
test_lookup_most_recent_same_second (void)
{
  const char *const emails[] = { "alpha@example.com", "beta@example.com", "gamma@example.com" };
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);

  reset ();
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    g_ptr_array_add (accounts, make_account (SERVER_PROD, emails[i], in_days (300 + i)));

  for (guint round = 0; round < 12; round++)
    {
      CdAccount *last = g_ptr_array_index (accounts, (round * 2) % accounts->len);
      g_autoptr(CdAccount) found = NULL;
      g_autoptr(GPtrArray) listed = NULL;

      save (g_ptr_array_index (accounts, (round * 2 + 1) % accounts->len));
      save (last);
      found = lookup (SERVER_PROD, NULL);
      g_assert_cmpstr (cd_account_get_email (found), ==, cd_account_get_email (last));
      g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (last));
      listed = list (SERVER_PROD);
      g_assert_cmpstr (cd_account_get_email (g_ptr_array_index (listed, 0)), ==,
                       cd_account_get_email (last));
    }
}

/* Two saves of one account at once, as two programs signing in at the same moment do:
 * their requests reach the keyring interleaved. One token survives (never none, never an
 * orphaned details item), it is one whose save reported success, and a save whose token
 * was not kept reports that rather than success. */
static void
test_save_concurrent (void)
{
  const char *email = "race@example.com";
  guint lost = 0;

  reset ();
  for (guint round = 0; round < 10; round++)
    {
      g_autoptr(CdAccount) a = make_account (SERVER_PROD, email, in_days (300 + 2 * round));
      g_autoptr(CdAccount) b = make_account (SERVER_PROD, email, in_days (301 + 2 * round));
      CdAccount *accounts[2] = { a, b };
      GAsyncResult *results[2] = { NULL, NULL };
      gboolean saved[2];
      g_autofree char *kept = NULL;

      for (guint i = 0; i < 2; i++)
        cd_store_save_async (accounts[i], NULL, test_store_result, &results[i]);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          test_wait_for_result (&results[i], 20);
          saved[i] = cd_store_save_finish (results[i], &error);
          g_clear_object (&results[i]);
          if (!saved[i])
            {
              g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
              g_assert_nonnull (strstr (error->message, "newer sign-in"));
              lost++;
            }
        }

      g_assert_true (saved[0] || saved[1]);
      g_assert_cmpuint (tool_count (CD_STORE_TOKEN_SCHEMA_NAME, email), ==, 1);
      g_assert_cmpuint (tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, email), ==, 1);
      kept = tool_lookup_token (email);
      for (guint i = 0; i < 2; i++)
        if (!saved[i])
          g_assert_cmpstr (kept, !=, cd_account_get_token (accounts[i]));
      g_assert_true ((saved[0] && g_str_equal (kept, cd_account_get_token (a))) ||
                     (saved[1] && g_str_equal (kept, cd_account_get_token (b))));
    }
  g_test_message ("in 10 rounds, %u saves found a newer one had won", lost);
}

static void
test_save_twice (void)
{
  const char *email = "twice@example.com";
  g_autoptr(CdAccount) old = make_account (SERVER_PROD, email, in_days (100));
  g_autoptr(CdAccount) renewed = make_account (SERVER_PROD, email, in_days (365));
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *token = NULL;

  g_assert_cmpstr (cd_account_get_token (old), !=, cd_account_get_token (renewed));

  reset ();
  save (old);
  save (renewed);
  save (renewed);

  accounts = list (SERVER_PROD);
  assert_emails (accounts, email, NULL);
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (accounts, 0)), ==,
                   cd_account_get_token (renewed));

  g_assert_cmpuint (tool_count (CD_STORE_TOKEN_SCHEMA_NAME, email), ==, 1);
  g_assert_cmpuint (tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, email), ==, 1);
  token = tool_lookup_token (email);
  g_assert_cmpstr (token, ==, cd_account_get_token (renewed));
}

static void
test_list_servers (void)
{
  g_autoptr(CdAccount) a = make_account (SERVER_PROD, "a@example.com", in_days (300));
  g_autoptr(CdAccount) b = make_account (SERVER_PROD, "b@example.com", in_days (300));
  g_autoptr(CdAccount) c = make_account (SERVER_TEST, "c@example.com", in_days (300));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) prod = NULL;
  g_autoptr(GPtrArray) test = NULL;
  g_autoptr(GPtrArray) none = NULL;

  reset ();
  save (a);
  save (b);
  save (c);

  all = list (NULL);
  assert_emails (all, "c@example.com", "b@example.com", "a@example.com", NULL);
  g_assert_cmpstr (cd_account_get_server (g_ptr_array_index (all, 0)), ==, SERVER_TEST);
  g_assert_cmpstr (cd_account_get_server (g_ptr_array_index (all, 2)), ==, SERVER_PROD);
  for (guint i = 0; i < all->len; i++)
    {
      CdAccount *account = g_ptr_array_index (all, i);

      g_assert_cmpstr (cd_account_get_full_name (account), ==, FULL_NAME);
      g_assert_nonnull (cd_account_get_token (account));
    }
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (all, 1)), ==, cd_account_get_token (b));

  prod = list (SERVER_PROD);
  assert_emails (prod, "b@example.com", "a@example.com", NULL);
  test = list (SERVER_TEST);
  assert_emails (test, "c@example.com", NULL);
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (test, 0)), ==, cd_account_get_token (c));
  none = list (SERVER_LAN);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_forget (void)
{
  g_autoptr(CdAccount) a = make_account (SERVER_PROD, "a@example.com", in_days (300));
  g_autoptr(CdAccount) b = make_account (SERVER_PROD, "b@example.com", in_days (300));
  g_autoptr(CdAccount) c = make_account (SERVER_TEST, "c@example.com", in_days (300));
  g_autoptr(CdAccount) d = make_account (SERVER_TEST, "d@example.com", in_days (300));
  g_autoptr(CdAccount) still = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) prod = NULL;
  g_autoptr(GPtrArray) test = NULL;

  reset ();
  save (a);
  save (b);
  save (c);
  save (d);

  g_assert_cmpint (forget (SERVER_PROD, "a@example.com"), ==, 1);
  assert_not_found (SERVER_PROD, "a@example.com", "a@example.com");
  g_assert_cmpuint (tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "a@example.com"), ==, 0);
  g_assert_cmpuint (tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "a@example.com"), ==, 0);
  still = lookup (SERVER_PROD, "b@example.com");
  g_assert_cmpstr (cd_account_get_full_name (still), ==, FULL_NAME);
  left = list (NULL);
  g_assert_cmpuint (left->len, ==, 3);
  g_assert_cmpint (forget (SERVER_PROD, "a@example.com"), ==, 0);

  g_assert_cmpint (forget (SERVER_PROD, NULL), ==, 1);
  prod = list (SERVER_PROD);
  g_assert_cmpuint (prod->len, ==, 0);
  assert_not_found (SERVER_PROD, NULL, SERVER_PROD);
  g_assert_cmpuint (tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "b@example.com"), ==, 0);
  test = list (SERVER_TEST);
  g_assert_cmpuint (test->len, ==, 2);

  g_assert_cmpint (forget (NULL, NULL), ==, 2);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = list (NULL);
  g_assert_cmpuint (left->len, ==, 0);
  assert_not_found (SERVER_TEST, "c@example.com", "c@example.com");
  g_assert_cmpuint (tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "d@example.com"), ==, 0);
  g_assert_cmpuint (tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "d@example.com"), ==, 0);
  g_assert_cmpint (forget (NULL, NULL), ==, 0);
}

static void
test_foreign_item (void)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(CdAccount) dated = NULL;
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2030, 1, 2, 3, 4, 5);

  reset ();
  tool_store_token (SERVER_LAN, "pos@example.com", NULL, "Bearer not-a-jwt");
  tool_store_token (SERVER_LAN, "dated@example.com", "2030-01-02T03:04:05Z", "Bearer also-not-a-jwt");
  tool_store_details (SERVER_LAN, "dated@example.com", "{this is not JSON");

  accounts = list (SERVER_LAN);
  assert_emails (accounts, "dated@example.com", "pos@example.com", NULL);

  found = lookup (SERVER_LAN, "pos@example.com");
  g_assert_cmpstr (cd_account_get_email (found), ==, "pos@example.com");
  g_assert_cmpstr (cd_account_get_server (found), ==, SERVER_LAN);
  g_assert_cmpstr (cd_account_get_token (found), ==, "Bearer not-a-jwt");
  g_assert_null (cd_account_get_full_name (found));
  g_assert_null (cd_account_get_token_expires_at (found));

  /* Unreadable details count as none: the attributes still give the expiry. */
  dated = lookup (SERVER_LAN, "dated@example.com");
  g_assert_cmpstr (cd_account_get_token (dated), ==, "Bearer also-not-a-jwt");
  g_assert_null (cd_account_get_full_name (dated));
  assert_same_date (cd_account_get_token_expires_at (dated), expires);

  g_assert_cmpint (forget (SERVER_LAN, NULL), ==, 2);
  g_assert_cmpuint (tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "dated@example.com"), ==, 0);
}

static void
test_save_without_server (void)
{
  g_autoptr(CdAccount) account = make_account (NULL, "nowhere@example.com", in_days (300));
  GError *error = NULL;

  reset ();
  g_assert_false (store_save (account, NULL, &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "nowhere@example.com"), ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(CdAccount) account = make_account (SERVER_PROD, "kept@example.com", in_days (300));
  g_autoptr(CdAccount) unsaved = make_account (SERVER_PROD, "unsaved@example.com", in_days (300));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(CdAccount) still = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  reset ();
  save (account);
  g_cancellable_cancel (cancellable);

  g_assert_false (store_save (unsaved, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  found = store_lookup (SERVER_PROD, "kept@example.com", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
  g_clear_error (&error);

  accounts = store_list (NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (accounts);
  g_clear_error (&error);

  store_forget (NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing was written, nothing was forgotten. */
  g_assert_cmpuint (tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "unsaved@example.com"), ==, 0);
  still = lookup (SERVER_PROD, "kept@example.com");
  g_assert_cmpstr (cd_account_get_token (still), ==, cd_account_get_token (account));
}

static void
assert_locked (GError *error)
{
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_cmpstr (error->message, ==, "The keyring is locked.");
}

static void
test_locked (void)
{
  g_autoptr(CdAccount) account = make_account (SERVER_PROD, "locked@example.com", in_days (300));
  g_autoptr(CdAccount) later = make_account (SERVER_PROD, "later@example.com", in_days (300));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(CdAccount) still = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  reset ();
  save (account);
  test_keyring_set_locked (TRUE);

  found = store_lookup (SERVER_PROD, "locked@example.com", NULL, &error);
  assert_locked (error);
  g_assert_null (found);
  g_clear_error (&error);

  accounts = store_list (NULL, NULL, &error);
  assert_locked (error);
  g_assert_null (accounts);
  g_clear_error (&error);

  g_assert_false (store_save (later, NULL, &error));
  assert_locked (error);
  g_clear_error (&error);

  store_forget (NULL, NULL, NULL, &error);
  assert_locked (error);
  g_clear_error (&error);

  test_keyring_set_locked (FALSE);
  still = lookup (SERVER_PROD, "locked@example.com");
  g_assert_cmpstr (cd_account_get_token (still), ==, cd_account_get_token (account));
  g_assert_cmpuint (tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "later@example.com"), ==, 0);
}

static void
assert_unavailable (GError *error)
{
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_true (g_str_has_prefix (error->message, "The keyring is not available: "));
}

static void
test_no_keyring (void)
{
  g_autoptr(CdAccount) account = make_account (SERVER_PROD, "cashier@example.com", in_days (300));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  g_assert_false (store_save (account, NULL, &error));
  assert_unavailable (error);
  g_clear_error (&error);

  found = store_lookup (SERVER_PROD, "cashier@example.com", NULL, &error);
  assert_unavailable (error);
  g_assert_null (found);
  g_clear_error (&error);

  found = store_lookup (SERVER_PROD, NULL, NULL, &error);
  assert_unavailable (error);
  g_assert_null (found);
  g_clear_error (&error);

  accounts = store_list (NULL, NULL, &error);
  assert_unavailable (error);
  g_assert_null (accounts);
  g_clear_error (&error);

  store_forget (NULL, NULL, NULL, &error);
  assert_unavailable (error);
  g_clear_error (&error);
}

int
main (int    argc,
      char **argv)
{
  const char *keyring;

  test_init (&argc, &argv);
  keyring = g_getenv ("CD_TEST_SESSION_KEYRING");

  /* Which cases apply depends on the session test-session made: each runs only where
   * it can pass or fail for real. */
  if (g_strcmp0 (keyring, "yes") == 0)
    {
      g_test_add_func ("/store/save/token-item", test_save_token_item);
      g_test_add_func ("/store/save/twice", test_save_twice);
      g_test_add_func ("/store/save/concurrent", test_save_concurrent);
      g_test_add_func ("/store/save/without-server", test_save_without_server);
      g_test_add_func ("/store/lookup/full", test_lookup_full);
      g_test_add_func ("/store/lookup/expired", test_lookup_expired);
      g_test_add_func ("/store/lookup/most-recent", test_lookup_most_recent);
      g_test_add_func ("/store/lookup/most-recent-same-second", test_lookup_most_recent_same_second);
      g_test_add_func ("/store/list/servers", test_list_servers);
      g_test_add_func ("/store/forget", test_forget);
      g_test_add_func ("/store/foreign-item", test_foreign_item);
      g_test_add_func ("/store/cancelled", test_cancelled);
      g_test_add_func ("/store/locked", test_locked);
    }
  else if (g_strcmp0 (keyring, "no") == 0)
    {
      g_test_add_func ("/store/no-keyring", test_no_keyring);
    }
  else
    {
      g_printerr ("test-store needs a session of its own: run it through build-aux/test-session\n");
      return 1;
    }

  return g_test_run ();
}
