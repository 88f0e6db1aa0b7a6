/* test-store-save.c: keeping a sign-in (src/core/cd-store-save.c) in a real Secret
 * Service in a private session (build-aux/test-session), read back by another program
 * (secret-tool): the items and their attributes, saving again, two saves at once, and
 * what a save cut short at each of its steps leaves for readers. */
#include <string.h>

#include "cd-account.h"
#include "cd-error.h"
#include "cd-store.h"
#include "test-keyring.h"
#include "test-store-util.h"
#include "test-util.h"

static void
test_save_token_item (void)
{
  const char *email = "cashier@example.com";
  gint64 exp = test_in_days (365);
  g_autoptr(CdAccount) account = test_make_account (SERVER_PROD, email, exp);
  g_autofree char *token = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *uuid = test_uuid_for (email);
  g_autofree char *expires = test_expires_text (exp);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GHashTable) details_attributes = NULL;

  test_store_reset ();
  test_store_save (account);

  token = test_tool_lookup_token (email);
  g_assert_cmpstr (token, ==, cd_account_get_token (account));
  g_assert_true (g_str_has_prefix (token, "Bearer ey"));

  g_assert_cmpuint (test_tool_search (CD_STORE_TOKEN_SCHEMA_NAME, email, &attributes, &labels), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "email"), ==, email);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "server"), ==, SERVER_PROD);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "user-uuid"), ==, uuid);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "expires"), ==, expires);
  test_assert_signed_in_now (g_hash_table_lookup (attributes, "signed-in"));
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 5);
  test_assert_no_personal_data (attributes);
  g_assert_nonnull (strstr (labels, email));
  g_clear_pointer (&labels, g_free);

  /* The details item: the same two keys and the signed-in time of the token item it
   * was written for, nothing personal in the clear. */
  g_assert_cmpuint (test_tool_search (CD_STORE_ACCOUNT_SCHEMA_NAME, email, &details_attributes, &labels),
                    ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (details_attributes, "email"), ==, email);
  g_assert_cmpstr (g_hash_table_lookup (details_attributes, "server"), ==, SERVER_PROD);
  g_assert_cmpstr (g_hash_table_lookup (details_attributes, "signed-in"), ==,
                   g_hash_table_lookup (attributes, "signed-in"));
  g_assert_cmpuint (g_hash_table_size (details_attributes), ==, 3);
  test_assert_no_personal_data (details_attributes);
  g_assert_nonnull (strstr (labels, email));
}

static void
test_save_twice (void)
{
  const char *email = "twice@example.com";
  g_autoptr(CdAccount) old = test_make_account (SERVER_PROD, email, test_in_days (100));
  g_autoptr(CdAccount) renewed = test_make_account (SERVER_PROD, email, test_in_days (365));
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *token = NULL;

  g_assert_cmpstr (cd_account_get_token (old), !=, cd_account_get_token (renewed));

  test_store_reset ();
  test_store_save (old);
  test_store_save (renewed);
  test_store_save (renewed);

  accounts = test_store_list (SERVER_PROD);
  test_assert_emails (accounts, email, NULL);
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (accounts, 0)), ==,
                   cd_account_get_token (renewed));

  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, email), ==, 1);
  g_assert_cmpuint (test_tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, email), ==, 1);
  token = test_tool_lookup_token (email);
  g_assert_cmpstr (token, ==, cd_account_get_token (renewed));
}

/* Two saves of one account at once, as two programs signing in at the same moment do:
 * their requests reach the keyring interleaved. One token survives (never none, never an
 * orphaned details item), it is one whose save reported success, and a save whose token
 * was not kept reports that rather than success. */
static void
test_save_concurrent (void)
{
  const char *email = "race@example.com";
  guint lost = 0;

  test_store_reset ();
  for (guint round = 0; round < 10; round++)
    {
      g_autoptr(CdAccount) a = test_make_account (SERVER_PROD, email, test_in_days (300 + 2 * round));
      g_autoptr(CdAccount) b = test_make_account (SERVER_PROD, email, test_in_days (301 + 2 * round));
      CdAccount *accounts[2] = { a, b };
      GAsyncResult *results[2] = { NULL, NULL };
      gboolean saved[2];
      g_autofree char *kept = NULL;

      for (guint i = 0; i < 2; i++)
        cd_store_save_async (accounts[i], NULL, test_store_result, &results[i]);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          test_wait_for_result (&results[i], 20);
          saved[i] = cd_store_save_finish (results[i], &error);
          g_clear_object (&results[i]);
          if (!saved[i])
            {
              g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
              g_assert_nonnull (strstr (error->message, "newer sign-in"));
              lost++;
            }
        }

      g_assert_true (saved[0] || saved[1]);
      g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, email), ==, 1);
      g_assert_cmpuint (test_tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, email), ==, 1);
      kept = test_tool_lookup_token (email);
      for (guint i = 0; i < 2; i++)
        if (!saved[i])
          g_assert_cmpstr (kept, !=, cd_account_get_token (accounts[i]));
      g_assert_true ((saved[0] && g_str_equal (kept, cd_account_get_token (a))) ||
                     (saved[1] && g_str_equal (kept, cd_account_get_token (b))));
    }
  g_test_message ("in 10 rounds, %u saves found a newer one had won", lost);
}

static void
test_save_without_server (void)
{
  g_autoptr(CdAccount) account = test_make_account (NULL, "nowhere@example.com", test_in_days (300));
  GError *error = NULL;

  test_store_reset ();
  g_assert_false (test_store_save_sync (account, NULL, &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "nowhere@example.com"), ==, 0);
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
      g_test_add_func ("/store/save/token-item", test_save_token_item);
      g_test_add_func ("/store/save/twice", test_save_twice);
      g_test_add_func ("/store/save/concurrent", test_save_concurrent);
      g_test_add_func ("/store/save/without-server", test_save_without_server);
    }
  else
    {
      g_printerr ("test-store-save needs a session of its own: run it through build-aux/test-session\n");
      return 1;
    }

  return g_test_run ();
}
