/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-demo-server.c: a fake CashDesk on loopback: answers POST /api/v2/authenticate,
 * checks the request as strictly as CashDesk does, and hands well-formed requests to its
 * responders: the sample accounts (cd-demo-accounts.c, which makes the server) and,
 * asked first where they are linked, the hostile answers (cd-demo-hostile.c). The Ukrainian texts in the answers are
 * the server's own words, not this program's, so they are not translated. */
#include "config.h"

#include <string.h>

#include "cd-demo-server-private.h"

#define DEFAULT_SLOW_DELAY_MS 3000

struct _CdDemoServer
{
  GObject       parent_instance;

  SoupServer   *server;
  GMainContext *context;
  char         *url;
  guint         slow_delay_ms;
  guint         request_count;
  GList        *slow_replies;
  GList        *tracked;
  /* The latest added first: each answers what it knows before the ones under it. */
  GSList       *responders;
};

typedef struct {
  gpointer       reply;
  GDestroyNotify stop;
} Tracked;

G_DEFINE_FINAL_TYPE (CdDemoServer, cd_demo_server, G_TYPE_OBJECT)

/* A slow answer waiting for its timeout, which the client may not wait for; with no
 * timeout, an answer that never comes. */
typedef struct {
  CdDemoServer      *self;
  SoupServerMessage *message;
  GSource           *timeout;
} SlowReply;

void
cd_demo_respond (SoupServerMessage *message,
                 guint              status,
         const char        *content_type,
         char              *body,
         gsize              length)
{
  soup_server_message_set_status (message, status,
                                  status == CD_DEMO_STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_TAKE, body, length);
}

void
cd_demo_respond_json (SoupServerMessage *message,
              guint              status,
              JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *body;

  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &length);
  cd_demo_respond (message, status, "application/json", body, length);
}

void
cd_demo_respond_error (SoupServerMessage *message,
               guint              status,
               const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "ERROR");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cd_demo_respond_json (message, status, root);
}

static void
cd_demo_server_slow_reply_free (SlowReply *reply)
{
  reply->self->slow_replies = g_list_remove (reply->self->slow_replies, reply);
  g_signal_handlers_disconnect_by_data (reply->message, reply);
  if (reply->timeout != NULL)
    {
      g_source_destroy (reply->timeout);
      g_source_unref (reply->timeout);
    }
  g_object_unref (reply->message);
  g_free (reply);
}

static gboolean
cd_demo_server_slow_reply_timeout_cb (gpointer user_data)
{
  SlowReply *reply = user_data;
  g_autoptr(SoupServerMessage) message = g_object_ref (reply->message);

  /* Unpausing may finish the message at once, which must not free the reply twice. */
  cd_demo_server_slow_reply_free (reply);
  soup_server_message_unpause (message);
  return G_SOURCE_REMOVE;
}

static void
cd_demo_server_slow_reply_gone_cb (SoupServerMessage *message,
                                   SlowReply         *reply)
{
  cd_demo_server_slow_reply_free (reply);
}

void
cd_demo_server_answer_later (CdDemoServer      *self,
                             SoupServerMessage *message,
                             guint              delay_ms)
{
  SlowReply *reply = g_new0 (SlowReply, 1);

  reply->self = self;
  reply->message = g_object_ref (message);
  g_signal_connect (message, "disconnected", G_CALLBACK (cd_demo_server_slow_reply_gone_cb), reply);
  g_signal_connect (message, "finished", G_CALLBACK (cd_demo_server_slow_reply_gone_cb), reply);
  self->slow_replies = g_list_prepend (self->slow_replies, reply);

  soup_server_message_pause (message);
  if (delay_ms == G_MAXUINT)
    return;
  reply->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (reply->timeout, cd_demo_server_slow_reply_timeout_cb, reply, NULL);
  g_source_set_static_name (reply->timeout, "[cashdesk-demo] slow answer");
  g_source_attach (reply->timeout, self->context);
}

static gboolean
cd_demo_server_media_type_is (const char *range,
                              const char *type)
{
  g_autofree char *range_type = g_strndup (range, strcspn (range, ";"));

  g_strstrip (range_type);
  return g_ascii_strcasecmp (range_type, type) == 0;
}

/* The page demands the header, so its absence is refused too, although HTTP would read
 * a missing Accept as "anything". */
static gboolean
cd_demo_server_accepts_json (SoupMessageHeaders *headers)
{
  const char *accept = soup_message_headers_get_list (headers, "Accept");
  GSList *acceptable;
  GSList *unacceptable = NULL;
  gboolean json = FALSE;

  if (accept == NULL)
    return FALSE;

  acceptable = soup_header_parse_quality_list (accept, &unacceptable);
  for (GSList *l = acceptable; l != NULL; l = l->next)
    json |= cd_demo_server_media_type_is (l->data, "application/json")
            || cd_demo_server_media_type_is (l->data, "application/*")
            || cd_demo_server_media_type_is (l->data, "*/*");
  for (GSList *l = unacceptable; l != NULL; l = l->next)
    json &= !cd_demo_server_media_type_is (l->data, "application/json");

  soup_header_free_list (acceptable);
  soup_header_free_list (unacceptable);
  return json;
}

static gboolean
cd_demo_server_is_json_content (SoupMessageHeaders *headers)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}

static const char *
cd_demo_server_get_string_member (JsonObject *object,
                                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A request to the authenticate page as its checks see it: what the later ones need the
 * earlier ones to have read. */
typedef struct {
  SoupServerMessage  *message;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonParser         *parser;
  const char         *email;
  const char         *password;
} Request;

static GBytes *
cd_demo_server_request_get_body (Request *request)
{
  if (request->body == NULL)
    request->body = soup_message_body_flatten (soup_server_message_get_request_body (request->message));
  return request->body;
}

static void
cd_demo_server_request_clear (Request *request)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->parser);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, cd_demo_server_request_clear)

static gboolean
cd_demo_server_request_is_post (Request *request)
{
  return strcmp (soup_server_message_get_method (request->message), SOUP_METHOD_POST) == 0;
}

static gboolean
cd_demo_server_request_accepts_json (Request *request)
{
  return cd_demo_server_accepts_json (request->headers);
}

static gboolean
cd_demo_server_request_sends_json (Request *request)
{
  return cd_demo_server_is_json_content (request->headers);
}

static gboolean
cd_demo_server_request_names_developer (Request *request)
{
  const char *developer_id = soup_message_headers_get_one (request->headers, "developer-id");

  return developer_id != NULL && developer_id[strspn (developer_id, " \t")] != '\0';
}

/* As strict as a PHP server's json_decode(): a control character must be escaped. */
static gboolean
cd_demo_server_request_body_is_escaped (Request *request)
{
  gsize length;
  const char *data = g_bytes_get_data (cd_demo_server_request_get_body (request), &length);

  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return FALSE;
  return TRUE;
}

static gboolean
cd_demo_server_request_body_is_object (Request *request)
{
  gsize length;
  const char *data = g_bytes_get_data (cd_demo_server_request_get_body (request), &length);
  JsonObject *object;

  if (length == 0 || !json_parser_load_from_data (request->parser, data, length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (request->parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (request->parser));
  request->email = cd_demo_server_get_string_member (object, "email");
  request->password = cd_demo_server_get_string_member (object, "password");
  return TRUE;
}

static gboolean
cd_demo_server_request_has_email (Request *request)
{
  return request->email != NULL && *request->email != '\0';
}

static gboolean
cd_demo_server_request_email_is_address (Request *request)
{
  return strchr (request->email, '@') != NULL;
}

static gboolean
cd_demo_server_request_has_password (Request *request)
{
  return request->password != NULL && *request->password != '\0';
}

typedef struct {
  gboolean  (*passes) (Request *request);
  guint       status;
  const char *message;
} RequestCheck;

/* CashDesk's checks in CashDesk's order: the first that fails is the answer. */
static const RequestCheck request_checks[] = {
  { cd_demo_server_request_is_post, SOUP_STATUS_METHOD_NOT_ALLOWED, "Метод не підтримується" },
  { cd_demo_server_request_accepts_json, SOUP_STATUS_NOT_ACCEPTABLE,
    "Запит повинен містити заголовок Accept: application/json" },
  { cd_demo_server_request_sends_json, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
    "Запит повинен містити заголовок Content-Type: application/json" },
  { cd_demo_server_request_names_developer, SOUP_STATUS_FORBIDDEN,
    "Доступ заблоковано: запит не містить developer-id" },
  { cd_demo_server_request_body_is_escaped, SOUP_STATUS_UNPROCESSABLE_ENTITY,
    "Тіло запиту містить неекрановані керівні символи" },
  { cd_demo_server_request_body_is_object, SOUP_STATUS_UNPROCESSABLE_ENTITY,
    "Тіло запиту має бути JSON-об'єктом" },
  { cd_demo_server_request_has_email, SOUP_STATUS_UNPROCESSABLE_ENTITY,
    "Поле email обов'язкове для заповнення" },
  { cd_demo_server_request_email_is_address, SOUP_STATUS_UNPROCESSABLE_ENTITY,
    "Поле email має невірний формат" },
  { cd_demo_server_request_has_password, SOUP_STATUS_UNPROCESSABLE_ENTITY,
    "Поле password обов'язкове для заповнення" },
};

/* TRUE when @request passed every check; otherwise it is answered with the first that
 * failed. */
static gboolean
cd_demo_server_request_check (Request *request)
{
  for (gsize i = 0; i < G_N_ELEMENTS (request_checks); i++)
    {
      const RequestCheck *check = &request_checks[i];

      if (check->passes (request))
        continue;
      /* HTTP: a 405 names the methods that are allowed. */
      if (check->status == SOUP_STATUS_METHOD_NOT_ALLOWED)
        soup_message_headers_replace (soup_server_message_get_response_headers (request->message),
                                      "Allow", "POST");
      cd_demo_respond_error (request->message, check->status, check->message);
      return FALSE;
    }
  return TRUE;
}

static void
cd_demo_server_handle_authenticate (CdDemoServer      *self,
                                    SoupServerMessage *message)
{
  g_auto(Request) request = {
    .message = message,
    .headers = soup_server_message_get_request_headers (message),
    .parser = json_parser_new (),
  };

  self->request_count++;
  if (!cd_demo_server_request_check (&request))
    return;

  /* The sample accounts, added when the server was made, answer whatever reaches them. */
  for (GSList *l = self->responders; l != NULL; l = l->next)
    if (((CdDemoResponder) l->data) (self, message, request.email, request.password))
      return;
}

static void
cd_demo_server_handle_request_cb (SoupServer        *server,
                                  SoupServerMessage *message,
                                  const char        *path,
                                  GHashTable        *query,
                                  gpointer           user_data)
{
  CdDemoServer *self = user_data;

  if (strcmp (path, CD_DEMO_AUTHENTICATE_PATH) == 0)
    cd_demo_server_handle_authenticate (self, message);
  else
    cd_demo_respond_error (message, SOUP_STATUS_NOT_FOUND, "Сторінку не знайдено");
}

static void
cd_demo_server_dispose (GObject *object)
{
  CdDemoServer *self = CD_DEMO_SERVER (object);

  while (self->slow_replies != NULL)
    cd_demo_server_slow_reply_free (self->slow_replies->data);
  /* Each off the list before it stops, as stopping may untrack it. */
  while (self->tracked != NULL)
    {
      Tracked *tracked = self->tracked->data;

      self->tracked = g_list_delete_link (self->tracked, self->tracked);
      tracked->stop (tracked->reply);
      g_free (tracked);
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (cd_demo_server_parent_class)->dispose (object);
}

static void
cd_demo_server_finalize (GObject *object)
{
  CdDemoServer *self = CD_DEMO_SERVER (object);

  g_free (self->url);
  g_slist_free (self->responders);

  G_OBJECT_CLASS (cd_demo_server_parent_class)->finalize (object);
}

static void
cd_demo_server_class_init (CdDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_demo_server_dispose;
  object_class->finalize = cd_demo_server_finalize;
}

static void
cd_demo_server_init (CdDemoServer *self)
{
  self->slow_delay_ms = DEFAULT_SLOW_DELAY_MS;
}

gboolean
cd_demo_server_start (CdDemoServer     *self,
                      guint             port,
                      GTlsCertificate  *tls_certificate,
                      GError          **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  SoupServerListenOptions options = 0;
  GSList *listeners;
  int bound_port;

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (tls_certificate == NULL || G_IS_TLS_CERTIFICATE (tls_certificate), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  server = soup_server_new (NULL, NULL);
  if (tls_certificate != NULL)
    {
      soup_server_set_tls_certificate (server, tls_certificate);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  soup_server_add_handler (server, NULL, cd_demo_server_handle_request_cb, self, NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (server, address, options, error))
    return FALSE;

  /* Not soup_server_get_uris(): libsoup 3.2 leaks an address on every call. */
  listeners = soup_server_get_listeners (server);
  g_return_val_if_fail (listeners != NULL, FALSE);
  bound = g_socket_get_local_address (listeners->data, error);
  g_slist_free (listeners);
  if (bound == NULL)
    return FALSE;
  bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  self->url = g_strdup_printf ("%s://127.0.0.1:%d" CD_DEMO_API_PREFIX,
                               tls_certificate != NULL ? "https" : "http", bound_port);
  self->context = g_main_context_ref_thread_default ();
  self->server = g_steal_pointer (&server);
  return TRUE;
}

const char *
cd_demo_server_get_url (CdDemoServer *self)
{
  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), NULL);

  return self->url;
}

void
cd_demo_server_set_slow_delay (CdDemoServer *self,
                               guint         milliseconds)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));

  self->slow_delay_ms = milliseconds;
}

guint
cd_demo_server_get_request_count (CdDemoServer *self)
{
  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), 0);

  return self->request_count;
}

guint
cd_demo_server_get_held_count (CdDemoServer *self)
{
  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), 0);

  return g_list_length (self->slow_replies);
}

guint
cd_demo_server_get_slow_delay (CdDemoServer *self)
{
  return self->slow_delay_ms;
}

GMainContext *
cd_demo_server_get_context (CdDemoServer *self)
{
  return self->context;
}

void
cd_demo_server_track (CdDemoServer   *self,
                      gpointer        reply,
                      GDestroyNotify  stop)
{
  Tracked *tracked = g_new0 (Tracked, 1);

  tracked->reply = reply;
  tracked->stop = stop;
  self->tracked = g_list_prepend (self->tracked, tracked);
}

void
cd_demo_server_untrack (CdDemoServer *self,
                        gpointer      reply)
{
  for (GList *l = self->tracked; l != NULL; l = l->next)
    {
      Tracked *tracked = l->data;

      if (tracked->reply == reply)
        {
          self->tracked = g_list_delete_link (self->tracked, l);
          g_free (tracked);
          return;
        }
    }
}

void
cd_demo_server_add_responder (CdDemoServer    *self,
                              CdDemoResponder  responder)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  g_return_if_fail (responder != NULL);

  self->responders = g_slist_prepend (self->responders, (gpointer) responder);
}
