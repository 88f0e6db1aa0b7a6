/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-config.h: which CashDesk server and developer id the programs use: the servers
 * CashDesk runs, and where a setting comes from when several places give one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The servers CashDesk runs: the real one, and the one for trying integrations out
 * (accounts there are CashDesk's test accounts). The window offers both by name; any
 * other is a custom server (SmartConnect on a shop's LAN, the demo). */
#define CD_SERVER_PRODUCTION "https://api.cashdesk.com.ua/api/v2"
#define CD_SERVER_TEST       "https://test.cashdesk.com.ua/api/v2"

/* Whether @url, normalised (cd_input_normalize_server()), is CD_SERVER_PRODUCTION. */
gboolean    cd_config_server_is_production (const char *url);

/* The configuration shared by both programs: the command line (@given, may be NULL)
 * wins over the environment (CASHDESK_API_URL, CASHDESK_DEVELOPER_ID), which wins
 * over @fallback (GSettings in the window; NULL for the built-in default: meson's
 * default-server, production when that is empty, and meson's developer-id). */
const char *cd_config_resolve_server       (const char *given,
                                            const char *fallback);
const char *cd_config_resolve_developer_id (const char *given,
                                            const char *fallback);

/* How many seconds a keyring operation may take, a prompt included: CASHDESK_KEYRING_TIMEOUT
 * (1 to 3600), else @fallback. FALSE with CD_ERROR_INVALID_INPUT for any other value. */
gboolean    cd_config_resolve_keyring_timeout (guint    fallback,
                                               guint   *seconds,
                                               GError **error);

G_END_DECLS
