/* cd-demo-server.c: answers POST /api/v2/authenticate the way CashDesk does, checks the
 * request as strictly as CashDesk does, and gives each situation a client must handle
 * its own sample account. The Ukrainian texts in the answers are the server's own words,
 * not this program's, so they are not translated. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cd-dates.h"
#include "cd-demo-server.h"

#define API_PREFIX "/api/v2"
#define AUTHENTICATE_PATH API_PREFIX "/authenticate"
#define DEFAULT_SLOW_DELAY_MS 3000
#define BUSY_RETRY_AFTER "30"
/* RFC 6585; libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429
/* Anyone may read this key: the tokens are well-formed, not secure. */
#define JWT_KEY "cashdesk-demo-server"
#define MIB (1024 * 1024)
/* How much of a hostile body is produced at a time: never all of it at once. */
#define HOSTILE_CHUNK (64 * 1024)

typedef enum {
  ANSWER_ACCOUNT,
  ANSWER_INVALID,
  ANSWER_BUSY,
  ANSWER_BROKEN,
  ANSWER_GARBLED,
} DemoAnswer;

typedef enum {
  SHIFT_NONE,
  SHIFT_AS_STRING,
  SHIFT_AS_INTEGER,
} ShiftForm;

typedef struct {
  CdDemoAccount account;
  DemoAnswer    answer;
  gboolean      slow;
  const char   *full_name;
  const char   *uuid;
  const char   *drfo;
  ShiftForm     shift_form;
  gint64        opened_shift;
  gboolean      active_rro;
  gint64        developer_id;  /* 0: null */
  gboolean      opaque_token;
  int           token_days;
  /* A user who never set up an e-signature: no signature, no subject_key_id, no drfo,
   * never online. */
  gboolean      bare;
  int           certificate_days;
} DemoProfile;

#define SAMPLE(local) local "@demo.test"

static const DemoProfile profiles[] = {
  {
    .account = { SAMPLE ("cashier"), CD_DEMO_PASSWORD, N_("A cashier with an open shift") },
    .full_name = "Іваненко Марія Петрівна",
    .uuid = "6f1d2c3e-8a4b-4c5d-9e6f-7a8b9c0d1e2f",
    .drfo = "3012405678",
    .shift_form = SHIFT_AS_STRING, .opened_shift = 4000055255, .active_rro = TRUE,
    .token_days = 365, .certificate_days = 200,
  },
  {
    .account = { SAMPLE ("no-shift"), CD_DEMO_PASSWORD,
                 N_("No open shift and no active cash registers") },
    .full_name = "Петренко Олег Іванович",
    .uuid = "0b7e4f52-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
    .drfo = "2987601234",
    .shift_form = SHIFT_NONE,
    .token_days = 365, .certificate_days = 200,
  },
  {
    .account = { SAMPLE ("int-shift"), CD_DEMO_PASSWORD,
                 N_("The open shift as a number and a token that is not a JWT") },
    .full_name = "Коваленко Андрій Сергійович",
    .uuid = "9c2a7d10-5e6f-4a1b-b2c3-d4e5f6a7b8c9",
    .drfo = "3145609876",
    .shift_form = SHIFT_AS_INTEGER, .opened_shift = 4000055256, .active_rro = TRUE,
    .developer_id = 42, .opaque_token = TRUE,
    .token_days = 365, .certificate_days = 200,
  },
  {
    .account = { SAMPLE ("expiring"), CD_DEMO_PASSWORD,
                 N_("The e-signature certificate expires in 10 days") },
    .full_name = "Шевченко Олена Василівна",
    .uuid = "4e8b1a23-7c9d-4f0e-a1b2-c3d4e5f60718",
    .drfo = "2876543210",
    .shift_form = SHIFT_AS_STRING, .opened_shift = 4000055257, .active_rro = TRUE,
    .token_days = 365, .certificate_days = 10,
  },
  {
    .account = { SAMPLE ("expired"), CD_DEMO_PASSWORD,
                 N_("The e-signature certificate expired 20 days ago") },
    .full_name = "Бондаренко Ігор Миколайович",
    .uuid = "d3f5a7b9-2c4e-4a6b-8d0f-1a3c5e7f9b2d",
    .drfo = "3298765401",
    .shift_form = SHIFT_NONE, .active_rro = TRUE,
    .token_days = 365, .certificate_days = -20,
  },
  {
    .account = { SAMPLE ("no-signature"), CD_DEMO_PASSWORD,
                 N_("No e-signature certificate, never online") },
    .full_name = "Ткаченко Наталія Олександрівна",
    .uuid = "71a9c3e5-0b2d-4f4a-9c6e-8d0a2b4c6e8f",
    .shift_form = SHIFT_NONE,
    .token_days = 365, .bare = TRUE,
  },
  {
    .account = { SAMPLE ("expired-token"), CD_DEMO_PASSWORD,
                 N_("The server hands out a token that expired two days ago") },
    .full_name = "Кравченко Юрій Павлович",
    .uuid = "a5c7e9f1-3b5d-4c7e-9f1a-2b4d6f8a0c1e",
    .drfo = "3056781234",
    .shift_form = SHIFT_NONE,
    .token_days = -2, .certificate_days = 200,
  },
  {
    .account = { SAMPLE ("quoting"), "Пароль \"з\" \\лапками\\ 🔑",
                 N_("A password with quotes, backslashes, Cyrillic letters and an emoji") },
    .full_name = "Олійник Софія Дмитрівна",
    .uuid = "2d4f6a8c-9e1b-4d3f-a5c7-e9b1d3f5a7c9",
    .drfo = "3367812045",
    .shift_form = SHIFT_AS_STRING, .opened_shift = 4000055255, .active_rro = TRUE,
    .token_days = 365, .certificate_days = 200,
  },
  {
    .account = { SAMPLE ("invalid"), CD_DEMO_PASSWORD,
                 N_("The server refuses the email as badly formed") },
    .answer = ANSWER_INVALID,
  },
  {
    .account = { SAMPLE ("busy"), CD_DEMO_PASSWORD,
                 N_("The server answers that there were too many requests") },
    .answer = ANSWER_BUSY,
  },
  {
    .account = { SAMPLE ("broken"), CD_DEMO_PASSWORD,
                 N_("The server fails with an HTML error page") },
    .answer = ANSWER_BROKEN,
  },
  {
    .account = { SAMPLE ("garbled"), CD_DEMO_PASSWORD,
                 N_("The server answers with broken JSON") },
    .answer = ANSWER_GARBLED,
  },
  {
    .account = { SAMPLE ("slow"), CD_DEMO_PASSWORD,
                 N_("The server takes a few seconds to answer") },
    .full_name = "Мельник Василь Андрійович",
    .uuid = "e7a9c1e3-5f7b-4d9f-b1c3-d5f7a9c1e3f5",
    .drfo = "2945601873",
    .shift_form = SHIFT_AS_STRING, .opened_shift = 4000055258, .active_rro = TRUE,
    .slow = TRUE,
    .token_days = 365, .certificate_days = 200,
  },
};

/* The hostile servers: what a client must survive from whatever the network hands it
 * (hardening, issue 5). They are not in cd_demo_server_accounts(), which lists what a
 * person trying the demo picks from: they are for tests and for trying a client against
 * them by hand. Any password will do, and nothing about the request is looked at beyond
 * the checks every request gets. */
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

struct _CdDemoServer
{
  GObject       parent_instance;

  SoupServer   *server;
  GMainContext *context;
  char         *url;
  guint         slow_delay_ms;
  guint         request_count;
  GList        *slow_replies;
  GList        *stream_replies;
  GList        *raw_replies;
};

G_DEFINE_FINAL_TYPE (CdDemoServer, cd_demo_server, G_TYPE_OBJECT)

/* A slow answer waiting for its timeout, which the client may not wait for; with no
 * timeout, an answer that never comes. */
typedef struct {
  CdDemoServer      *self;
  SoupServerMessage *message;
  GSource           *timeout;
} SlowReply;

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

const CdDemoAccount *
cd_demo_server_accounts (void)
{
  static CdDemoAccount *accounts;

  if (g_once_init_enter (&accounts))
    {
      CdDemoAccount *list = g_new0 (CdDemoAccount, G_N_ELEMENTS (profiles) + 1);

      for (gsize i = 0; i < G_N_ELEMENTS (profiles); i++)
        list[i] = profiles[i].account;
      g_once_init_leave (&accounts, list);
    }
  return accounts;
}

static const DemoProfile *
find_profile (const char *email)
{
  for (gsize i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (g_ascii_strcasecmp (profiles[i].account.email, email) == 0)
      return &profiles[i];
  return NULL;
}

static const HostileProfile *
find_hostile (const char *email)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hostile_profiles); i++)
    if (g_ascii_strcasecmp (hostile_profiles[i].email, email) == 0)
      return &hostile_profiles[i];
  return NULL;
}

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         char              *body,
         gsize              length)
{
  soup_server_message_set_status (message, status,
                                  status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_TAKE, body, length);
}

static void
respond_json (SoupServerMessage *message,
              guint              status,
              JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *body;

  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &length);
  respond (message, status, "application/json", body, length);
}

static void
respond_error (SoupServerMessage *message,
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
  respond_json (message, status, root);
}

static char *
base64url (const guchar *data,
           gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *padding;

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  padding = strchr (text, '=');
  if (padding != NULL)
    *padding = '\0';
  return text;
}

static char *
base64url_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return base64url ((const guchar *) text, length);
}

static char *
make_jwt (const char *subject,
          gint64      issued_at,
          gint64      expires_at)
{
  g_autoptr(JsonBuilder) header = json_builder_new ();
  g_autoptr(JsonBuilder) payload = json_builder_new ();
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) JWT_KEY,
                                      strlen (JWT_KEY));
  g_autofree char *signed_part = NULL;
  g_autofree char *header_text = NULL;
  g_autofree char *payload_text = NULL;
  g_autofree char *signature_text = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  json_builder_begin_object (header);
  json_builder_set_member_name (header, "alg");
  json_builder_add_string_value (header, "HS256");
  json_builder_set_member_name (header, "typ");
  json_builder_add_string_value (header, "JWT");
  json_builder_end_object (header);

  json_builder_begin_object (payload);
  json_builder_set_member_name (payload, "sub");
  json_builder_add_string_value (payload, subject);
  json_builder_set_member_name (payload, "exp");
  json_builder_add_int_value (payload, expires_at);
  json_builder_set_member_name (payload, "iat");
  json_builder_add_int_value (payload, issued_at);
  /* Every token its own, as a real server's: two sign-ins in one second differ. */
  json_builder_set_member_name (payload, "jti");
  json_builder_add_int_value (payload, g_random_int ());
  json_builder_end_object (payload);

  header_text = base64url_json (header);
  payload_text = base64url_json (payload);
  signed_part = g_strconcat (header_text, ".", payload_text, NULL);
  g_hmac_update (hmac, (const guchar *) signed_part, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);
  signature_text = base64url (digest, digest_length);
  return g_strconcat (signed_part, ".", signature_text, NULL);
}

static char *
make_opaque_token (void)
{
  GString *token = g_string_new ("opaque-");

  for (int i = 0; i < 4; i++)
    g_string_append_printf (token, "%08" G_GINT32_MODIFIER "x", g_random_int ());
  return g_string_free (token, FALSE);
}

static JsonNode *
build_account_answer (const DemoProfile *profile)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);
  g_autoptr(GDateTime) expiry_utc = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autofree char *token = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *expiry_text = NULL;
  gint64 issued_at = g_date_time_to_unix (now);
  gint64 expires_at = issued_at + (gint64) profile->token_days * 24 * 3600;

  /* token_expires_at has no seconds: a whole minute lets it agree exactly with exp. */
  expires_at -= expires_at % 60;
  expiry_utc = g_date_time_new_from_unix_utc (expires_at);
  expiry = g_date_time_to_timezone (expiry_utc, kyiv);
  expiry_text = g_date_time_format (expiry, "%d.%m.%Y %H:%M");

  if (profile->opaque_token)
    token = make_opaque_token ();
  else
    token = make_jwt (profile->uuid, issued_at, expires_at);
  bearer = g_strconcat ("Bearer ", token, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "active_rro");
  json_builder_add_boolean_value (builder, profile->active_rro);

  json_builder_set_member_name (builder, "developer_id");
  if (profile->developer_id != 0)
    json_builder_add_int_value (builder, profile->developer_id);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "opened_shift");
  switch (profile->shift_form)
    {
    case SHIFT_AS_STRING:
      {
        g_autofree char *shift = g_strdup_printf ("%" G_GINT64_FORMAT, profile->opened_shift);

        json_builder_add_string_value (builder, shift);
      }
      break;
    case SHIFT_AS_INTEGER:
      json_builder_add_int_value (builder, profile->opened_shift);
      break;
    case SHIFT_NONE:
    default:
      json_builder_add_null_value (builder);
      break;
    }

  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, bearer);
  json_builder_set_member_name (builder, "token_expires_at");
  json_builder_add_string_value (builder, expiry_text);

  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "full_name");
  json_builder_add_string_value (builder, profile->full_name);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, profile->uuid);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, profile->account.email);
  json_builder_set_member_name (builder, "edrpou");
  json_builder_add_string_value (builder, "34554362");
  if (profile->drfo != NULL)
    {
      json_builder_set_member_name (builder, "drfo");
      json_builder_add_string_value (builder, profile->drfo);
    }
  json_builder_set_member_name (builder, "last_online");
  if (profile->bare)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autoptr(GDateTime) last_online = g_date_time_add_hours (now, -2);
      g_autofree char *last_online_text = g_date_time_format (last_online, "%d-%m-%Y %H:%M:%S");

      json_builder_add_string_value (builder, last_online_text);
    }
  if (!profile->bare)
    {
      /* Derived from the uuid so that every account has its own, stable ones. */
      g_autofree char *key_id = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                               profile->uuid, -1);
      g_autofree char *serial_hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1,
                                                                   profile->uuid, -1);
      g_autofree char *serial = g_ascii_strup (serial_hex, -1);
      g_autoptr(GDateTime) certificate_end = g_date_time_add_days (now,
                                                                   profile->certificate_days);
      g_autofree char *certificate_end_text = g_date_time_format (certificate_end, "%d.%m.%Y");

      json_builder_set_member_name (builder, "subject_key_id");
      json_builder_add_string_value (builder, key_id);
      json_builder_set_member_name (builder, "signature");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "serial");
      json_builder_add_string_value (builder, serial);
      json_builder_set_member_name (builder, "cert_end_data");
      json_builder_add_string_value (builder, certificate_end_text);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
respond_for_profile (SoupServerMessage *message,
                     const DemoProfile *profile,
                     const char        *password)
{
  static const char broken_page[] =
    "<html>\r\n"
    "<head><title>500 Internal Server Error</title></head>\r\n"
    "<body>\r\n"
    "<center><h1>500 Internal Server Error</h1></center>\r\n"
    "<hr><center>nginx</center>\r\n"
    "</body>\r\n"
    "</html>\r\n";
  /* Cut off mid-token, as when a proxy drops the connection. */
  static const char garbled_body[] =
    "{\"active_rro\":true,\"developer_id\":null,\"opened_shift\":\"4000055255\","
    "\"token\":\"Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi";

  /* Validation, rate limits and crashes come before the password is ever looked at. */
  switch (profile != NULL ? profile->answer : ANSWER_ACCOUNT)
    {
    case ANSWER_INVALID:
      respond_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY, "Поле email має невірний формат");
      return;
    case ANSWER_BUSY:
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", BUSY_RETRY_AFTER);
      respond_error (message, STATUS_TOO_MANY_REQUESTS,
                     "Забагато запитів. Спробуйте через " BUSY_RETRY_AFTER " секунд");
      return;
    case ANSWER_BROKEN:
      respond (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html",
               g_strdup (broken_page), strlen (broken_page));
      return;
    case ANSWER_ACCOUNT:
    case ANSWER_GARBLED:
    default:
      break;
    }

  if (profile == NULL || strcmp (profile->account.password, password) != 0)
    {
      respond_error (message, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
      return;
    }

  if (profile->answer == ANSWER_GARBLED)
    {
      respond (message, SOUP_STATUS_OK, "application/json",
               g_strdup (garbled_body), strlen (garbled_body));
    }
  else
    {
      g_autoptr(JsonNode) answer = build_account_answer (profile);

      respond_json (message, SOUP_STATUS_OK, answer);
    }
}

static void
slow_reply_free (SlowReply *reply)
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
slow_reply_timeout (gpointer user_data)
{
  SlowReply *reply = user_data;
  g_autoptr(SoupServerMessage) message = g_object_ref (reply->message);

  /* Unpausing may finish the message at once, which must not free the reply twice. */
  slow_reply_free (reply);
  soup_server_message_unpause (message);
  return G_SOURCE_REMOVE;
}

static void
slow_reply_gone (SoupServerMessage *message,
                 SlowReply         *reply)
{
  slow_reply_free (reply);
}

/* Holds @message back for @delay_ms; G_MAXUINT: for ever (until the client leaves). */
static void
answer_later (CdDemoServer      *self,
              SoupServerMessage *message,
              guint              delay_ms)
{
  SlowReply *reply = g_new0 (SlowReply, 1);

  reply->self = self;
  reply->message = g_object_ref (message);
  g_signal_connect (message, "disconnected", G_CALLBACK (slow_reply_gone), reply);
  g_signal_connect (message, "finished", G_CALLBACK (slow_reply_gone), reply);
  self->slow_replies = g_list_prepend (self->slow_replies, reply);

  soup_server_message_pause (message);
  if (delay_ms == G_MAXUINT)
    return;
  reply->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (reply->timeout, slow_reply_timeout, reply, NULL);
  g_source_set_static_name (reply->timeout, "[cashdesk-demo] slow answer");
  g_source_attach (reply->timeout, self->context);
}

static char *
cashier_answer_text (void)
{
  g_autoptr(JsonNode) answer = build_account_answer (&profiles[0]);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, answer);
  return json_generator_to_data (generator, NULL);
}

static void
hostile_body_init (HostileBody          *body,
                   const HostileProfile *hostile)
{
  body->head = hostile->head != NULL ? g_strdup (hostile->head) : cashier_answer_text ();
  body->head_length = strlen (body->head);
  body->filler = hostile->filler;
  body->tail = hostile->tail != NULL ? hostile->tail : "";
  body->tail_length = strlen (body->tail);
  body->offset = 0;
}

static void
hostile_body_clear (HostileBody *body)
{
  g_clear_pointer (&body->head, g_free);
}

static gsize
hostile_body_length (const HostileBody *body)
{
  return body->head_length + body->filler + body->tail_length;
}

/* Copies the next bytes of @body, up to @size, into @buffer; 0 at the end. */
static gsize
hostile_body_read (HostileBody *body,
                   char        *buffer,
                   gsize        size)
{
  gsize filled = 0;

  while (filled < size && body->offset < hostile_body_length (body))
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
stream_reply_free (StreamReply *reply)
{
  reply->self->stream_replies = g_list_remove (reply->self->stream_replies, reply);
  g_signal_handlers_disconnect_by_data (reply->message, reply);
  if (reply->timer != NULL)
    {
      g_source_destroy (reply->timer);
      g_source_unref (reply->timer);
    }
  g_object_unref (reply->message);
  hostile_body_clear (&reply->body);
  g_free (reply);
}

static void
stream_reply_write (StreamReply *reply)
{
  SoupMessageBody *body = soup_server_message_get_response_body (reply->message);
  char *chunk = g_malloc (reply->step);
  gsize length = hostile_body_read (&reply->body, chunk, reply->step);

  if (length > 0)
    soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk, length);
  else
    {
      g_free (chunk);
      soup_message_body_complete (body);
    }
}

static gboolean
stream_reply_tick (gpointer user_data)
{
  StreamReply *reply = user_data;

  g_clear_pointer (&reply->timer, g_source_unref);
  stream_reply_write (reply);
  /* libsoup paused the message when it ran out of body. */
  soup_server_message_unpause (reply->message);
  return G_SOURCE_REMOVE;
}

static void
stream_reply_wrote_chunk (SoupServerMessage *message,
                          StreamReply       *reply)
{
  if (reply->interval_ms == 0)
    {
      stream_reply_write (reply);
      return;
    }
  reply->timer = g_timeout_source_new (reply->interval_ms);
  g_source_set_callback (reply->timer, stream_reply_tick, reply, NULL);
  g_source_set_static_name (reply->timer, "[cashdesk-demo] dripping answer");
  g_source_attach (reply->timer, reply->self->context);
}

static void
stream_reply_gone (SoupServerMessage *message,
                   StreamReply       *reply)
{
  stream_reply_free (reply);
}

static void
answer_streamed (CdDemoServer         *self,
                 SoupServerMessage    *message,
                 const HostileProfile *hostile)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  StreamReply *reply = g_new0 (StreamReply, 1);

  reply->self = self;
  reply->message = g_object_ref (message);
  reply->step = hostile->step > 0 ? hostile->step : HOSTILE_CHUNK;
  reply->interval_ms = hostile->interval_ms;
  hostile_body_init (&reply->body, hostile);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (hostile->declare_length)
    soup_message_headers_set_content_length (headers, hostile_body_length (&reply->body));
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  /* What went out is forgotten: the server never holds the whole body. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (message), FALSE);

  g_signal_connect (message, "wrote-chunk", G_CALLBACK (stream_reply_wrote_chunk), reply);
  g_signal_connect (message, "disconnected", G_CALLBACK (stream_reply_gone), reply);
  g_signal_connect (message, "finished", G_CALLBACK (stream_reply_gone), reply);
  self->stream_replies = g_list_prepend (self->stream_replies, reply);

  stream_reply_write (reply);
}

static void
answer_gzip (SoupServerMessage    *message,
             const HostileProfile *hostile)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) compressed = g_byte_array_new ();
  HostileBody body;
  char input[16 * 1024];
  char output[16 * 1024];
  GConverterResult result = G_CONVERTER_CONVERTED;

  hostile_body_init (&body, hostile);
  while (result != G_CONVERTER_FINISHED && result != G_CONVERTER_ERROR)
    {
      gsize length = hostile_body_read (&body, input, sizeof input);
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
  hostile_body_clear (&body);

  if (result == G_CONVERTER_ERROR)
    {
      respond_error (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Внутрішня помилка сервера");
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Content-Encoding", "gzip");
  respond (message, SOUP_STATUS_OK, "application/json",
           (char *) compressed->data, compressed->len);
  g_byte_array_free (g_steal_pointer (&compressed), FALSE);
}

static void
answer_deep (SoupServerMessage    *message,
             const HostileProfile *hostile)
{
  GString *text = g_string_sized_new (2 * hostile->filler + 64);

  g_string_append (text, "{\"token\":\"Bearer hostile\",\"user\":");
  for (gsize i = 0; i < hostile->filler; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < hostile->filler; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  respond (message, SOUP_STATUS_OK, "application/json", text->str, text->len);
  g_string_free (text, FALSE);
}

static void
answer_redirect (SoupServerMessage    *message,
                 const HostileProfile *hostile)
{
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *location = NULL;

  /* localhost is this very server: following the redirect would even work. */
  location = g_strdup_printf ("%s://localhost:%d" AUTHENTICATE_PATH,
                              hostile->plain_http ? "http" : g_uri_get_scheme (uri),
                              g_uri_get_port (uri));
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Location", location);
  respond_error (message, SOUP_STATUS_TEMPORARY_REDIRECT, "Сервер переїхав");
}

static void
raw_reply_free (RawReply *reply)
{
  if (reply->self != NULL)
    reply->self->raw_replies = g_list_remove (reply->self->raw_replies, reply);
  g_object_unref (reply->connection);
  g_object_unref (reply->socket);
  g_object_unref (reply->cancellable);
  hostile_body_clear (&reply->body);
  g_free (reply);
}

static void
raw_reply_close (RawReply *reply)
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
  raw_reply_free (reply);
}

static void raw_reply_write_next (RawReply *reply);

static void
raw_reply_wrote (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RawReply *reply = user_data;

  /* A failed write is the client gone, or the server shutting down: either way, done. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    raw_reply_close (reply);
  else
    raw_reply_write_next (reply);
}

static void
raw_reply_write_next (RawReply *reply)
{
  gsize length = hostile_body_read (&reply->body, reply->buffer, sizeof reply->buffer);

  if (length == 0)
    {
      raw_reply_close (reply);
      return;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (reply->connection),
                                   reply->buffer, length, G_PRIORITY_DEFAULT,
                                   reply->cancellable, raw_reply_wrote, reply);
}

static void
answer_raw (CdDemoServer         *self,
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
  hostile_body_init (&reply->body, hostile);
  /* The status line and headers go first, as part of the head. */
  body_head = g_steal_pointer (&reply->body.head);
  reply->body.head = g_strconcat (hostile->http_head, body_head, NULL);
  reply->body.head_length = strlen (reply->body.head);
  self->raw_replies = g_list_prepend (self->raw_replies, reply);

  raw_reply_write_next (reply);
}

static void
answer_hostile (CdDemoServer         *self,
                SoupServerMessage    *message,
                const HostileProfile *hostile)
{
  switch (hostile->kind)
    {
    case HOSTILE_HANG:
      answer_later (self, message, G_MAXUINT);
      break;
    case HOSTILE_STREAM:
      answer_streamed (self, message, hostile);
      break;
    case HOSTILE_GZIP:
      answer_gzip (message, hostile);
      break;
    case HOSTILE_DEEP:
      answer_deep (message, hostile);
      break;
    case HOSTILE_BODY:
      respond (message, SOUP_STATUS_OK, "application/json",
               g_strdup (hostile->head), strlen (hostile->head));
      break;
    case HOSTILE_REDIRECT:
      answer_redirect (message, hostile);
      break;
    case HOSTILE_RAW:
    default:
      answer_raw (self, message, hostile);
      break;
    }
}

static gboolean
media_type_is (const char *range,
               const char *type)
{
  g_autofree char *range_type = g_strndup (range, strcspn (range, ";"));

  g_strstrip (range_type);
  return g_ascii_strcasecmp (range_type, type) == 0;
}

/* The page demands the header, so its absence is refused too, although HTTP would read
 * a missing Accept as "anything". */
static gboolean
accepts_json (SoupMessageHeaders *headers)
{
  const char *accept = soup_message_headers_get_list (headers, "Accept");
  GSList *acceptable;
  GSList *unacceptable = NULL;
  gboolean json = FALSE;

  if (accept == NULL)
    return FALSE;

  acceptable = soup_header_parse_quality_list (accept, &unacceptable);
  for (GSList *l = acceptable; l != NULL; l = l->next)
    json |= media_type_is (l->data, "application/json")
            || media_type_is (l->data, "application/*")
            || media_type_is (l->data, "*/*");
  for (GSList *l = unacceptable; l != NULL; l = l->next)
    json &= !media_type_is (l->data, "application/json");

  soup_header_free_list (acceptable);
  soup_header_free_list (unacceptable);
  return json;
}

static gboolean
is_json_content (SoupMessageHeaders *headers)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
handle_authenticate (CdDemoServer      *self,
                     SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *developer_id;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  const char *email;
  const char *password;
  const DemoProfile *profile;
  const HostileProfile *hostile;
  gsize length;
  const char *data;

  self->request_count++;

  if (strcmp (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Allow", "POST");
      respond_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Метод не підтримується");
      return;
    }
  if (!accepts_json (headers))
    {
      respond_error (message, SOUP_STATUS_NOT_ACCEPTABLE,
                     "Запит повинен містити заголовок Accept: application/json");
      return;
    }
  if (!is_json_content (headers))
    {
      respond_error (message, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                     "Запит повинен містити заголовок Content-Type: application/json");
      return;
    }
  developer_id = soup_message_headers_get_one (headers, "developer-id");
  if (developer_id == NULL || developer_id[strspn (developer_id, " \t")] == '\0')
    {
      respond_error (message, SOUP_STATUS_FORBIDDEN,
                     "Доступ заблоковано: запит не містить developer-id");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  data = g_bytes_get_data (body, &length);
  /* As strict as a PHP server's json_decode(): a control character must be escaped. */
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      {
        respond_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                       "Тіло запиту містить неекрановані керівні символи");
        return;
      }
  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    {
      respond_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                     "Тіло запиту має бути JSON-об'єктом");
      return;
    }
  object = json_node_get_object (root);
  email = get_string_member (object, "email");
  password = get_string_member (object, "password");
  if (email == NULL || *email == '\0')
    {
      respond_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                     "Поле email обов'язкове для заповнення");
      return;
    }
  if (strchr (email, '@') == NULL)
    {
      respond_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY, "Поле email має невірний формат");
      return;
    }
  if (password == NULL || *password == '\0')
    {
      respond_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                     "Поле password обов'язкове для заповнення");
      return;
    }

  hostile = find_hostile (email);
  if (hostile != NULL)
    {
      answer_hostile (self, message, hostile);
      return;
    }

  profile = find_profile (email);
  respond_for_profile (message, profile, password);
  if (profile != NULL && profile->slow)
    answer_later (self, message, self->slow_delay_ms);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  CdDemoServer *self = user_data;

  if (strcmp (path, AUTHENTICATE_PATH) == 0)
    handle_authenticate (self, message);
  else
    respond_error (message, SOUP_STATUS_NOT_FOUND, "Сторінку не знайдено");
}

static void
cd_demo_server_dispose (GObject *object)
{
  CdDemoServer *self = CD_DEMO_SERVER (object);

  while (self->slow_replies != NULL)
    slow_reply_free (self->slow_replies->data);
  while (self->stream_replies != NULL)
    stream_reply_free (self->stream_replies->data);
  /* A pending write holds its raw reply: cancelling it ends and frees the reply. */
  for (GList *l = self->raw_replies; l != NULL; l = l->next)
    {
      RawReply *reply = l->data;

      reply->self = NULL;
      g_cancellable_cancel (reply->cancellable);
    }
  g_clear_pointer (&self->raw_replies, g_list_free);
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

CdDemoServer *
cd_demo_server_new (void)
{
  return g_object_new (CD_TYPE_DEMO_SERVER, NULL);
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
  soup_server_add_handler (server, NULL, handle_request, self, NULL);

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

  self->url = g_strdup_printf ("%s://127.0.0.1:%d" API_PREFIX,
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
