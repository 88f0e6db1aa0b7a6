/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-client.c: POST {server}/authenticate with libsoup 3, the way GNOME Online Accounts
 * does HTTP: a GTask per call with a source tag, the caller's GCancellable joined to an
 * internal one that also fires on the whole-request timeout, and every failure mapped by
 * cd-error.c. The answer is read in chunks up to a cap, so a huge or endless answer
 * never sits in memory. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cd-account-json.h"
#include "cd-account-private.h"
#include "cd-client.h"
#include "cd-error.h"
#include "cd-error-http-private.h"
#include "cd-input.h"
#include "cd-json-writer.h"
#include "cd-wipe.h"

#define READ_CHUNK (16 * 1024)

struct _CdClient
{
  GObject parent_instance;

  SoupSession *session;
  char *server;
  char *developer_id;
  guint timeout;
};

G_DEFINE_FINAL_TYPE (CdClient, cd_client, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage *message;
  GCancellable *internal;      /* cancelled by the caller's cancellable or the timeout */
  GCancellable *caller;
  gulong caller_handler;
  GSource *timeout_source;
  gboolean timed_out;
  GInputStream *stream;
  GByteArray *answer;
  char *email;
} Request;

static void
cd_client_request_free (Request *request)
{
  if (request->caller_handler != 0)
    g_cancellable_disconnect (request->caller, request->caller_handler);
  if (request->timeout_source != NULL)
    {
      g_source_destroy (request->timeout_source);
      g_source_unref (request->timeout_source);
    }
  g_clear_object (&request->caller);
  g_clear_object (&request->internal);
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  g_clear_pointer (&request->answer, g_byte_array_unref);
  g_free (request->email);
  g_free (request);
}

static void
cd_client_finalize (GObject *object)
{
  CdClient *self = CD_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->server);
  g_free (self->developer_id);

  G_OBJECT_CLASS (cd_client_parent_class)->finalize (object);
}

static void
cd_client_class_init (CdClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_client_finalize;
}

static void
cd_client_init (CdClient *self)
{
  /* The product and version first, then which of its programs asks (the window or
   * cashdesk-token), for CashDesk's logs. */
  g_autofree char *user_agent = g_strdup_printf ("cashdesk-login/%s (%s)", PACKAGE_VERSION,
                                                 g_get_prgname () ? g_get_prgname () : "cashdesk-login");

  self->timeout = CD_CLIENT_DEFAULT_TIMEOUT;
  self->developer_id = g_strdup (CD_DEFAULT_DEVELOPER_ID);
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", CD_CLIENT_DEFAULT_TIMEOUT,
                                                 NULL);
}

CdClient *
cd_client_new (const char  *server,
               gboolean     allow_insecure_http,
               GError     **error)
{
  g_autofree char *normal = cd_input_normalize_server (server, allow_insecure_http, error);
  CdClient *self;

  if (normal == NULL)
    return NULL;
  self = g_object_new (CD_TYPE_CLIENT, NULL);
  self->server = g_steal_pointer (&normal);
  /* Plain http is allowed only to this computer or, when asked, the shop's LAN: the
   * request goes there directly. Through a proxy the password would travel on, in clear,
   * to wherever the proxy is. https through a proxy (CONNECT) is end to end, and stays. */
  if (g_str_has_prefix (self->server, "http://"))
    soup_session_set_proxy_resolver (self->session, NULL);
  return self;
}

const char *
cd_client_get_server (CdClient *self)
{
  g_return_val_if_fail (CD_IS_CLIENT (self), NULL);
  return self->server;
}

void
cd_client_set_developer_id (CdClient   *self,
                            const char *developer_id)
{
  g_return_if_fail (CD_IS_CLIENT (self));
  g_free (self->developer_id);
  self->developer_id = g_strdup (developer_id && *developer_id ? developer_id : CD_DEFAULT_DEVELOPER_ID);
}

void
cd_client_set_timeout (CdClient *self,
                       guint     seconds)
{
  g_return_if_fail (CD_IS_CLIENT (self));
  self->timeout = seconds > 0 ? seconds : CD_CLIENT_DEFAULT_TIMEOUT;
  /* The session's own timeout covers each read and write; ours covers the whole. */
  g_object_set (self->session, "timeout", self->timeout, NULL);
}

void
cd_client_set_tls_database (CdClient     *self,
                            GTlsDatabase *database)
{
  g_return_if_fail (CD_IS_CLIENT (self));
  soup_session_set_tls_database (self->session, database);
}

static void
cd_client_wipe_and_free (gpointer data)
{
  cd_wipe_string (data);
}

/* The body is the only place the password lives once the call starts; it is wiped when
 * libsoup lets go of it. json-glib copies strings into its nodes, so the node's copy is
 * wiped here too before the builder frees it; the writer makes no other copy. */
static GBytes *
cd_client_build_body (const char *email,
                      const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  char *password_copy;
  char *data;
  gsize length = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  data = cd_json_writer_to_string (root, &length);

  object = json_node_get_object (root);
  password_copy = (char *) json_object_get_string_member (object, "password");
  cd_wipe (password_copy, strlen (password_copy));

  return g_bytes_new_with_free_func (data, length, cd_client_wipe_and_free, data);
}

static void
cd_client_caller_cancelled_cb (GCancellable *caller,
                               GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

static gboolean
cd_client_timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->internal);
  g_clear_pointer (&request->timeout_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
cd_client_fail (GTask  *task,
                GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (request->caller))
    {
      g_error_free (error);
      error = g_error_new_literal (CD_ERROR, CD_ERROR_TIMEOUT,
                                   _("The server did not answer in time."));
    }
  else
    error = cd_error_new_for_transport (error,
                                        soup_message_get_tls_peer_certificate_errors (request->message));
  g_task_return_error (task, error);
}

static void
cd_client_finish_answer (GTask *task)
{
  CdClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  g_autoptr(GBytes) answer = g_byte_array_free_to_bytes (g_steal_pointer (&request->answer));
  g_autoptr(CdAccount) account = NULL;
  GError *error = NULL;

  /* Only 200 is a sign-in: 201, 204, 206 and the rest of 2xx are not what CashDesk
   * answers, and a partial (206) body is not the whole answer. */
  /* Over https, every answer of CashDesk's comes through TLS: one without a peer
   * certificate is a proxy's, refusing the tunnel (CONNECT), and says nothing of the
   * email or password. */
  if (status != SOUP_STATUS_OK && g_str_has_prefix (self->server, "https://")
      && soup_message_get_tls_peer_certificate (request->message) == NULL)
    {
      g_task_return_new_error (task, CD_ERROR, CD_ERROR_NETWORK,
                               _("A proxy between this computer and CashDesk refused to connect "
                                 "to it (HTTP %u). Check the proxy settings."),
                               status);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, cd_error_new_for_http (status,
                                                        soup_message_get_response_headers (request->message),
                                                        answer));
      return;
    }

  /* A chunk size past 2^63 reads, in libsoup 3.2, as the last chunk: the answer then
   * looks whole and empty, though what came was cut short. (An answer cut inside a
   * chunk is already a transport error, and one cut at a chunk's end is judged by the
   * JSON it holds.) */
  if (g_bytes_get_size (answer) == 0 &&
      soup_message_headers_get_encoding (soup_message_get_response_headers (request->message)) ==
      SOUP_ENCODING_CHUNKED)
    {
      g_task_return_new_error (task, CD_ERROR, CD_ERROR_NETWORK, "%s",
                               _("The server's answer was cut off before any of it came."));
      return;
    }

  account = cd_account_parse (answer, self->server, &error);
  if (account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cd_account_set_email (account, request->email);
  g_task_return_pointer (task, g_steal_pointer (&account), g_object_unref);
}

static void
cd_client_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      cd_client_fail (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      cd_client_finish_answer (task);
      return;
    }
  if (request->answer->len + size > CD_CLIENT_MAX_ANSWER)
    {
      g_task_return_new_error (task, CD_ERROR, CD_ERROR_PROTOCOL,
                               _("The server's answer is too large (over %u KiB)."),
                               CD_CLIENT_MAX_ANSWER / 1024);
      return;
    }
  g_byte_array_append (request->answer, g_bytes_get_data (chunk, NULL), size);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->internal, cd_client_read_cb, g_steal_pointer (&task));
}

static void
cd_client_sent_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      cd_client_fail (task, error);
      return;
    }

  /* Refuse a declared oversize answer before reading any of it. A compressed answer
   * declares its compressed size, so the cap is also enforced while reading. */
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (length > CD_CLIENT_MAX_ANSWER)
    {
      g_task_return_new_error (task, CD_ERROR, CD_ERROR_PROTOCOL,
                               _("The server's answer is too large (over %u KiB)."),
                               CD_CLIENT_MAX_ANSWER / 1024);
      return;
    }

  request->answer = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->internal, cd_client_read_cb, g_steal_pointer (&task));
}

/* What can be refused before anything is sent. */
static gboolean
cd_client_check_input (CdClient    *self,
                       const char  *email,
                       const char  *password,
                       GError     **error)
{
  if (!cd_input_email_is_valid (email))
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid email address."), email ? email : "");
      return FALSE;
    }
  if (password == NULL || *password == '\0')
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("The password is empty."));
      return FALSE;
    }
  /* Bytes in another charset (CP1251, KOI8-U) would be sent as they are, and CashDesk
   * would compare them with a UTF-8 password: a wrong password that looks right. */
  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("The password is not UTF-8 text. Type it in a UTF-8 "
                     "terminal, or convert it first (for example with "
                     "iconv -f CP1251 -t UTF-8)."));
      return FALSE;
    }
  /* A line break would end the header early: libsoup then drops it, and CashDesk
   * blocks a request without one. */
  if (!cd_input_developer_id_is_valid (self->developer_id))
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("The developer ID must be one line of 1 to %d printable "
                     "characters, not only spaces, without line breaks or "
                     "control characters."),
                   CD_INPUT_DEVELOPER_ID_MAX);
      return FALSE;
    }
  return TRUE;
}

static SoupMessage *
cd_client_build_message (CdClient   *self,
                         const char *email,
                         const char *password)
{
  g_autofree char *url = g_strconcat (self->server, "/authenticate", NULL);
  SoupMessage *message = soup_message_new ("POST", url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  g_autoptr(GBytes) body = cd_client_build_body (email, password);

  /* Following a redirect would resend the password to wherever the server points. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Accept-Language", "uk, en;q=0.5");
  soup_message_headers_replace (headers, "developer-id", self->developer_id);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

/* The caller's cancellable and the whole-request timeout both cancel the internal one. */
static void
cd_client_watch_request (CdClient     *self,
                         Request      *request,
                         GCancellable *cancellable)
{
  if (cancellable != NULL)
    {
      request->caller = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (cd_client_caller_cancelled_cb),
                                                       request->internal, NULL);
    }
  request->timeout_source = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (request->timeout_source, cd_client_timeout_cb, request, NULL);
  g_source_attach (request->timeout_source, g_main_context_get_thread_default ());
}

void
cd_client_authenticate_async (CdClient           *self,
                              const char         *email,
                              const char         *password,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Request *request;

  g_return_if_fail (CD_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_client_authenticate_async);

  if (!cd_client_check_input (self, email, password, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  request = g_new0 (Request, 1);
  request->email = g_strdup (email);
  request->internal = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) cd_client_request_free);
  request->message = cd_client_build_message (self, email, password);
  cd_client_watch_request (self, request, cancellable);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->internal, cd_client_sent_cb, g_steal_pointer (&task));
}

CdAccount *
cd_client_authenticate_finish (CdClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_client_authenticate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
