/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-demo-accounts.c: the demo server's sample accounts, one per situation a client
 * must handle, and the answers CashDesk gives for them (the server's first responder,
 * added as cd_demo_server_new() makes it): tokens (JWTs signed with a key
 * anyone may read, or opaque), dates in CashDesk's three formats, errors. The Ukrainian
 * texts in the answers are the server's own words, not this program's, so they are not
 * translated. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-dates.h"
#include "cd-demo-server-private.h"

#define BUSY_RETRY_AFTER "30"
/* Anyone may read this key: the tokens are well-formed, not secure. */
#define JWT_KEY "cashdesk-demo-server"

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

#define SAMPLE(local) CD_DEMO_SAMPLE (local)

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
    .account = { SAMPLE ("token-expiring"), CD_DEMO_PASSWORD,
                 N_("The server hands out a token that expires in 5 days") },
    .full_name = "Гриценко Тарас Богданович",
    .uuid = "c8e0a2b4-6d8f-4a1c-b3e5-f7a9c1d3e5f7",
    .drfo = "3123456780",
    .shift_form = SHIFT_AS_STRING, .opened_shift = 4000055259, .active_rro = TRUE,
    .token_days = 5, .certificate_days = 200,
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
cd_demo_accounts_find_profile (const char *email)
{
  for (gsize i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (g_ascii_strcasecmp (profiles[i].account.email, email) == 0)
      return &profiles[i];
  return NULL;
}

static char *
cd_demo_accounts_base64url (const guchar *data,
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
cd_demo_accounts_base64url_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return cd_demo_accounts_base64url ((const guchar *) text, length);
}

static char *
cd_demo_accounts_make_jwt (const char *subject,
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

  header_text = cd_demo_accounts_base64url_json (header);
  payload_text = cd_demo_accounts_base64url_json (payload);
  signed_part = g_strconcat (header_text, ".", payload_text, NULL);
  g_hmac_update (hmac, (const guchar *) signed_part, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);
  signature_text = cd_demo_accounts_base64url (digest, digest_length);
  return g_strconcat (signed_part, ".", signature_text, NULL);
}

static char *
cd_demo_accounts_make_opaque_token (void)
{
  GString *token = g_string_new ("opaque-");

  for (int i = 0; i < 4; i++)
    g_string_append_printf (token, "%08" G_GINT32_MODIFIER "x", g_random_int ());
  return g_string_free (token, FALSE);
}

/* A whole minute: token_expires_at has no seconds, so it agrees exactly with exp. */
static gint64
cd_demo_accounts_token_expiry (const DemoProfile *profile,
                               gint64             issued_at)
{
  gint64 expires_at = issued_at + (gint64) profile->token_days * 24 * 3600;

  return expires_at - expires_at % 60;
}

static char *
cd_demo_accounts_format_token_expiry (gint64     expires_at,
                                      GTimeZone *kyiv)
{
  g_autoptr(GDateTime) expiry_utc = g_date_time_new_from_unix_utc (expires_at);
  g_autoptr(GDateTime) expiry = g_date_time_to_timezone (expiry_utc, kyiv);

  return g_date_time_format (expiry, "%d.%m.%Y %H:%M");
}

static char *
cd_demo_accounts_make_bearer (const DemoProfile *profile,
                              gint64             issued_at,
                              gint64             expires_at)
{
  g_autofree char *token = NULL;

  if (profile->opaque_token)
    token = cd_demo_accounts_make_opaque_token ();
  else
    token = cd_demo_accounts_make_jwt (profile->uuid, issued_at, expires_at);
  return g_strconcat ("Bearer ", token, NULL);
}

static void
cd_demo_accounts_add_developer_id (JsonBuilder       *builder,
                                   const DemoProfile *profile)
{
  json_builder_set_member_name (builder, "developer_id");
  if (profile->developer_id != 0)
    json_builder_add_int_value (builder, profile->developer_id);
  else
    json_builder_add_null_value (builder);
}

static void
cd_demo_accounts_add_opened_shift (JsonBuilder       *builder,
                                   const DemoProfile *profile)
{
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
}

static void
cd_demo_accounts_add_last_online (JsonBuilder       *builder,
                                  const DemoProfile *profile,
                                  GDateTime         *now)
{
  g_autoptr(GDateTime) last_online = NULL;
  g_autofree char *last_online_text = NULL;

  json_builder_set_member_name (builder, "last_online");
  if (profile->bare)
    {
      json_builder_add_null_value (builder);
      return;
    }
  last_online = g_date_time_add_hours (now, -2);
  last_online_text = g_date_time_format (last_online, "%d-%m-%Y %H:%M:%S");
  json_builder_add_string_value (builder, last_online_text);
}

/* subject_key_id and signature, derived from the uuid so that every account has its own,
 * stable ones. */
static void
cd_demo_accounts_add_signature (JsonBuilder       *builder,
                                const DemoProfile *profile,
                                GDateTime         *now)
{
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

static void
cd_demo_accounts_add_user (JsonBuilder       *builder,
                           const DemoProfile *profile,
                           GDateTime         *now)
{
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
  cd_demo_accounts_add_last_online (builder, profile, now);
  if (!profile->bare)
    cd_demo_accounts_add_signature (builder, profile, now);
  json_builder_end_object (builder);
}

static JsonNode *
cd_demo_accounts_build_account_answer (const DemoProfile *profile)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);
  gint64 issued_at = g_date_time_to_unix (now);
  gint64 expires_at = cd_demo_accounts_token_expiry (profile, issued_at);
  g_autofree char *bearer = cd_demo_accounts_make_bearer (profile, issued_at, expires_at);
  g_autofree char *expiry_text = cd_demo_accounts_format_token_expiry (expires_at, kyiv);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "active_rro");
  json_builder_add_boolean_value (builder, profile->active_rro);
  cd_demo_accounts_add_developer_id (builder, profile);
  cd_demo_accounts_add_opened_shift (builder, profile);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, bearer);
  json_builder_set_member_name (builder, "token_expires_at");
  json_builder_add_string_value (builder, expiry_text);
  cd_demo_accounts_add_user (builder, profile, now);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Answers @email as its profile says, a wrong password or an unknown email with
 * CashDesk's 401: the last responder, which answers everything. */
static gboolean
cd_demo_accounts_respond_sample (CdDemoServer      *self,
                                 SoupServerMessage *message,
                                 const char        *email,
                                 const char        *password)
{
  const DemoProfile *profile = cd_demo_accounts_find_profile (email);
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
      cd_demo_respond_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY, "Поле email має невірний формат");
      return TRUE;
    case ANSWER_BUSY:
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", BUSY_RETRY_AFTER);
      cd_demo_respond_error (message, CD_DEMO_STATUS_TOO_MANY_REQUESTS,
                     "Забагато запитів. Спробуйте через " BUSY_RETRY_AFTER " секунд");
      return TRUE;
    case ANSWER_BROKEN:
      cd_demo_respond (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html",
               g_strdup (broken_page), strlen (broken_page));
      return TRUE;
    case ANSWER_ACCOUNT:
    case ANSWER_GARBLED:
    default:
      break;
    }

  if (profile == NULL || strcmp (profile->account.password, password) != 0)
    {
      cd_demo_respond_error (message, SOUP_STATUS_UNAUTHORIZED, "Невірний логін або пароль");
      return TRUE;
    }

  if (profile->answer == ANSWER_GARBLED)
    {
      cd_demo_respond (message, SOUP_STATUS_OK, "application/json",
               g_strdup (garbled_body), strlen (garbled_body));
    }
  else
    {
      g_autoptr(JsonNode) answer = cd_demo_accounts_build_account_answer (profile);

      cd_demo_respond_json (message, SOUP_STATUS_OK, answer);
    }
  if (profile->slow)
    cd_demo_server_answer_later (self, message, cd_demo_server_get_slow_delay (self));
  return TRUE;
}

CdDemoServer *
cd_demo_server_new (void)
{
  CdDemoServer *server = g_object_new (CD_TYPE_DEMO_SERVER, NULL);

  cd_demo_server_add_responder (server, cd_demo_accounts_respond_sample);
  return server;
}


char *
cd_demo_accounts_cashier_answer (void)
{
  g_autoptr(JsonNode) answer = cd_demo_accounts_build_account_answer (&profiles[0]);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, answer);
  return json_generator_to_data (generator, NULL);
}
