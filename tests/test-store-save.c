/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

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

  /* KeePassXC 2.7.4 itself crashes (SIGSEGV, its process left defunct) in about one
   * run in four when two saves of one account interleave, even with its save after
   * every change off; the store then says "The keyring (the Secret Service) quit before
   * it was done", as it should. The race is checked against GNOME Keyring. */
  if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "keepassxc") == 0)
    {
      g_test_skip ("KeePassXC 2.7.4 crashes under two interleaved saves of one account");
      return;
    }


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
              g_test_message ("not kept: %s", error->message);
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

/* A save cut short: the process stops at one step of the protocol, as a killed
 * cashdesk-token does. A filter on the process's bus connection drops the first call of
 * that step (nothing of it reaches the keyring) and the save is cancelled there. */
typedef struct
{
  const char *member;
  /* For CreateItem: which schema's item. */
  const char *schema;
  gboolean cut;
} Cut;

static GDBusMessage *
cut_filter (GDBusConnection *connection,
            GDBusMessage    *message,
            gboolean         incoming,
            gpointer         user_data)
{
  Cut *cut = user_data;

  if (incoming || g_atomic_int_get (&cut->cut) ||
      g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      g_strcmp0 (g_dbus_message_get_member (message), cut->member) != 0 ||
      (cut->schema != NULL && !test_message_creates_item_of (message, cut->schema)))
    return message;
  g_atomic_int_set (&cut->cut, TRUE);
  g_object_unref (message);
  return NULL;
}

static void
save_cut_at (CdAccount  *account,
             const char *member,
             const char *schema)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Cut cut = { member, schema, FALSE };
  guint filter = g_dbus_connection_add_filter (bus, cut_filter, &cut, NULL);

  cd_store_save_async (account, cancellable, test_store_result, &result);
  TEST_WAIT_UNTIL (g_atomic_int_get (&cut.cut), 20);
  g_cancellable_cancel (cancellable);
  g_assert_false (cd_store_save_finish (test_wait_for_result (&result, 20), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_dbus_connection_remove_filter (bus, filter);
}

/* What readers see: the token that `cashdesk-token get` prints (another process), and
 * the account the store reads: its details are those written for that token, or not
 * known; never the details of another sign-in beside a newer token. (Between the
 * token item and the deletion of the older ones, `secret-tool lookup` may print either
 * token: docs/contract.md tells other programs to take the latest signed-in.) */
static void
assert_read_back (CdAccount *expected,
                  gboolean   details_known)
{
  g_autofree char *token = test_token_get (SERVER_PROD, cd_account_get_email (expected));
  g_autoptr(CdAccount) found = test_store_lookup (SERVER_PROD, cd_account_get_email (expected));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_cmpstr (token, ==, cd_account_get_token (expected));
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (expected));
  test_assert_same_date (cd_account_get_token_expires_at (found),
                         cd_account_get_token_expires_at (expected));
  g_assert_true (cd_account_token_is_valid (found, now));
  g_assert_cmpint (cd_account_get_details_known (found), ==, details_known);
  if (details_known)
    {
      g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
      g_assert_cmpstr (cd_account_get_uuid (found), ==, cd_account_get_uuid (expected));
    }
  else
    {
      g_assert_null (cd_account_get_full_name (found));
      g_assert_null (cd_account_get_opened_shift (found));
    }
}

static void
test_save_interrupted (void)
{
  const char *email = "cut@example.com";
  struct {
    const char *member;
    const char *schema;
    /* Whose token readers then see, and whether with its details. */
    gboolean new_token;
    gboolean details_known;
  } steps[] = {
    /* Before the token item: nothing changed. */
    { "CreateItem", CD_STORE_TOKEN_SCHEMA_NAME, FALSE, TRUE },
    /* Between the token item and the account item. */
    { "CreateItem", CD_STORE_ACCOUNT_SCHEMA_NAME, TRUE, FALSE },
    /* Before the older items are deleted. */
    { "Delete", NULL, TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      /* Another expiry, so that the old token's dates cannot pass for the new one's: one
       * that has passed where the new token must be read (the old details would call
       * the new token expired, and `get` would refuse it). */
      g_autoptr(CdAccount) old = test_make_account (SERVER_PROD, email,
                                                    test_in_days (steps[i].new_token ? -2 : 30));
      g_autoptr(CdAccount) new = test_make_account (SERVER_PROD, email, test_in_days (365));

      g_test_message ("cut at %s %s", steps[i].member, steps[i].schema ? steps[i].schema : "");
      test_store_reset ();
      test_store_save (old);
      save_cut_at (new, steps[i].member, steps[i].schema);
      assert_read_back (steps[i].new_token ? new : old, steps[i].details_known);

      /* The next save puts everything in order. */
      test_store_save (new);
      assert_read_back (new, TRUE);
      g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, email), ==, 1);
      g_assert_cmpuint (test_tool_count (CD_STORE_ACCOUNT_SCHEMA_NAME, email), ==, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  test_store_init (&argc, &argv);
  g_test_add_func ("/store/save/token-item", test_save_token_item);
  g_test_add_func ("/store/save/twice", test_save_twice);
  g_test_add_func ("/store/save/concurrent", test_save_concurrent);
  g_test_add_func ("/store/save/without-server", test_save_without_server);
  g_test_add_func ("/store/save/interrupted", test_save_interrupted);
  return g_test_run ();
}
