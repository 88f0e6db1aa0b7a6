/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-sign-in.c: signing in (cd-sign-in.c), the operation the window and cashdesk-token
 * share, without a display: against the demo server in-process and a real
 * gnome-keyring in a session of its own. What it says is what either face shows: who
 * signed in, whether the token is stored (another program, secret-tool, agrees) and why
 * not; a refused sign-in stores nothing. */
#include <string.h>

#include "cd-demo-server.h"
#include "cd-error.h"
#include "cd-sign-in.h"
#include "cd-store.h"
#include "test-keyring.h"
#include "test-util.h"

#define CASHIER "cashier@demo.test"

static CdDemoServer *demo;

static CdSignInResult *
sign_in (CdAccountList *accounts,
         const char    *email,
         const char    *password,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(CdClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) client_error = NULL;

  client = cd_client_new (cd_demo_server_get_url (demo), FALSE, &client_error);
  g_assert_no_error (client_error);
  cd_sign_in_async (client, accounts, email, password, cancellable, test_store_result, &result);
  return cd_sign_in_finish (test_wait_for_result (&result, 20), error);
}

/* Whether another program finds a token stored for the cashier. */
static gboolean
token_stored (void)
{
  g_autofree char *token = test_secret_tool_lookup (CASHIER);

  return token != NULL;
}

static void
forget_cashier (void)
{
  g_auto(CliRun) run = { 0 };

  for (guint i = 0; i < 2; i++)
    {
      const char *schema = i == 0 ? TEST_TOKEN_SCHEMA : TEST_ACCOUNT_SCHEMA;

      test_secret_tool ((const char *[]) { "clear", "xdg:schema", schema, "email", CASHIER, NULL },
                        NULL, &run);
      cli_run_clear (&run);
    }
  g_assert_false (token_stored ());
}

/* Signed in and stored: the list shows it, secret-tool reads the same token. */
static void
test_stored (void)
{
  g_autoptr(CdAccountList) accounts = cd_account_list_new ();
  g_autoptr(CdSignInResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  CdAccount *account;

  forget_cashier ();
  result = sign_in (accounts, CASHIER, CD_DEMO_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  account = cd_sign_in_result_get_account (result);
  g_assert_cmpstr (cd_account_get_email (account), ==, CASHIER);
  g_assert_cmpstr (cd_account_get_full_name (account), ==, "Іваненко Марія Петрівна");
  g_assert_true (cd_sign_in_result_get_stored (result));
  g_assert_null (cd_sign_in_result_get_store_error (result));

  g_assert_true (cd_account_list_find (accounts, cd_account_get_server (account), CASHIER, NULL) != NULL);
  token = test_secret_tool_lookup (CASHIER);
  g_assert_cmpstr (token, ==, cd_account_get_token (account));
}

/* Not to be stored (cashdesk-token sign-in --no-store): signed in, nothing kept. */
static void
test_not_to_store (void)
{
  g_autoptr(CdSignInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  forget_cashier ();
  result = sign_in (NULL, CASHIER, CD_DEMO_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cd_sign_in_result_get_account (result));
  g_assert_false (cd_sign_in_result_get_stored (result));
  g_assert_null (cd_sign_in_result_get_store_error (result));
  g_assert_false (token_stored ());
}

/* A wrong password is CashDesk's refusal: no result, nothing stored, nothing listed. */
static void
test_refused (void)
{
  g_autoptr(CdAccountList) accounts = cd_account_list_new ();
  g_autoptr(CdSignInResult) result = NULL;
  g_autoptr(GError) error = NULL;

  forget_cashier ();
  result = sign_in (accounts, CASHIER, "not the password", NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CD_ERROR, CD_ERROR_REJECTED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);
  g_assert_false (token_stored ());
}

/* A locked keyring (nobody to answer its prompt): still signed in, with why the token
 * was not kept; the list does not show what the keyring does not hold. Once unlocked,
 * saving again (what Try Again does) keeps it. */
static void
test_locked (void)
{
  g_autoptr(CdAccountList) accounts = cd_account_list_new ();
  g_autoptr(CdSignInResult) result = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;
  const GError *store_error;
  CdAccount *account;

  forget_cashier ();
  test_keyring_set_locked (TRUE);
  result = sign_in (accounts, CASHIER, CD_DEMO_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  account = cd_sign_in_result_get_account (result);
  g_assert_cmpstr (cd_account_get_email (account), ==, CASHIER);
  g_assert_false (cd_sign_in_result_get_stored (result));
  store_error = cd_sign_in_result_get_store_error (result);
  g_assert_error ((GError *) store_error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_cmpstr (store_error->message, ==, "The keyring is locked.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);

  test_keyring_set_locked (FALSE);
  g_assert_false (token_stored ());
  cd_account_list_save_async (accounts, account, NULL, test_store_result, &saved);
  g_assert_true (cd_account_list_save_finish (accounts, test_wait_for_result (&saved, 20), &error));
  g_assert_true (token_stored ());
}

/* Cancelled while CashDesk is asked (slow@ waits): cancelled, nothing stored. */
static void
test_cancelled (void)
{
  g_autoptr(CdAccountList) accounts = cd_account_list_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CdClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = cd_client_new (cd_demo_server_get_url (demo), FALSE, &error);
  g_assert_no_error (error);
  cd_sign_in_async (client, accounts, "slow@demo.test", CD_DEMO_PASSWORD, cancellable,
                    test_store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_null (cd_sign_in_finish (test_wait_for_result (&result, 20), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (test_secret_tool_lookup ("slow@demo.test"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  test_init (&argc, &argv);
  if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "gnome-keyring") != 0)
    g_error ("run this test with meson test, which asks test_init() for a session with a keyring");
  /* As cashdesk-token with no terminal: a locked keyring is not prompted for. */
  cd_store_set_limits (FALSE, 20);

  demo = cd_demo_server_new ();
  cd_demo_server_start (demo, 0, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/sign-in/stored", test_stored);
  g_test_add_func ("/sign-in/not-to-store", test_not_to_store);
  g_test_add_func ("/sign-in/refused", test_refused);
  g_test_add_func ("/sign-in/locked", test_locked);
  g_test_add_func ("/sign-in/cancelled", test_cancelled);

  status = g_test_run ();
  g_clear_object (&demo);
  return status;
}
