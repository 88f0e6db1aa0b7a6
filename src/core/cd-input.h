/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-input.h: what counts as a usable email, developer id and server URL (the URL
 * policy). Which server to use is cd-config.h's; wiping secrets, cd-wipe.h's. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  cd_input_email_is_valid     (const char *email);
/* The longest developer id: a company's name, with room to spare. */
#define CD_INPUT_DEVELOPER_ID_MAX 200

/* A developer id that can be an HTTP header's value: printable ASCII and spaces, no line
 * breaks or other control characters, not empty nor only spaces, at most
 * CD_INPUT_DEVELOPER_ID_MAX characters. */
gboolean  cd_input_developer_id_is_valid (const char *developer_id);

/* Checks @url against the URL policy and returns it in one spelling for one server:
 * scheme and host in lower case, no final dot on the host, the scheme's default port
 * left out, no doubled or trailing slashes (so https://API.CASHDESK.COM.UA.:443/api//v2/
 * is production).
 * https is always fine; plain http only for loopback hosts (127.0.0.0/8, ::1,
 * localhost) or when @allow_insecure_http (SmartConnect on a shop's LAN).
 * Errors: CD_ERROR_INVALID_INPUT, CD_ERROR_INSECURE_URL. */
char     *cd_input_normalize_server   (const char *url,
                                       gboolean    allow_insecure_http,
                                       GError    **error);
gboolean  cd_input_server_is_loopback (const char *url);

G_END_DECLS
