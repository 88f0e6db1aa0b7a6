/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-demo-server.h: a fake CashDesk server on loopback, with one sample account per
 * situation a client must handle. Behind `cashdesk-login --demo`, the standalone
 * `cashdesk-demo-server`, and every test. Runs on the thread-default main context of
 * whoever starts it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The password of every sample account but quoting@demo.test. */
#define CD_DEMO_PASSWORD "demo"

typedef struct {
  const char *email;
  const char *password;
  const char *what;    /* translatable, N_(): what the account shows, for the sign-in page */
} CdDemoAccount;

/* The sample accounts, NULL-terminated by email. */
const CdDemoAccount *cd_demo_server_accounts (void);

#define CD_TYPE_DEMO_SERVER (cd_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (CdDemoServer, cd_demo_server, CD, DEMO_SERVER, GObject)

/* A server that answers with the sample accounts (made in cd-demo-accounts.c, which
 * adds them as its first responder). */
CdDemoServer *cd_demo_server_new              (void);
/* Listens on 127.0.0.1 on a free port (or @port when not 0). With @tls_certificate,
 * serves https. */
gboolean      cd_demo_server_start            (CdDemoServer    *self,
                                               guint            port,
                                               GTlsCertificate *tls_certificate,
                                               GError         **error);
/* The API base URL, e.g. "http://127.0.0.1:41234/api/v2". */
const char   *cd_demo_server_get_url          (CdDemoServer    *self);
/* How long slow@demo.test waits before answering (default 3000 ms). */
void          cd_demo_server_set_slow_delay   (CdDemoServer    *self,
                                               guint            milliseconds);
/* Requests to /authenticate seen so far (tests check that nothing was sent). */
guint         cd_demo_server_get_request_count (CdDemoServer   *self);
/* Slow answers not yet sent nor dropped by their client (tests wait for none to be left
 * rather than for the delay). */
guint         cd_demo_server_get_held_count    (CdDemoServer   *self);

G_END_DECLS
