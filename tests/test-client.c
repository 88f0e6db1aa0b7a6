/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-client.c: CdClient against the demo server, in-process, over real HTTP on
 * loopback: every sample account, cancellation, timeout, a server that is down. */
#include "cd-client.h"
#include "cd-dates.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "test-util.h"

static CdDemoServer *demo;

static CdClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  CdClient *client = cd_client_new (cd_demo_server_get_url (demo), FALSE, &error);

  g_assert_no_error (error);
  return client;
}

static CdAccount *
sign_in_full (CdClient     *client,
              const char   *email,
              const char   *password,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_client_authenticate_async (client, email, password, cancellable, test_store_result, &result);
  test_wait_for_result (&result, 60);
  return cd_client_authenticate_finish (client, result, error);
}

static CdAccount *
sign_in (const char *email,
         GError    **error)
{
  g_autoptr(CdClient) client = new_client ();

  return sign_in_full (client, email, CD_DEMO_PASSWORD, NULL, error);
}

static void
test_cashier (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = sign_in ("cashier@demo.test", &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int days = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (cd_account_get_email (account), ==, "cashier@demo.test");
  g_assert_cmpstr (cd_account_get_server (account), ==, cd_demo_server_get_url (demo));
  g_assert_cmpstr (cd_account_get_full_name (account), ==, "Іваненко Марія Петрівна");
  g_assert_cmpstr (cd_account_get_opened_shift (account), ==, "4000055255");
  g_assert_true (cd_account_get_active_rro (account));
  g_assert_true (g_str_has_prefix (cd_account_get_token (account), "Bearer "));
  g_assert_nonnull (cd_account_get_token_expires_at (account));
  g_assert_true (cd_account_token_is_valid (account, now));
  g_assert_cmpint (cd_account_get_cert_state (account, now, &days), ==, CD_CERT_VALID);
  g_assert_cmpint (days, >, 30);
  g_assert_nonnull (cd_account_get_cert_serial (account));
  g_assert_nonnull (cd_account_get_last_online (account));
}

static void
test_shift_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) none = sign_in ("no-shift@demo.test", &error);
  g_autoptr(CdAccount) integer = NULL;

  g_assert_no_error (error);
  g_assert_null (cd_account_get_opened_shift (none));
  g_assert_false (cd_account_get_active_rro (none));

  integer = sign_in ("int-shift@demo.test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_account_get_opened_shift (integer), ==, "4000055256");
  g_assert_cmpstr (cd_account_get_developer_id (integer), ==, "42");
  /* Its token is no JWT: the expiry comes from token_expires_at. */
  g_assert_null (cd_dates_jwt_expiry (cd_account_get_token (integer)));
  g_assert_nonnull (cd_account_get_token_expires_at (integer));
}

static void
test_certificates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) expiring = sign_in ("expiring@demo.test", &error);
  g_autoptr(CdAccount) expired = NULL;
  g_autoptr(CdAccount) unsigned_ = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int days = 0;

  g_assert_no_error (error);
  g_assert_cmpint (cd_account_get_cert_state (expiring, now, &days), ==, CD_CERT_EXPIRING);
  g_assert_cmpint (days, ==, 10);

  expired = sign_in ("expired@demo.test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_account_get_cert_state (expired, now, &days), ==, CD_CERT_EXPIRED);
  g_assert_cmpint (days, ==, -20);

  unsigned_ = sign_in ("no-signature@demo.test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_account_get_cert_state (unsigned_, now, NULL), ==, CD_CERT_UNKNOWN);
  g_assert_null (cd_account_get_cert_serial (unsigned_));
  g_assert_null (cd_account_get_drfo (unsigned_));
  g_assert_null (cd_account_get_last_online (unsigned_));
}

static void
test_expired_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = sign_in ("expired-token@demo.test", &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  g_assert_false (cd_account_token_is_valid (account, now));
}

static void
test_quoting_password (void)
{
  g_autoptr(CdClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  const CdDemoAccount *sample = cd_demo_server_accounts ();
  const char *password = NULL;

  for (; sample->email != NULL; sample++)
    if (g_str_equal (sample->email, "quoting@demo.test"))
      password = sample->password;
  g_assert_cmpstr (password, ==, "Пароль \"з\" \\лапками\\ 🔑");

  account = sign_in_full (client, "quoting@demo.test", password, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
}

static void
check_error (const char *email,
             const char *password,
             int         code,
             const char *in_message)
{
  g_autoptr(CdClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = sign_in_full (client, email, password, NULL, &error);

  g_assert_null (account);
  g_assert_error (error, CD_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, in_message);
}

static void
test_errors (void)
{
  check_error ("cashier@demo.test", "wrong", CD_ERROR_REJECTED, "Невірний логін або пароль");
  check_error ("nobody@demo.test", CD_DEMO_PASSWORD, CD_ERROR_REJECTED, "Невірний логін або пароль");
  check_error ("invalid@demo.test", CD_DEMO_PASSWORD, CD_ERROR_REJECTED, "Поле email має невірний формат");
  check_error ("busy@demo.test", CD_DEMO_PASSWORD, CD_ERROR_RATE_LIMITED, "30");
  check_error ("broken@demo.test", CD_DEMO_PASSWORD, CD_ERROR_SERVER, "500");
  check_error ("garbled@demo.test", CD_DEMO_PASSWORD, CD_ERROR_PROTOCOL, NULL);
}

static void
test_bad_input_sends_nothing (void)
{
  guint before = cd_demo_server_get_request_count (demo);

  check_error ("not-an-email", CD_DEMO_PASSWORD, CD_ERROR_INVALID_INPUT, NULL);
  check_error ("cashier@demo.test", "", CD_ERROR_INVALID_INPUT, NULL);
  g_assert_cmpuint (cd_demo_server_get_request_count (demo), ==, before);
}

static gboolean
cancel_later (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_mid_request (void)
{
  g_autoptr(CdClient) client = new_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  guint before = cd_demo_server_get_request_count (demo);
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (300, cancel_later, cancellable);
  account = sign_in_full (client, "slow@demo.test", CD_DEMO_PASSWORD, cancellable, &error);
  g_assert_null (account);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* It reached the server, and gave up long before the slow answer. */
  g_assert_cmpuint (cd_demo_server_get_request_count (demo), ==, before + 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_TIME_SPAN_SECOND);
}

static void
test_cancelled_before (void)
{
  g_autoptr(CdClient) client = new_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;

  g_cancellable_cancel (cancellable);
  account = sign_in_full (client, "cashier@demo.test", CD_DEMO_PASSWORD, cancellable, &error);
  g_assert_null (account);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_timeout (void)
{
  g_autoptr(CdClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;

  cd_client_set_timeout (client, 1);
  account = sign_in_full (client, "slow@demo.test", CD_DEMO_PASSWORD, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_TIMEOUT);
}

static void
test_server_down (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago, and that nobody listens on now. */
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/api/v2",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = cd_client_new (url, FALSE, &error);
  g_assert_no_error (error);
  account = sign_in_full (client, "cashier@demo.test", CD_DEMO_PASSWORD, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_NETWORK);
}

static void
test_insecure_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdClient) client = cd_client_new ("http://cashdesk.example/api/v2", FALSE, &error);

  g_assert_null (client);
  g_assert_error (error, CD_ERROR, CD_ERROR_INSECURE_URL);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  test_init (&argc, &argv);

  demo = cd_demo_server_new ();
  cd_demo_server_set_slow_delay (demo, 3000);
  if (!cd_demo_server_start (demo, 0, NULL, &error))
    g_error ("the demo server did not start: %s", error->message);

  g_test_add_func ("/client/cashier", test_cashier);
  g_test_add_func ("/client/shift-variants", test_shift_variants);
  g_test_add_func ("/client/certificates", test_certificates);
  g_test_add_func ("/client/expired-token", test_expired_token);
  g_test_add_func ("/client/quoting-password", test_quoting_password);
  g_test_add_func ("/client/errors", test_errors);
  g_test_add_func ("/client/bad-input-sends-nothing", test_bad_input_sends_nothing);
  g_test_add_func ("/client/cancel-mid-request", test_cancel_mid_request);
  g_test_add_func ("/client/cancelled-before", test_cancelled_before);
  g_test_add_func ("/client/timeout", test_timeout);
  g_test_add_func ("/client/server-down", test_server_down);
  g_test_add_func ("/client/insecure-refused", test_insecure_refused);
  status = g_test_run ();
  g_object_unref (demo);
  return status;
}
