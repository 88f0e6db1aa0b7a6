/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-demo-server-private.h: what the parts of the demo server share. The server
 * (cd-demo-server.c) checks each request as CashDesk does and hands it to its
 * responders: the sample accounts (cd-demo-accounts.c), and the hostile answers
 * (cd-demo-hostile.c), a library of their own, which only the tests and
 * cashdesk-demo-server link. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cd-demo-server.h"

G_BEGIN_DECLS

#define CD_DEMO_API_PREFIX "/api/v2"
#define CD_DEMO_AUTHENTICATE_PATH CD_DEMO_API_PREFIX "/authenticate"
#define CD_DEMO_SAMPLE(local) local "@demo.test"
/* RFC 6585; libsoup 3.2 has no name for it. */
#define CD_DEMO_STATUS_TOO_MANY_REQUESTS 429

/* Answers, CashDesk's way (errors: {"message": ..., "type": "ERROR"}). */
void          cd_demo_respond                  (SoupServerMessage *message,
                                                guint              status,
                                                const char        *content_type,
                                                char              *body,
                                                gsize              length);
void          cd_demo_respond_json             (SoupServerMessage *message,
                                                guint              status,
                                                JsonNode          *root);
void          cd_demo_respond_error            (SoupServerMessage *message,
                                                guint              status,
                                                const char        *text);

/* Holds @message back for @delay_ms; G_MAXUINT: for ever (until the client leaves). */
void          cd_demo_server_answer_later      (CdDemoServer      *self,
                                                SoupServerMessage *message,
                                                guint              delay_ms);
guint         cd_demo_server_get_slow_delay    (CdDemoServer      *self);
GMainContext *cd_demo_server_get_context       (CdDemoServer      *self);

/* An answer still being written, which the server must end (@stop) when it goes away;
 * untracked once it ended by itself. */
void          cd_demo_server_track             (CdDemoServer      *self,
                                                gpointer           reply,
                                                GDestroyNotify     stop);
void          cd_demo_server_untrack           (CdDemoServer      *self,
                                                gpointer           reply);

/* Looks at a well-formed request: TRUE when it answered, FALSE to leave it to the
 * responders added before it. */
typedef gboolean (*CdDemoResponder) (CdDemoServer      *self,
                                     SoupServerMessage *message,
                                     const char        *email,
                                     const char        *password);
/* Asks @responder before every responder added so far. */
void          cd_demo_server_add_responder     (CdDemoServer      *self,
                                                CdDemoResponder    responder);

/* The answer cashier@demo.test gets, as text (cd-demo-accounts.c). */
char         *cd_demo_accounts_cashier_answer  (void);

G_END_DECLS
