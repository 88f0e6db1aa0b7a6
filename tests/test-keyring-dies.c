/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-keyring-dies.c: the session's real gnome-keyring-daemon killed in the middle of a
 * save, a load and a sign-out, under cashdesk-token and under the window. Whatever the
 * moment: nothing hangs, the message says what happened, nothing half-written is read
 * (readers see the old sign-in or the new one, never a token with another sign-in's
 * details), and once a keyring is back the same program goes on (Try Again, Sign Out
 * again) without being restarted. Run through build-aux/test-session --display.
 *
 * Inside this process the daemon is killed before the chosen call leaves (a filter on
 * the process's own bus connection), so the point is exact. Under cashdesk-token a bus
 * monitor sees the call as the daemon does, so the daemon may have carried that one
 * call out: every point is chosen with a later call after it that must fail, and what
 * is read back is checked for both outcomes. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "cd-store.h"
#include "test-keyring.h"
#include "test-store-util.h"
#include "test-window-util.h"

#define CASHIER "cashier@demo.test"
#define QUIT_MESSAGE "The keyring (the Secret Service) quit before it was done."
#define RUN_SECONDS 60

static CdApplication *app;
static CdDemoServer *demo;
static char *token_program;

/* Runs cashdesk-token against the demo server, with @input on its standard input. */
static void
run_token (CliRun            *run,
           const char        *input,
           const char *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = test_launcher_new (input != NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  g_subprocess_launcher_setenv (launcher, "CASHDESK_API_URL", cd_demo_server_get_url (demo), TRUE);
  /* As people run it: a CRITICAL must show as text, not as a crash. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_strv_builder_add (builder, token_program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  test_run_finish (process, input, RUN_SECONDS, run);
}

/* The contract's error: one line, "cashdesk-token: [@context]MESSAGE", exit 6 for the
 * keyring. */
static void
assert_keyring_quit (const CliRun *run,
                     const char   *context)
{
  g_autofree char *expected = g_strconcat ("cashdesk-token: ", context, QUIT_MESSAGE "\n", NULL);

  g_test_message ("exit %d, stderr: %s", run->status, run->err);
  g_assert_cmpint (run->status, ==, 6);
  g_assert_cmpstr (run->err, ==, expected);
}

static void
sign_in_cli (void)
{
  g_auto(CliRun) run = { 0 };

  run_token (&run, CD_DEMO_PASSWORD "\n", (const char *const[]) { "sign-in", "--email", CASHIER, NULL });
  g_assert_cmpint (run.status, ==, 0);
}

/* The token `cashdesk-token get` prints for the cashier; NULL when none is stored. */
static char *
get_token (void)
{
  g_auto(CliRun) run = { 0 };

  run_token (&run, NULL, (const char *const[]) { "get", "--email", CASHIER, NULL });
  if (run.status != 0)
    {
      g_assert_cmpint (run.status, ==, 3);
      return NULL;
    }
  g_assert_cmpstr (run.err, ==, "");
  return g_strchomp (g_steal_pointer (&run.out));
}

/* How many sign-ins `status --json` printed (@json) are the cashier's. */
static guint
status_count_cashier (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *sign_ins;
  guint count = 0;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  sign_ins = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (sign_ins); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (sign_ins, i),
                                                  "email"), CASHIER) == 0)
      count++;
  return count;
}

/* What readers may see after a cut: the token item and the account item agree. Reads
 * from other processes: the account item alone is never shown as signed in, and the
 * cashier is listed once, by the token `get` prints, even when a save cut short left
 * an older token item beside the new one (docs/contract.md, "Reading rules"). */
static void
assert_readers_agree (void)
{
  g_autofree char *token = get_token ();
  g_auto(CliRun) status = { 0 };

  run_token (&status, NULL, (const char *const[]) { "status", "--json", NULL });
  g_assert_cmpint (status.status, ==, 0);
  g_test_message ("token: %s, status: %s", token ? token : "(none)", status.out);
  g_assert_cmpuint (status_count_cashier (status.out), ==, token != NULL ? 1 : 0);
  g_assert_cmpuint (test_tool_count (TEST_TOKEN_SCHEMA, CASHIER), <=, 2);
}

/* Runs cashdesk-token @args (after @prepare) while the daemon is killed at the call
 * @member (of @schema). The monitor sees the call as the daemon does, so on a loaded
 * machine the command may finish its last calls before the kill lands: such a run cut
 * nothing, and is tried again on a keyring started again (a few times at most). What
 * comes back is a run the kill cut short. */
static void
run_token_cut (CliRun            *run,
               void             (*prepare) (void),
               const char        *input,
               const char *const *args,
               const char        *member,
               const char        *schema)
{
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(TestKeyringKiller) killer = NULL;

      if (prepare != NULL)
        prepare ();
      killer = test_keyring_kill_at (member, schema, TRUE);
      run_token (run, input, args);
      /* The command made that call: the kill comes, if late. */
      TEST_WAIT_UNTIL (test_keyring_killer_fired (killer), 10);
      if (run->status != 0)
        return;
      g_test_message ("cashdesk-token %s ended before the keyring was killed (attempt %u)",
                      args[0], attempt);
      g_assert_cmpuint (attempt, <, 5);
      cli_run_clear (run);
      test_restart_keyring ();
    }
}

/* The next sign-in puts everything in order: one token item, one account item. */
static void
assert_next_sign_in_tidies (void)
{
  g_autofree char *token = NULL;

  sign_in_cli ();
  token = get_token ();
  g_assert_nonnull (token);
  g_assert_cmpuint (test_tool_count (TEST_TOKEN_SCHEMA, CASHIER), ==, 1);
  g_assert_cmpuint (test_tool_count (TEST_ACCOUNT_SCHEMA, CASHIER), ==, 1);
}

/* A sign-in whose token item is being written: the account item's call comes after it
 * and fails. */
static void
test_cli_save (void)
{
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;
  g_auto(CliRun) run = { 0 };

  sign_in_cli ();
  old = get_token ();
  run_token_cut (&run, NULL, CD_DEMO_PASSWORD "\n",
                 (const char *const[]) { "sign-in", "--email", CASHIER, NULL },
                 "CreateItem", TEST_TOKEN_SCHEMA);
  assert_keyring_quit (&run, "Signed in, but the token was not saved: ");

  test_restart_keyring ();
  assert_readers_agree ();
  now = get_token ();
  g_assert_nonnull (now);
  if (g_strcmp0 (now, old) != 0)
    g_test_message ("the daemon wrote the new token item before it died");
  assert_next_sign_in_tidies ();
}

/* Reading (`status`, `status --json`, `get`): the daemon dies at the first search,
 * with the other search, the secrets' session and the secrets still to come. Nothing
 * is lost. */
static void
test_cli_load (void)
{
  const char *commands[][4] = {
    { "status", NULL },
    { "status", "--json", NULL },
    { "get", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CliRun) run = { 0 };
      g_autofree char *token = NULL;

      g_test_message ("cashdesk-token %s", commands[i][0]);
      run_token_cut (&run, sign_in_cli, NULL, commands[i], "SearchItems", NULL);
      assert_keyring_quit (&run, "");
      g_assert_cmpstr (run.out, ==, "");

      test_restart_keyring ();
      token = get_token ();
      g_assert_nonnull (token);
      assert_readers_agree ();
    }
}

/* `sign-out --email`: the daemon dies at the first deletion; the other deletion comes
 * with it and fails (or, when the command saw both through first, it is tried again;
 * the daemon may also have done both and died before it answered). Readers see the
 * sign-in whole, or a token without details, or nothing: never details without their
 * token. The next sign-out ends the job: it forgets whatever is left, and says there
 * was no sign-in to forget when no token was (details left alone are no sign-in). */
static void
test_cli_sign_out (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) again = { 0 };
  guint n_tokens_left;
  guint n_details_left;

  run_token_cut (&run, sign_in_cli, NULL,
                 (const char *const[]) { "sign-out", "--email", CASHIER, NULL }, "Delete", NULL);
  assert_keyring_quit (&run, "");

  test_restart_keyring ();
  assert_readers_agree ();
  n_tokens_left = test_tool_count (TEST_TOKEN_SCHEMA, CASHIER);
  n_details_left = test_tool_count (TEST_ACCOUNT_SCHEMA, CASHIER);
  g_test_message ("%u token items and %u account items left", n_tokens_left, n_details_left);
  run_token (&again, NULL, (const char *const[]) { "sign-out", "--email", CASHIER, NULL });
  g_assert_cmpint (again.status, ==, n_tokens_left > 0 ? 0 : 3);
  g_assert_cmpuint (test_tool_count (TEST_TOKEN_SCHEMA, CASHIER), ==, 0);
  g_assert_cmpuint (test_tool_count (TEST_ACCOUNT_SCHEMA, CASHIER), ==, 0);
}

static CdWindow *
new_window (void)
{
  CdWindow *window = test_window_new (app, cd_demo_server_get_url (demo), FALSE);

  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && !test_window_on_page (window, "loading"), 20);
  return window;
}

static const char *
label_text (gpointer label)
{
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The window signs in; the daemon dies before the account item is written (the token
 * item is). The page says so, with Try Again; readers see the new token with no
 * details; once a keyring is back, Try Again saves it whole. */
static void
test_window_save (void)
{
  g_autoptr(TestKeyringKiller) killer = NULL;
  g_autofree char *read_back = NULL;
  const char *token;
  CdWindow *window;

  test_forget_all ();
  window = new_window ();
  killer = test_keyring_kill_at ("CreateItem", TEST_ACCOUNT_SCHEMA, FALSE);
  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (test_account_child (window, "not_saved_revealer")), 30);
  g_assert_true (test_keyring_killer_fired (killer));
  g_assert_cmpstr (label_text (test_account_child (window, "not_saved_label")), ==, QUIT_MESSAGE);
  token = cd_account_get_token (cd_account_page_get_account (test_account_page (window)));

  test_restart_keyring ();
  read_back = get_token ();
  g_assert_cmpstr (read_back, ==, token);
  assert_readers_agree ();

  test_click (test_find_action_button (test_account_page (window),
                                       "account.retry-save"));
  TEST_WAIT_UNTIL (!gtk_revealer_get_reveal_child (test_account_child (window, "not_saved_revealer")), 30);
  g_clear_pointer (&read_back, g_free);
  read_back = get_token ();
  g_assert_cmpstr (read_back, ==, token);
  g_assert_cmpuint (test_tool_count (TEST_TOKEN_SCHEMA, CASHIER), ==, 1);
  g_assert_cmpuint (test_tool_count (TEST_ACCOUNT_SCHEMA, CASHIER), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window opens while the daemon dies reading the stored sign-ins: the sign-in page
 * says they could not be read and why, with Try Again, which opens the stored sign-in
 * once a keyring is back. */
static void
test_window_load (void)
{
  g_autoptr(TestKeyringKiller) killer = NULL;
  CdWindow *window;

  sign_in_cli ();
  killer = test_keyring_kill_at ("GetSecrets", NULL, FALSE);
  window = new_window ();
  g_assert_true (test_keyring_killer_fired (killer));
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_cmpstr (label_text (test_sign_in_child (window, "notice_label")), ==,
                   "Stored sign-ins could not be read. " QUIT_MESSAGE);

  test_restart_keyring ();
  test_click (test_sign_in_child (window, "notice_button"));
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  g_assert_cmpstr (label_text (test_account_child (window, "name_label")), ==,
                   "Іваненко Марія Петрівна");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sign Out, confirmed; the daemon dies before the first deletion: the page stays, says
 * why, and nothing was removed; once a keyring is back, Sign Out ends it. */
static void
test_window_sign_out (void)
{
  g_autoptr(TestKeyringKiller) killer = NULL;
  g_autofree char *kept = NULL;
  GtkLabel *toast = NULL;
  GtkWidget *sign_out;
  CdWindow *window;

  sign_in_cli ();
  window = new_window ();
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  sign_out = test_find_action_button (test_account_page (window),
                                      "account.sign-out");

  killer = test_keyring_kill_at ("Delete", NULL, FALSE);
  test_click (sign_out);
  test_answer_dialog ("sign-out");
  TEST_WAIT_UNTIL ((toast = test_find_label_starting (GTK_WIDGET (window), "Cannot remove")) != NULL, 30);
  g_assert_true (test_keyring_killer_fired (killer));
  g_assert_cmpstr (gtk_label_get_text (toast), ==,
                   "Cannot remove the sign-in from the keyring: " QUIT_MESSAGE);
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_true (gtk_widget_is_sensitive (sign_out));

  test_restart_keyring ();
  kept = get_token ();
  g_assert_nonnull (kept);
  g_assert_cmpuint (test_tool_count (TEST_ACCOUNT_SCHEMA, CASHIER), ==, 1);

  test_click (sign_out);
  test_answer_dialog ("sign-out");
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 30);
  g_assert_cmpuint (test_tool_count (TEST_TOKEN_SCHEMA, CASHIER), ==, 0);
  g_assert_cmpuint (test_tool_count (TEST_ACCOUNT_SCHEMA, CASHIER), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Removed from the list of stored sign-ins, and the daemon dies before the first
 * deletion: the row went at once, with Undo offered, and comes back in its place, with
 * why. */
static void
test_window_remove (void)
{
  g_autoptr(TestKeyringKiller) killer = NULL;
  g_auto(CliRun) run = { 0 };
  g_autoptr(CdAccount) first = NULL;
  GListModel *accounts;
  GtkWidget *page;
  GtkLabel *toast = NULL;
  CdWindow *window;

  sign_in_cli ();
  run_token (&run, CD_DEMO_PASSWORD "\n",
             (const char *const[]) { "sign-in", "--email", "expiring@demo.test", NULL });
  g_assert_cmpint (run.status, ==, 0);
  window = new_window ();
  g_assert_true (test_window_on_page (window, "accounts"));
  accounts = cd_window_get_accounts (window);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
  first = g_list_model_get_item (accounts, 0);
  page = test_accounts_page (window);

  killer = test_keyring_kill_at ("Delete", NULL, FALSE);
  g_assert_true (gtk_widget_activate_action (page, "accounts.remove", "(ss)",
                                             cd_account_get_server (first),
                                             cd_account_get_email (first)));
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  g_assert_nonnull (test_find_label_starting (page, "Account removed"));

  TEST_WAIT_UNTIL ((toast = test_find_label_starting (page, "Cannot remove")) != NULL, 30);
  g_assert_true (test_keyring_killer_fired (killer));
  g_assert_cmpstr (gtk_label_get_text (toast), ==,
                   "Cannot remove the sign-in from the keyring: " QUIT_MESSAGE);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
  g_assert_true (g_list_model_get_item (accounts, 0) == (gpointer) first);
  g_object_unref (first);

  test_restart_keyring ();
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_window_init (&argc, &argv);

  if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "gnome-keyring") != 0 ||
      g_getenv ("CD_BUILD_DIR") == NULL)
    {
      g_printerr ("test-keyring-dies needs a session with gnome-keyring: run it with meson test\n");
      return 1;
    }

  /* No other keyring may start in the dead one's place: the bus would start one
   * through the service file, locked, with a prompt nobody answers. The test starts
   * the daemon again itself. */
  test_mask_service ("org.freedesktop.secrets");
  test_mask_service ("org.gnome.keyring.SystemPrompter");
  test_mask_service ("org.gnome.keyring.PrivatePrompter");

  token_program = g_build_filename (g_getenv ("CD_BUILD_DIR"), "src", "cli", "cashdesk-token", NULL);
  g_test_add_func ("/keyring-dies/cli/save", test_cli_save);
  g_test_add_func ("/keyring-dies/cli/load", test_cli_load);
  g_test_add_func ("/keyring-dies/cli/sign-out", test_cli_sign_out);
  g_test_add_func ("/keyring-dies/window/save", test_window_save);
  g_test_add_func ("/keyring-dies/window/load", test_window_load);
  g_test_add_func ("/keyring-dies/window/sign-out", test_window_sign_out);
  g_test_add_func ("/keyring-dies/window/remove", test_window_remove);

  test_window_set_up (&app, &demo, 0, NULL);
  status = g_test_run ();
  test_window_tear_down (&app, &demo, NULL);
  g_free (token_program);
  return status;
}
