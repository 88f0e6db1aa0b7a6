/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-demo-server.c: the demo server over real HTTP on loopback, in-process and as the
 * cashdesk-demo-server program. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cd-dates.h"
#include "cd-demo-server.h"
#include "test-util.h"

#define SLOW_DELAY_MS 300
#define STATUS_TOO_MANY_REQUESTS 429

/* A self-signed certificate for 127.0.0.1, valid until 2126: for testing only. */
static const char test_certificate_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUbREu7/EO1fWQ1zDIc/oRcN+gZGYwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODE1MTU1NVoYDzIxMjYxMTA0\n"
  "MTUxNTU1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAQoedGwDVlJieta2T1Gv70fKWiXEwVfqNlmEvKJQ/6RK8TaOwcX6lVW\n"
  "YitEObLhCyX2PRgI6KNJFFiEGhhS39r+o2QwYjAdBgNVHQ4EFgQUpaGckisQCNph\n"
  "OGTqIHF/SOfnFTowHwYDVR0jBBgwFoAUpaGckisQCNphOGTqIHF/SOfnFTowDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IGprn8V8rhd8ckLGR6ngA8MTeVXDV+KhOH1P2asssdzkAiEA3O9vooauFhaUhiUg\n"
  "fo+CVTMumVZGESiLk3p/IgzCyU4=\n"
  "-----END CERTIFICATE-----\n";
static const char test_key_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgh9WEe+x0JmGwFTu8\n"
  "tHKGQB7N4keBnppTxpISNsulGE+hRANCAAQoedGwDVlJieta2T1Gv70fKWiXEwVf\n"
  "qNlmEvKJQ/6RK8TaOwcX6lVWYitEObLhCyX2PRgI6KNJFFiEGhhS39r+\n"
  "-----END PRIVATE KEY-----\n";

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
static const char *const error_members[] = { "message", "type", NULL };

static CdDemoServer *server;
static SoupSession *session;

typedef struct {
  guint                status;
  SoupMessageHeaders  *headers;
  GBytes              *body;
  GError              *error;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_error (&reply->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for a while, so that whatever the server scheduled gets to run. */
static void
spin (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
accept_any_certificate (SoupMessage          *message,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

/* @body and each header may be NULL to leave it out. */
static SoupMessage *
new_message (const char *base_url,
             const char *method,
             const char *path,
             const char *accept,
             const char *content_type,
             const char *developer_id,
             const char *body)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  SoupMessage *message = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  g_assert_nonnull (message);
  if (accept != NULL)
    soup_message_headers_replace (headers, "Accept", accept);
  if (developer_id != NULL)
    soup_message_headers_replace (headers, "developer-id", developer_id);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  return message;
}

static void
send_message (SoupMessage  *message,
              GCancellable *cancellable,
              Reply        *reply)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                                    store_result, &result);
  reply->body = soup_session_send_and_read_finish (session, wait_for (&result), &reply->error);
  reply->status = soup_message_get_status (message);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
}

static void
request_full (const char *base_url,
              const char *method,
              const char *path,
              const char *accept,
              const char *content_type,
              const char *developer_id,
              const char *body,
              Reply      *reply)
{
  g_autoptr(SoupMessage) message = new_message (base_url, method, path, accept,
                                                content_type, developer_id, body);

  send_message (message, NULL, reply);
  g_assert_no_error (reply->error);
}

static void
request (const char *accept,
         const char *content_type,
         const char *developer_id,
         const char *body,
         Reply      *reply)
{
  request_full (cd_demo_server_get_url (server), "POST", "/authenticate", accept,
                content_type, developer_id, body, reply);
}

static char *
credentials_json (const char *email,
                  const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
sign_in_at (const char *base_url,
            const char *email,
            const char *password,
            Reply      *reply)
{
  g_autofree char *body = credentials_json (email, password);

  request_full (base_url, "POST", "/authenticate", "application/json", "application/json",
                "cashdesk-login-tests", body, reply);
}

static void
sign_in (const char *email,
         const char *password,
         Reply      *reply)
{
  sign_in_at (cd_demo_server_get_url (server), email, password, reply);
}

static void
assert_content_type (Reply      *reply,
                     const char *expected)
{
  const char *type = soup_message_headers_get_content_type (reply->headers, NULL);

  g_assert_cmpstr (type, ==, expected);
}

static JsonObject *
parse_object (Reply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (reply->body, &length);
  JsonNode *root;

  assert_content_type (reply, "application/json");
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* Exactly these members, no more, no fewer. */
static void
assert_members (JsonObject        *object,
                const char *const *names)
{
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    if (!json_object_has_member (object, names[i]))
      g_error ("member “%s” is missing", names[i]);
}

static void
assert_error_answer (Reply      *reply,
                     guint       status,
                     const char *message)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (reply->status, ==, status);
  object = parse_object (reply);
  assert_members (object, error_members);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "ERROR");
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, message);
  else
    g_assert_cmpstr (json_object_get_string_member (object, "message"), !=, "");
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

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
  const char *token = string_member (answer, "token");
  gint64 expires_at = parse_minutes (string_member (answer, "token_expires_at"));
  gint64 lowest = before + (gint64) days * 24 * 3600 - 60;
  gint64 highest = after + (gint64) days * 24 * 3600;

  g_assert_true (g_str_has_prefix (token, "Bearer "));
  token += strlen ("Bearer ");
  g_assert_cmpint (expires_at, >=, lowest);
  g_assert_cmpint (expires_at, <=, highest);

  if (jwt)
    {
      g_autoptr(JsonObject) payload = decode_jwt_payload (token);

      g_assert_cmpstr (string_member (payload, "sub"), ==, uuid);
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
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) before_time = g_date_time_new_now (kyiv);
  g_autoptr(GDateTime) after_time = NULL;
  JsonObject *user;
  JsonNode *shift;
  const char *uuid;
  const char *last_online;

  sign_in (expected->email, expected->password, &reply);
  after_time = g_date_time_new_now (kyiv);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  answer = parse_object (&reply);
  assert_members (answer, answer_members);

  g_assert_true (json_object_get_boolean_member (answer, "active_rro") == expected->active_rro);
  if (expected->developer_id != 0)
    g_assert_cmpint (integer_member (answer, "developer_id"), ==, expected->developer_id);
  else
    assert_null_member (answer, "developer_id");

  shift = json_object_get_member (answer, "opened_shift");
  g_assert_cmpint (json_node_get_node_type (shift), ==, expected->shift_type);
  if (expected->shift_text != NULL)
    g_assert_cmpstr (string_member (answer, "opened_shift"), ==, expected->shift_text);
  if (expected->shift_number != 0)
    g_assert_cmpint (integer_member (answer, "opened_shift"), ==, expected->shift_number);

  user = json_object_get_object_member (answer, "user");
  g_assert_nonnull (user);
  assert_members (user, expected->signature ? user_members : bare_user_members);
  g_assert_cmpstr (string_member (user, "email"), ==, expected->email);
  g_assert_cmpstr (string_member (user, "full_name"), !=, "");
  g_assert_true (g_utf8_validate (string_member (user, "full_name"), -1, NULL));
  g_assert_cmpuint (strlen (string_member (user, "edrpou")), ==, 8);
  uuid = string_member (user, "uuid");
  g_assert_true (g_uuid_string_is_valid (uuid));

  assert_token (answer, expected->jwt, uuid, expected->token_days,
                g_date_time_to_unix (before_time), g_date_time_to_unix (after_time));

  if (expected->signature)
    {
      JsonObject *signature = json_object_get_object_member (user, "signature");
      g_autofree char *end_today = kyiv_day_text (expected->certificate_days);
      const char *end = NULL;
      int day, month, year, hour, minute, second;

      g_assert_cmpuint (strlen (string_member (user, "drfo")), ==, 10);
      g_assert_cmpuint (strlen (string_member (user, "subject_key_id")), ==, 64);
      last_online = string_member (user, "last_online");
      g_assert_cmpint (sscanf (last_online, "%2d-%2d-%4d %2d:%2d:%2d", &day, &month, &year,
                               &hour, &minute, &second), ==, 6);
      g_assert_cmpuint (strlen (last_online), ==, strlen ("11-08-2020 17:15:31"));

      g_assert_nonnull (signature);
      assert_members (signature, signature_members);
      g_assert_cmpuint (strlen (string_member (signature, "serial")), ==, 40);
      end = string_member (signature, "cert_end_data");
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
  g_auto(Reply) reply = { 0 };

  while (g_strcmp0 (account->email, expected.email) != 0)
    account++;
  expected.password = account->password;
  assert_account_answer (&expected);

  /* The quotes and backslashes count: without them the password is wrong. */
  sign_in (expected.email, "Пароль з лапками 🔑", &reply);
  assert_error_answer (&reply, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
}

static void
test_slow (void)
{
  Expected expected = {
    .email = "slow@demo.test", .password = CD_DEMO_PASSWORD, .active_rro = TRUE,
    .shift_type = JSON_NODE_VALUE, .jwt = TRUE,
    .token_days = 365, .signature = TRUE, .certificate_days = 200,
  };
  g_autofree char *slow_body = credentials_json ("slow@demo.test", CD_DEMO_PASSWORD);
  g_autofree char *fast_body = credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_autoptr(SoupMessage) slow = new_message (cd_demo_server_get_url (server), "POST",
                                             "/authenticate", "application/json",
                                             "application/json", "tests", slow_body);
  g_autoptr(SoupMessage) fast = new_message (cd_demo_server_get_url (server), "POST",
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
  g_assert_cmpint (g_get_monotonic_time () - start, >=, SLOW_DELAY_MS * 1000);

  /* While one answer waits, the server goes on answering others. */
  start = g_get_monotonic_time ();
  soup_session_send_and_read_async (session, slow, G_PRIORITY_DEFAULT, NULL,
                                    store_result, &slow_result);
  soup_session_send_and_read_async (session, fast, G_PRIORITY_DEFAULT, NULL,
                                    store_result, &fast_result);
  wait_for (&fast_result);
  g_assert_null (slow_result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, SLOW_DELAY_MS * 1000);
  fast_answer = soup_session_send_and_read_finish (session, fast_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (fast), ==, SOUP_STATUS_OK);

  wait_for (&slow_result);
  slow_done = g_get_monotonic_time ();
  g_assert_cmpint (slow_done - start, >=, SLOW_DELAY_MS * 1000);
  slow_answer = soup_session_send_and_read_finish (session, slow_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (slow), ==, SOUP_STATUS_OK);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_slow_client_gives_up (void)
{
  g_autofree char *body = credentials_json ("slow@demo.test", CD_DEMO_PASSWORD);
  g_autoptr(SoupMessage) message = new_message (cd_demo_server_get_url (server), "POST",
                                                "/authenticate", "application/json",
                                                "application/json", "tests", body);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) after = { 0 };

  g_timeout_add (SLOW_DELAY_MS / 3, cancel_soon, cancellable);
  send_message (message, cancellable, &reply);
  g_assert_error (reply.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The answer's timeout fires for a client that has gone: no warning (they are fatal
   * here), no crash, and the server still answers. */
  spin (SLOW_DELAY_MS * 2);
  sign_in ("cashier@demo.test", CD_DEMO_PASSWORD, &after);
  g_assert_cmpuint (after.status, ==, SOUP_STATUS_OK);
}

static void
test_server_gone_while_slow (void)
{
  g_autoptr(CdDemoServer) doomed = cd_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = credentials_json ("slow@demo.test", CD_DEMO_PASSWORD);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  gint64 start = g_get_monotonic_time ();

  cd_demo_server_set_slow_delay (doomed, 10000);
  g_assert_true (cd_demo_server_start (doomed, 0, NULL, &error));
  g_assert_no_error (error);
  message = new_message (cd_demo_server_get_url (doomed), "POST", "/authenticate",
                         "application/json", "application/json", "tests", body);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    store_result, &result);
  spin (100);
  g_assert_null (result);
  g_clear_object (&doomed);

  answer = soup_session_send_and_read_finish (session, wait_for (&result), &error);
  g_assert_nonnull (error);
  g_assert_null (answer);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10000 * 1000);
}

static void
test_wrong_password (void)
{
  g_auto(Reply) wrong = { 0 };
  g_auto(Reply) unknown = { 0 };
  g_auto(Reply) case_differs = { 0 };

  sign_in ("cashier@demo.test", "Demo", &wrong);
  assert_error_answer (&wrong, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
  sign_in ("nobody@demo.test", CD_DEMO_PASSWORD, &unknown);
  assert_error_answer (&unknown, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
  /* Emails are not case-sensitive, passwords are. */
  sign_in ("Cashier@Demo.Test", CD_DEMO_PASSWORD, &case_differs);
  g_assert_cmpuint (case_differs.status, ==, SOUP_STATUS_OK);
}

/* The server the window's --demo starts links no hostile answers: their emails are
 * unknown there (this test program does not install them). */
static void
test_no_hostile_answers (void)
{
  const char *hostile[] = { "hang@demo.test", "gzip-bomb@demo.test", "reset@demo.test" };

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_auto(Reply) reply = { 0 };

      sign_in (hostile[i], CD_DEMO_PASSWORD, &reply);
      assert_error_answer (&reply, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
    }
}

static void
test_developer_id (void)
{
  g_autofree char *body = credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(Reply) missing = { 0 };
  g_auto(Reply) blank = { 0 };

  request ("application/json", "application/json", NULL, body, &missing);
  assert_error_answer (&missing, SOUP_STATUS_FORBIDDEN,
                       "Доступ заблоковано: запит не містить developer-id");
  request ("application/json", "application/json", "  ", body, &blank);
  assert_error_answer (&blank, SOUP_STATUS_FORBIDDEN,
                       "Доступ заблоковано: запит не містить developer-id");
}

static void
test_content_type (void)
{
  g_autofree char *body = credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(Reply) text = { 0 };
  g_auto(Reply) form = { 0 };
  g_auto(Reply) with_charset = { 0 };

  request ("application/json", "text/plain", "tests", body, &text);
  assert_error_answer (&text, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL);
  request ("application/json", "application/x-www-form-urlencoded", "tests", body, &form);
  assert_error_answer (&form, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL);
  request ("application/json", "Application/JSON; charset=utf-8", "tests", body,
           &with_charset);
  g_assert_cmpuint (with_charset.status, ==, SOUP_STATUS_OK);
}

static void
test_accept (void)
{
  g_autofree char *body = credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  const struct {
    const char *accept;
    guint       status;
  } cases[] = {
    { NULL, SOUP_STATUS_NOT_ACCEPTABLE },
    { "text/html", SOUP_STATUS_NOT_ACCEPTABLE },
    { "application/json;q=0, */*", SOUP_STATUS_NOT_ACCEPTABLE },
    { "application/json", SOUP_STATUS_OK },
    { "text/html, application/json; charset=utf-8; q=0.5", SOUP_STATUS_OK },
    { "application/*", SOUP_STATUS_OK },
    { "*/*", SOUP_STATUS_OK },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Reply) reply = { 0 };

      g_test_message ("Accept: %s", cases[i].accept ? cases[i].accept : "(none)");
      request (cases[i].accept, "application/json", "tests", body, &reply);
      if (cases[i].status == SOUP_STATUS_OK)
        g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
      else
        assert_error_answer (&reply, cases[i].status, NULL);
    }
}

static void
test_bad_body (void)
{
  const char *const bodies[] = {
    "",
    "email=cashier@demo.test&password=demo",
    "{\"email\": \"cashier@demo.test\", \"password\": ",
    "[\"cashier@demo.test\", \"demo\"]",
    "\"cashier@demo.test\"",
    "{\"password\": \"demo\"}",
    "{\"email\": \"cashier@demo.test\"}",
    "{\"email\": 42, \"password\": \"demo\"}",
    "{\"email\": \"cashier@demo.test\", \"password\": null}",
    "{\"email\": \"cashier@demo.test\", \"password\": [\"demo\"]}",
    "{\"email\": \"\", \"password\": \"demo\"}",
    "{\"email\": \"cashier\", \"password\": \"demo\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_auto(Reply) reply = { 0 };

      g_test_message ("body: %s", bodies[i]);
      request ("application/json", "application/json", "tests", bodies[i], &reply);
      assert_error_answer (&reply, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL);
    }
}

static void
test_wrong_path_and_method (void)
{
  g_autofree char *body = credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(Reply) get = { 0 };
  g_auto(Reply) other_path = { 0 };
  g_auto(Reply) trailing = { 0 };

  request_full (cd_demo_server_get_url (server), "GET", "/authenticate", "application/json",
                NULL, "tests", NULL, &get);
  assert_error_answer (&get, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (get.headers, "Allow"), ==, "POST");

  request_full (cd_demo_server_get_url (server), "POST", "/login", "application/json",
                "application/json", "tests", body, &other_path);
  assert_error_answer (&other_path, SOUP_STATUS_NOT_FOUND, NULL);
  request_full (cd_demo_server_get_url (server), "POST", "/authenticate/x", "application/json",
                "application/json", "tests", body, &trailing);
  assert_error_answer (&trailing, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
test_invalid (void)
{
  g_auto(Reply) reply = { 0 };

  sign_in ("invalid@demo.test", CD_DEMO_PASSWORD, &reply);
  assert_error_answer (&reply, SOUP_STATUS_UNPROCESSABLE_ENTITY, "Поле email має невірний формат");
}

static void
test_busy (void)
{
  g_auto(Reply) reply = { 0 };

  sign_in ("busy@demo.test", CD_DEMO_PASSWORD, &reply);
  assert_error_answer (&reply, STATUS_TOO_MANY_REQUESTS, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Retry-After"), ==, "30");
}

static void
test_broken (void)
{
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *page;

  sign_in ("broken@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  assert_content_type (&reply, "text/html");
  page = g_bytes_get_data (reply.body, &length);
  g_assert_true (g_str_has_prefix (page, "<html>"));
  g_assert_false (json_parser_load_from_data (parser, page, length, NULL));
}

static void
test_garbled (void)
{
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  sign_in ("garbled@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  assert_content_type (&reply, "application/json");
  data = g_bytes_get_data (reply.body, &length);
  g_assert_cmpuint (length, >, 0);
  g_assert_cmpint (data[0], ==, '{');
  g_assert_false (json_parser_load_from_data (parser, data, length, &error));
  g_assert_nonnull (error);
}

static void
test_request_count (void)
{
  guint before = cd_demo_server_get_request_count (server);
  g_autofree char *body = credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(Reply) first = { 0 };
  g_auto(Reply) refused = { 0 };
  g_auto(Reply) elsewhere = { 0 };

  sign_in ("cashier@demo.test", CD_DEMO_PASSWORD, &first);
  g_assert_cmpuint (cd_demo_server_get_request_count (server), ==, before + 1);
  request ("application/json", "application/json", NULL, body, &refused);
  g_assert_cmpuint (cd_demo_server_get_request_count (server), ==, before + 2);
  request_full (cd_demo_server_get_url (server), "POST", "/tax_objects", "application/json",
                "application/json", "tests", body, &elsewhere);
  g_assert_cmpuint (elsewhere.status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (cd_demo_server_get_request_count (server), ==, before + 2);
}

static void
test_url (void)
{
  const char *url = cd_demo_server_get_url (server);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/api/v2");
}

static void
test_https (void)
{
  g_autofree char *pem = g_strconcat (test_certificate_pem, test_key_pem, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_autoptr(CdDemoServer) secure = cd_demo_server_new ();
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonObject) answer = NULL;

  g_assert_no_error (error);
  g_assert_true (cd_demo_server_start (secure, 0, certificate, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cd_demo_server_get_url (secure), "https://127.0.0.1:"));

  sign_in_at (cd_demo_server_get_url (secure), "cashier@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  answer = parse_object (&reply);
  g_assert_cmpstr (string_member (answer, "opened_shift"), ==, "4000055255");
  g_assert_cmpuint (cd_demo_server_get_request_count (secure), ==, 1);
}

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, store_result, &result);
  line = g_data_input_stream_read_line_finish_utf8 (stream, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  return line;
}

static char *
program_path (void)
{
  const char *build_dir = g_getenv ("CD_BUILD_DIR");

  g_assert_nonnull (build_dir);
  return g_build_filename (build_dir, "src", "demo", "cashdesk-demo-server", NULL);
}

static void
run_program (gboolean tls)
{
  g_autofree char *program = program_path ();
  g_autofree char *directory = NULL;
  g_autofree char *certificate_file = NULL;
  g_autofree char *key_file = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autoptr(GAsyncResult) waited = NULL;
  g_autofree char *url = NULL;
  g_auto(Reply) reply = { 0 };
  char *line;

  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, "--slow-delay");
  g_ptr_array_add (argv, "100");
  if (tls)
    {
      directory = g_dir_make_tmp ("cd-demo-XXXXXX", &error);
      g_assert_no_error (error);
      certificate_file = g_build_filename (directory, "cert.pem", NULL);
      key_file = g_build_filename (directory, "key.pem", NULL);
      g_file_set_contents (certificate_file, test_certificate_pem, -1, &error);
      g_assert_no_error (error);
      g_file_set_contents (key_file, test_key_pem, -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (argv, "--tls-certificate");
      g_ptr_array_add (argv, certificate_file);
      g_ptr_array_add (argv, "--tls-key");
      g_ptr_array_add (argv, key_file);
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  url = read_line (output);
  g_assert_nonnull (url);
  g_test_message ("the program serves %s", url);
  g_assert_true (g_str_has_prefix (url, tls ? "https://127.0.0.1:" : "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url, "/api/v2"));

  sign_in_at (url, "slow@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);

  g_subprocess_send_signal (process, SIGTERM);
  while ((line = read_line (output)) != NULL)
    {
      g_string_append (rest, line);
      g_string_append_c (rest, '\n');
      g_free (line);
    }
  for (const CdDemoAccount *account = cd_demo_server_accounts (); account->email; account++)
    g_assert_nonnull (strstr (rest->str, account->email));

  g_subprocess_wait_async (process, NULL, store_result, &waited);
  g_subprocess_wait_finish (process, wait_for (&waited), &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  if (tls)
    {
      g_assert_no_errno (g_remove (certificate_file));
      g_assert_no_errno (g_remove (key_file));
      g_assert_no_errno (g_rmdir (directory));
    }
}

static void
test_program (void)
{
  run_program (FALSE);
}

static void
test_program_https (void)
{
  run_program (TRUE);
}

static void
test_program_options (void)
{
  g_autofree char *program = program_path ();
  const struct {
    const char *option;
    const char *value;
    int         status;
  } cases[] = {
    { "--help", NULL, 0 },
    { "--port", "70000", 1 },
    { "--slow-delay", "soon", 1 },
    { "--tls-certificate", "/nonexistent.pem", 1 },
    { "--no-such-option", NULL, 1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                  &error, program, cases[i].option, cases[i].value, NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (process, NULL, NULL, store_result, &result);
      g_subprocess_communicate_utf8_finish (process, wait_for (&result), &out, &err, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s%s", cases[i].option, out, err);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, cases[i].status);
      if (cases[i].status == 0)
        {
          g_assert_nonnull (strstr (out, "--slow-delay"));
          g_assert_nonnull (strstr (out, "--tls-certificate"));
        }
      else
        {
          g_assert_true (g_str_has_prefix (err, "cashdesk-demo-server: "));
          g_assert_cmpstr (out, ==, "");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  test_init (&argc, &argv);

  server = cd_demo_server_new ();
  cd_demo_server_set_slow_delay (server, SLOW_DELAY_MS);
  if (!cd_demo_server_start (server, 0, NULL, &error))
    g_error ("cannot start the demo server: %s", error->message);
  session = soup_session_new ();

  g_test_add_func ("/demo/accounts", test_accounts_table);
  g_test_add_func ("/demo/url", test_url);
  g_test_add_func ("/demo/no-hostile-answers", test_no_hostile_answers);
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
  g_test_add_func ("/demo/developer-id", test_developer_id);
  g_test_add_func ("/demo/content-type", test_content_type);
  g_test_add_func ("/demo/accept", test_accept);
  g_test_add_func ("/demo/bad-body", test_bad_body);
  g_test_add_func ("/demo/wrong-path-and-method", test_wrong_path_and_method);
  g_test_add_func ("/demo/invalid", test_invalid);
  g_test_add_func ("/demo/busy", test_busy);
  g_test_add_func ("/demo/broken", test_broken);
  g_test_add_func ("/demo/garbled", test_garbled);
  g_test_add_func ("/demo/slow", test_slow);
  g_test_add_func ("/demo/slow-client-gives-up", test_slow_client_gives_up);
  g_test_add_func ("/demo/server-gone-while-slow", test_server_gone_while_slow);
  g_test_add_func ("/demo/request-count", test_request_count);
  g_test_add_func ("/demo/https", test_https);
  g_test_add_func ("/demo/program", test_program);
  g_test_add_func ("/demo/program-https", test_program_https);
  g_test_add_func ("/demo/program-options", test_program_options);

  status = g_test_run ();

  g_clear_object (&session);
  g_clear_object (&server);
  return status;
}
