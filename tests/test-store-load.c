/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-store-load.c: reading stored sign-ins (src/core/cd-store-load.c) from a real
 * Secret Service in a private session: one account, the most recent, every one, items
 * other programs wrote, and details that were not written for the token beside them. */
#include <string.h>

#include "cd-account.h"
#include "cd-error.h"
#include "cd-store.h"
#include "test-keyring.h"
#include "test-store-util.h"
#include "test-util.h"

static void
test_lookup_full (void)
{
  const char *email = "cashier@example.com";
  g_autoptr(CdAccount) saved = test_make_account (SERVER_PROD, email, test_in_days (365));
  g_autoptr(CdAccount) other = test_make_account (SERVER_PROD, "other@example.com", test_in_days (200));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  test_store_reset ();
  test_store_save (saved);
  test_store_save (other);

  found = test_store_lookup (SERVER_PROD, email);
  g_assert_cmpstr (cd_account_get_email (found), ==, email);
  g_assert_cmpstr (cd_account_get_server (found), ==, SERVER_PROD);
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (saved));
  g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
  g_assert_cmpstr (cd_account_get_uuid (found), ==, cd_account_get_uuid (saved));
  g_assert_cmpstr (cd_account_get_edrpou (found), ==, EDRPOU);
  g_assert_cmpstr (cd_account_get_drfo (found), ==, DRFO);
  g_assert_cmpstr (cd_account_get_opened_shift (found), ==, "4000055255");
  g_assert_true (cd_account_get_active_rro (found));
  g_assert_cmpstr (cd_account_get_cert_serial (found), ==, cd_account_get_cert_serial (saved));
  g_assert_cmpstr (cd_account_get_subject_key_id (found), ==,
                   cd_account_get_subject_key_id (saved));
  test_assert_same_date (cd_account_get_cert_expires_on (found), cd_account_get_cert_expires_on (saved));
  test_assert_same_date (cd_account_get_last_online (found), cd_account_get_last_online (saved));
  test_assert_same_date (cd_account_get_token_expires_at (found),
                    cd_account_get_token_expires_at (saved));
  g_assert_true (cd_account_token_is_valid (found, now));

  test_assert_not_found (SERVER_TEST, email, email);
  test_assert_not_found (SERVER_PROD, "nobody@example.com", "nobody@example.com");
}

static void
test_lookup_expired (void)
{
  const char *email = "late@example.com";
  gint64 exp = test_in_days (-2);
  g_autoptr(CdAccount) saved = test_make_account (SERVER_PROD, email, exp);
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *expires = test_expires_text (exp);

  test_store_reset ();
  test_store_save (saved);

  g_assert_cmpuint (test_tool_search (CD_STORE_TOKEN_SCHEMA_NAME, email, &attributes, NULL), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "expires"), ==, expires);

  /* Still returned: deciding what an expired token is good for is the caller's job. */
  found = test_store_lookup (SERVER_PROD, email);
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (saved));
  g_assert_cmpint (g_date_time_to_unix (cd_account_get_token_expires_at (found)), ==, exp);
  g_assert_false (cd_account_token_is_valid (found, now));
}

static void
test_lookup_most_recent (void)
{
  g_autoptr(CdAccount) first = test_make_account (SERVER_PROD, "first@example.com", test_in_days (300));
  g_autoptr(CdAccount) second = test_make_account (SERVER_PROD, "second@example.com", test_in_days (300));
  g_autoptr(CdAccount) again = test_make_account (SERVER_PROD, "first@example.com", test_in_days (301));
  g_autoptr(CdAccount) elsewhere = test_make_account (SERVER_TEST, "third@example.com", test_in_days (300));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  test_store_reset ();
  test_store_save (first);
  test_store_save (second);
  test_store_save (elsewhere);

  found = test_store_lookup (SERVER_PROD, NULL);
  g_assert_cmpstr (cd_account_get_email (found), ==, "second@example.com");
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (second));
  g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
  g_clear_object (&found);

  /* Signing in again makes that sign-in the most recent one. */
  test_store_save (again);
  found = test_store_lookup (SERVER_PROD, NULL);
  g_assert_cmpstr (cd_account_get_email (found), ==, "first@example.com");
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (again));

  accounts = test_store_list (SERVER_PROD);
  test_assert_emails (accounts, "first@example.com", "second@example.com", NULL);

  test_assert_not_found (SERVER_LAN, NULL, SERVER_LAN);
}

/* Sign-ins in the same second, one after another with no pause, many times over: the
 * last is always the most recent, whichever cashier it is (the keyring's own times have
 * whole seconds, and used to decide this about half the time). */
static void
test_lookup_most_recent_same_second (void)
{
  const char *const emails[] = { "alpha@example.com", "beta@example.com", "gamma@example.com" };
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);

  test_store_reset ();
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    g_ptr_array_add (accounts, test_make_account (SERVER_PROD, emails[i], test_in_days (300 + i)));

  for (guint round = 0; round < 12; round++)
    {
      CdAccount *last = g_ptr_array_index (accounts, (round * 2) % accounts->len);
      g_autoptr(CdAccount) found = NULL;
      g_autoptr(GPtrArray) listed = NULL;

      test_store_save (g_ptr_array_index (accounts, (round * 2 + 1) % accounts->len));
      test_store_save (last);
      found = test_store_lookup (SERVER_PROD, NULL);
      g_assert_cmpstr (cd_account_get_email (found), ==, cd_account_get_email (last));
      g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (last));
      listed = test_store_list (SERVER_PROD);
      g_assert_cmpstr (cd_account_get_email (g_ptr_array_index (listed, 0)), ==,
                       cd_account_get_email (last));
    }
}

static void
test_list_servers (void)
{
  g_autoptr(CdAccount) a = test_make_account (SERVER_PROD, "a@example.com", test_in_days (300));
  g_autoptr(CdAccount) b = test_make_account (SERVER_PROD, "b@example.com", test_in_days (300));
  g_autoptr(CdAccount) c = test_make_account (SERVER_TEST, "c@example.com", test_in_days (300));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) prod = NULL;
  g_autoptr(GPtrArray) test = NULL;
  g_autoptr(GPtrArray) none = NULL;

  test_store_reset ();
  test_store_save (a);
  test_store_save (b);
  test_store_save (c);

  all = test_store_list (NULL);
  test_assert_emails (all, "c@example.com", "b@example.com", "a@example.com", NULL);
  g_assert_cmpstr (cd_account_get_server (g_ptr_array_index (all, 0)), ==, SERVER_TEST);
  g_assert_cmpstr (cd_account_get_server (g_ptr_array_index (all, 2)), ==, SERVER_PROD);
  for (guint i = 0; i < all->len; i++)
    {
      CdAccount *account = g_ptr_array_index (all, i);

      g_assert_cmpstr (cd_account_get_full_name (account), ==, FULL_NAME);
      g_assert_nonnull (cd_account_get_token (account));
    }
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (all, 1)), ==, cd_account_get_token (b));

  prod = test_store_list (SERVER_PROD);
  test_assert_emails (prod, "b@example.com", "a@example.com", NULL);
  test = test_store_list (SERVER_TEST);
  test_assert_emails (test, "c@example.com", NULL);
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (test, 0)), ==, cd_account_get_token (c));
  none = test_store_list (SERVER_LAN);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_foreign_item (void)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(CdAccount) dated = NULL;
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2030, 1, 2, 3, 4, 5);

  test_store_reset ();
  test_tool_store_token (SERVER_LAN, "pos@example.com", NULL, "Bearer not-a-jwt");
  /* Items without a signed-in time are ordered by the keyring's times, in whole
   * seconds: the next one a second later (KeePassXC's paths say nothing of the order). */
  test_wait_next_second ();
  test_tool_store_token (SERVER_LAN, "dated@example.com", "2030-01-02T03:04:05Z", "Bearer also-not-a-jwt");
  test_tool_store_details (SERVER_LAN, "dated@example.com", "{this is not JSON");

  accounts = test_store_list (SERVER_LAN);
  test_assert_emails (accounts, "dated@example.com", "pos@example.com", NULL);

  found = test_store_lookup (SERVER_LAN, "pos@example.com");
  g_assert_cmpstr (cd_account_get_email (found), ==, "pos@example.com");
  g_assert_cmpstr (cd_account_get_server (found), ==, SERVER_LAN);
  g_assert_cmpstr (cd_account_get_token (found), ==, "Bearer not-a-jwt");
  g_assert_null (cd_account_get_full_name (found));
  g_assert_null (cd_account_get_token_expires_at (found));

  /* Unreadable details count as none: the attributes still give the expiry. */
  dated = test_store_lookup (SERVER_LAN, "dated@example.com");
  g_assert_cmpstr (cd_account_get_token (dated), ==, "Bearer also-not-a-jwt");
  g_assert_null (cd_account_get_full_name (dated));
  test_assert_same_date (cd_account_get_token_expires_at (dated), expires);

  g_assert_cmpint (test_store_forget (SERVER_LAN, NULL), ==, 2);
  g_assert_cmpuint (test_tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "dated@example.com"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  test_store_init (&argc, &argv);
  g_test_add_func ("/store/lookup/full", test_lookup_full);
  g_test_add_func ("/store/lookup/expired", test_lookup_expired);
  g_test_add_func ("/store/lookup/most-recent", test_lookup_most_recent);
  g_test_add_func ("/store/lookup/most-recent-same-second", test_lookup_most_recent_same_second);
  g_test_add_func ("/store/list/servers", test_list_servers);
  g_test_add_func ("/store/foreign-item", test_foreign_item);
  return g_test_run ();
}
