/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-account-list.c: the one list of stored sign-ins (CdAccountList) against a real
 * gnome-keyring in a session of its own, the accounts signed in at the demo server:
 * loading, saving, forgetting and putting back update the list in place, in the back
 * office's order, and another program (secret-tool) sees the keyring agree. Without a
 * Secret Service, a load says why the list is empty. */
#include "cd-account-json.h"
#include "cd-account-list.h"
#include "cd-client.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "test-keyring.h"
#include "test-util.h"

static CdDemoServer *demo;

static CdAccount *
sign_in (const char *email)
{
  g_autoptr(CdClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CdAccount *account;

  client = cd_client_new (cd_demo_server_get_url (demo), FALSE, &error);
  g_assert_no_error (error);
  cd_client_authenticate_async (client, email, CD_DEMO_PASSWORD, NULL, test_store_result, &result);
  account = cd_client_authenticate_finish (client, test_wait_for_result (&result, 20), &error);
  g_assert_no_error (error);
  return account;
}

static void
load (CdAccountList *list)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_account_list_load_async (list, NULL, test_store_result, &result);
  g_assert_true (cd_account_list_get_loading (list));
  cd_account_list_load_finish (list, test_wait_for_result (&result, 20), &error);
  g_assert_no_error (error);
  g_assert_false (cd_account_list_get_loading (list));
  g_assert_null (cd_account_list_get_load_error (list));
}

static void
save (CdAccountList *list,
      CdAccount     *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_account_list_save_async (list, account, NULL, test_store_result, &result);
  g_assert_true (cd_account_list_save_finish (list, test_wait_for_result (&result, 20), &error));
  g_assert_no_error (error);
}

static void
forget (CdAccountList *list,
        CdAccount     *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_account_list_forget_async (list, account, NULL, test_store_result, &result);
  g_assert_true (cd_account_list_forget_finish (list, test_wait_for_result (&result, 20), &error));
  g_assert_no_error (error);
}

/* The emails in the list's order, joined with spaces. */
static char *
emails (CdAccountList *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CdAccount) account = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", cd_account_get_email (account));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
count_change (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
forget_everything (void)
{
  g_autoptr(CdAccountList) list = cd_account_list_new ();

  load (list);
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    {
      g_autoptr(CdAccount) account = g_list_model_get_item (G_LIST_MODEL (list), 0);

      forget (list, account);
    }
}

static void
test_in_step_with_the_keyring (void)
{
  g_autoptr(CdAccountList) list = cd_account_list_new ();
  g_autoptr(CdAccountList) again = cd_account_list_new ();
  g_autoptr(CdAccount) cashier = sign_in ("cashier@demo.test");
  g_autoptr(CdAccount) expired = sign_in ("expired@demo.test");
  g_autoptr(CdAccount) expiring = sign_in ("expiring@demo.test");
  g_autoptr(CdAccount) bare = sign_in ("no-signature@demo.test");
  g_autoptr(CdAccount) renewed = NULL;
  g_autofree char *token = NULL;
  g_autofree char *order = NULL;
  guint changes = 0;

  forget_everything ();
  load (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_change), &changes);

  /* New sign-ins appear at once, in order: soonest certificate expiry first (an expired
   * one is the soonest), unknown last. */
  save (list, cashier);
  save (list, bare);
  save (list, expired);
  save (list, expiring);
  g_assert_cmpuint (changes, ==, 4);
  order = emails (list);
  g_assert_cmpstr (order, ==,
                   "expired@demo.test expiring@demo.test cashier@demo.test no-signature@demo.test");

  /* What another list reads back from the keyring is the same. */
  load (again);
  g_clear_pointer (&order, g_free);
  order = emails (again);
  g_assert_cmpstr (order, ==,
                   "expired@demo.test expiring@demo.test cashier@demo.test no-signature@demo.test");

  /* A new sign-in of a listed account replaces it in place. */
  renewed = sign_in ("cashier@demo.test");
  save (list, renewed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_true (cd_account_list_find (list, cd_account_get_server (renewed),
                                       "cashier@demo.test", NULL) == renewed);
  token = test_secret_tool_lookup ("cashier@demo.test");
  g_assert_cmpstr (token, ==, cd_account_get_token (renewed));
  g_clear_pointer (&token, g_free);

  /* Forgotten: gone from the list and from the keyring; put back: both again. */
  forget (list, expiring);
  g_assert_null (cd_account_list_find (list, cd_account_get_server (expiring),
                                       "expiring@demo.test", NULL));
  g_assert_null (test_secret_tool_lookup ("expiring@demo.test"));
  save (list, expiring);
  g_clear_pointer (&order, g_free);
  order = emails (list);
  g_assert_cmpstr (order, ==,
                   "expired@demo.test expiring@demo.test cashier@demo.test no-signature@demo.test");
  token = test_secret_tool_lookup ("expiring@demo.test");
  g_assert_cmpstr (token, ==, cd_account_get_token (expiring));
}

/* Changes show in the list as they are asked for, and reach the keyring one at a time,
 * in order: an Undo asked for while the removal it undoes is still under way does not
 * cross it (the account would be lost), and two removals in a row both happen. */
static void
test_changes_in_order (void)
{
  g_autoptr(CdAccountList) list = cd_account_list_new ();
  g_autoptr(CdAccountList) again = cd_account_list_new ();
  g_autoptr(CdAccount) cashier = sign_in ("cashier@demo.test");
  g_autoptr(CdAccount) expiring = sign_in ("expiring@demo.test");
  g_autoptr(CdAccount) expired = sign_in ("expired@demo.test");
  g_autoptr(GAsyncResult) forgotten = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  g_autofree char *token = NULL;

  forget_everything ();
  save (list, cashier);
  save (list, expiring);
  save (list, expired);

  cd_account_list_forget_async (list, cashier, NULL, test_store_result, &forgotten);
  g_assert_null (cd_account_list_find (list, cd_account_get_server (cashier), "cashier@demo.test", NULL));
  cd_account_list_save_async (list, cashier, NULL, test_store_result, &saved);
  g_assert_nonnull (cd_account_list_find (list, cd_account_get_server (cashier), "cashier@demo.test", NULL));
  cd_account_list_forget_async (list, expiring, NULL, test_store_result, &other);
  order = emails (list);
  g_assert_cmpstr (order, ==, "expired@demo.test cashier@demo.test");

  g_assert_true (cd_account_list_forget_finish (list, test_wait_for_result (&forgotten, 20), &error));
  g_assert_no_error (error);
  /* The removal is done, and the Undo not yet: the list still shows the Undo. */
  g_assert_nonnull (cd_account_list_find (list, cd_account_get_server (cashier), "cashier@demo.test", NULL));
  g_assert_true (cd_account_list_save_finish (list, test_wait_for_result (&saved, 20), &error));
  g_assert_no_error (error);
  g_assert_true (cd_account_list_forget_finish (list, test_wait_for_result (&other, 20), &error));
  g_assert_no_error (error);

  g_clear_pointer (&order, g_free);
  order = emails (list);
  g_assert_cmpstr (order, ==, "expired@demo.test cashier@demo.test");
  token = test_secret_tool_lookup ("cashier@demo.test");
  g_assert_cmpstr (token, ==, cd_account_get_token (cashier));
  g_assert_null (test_secret_tool_lookup ("expiring@demo.test"));
  load (again);
  g_clear_pointer (&order, g_free);
  order = emails (again);
  g_assert_cmpstr (order, ==, "expired@demo.test cashier@demo.test");
}

static void
test_locked_keyring (void)
{
  g_autoptr(CdAccountList) list = cd_account_list_new ();
  g_autoptr(CdAccount) cashier = sign_in ("cashier@demo.test");
  g_autoptr(CdAccount) other = sign_in ("expiring@demo.test");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };

  forget_everything ();
  save (list, cashier);
  test_keyring_set_locked (TRUE);

  /* The list shows a change at once, before the keyring has made it. Nothing
   * forgotten, nothing lost: the account is back, and the list says nothing went. */
  cd_account_list_forget_async (list, cashier, NULL, test_store_result, &result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_false (cd_account_list_forget_finish (list, test_wait_for_result (&result, 20), &error));
  g_assert_nonnull (error);
  g_assert_true (cd_account_list_find (list, cd_account_get_server (cashier),
                                       "cashier@demo.test", NULL) == cashier);
  g_clear_object (&result);
  g_clear_error (&error);

  /* Nothing stored: the new sign-in leaves the list again, the one before it stays. */
  cd_account_list_save_async (list, other, NULL, test_store_result, &result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_false (cd_account_list_save_finish (list, test_wait_for_result (&result, 20), &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (list), 0) == (gpointer) cashier);
  g_object_unref (cashier);
  g_clear_object (&result);
  g_clear_error (&error);

  /* The daily check's reading leaves a locked keyring locked, and what it could not
   * read says nothing about what is stored: the list stays, with no error to show. */
  cd_account_list_load_if_unlocked_async (list, NULL, test_store_result, &result);
  g_assert_false (cd_account_list_load_finish (list, test_wait_for_result (&result, 20), &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_KEYRING);
  g_assert_false (cd_account_list_get_loading (list));
  g_assert_null (cd_account_list_get_load_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_clear_object (&result);
  g_clear_error (&error);

  /* Unlocked, the same reading sees the keyring: another program's sign-out shows. */
  test_keyring_set_locked (FALSE);
  test_secret_tool ((const char *[]) { "clear", "xdg:schema", "io.github.cashdesk_login.Token",
                                       "email", "cashier@demo.test", NULL }, NULL, &run);
  cd_account_list_load_if_unlocked_async (list, NULL, test_store_result, &result);
  g_assert_true (cd_account_list_load_finish (list, test_wait_for_result (&result, 20), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* Where the Secret Service keeps @email's token: the item's object path, which names
 * its collection. The path is interned: the test asks for few. */
static const char *
test_item_path (const char *email)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autoptr(GVariant) path = NULL;
  GVariantBuilder attributes;

  g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&attributes, "{ss}", "xdg:schema", TEST_TOKEN_SCHEMA);
  g_variant_builder_add (&attributes, "{ss}", "email", email);
  reply = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                         "org.freedesktop.Secret.Service", "SearchItems",
                         g_variant_new ("(a{ss})", &attributes), G_VARIANT_TYPE ("(aoao)"));
  unlocked = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (unlocked), ==, 1);
  path = g_variant_get_child_value (unlocked, 0);
  return g_intern_string (g_variant_get_string (path, NULL));
}

/* A demo's list: only its server's sign-ins, kept in the keyring's session collection,
 * which lives in memory and dies with the desktop session. */
static void
test_demo_list (void)
{
  g_autoptr(CdDemoServer) other = cd_demo_server_new ();
  g_autoptr(CdAccountList) list = NULL;
  g_autoptr(CdAccountList) real = cd_account_list_new ();
  g_autoptr(CdAccount) cashier = sign_in ("cashier@demo.test");
  g_autoptr(CdAccount) elsewhere = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CdDemoServer *first = demo;

  forget_everything ();
  cd_demo_server_start (other, 0, NULL, &error);
  g_assert_no_error (error);
  demo = other;
  elsewhere = sign_in ("expiring@demo.test");
  demo = first;
  save (real, elsewhere);

  list = cd_account_list_new_for_demo (cd_demo_server_get_url (demo));
  g_assert_cmpstr (cd_account_list_get_demo_server (list), ==, cd_demo_server_get_url (demo));
  load (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  save (list, cashier);
  g_assert_true (g_str_has_prefix (test_item_path ("cashier@demo.test"),
                                   "/org/freedesktop/secrets/collection/session/"));
  g_assert_true (g_str_has_prefix (test_item_path ("expiring@demo.test"),
                                   "/org/freedesktop/secrets/collection/login/"));

  /* Read again, it still holds only the demo's; the real list holds both. */
  load (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  load (real);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (real)), ==, 2);

  /* The demo over, its sign-ins are gone, and only those. */
  cd_account_list_forget_demo_async (list, NULL, test_store_result, &result);
  cd_account_list_forget_demo_finish (list, test_wait_for_result (&result, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (test_secret_tool_lookup ("cashier@demo.test"));
  load (real);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (real)), ==, 1);
  forget_everything ();
}

static void
test_no_keyring (void)
{
  g_autoptr(CdAccountList) list = cd_account_list_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_account_list_load_async (list, NULL, test_store_result, &result);
  g_assert_false (cd_account_list_load_finish (list, test_wait_for_result (&result, 30), &error));
  g_assert_nonnull (error);
  g_assert_false (cd_account_list_get_loading (list));
  g_assert_cmpstr (cd_account_list_get_load_error (list), ==, error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* An account from its summary, as the keyring's account item holds it. */
static CdAccount *
account_from_summary (const char *summary,
                      const char *server)
{
  g_autoptr(JsonNode) node = json_from_string (summary, NULL);
  g_autoptr(GError) error = NULL;
  CdAccount *account;

  g_assert_nonnull (node);
  account = cd_account_new_from_summary (json_node_get_object (node), server, NULL, &error);
  g_assert_no_error (error);
  return account;
}

/* A whole list sorted at once (a load, cashdesk-token status) is in the order that
 * putting its accounts in one at a time gives: soonest expiry, name (an account without
 * one by its email), email, server. */
static void
test_sort (void)
{
  const struct { const char *summary; const char *server; } given[] = {
    { "{\"email\": \"e@shop.ua\", \"full_name\": \"Олена\", "
      "\"certificate\": {\"expires_on\": \"2027-03-01\"}}", "https://a.test/api/v2" },
    { "{\"email\": \"d@shop.ua\", \"certificate\": {\"expires_on\": \"2027-03-01\"}}",
      "https://a.test/api/v2" },
    { "{\"email\": \"c@shop.ua\", \"full_name\": \"Андрій\"}", "https://a.test/api/v2" },
    { "{\"email\": \"b@shop.ua\", \"full_name\": \"Олена\", "
      "\"certificate\": {\"expires_on\": \"2027-03-01\"}}", "https://b.test/api/v2" },
    { "{\"email\": \"b@shop.ua\", \"full_name\": \"Олена\", "
      "\"certificate\": {\"expires_on\": \"2027-03-01\"}}", "https://a.test/api/v2" },
    { "{\"email\": \"a@shop.ua\", \"full_name\": \"Ярина\", "
      "\"certificate\": {\"expires_on\": \"2026-01-01\"}}", "https://a.test/api/v2" },
    { "{\"email\": \"f@shop.ua\", \"full_name\": \"Петро\", "
      "\"certificate\": {\"expires_on\": \"2027-03-01\"}}", "https://a.test/api/v2" },
  };
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    g_ptr_array_add (accounts, account_from_summary (given[i].summary, given[i].server));
  cd_account_list_sort (accounts);
  for (guint i = 0; i < accounts->len; i++)
    {
      CdAccount *account = g_ptr_array_index (accounts, i);

      g_string_append_printf (order, "%s%s %s", i > 0 ? ", " : "",
                              cd_account_get_email (account), cd_account_get_server (account));
      for (guint j = i + 1; j < accounts->len; j++)
        g_assert_cmpint (cd_account_list_compare (account, g_ptr_array_index (accounts, j), NULL),
                         <, 0);
    }
  g_assert_cmpstr (order->str, ==,
                   "a@shop.ua https://a.test/api/v2, d@shop.ua https://a.test/api/v2, "
                   "b@shop.ua https://a.test/api/v2, b@shop.ua https://b.test/api/v2, "
                   "e@shop.ua https://a.test/api/v2, f@shop.ua https://a.test/api/v2, "
                   "c@shop.ua https://a.test/api/v2");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  test_init (&argc, &argv);

  demo = cd_demo_server_new ();
  cd_demo_server_start (demo, 0, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/account-list/sort", test_sort);
  if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "no") == 0)
    g_test_add_func ("/account-list/no-keyring", test_no_keyring);
  else
    {
      g_test_add_func ("/account-list/in-step-with-the-keyring", test_in_step_with_the_keyring);
      g_test_add_func ("/account-list/changes-in-order", test_changes_in_order);
      g_test_add_func ("/account-list/locked-keyring", test_locked_keyring);
      g_test_add_func ("/account-list/demo", test_demo_list);
    }

  status = g_test_run ();
  g_clear_object (&demo);
  return status;
}
