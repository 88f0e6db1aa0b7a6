/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-store-call.c: what every store operation does on a desktop that is not well
 * (src/core/cd-store-call.c): cancelled, a locked keyring, a prompt nobody answers, a
 * Secret Service that quits, and (under test-session --no-keyring) none at all. */
#include <string.h>

#include "cd-account.h"
#include "cd-error.h"
#include "cd-store.h"
#include "test-keyring.h"
#include "test-store-util.h"
#include "test-util.h"

static void
test_cancelled (void)
{
  g_autoptr(CdAccount) account = test_make_account (SERVER_PROD, "kept@example.com", test_in_days (300));
  g_autoptr(CdAccount) unsaved = test_make_account (SERVER_PROD, "unsaved@example.com", test_in_days (300));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(CdAccount) still = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  test_store_reset ();
  test_store_save (account);
  g_cancellable_cancel (cancellable);

  g_assert_false (test_store_save_sync (unsaved, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  found = test_store_lookup_sync (SERVER_PROD, "kept@example.com", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
  g_clear_error (&error);

  accounts = test_store_list_sync (NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (accounts);
  g_clear_error (&error);

  test_store_forget_sync (NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing was written, nothing was forgotten. */
  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "unsaved@example.com"), ==, 0);
  still = test_store_lookup (SERVER_PROD, "kept@example.com");
  g_assert_cmpstr (cd_account_get_token (still), ==, cd_account_get_token (account));
}

static void
test_locked (void)
{
  g_autoptr(CdAccount) account = test_make_account (SERVER_PROD, "locked@example.com", test_in_days (300));
  g_autoptr(CdAccount) later = test_make_account (SERVER_PROD, "later@example.com", test_in_days (300));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(CdAccount) still = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  test_store_reset ();
  test_store_save (account);
  test_keyring_set_locked (TRUE);
  /* As for a program that nobody watches: no prompt, "locked" at once. A store that
   * hides a locked collection's items (KeePassXC) reads as locked too, not as empty. */
  cd_store_set_limits (FALSE, CD_STORE_DEFAULT_TIMEOUT);

  found = test_store_lookup_sync (SERVER_PROD, "locked@example.com", NULL, &error);
  test_assert_locked (error);
  g_assert_null (found);
  g_clear_error (&error);

  accounts = test_store_list_sync (NULL, NULL, &error);
  test_assert_locked (error);
  g_assert_null (accounts);
  g_clear_error (&error);

  g_assert_false (test_store_save_sync (later, NULL, &error));
  test_assert_locked (error);
  g_clear_error (&error);

  test_store_forget_sync (NULL, NULL, NULL, &error);
  test_assert_locked (error);
  g_clear_error (&error);

  cd_store_set_limits (TRUE, CD_STORE_DEFAULT_TIMEOUT);
  test_keyring_set_locked (FALSE);
  still = test_store_lookup (SERVER_PROD, "locked@example.com");
  g_assert_cmpstr (cd_account_get_token (still), ==, cd_account_get_token (account));
  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "later@example.com"), ==, 0);
}

/* A prompt that opens and that nobody answers: every operation gives up when its time
 * is up, saying so, and leaves the keyring as it was. */
static void
test_prompt_unanswered (void)
{
  g_autoptr(CdAccount) account = test_make_account (SERVER_PROD, "asked@example.com", test_in_days (300));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  test_store_reset ();
  test_store_save (account);
  test_keyring_set_locked (TRUE);
  cd_store_set_limits (TRUE, 2);

  found = test_store_lookup_sync (SERVER_PROD, "asked@example.com", NULL, &error);
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_cmpstr (error->message, ==, "Nobody answered the keyring's prompt within 2 seconds.");
  g_assert_null (found);
  g_clear_error (&error);

  accounts = test_store_list_sync (NULL, NULL, &error);
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_null (accounts);
  g_clear_error (&error);

  g_assert_false (test_store_save_sync (account, NULL, &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_clear_error (&error);

  cd_store_set_limits (TRUE, CD_STORE_DEFAULT_TIMEOUT);
  test_keyring_set_locked (FALSE);
  g_clear_object (&found);
  found = test_store_lookup (SERVER_PROD, "asked@example.com");
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (account));
  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "asked@example.com"), ==, 1);
}

static void
test_no_keyring (void)
{
  g_autoptr(CdAccount) account = test_make_account (SERVER_PROD, "cashier@example.com", test_in_days (300));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  g_assert_false (test_store_save_sync (account, NULL, &error));
  test_assert_unavailable (error);
  g_clear_error (&error);

  found = test_store_lookup_sync (SERVER_PROD, "cashier@example.com", NULL, &error);
  test_assert_unavailable (error);
  g_assert_null (found);
  g_clear_error (&error);

  found = test_store_lookup_sync (SERVER_PROD, NULL, NULL, &error);
  test_assert_unavailable (error);
  g_assert_null (found);
  g_clear_error (&error);

  accounts = test_store_list_sync (NULL, NULL, &error);
  test_assert_unavailable (error);
  g_assert_null (accounts);
  g_clear_error (&error);

  test_store_forget_sync (NULL, NULL, NULL, &error);
  test_assert_unavailable (error);
  g_clear_error (&error);
}

int
main (int    argc,
      char **argv)
{
  const char *keyring;

  test_init (&argc, &argv);
  keyring = g_getenv ("CD_TEST_SESSION_KEYRING");

  /* Which cases apply depends on the session test-session made: each runs only where
   * it can pass or fail for real. */
  if (test_keyring_is_real (keyring))
    {
      g_test_add_func ("/store/cancelled", test_cancelled);
      g_test_add_func ("/store/locked", test_locked);
      /* Where the keyring's prompt can open: gcr-prompter needs a display; KeePassXC's
       * dialog opens off screen too. */
      if (g_getenv ("DISPLAY") != NULL || g_strcmp0 (keyring, "keepassxc") == 0)
        g_test_add_func ("/store/prompt-unanswered", test_prompt_unanswered);
    }
  else if (g_strcmp0 (keyring, "no") == 0)
    {
      g_test_add_func ("/store/no-keyring", test_no_keyring);
    }
  else
    {
      g_printerr ("test-store-call needs a session of its own: run it through build-aux/test-session\n");
      return 1;
    }

  return g_test_run ();
}
