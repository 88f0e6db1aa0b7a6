/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-demo-server.c: the demo server itself (src/demo/cd-demo-server.c), in-process
 * over real HTTP on loopback: its address, what it asks of a request (developer-id,
 * Content-Type, Accept, the body, the path and method), the answers it holds back for
 * slow@demo.test, the requests it counts, and https. */
#include <string.h>

#include "test-demo-util.h"
#include "test-util.h"

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
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_slow_client_gives_up (void)
{
  g_autofree char *body = demo_credentials_json ("slow@demo.test", CD_DEMO_PASSWORD);
  g_autoptr(SoupMessage) message = demo_message_new (demo_test_url (), "POST",
                                                     "/authenticate", "application/json",
                                                     "application/json", "tests", body);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(DemoReply) reply = { 0 };
  g_auto(DemoReply) after = { 0 };

  g_timeout_add (DEMO_SLOW_DELAY_MS / 3, cancel_soon, cancellable);
  demo_send (message, cancellable, &reply);
  g_assert_error (reply.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The answer's timeout fires for a client that has gone: no warning (they are fatal
   * here), no crash, and the server still answers. */
  spin (DEMO_SLOW_DELAY_MS * 2);
  demo_sign_in ("cashier@demo.test", CD_DEMO_PASSWORD, &after);
  g_assert_cmpuint (after.status, ==, SOUP_STATUS_OK);
}

static void
test_server_gone_while_slow (void)
{
  g_autoptr(CdDemoServer) doomed = cd_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = demo_credentials_json ("slow@demo.test", CD_DEMO_PASSWORD);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  gint64 start = g_get_monotonic_time ();

  cd_demo_server_set_slow_delay (doomed, 10000);
  g_assert_true (cd_demo_server_start (doomed, 0, NULL, &error));
  g_assert_no_error (error);
  message = demo_message_new (cd_demo_server_get_url (doomed), "POST", "/authenticate",
                              "application/json", "application/json", "tests", body);
  soup_session_send_and_read_async (demo_test_session (), message, G_PRIORITY_DEFAULT, NULL,
                                    test_store_result, &result);
  spin (100);
  g_assert_null (result);
  g_clear_object (&doomed);

  test_wait_for_result (&result, DEMO_WAIT_SECONDS);
  answer = soup_session_send_and_read_finish (demo_test_session (), result, &error);
  g_assert_nonnull (error);
  g_assert_null (answer);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10000 * 1000);
}

/* The server the window's --demo starts links no hostile answers: their emails are
 * unknown there (this test program does not install them). */
static void
test_no_hostile_answers (void)
{
  const char *hostile[] = { "hang@demo.test", "gzip-bomb@demo.test", "reset@demo.test" };

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_auto(DemoReply) reply = { 0 };

      demo_sign_in (hostile[i], CD_DEMO_PASSWORD, &reply);
      demo_assert_error_answer (&reply, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
    }
}

static void
test_developer_id (void)
{
  g_autofree char *body = demo_credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(DemoReply) missing = { 0 };
  g_auto(DemoReply) blank = { 0 };

  demo_request ("application/json", "application/json", NULL, body, &missing);
  demo_assert_error_answer (&missing, SOUP_STATUS_FORBIDDEN,
                            "Доступ заблоковано: запит не містить developer-id");
  demo_request ("application/json", "application/json", "  ", body, &blank);
  demo_assert_error_answer (&blank, SOUP_STATUS_FORBIDDEN,
                            "Доступ заблоковано: запит не містить developer-id");
}

static void
test_content_type (void)
{
  g_autofree char *body = demo_credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(DemoReply) text = { 0 };
  g_auto(DemoReply) form = { 0 };
  g_auto(DemoReply) with_charset = { 0 };

  demo_request ("application/json", "text/plain", "tests", body, &text);
  demo_assert_error_answer (&text, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL);
  demo_request ("application/json", "application/x-www-form-urlencoded", "tests", body, &form);
  demo_assert_error_answer (&form, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL);
  demo_request ("application/json", "Application/JSON; charset=utf-8", "tests", body,
                &with_charset);
  g_assert_cmpuint (with_charset.status, ==, SOUP_STATUS_OK);
}

static void
test_accept (void)
{
  g_autofree char *body = demo_credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
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
      g_auto(DemoReply) reply = { 0 };

      g_test_message ("Accept: %s", cases[i].accept ? cases[i].accept : "(none)");
      demo_request (cases[i].accept, "application/json", "tests", body, &reply);
      if (cases[i].status == SOUP_STATUS_OK)
        g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
      else
        demo_assert_error_answer (&reply, cases[i].status, NULL);
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
      g_auto(DemoReply) reply = { 0 };

      g_test_message ("body: %s", bodies[i]);
      demo_request ("application/json", "application/json", "tests", bodies[i], &reply);
      demo_assert_error_answer (&reply, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL);
    }
}

static void
test_wrong_path_and_method (void)
{
  g_autofree char *body = demo_credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(DemoReply) get = { 0 };
  g_auto(DemoReply) other_path = { 0 };
  g_auto(DemoReply) trailing = { 0 };

  demo_request_full (demo_test_url (), "GET", "/authenticate", "application/json",
                     NULL, "tests", NULL, &get);
  demo_assert_error_answer (&get, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (get.headers, "Allow"), ==, "POST");

  demo_request_full (demo_test_url (), "POST", "/login", "application/json",
                     "application/json", "tests", body, &other_path);
  demo_assert_error_answer (&other_path, SOUP_STATUS_NOT_FOUND, NULL);
  demo_request_full (demo_test_url (), "POST", "/authenticate/x", "application/json",
                     "application/json", "tests", body, &trailing);
  demo_assert_error_answer (&trailing, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
test_request_count (void)
{
  guint before = cd_demo_server_get_request_count (demo_test_server ());
  g_autofree char *body = demo_credentials_json ("cashier@demo.test", CD_DEMO_PASSWORD);
  g_auto(DemoReply) first = { 0 };
  g_auto(DemoReply) refused = { 0 };
  g_auto(DemoReply) elsewhere = { 0 };

  demo_sign_in ("cashier@demo.test", CD_DEMO_PASSWORD, &first);
  g_assert_cmpuint (cd_demo_server_get_request_count (demo_test_server ()), ==, before + 1);
  demo_request ("application/json", "application/json", NULL, body, &refused);
  g_assert_cmpuint (cd_demo_server_get_request_count (demo_test_server ()), ==, before + 2);
  demo_request_full (demo_test_url (), "POST", "/tax_objects", "application/json",
                     "application/json", "tests", body, &elsewhere);
  g_assert_cmpuint (elsewhere.status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (cd_demo_server_get_request_count (demo_test_server ()), ==, before + 2);
}

static void
test_url (void)
{
  const char *url = demo_test_url ();
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
  g_autofree char *pem = demo_tls_file ("localhost.pem");
  g_autofree char *key = demo_tls_file ("localhost.key");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(CdDemoServer) secure = cd_demo_server_new ();
  g_auto(DemoReply) reply = { 0 };
  g_autoptr(JsonObject) answer = NULL;

  certificate = g_tls_certificate_new_from_files (pem, key, &error);
  g_assert_no_error (error);
  g_assert_true (cd_demo_server_start (secure, 0, certificate, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cd_demo_server_get_url (secure), "https://127.0.0.1:"));

  demo_sign_in_at (cd_demo_server_get_url (secure), "cashier@demo.test", CD_DEMO_PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  answer = demo_parse_object (&reply);
  g_assert_cmpstr (demo_string_member (answer, "opened_shift"), ==, "4000055255");
  g_assert_cmpuint (cd_demo_server_get_request_count (secure), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  demo_test_init (&argc, &argv);
  g_test_add_func ("/demo/url", test_url);
  g_test_add_func ("/demo/no-hostile-answers", test_no_hostile_answers);
  g_test_add_func ("/demo/developer-id", test_developer_id);
  g_test_add_func ("/demo/content-type", test_content_type);
  g_test_add_func ("/demo/accept", test_accept);
  g_test_add_func ("/demo/bad-body", test_bad_body);
  g_test_add_func ("/demo/wrong-path-and-method", test_wrong_path_and_method);
  g_test_add_func ("/demo/slow-client-gives-up", test_slow_client_gives_up);
  g_test_add_func ("/demo/server-gone-while-slow", test_server_gone_while_slow);
  g_test_add_func ("/demo/request-count", test_request_count);
  g_test_add_func ("/demo/https", test_https);
  return demo_test_run ();
}
