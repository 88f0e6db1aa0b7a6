/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-json.c: the account as JSON: CashDesk's answer to /authenticate read
 * (cd_account_parse()), and the summary this program writes and reads back. Both
 * readers share the checks below: the keyring's details are as untrusted as an answer. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cd-account-json.h"
#include "cd-account-private.h"
#include "cd-dates.h"
#include "cd-error.h"
#include "cd-json-private.h"
#include "cd-text.h"

/* A token goes into HTTP headers and onto one line of output. */
#define MAX_TOKEN_LENGTH (16 * 1024)

static gboolean
cd_account_json_protocol_error (GError    **error,
                                const char *what)
{
  g_set_error (error, CD_ERROR, CD_ERROR_PROTOCOL,
               _("The server's answer is not what CashDesk sends (%s)."), what);
  return FALSE;
}

/* How long a text from the server, or from a keyring item, may be. A name is shortened
 * to CD_ACCOUNT_MAX_NAME characters, with "…" (it is only shown); any other text is a
 * code, an email or a date, which a shortened copy would misstate: one longer than its
 * limit is refused. No honest answer comes near any of them. */
static glong
cd_account_json_text_limit (const char *name)
{
  if (g_str_equal (name, "full_name"))
    return -CD_ACCOUNT_MAX_NAME;
  if (g_str_equal (name, "email"))
    return 254;
  if (g_str_equal (name, "developer_id"))
    return CD_ACCOUNT_MAX_NAME;
  return CD_ACCOUNT_MAX_CODE;
}

/* A text member: a string, or a number where a string was documented (a sensible reading
 * of codes such as EDRPOU); missing, null or empty is NULL. Objects, arrays and booleans
 * have no sensible reading. Strings are kept as cd_text_dup_clean() makes them: every
 * face of the program shows them to people, and none should have to clean them again;
 * and within cd_account_json_text_limit(). */
static gboolean
cd_account_json_read_text (JsonObject  *object,
                           const char  *name,
                           char       **out,
                           GError     **error)
{
  glong limit = cd_account_json_text_limit (name);

  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  GType type;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return cd_account_json_protocol_error (error, name);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (limit < 0)
        {
          *out = cd_text_dup_clean (s, -limit);
          return TRUE;
        }
      *out = cd_text_dup_clean (s, limit + 1);
      if (*out != NULL && g_utf8_strlen (*out, -1) > limit)
        {
          g_clear_pointer (out, g_free);
          return cd_account_json_protocol_error (error, name);
        }
      return TRUE;
    }
  if (type == G_TYPE_INT64)
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* Outside gint64's range (1e300, say) the cast would be undefined. */
      if (d >= -0x1p63 && d < 0x1p63 && d == (double) (gint64) d)
        {
          *out = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
          return TRUE;
        }
    }
  return cd_account_json_protocol_error (error, name);
}

static gboolean
cd_account_json_read_bool (JsonObject *object,
                           const char *name,
                           gboolean   *out,
                           GError    **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    *out = json_node_get_boolean (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node) != 0;
  else
    return cd_account_json_protocol_error (error, name);
  return TRUE;
}

/* An object member that may be missing or null (NULL then); anything else is wrong. */
static gboolean
cd_account_json_read_object (JsonObject  *object,
                             const char  *name,
                             JsonObject **out,
                             GError     **error)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return cd_account_json_protocol_error (error, name);
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
cd_account_token_is_usable (const char *token)
{
  gsize len = token != NULL ? strlen (token) : 0;

  if (len == 0 || len > MAX_TOKEN_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (token[i] < 0x20 || token[i] > 0x7e)
        return FALSE;
      /* "Bearer " and " " carry no credentials; spaces around or doubled inside are
       * not what an Authorization header's value looks like. */
      if (token[i] == ' ' && (i == 0 || i == len - 1 || token[i + 1] == ' '))
        return FALSE;
    }
  return g_ascii_strcasecmp (token, "Bearer") != 0;
}

/* The token: only a string will do. A number (12345, 1e18) is no credential, and its
 * text would be json-glib's, not the server's. */
static gboolean
cd_account_json_read_token (JsonObject  *object,
                            char       **out,
                            GError     **error)
{
  JsonNode *node = json_object_get_member (object, "token");

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return cd_account_json_protocol_error (error, _("no token"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !cd_account_token_is_usable (json_node_get_string (node)))
    return cd_account_json_protocol_error (error, _("unusable token"));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static JsonObject *
cd_account_json_parse_root_object (GBytes     *body,
                                   JsonParser *parser,
                                   GError    **error)
{
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || size == 0)
    return (cd_account_json_protocol_error (error, _("empty answer")), NULL);
  switch (cd_json_load_object (parser, data, size))
    {
    case CD_JSON_TOO_DEEP:
      return (cd_account_json_protocol_error (error, _("nested too deeply")), NULL);
    case CD_JSON_NUL:
      return (cd_account_json_protocol_error (error, _("NUL in a string")), NULL);
    case CD_JSON_SECOND_VALUE:
      return (cd_account_json_protocol_error (error, _("more than one JSON value")), NULL);
    case CD_JSON_INVALID:
      return (cd_account_json_protocol_error (error, _("not JSON")), NULL);
    case CD_JSON_NOT_OBJECT:
      return (cd_account_json_protocol_error (error, _("not a JSON object")), NULL);
    case CD_JSON_NUMBER_TOO_LARGE:
      return (cd_account_json_protocol_error (error, _("a number too large")), NULL);
    case CD_JSON_DUPLICATE_KEY:
      return (cd_account_json_protocol_error (error, _("a field given twice")), NULL);
    case CD_JSON_OK:
    default:
      break;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

CdAccount *
cd_account_parse (GBytes      *body,
                  const char  *server,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CdAccount) self = g_object_new (CD_TYPE_ACCOUNT, NULL);
  g_autofree char *token_expires_at = NULL;
  g_autofree char *last_online = NULL;
  g_autofree char *cert_end = NULL;
  JsonObject *root;
  JsonObject *user = NULL;
  JsonObject *signature = NULL;

  root = cd_account_json_parse_root_object (body, parser, error);
  if (root == NULL)
    return NULL;

  if (!cd_account_json_read_token (root, &self->token, error))
    return NULL;

  if (!cd_account_json_read_bool (root, "active_rro", &self->active_rro, error) ||
      !cd_account_json_read_text (root, "developer_id", &self->developer_id, error) ||
      !cd_account_json_read_text (root, "opened_shift", &self->opened_shift, error) ||
      !cd_account_json_read_text (root, "token_expires_at", &token_expires_at, error) ||
      !cd_account_json_read_object (root, "user", &user, error) ||
      !cd_account_json_read_text (user, "full_name", &self->full_name, error) ||
      !cd_account_json_read_text (user, "uuid", &self->uuid, error) ||
      !cd_account_json_read_text (user, "email", &self->email, error) ||
      !cd_account_json_read_text (user, "edrpou", &self->edrpou, error) ||
      !cd_account_json_read_text (user, "drfo", &self->drfo, error) ||
      !cd_account_json_read_text (user, "last_online", &last_online, error) ||
      !cd_account_json_read_text (user, "subject_key_id", &self->subject_key_id, error) ||
      !cd_account_json_read_object (user, "signature", &signature, error) ||
      !cd_account_json_read_text (signature, "serial", &self->cert_serial, error) ||
      !cd_account_json_read_text (signature, "cert_end_data", &cert_end, error))
    return NULL;

  self->server = g_strdup (server);
  /* The JWT's exp is exact and in UTC; token_expires_at has minutes and no zone. */
  self->token_expires_at = cd_dates_jwt_expiry (self->token);
  if (self->token_expires_at == NULL)
    self->token_expires_at = cd_dates_parse_minutes (token_expires_at);
  self->last_online = cd_dates_parse_seconds (last_online);
  self->cert_expires_on = cd_dates_parse_day (cert_end);

  return g_steal_pointer (&self);
}

static void
cd_account_json_add_text (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
cd_account_json_add_date (JsonBuilder *builder,
                          const char  *name,
                          GDateTime   *value,
                          char      *(*format) (GDateTime *))
{
  g_autofree char *text = value ? format (value) : NULL;

  cd_account_json_add_text (builder, name, text);
}

JsonNode *
cd_account_to_summary (CdAccount *self,
                       GDateTime *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int days_left = 0;
  CdCertState state;

  g_return_val_if_fail (CD_IS_ACCOUNT (self), NULL);

  state = cd_account_get_cert_state (self, now, &days_left);

  json_builder_begin_object (builder);
  cd_account_json_add_text (builder, "email", self->email);
  cd_account_json_add_text (builder, "full_name", self->full_name);
  cd_account_json_add_text (builder, "uuid", self->uuid);
  cd_account_json_add_text (builder, "edrpou", self->edrpou);
  cd_account_json_add_text (builder, "drfo", self->drfo);
  json_builder_set_member_name (builder, "active_rro");
  json_builder_add_boolean_value (builder, self->active_rro);
  cd_account_json_add_text (builder, "opened_shift", self->opened_shift);
  cd_account_json_add_date (builder, "token_expires_at", self->token_expires_at,
                            cd_dates_format_iso);
  cd_account_json_add_date (builder, "last_online", self->last_online, cd_dates_format_iso);

  json_builder_set_member_name (builder, "certificate");
  json_builder_begin_object (builder);
  cd_account_json_add_text (builder, "serial", self->cert_serial);
  cd_account_json_add_text (builder, "subject_key_id", self->subject_key_id);
  cd_account_json_add_date (builder, "expires_on", self->cert_expires_on, cd_dates_format_iso_day);
  json_builder_set_member_name (builder, "days_left");
  if (state == CD_CERT_UNKNOWN)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, days_left);
  cd_account_json_add_text (builder, "state", cd_certificate_state_to_string (state));
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

CdAccount *
cd_account_new_from_summary (JsonObject  *summary,
                             const char  *server,
                             const char  *token,
                             GError     **error)
{
  g_autoptr(CdAccount) self = g_object_new (CD_TYPE_ACCOUNT, NULL);
  g_autofree char *token_expires_at = NULL;
  g_autofree char *last_online = NULL;
  g_autofree char *expires_on = NULL;
  JsonObject *certificate = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  if (!cd_account_json_read_text (summary, "email", &self->email, error) ||
      !cd_account_json_read_text (summary, "full_name", &self->full_name, error) ||
      !cd_account_json_read_text (summary, "uuid", &self->uuid, error) ||
      !cd_account_json_read_text (summary, "edrpou", &self->edrpou, error) ||
      !cd_account_json_read_text (summary, "drfo", &self->drfo, error) ||
      !cd_account_json_read_bool (summary, "active_rro", &self->active_rro, error) ||
      !cd_account_json_read_text (summary, "opened_shift", &self->opened_shift, error) ||
      !cd_account_json_read_text (summary, "token_expires_at", &token_expires_at, error) ||
      !cd_account_json_read_text (summary, "last_online", &last_online, error) ||
      !cd_account_json_read_object (summary, "certificate", &certificate, error) ||
      !cd_account_json_read_text (certificate, "serial", &self->cert_serial, error) ||
      !cd_account_json_read_text (certificate, "subject_key_id", &self->subject_key_id, error) ||
      !cd_account_json_read_text (certificate, "expires_on", &expires_on, error))
    return NULL;

  self->server = g_strdup (server);
  self->token_expires_at = cd_dates_parse_iso (token_expires_at);
  cd_account_set_token (self, token);
  self->last_online = cd_dates_parse_iso (last_online);
  self->cert_expires_on = cd_dates_parse_iso (expires_on);
  return g_steal_pointer (&self);
}
