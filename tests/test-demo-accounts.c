/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-demo-accounts.c: the demo server's sample accounts (src/demo/cd-demo-accounts.c),
 * one per situation a client must handle, and the answers CashDesk gives for them, over
 * real HTTP on loopback: every member and its type, tokens and their expiry, the
 * certificate's dates, the refusals, the server's faults and slow@demo.test's late
 * answer. */
#include <stdio.h>
#include <string.h>

#include "cd-dates.h"
#include "test-demo-util.h"
#include "test-util.h"

#define STATUS_TOO_MANY_REQUESTS 429

static const char *const answer_members[] = {
  "active_rro", "developer_id", "opened_shift", "token", "token_expires_at", "user", NULL
};
static const char *const user_members[] = {
  "full_name", "uuid", "email", "edrpou", "drfo", "last_online", "subject_key_id",
  "signature", NULL
};
static const char *const bare_user_members[] = {
  "full_name", "uuid", "email", "edrpou", "last_online", NULL
};
static const char *const signature_members[] = { "serial", "cert_end_data", NULL };

static void
assert_null_member (JsonObject *object,
                    const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, name)));
}

static gint64
integer_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

static JsonObject *
decode_jwt_payload (const char *jwt)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", -1);
  g_autoptr(GString) base64 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree guchar *payload = NULL;
  g_autofree char *header = NULL;
  gsize length;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (parts[i], !=, "");
      g_assert_cmpuint (strspn (parts[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-_"), ==, strlen (parts[i]));
    }

  base64 = g_string_new (parts[1]);
  g_strdelimit (base64->str, "-", '+');
  g_strdelimit (base64->str, "_", '/');
  while (base64->len % 4 != 0)
    g_string_append_c (base64, '=');
  payload = g_base64_decode (base64->str, &length);
  json_parser_load_from_data (parser, (const char *) payload, length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  /* eyJ is how {" starts in base64: the header is JSON too. */
  g_assert_true (g_str_has_prefix (parts[0], "eyJ"));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* "dd.MM.yyyy HH:mm" in Kyiv time, as unix seconds. */
static gint64
parse_minutes (const char *text)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) datetime = NULL;
  int day, month, year, hour, minute;
  char end;

  g_assert_cmpint (sscanf (text, "%2d.%2d.%4d %2d:%2d%c", &day, &month, &year, &hour, &minute,
                           &end), ==, 5);
  g_assert_cmpuint (strlen (text), ==, strlen ("08.07.2023 11:25"));
  datetime = g_date_time_new (kyiv, year, month, day, hour, minute, 0);
  g_assert_nonnull (datetime);
  return g_date_time_to_unix (datetime);
}

static char *
kyiv_day_text (int days_from_today)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days_from_today);

  return g_date_time_format (day, "%d.%m.%Y");
}

/* Checks the token against its expiry text and against @days from now; returns the
 * token without "Bearer ". */
static const char *
assert_token (JsonObject *answer,
              gboolean    jwt,
              const char *uuid,
              int         days,
              gint64      before,
              gint64      after)
{
  const char *token = demo_string_member (answer, "token");
  gint64 expires_at = parse_minutes (demo_string_member (answer, "token_expires_at"));
  gint64 lowest = before + (gint64) days * 24 * 3600 - 60;
  gint64 highest = after + (gint64) days * 24 * 3600;

  g_assert_true (g_str_has_prefix (token, "Bearer "));
  token += strlen ("Bearer ");
  g_assert_cmpint (expires_at, >=, lowest);
  g_assert_cmpint (expires_at, <=, highest);

  if (jwt)
    {
      g_autoptr(JsonObject) payload = decode_jwt_payload (token);

      g_assert_cmpstr (demo_string_member (payload, "sub"), ==, uuid);
      g_assert_cmpint (integer_member (payload, "exp"), ==, expires_at);
      g_assert_cmpint (integer_member (payload, "iat"), >=, before);
      g_assert_cmpint (integer_member (payload, "iat"), <=, after);
    }
  else
    {
      g_assert_null (strchr (token, '.'));
      g_assert_true (g_str_has_prefix (token, "opaque-"));
    }
  return token;
}

typedef struct {
  const char *email;
  const char *password;
  gboolean    active_rro;
  JsonNodeType shift_type;
  const char *shift_text;     /* for a string shift */
  gint64      shift_number;   /* for an integer shift */
  gint64      developer_id;   /* 0: null */
  gboolean    jwt;
  int         token_days;
  gboolean    signature;
  int         certificate_days;
} Expected;

static void
assert_account_answer (const Expected *expected)
{
  g_auto(DemoReply) reply = { 0 };
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) before_time = g_date_time_new_now (kyiv);
  g_autoptr(GDateTime) after_time = NULL;
  JsonObject *user;
  JsonNode *shift;
  const char *uuid;
  const char *last_online;

  demo_sign_in (expected->email, expected->password, &reply);
  after_time = g_date_time_new_now (kyiv);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  answer = demo_parse_object (&reply);
  demo_assert_members (answer, answer_members);

  g_assert_true (json_object_get_boolean_member (answer, "active_rro") == expected->active_rro);
  if (expected->developer_id != 0)
    g_assert_cmpint (integer_member (answer, "developer_id"), ==, expected->developer_id);
  else
    assert_null_member (answer, "developer_id");

  shift = json_object_get_member (answer, "opened_shift");
  g_assert_cmpint (json_node_get_node_type (shift), ==, expected->shift_type);
  if (expected->shift_text != NULL)
    g_assert_cmpstr (demo_string_member (answer, "opened_shift"), ==, expected->shift_text);
  if (expected->shift_number != 0)
    g_assert_cmpint (integer_member (answer, "opened_shift"), ==, expected->shift_number);

  user = json_object_get_object_member (answer, "user");
  g_assert_nonnull (user);
  demo_assert_members (user, expected->signature ? user_members : bare_user_members);
  g_assert_cmpstr (demo_string_member (user, "email"), ==, expected->email);
  g_assert_cmpstr (demo_string_member (user, "full_name"), !=, "");
  g_assert_true (g_utf8_validate (demo_string_member (user, "full_name"), -1, NULL));
  g_assert_cmpuint (strlen (demo_string_member (user, "edrpou")), ==, 8);
  uuid = demo_string_member (user, "uuid");
  g_assert_true (g_uuid_string_is_valid (uuid));

  assert_token (answer, expected->jwt, uuid, expected->token_days,
                g_date_time_to_unix (before_time), g_date_time_to_unix (after_time));

  if (expected->signature)
    {
      JsonObject *signature = json_object_get_object_member (user, "signature");
      g_autofree char *end_today = kyiv_day_text (expected->certificate_days);
      const char *end = NULL;
      int day, month, year, hour, minute, second;

      g_assert_cmpuint (strlen (demo_string_member (user, "drfo")), ==, 10);
      g_assert_cmpuint (strlen (demo_string_member (user, "subject_key_id")), ==, 64);
      last_online = demo_string_member (user, "last_online");
      g_assert_cmpint (sscanf (last_online, "%2d-%2d-%4d %2d:%2d:%2d", &day, &month, &year,
                               &hour, &minute, &second), ==, 6);
      g_assert_cmpuint (strlen (last_online), ==, strlen ("11-08-2020 17:15:31"));

      g_assert_nonnull (signature);
      demo_assert_members (signature, signature_members);
      g_assert_cmpuint (strlen (demo_string_member (signature, "serial")), ==, 40);
      end = demo_string_member (signature, "cert_end_data");
      /* Around midnight the day may have turned between the answer and this check. */
      if (g_strcmp0 (end, end_today) != 0)
        {
          g_autofree char *end_yesterday = kyiv_day_text (expected->certificate_days - 1);

          g_assert_cmpstr (end, ==, end_yesterday);
        }
    }
  else
    {
      assert_null_member (user, "last_online");
    }
}

static void
test_accounts_table (void)
{
  const CdDemoAccount *accounts = cd_demo_server_accounts ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (const CdDemoAccount *account = accounts; account->email != NULL; account++, n++)
    {
      g_assert_true (g_str_has_suffix (account->email, "@demo.test"));
      g_assert_true (g_hash_table_add (seen, (gpointer) account->email));
      g_assert_nonnull (account->password);
      g_assert_cmpstr (account->what, !=, "");
      if (strcmp (account->email, "quoting@demo.test") == 0)
        g_assert_cmpstr (account->password, ==, "Пароль \"з\" \\лапками\\ 🔑");
      else
        g_assert_cmpstr (account->password, ==, CD_DEMO_PASSWORD);
    }
  g_assert_cmpuint (n, ==, 14);
  g_assert_true (cd_demo_server_accounts () == accounts);
}

static void
test_cashier (void)
{
  Expected expected = {
    .email = "cashier@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = TRUE,
    .shift_type = JSON_NODE_VALUE, .shift_text = "4000055255", .jwt = TRUE,
    .token_days = 365, .signature = TRUE, .certificate_days = 200,
  };

  assert_account_answer (&expected);
}

static void
test_no_shift (void)
{
  Expected expected = {
    .email = "no-shift@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = FALSE,
    .shift_type = JSON_NODE_NULL, .jwt = TRUE,
    .token_days = 365, .signature = TRUE, .certificate_days = 200,
  };

  assert_account_answer (&expected);
}

static void
test_integer_shift (void)
{
  Expected expected = {
    .email = "int-shift@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = TRUE,
    .shift_type = JSON_NODE_VALUE, .shift_number = 4000055256, .developer_id = 42,
    .jwt = FALSE, .token_days = 365, .signature = TRUE, .certificate_days = 200,
  };

  assert_account_answer (&expected);
}

static void
test_certificate_expiring (void)
{
  Expected expected = {
    .email = "expiring@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = TRUE,
    .shift_type = JSON_NODE_VALUE, .jwt = TRUE,
    .token_days = 365, .signature = TRUE, .certificate_days = 10,
  };

  assert_account_answer (&expected);
}

static void
test_certificate_expired (void)
{
  Expected expected = {
    .email = "expired@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = TRUE,
    .shift_type = JSON_NODE_NULL, .jwt = TRUE,
    .token_days = 365, .signature = TRUE, .certificate_days = -20,
  };

  assert_account_answer (&expected);
}

static void
test_no_signature (void)
{
  Expected expected = {
    .email = "no-signature@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = FALSE,
    .shift_type = JSON_NODE_NULL, .jwt = TRUE, .token_days = 365, .signature = FALSE,
  };

  assert_account_answer (&expected);
}

static void
test_expired_token (void)
{
  Expected expected = {
    .email = "expired-token@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = FALSE,
    .shift_type = JSON_NODE_NULL, .jwt = TRUE,
    .token_days = -2, .signature = TRUE, .certificate_days = 200,
  };

  assert_account_answer (&expected);
}

static void
test_token_expiring (void)
{
  Expected expected = {
    .email = "token-expiring@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = TRUE,
    .shift_type = JSON_NODE_VALUE, .shift_text = "4000055259", .jwt = TRUE,
    .token_days = 5, .signature = TRUE, .certificate_days = 200,
  };

  assert_account_answer (&expected);
}

static void
test_quoting_password (void)
{
  const CdDemoAccount *account = cd_demo_server_accounts ();
  Expected expected = {
    .email = "quoting@demo.test", .active_rro = TRUE,
    .shift_type = JSON_NODE_VALUE, .shift_text = "4000055255", .jwt = TRUE,
    .token_days = 365, .signature = TRUE, .certificate_days = 200,
  };
  g_auto(DemoReply) reply = { 0 };

  while (g_strcmp0 (account->email, expected.email) != 0)
    account++;
  expected.password = account->password;
  assert_account_answer (&expected);

  /* The quotes and backslashes count: without them the password is wrong. */
  demo_sign_in (expected.email, "Пароль з лапками 🔑", &reply);
  demo_assert_error_answer (&reply, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
}

static void
test_slow (void)
{
  Expected expected = {
    .email = "slow@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = TRUE,
    .shift_type = JSON_NODE_VALUE, .jwt = TRUE,
    .token_days = 365, .signature = TRUE, .certificate_days = 200,
  };
  g_autofree char *slow_body = demo_credentials_json ("slow@demo.test", CD_DEMO_PASSWORD);
  g_autofree char *fast_body = demo_credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_autoptr(SoupMessage) slow = demo_message_new (demo_test_url (), "POST",
                                                  "/authenticate", "application/json",
                                                  "application/json", "tests", slow_body);
  g_autoptr(SoupMessage) fast = demo_message_new (demo_test_url (), "POST",
                                                  "/authenticate", "application/json",
                                                  "application/json", "tests", fast_body);
  g_autoptr(GAsyncResult) slow_result = NULL;
  g_autoptr(GAsyncResult) fast_result = NULL;
  g_autoptr(GBytes) slow_answer = NULL;
  g_autoptr(GBytes) fast_answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 slow_done;

  assert_account_answer (&expected);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, DEMO_SLOW_DELAY_MS * 1000);

  /* While one answer waits, the server goes on answering others. */
  start = g_get_monotonic_time ();
  soup_session_send_and_read_async (demo_test_session (), slow, G_PRIORITY_DEFAULT, NULL,
                                    test_store_result, &slow_result);
  soup_session_send_and_read_async (demo_test_session (), fast, G_PRIORITY_DEFAULT, NULL,
                                    test_store_result, &fast_result);
  test_wait_for_result (&fast_result, DEMO_WAIT_SECONDS);
  g_assert_null (slow_result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, DEMO_SLOW_DELAY_MS * 1000);
  fast_answer = soup_session_send_and_read_finish (demo_test_session (), fast_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (fast), ==, SOUP_STATUS_OK);

  test_wait_for_result (&slow_result, DEMO_WAIT_SECONDS);
  slow_done = g_get_monotonic_time ();
  g_assert_cmpint (slow_done - start, >=, DEMO_SLOW_DELAY_MS * 1000);
  slow_answer = soup_session_send_and_read_finish (demo_test_session (), slow_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (slow), ==, SOUP_STATUS_OK);
}

static void
test_wrong_password (void)
{
  g_auto(DemoReply) wrong = { 0 };
  g_auto(DemoReply) unknown = { 0 };
  g_auto(DemoReply) case_differs = { 0 };

  demo_sign_in ("cashier@demo.test", "Demo", &wrong);
  demo_assert_error_answer (&wrong, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
  demo_sign_in ("nobody@demo.test", CD_DEMO_PASSWORD, &unknown);
  demo_assert_error_answer (&unknown, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
  /* Emails are not case-sensitive, passwords are. */
  demo_sign_in ("Cashier@Demo.Test", CD_DEMO_PASSWORD, &case_differs);
  g_assert_cmpuint (case_differs.status, ==, SOUP_STATUS_OK);
}

static void
test_invalid (void)
{
  g_auto(DemoReply) reply = { 0 };

  demo_sign_in ("invalid@demo.test", CD_DEMO_PASSWORD, &reply);
  demo_assert_error_answer (&reply, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                            "Поле email має невірний формат");
}

static void
test_busy (void)
{
  g_auto(DemoReply) reply = { 0 };

  demo_sign_in ("busy@demo.test", CD_DEMO_PASSWORD, &reply);
  demo_assert_error_answer (&reply, STATUS_TOO_MANY_REQUESTS, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Retry-After"), ==, "30");
}

static void
test_broken (void)
{
  g_auto(DemoReply) reply = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *page;

  demo_sign_in ("broken@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  demo_assert_content_type (&reply, "text/html");
  page = g_bytes_get_data (reply.body, &length);
  g_assert_true (g_str_has_prefix (page, "<html>"));
  g_assert_false (json_parser_load_from_data (parser, page, length, NULL));
}

static void
test_garbled (void)
{
  g_auto(DemoReply) reply = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  demo_sign_in ("garbled@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  demo_assert_content_type (&reply, "application/json");
  data = g_bytes_get_data (reply.body, &length);
  g_assert_cmpuint (length, >, 0);
  g_assert_cmpint (data[0], ==, '{');
  g_assert_false (json_parser_load_from_data (parser, data, length, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  demo_test_init (&argc, &argv);
  g_test_add_func ("/demo/accounts", test_accounts_table);
  g_test_add_func ("/demo/cashier", test_cashier);
  g_test_add_func ("/demo/no-shift", test_no_shift);
  g_test_add_func ("/demo/int-shift", test_integer_shift);
  g_test_add_func ("/demo/certificate-expiring", test_certificate_expiring);
  g_test_add_func ("/demo/certificate-expired", test_certificate_expired);
  g_test_add_func ("/demo/no-signature", test_no_signature);
  g_test_add_func ("/demo/expired-token", test_expired_token);
  g_test_add_func ("/demo/token-expiring", test_token_expiring);
  g_test_add_func ("/demo/quoting-password", test_quoting_password);
  g_test_add_func ("/demo/wrong-password", test_wrong_password);
  g_test_add_func ("/demo/invalid", test_invalid);
  g_test_add_func ("/demo/busy", test_busy);
  g_test_add_func ("/demo/broken", test_broken);
  g_test_add_func ("/demo/garbled", test_garbled);
  g_test_add_func ("/demo/slow", test_slow);
  return demo_test_run ();
}
