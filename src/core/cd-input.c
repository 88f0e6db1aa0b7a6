/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-input.c: what the programs accept from people and configuration before anything
 * goes on the network: emails, developer ids, server URLs (the URL policy). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "cd-error.h"
#include "cd-input.h"

gboolean
cd_input_email_is_valid (const char *email)
{
  const char *at;
  const char *domain;
  gsize len;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return FALSE;
  len = strlen (email);
  if (len < 3 || len > 254)
    return FALSE;
  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == ',' || c == ';' ||
          c == '<' || c == '>' || c == '"')
        return FALSE;
    }

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  domain = at + 1;
  /* A domain with at least one dot, no empty labels. */
  if (strchr (domain, '.') == NULL || domain[0] == '.' || domain[strlen (domain) - 1] == '.' ||
      strstr (domain, "..") != NULL)
    return FALSE;
  return TRUE;
}

gboolean
cd_input_developer_id_is_valid (const char *developer_id)
{
  gboolean visible = FALSE;

  if (developer_id == NULL || strlen (developer_id) > CD_INPUT_DEVELOPER_ID_MAX)
    return FALSE;
  for (const char *p = developer_id; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
        return FALSE;
      /* Spaces alone would go out as an empty header: HTTP trims them. */
      visible = visible || *p != ' ';
    }
  return visible;
}

static gboolean
cd_input_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A base URL CashDesk can be reached at, and that this program may send a password to;
 * @scheme is the URL's, in lower case. */
static gboolean
cd_input_server_is_allowed (GUri        *uri,
                            const char  *scheme,
                            const char  *trimmed,
                            gboolean     allow_insecure_http,
                            GError     **error)
{
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("The server address must start with https://, not “%s”."), trimmed);
      return FALSE;
    }
  /* Credentials, queries and fragments in a base URL would end up in logs and
   * in every request; CashDesk never needs them. */
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("The server address “%s” must not contain a user name, “?” or “#”."),
                   trimmed);
      return FALSE;
    }
  if (g_str_equal (scheme, "http") && !allow_insecure_http &&
      !cd_input_host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INSECURE_URL,
                   _("“%s” uses plain HTTP, which would send the password unencrypted. "
                     "Use https://, or allow plain HTTP for a local SmartConnect server."),
                   trimmed);
      return FALSE;
    }
  return TRUE;
}

/* Doubled slashes are one to the server ("/api//v2" is "/api/v2"), and trailing ones
 * none. */
static char *
cd_input_normal_path (const char *path)
{
  char *normal = g_strdup (path);
  gsize len;

  for (char *p = normal; (p = strstr (p, "//")) != NULL; )
    memmove (p, p + 1, strlen (p + 1) + 1);
  len = strlen (normal);
  while (len > 0 && normal[len - 1] == '/')
    normal[--len] = '\0';
  return normal;
}

/* Host names are case-insensitive, and a fully qualified name's final dot names the same
 * host ("api.cashdesk.com.ua."). */
static char *
cd_input_normal_host (const char *host)
{
  char *normal = g_ascii_strdown (host, -1);
  gsize len = strlen (normal);

  while (len > 1 && normal[len - 1] == '.')
    normal[--len] = '\0';
  return normal;
}

/* The default port is no port. */
static int
cd_input_normal_port (const char *scheme,
                      int         port)
{
  if ((g_str_equal (scheme, "https") && port == 443) || (g_str_equal (scheme, "http") && port == 80))
    return -1;
  return port;
}

char *
cd_input_normalize_server (const char *url,
                           gboolean    allow_insecure_http,
                           GError    **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) clean = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                           _("The server address is empty."));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (url));

  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("“%s” is not a server address. It should look like "
                     "https://api.cashdesk.com.ua/api/v2."), trimmed);
      return NULL;
    }
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!cd_input_server_is_allowed (uri, scheme, trimmed, allow_insecure_http, error))
    return NULL;

  /* One server, one spelling: the URL becomes a keyring attribute, which is matched as
   * exact text. */
  path = cd_input_normal_path (g_uri_get_path (uri));
  host = cd_input_normal_host (g_uri_get_host (uri));
  clean = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL, host,
                       cd_input_normal_port (scheme, g_uri_get_port (uri)), path, NULL, NULL);
  return g_uri_to_string (clean);
}

gboolean
cd_input_server_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && cd_input_host_is_loopback (g_uri_get_host (uri));
}
