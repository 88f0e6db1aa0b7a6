/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-store-forget.c: forgetting sign-ins (src/core/cd-store-forget.c) in a real
 * Secret Service in a private session: one account, a server's, every one. */
#include <string.h>

#include "cd-account.h"
#include "cd-error.h"
#include "cd-store.h"
#include "test-keyring.h"
#include "test-store-util.h"
#include "test-util.h"

static void
test_forget (void)
{
  g_autoptr(CdAccount) a = test_make_account (SERVER_PROD, "a@example.com", test_in_days (300));
  g_autoptr(CdAccount) b = test_make_account (SERVER_PROD, "b@example.com", test_in_days (300));
  g_autoptr(CdAccount) c = test_make_account (SERVER_TEST, "c@example.com", test_in_days (300));
  g_autoptr(CdAccount) d = test_make_account (SERVER_TEST, "d@example.com", test_in_days (300));
  g_autoptr(CdAccount) still = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) prod = NULL;
  g_autoptr(GPtrArray) test = NULL;

  test_store_reset ();
  test_store_save (a);
  test_store_save (b);
  test_store_save (c);
  test_store_save (d);

  g_assert_cmpint (test_store_forget (SERVER_PROD, "a@example.com"), ==, 1);
  test_assert_not_found (SERVER_PROD, "a@example.com", "a@example.com");
  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "a@example.com"), ==, 0);
  g_assert_cmpuint (test_tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "a@example.com"), ==, 0);
  still = test_store_lookup (SERVER_PROD, "b@example.com");
  g_assert_cmpstr (cd_account_get_full_name (still), ==, FULL_NAME);
  left = test_store_list (NULL);
  g_assert_cmpuint (left->len, ==, 3);
  g_assert_cmpint (test_store_forget (SERVER_PROD, "a@example.com"), ==, 0);

  g_assert_cmpint (test_store_forget (SERVER_PROD, NULL), ==, 1);
  prod = test_store_list (SERVER_PROD);
  g_assert_cmpuint (prod->len, ==, 0);
  test_assert_not_found (SERVER_PROD, NULL, SERVER_PROD);
  g_assert_cmpuint (test_tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "b@example.com"), ==, 0);
  test = test_store_list (SERVER_TEST);
  g_assert_cmpuint (test->len, ==, 2);

  g_assert_cmpint (test_store_forget (NULL, NULL), ==, 2);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = test_store_list (NULL);
  g_assert_cmpuint (left->len, ==, 0);
  test_assert_not_found (SERVER_TEST, "c@example.com", "c@example.com");
  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "d@example.com"), ==, 0);
  g_assert_cmpuint (test_tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, "d@example.com"), ==, 0);
  g_assert_cmpint (test_store_forget (NULL, NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  test_store_init (&argc, &argv);
  g_test_add_func ("/store/forget", test_forget);
  return g_test_run ();
}
