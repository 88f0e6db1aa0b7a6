/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-demo-hostile.c: the hostile answers: bodies too large, too slow, too deep,
 * compressed into bombs, cut off, redirected, sent over a connection taken from libsoup.
 * Each is produced a piece at a time: the server never holds a whole hostile body. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "cd-demo-hostile.h"
#include "cd-demo-server-private.h"

#define SAMPLE(local) CD_DEMO_SAMPLE (local)
#define MIB (1024 * 1024)
/* How much of a hostile body is produced at a time: never all of it at once. */
#define HOSTILE_CHUNK (64 * 1024)

/* The hostile servers (SECURITY.md lists what a client survives). They are not in
 * cd_demo_server_accounts(), which lists what a person trying the demo picks from. Any
 * password will do, and nothing about the request is looked at beyond the checks every
 * request gets. */
typedef enum {
  HOSTILE_HANG,      /* never answers */
  HOSTILE_STREAM,    /* a 200 body written a chunk at a time */
  HOSTILE_GZIP,      /* a 200 body sent with Content-Encoding: gzip */
  HOSTILE_DEEP,      /* JSON nested .filler deep */
  HOSTILE_BODY,      /* a 200 body as it is */
  HOSTILE_REDIRECT,  /* 307 to this same server under another host name */
  HOSTILE_RAW,       /* bytes written on the stolen connection, then a close or a reset */
} HostileKind;

typedef struct {
  const char  *email;
  HostileKind  kind;
  /* RAW: the status line and headers, written as they are. */
  const char  *http_head;
  /* The body: .head (NULL: the answer cashier@demo.test gets), then .filler bytes of
   * filler, then .tail. */
  const char  *head;
  gsize        filler;
  const char  *tail;
  /* STREAM: a Content-Length up front rather than chunked encoding. */
  gboolean     declare_length;
  /* STREAM: .step bytes at a time (0: HOSTILE_CHUNK), .interval_ms apart. */
  gsize        step;
  guint        interval_ms;
  /* REDIRECT: to plain http:// whatever this server speaks. */
  gboolean     plain_http;
  /* RAW: end with a TCP reset rather than an orderly close. */
  gboolean     reset;
} HostileProfile;

/* A well-formed answer whose user.full_name the filler fills: without a cap on what is
 * read, a client would accept it. */
#define FULL_NAME_OPEN "{\"token\":\"Bearer hostile\",\"user\":{\"full_name\":\""
#define FULL_NAME_CLOSE "\"}}"
#define HTTP10_HEAD "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n"

static const HostileProfile hostile_profiles[] = {
  /* Only the client's own deadline ends the wait. */
  { .email = SAMPLE ("hang"), .kind = HOSTILE_HANG },
  /* A valid answer, a byte a second: every read succeeds, the whole never comes in time. */
  { .email = SAMPLE ("drip"), .kind = HOSTILE_STREAM, .declare_length = TRUE,
    .step = 1, .interval_ms = 1000 },
  /* 50 MB in chunks with no length given: only a cap on what is read stops it. */
  { .email = SAMPLE ("huge"), .kind = HOSTILE_STREAM,
    .head = FULL_NAME_OPEN, .filler = 50 * MIB, .tail = FULL_NAME_CLOSE },
  /* A 10 MB full_name, its length declared up front. */
  { .email = SAMPLE ("huge-name"), .kind = HOSTILE_STREAM, .declare_length = TRUE,
    .head = FULL_NAME_OPEN, .filler = 10 * MIB, .tail = FULL_NAME_CLOSE },
  /* Under the cap on an answer, but no name: a full_name of 500,000 letters. */
  { .email = SAMPLE ("long-name"), .kind = HOSTILE_STREAM, .declare_length = TRUE,
    .head = FULL_NAME_OPEN, .filler = 500000, .tail = FULL_NAME_CLOSE },
  /* An EDRPOU of 1,000 characters: no code is that long. */
  { .email = SAMPLE ("long-code"), .kind = HOSTILE_STREAM, .declare_length = TRUE,
    .head = "{\"token\":\"Bearer hostile\",\"user\":{\"edrpou\":\"", .filler = 1000,
    .tail = FULL_NAME_CLOSE },
  /* The cashier's answer, compressed: what shows that a client decodes gzip at all. */
  { .email = SAMPLE ("gzip"), .kind = HOSTILE_GZIP },
  /* About 16 KiB on the wire, 16 MiB inflated: the cap must count decoded bytes. */
  { .email = SAMPLE ("gzip-bomb"), .kind = HOSTILE_GZIP,
    .head = FULL_NAME_OPEN, .filler = 16 * MIB, .tail = FULL_NAME_CLOSE },
  /* 100,000 nested arrays: a recursive parser runs off the stack. */
  { .email = SAMPLE ("deep"), .kind = HOSTILE_DEEP, .filler = 100000 },
  /* Bytes that are not UTF-8 inside a string. */
  { .email = SAMPLE ("bad-utf8"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer hostile\",\"user\":{\"full_name\":\"\xd0\x86\xff\xfe \xc0\x80\"}}" },
  /* NUL characters inside strings, where a C string would quietly end. */
  { .email = SAMPLE ("nul"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer hostile\\u0000.tail\",\"user\":{\"full_name\":\"\\u0000\"}}" },
  /* Two answers in one: json-glib 1.6 keeps the first and leaks the second. */
  { .email = SAMPLE ("two-values"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer hostile\"}{\"token\":\"Bearer second\"}" },
  /* A token that expires at the last second of 9999 (UTC): past the end of GLib's
   * calendar in Kyiv time. A valid answer otherwise. */
  { .email = SAMPLE ("far-future"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            "eyJleHAiOjI1MzQwMjMwMDc5OX0.c2lnbmF0dXJl\",\"token_expires_at\":\"08.07.2023 11:25\","
            "\"user\":{\"full_name\":\"Далека Дата\"}}" },
  /* Following either would send the password again: unencrypted, or to another host. */
  { .email = SAMPLE ("redirect-http"), .kind = HOSTILE_REDIRECT, .plain_http = TRUE },
  { .email = SAMPLE ("redirect-host"), .kind = HOSTILE_REDIRECT },
  /* Half an answer, then the connection reset. */
  { .email = SAMPLE ("reset"), .kind = HOSTILE_RAW, .reset = TRUE,
    .http_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n",
    .head = "{\"active_rro\":true,\"token\":\"Bearer eyJ" },
  /* Chunked, the connection closed inside a chunk (whose size says 2 GiB) and inside a
   * chunk's size. */
  { .email = SAMPLE ("chunk-cut"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n7fffffff\r\n",
    .head = "{\"active_rro\":true,\"token\":\"Bearer eyJ" },
  { .email = SAMPLE ("chunk-size-cut"), .kind = HOSTILE_RAW, .head = "",
    .http_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n7ffff" },
  /* A chunk size past 2^63, which libsoup 3.2 reads as the last chunk. */
  { .email = SAMPLE ("chunk-size-huge"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n",
    .head = "{\"active_rro\":true,\"token\":\"Bearer eyJ" },
  /* A whole answer in one chunk, the last (empty) chunk never sent: libsoup 3.2 cannot
   * tell that from an end, and the answer is whole. Accepted. */
  { .email = SAMPLE ("chunk-unended"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n55\r\n",
    .head = "{\"token\":\"Bearer hostile\",\"user\":{\"full_name\":\"Обрізана Відповідь\"}}\r\n" },
  /* 2 MiB of headers: read without a limit, they would take memory as a body would. */
  { .email = SAMPLE ("huge-header"), .kind = HOSTILE_RAW, .head = "",
    .http_head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Filler: ",
    .filler = 2 * MIB, .tail = "\r\nContent-Length: 2\r\n\r\n{}" },
  /* HTTP/1.0 with no Content-Length: the body ends where the server closes. Valid. */
  { .email = SAMPLE ("http10"), .kind = HOSTILE_RAW, .http_head = HTTP10_HEAD },
  /* The same, 50 MB long. */
  { .email = SAMPLE ("http10-huge"), .kind = HOSTILE_RAW, .http_head = HTTP10_HEAD,
    .head = FULL_NAME_OPEN, .filler = 50 * MIB, .tail = FULL_NAME_CLOSE },
  /* Text that must not act: control, invisible and direction-changing characters (the
   * JSON escapes them), and markup. Valid answers otherwise. */
  { .email = SAMPLE ("control-name"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer hostile\",\"user\":{\"full_name\":"
            "\"Контроль\\u001fІм\\u200bя \\u202eдзеркало\\u202c \\u2066ізоляція\\u2069"
            "\\ufeff\\u001b[2J\\u0007кінець\"}}" },
  { .email = SAMPLE ("markup"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer hostile\",\"user\":{\"full_name\":\"Сміт & Ко "
            "<span foreground='red' size='xx-large'>Червоний</span> "
            "<a href='https://evil.example/'>посилання</a>\"}}" },
  /* A refusal whose message would read backwards on a terminal. */
  { .email = SAMPLE ("bidi-message"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.0 422 Unprocessable Entity\r\nContent-Type: application/json\r\n\r\n",
    .head = "{\"message\":\"Невірний \\u202eнігол\\u202c \\u2066або\\u2069\\u200b пароль\\u001b]0;title\\u0007\","
            "\"type\":\"ERROR\"}" },
  /* A register number beyond 64 bits: json-glib 1.6 reads it as -1. */
  { .email = SAMPLE ("huge-number"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer hostile\",\"opened_shift\":99999999999999999999,"
            "\"user\":{\"full_name\":\"Велике Число\"}}" },
  /* Tokens that carry no credentials. */
  { .email = SAMPLE ("token-bearer-only"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\"Bearer \",\"user\":{\"full_name\":\"Без Токена\"}}" },
  { .email = SAMPLE ("token-space"), .kind = HOSTILE_BODY,
    .head = "{\"token\":\" \",\"user\":{\"full_name\":\"Без Токена\"}}" },
  { .email = SAMPLE ("token-number"), .kind = HOSTILE_BODY,
    .head = "{\"token\":12345,\"user\":{\"full_name\":\"Без Токена\"}}" },
  { .email = SAMPLE ("token-exponent"), .kind = HOSTILE_BODY,
    .head = "{\"token\":1e18,\"user\":{\"full_name\":\"Без Токена\"}}" },
  /* Answers that are not HTTP/1.x: an HTTP/2 status line on a plain connection, an
   * HTTP/0.9 answer (a body with no status line), and a final 1xx. */
  { .email = SAMPLE ("http2-status"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/2.0 200 OK\r\nContent-Type: application/json\r\n\r\n" },
  { .email = SAMPLE ("http09"), .kind = HOSTILE_RAW, .http_head = "" },
  { .email = SAMPLE ("final-1xx"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.1 199 Final Informational\r\nContent-Type: application/json\r\n\r\n" },
  /* Statuses that are not a sign-in, whatever the body: a proxy's 407, 304, and a 2xx
   * other than 200 with the cashier's answer. */
  { .email = SAMPLE ("status-407"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.0 407 Proxy Authentication Required\r\n"
                 "Content-Type: application/json\r\n\r\n" },
  { .email = SAMPLE ("status-304"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n", .head = "" },
  { .email = SAMPLE ("status-206"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.0 206 Partial Content\r\nContent-Type: application/json\r\n\r\n" },
  { .email = SAMPLE ("status-201"), .kind = HOSTILE_RAW,
    .http_head = "HTTP/1.0 201 Created\r\nContent-Type: application/json\r\n\r\n" },
};

/* A hostile body, produced a piece at a time: head, filler, tail. */
typedef struct {
  char       *head;
  gsize       head_length;
  gsize       filler;
  const char *tail;
  gsize       tail_length;
  gsize       offset;
} HostileBody;

/* A body written through libsoup, a chunk each time the previous one went out. */
typedef struct {
  CdDemoServer      *self;
  SoupServerMessage *message;
  HostileBody        body;
  gsize              step;
  guint              interval_ms;
  GSource           *timer;
} StreamReply;

/* Raw bytes on a connection taken over from libsoup. */
typedef struct {
  CdDemoServer *self;
  GIOStream    *connection;
  GSocket      *socket;
  GCancellable *cancellable;
  HostileBody   body;
  gboolean      reset;
  char          buffer[HOSTILE_CHUNK];
} RawReply;

static const HostileProfile *
cd_demo_hostile_find (const char *email)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hostile_profiles); i++)
    if (g_ascii_strcasecmp (hostile_profiles[i].email, email) == 0)
      return &hostile_profiles[i];
  return NULL;
}

static void
cd_demo_hostile_body_init (HostileBody          *body,
                           const HostileProfile *hostile)
{
  body->head = hostile->head != NULL ? g_strdup (hostile->head) : cd_demo_accounts_cashier_answer ();
  body->head_length = strlen (body->head);
  body->filler = hostile->filler;
  body->tail = hostile->tail != NULL ? hostile->tail : "";
  body->tail_length = strlen (body->tail);
  body->offset = 0;
}

static void
cd_demo_hostile_body_clear (HostileBody *body)
{
  g_clear_pointer (&body->head, g_free);
}

static gsize
cd_demo_hostile_body_length (const HostileBody *body)
{
  return body->head_length + body->filler + body->tail_length;
}

/* Copies the next bytes of @body, up to @size, into @buffer; 0 at the end. */
static gsize
cd_demo_hostile_body_read (HostileBody *body,
                           char        *buffer,
                           gsize        size)
{
  gsize filled = 0;

  while (filled < size && body->offset < cd_demo_hostile_body_length (body))
    {
      gsize at = body->offset;
      gsize n;

      if (at < body->head_length)
        {
          n = MIN (size - filled, body->head_length - at);
          memcpy (buffer + filled, body->head + at, n);
        }
      else if (at < body->head_length + body->filler)
        {
          n = MIN (size - filled, body->head_length + body->filler - at);
          memset (buffer + filled, 'A', n);
        }
      else
        {
          at -= body->head_length + body->filler;
          n = MIN (size - filled, body->tail_length - at);
          memcpy (buffer + filled, body->tail + at, n);
        }
      filled += n;
      body->offset += n;
    }
  return filled;
}

static void
cd_demo_hostile_stream_reply_free (StreamReply *reply)
{
  cd_demo_server_untrack (reply->self, reply);
  g_signal_handlers_disconnect_by_data (reply->message, reply);
  if (reply->timer != NULL)
    {
      g_source_destroy (reply->timer);
      g_source_unref (reply->timer);
    }
  g_object_unref (reply->message);
  cd_demo_hostile_body_clear (&reply->body);
  g_free (reply);
}

static void
cd_demo_hostile_stream_reply_write (StreamReply *reply)
{
  SoupMessageBody *body = soup_server_message_get_response_body (reply->message);
  char *chunk = g_malloc (reply->step);
  gsize length = cd_demo_hostile_body_read (&reply->body, chunk, reply->step);

  if (length > 0)
    soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk, length);
  else
    {
      g_free (chunk);
      soup_message_body_complete (body);
    }
}

static gboolean
cd_demo_hostile_stream_reply_tick_cb (gpointer user_data)
{
  StreamReply *reply = user_data;

  g_clear_pointer (&reply->timer, g_source_unref);
  cd_demo_hostile_stream_reply_write (reply);
  /* libsoup paused the message when it ran out of body. */
  soup_server_message_unpause (reply->message);
  return G_SOURCE_REMOVE;
}

static void
cd_demo_hostile_stream_reply_wrote_chunk_cb (SoupServerMessage *message,
                                             StreamReply       *reply)
{
  if (reply->interval_ms == 0)
    {
      cd_demo_hostile_stream_reply_write (reply);
      return;
    }
  reply->timer = g_timeout_source_new (reply->interval_ms);
  g_source_set_callback (reply->timer, cd_demo_hostile_stream_reply_tick_cb, reply, NULL);
  g_source_set_static_name (reply->timer, "[cashdesk-demo] dripping answer");
  g_source_attach (reply->timer, cd_demo_server_get_context (reply->self));
}

static void
cd_demo_hostile_stream_reply_gone_cb (SoupServerMessage *message,
                                      StreamReply       *reply)
{
  cd_demo_hostile_stream_reply_free (reply);
}

static void
cd_demo_hostile_answer_streamed (CdDemoServer         *self,
                                 SoupServerMessage    *message,
                                 const HostileProfile *hostile)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  StreamReply *reply = g_new0 (StreamReply, 1);

  reply->self = self;
  reply->message = g_object_ref (message);
  reply->step = hostile->step > 0 ? hostile->step : HOSTILE_CHUNK;
  reply->interval_ms = hostile->interval_ms;
  cd_demo_hostile_body_init (&reply->body, hostile);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (hostile->declare_length)
    soup_message_headers_set_content_length (headers, cd_demo_hostile_body_length (&reply->body));
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  /* What went out is forgotten: the server never holds the whole body. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (message), FALSE);

  g_signal_connect (message, "wrote-chunk",
                    G_CALLBACK (cd_demo_hostile_stream_reply_wrote_chunk_cb), reply);
  g_signal_connect (message, "disconnected", G_CALLBACK (cd_demo_hostile_stream_reply_gone_cb),
                    reply);
  g_signal_connect (message, "finished", G_CALLBACK (cd_demo_hostile_stream_reply_gone_cb), reply);
  cd_demo_server_track (self, reply, (GDestroyNotify) cd_demo_hostile_stream_reply_free);

  cd_demo_hostile_stream_reply_write (reply);
}

static void
cd_demo_hostile_answer_gzip (SoupServerMessage    *message,
                             const HostileProfile *hostile)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) compressed = g_byte_array_new ();
  HostileBody body;
  char input[16 * 1024];
  char output[16 * 1024];
  GConverterResult result = G_CONVERTER_CONVERTED;

  cd_demo_hostile_body_init (&body, hostile);
  while (result != G_CONVERTER_FINISHED && result != G_CONVERTER_ERROR)
    {
      gsize length = cd_demo_hostile_body_read (&body, input, sizeof input);
      GConverterFlags flags = length == 0 ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
      gsize done = 0;

      do
        {
          gsize bytes_read = 0;
          gsize bytes_written = 0;

          result = g_converter_convert (G_CONVERTER (compressor), input + done, length - done,
                                        output, sizeof output, flags,
                                        &bytes_read, &bytes_written, NULL);
          g_byte_array_append (compressed, (const guint8 *) output, bytes_written);
          done += bytes_read;
        }
      while (result != G_CONVERTER_ERROR && result != G_CONVERTER_FINISHED &&
             (done < length || length == 0));
    }
  cd_demo_hostile_body_clear (&body);

  if (result == G_CONVERTER_ERROR)
    {
      cd_demo_respond_error (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Внутрішня помилка сервера");
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Content-Encoding", "gzip");
  cd_demo_respond (message, SOUP_STATUS_OK, "application/json",
           (char *) compressed->data, compressed->len);
  g_byte_array_free (g_steal_pointer (&compressed), FALSE);
}

static void
cd_demo_hostile_answer_deep (SoupServerMessage    *message,
                             const HostileProfile *hostile)
{
  GString *text = g_string_sized_new (2 * hostile->filler + 64);

  g_string_append (text, "{\"token\":\"Bearer hostile\",\"user\":");
  for (gsize i = 0; i < hostile->filler; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < hostile->filler; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  cd_demo_respond (message, SOUP_STATUS_OK, "application/json", text->str, text->len);
  g_string_free (text, FALSE);
}

static void
cd_demo_hostile_answer_redirect (SoupServerMessage    *message,
                                 const HostileProfile *hostile)
{
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *location = NULL;

  /* localhost is this very server: following the redirect would even work. */
  location = g_strdup_printf ("%s://localhost:%d" CD_DEMO_AUTHENTICATE_PATH,
                              hostile->plain_http ? "http" : g_uri_get_scheme (uri),
                              g_uri_get_port (uri));
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Location", location);
  cd_demo_respond_error (message, SOUP_STATUS_TEMPORARY_REDIRECT, "Сервер переїхав");
}

static void
cd_demo_hostile_raw_reply_free (RawReply *reply)
{
  if (reply->self != NULL)
    cd_demo_server_untrack (reply->self, reply);
  g_object_unref (reply->connection);
  g_object_unref (reply->socket);
  g_object_unref (reply->cancellable);
  cd_demo_hostile_body_clear (&reply->body);
  g_free (reply);
}

static void
cd_demo_hostile_raw_reply_close (RawReply *reply)
{
  if (reply->reset)
    {
      /* A zero linger time turns the close into a reset. */
      struct linger linger = { .l_onoff = 1, .l_linger = 0 };

      setsockopt (g_socket_get_fd (reply->socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  else
    {
      g_io_stream_close (reply->connection, NULL, NULL);
    }
  g_socket_close (reply->socket, NULL);
  cd_demo_hostile_raw_reply_free (reply);
}

static void cd_demo_hostile_raw_reply_write_next (RawReply *reply);

/* The server is going away: a pending write holds the reply, and cancelling it ends
 * and frees the reply. */
static void
cd_demo_hostile_raw_reply_abandon (RawReply *reply)
{
  reply->self = NULL;
  g_cancellable_cancel (reply->cancellable);
}

static void
cd_demo_hostile_raw_reply_wrote_cb (GObject      *source,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  RawReply *reply = user_data;

  /* A failed write is the client gone, or the server shutting down: either way, done. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    cd_demo_hostile_raw_reply_close (reply);
  else
    cd_demo_hostile_raw_reply_write_next (reply);
}

static void
cd_demo_hostile_raw_reply_write_next (RawReply *reply)
{
  gsize length = cd_demo_hostile_body_read (&reply->body, reply->buffer, sizeof reply->buffer);

  if (length == 0)
    {
      cd_demo_hostile_raw_reply_close (reply);
      return;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (reply->connection),
                                   reply->buffer, length, G_PRIORITY_DEFAULT,
                                   reply->cancellable, cd_demo_hostile_raw_reply_wrote_cb, reply);
}

static void
cd_demo_hostile_answer_raw (CdDemoServer         *self,
                            SoupServerMessage    *message,
                            const HostileProfile *hostile)
{
  RawReply *reply = g_new0 (RawReply, 1);
  g_autofree char *body_head = NULL;

  reply->self = self;
  reply->reset = hostile->reset;
  reply->cancellable = g_cancellable_new ();
  reply->socket = g_object_ref (soup_server_message_get_socket (message));
  reply->connection = soup_server_message_steal_connection (message);
  cd_demo_hostile_body_init (&reply->body, hostile);
  /* The status line and headers go first, as part of the head. */
  body_head = g_steal_pointer (&reply->body.head);
  reply->body.head = g_strconcat (hostile->http_head, body_head, NULL);
  reply->body.head_length = strlen (reply->body.head);
  cd_demo_server_track (self, reply, (GDestroyNotify) cd_demo_hostile_raw_reply_abandon);

  cd_demo_hostile_raw_reply_write_next (reply);
}

static void
cd_demo_hostile_answer (CdDemoServer         *self,
                        SoupServerMessage    *message,
                        const HostileProfile *hostile)
{
  switch (hostile->kind)
    {
    case HOSTILE_HANG:
      cd_demo_server_answer_later (self, message, G_MAXUINT);
      break;
    case HOSTILE_STREAM:
      cd_demo_hostile_answer_streamed (self, message, hostile);
      break;
    case HOSTILE_GZIP:
      cd_demo_hostile_answer_gzip (message, hostile);
      break;
    case HOSTILE_DEEP:
      cd_demo_hostile_answer_deep (message, hostile);
      break;
    case HOSTILE_BODY:
      cd_demo_respond (message, SOUP_STATUS_OK, "application/json",
               g_strdup (hostile->head), strlen (hostile->head));
      break;
    case HOSTILE_REDIRECT:
      cd_demo_hostile_answer_redirect (message, hostile);
      break;
    case HOSTILE_RAW:
    default:
      cd_demo_hostile_answer_raw (self, message, hostile);
      break;
    }
}

static gboolean
cd_demo_hostile_respond (CdDemoServer      *self,
                         SoupServerMessage *message,
                         const char        *email,
                         const char        *password)
{
  const HostileProfile *hostile = cd_demo_hostile_find (email);

  if (hostile == NULL)
    return FALSE;
  cd_demo_hostile_answer (self, message, hostile);
  return TRUE;
}

void
cd_demo_hostile_install (CdDemoServer *server)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (server));

  cd_demo_server_add_responder (server, cd_demo_hostile_respond);
}
