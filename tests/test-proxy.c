/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-proxy.c: CdClient with a proxy set in the environment, as a shop's network may
 * have one: a proxy of our own on loopback that records what reaches it and refuses
 * every request, the demo server over plain http, and an https server behind the proxy.
 * GIO asks libproxy, which reads http_proxy and https_proxy (GIO_USE_PROXY_RESOLVER,
 * set in tests/meson.build). */
#include "cd-client.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "test-util.h"

static CdDemoServer *demo;
static GSocketService *proxy;
static guint16 proxy_port;
/* The first line of every request that reached the proxy. */
static GPtrArray *proxy_requests;
static GMutex proxy_lock;

/* In a thread of its own (GThreadedSocketService): reads the request's first line and
 * refuses it, as a proxy that does not allow the destination does. */
static gboolean
proxy_run_cb (GThreadedSocketService *service,
              GSocketConnection      *connection,
              GObject                *source,
              gpointer                user_data)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const char refusal[] = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

  g_mutex_lock (&proxy_lock);
  g_ptr_array_add (proxy_requests, line != NULL ? line : g_strdup (""));
  g_mutex_unlock (&proxy_lock);
  /* The headers, up to the blank line, before the answer. */
  for (char *header; (header = g_data_input_stream_read_line (in, NULL, NULL, NULL)) != NULL; )
    {
      gboolean end = header[0] == '\0' || g_str_equal (header, "\r");

      g_free (header);
      if (end)
        break;
    }
  g_output_stream_write_all (out, refusal, sizeof refusal - 1, NULL, NULL, NULL);
  return TRUE;
}

static guint
proxy_count (void)
{
  guint n;

  g_mutex_lock (&proxy_lock);
  n = proxy_requests->len;
  g_mutex_unlock (&proxy_lock);
  return n;
}

static CdAccount *
sign_in (const char  *server,
         GError     **error)
{
  g_autoptr(GError) client_error = NULL;
  g_autoptr(CdClient) client = cd_client_new (server, FALSE, &client_error);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (client_error);
  cd_client_set_timeout (client, 20);
  cd_client_authenticate_async (client, "cashier@demo.test", CD_DEMO_PASSWORD, NULL,
                                test_store_result, &result);
  test_wait_for_result (&result, 30);
  return cd_client_authenticate_finish (client, result, error);
}

/* Plain http to this computer goes there directly: through a proxy the password would
 * travel on in clear. */
static void
test_plain_http_direct (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  guint before = proxy_count ();

  account = sign_in (cd_demo_server_get_url (demo), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpuint (proxy_count (), ==, before);
}

/* https goes through the proxy (CONNECT): when the proxy refuses, that is the network,
 * not a wrong password (exit 4 in cashdesk-token, not 2). */
static void
test_connect_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  guint before = proxy_count ();

  account = sign_in ("https://cashdesk.invalid/api/v2", &error);
  g_assert_null (account);
  g_assert_error (error, CD_ERROR, CD_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "proxy"));
  g_assert_nonnull (strstr (error->message, "403"));
  g_assert_cmpuint (proxy_count (), ==, before + 1);
  g_mutex_lock (&proxy_lock);
  g_assert_true (g_str_has_prefix (proxy_requests->pdata[before], "CONNECT cashdesk.invalid:443 "));
  g_mutex_unlock (&proxy_lock);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy_url = NULL;
  int status;

  test_init (&argc, &argv);
  g_assert_cmpstr (g_getenv ("GIO_USE_PROXY_RESOLVER"), ==, "libproxy");

  proxy_requests = g_ptr_array_new_with_free_func (g_free);
  proxy = g_threaded_socket_service_new (4);
  proxy_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (proxy), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (proxy, "run", G_CALLBACK (proxy_run_cb), NULL);
  g_socket_service_start (proxy);
  /* Before GIO's resolver first reads them. */
  proxy_url = g_strdup_printf ("http://127.0.0.1:%u", proxy_port);
  g_setenv ("http_proxy", proxy_url, TRUE);
  g_setenv ("https_proxy", proxy_url, TRUE);
  g_unsetenv ("no_proxy");

  demo = cd_demo_server_new ();
  if (!cd_demo_server_start (demo, 0, NULL, &error))
    g_error ("the demo server did not start: %s", error->message);

  g_test_add_func ("/proxy/plain-http-direct", test_plain_http_direct);
  g_test_add_func ("/proxy/connect-refused", test_connect_refused);
  status = g_test_run ();

  g_socket_service_stop (proxy);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy));
  g_object_unref (proxy);
  g_object_unref (demo);
  g_ptr_array_unref (proxy_requests);
  return status;
}
