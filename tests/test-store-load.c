/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-store-load.c: reading stored sign-ins (src/core/cd-store-load.c) from a real
 * Secret Service in a private session: one account, the most recent, every one, items
 * other programs wrote, and details that were not written for the token beside them;
 * the token items paired with their account items by the path the details name, in a
 * constant number of D-Bus calls, and the items no details name paired as before. */
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

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

/* A newer sign-in's token item of @email holding @secret, as a sign-in writes it: with
 * its signed-in time, so the keyring keeps the older items beside it. */
static void
store_newer_token (const char *email,
                   const char *secret)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *signed_in = g_date_time_format_iso8601 (now);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "secret-tool", "store", "--label=Newer sign-in",
                         "xdg:schema", CD_STORE_TOKEN_SCHEMA_NAME, "email", email,
                         "server", SERVER_PROD, "signed-in", signed_in, NULL };

  g_assert_cmpint (test_run_tool (argv, secret, &out, &err), ==, 0);
}

/* A sign-in cut short after it wrote its token item and before it deleted the older
 * one: the account has two token items. It is listed once, by the newer token, which
 * no details describe; the older one's details are not shown beside it. */
static void
test_list_cut_sign_in (void)
{
  g_autoptr(CdAccount) old = test_make_account (SERVER_PROD, "cut@example.com", test_in_days (300));
  g_autoptr(CdAccount) other = test_make_account (SERVER_PROD, "other@example.com", test_in_days (200));
  g_autoptr(GPtrArray) accounts = NULL;
  CdAccount *listed;

  test_store_reset ();
  test_store_save (old);
  test_store_save (other);
  store_newer_token ("cut@example.com", "Bearer newer");

  accounts = test_store_list (SERVER_PROD);
  test_assert_emails (accounts, "cut@example.com", "other@example.com", NULL);
  listed = g_ptr_array_index (accounts, 0);
  g_assert_cmpstr (cd_account_get_token (listed), ==, "Bearer newer");
  g_assert_null (cd_account_get_full_name (listed));
  g_assert_cmpuint (test_tool_count (CD_STORE_TOKEN_SCHEMA_NAME, "cut@example.com"), ==, 2);
}

/* A newer token item with an empty secret, as GNOME Keyring leaves one when it dies
 * inside a sign-in's CreateItem (it writes the item, then its secret), does not hide
 * the cashier's sign-in, still stored beside it: the list shows it, and get (by email,
 * and as the most recent) hands out its token. Once it is the most recent sign-in of
 * another account, the most recent is not taken from an older one, which could be
 * another cashier's. */
static void
test_half_written_token (void)
{
  g_autoptr(CdAccount) cashier = test_make_account (SERVER_PROD, "cut@example.com", test_in_days (300));
  g_autoptr(CdAccount) other = test_make_account (SERVER_PROD, "other@example.com", test_in_days (200));
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(CdAccount) recent = NULL;
  g_autofree char *token = NULL;
  CdAccount *listed;

  test_store_reset ();
  test_store_save (other);
  test_store_save (cashier);
  store_newer_token ("cut@example.com", "");

  accounts = test_store_list (SERVER_PROD);
  test_assert_emails (accounts, "cut@example.com", "other@example.com", NULL);
  listed = g_ptr_array_index (accounts, 0);
  g_assert_cmpstr (cd_account_get_token (listed), ==, cd_account_get_token (cashier));
  g_assert_cmpstr (cd_account_get_full_name (listed), ==, cd_account_get_full_name (cashier));
  found = test_store_lookup (SERVER_PROD, "cut@example.com");
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (cashier));
  recent = test_store_lookup (SERVER_PROD, NULL);
  g_assert_cmpstr (cd_account_get_email (recent), ==, "cut@example.com");
  g_assert_cmpstr (cd_account_get_token (recent), ==, cd_account_get_token (cashier));
  /* As another program reads it. */
  token = test_token_get (SERVER_PROD, "cut@example.com");
  g_assert_cmpstr (token, ==, cd_account_get_token (cashier));

  store_newer_token ("other@example.com", "");
  test_assert_not_found (SERVER_PROD, NULL, "unusable");
  g_clear_pointer (&accounts, g_ptr_array_unref);
  accounts = test_store_list (SERVER_PROD);
  test_assert_emails (accounts, "cut@example.com", "other@example.com", NULL);
}

/* Items of @schema and @email, by the Secret Service's own search. */
static char **
search_paths (const char *schema,
              const char *email)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder attributes;
  char **unlocked = NULL;
  g_auto(GStrv) locked = NULL;

  g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&attributes, "{ss}", "xdg:schema", schema);
  g_variant_builder_add (&attributes, "{ss}", "email", email);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "SearchItems",
                                       g_variant_new ("(a{ss})", &attributes),
                                       G_VARIANT_TYPE ("(aoao)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(^ao^ao)", &unlocked, &locked);
  return unlocked;
}

/* An account item's secret, as another program reads it, parsed. */
static JsonObject *
tool_lookup_details (const char *email)
{
  const char *argv[] = { "secret-tool", "lookup", "xdg:schema", CD_STORE_ACCOUNT_SCHEMA_NAME,
                         "email", email, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (test_run_tool (argv, NULL, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* An item written by another program: @attributes are name, value, ..., NULL. */
static void
tool_store (const char *schema,
            const char *secret,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *text;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "secret-tool");
  g_ptr_array_add (argv, (gpointer) "store");
  g_ptr_array_add (argv, (gpointer) "--label=Another program");
  g_ptr_array_add (argv, (gpointer) "xdg:schema");
  g_ptr_array_add (argv, (gpointer) schema);
  va_start (args, secret);
  while ((text = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) text);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_cmpint (test_run_tool ((const char * const *) argv->pdata, secret, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* What a save writes is read back paired by the path its details name: the token item's,
 * with what its attributes say. */
static void
test_paired_by_path (void)
{
  const char *email = "paired@example.com";
  g_autoptr(CdAccount) saved = test_make_account (SERVER_PROD, email, test_in_days (100));
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_auto(GStrv) tokens = NULL;

  test_store_reset ();
  test_store_save (saved);

  tokens = search_paths (CD_STORE_TOKEN_SCHEMA_NAME, email);
  g_assert_cmpuint (g_strv_length (tokens), ==, 1);
  g_assert_cmpuint (test_tool_search (CD_STORE_TOKEN_SCHEMA_NAME, email, &attributes, NULL), ==, 1);
  details = tool_lookup_details (email);
  g_assert_cmpstr (json_object_get_string_member (details, "token_item"), ==, tokens[0]);
  g_assert_cmpstr (json_object_get_string_member (details, "server"), ==, SERVER_PROD);
  g_assert_cmpstr (json_object_get_string_member (details, "signed_in"), ==,
                   g_hash_table_lookup (attributes, "signed-in"));
  g_assert_cmpstr (json_object_get_string_member (details, "expires"), ==,
                   g_hash_table_lookup (attributes, "expires"));
  g_assert_cmpstr (json_object_get_string_member (details, "email"), ==, email);

  found = test_store_lookup (SERVER_PROD, NULL);
  g_assert_cmpstr (cd_account_get_email (found), ==, email);
  g_assert_cmpstr (cd_account_get_token (found), ==, cd_account_get_token (saved));
  g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
  test_assert_same_date (cd_account_get_token_expires_at (found),
                         cd_account_get_token_expires_at (saved));
}

/* Outgoing calls to the Secret Service, by what they ask. With pause_at_secrets, the
 * Secret Service's process is stopped as the first GetSecrets goes out: nothing is
 * answered until the test lets it go on. */
typedef struct
{
  int item_properties;
  int searches;
  int get_secrets;
  int sessions;
  gboolean pause_at_secrets;
} Calls;

/* Filters run in GDBus's own thread. */
static GDBusMessage *
count_filter (GDBusConnection *connection,
              GDBusMessage    *message,
              gboolean         incoming,
              gpointer         user_data)
{
  Calls *calls = user_data;
  const char *member = g_dbus_message_get_member (message);
  GVariant *body = g_dbus_message_get_body (message);

  if (incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;
  if (g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.DBus.Properties") == 0 &&
      body != NULL && g_variant_n_children (body) > 0)
    {
      g_autoptr(GVariant) interface = g_variant_get_child_value (body, 0);

      if (g_variant_is_of_type (interface, G_VARIANT_TYPE_STRING) &&
          g_str_equal (g_variant_get_string (interface, NULL), "org.freedesktop.Secret.Item"))
        g_atomic_int_inc (&calls->item_properties);
    }
  else if (g_strcmp0 (member, "SearchItems") == 0)
    g_atomic_int_inc (&calls->searches);
  else if (g_strcmp0 (member, "OpenSession") == 0)
    g_atomic_int_inc (&calls->sessions);
  else if (g_strcmp0 (member, "GetSecrets") == 0)
    {
      if (g_atomic_int_add (&calls->get_secrets, 1) == 0 && calls->pause_at_secrets)
        test_keyring_set_paused (TRUE);
    }
  return message;
}

/* The calls of a list of every stored sign-in, which must all be there with their
 * details. With @pause_at_secrets, the list's GetSecrets calls must all go out while the
 * first waits for its answer (GDBus sends what is asked at once, stopped or not). */
static Calls
count_list_calls (guint    expected,
                  gboolean pause_at_secrets,
                  int      get_secrets)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  Calls calls = { .pause_at_secrets = pause_at_secrets };
  guint filter = g_dbus_connection_add_filter (bus, count_filter, &calls, NULL);

  cd_store_list_async (NULL, NULL, test_store_result, &result);
  if (pause_at_secrets)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

      /* The keyring goes on before any failure: stopped, it would hold up the session's
       * end. */
      while (g_atomic_int_get (&calls.get_secrets) < get_secrets && g_get_monotonic_time () < deadline)
        test_wait_iterate (G_MAXINT64, "the list's GetSecrets calls");
      test_keyring_set_paused (FALSE);
      g_assert_cmpint (g_atomic_int_get (&calls.get_secrets), ==, get_secrets);
    }
  accounts = cd_store_list_finish (test_wait_for_result (&result, 10), &error);
  g_dbus_connection_remove_filter (bus, filter);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, expected);
  g_assert_cmpint (calls.get_secrets, ==, get_secrets);
  return calls;
}

/* However many sign-ins are stored, a list makes the same calls: two searches and a
 * GetSecrets for each schema's items, both sent before either is answered, in the one
 * session a process opens; and reads no item's properties: only an item no details name
 * has its properties read. */
static void
test_list_calls (void)
{
  const guint count = 8;
  g_autoptr(GPtrArray) listed = NULL;
  Calls calls;

  test_store_reset ();
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *email = g_strdup_printf ("cashier%u@example.com", i);
      g_autoptr(CdAccount) account = test_make_account (SERVER_PROD, email, test_in_days (100 + i));

      test_store_save (account);
    }

  /* As a new process would: no session open yet. */
  secret_service_disconnect ();
  calls = count_list_calls (count, TRUE, 2);
  g_assert_cmpint (calls.item_properties, ==, 0);
  g_assert_cmpint (calls.searches, ==, 2);
  g_assert_cmpint (calls.sessions, ==, 1);
  listed = test_store_list (SERVER_PROD);
  for (guint i = 0; i < listed->len; i++)
    {
      CdAccount *account = g_ptr_array_index (listed, i);
      g_autofree char *email = g_strdup_printf ("cashier%u@example.com", count - 1 - i);

      g_assert_cmpstr (cd_account_get_email (account), ==, email);
      g_assert_cmpstr (cd_account_get_full_name (account), ==, FULL_NAME);
    }

  /* A token item of another program: its own properties, and no other item's. */
  test_tool_store_token (SERVER_PROD, "pos@example.com", NULL, "Bearer not-a-jwt");
  calls = count_list_calls (count + 1, FALSE, 2);
  g_assert_cmpint (calls.item_properties, ==, 1);
  g_assert_cmpint (calls.searches, ==, 2);
}

/* Items that no details name (a token item of another program, an account item of a
 * version that wrote no token_item) are paired by their attributes, as before, and
 * take their place in the one order among the sign-ins paired by path. */
static void
test_fallback (void)
{
  g_autoptr(CdAccount) ours = test_make_account (SERVER_PROD, "new@example.com", test_in_days (100));
  g_autoptr(GPtrArray) accounts = NULL;
  const char *signed_in = "2099-01-01T00:00:00.000001Z";

  test_store_reset ();
  test_store_save (ours);
  tool_store (CD_STORE_TOKEN_SCHEMA_NAME, "Bearer old-format",
              "email", "old@example.com", "server", SERVER_PROD, "signed-in", signed_in, NULL);
  tool_store (CD_STORE_ACCOUNT_SCHEMA_NAME,
              "{\"email\": \"old@example.com\", \"full_name\": \"Old Format\"}",
              "email", "old@example.com", "server", SERVER_PROD, "signed-in", signed_in, NULL);
  /* Without a signed-in time, ordered by the keyring's times in whole seconds. */
  test_wait_next_second ();
  test_tool_store_token (SERVER_PROD, "pos@example.com", NULL, "Bearer not-a-jwt");

  accounts = test_store_list (NULL);
  test_assert_emails (accounts, "old@example.com", "pos@example.com", "new@example.com", NULL);
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (accounts, 0)), ==, "Bearer old-format");
  g_assert_cmpstr (cd_account_get_full_name (g_ptr_array_index (accounts, 0)), ==, "Old Format");
  g_assert_true (cd_account_get_details_known (g_ptr_array_index (accounts, 0)));
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (accounts, 1)), ==, "Bearer not-a-jwt");
  g_assert_false (cd_account_get_details_known (g_ptr_array_index (accounts, 1)));
  g_assert_cmpstr (cd_account_get_full_name (g_ptr_array_index (accounts, 2)), ==, FULL_NAME);
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (accounts, 2)), ==,
                   cd_account_get_token (ours));
}

/* An account item of another program, whose details name the token item of another
 * email, does not give that token its details or its email. */
static void
test_planted_details (void)
{
  const char *email = "victim@example.com";
  g_autoptr(CdAccount) saved = test_make_account (SERVER_PROD, email, test_in_days (100));
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(CdAccount) found = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *planted = NULL;
  g_auto(GStrv) tokens = NULL;

  test_store_reset ();
  test_store_save (saved);
  tokens = search_paths (CD_STORE_TOKEN_SCHEMA_NAME, email);
  g_assert_cmpuint (g_strv_length (tokens), ==, 1);
  g_assert_cmpuint (test_tool_search (CD_STORE_TOKEN_SCHEMA_NAME, email, &attributes, NULL), ==, 1);
  planted = g_strdup_printf ("{\"email\": \"mallory@example.com\", \"full_name\": \"Planted\", "
                             "\"token_item\": \"%s\", \"server\": \"%s\", \"signed_in\": \"%s\"}",
                             tokens[0], SERVER_PROD,
                             (const char *) g_hash_table_lookup (attributes, "signed-in"));
  tool_store (CD_STORE_ACCOUNT_SCHEMA_NAME, planted, "email", "mallory@example.com",
              "server", SERVER_PROD, NULL);

  accounts = test_store_list (NULL);
  test_assert_emails (accounts, email, NULL);
  g_assert_cmpstr (cd_account_get_full_name (g_ptr_array_index (accounts, 0)), ==, FULL_NAME);
  g_clear_pointer (&accounts, g_ptr_array_unref);
  accounts = test_store_list (SERVER_PROD);
  test_assert_emails (accounts, email, NULL);
  g_assert_cmpstr (cd_account_get_full_name (g_ptr_array_index (accounts, 0)), ==, FULL_NAME);

  found = test_store_lookup (SERVER_PROD, NULL);
  g_assert_cmpstr (cd_account_get_email (found), ==, email);
  g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
  g_clear_object (&found);
  found = test_store_lookup (SERVER_PROD, email);
  g_assert_cmpstr (cd_account_get_full_name (found), ==, FULL_NAME);
  test_assert_not_found (SERVER_PROD, "mallory@example.com", "mallory@example.com");
}

/* Details name a token item by its path, and a keyring may give a path again once its
 * item is gone (after a restart): details left by a sign-out cut short must not
 * describe the token another program writes there. They carry the hash of the token
 * they were written for, and one that differs pairs nothing. */
static void
test_path_given_again (void)
{
  const char *email = "pos@example.com";
  const char *signed_in = "2026-01-01T00:00:00.000001Z";
  g_autofree char *earlier_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                 "Bearer earlier-token", -1);
  g_autofree char *stale = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_auto(GStrv) tokens = NULL;
  Calls calls;

  test_store_reset ();
  test_tool_store_token (SERVER_PROD, email, NULL, "Bearer not-a-jwt");
  tokens = search_paths (CD_STORE_TOKEN_SCHEMA_NAME, email);
  g_assert_cmpuint (g_strv_length (tokens), ==, 1);
  stale = g_strdup_printf ("{\"email\": \"%s\", \"full_name\": \"Stale Details\", "
                           "\"token_item\": \"%s\", \"token_sha256\": \"%s\", "
                           "\"server\": \"%s\", \"signed_in\": \"%s\"}",
                           email, tokens[0], earlier_hash, SERVER_PROD, signed_in);
  tool_store (CD_STORE_ACCOUNT_SCHEMA_NAME, stale, "email", email, "server", SERVER_PROD,
              "signed-in", signed_in, NULL);

  calls = count_list_calls (1, FALSE, 2);
  /* Paired by attributes: both items' properties are read. */
  g_assert_cmpint (calls.item_properties, ==, 2);
  accounts = test_store_list (NULL);
  g_assert_cmpstr (cd_account_get_token (g_ptr_array_index (accounts, 0)), ==, "Bearer not-a-jwt");
  g_assert_false (cd_account_get_details_known (g_ptr_array_index (accounts, 0)));
  g_assert_cmpstr (cd_account_get_full_name (g_ptr_array_index (accounts, 0)), !=, "Stale Details");
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
  g_test_add_func ("/store/list/cut-sign-in", test_list_cut_sign_in);
  g_test_add_func ("/store/list/half-written-token", test_half_written_token);
  g_test_add_func ("/store/paired-by-path", test_paired_by_path);
  g_test_add_func ("/store/list/calls", test_list_calls);
  g_test_add_func ("/store/path-given-again", test_path_given_again);
  g_test_add_func ("/store/fallback", test_fallback);
  g_test_add_func ("/store/planted-details", test_planted_details);
  return g_test_run ();
}
