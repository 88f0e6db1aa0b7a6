/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-error.c: the CD_ERROR domain and the one place that turns HTTP statuses and
 * transport failures into it, so every face shows the same words for the same fault. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cd-error.h"
#include "cd-error-http-private.h"
#include "cd-json-private.h"
#include "cd-text.h"

G_DEFINE_QUARK (cd-error-quark, cd_error)

/* A server's message goes onto the screen and into terminals: cap it so a hostile
 * server can neither flood the UI nor move the cursor with escape sequences. */
#define MAX_SERVER_MESSAGE 300

char *
cd_error_clean_server_message (const char *message)
{
  return cd_text_dup_clean (message, MAX_SERVER_MESSAGE);
}

/* CashDesk's error bodies look like {"message": "Зміна відкрита", "type": "ERROR"}. */
static char *
cd_error_server_message_from_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *member;
  gsize size = 0;
  const char *data;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (size == 0 || size > 64 * 1024)
    return NULL;

  parser = json_parser_new_immutable ();
  if (cd_json_load_object (parser, data, size) != CD_JSON_OK)
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  member = json_object_get_member (object, "message");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return cd_error_clean_server_message (json_node_get_string (member));
}

static guint
cd_error_retry_after_seconds (SoupMessageHeaders *headers)
{
  const char *value;
  guint64 seconds;

  if (headers == NULL)
    return 0;
  value = soup_message_headers_get_one (headers, "Retry-After");
  if (value == NULL)
    return 0;
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (value));

    if (g_ascii_string_to_unsigned (trimmed, 10, 1, 24 * 3600, &seconds, NULL))
      return (guint) seconds;
  }

  /* The other form of Retry-After is an HTTP date. */
  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (when != NULL && g_date_time_compare (when, now) > 0)
      return (guint) MIN (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND + 1, 24 * 3600);
  }
  return 0;
}

/* One format for a refusal, so that its reason can be told apart from it. */
#define REFUSED_FORMAT N_("CashDesk refused the sign-in: %s")

char *
cd_error_dup_refusal_reason (const GError *error)
{
  g_auto(GStrv) parts = NULL;
  GString *capitalised;
  const char *reason;

  if (!g_error_matches (error, CD_ERROR, CD_ERROR_REJECTED))
    return NULL;

  /* The translated format, split around its %s. */
  parts = g_strsplit (_(REFUSED_FORMAT), "%s", 2);
  if (g_strv_length (parts) != 2
      || !g_str_has_prefix (error->message, parts[0])
      || !g_str_has_suffix (error->message, parts[1])
      || strlen (error->message) == strlen (parts[0]) + strlen (parts[1]))
    return g_strdup (error->message);

  reason = error->message + strlen (parts[0]);
  capitalised = g_string_new (NULL);
  g_string_append_unichar (capitalised, g_unichar_toupper (g_utf8_get_char (reason)));
  reason = g_utf8_next_char (reason);
  g_string_append_len (capitalised, reason,
                       error->message + strlen (error->message) - strlen (parts[1]) - reason);
  return g_string_free (capitalised, FALSE);
}

GError *
cd_error_new_for_http (guint               status,
                       SoupMessageHeaders *response_headers,
                       GBytes             *body)
{
  g_autofree char *server_message = cd_error_server_message_from_body (body);

  /* A proxy on the way wants credentials of its own: CashDesk never saw the request. */
  if (status == 407)
    return g_error_new (CD_ERROR, CD_ERROR_NETWORK,
                        _("A proxy between this computer and CashDesk asks for a sign-in "
                          "of its own (HTTP 407). Check the proxy settings."));

  if (status == 401 || status == 403 || status == 422 || (status >= 400 && status < 500 && status != 429))
    {
      if (server_message != NULL)
        return g_error_new (CD_ERROR, CD_ERROR_REJECTED, _(REFUSED_FORMAT), server_message);
      if (status == 401 || status == 403)
        return g_error_new (CD_ERROR, CD_ERROR_REJECTED, _(REFUSED_FORMAT),
                            _("wrong email or password."));
      return g_error_new (CD_ERROR, CD_ERROR_REJECTED,
                          _("CashDesk refused the request (HTTP %u)."), status);
    }

  if (status == 429)
    {
      guint seconds = cd_error_retry_after_seconds (response_headers);

      if (seconds > 0)
        return g_error_new (CD_ERROR, CD_ERROR_RATE_LIMITED,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Too many sign-in attempts. Try again in %u second.",
                                         "Too many sign-in attempts. Try again in %u seconds.",
                                         seconds),
                            seconds);
      return g_error_new_literal (CD_ERROR, CD_ERROR_RATE_LIMITED,
                                  _("Too many sign-in attempts. Try again later."));
    }

  if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
    return g_error_new (CD_ERROR, CD_ERROR_PROTOCOL,
                        _("The server redirected the sign-in elsewhere (HTTP %u); "
                          "check the server address."), status);

  /* 1xx, 2xx other than 200, 304 and the other 3xx: none is a sign-in, nor a failure
   * of the server. */
  if (status < 400)
    return g_error_new (CD_ERROR, CD_ERROR_PROTOCOL,
                        _("The server answered with HTTP %u, which is not a sign-in."), status);

  if (server_message != NULL)
    return g_error_new (CD_ERROR, CD_ERROR_SERVER,
                        _("The CashDesk server failed (HTTP %u): %s"), status, server_message);
  return g_error_new (CD_ERROR, CD_ERROR_SERVER,
                      _("The CashDesk server failed (HTTP %u). Try again in a few minutes."),
                      status);
}

GError *
cd_error_new_for_transport (GError              *error,
                            GTlsCertificateFlags tls_errors)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == CD_ERROR)
    return g_steal_pointer (&owned);

  if (error->domain == G_TLS_ERROR || tls_errors != 0)
    {
      if (tls_errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
        return g_error_new_literal (CD_ERROR, CD_ERROR_TLS,
                                    _("The server's certificate is for a different address. "
                                      "The connection was not trusted."));
      if (tls_errors & (G_TLS_CERTIFICATE_UNKNOWN_CA | G_TLS_CERTIFICATE_INSECURE))
        return g_error_new_literal (CD_ERROR, CD_ERROR_TLS,
                                    _("The server's certificate is not trusted. "
                                      "The connection was not trusted."));
      if (tls_errors & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
        return g_error_new_literal (CD_ERROR, CD_ERROR_TLS,
                                    _("The server's certificate has expired or is not valid yet. "
                                      "Check the computer's date and time."));
      return g_error_new (CD_ERROR, CD_ERROR_TLS,
                          _("A secure connection to the server failed: %s"), error->message);
    }

  /* The server answered, in something other than HTTP/1.x (an HTTP/2 status line on a
   * plain connection, HTTP/0.9, a final 1xx): its fault, not the network's. */
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    return g_error_new (CD_ERROR, CD_ERROR_PROTOCOL,
                        _("The server's answer is not HTTP this program can read (%s)."),
                        error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (CD_ERROR, CD_ERROR_TIMEOUT,
                                _("The server did not answer in time."));

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new_literal (CD_ERROR, CD_ERROR_NETWORK,
                                _("The server's name could not be found. "
                                  "Check the internet connection and the server address."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new_literal (CD_ERROR, CD_ERROR_NETWORK,
                                _("The server refused the connection. Is the address right?"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return g_error_new_literal (CD_ERROR, CD_ERROR_NETWORK,
                                _("The network is unreachable. Check the internet connection."));

  return g_error_new (CD_ERROR, CD_ERROR_NETWORK,
                      _("The connection to the server failed: %s"), error->message);
}
