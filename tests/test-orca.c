/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-orca.c: the window as a blind cashier meets it, through Debian's Orca: keys
 * pressed through the X server, and what Orca says read from its log. Run in Ukrainian
 * and in English (LANGUAGE); what is expected is the program's own words through
 * gettext, and Orca's through Orca's translations.
 *
 * Each case opens a window of its own; Orca runs for the whole test, as for a person. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cd-secret-buffer.h"
#include "test-orca.h"
#include "test-window-util.h"

#define PASSWORD "Zebra horse"

static CdApplication *app;
static CdDemoServer *demo;

/* A label's words as said: without the mnemonic's underscore. */
static char *
spoken (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (text, *p);
  return g_string_free (text, FALSE);
}

/* Orca's own words, in Orca's translation. */
static const char *
orca_word (const char *context,
           const char *word)
{
  return g_dpgettext2 ("orca", context, word);
}

/* A loopback address where nothing listens: the server is down. */
static char *
unreachable_url (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  close (fd);
  return g_strdup_printf ("http://127.0.0.1:%u/api/v2", ntohs (address.sin_port));
}

/* A window on @url, shown and active, and Orca on its first field: the mark after. */
static CdWindow *
orca_window (const char *url,
             gboolean    with_demo,
             const char *first_said,
             guint      *mark)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CdWindow *window;

  /* A fresh start: no email remembered from an earlier case. */
  g_settings_reset (settings, "last-email");
  window = test_window_new (app, url, with_demo);
  *mark = test_orca_mark ();
  gtk_window_present (GTK_WINDOW (window));
  /* Active too: the first page's focus waits for that (cd_window_focus_page). */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && gtk_window_is_active (GTK_WINDOW (window))
                   && !test_window_on_page (window, "loading"), 20);
  *mark = test_orca_wait_said (*mark, first_said);
  return window;
}

/* Nothing of GTK's type names ("GtkStackPage panel", "GtkImage … push button") was
 * heard since @mark. */
static void
assert_no_type_names (guint mark)
{
  test_orca_assert_not_said (mark, "Gtk");
  test_orca_assert_not_said (mark, "Adw");
}

/* Not a word of PASSWORD since @mark, nor any of its characters on its own (as Orca
 * echoes typed text), nor its length of bullets read out as a selection. */
static void
assert_password_unheard (guint mark)
{
  g_autofree char *said = test_orca_said_since (mark);
  g_auto(GStrv) lines = g_strsplit (said, "\n", -1);

  test_orca_assert_not_said (mark, "Zebra");
  test_orca_assert_not_said (mark, "horse");
  test_orca_assert_not_said (mark, "Zeb");
  for (char **line = lines; *line != NULL; line++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (*line));

      if (g_utf8_strlen (trimmed, -1) == 1 && strstr (PASSWORD, trimmed) != NULL)
        g_error ("Orca said \"%s\", a character of the password; all it said:\n%s", trimmed, said);
    }
}

/* Item 1: after a failure that keeps the password (the server is down), the keyboard
 * is back in the password field and nothing of the password is heard, neither as it
 * was typed nor when the focus comes back to it. Show Password is a check box. */
static void
test_password_unheard (void)
{
  g_autofree char *url = unreachable_url ();
  g_autofree char *email = spoken (_("_Email"));
  g_autofree char *password = spoken (_("_Password"));
  CdWindow *window;
  guint start;
  guint mark;
  guint typed;

  test_forget_all ();
  window = orca_window (url, FALSE, email, &mark);
  start = mark;

  test_orca_type ("cashier@demo.test");
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, password);

  typed = mark;
  test_orca_type (PASSWORD);
  test_orca_key ("Return");
  mark = test_orca_wait_said (mark, _("Cannot reach the server"));
  g_assert_true (test_focus_is_in (window, test_sign_in_child (window, "password_row")));
  g_assert_cmpstr (test_password (window), ==, PASSWORD);
  /* Back in the field, nothing selected: typing goes on from the end. */
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (test_sign_in_child (window, "password_row")), NULL, NULL));

  /* Show Password: a check box, not checked, with no icon's type name before it. */
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, _("Show Password"));
  test_orca_wait_said (mark - 1, orca_word ("checkbox", "not checked"));

  /* And back: the field, still not read out. */
  test_orca_key ("shift+Tab");
  mark = test_orca_wait_said (mark, password);

  assert_password_unheard (typed);
  assert_no_type_names (start);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Items 2 and 11: a wrong password is said once, the heading and the server's words;
 * then a sign-in that works is said ("Signed in: NAME") and the keyboard is on the
 * account page, so that the first Tab stays in it. */
static void
test_sign_in (void)
{
  g_autofree char *email = spoken (_("_Email"));
  g_autofree char *password = spoken (_("_Password"));
  g_autofree char *said = NULL;
  g_autofree char *signed_in = NULL;
  CdWindow *window;
  CdAccount *account;
  guint start;
  guint mark;
  guint refused;
  const char *reason;

  test_forget_all ();
  window = orca_window (cd_demo_server_get_url (demo), FALSE, email, &mark);
  start = mark;

  test_orca_type ("cashier@demo.test");
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, password);
  test_orca_type ("wrong");
  test_orca_key ("Return");

  refused = test_orca_wait_said (mark, _("Sign-in refused"));
  reason = gtk_label_get_label (test_sign_in_child (window, "error_label"));
  said = test_orca_said_since (refused - 1);
  /* "Sign-in refused: <the server's words>", and the heading not again in the words. */
  g_assert_true (g_str_has_prefix (said, _("Sign-in refused")));
  g_assert_nonnull (strstr (said, reason));
  g_assert_null (strstr (reason, _("Sign-in refused")));
  g_assert_null (strstr (said + strlen (_("Sign-in refused")), _("Sign-in refused")));
  g_assert_null (strstr (reason, "CashDesk"));

  test_orca_key ("ctrl+a");
  test_orca_type (CD_DEMO_PASSWORD);
  test_orca_key ("Return");
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  account = cd_account_page_get_account (test_account_page (window));
  signed_in = g_strdup_printf (_("Signed in: %s"), cd_account_get_full_name (account));
  mark = test_orca_wait_said (refused, signed_in);
  g_assert_true (test_focus_is_in (window, test_account_page (window)));

  /* The first Tab: the register's row, not the header's Back button, and no "not
   * selected" after it. */
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, _("Register with an Open Shift"));
  test_orca_assert_not_said (refused, _("Back to Accounts"));
  test_orca_assert_not_said (refused, orca_word ("listitem", "not selected"));
  g_assert_true (test_focus_is_in (window, test_account_page (window)));

  /* Item 9: Sign Out asks, and the question's warning is said with it. */
  gtk_widget_grab_focus (test_find_action_button (test_account_page (window),
                                                  "account.sign-out"));
  test_orca_key ("Return");
  mark = test_orca_wait_said (mark, _("Sign Out?"));
  test_orca_wait_said (mark - 1, _("Other programs on this computer, such as the shop’s POS software, will no longer be able to use this sign-in. Signing in again needs the password."));
  test_orca_key ("Escape");
  TEST_WAIT_UNTIL (test_find_message_dialog () == NULL, 20);

  assert_no_type_names (start);
  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* Items 3 and 4: what is urgent is said on arrival, with who signed in: a certificate
 * that expires soon, and a sign-in that ends in 5 days. */
static void
test_urgent (void)
{
  const char *emails[] = { "expiring@demo.test", "token-expiring@demo.test" };
  const char *banners[] = { "cert_banner_title", "token_banner_title" };
  g_autofree char *email = spoken (_("_Email"));
  g_autofree char *password = spoken (_("_Password"));

  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autofree char *signed_in = NULL;
      g_autofree char *said = NULL;
      CdWindow *window;
      CdAccount *account;
      const char *banner;
      guint mark;
      guint arrived;

      test_forget_all ();
      window = orca_window (cd_demo_server_get_url (demo), FALSE, email, &mark);
      test_orca_type (emails[i]);
      test_orca_key ("Tab");
      mark = test_orca_wait_said (mark, password);
      test_orca_type (CD_DEMO_PASSWORD);
      test_orca_key ("Return");
      TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);

      account = cd_account_page_get_account (test_account_page (window));
      signed_in = g_strdup_printf (_("Signed in: %s"), cd_account_get_full_name (account));
      banner = gtk_label_get_label (test_account_child (window, banners[i]));
      g_assert_cmpstr (banner, !=, "");
      arrived = test_orca_wait_said (mark, signed_in);
      /* The banner's words come with the arrival, before anything is pressed. */
      test_orca_wait_said (arrived - 1, banner);
      said = test_orca_said_since (arrived - 1);
      g_test_message ("on arrival: %s", said);

      gtk_window_destroy (GTK_WINDOW (window));
    }
  test_forget_all ();
}

static gboolean
search_is_empty (CdWindow *window)
{
  return *gtk_editable_get_text (test_accounts_child (window, "search_entry")) == '\0';
}

/* Items 6, 7 and 10: the list by keyboard. The page and the list have names; a search
 * says how many match, or that none does; Down goes to the first match and Escape
 * empties the search; rows say what their dates are; a removal is said, with how to
 * undo it. */
static void
test_list (void)
{
  g_autofree char *matches = NULL;
  g_autofree char *none = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *add = spoken (_("_Add Account"));
  g_autofree char *page = NULL;
  g_autoptr(CdAccount) first = NULL;
  CdWindow *window;
  guint opened;
  guint start;
  guint mark;

  test_forget_all ();
  test_store (demo, "cashier@demo.test");
  test_store (demo, "expiring@demo.test");
  test_store (demo, "no-shift@demo.test");
  page = g_strconcat ("^", g_dpgettext2 (GETTEXT_PACKAGE, "page", "Accounts"), " ", NULL);
  opened = test_orca_mark ();
  window = orca_window (cd_demo_server_get_url (demo), FALSE, _("Search Accounts"), &mark);
  start = mark;
  g_assert_true (test_window_on_page (window, "accounts"));
  /* The page by its own name ("Accounts panel"), on the way to the search. */
  test_orca_wait_said (opened, page);

  test_orca_type ("cashier");
  matches = g_strdup_printf (ngettext ("%u account matches. Down goes to the list.",
                                       "%u accounts match. Down goes to the list.", 1), 1);
  mark = test_orca_wait_said (mark, matches);

  /* Down: the one match, its certificate said with what the date is. */
  test_orca_key ("Down");
  mark = test_orca_wait_said (mark, "Іваненко Марія Петрівна");
  certificate = spoken (_("E-signature:"));
  test_orca_wait_said (mark - 1, certificate);
  g_assert_true (test_focus_is_in (window, test_accounts_child (window, "list_view")));

  /* Back to the search and Escape: empty, every account back. */
  test_orca_key ("ctrl+f");
  mark = test_orca_wait_said (mark, _("Search Accounts"));
  test_orca_key ("Escape");
  TEST_WAIT_UNTIL (search_is_empty (window), 20);

  /* No match: said so. */
  test_orca_type ("zzz");
  none = g_strdup_printf (_("No account matches “%s”."), "zzz");
  mark = test_orca_wait_said (mark, none);
  test_orca_key ("Escape");
  TEST_WAIT_UNTIL (search_is_empty (window), 20);

  /* Remove the first row, from its button: said, with how to bring it back. */
  first = g_list_model_get_item (cd_window_get_accounts (window), 0);
  removed = g_strdup_printf (_("Removed %s. Ctrl+Z brings it back."), cd_account_get_title (first));
  test_orca_key ("Down");
  mark = test_orca_wait_said (mark, cd_account_get_title (first));
  test_orca_key ("Tab");
  remove = g_strdup_printf (_("Remove %s"), cd_account_get_title (first));
  mark = test_orca_wait_said (mark, remove);
  /* Tab leaves the list from there, and Shift+Tab comes back to the button. */
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, add);
  test_orca_key ("shift+Tab");
  mark = test_orca_wait_said (mark, remove);
  test_orca_key ("Return");
  TEST_WAIT_UNTIL (g_list_model_get_n_items (cd_window_get_accounts (window)) == 2, 20);
  mark = test_orca_wait_said (mark, removed);

  assert_no_type_names (start);
  /* Rows that cannot be selected are not called "not selected". */
  test_orca_assert_not_said (start, orca_word ("listitem", "not selected"));
  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* Items 5, 8 and 12: the menu has a name, and Daily Reminders says what it does and
 * asks before it does it; under Advanced, the server's kind and the address field are
 * said. */
static void
test_menu_and_advanced (void)
{
  g_autofree char *email = spoken (_("_Email"));
  g_autofree char *reminders = spoken (_("_Daily Reminders"));
  g_autofree char *advanced = spoken (_("_Advanced"));
  g_autofree char *address = spoken (_("Server _Address"));
  g_autofree char *explained = NULL;
  CdWindow *window;
  AdwMessageDialog *dialog;
  guint start;
  guint mark;

  test_forget_all ();
  window = orca_window (cd_demo_server_get_url (demo), FALSE, email, &mark);
  start = mark;

  /* The menu opens on its first item. */
  test_orca_key ("F10");
  mark = test_orca_wait_said (mark, _("Main Menu"));
  mark = test_orca_wait_said (mark - 1, reminders);
  test_orca_key ("Return");
  TEST_WAIT_UNTIL ((dialog = test_find_message_dialog ()) != NULL, 20);
  mark = test_orca_wait_said (mark, _("Turn On Daily Reminders?"));
  /* The explanation comes with the question, before any answer. */
  explained = g_strdup (adw_message_dialog_get_body (dialog));
  test_orca_wait_said (mark - 1, explained);
  /* Escape: not turned on; back on the menu's button, and Tab to the form. */
  test_orca_key ("Escape");
  TEST_WAIT_UNTIL (test_find_message_dialog () == NULL, 20);
  mark = test_orca_wait_said (mark, _("Main Menu"));
  g_assert_false (g_variant_get_boolean (g_action_group_get_action_state (G_ACTION_GROUP (app), "daily-reminders")));
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, email);

  /* Email, Password, Show Password, then (Sign In is off while the form is empty)
   * Advanced. */
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, spoken (_("_Password")));
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, _("Show Password"));
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, advanced);
  /* Open already: the window was given a server of its own. */
  g_assert_true (gtk_expander_get_expanded (test_sign_in_child (window, "advanced_expander")));
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, _("CashDesk Server"));
  /* Its value: the demo server is a custom one. */
  test_orca_wait_said (mark - 1, g_dpgettext2 (GETTEXT_PACKAGE, "server", "Custom"));
  test_orca_key ("Tab");
  mark = test_orca_wait_said (mark, address);

  assert_no_type_names (start);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_window_init (&argc, &argv);
  bindtextdomain ("orca", "/usr/share/locale");
  bind_textdomain_codeset ("orca", "UTF-8");

  g_test_add_func ("/orca/password-unheard", test_password_unheard);
  g_test_add_func ("/orca/sign-in", test_sign_in);
  g_test_add_func ("/orca/urgent", test_urgent);
  g_test_add_func ("/orca/list", test_list);
  g_test_add_func ("/orca/menu-and-advanced", test_menu_and_advanced);

  test_orca_start ();
  test_window_set_up (&app, &demo, 0, NULL);
  test_orca_wait_for_application ();
  status = g_test_run ();
  test_orca_stop ();
  test_window_tear_down (&app, &demo, NULL);
  return status;
}
