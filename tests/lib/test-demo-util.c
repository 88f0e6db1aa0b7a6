/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-demo-util.c: requests to the demo server over real HTTP on loopback, and the
 * checks of its answers. */
#include <string.h>

#include "test-demo-util.h"
#include "test-util.h"

static const char *const error_members[] = { "message", "type", NULL };

static CdDemoServer *server;
static SoupSession *session;

void
demo_reply_clear (DemoReply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_error (&reply->error);
}

void
demo_test_init (int    *argc,
                char ***argv)
{
  test_init (argc, argv);
  session = soup_session_new ();
}

int
demo_test_run (void)
{
  int status = g_test_run ();

  g_clear_object (&session);
  g_clear_object (&server);
  return status;
}

CdDemoServer *
demo_test_server (void)
{
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    {
      server = cd_demo_server_new ();
      cd_demo_server_set_slow_delay (server, DEMO_SLOW_DELAY_MS);
      if (!cd_demo_server_start (server, 0, NULL, &error))
        g_error ("cannot start the demo server: %s", error->message);
    }
  return server;
}

const char *
demo_test_url (void)
{
  return cd_demo_server_get_url (demo_test_server ());
}

SoupSession *
demo_test_session (void)
{
  return session;
}

char *
demo_tls_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "tls", name, NULL);
}

static gboolean
accept_any_certificate (SoupMessage          *message,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

SoupMessage *
demo_message_new (const char *base_url,
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

void
demo_send (SoupMessage  *message,
           GCancellable *cancellable,
           DemoReply    *reply)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                                    test_store_result, &result);
  test_wait_for_result (&result, DEMO_WAIT_SECONDS);
  reply->body = soup_session_send_and_read_finish (session, result, &reply->error);
  reply->status = soup_message_get_status (message);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
}

void
demo_request_full (const char *base_url,
                   const char *method,
                   const char *path,
                   const char *accept,
                   const char *content_type,
                   const char *developer_id,
                   const char *body,
                   DemoReply  *reply)
{
  g_autoptr(SoupMessage) message = demo_message_new (base_url, method, path, accept,
                                                     content_type, developer_id, body);

  demo_send (message, NULL, reply);
  g_assert_no_error (reply->error);
}

void
demo_request (const char *accept,
              const char *content_type,
              const char *developer_id,
              const char *body,
              DemoReply  *reply)
{
  demo_request_full (demo_test_url (), "POST", "/authenticate", accept, content_type,
                     developer_id, body, reply);
}

char *
demo_credentials_json (const char *email,
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

void
demo_sign_in_at (const char *base_url,
                 const char *email,
                 const char *password,
                 DemoReply  *reply)
{
  g_autofree char *body = demo_credentials_json (email, password);

  demo_request_full (base_url, "POST", "/authenticate", "application/json",
                     "application/json", "cashdesk-login-tests", body, reply);
}

void
demo_sign_in (const char *email,
              const char *password,
              DemoReply  *reply)
{
  demo_sign_in_at (demo_test_url (), email, password, reply);
}

void
demo_assert_content_type (DemoReply  *reply,
                          const char *expected)
{
  const char *type = soup_message_headers_get_content_type (reply->headers, NULL);

  g_assert_cmpstr (type, ==, expected);
}

JsonObject *
demo_parse_object (DemoReply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (reply->body, &length);
  JsonNode *root;

  demo_assert_content_type (reply, "application/json");
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

void
demo_assert_members (JsonObject        *object,
                     const char *const *names)
{
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    if (!json_object_has_member (object, names[i]))
      g_error ("member “%s” is missing", names[i]);
}

void
demo_assert_error_answer (DemoReply  *reply,
                          guint       status,
                          const char *message)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (reply->status, ==, status);
  object = demo_parse_object (reply);
  demo_assert_members (object, error_members);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "ERROR");
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, message);
  else
    g_assert_cmpstr (json_object_get_string_member (object, "message"), !=, "");
}

const char *
demo_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}
