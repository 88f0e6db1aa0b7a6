/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-client.h: the CashDesk HTTP client (libsoup 3). One SoupSession per client. */
#pragma once

#include <gio/gio.h>

#include "cd-account.h"

G_BEGIN_DECLS

#define CD_CLIENT_DEFAULT_TIMEOUT 30   /* seconds, the whole request */
#define CD_CLIENT_MAX_ANSWER (1024 * 1024) /* bytes, after decoding */

#define CD_TYPE_CLIENT (cd_client_get_type ())
G_DECLARE_FINAL_TYPE (CdClient, cd_client, CD, CLIENT, GObject)

/* Applies the URL policy (cd_input_normalize_server()) to @server. */
CdClient   *cd_client_new                 (const char  *server,
                                           gboolean     allow_insecure_http,
                                           GError     **error);
const char *cd_client_get_server          (CdClient    *self);
void        cd_client_set_developer_id    (CdClient    *self,
                                           const char  *developer_id);
void        cd_client_set_timeout         (CdClient    *self,
                                           guint        seconds);
/* For tests and the demo's self-signed TLS: trust exactly these anchors. */
void        cd_client_set_tls_database    (CdClient    *self,
                                           GTlsDatabase *database);

/* POST {server}/authenticate. The password is copied into the request body only, and
 * that body is wiped when the request is done; the caller wipes its own copy. */
void        cd_client_authenticate_async  (CdClient           *self,
                                           const char         *email,
                                           const char         *password,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
CdAccount  *cd_client_authenticate_finish (CdClient           *self,
                                           GAsyncResult       *result,
                                           GError            **error);

G_END_DECLS
