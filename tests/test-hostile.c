/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-hostile.c: CdClient against the demo server's hostile accounts and against TLS
 * it must not trust. Every case ends in its own CD_ERROR (or, for the two controls, in
 * a sign-in) well within its deadline, and the memory a hostile answer costs stays
 * bounded whatever the server sends. */
#include <sys/resource.h>

#include "cd-account-json.h"
#include "cd-client.h"
#include "cd-demo-hostile.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "cd-json-writer.h"
#include "cd-text.h"
#include "test-json-strict.h"
#include "test-util.h"

/* Plain http; https with a certificate for 127.0.0.1; https with one for wrong.example. */
static CdDemoServer *demo;
static CdDemoServer *demo_tls;
static CdDemoServer *demo_wrong_name;

/* The client's whole-request timeout in the cases that end in one. */
#define SHORT_TIMEOUT 2
/* Memory a hostile answer may cost at most, though the bodies run to 50 MB. */
#define MEMORY_BOUND_KIB (64 * 1024)

static char *
tls_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "tls", name, NULL);
}

static GTlsDatabase *
trusting (const char *pem)
{
  g_autofree char *path = tls_file (pem);
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database = g_tls_file_database_new (path, &error);

  g_assert_no_error (error);
  return database;
}

static CdDemoServer *
start_server (const char *certificate_name)
{
  CdDemoServer *server = cd_demo_server_new ();
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  cd_demo_hostile_install (server);
  if (certificate_name != NULL)
    {
      g_autofree char *pem = g_strconcat (certificate_name, ".pem", NULL);
      g_autofree char *key = g_strconcat (certificate_name, ".key", NULL);
      g_autofree char *pem_path = tls_file (pem);
      g_autofree char *key_path = tls_file (key);

      certificate = g_tls_certificate_new_from_files (pem_path, key_path, &error);
      g_assert_no_error (error);
    }
  if (!cd_demo_server_start (server, 0, certificate, &error))
    g_error ("the demo server did not start: %s", error->message);
  return server;
}

typedef struct {
  CdDemoServer *server;
  GTlsDatabase *trust;     /* NULL: the system's */
  guint         timeout;   /* 0: the default */
} Target;

/* Signs in as @email, and fails the test unless the answer came within @deadline s. */
static CdAccount *
sign_in_with (CdClient   *client,
              const char *email,
              guint       deadline,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  CdAccount *account;

  cd_client_authenticate_async (client, email, CD_DEMO_PASSWORD, NULL, test_store_result, &result);
  test_wait_for_result (&result, deadline);
  account = cd_client_authenticate_finish (client, result, error);
  g_test_message ("%s: %.2f s", email, (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND);
  return account;
}

static CdClient *
new_client (const Target *target)
{
  g_autoptr(GError) error = NULL;
  CdClient *client = cd_client_new (cd_demo_server_get_url (target->server), FALSE, &error);

  g_assert_no_error (error);
  if (target->trust != NULL)
    cd_client_set_tls_database (client, target->trust);
  if (target->timeout > 0)
    cd_client_set_timeout (client, target->timeout);
  return client;
}

/* The case ends in @code, with @in_message in its message when not NULL, within
 * @deadline seconds; the server saw exactly one request: nothing was retried or
 * followed. */
static void
check_hostile (const Target *target,
               const char   *email,
               int           code,
               const char   *in_message,
               guint         deadline)
{
  g_autoptr(CdClient) client = new_client (target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  guint before = cd_demo_server_get_request_count (target->server);

  account = sign_in_with (client, email, deadline, &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, in_message);
  g_assert_cmpuint (cd_demo_server_get_request_count (target->server), ==, before + 1);
}

static void
test_hang (void)
{
  Target target = { demo, NULL, SHORT_TIMEOUT };

  check_hostile (&target, "hang@demo.test", CD_ERROR_TIMEOUT, NULL, SHORT_TIMEOUT + 3);
}

/* Each byte comes well within the per-read timeout: only the whole-request one helps. */
static void
test_drip (void)
{
  Target target = { demo, NULL, SHORT_TIMEOUT + 1 };

  check_hostile (&target, "drip@demo.test", CD_ERROR_TIMEOUT, NULL, SHORT_TIMEOUT + 4);
}

static void
test_huge (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "huge@demo.test", CD_ERROR_PROTOCOL, "too large", 20);
  check_hostile (&target, "huge-name@demo.test", CD_ERROR_PROTOCOL, "too large", 20);
  check_hostile (&target, "http10-huge@demo.test", CD_ERROR_PROTOCOL, "too large", 20);
}

/* Text under the cap on an answer, but too long for what it is: a name is shortened
 * (it is only shown), a code refused (a shortened one would misstate it). */
static void
test_long_text (void)
{
  Target target = { demo, NULL, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  const char *name;

  account = sign_in_with (client, "long-name@demo.test", 20, &error);
  g_assert_no_error (error);
  name = cd_account_get_full_name (account);
  g_assert_cmpint (g_utf8_strlen (name, -1), ==, CD_ACCOUNT_MAX_NAME + 1);
  g_assert_true (g_str_has_suffix (name, "…"));

  check_hostile (&target, "long-code@demo.test", CD_ERROR_PROTOCOL, "edrpou", 20);
}

/* The server answered, in something that is not HTTP/1.x: that is the server's fault
 * (exit 5 in cashdesk-token), not the network's. */
static void
test_not_http11 (void)
{
  const char *emails[] = { "http2-status@demo.test", "http09@demo.test", "final-1xx@demo.test" };
  Target target = { demo, NULL, 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr(CdClient) client = new_client (&target);
      g_autoptr(GError) error = NULL;
      g_autoptr(CdAccount) account = sign_in_with (client, emails[i], 20, &error);

      g_test_message ("%s: %s", emails[i], error != NULL ? error->message : "(signed in)");
      g_assert_null (account);
      g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
    }
}

static void
test_gzip (void)
{
  Target target = { demo, NULL, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;

  /* The control: a compressed answer is decoded, so the bomb below is really inflated. */
  account = sign_in_with (client, "gzip@demo.test", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_account_get_full_name (account), ==, "Іваненко Марія Петрівна");

  check_hostile (&target, "gzip-bomb@demo.test", CD_ERROR_PROTOCOL, "too large", 20);
}

static void
test_deep (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "deep@demo.test", CD_ERROR_PROTOCOL, "nested too deeply", 20);
}

static void
test_bad_text (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "bad-utf8@demo.test", CD_ERROR_PROTOCOL, "not JSON", 20);
  /* Cut at the NUL, the token would be another one than the server sent. */
  check_hostile (&target, "nul@demo.test", CD_ERROR_PROTOCOL, "NUL", 20);
}

static void
test_two_values (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "two-values@demo.test", CD_ERROR_PROTOCOL, "more than one", 20);
}

/* The JWT's exp cannot be shown in Kyiv time: it is no date, and token_expires_at is read
 * instead; the summary (what the CLI prints and the keyring keeps) must not fail. */
static void
test_far_future (void)
{
  Target target = { demo, NULL, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) summary = NULL;
  JsonObject *object;

  account = sign_in_with (client, "far-future@demo.test", 20, &error);
  g_assert_no_error (error);
  summary = cd_account_to_summary (account, now);
  object = json_node_get_object (summary);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "token_expires_at", NULL),
                   ==, "2023-07-08T11:25:00+03:00");
}

/* Following a 307 would send the password again. Both targets are this same server
 * under the name localhost, so following them would even have worked; the request
 * count shows that nothing was sent a second time. */
static void
test_redirects (void)
{
  g_autoptr(GTlsDatabase) trust = trusting ("localhost.pem");
  Target plain = { demo, NULL, 0 };
  Target tls = { demo_tls, trust, 0 };

  check_hostile (&plain, "redirect-host@demo.test", CD_ERROR_PROTOCOL, "redirected", 20);
  check_hostile (&plain, "redirect-http@demo.test", CD_ERROR_PROTOCOL, "redirected", 20);
  check_hostile (&tls, "redirect-host@demo.test", CD_ERROR_PROTOCOL, "redirected", 20);
  /* From https down to plain http. */
  check_hostile (&tls, "redirect-http@demo.test", CD_ERROR_PROTOCOL, "redirected", 20);
}

static void
test_reset (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "reset@demo.test", CD_ERROR_NETWORK, NULL, 20);
}

/* A chunked answer the connection cut off: inside a chunk (of 2 GiB, as it said), inside
 * a chunk's size, after a chunk size past 2^63 (which libsoup reads as the end): each is
 * the network's fault, said so, never "empty". A whole answer whose last, empty chunk
 * never came is read as it is: nothing shows it was cut. */
static void
test_chunk_cut (void)
{
  const char *emails[] = { "chunk-cut@demo.test", "chunk-size-cut@demo.test",
                           "chunk-size-huge@demo.test" };
  Target target = { demo, NULL, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(CdAccount) unended = NULL;
  g_autoptr(GError) unended_error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdAccount) account = sign_in_with (client, emails[i], 20, &error);

      g_test_message ("%s: %s", emails[i], error != NULL ? error->message : "(signed in)");
      g_assert_null (account);
      g_assert_error (error, CD_ERROR, CD_ERROR_NETWORK);
      g_assert_null (strstr (error->message, "empty"));
    }

  unended = sign_in_with (client, "chunk-unended@demo.test", 20, &unended_error);
  g_assert_no_error (unended_error);
  g_assert_cmpstr (cd_account_get_full_name (unended), ==, "Обрізана Відповідь");
}

/* 2 MiB of headers: libsoup stops reading at 64 KiB, with an error that cannot be told
 * from a connection cut short (G_IO_ERROR_PARTIAL_INPUT): the network's, exit 4. */
static void
test_huge_header (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "huge-header@demo.test", CD_ERROR_NETWORK, NULL, 20);
}

/* No length, the body ends at the close: legal HTTP/1.0, and a valid answer. */
static void
test_http10 (void)
{
  Target target = { demo, NULL, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;

  account = sign_in_with (client, "http10@demo.test", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_account_get_full_name (account), ==, "Іваненко Марія Петрівна");
  g_assert_true (g_str_has_prefix (cd_account_get_token (account), "Bearer "));
}

static void
test_tls_trusted (void)
{
  g_autoptr(GTlsDatabase) trust = trusting ("localhost.pem");
  Target target = { demo_tls, trust, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;

  /* The control: the same server, trusted, works; so the failures below are TLS's. */
  account = sign_in_with (client, "cashier@demo.test", 20, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
}

/* @trust: the certificate the client trusts, NULL for the system's. The handshake
 * fails, so the request, and the password in it, never goes out. */
static void
check_untrusted (CdDemoServer *server,
                 const char   *trust,
                 const char   *in_message)
{
  g_autoptr(GTlsDatabase) database = trust != NULL ? trusting (trust) : NULL;
  Target target = { server, database, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  guint before = cd_demo_server_get_request_count (server);

  account = sign_in_with (client, "cashier@demo.test", 20, &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_TLS);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, in_message);
  g_assert_cmpuint (cd_demo_server_get_request_count (server), ==, before);
}

static void
test_tls_self_signed (void)
{
  check_untrusted (demo_tls, NULL, "not trusted");
}

/* Trusted, but for another name. */
static void
test_tls_wrong_name (void)
{
  check_untrusted (demo_wrong_name, "wrong-name.pem", "different address");
}

/* One client, as the window keeps one: answers it gave up on must not hold on to its
 * connections, or the next sign-in would wait for a free one. */
static void
test_client_recovers (void)
{
  Target target = { demo, NULL, 10 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  const char *const hostile[] = { "huge@demo.test", "http10-huge@demo.test", "gzip-bomb@demo.test",
                                  "huge@demo.test", "huge-name@demo.test", "reset@demo.test" };

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      account = sign_in_with (client, hostile[i], 20, &error);
      g_assert_null (account);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  account = sign_in_with (client, "cashier@demo.test", 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
}

/* json-glib 1.6 reads 99999999999999999999 as -1: register "-1" is another register. */
static void
test_huge_number (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "huge-number@demo.test", CD_ERROR_PROTOCOL, "too large", 20);
}

static void
test_unusable_tokens (void)
{
  Target target = { demo, NULL, 0 };
  const char *const emails[] = { "token-bearer-only@demo.test", "token-space@demo.test",
                                 "token-number@demo.test", "token-exponent@demo.test" };

  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    check_hostile (&target, emails[i], CD_ERROR_PROTOCOL, "unusable token", 20);
}

/* Only 200 is a sign-in; a proxy asking for credentials is the network's problem. */
static void
test_statuses (void)
{
  Target target = { demo, NULL, 0 };

  check_hostile (&target, "status-407@demo.test", CD_ERROR_NETWORK, "407", 20);
  check_hostile (&target, "status-304@demo.test", CD_ERROR_PROTOCOL, "HTTP 304", 20);
  check_hostile (&target, "status-206@demo.test", CD_ERROR_PROTOCOL, "HTTP 206", 20);
  check_hostile (&target, "status-201@demo.test", CD_ERROR_PROTOCOL, "HTTP 201", 20);
}

static void
assert_clean (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (cd_text_is_unsafe_char (g_utf8_get_char (p)))
      g_error ("U+%04X left in “%s”", g_utf8_get_char (p), text);
}

/* Control, invisible and direction-changing characters leave a name where it is read,
 * and a refusal's message; markup stays text. */
static void
test_clean_text (void)
{
  Target target = { demo, NULL, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autoptr(CdAccount) markup = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *json = NULL;

  account = sign_in_with (client, "control-name@demo.test", 20, &error);
  g_assert_no_error (error);
  assert_clean (cd_account_get_full_name (account));
  g_assert_true (g_str_has_prefix (cd_account_get_full_name (account), "Контроль Ім я дзеркало"));
  summary = cd_account_to_summary (account, now);
  json = cd_json_writer_to_string (summary, NULL);
  assert_strict_json (json);

  markup = sign_in_with (client, "markup@demo.test", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_account_get_full_name (markup), ==,
                   "Сміт & Ко <span foreground='red' size='xx-large'>Червоний</span> "
                   "<a href='https://evil.example/'>посилання</a>");

  check_hostile (&target, "bidi-message@demo.test", CD_ERROR_REJECTED, "Невірний нігол або пароль", 20);
  {
    g_autoptr(CdAccount) none = sign_in_with (client, "bidi-message@demo.test", 20, &error);

    g_assert_null (none);
    assert_clean (error->message);
    g_clear_error (&error);
  }
}

/* What the client sends is checked before it is sent: the request body is strict JSON
 * (the demo server refuses a raw control character, as a PHP server would), and a
 * password that is not UTF-8 or a developer id that would break the header are refused
 * without a request. */
static void
test_request_checks (void)
{
  Target target = { demo, NULL, 0 };
  g_autoptr(CdClient) client = new_client (&target);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdAccount) account = NULL;
  guint before;

  cd_client_authenticate_async (client, "cashier@demo.test", "de\x1fmo", NULL,
                                test_store_result, &result);
  account = cd_client_authenticate_finish (client, test_wait_for_result (&result, 20), &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_REJECTED);
  /* The server read the body and found the password wrong. */
  g_assert_nonnull (strstr (error->message, "Невірний логін або пароль"));
  g_clear_error (&error);
  g_clear_object (&result);

  before = cd_demo_server_get_request_count (demo);
  /* "пароль" in CP1251. */
  cd_client_authenticate_async (client, "cashier@demo.test", "\xef\xe0\xf0\xee\xeb\xfc", NULL,
                                test_store_result, &result);
  account = cd_client_authenticate_finish (client, test_wait_for_result (&result, 20), &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_clear_object (&result);

  cd_client_set_developer_id (client, "company\r\nX-Injected: 1");
  cd_client_authenticate_async (client, "cashier@demo.test", CD_DEMO_PASSWORD, NULL,
                                test_store_result, &result);
  account = cd_client_authenticate_finish (client, test_wait_for_result (&result, 20), &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "developer ID"));
  g_assert_cmpuint (cd_demo_server_get_request_count (demo), ==, before);
}

static glong
max_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* In a process of its own, so that the peak is this test's alone. */
static void
test_memory_bounded (void)
{
  if (g_test_subprocess ())
    {
      Target target = { demo, NULL, 0 };
      glong before = max_rss_kib ();

      for (int round = 0; round < 2; round++)
        {
          check_hostile (&target, "huge@demo.test", CD_ERROR_PROTOCOL, NULL, 20);
          check_hostile (&target, "huge-name@demo.test", CD_ERROR_PROTOCOL, NULL, 20);
          check_hostile (&target, "http10-huge@demo.test", CD_ERROR_PROTOCOL, NULL, 20);
          check_hostile (&target, "gzip-bomb@demo.test", CD_ERROR_PROTOCOL, NULL, 20);
          check_hostile (&target, "deep@demo.test", CD_ERROR_PROTOCOL, NULL, 20);
        }
      g_test_message ("peak memory grew by %ld KiB", max_rss_kib () - before);
      g_assert_cmpint (max_rss_kib () - before, <, MEMORY_BOUND_KIB);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  int status;

  test_init (&argc, &argv);

  demo = start_server (NULL);
  demo_tls = start_server ("localhost");
  demo_wrong_name = start_server ("wrong-name");

  g_test_add_func ("/hostile/memory-bounded", test_memory_bounded);
  g_test_add_func ("/hostile/hang", test_hang);
  g_test_add_func ("/hostile/drip", test_drip);
  g_test_add_func ("/hostile/huge", test_huge);
  g_test_add_func ("/hostile/long-text", test_long_text);
  g_test_add_func ("/hostile/not-http11", test_not_http11);
  g_test_add_func ("/hostile/gzip", test_gzip);
  g_test_add_func ("/hostile/deep", test_deep);
  g_test_add_func ("/hostile/bad-text", test_bad_text);
  g_test_add_func ("/hostile/two-values", test_two_values);
  g_test_add_func ("/hostile/far-future", test_far_future);
  g_test_add_func ("/hostile/redirects", test_redirects);
  g_test_add_func ("/hostile/reset", test_reset);
  g_test_add_func ("/hostile/http10", test_http10);
  g_test_add_func ("/hostile/chunk-cut", test_chunk_cut);
  g_test_add_func ("/hostile/huge-header", test_huge_header);
  g_test_add_func ("/hostile/tls-trusted", test_tls_trusted);
  g_test_add_func ("/hostile/tls-self-signed", test_tls_self_signed);
  g_test_add_func ("/hostile/tls-wrong-name", test_tls_wrong_name);
  g_test_add_func ("/hostile/client-recovers", test_client_recovers);
  g_test_add_func ("/hostile/huge-number", test_huge_number);
  g_test_add_func ("/hostile/unusable-tokens", test_unusable_tokens);
  g_test_add_func ("/hostile/statuses", test_statuses);
  g_test_add_func ("/hostile/clean-text", test_clean_text);
  g_test_add_func ("/hostile/request-checks", test_request_checks);
  status = g_test_run ();

  g_object_unref (demo_wrong_name);
  g_object_unref (demo_tls);
  g_object_unref (demo);
  return status;
}
