/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-cli-status.c: cashdesk-token status (src/cli/cd-token-status.c): the stored
 * sign-ins for people and as JSON, and --expiring and --token-expiring with their
 * exit 7, as a monitoring script reads them. */
#include <string.h>

#include "test-cli-util.h"
#include "test-util.h"

static void
test_status_empty (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(CliRun) run = { 0 };

  cli_forget_all ();
  cli_run (&run, NULL, "status", NULL);
  cli_assert_success (&run);
  g_assert_cmpstr (run.out, ==, "No stored sign-ins.\n");
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", "--json", NULL);
  cli_assert_success (&run);
  g_assert_cmpstr (run.out, ==, "[]\n");
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", "--expiring", "30", NULL);
  cli_assert_success (&run);
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", "--json", "--expiring", "30", NULL);
  cli_assert_success (&run);
  root = cli_parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
}

static JsonObject *
find_entry (JsonArray  *entries,
            const char *email)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "email", NULL),
                     email) == 0)
        return entry;
    }
  g_error ("status --json does not list %s", email);
  return NULL;
}

static void
test_status_lists (void)
{
  const char *emails[] = {
    "cashier@demo.test", "expired-token@demo.test", "no-signature@demo.test"
  };
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(CliRun) run = { 0 };
  JsonArray *entries;
  JsonObject *entry;

  cli_forget_all ();
  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    cli_sign_in (emails[i], "demo");

  cli_run (&run, NULL, "status", "--json", NULL);
  cli_assert_success (&run);
  g_assert_null (strstr (run.out, "Bearer"));
  root = cli_parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (emails));

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      entry = json_node_get_object (node);
      g_assert_cmpuint (json_object_get_size (entry), ==, 6);
      cli_assert_text (entry, "email");
      cli_assert_text (entry, "server");
      g_assert_cmpstr (json_object_get_string_member (entry, "server"), ==, cli_demo_url ());
      cli_assert_text_or_null (entry, "full_name");
      cli_assert_matches_or_null (entry, "token_expires_at", CLI_ISO_DATETIME);
      cli_assert_boolean (entry, "token_valid");
      cli_assert_certificate_shape (entry);
    }

  entry = find_entry (entries, "cashier@demo.test");
  g_assert_true (json_object_get_boolean_member (entry, "token_valid"));
  g_assert_cmpstr (json_object_get_string_member (entry, "full_name"), ==,
                   "Іваненко Марія Петрівна");
  g_assert_cmpstr (cli_certificate_state (json_object_get_object_member (entry, "certificate")),
                   ==, "valid");
  entry = find_entry (entries, "expired-token@demo.test");
  g_assert_false (json_object_get_boolean_member (entry, "token_valid"));
  entry = find_entry (entries, "no-signature@demo.test");
  g_assert_cmpstr (cli_certificate_state (json_object_get_object_member (entry, "certificate")),
                   ==, "unknown");
  cli_run_clear (&run);

  /* For people: one line per sign-in, no tokens. */
  cli_run (&run, NULL, "status", NULL);
  cli_assert_success (&run);
  g_assert_null (strstr (run.out, "Bearer"));
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (emails) + 1);
  g_assert_cmpstr (lines[G_N_ELEMENTS (emails)], ==, "");
  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      gboolean listed = FALSE;

      for (gsize j = 0; j < G_N_ELEMENTS (emails); j++)
        listed |= strstr (lines[j], emails[i]) != NULL && strstr (lines[j], cli_demo_url ()) != NULL;
      g_assert_true (listed);
    }
}

static void
test_status_expiring (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(CliRun) run = { 0 };
  JsonArray *entries;

  cli_forget_all ();
  cli_sign_in ("cashier@demo.test", "demo");
  cli_sign_in ("no-signature@demo.test", "demo");

  /* 200 days left, and unknown: nothing within 30 days. */
  cli_run (&run, NULL, "status", "--expiring", "30", NULL);
  cli_assert_success (&run);
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  cli_run_clear (&run);

  cli_sign_in ("expiring@demo.test", "demo");
  cli_run (&run, NULL, "status", "--expiring", "30", NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "expiring@demo.test"));
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  g_assert_null (strstr (run.out, "no-signature@demo.test"));
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", "--expiring", "30", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  root = cli_parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                  "email"), ==, "expiring@demo.test");
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* 10 days left is not within 9, nor 5. */
  cli_run (&run, NULL, "status", "--expiring", "9", NULL);
  cli_assert_success (&run);
  cli_run_clear (&run);
  cli_run (&run, NULL, "status", "--expiring", "10", NULL);
  g_assert_cmpint (run.status, ==, 7);
  cli_run_clear (&run);

  /* An expired certificate is within any number of days. */
  cli_sign_in ("expired@demo.test", "demo");
  cli_run (&run, NULL, "status", "--expiring", "0", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  root = cli_parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                  "email"), ==, "expired@demo.test");
}

/* --token-expiring: the tokens the shop's programs are about to lose, alone and with
 * --expiring (either), with the same exit 7. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
status_emails (CliRun *run)
{
  g_autoptr(JsonNode) root = cli_parse_json (run->out);
  JsonArray *entries = json_node_get_array (root);
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (entries); i++)
    g_ptr_array_add (emails, (gpointer) json_object_get_string_member (json_array_get_object_element (entries, i),
                                                                       "email"));
  g_ptr_array_sort (emails, compare_strings);
  g_ptr_array_add (emails, NULL);
  return g_strjoinv (" ", (char **) emails->pdata);
}

static void
test_status_token_expiring (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *emails = NULL;

  cli_forget_all ();
  cli_sign_in ("cashier@demo.test", "demo");
  cli_sign_in ("int-shift@demo.test", "demo");

  /* A year left, and a token that is no JWT and has no readable expiry: none. */
  cli_run (&run, NULL, "status", "--token-expiring", "14", NULL);
  cli_assert_success (&run);
  g_assert_nonnull (strstr (run.out, "No stored token expires within 14 days."));
  cli_run_clear (&run);

  /* Five days left: within 14 and 5, not within 4. */
  cli_sign_in ("token-expiring@demo.test", "demo");
  cli_run (&run, NULL, "status", "--token-expiring", "14", NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "token-expiring@demo.test"));
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  cli_run_clear (&run);
  cli_run (&run, NULL, "status", "--token-expiring", "5", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  emails = status_emails (&run);
  g_assert_cmpstr (emails, ==, "token-expiring@demo.test");
  g_clear_pointer (&emails, g_free);
  cli_run_clear (&run);
  cli_run (&run, NULL, "status", "--token-expiring", "4", "--json", NULL);
  cli_assert_success (&run);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  cli_run_clear (&run);

  /* An expired token is within any number of days. */
  cli_sign_in ("expired-token@demo.test", "demo");
  cli_run (&run, NULL, "status", "--token-expiring", "0", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  emails = status_emails (&run);
  g_assert_cmpstr (emails, ==, "expired-token@demo.test");
  g_clear_pointer (&emails, g_free);
  cli_run_clear (&run);

  /* With --expiring: those due either way, once each. */
  cli_sign_in ("expiring@demo.test", "demo");
  cli_run (&run, NULL, "status", "--expiring", "14", "--token-expiring", "14", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  emails = status_emails (&run);
  g_assert_cmpstr (emails, ==, "expired-token@demo.test expiring@demo.test token-expiring@demo.test");
  g_clear_pointer (&emails, g_free);
  cli_run_clear (&run);

  cli_run (&run, NULL, "status", "--expiring", "5", "--token-expiring", "1", NULL);
  g_assert_cmpint (run.status, ==, 7);
  /* The expired token alone: 10 days are not within 5, nor 5 days within 1. */
  g_assert_true (g_str_has_prefix (run.out, "expired-token@demo.test on "));
  g_assert_cmpint (strchr (run.out, '\n') - run.out, ==, strlen (run.out) - 1);
  cli_run_clear (&run);

  /* Nothing due either way: exit 0, and says so. */
  cli_run (&run, NULL, "sign-out", "--email", "expired-token@demo.test", NULL);
  cli_assert_success (&run);
  cli_run_clear (&run);
  cli_run (&run, NULL, "status", "--expiring", "5", "--token-expiring", "1", NULL);
  cli_assert_success (&run);
  g_assert_nonnull (strstr (run.out, "No stored certificate or token expires within the days given."));
  cli_run_clear (&run);

  /* Bad days: exit 1, naming the option. */
  cli_run (&run, NULL, "status", "--token-expiring", "soon", NULL);
  cli_assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--token-expiring"));
  cli_run_clear (&run);
  cli_run (&run, NULL, "status", "--expiring", "3", "--token-expiring", "-1", NULL);
  cli_assert_failure (&run, 1);
  g_assert_nonnull (strstr (run.err, "--token-expiring"));
}

/* The back office's five: every state at once, as a monitoring script sees it. */
static void
test_status_five (void)
{
  static const struct {
    const char *email;
    const char *full_name;
    const char *state;
    int         days_left;    /* G_MININT: unknown */
    gboolean    token_valid;
  } five[] = {
    { "cashier@demo.test", "Іваненко Марія Петрівна", "valid", 200, TRUE },
    { "expiring@demo.test", "Шевченко Олена Василівна", "expiring", 10, TRUE },
    { "expired@demo.test", "Бондаренко Ігор Миколайович", "expired", -20, TRUE },
    { "no-signature@demo.test", "Ткаченко Наталія Олександрівна", "unknown", G_MININT, TRUE },
    { "expired-token@demo.test", "Кравченко Юрій Павлович", "valid", 200, FALSE },
  };
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(CliRun) run = { 0 };
  JsonArray *entries;
  JsonObject *entry;

  cli_forget_all ();
  for (gsize i = 0; i < G_N_ELEMENTS (five); i++)
    cli_sign_in (five[i].email, "demo");

  cli_run (&run, NULL, "status", "--json", NULL);
  cli_assert_success (&run);
  root = cli_parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (five));
  for (gsize i = 0; i < G_N_ELEMENTS (five); i++)
    {
      JsonObject *certificate;
      JsonNode *days_left;

      entry = find_entry (entries, five[i].email);
      certificate = cli_assert_certificate_shape (entry);
      days_left = cli_member (certificate, "days_left");

      g_assert_cmpstr (json_object_get_string_member (entry, "full_name"), ==, five[i].full_name);
      g_assert_cmpint (json_object_get_boolean_member (entry, "token_valid"), ==, five[i].token_valid);
      g_assert_cmpstr (cli_certificate_state (certificate), ==, five[i].state);
      if (five[i].days_left == G_MININT)
        g_assert_true (JSON_NODE_HOLDS_NULL (days_left));
      else
        g_assert_cmpint (json_node_get_int (days_left), ==, five[i].days_left);
    }
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* The reminder's 14 days: the expired and the expiring one, and exit 7. */
  cli_run (&run, NULL, "status", "--expiring", "14", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_cmpstr (run.err, ==, "");
  root = cli_parse_json (run.out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  entry = find_entry (entries, "expired@demo.test");
  g_assert_cmpstr (cli_certificate_state (cli_assert_certificate_shape (entry)), ==, "expired");
  entry = find_entry (entries, "expiring@demo.test");
  g_assert_cmpstr (cli_certificate_state (cli_assert_certificate_shape (entry)), ==, "expiring");
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* For people: one line each, nothing else. */
  cli_run (&run, NULL, "status", "--expiring", "14", NULL);
  g_assert_cmpint (run.status, ==, 7);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_null (strstr (run.out, "cashier@demo.test"));
  g_assert_null (strstr (run.out, "Bearer"));
  cli_run_clear (&run);

  /* Every known expiry is within 200 days; an unknown one never is. */
  cli_run (&run, NULL, "status", "--expiring", "200", "--json", NULL);
  g_assert_cmpint (run.status, ==, 7);
  root = cli_parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
  g_clear_pointer (&root, json_node_unref);
  cli_run_clear (&run);

  /* Once the two are renewed (forgotten here), nothing is due: exit 0. */
  cli_run (&run, NULL, "sign-out", "--email", "expired@demo.test", NULL);
  cli_assert_success (&run);
  cli_run_clear (&run);
  cli_run (&run, NULL, "sign-out", "--email", "expiring@demo.test", NULL);
  cli_assert_success (&run);
  cli_run_clear (&run);
  cli_run (&run, NULL, "status", "--expiring", "14", NULL);
  cli_assert_success (&run);
  g_assert_cmpstr (run.out, ==, "No stored certificate expires within 14 days.\n");
  cli_run_clear (&run);
  cli_run (&run, NULL, "status", "--expiring", "14", "--json", NULL);
  cli_assert_success (&run);
  g_assert_cmpstr (run.out, ==, "[]\n");
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, TRUE);
  g_test_add_func ("/cli/status/empty", test_status_empty);
  g_test_add_func ("/cli/status/lists", test_status_lists);
  g_test_add_func ("/cli/status/expiring", test_status_expiring);
  g_test_add_func ("/cli/status/token-expiring", test_status_token_expiring);
  g_test_add_func ("/cli/status/five", test_status_five);
  return cli_test_run ();
}
