/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-demo-util.h: what the demo server's tests share (tests/test-demo-*.c): requests
 * over real HTTP on loopback, as a client sends them, and the checks of the answers
 * CashDesk gives (JSON objects with exactly their members, its error answers). */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cd-demo-server.h"

G_BEGIN_DECLS

/* How long the in-process server takes to answer slow@demo.test. */
#define DEMO_SLOW_DELAY_MS 300
/* Longer than any answer may take when it works: a request that hangs fails the test. */
#define DEMO_WAIT_SECONDS 30

typedef struct {
  guint                status;
  SoupMessageHeaders  *headers;
  GBytes              *body;
  GError              *error;
} DemoReply;

void                demo_reply_clear   (DemoReply     *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoReply, demo_reply_clear)

/* Instead of test_init() in a test of the demo server: an HTTP client for the requests. */
void                demo_test_init     (int           *argc,
                                        char        ***argv);
/* g_test_run(), then stops the in-process server, if it was started. */
int                 demo_test_run      (void);

/* The demo server in-process on loopback, started the first time it is asked for, with
 * slow@demo.test answering after DEMO_SLOW_DELAY_MS. */
CdDemoServer       *demo_test_server   (void);
/* Its base URL. */
const char         *demo_test_url      (void);

/* The client's session, for requests sent without waiting for their answer. */
SoupSession        *demo_test_session  (void);

/* A file of tests/data/tls: "localhost.pem" and its "localhost.key" are a certificate for
 * 127.0.0.1 that no one trusts. */
char               *demo_tls_file      (const char    *name);

/* A request to @base_url and @path; @body and each header may be NULL to leave it out.
 * The client accepts any certificate. */
SoupMessage        *demo_message_new   (const char    *base_url,
                                        const char    *method,
                                        const char    *path,
                                        const char    *accept,
                                        const char    *content_type,
                                        const char    *developer_id,
                                        const char    *body);
/* Sends @message and keeps the answer, or the error, in @reply. */
void                demo_send          (SoupMessage   *message,
                                        GCancellable  *cancellable,
                                        DemoReply     *reply);
/* Sends a request that must get an answer. */
void                demo_request_full  (const char    *base_url,
                                        const char    *method,
                                        const char    *path,
                                        const char    *accept,
                                        const char    *content_type,
                                        const char    *developer_id,
                                        const char    *body,
                                        DemoReply     *reply);
/* A POST /authenticate to the in-process server. */
void                demo_request       (const char    *accept,
                                        const char    *content_type,
                                        const char    *developer_id,
                                        const char    *body,
                                        DemoReply     *reply);

/* {"email": @email, "password": @password} */
char               *demo_credentials_json (const char *email,
                                           const char *password);
/* A sign-in as the client makes it, to @base_url or to the in-process server. */
void                demo_sign_in_at    (const char    *base_url,
                                        const char    *email,
                                        const char    *password,
                                        DemoReply     *reply);
void                demo_sign_in       (const char    *email,
                                        const char    *password,
                                        DemoReply     *reply);

void                demo_assert_content_type  (DemoReply         *reply,
                                               const char        *expected);
/* The answer as a JSON object; it must be one, as application/json. */
JsonObject         *demo_parse_object         (DemoReply         *reply);
/* Exactly these members, no more, no fewer. */
void                demo_assert_members       (JsonObject        *object,
                                               const char *const *names);
/* CashDesk's error answer: @status and {"message", "type": "ERROR"}, with @message
 * (NULL: any that is not empty). */
void                demo_assert_error_answer  (DemoReply         *reply,
                                               guint              status,
                                               const char        *message);
/* A member that must be there, and a string. */
const char         *demo_string_member        (JsonObject        *object,
                                               const char        *name);

G_END_DECLS
