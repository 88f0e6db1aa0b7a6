/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-store-util.h: what the store's tests share (tests/test-store-*.c). */
#pragma once

#include "cd-account.h"
#include "cd-store.h"

G_BEGIN_DECLS

#define SERVER_PROD "https://api.cashdesk.com.ua/api/v2"
#define SERVER_TEST "https://test.cashdesk.com.ua/api/v2"
#define SERVER_LAN  "http://192.168.1.10:8000/api/v2"

#define FULL_NAME "Іванов Іван Іванович"
#define EDRPOU    "34554362"
#define DRFO      "1034562014"

/* Instead of test_init() in a store test: the test needs a session of its own with a
 * real Secret Service (tests/meson.build asks for one); it exits 1 without one. */
void test_store_init (int *argc, char ***argv);
gint64 test_in_days (int days);
char *test_uuid_for (const char *email);
/* The expires attribute other programs read: UTC, with a Z. */
char *test_expires_text (gint64 exp);
/* An account the way cd_account_parse() reads CashDesk's answer to /authenticate. */
CdAccount *test_make_account (const char *server, const char *email, gint64 exp);
gboolean test_store_save_sync (CdAccount *account, GCancellable *cancellable, GError **error);
CdAccount *test_store_lookup_sync (const char *server, const char *email, GCancellable *cancellable, GError **error);
GPtrArray *test_store_list_sync (const char *server, GCancellable *cancellable, GError **error);
int test_store_forget_sync (const char *server, const char *email, GCancellable *cancellable, GError **error);
void test_store_save (CdAccount *account);
CdAccount *test_store_lookup (const char *server, const char *email);
void test_assert_not_found (const char *server, const char *email, const char *named);
GPtrArray *test_store_list (const char *server);
int test_store_forget (const char *server, const char *email);
/* Every test starts from an empty keyring; a failing test leaves nothing for the next. */
void test_store_reset (void);
void test_assert_emails (GPtrArray *accounts, const char *first, ...);
/* Another program: runs to its end; returns its exit status. */
int test_run_tool (const char * const *argv, const char *input, char **out, char **err);
/* What README tells other programs to run. */
char *test_tool_lookup_token (const char *email);
/* A token item written by some other program, without details. The token goes in on
 * standard input, as it must. */
void test_tool_store_token (const char *server, const char *email, const char *expires, const char *token);
void test_tool_store_details (const char *server, const char *email, const char *details);
/* `secret-tool search --all`: how many items it lists (on standard output), and their
 * attributes (it writes those on standard error), name to value. */
guint test_tool_search (const char *schema, const char *email, GHashTable **attributes, char **labels);
guint test_tool_count (const char *schema, const char *email);
/* What `cashdesk-token get --server @server --email @email` prints, the way other
 * programs read the token; it must succeed. */
char *test_token_get (const char *server, const char *email);
void test_assert_no_personal_data (GHashTable *attributes);
/* The signed-in attribute: UTC to the microsecond, and a moment ago. */
void test_assert_signed_in_now (const char *text);
void test_assert_same_date (GDateTime *a, GDateTime *b);
void test_assert_locked (GError *error);
void test_assert_unavailable (GError *error);

G_END_DECLS
