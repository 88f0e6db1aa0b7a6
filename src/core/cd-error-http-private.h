/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-error-http-private.h: for the core (the client) and its tests only. How a
 * finished HTTP exchange that was not a success, and a failure of libsoup or GIO, become
 * CD_ERROR; apart from cd-error.h so that the window and cashdesk-token, which only read
 * errors, do not include libsoup. The code is in cd-error.c, next to what reads the
 * messages it writes. */
#pragma once

#include <libsoup/soup.h>

#include "cd-error.h"

G_BEGIN_DECLS

/* Maps a finished HTTP exchange that was not a success onto CD_ERROR. @body may be NULL;
 * when it is a CashDesk error object its "message" is shown to people. */
GError *cd_error_new_for_http      (guint                 status,
                                   SoupMessageHeaders   *response_headers,
                                   GBytes               *body);

/* Maps a failure of libsoup/GIO (resolver, socket, TLS) onto CD_ERROR. Cancellation
 * stays G_IO_ERROR_CANCELLED. Takes ownership of @error. */
GError *cd_error_new_for_transport (GError               *error,
                                   GTlsCertificateFlags  tls_errors);

G_END_DECLS
