/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-config.c: which CashDesk server and developer id the programs use: the servers
 * CashDesk runs, and where a setting comes from when several places give one. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-config.h"
#include "cd-error.h"
#include "cd-input.h"

#define MAX_KEYRING_TIMEOUT 3600

gboolean
cd_config_server_is_production (const char *url)
{
  g_autofree char *normal = cd_input_normalize_server (url, FALSE, NULL);

  return g_strcmp0 (normal, CD_SERVER_PRODUCTION) == 0;
}

static const char *
cd_config_first_set (const char *given,
                     const char *variable,
                     const char *fallback,
                     const char *builtin)
{
  const char *env = g_getenv (variable);

  if (given != NULL && *given != '\0')
    return given;
  if (env != NULL && *env != '\0')
    return env;
  if (fallback != NULL && *fallback != '\0')
    return fallback;
  return builtin;
}

const char *
cd_config_resolve_server (const char *given,
                          const char *fallback)
{
  /* Built without a default of its own (meson's default-server empty): production. */
  return cd_config_first_set (given, "CASHDESK_API_URL", fallback,
                              *CD_DEFAULT_SERVER != '\0' ? CD_DEFAULT_SERVER : CD_SERVER_PRODUCTION);
}

const char *
cd_config_resolve_developer_id (const char *given,
                                const char *fallback)
{
  return cd_config_first_set (given, "CASHDESK_DEVELOPER_ID", fallback, CD_DEFAULT_DEVELOPER_ID);
}


gboolean
cd_config_resolve_keyring_timeout (guint    fallback,
                                   guint   *seconds,
                                   GError **error)
{
  const char *env = g_getenv ("CASHDESK_KEYRING_TIMEOUT");
  guint64 value;

  *seconds = fallback;
  if (env == NULL || *env == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (env, 10, 1, MAX_KEYRING_TIMEOUT, &value, NULL))
    {
      g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
                   _("CASHDESK_KEYRING_TIMEOUT must be a number of seconds from 1 to %d."),
                   MAX_KEYRING_TIMEOUT);
      return FALSE;
    }
  *seconds = (guint) value;
  return TRUE;
}
