/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-window-faults.c: the faults of a desktop, seen in the real window: a locked
 * keyring, no server to reach, the keyring daemon dying between sign-in and store.
 * (No Secret Service at all is /window/no-keyring in test-window.c.) Run through
 * build-aux/test-session --display, with its real keyring. */
#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "config.h"

#include <glib/gi18n.h>

#include "test-keyring.h"
#include "test-window-util.h"

#define CASHIER "cashier@demo.test"
#define SLOW "slow@demo.test"
#define SLOW_DELAY_MS 1500

static CdApplication *app;
static CdDemoServer *demo;
static GSettings *settings;

static CdWindow *
test_new_window (const char *server)
{
  CdWindow *window = test_window_new (app, server, FALSE);

  g_settings_reset (settings, "last-email");
  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && !test_window_on_page (window, "loading"), 20);
  g_assert_true (test_window_on_page (window, "sign-in"));
  return window;
}

static GtkWidget *
test_sign_out_button (CdWindow *window)
{
  return test_find_action_button (test_account_page (window),
                                  "account.sign-out");
}

static gboolean
test_is_busy (CdWindow *window)
{
  GtkStack *stack = test_sign_in_child (window, "action_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "busy") == 0;
}

/* Signed in, shown, and the warning that the token was not kept. */
static void
test_assert_not_saved (CdWindow *window)
{
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 30);
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), !=, "");
  g_assert_true (gtk_revealer_get_reveal_child (test_account_child (window, "not_saved_revealer")));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "not_saved_label")), !=, "");
}

/* What the window says of a locked keyring: GNOME Keyring's prompt cannot open here (its
 * prompter is off, as when someone dismisses it); KeePassXC's opens, and nobody answers
 * it within CASHDESK_KEYRING_TIMEOUT (tests/meson.build sets 3 s for that run). */
static const char *
test_locked_message (void)
{
  if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "keepassxc") == 0)
    return "Nobody answered the keyring's prompt within 3 seconds.";
  return "The keyring is locked.";
}

/* The login collection locked after the window started: the sign-in still shows, with
 * the warning; the prompt to unlock cannot appear (its prompter is off), as when
 * someone dismisses it. */
static void
test_locked (void)
{
  g_autofree char *found = NULL;
  CdWindow *window;

  window = test_new_window (cd_demo_server_get_url (demo));
  test_keyring_set_locked (TRUE);

  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  test_assert_not_saved (window);
  g_test_message ("not saved: %s",
                  gtk_label_get_label (test_account_child (window, "not_saved_label")));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==,
                   "Іваненко Марія Петрівна");
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "not_saved_label")), ==,
                   test_locked_message ());

  gtk_window_destroy (GTK_WINDOW (window));
  test_keyring_set_locked (FALSE);
  found = test_secret_tool_lookup (CASHIER);
  g_assert_null (found);
}

/* The keyring locked before the window starts, its prompt dismissed: the sign-in page
 * says the stored sign-ins could not be read, with Try Again; once the keyring is
 * unlocked, Try Again opens the stored account. */
static void
test_locked_at_start (void)
{
  CdWindow *window;
  GtkWidget *notice_button;

  test_forget_all ();
  test_store (demo, CASHIER);
  test_keyring_set_locked (TRUE);

  window = test_new_window (cd_demo_server_get_url (demo));
  notice_button = test_sign_in_child (window, "notice_button");
  g_assert_true (gtk_widget_get_visible (test_sign_in_child (window, "notice_box")));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (test_sign_in_child (window, "notice_label")),
                                   "Stored sign-ins could not be read. "));
  g_assert_true (g_str_has_suffix (gtk_label_get_label (test_sign_in_child (window, "notice_label")),
                                   test_locked_message ()));
  g_assert_true (gtk_widget_get_visible (notice_button));

  test_keyring_set_locked (FALSE);
  test_click (notice_button);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==,
                   "Іваненко Марія Петрівна");
  g_assert_false (gtk_widget_get_visible (test_sign_in_child (window, "notice_box")));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a window showed as it was mapped (what its first frame shows), and when. */
typedef struct {
  gint64  asked_us;
  gint64  mapped_us;
  char   *page;
} Mapped;

static void
test_record_page_cb (CdWindow *window,
                     Mapped   *mapped)
{
  mapped->mapped_us = g_get_monotonic_time ();
  g_free (mapped->page);
  mapped->page = g_strdup (test_window_page (window));
}

/* Opens @window as the application does, and waits until it is mapped. */
static void
test_present_when_ready (CdWindow *window,
                         Mapped   *mapped)
{
  g_signal_connect (window, "map", G_CALLBACK (test_record_page_cb), mapped);
  mapped->asked_us = g_get_monotonic_time ();
  cd_window_present_when_ready (window);
  /* The keyring's answer needs the main loop to come in: the window waits for it. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 20);
}

/* Opened as the application opens it (cd_window_present_when_ready()), a window is not
 * shown before the stored sign-ins are read: its first frame is its first page, here the
 * one stored account's, not the blank page before it. Only a keyring slower than
 * CD_WINDOW_PRESENT_WAIT_MS (a loaded machine, a sanitizer build) has it shown blank, and
 * never sooner than that. */
static void
test_first_page (void)
{
  Mapped mapped = { 0 };
  CdWindow *window;

  test_forget_all ();
  test_store (demo, CASHIER);
  window = test_window_new (app, cd_demo_server_get_url (demo), FALSE);

  test_present_when_ready (window, &mapped);
  if (g_strcmp0 (mapped.page, "account") != 0)
    {
      g_test_message ("shown on %s after %" G_GINT64_FORMAT " ms: the keyring was slow",
                      mapped.page, (mapped.mapped_us - mapped.asked_us) / 1000);
      g_assert_cmpstr (mapped.page, ==, "loading");
      g_assert_cmpint (mapped.mapped_us - mapped.asked_us, >=, CD_WINDOW_PRESENT_WAIT_MS * 1000);
    }
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (mapped.page);
  test_forget_all ();
}

/* A Secret Service that answers nothing (stopped, as one busy or still starting) does not
 * keep the window away: it shows, blank, after CD_WINDOW_PRESENT_WAIT_MS, and goes to
 * the stored account once the answer comes. */
static void
test_first_page_keyring_paused (void)
{
  Mapped mapped = { 0 };
  CdWindow *window;

  test_forget_all ();
  test_store (demo, CASHIER);
  test_keyring_set_paused (TRUE);
  window = test_window_new (app, cd_demo_server_get_url (demo), FALSE);

  test_present_when_ready (window, &mapped);
  g_assert_cmpstr (mapped.page, ==, "loading");
  g_assert_cmpint (mapped.mapped_us - mapped.asked_us, >=, CD_WINDOW_PRESENT_WAIT_MS * 1000);
  g_assert_true (test_window_on_page (window, "loading"));

  test_keyring_set_paused (FALSE);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==,
                   "Іваненко Марія Петрівна");

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (mapped.page);
  test_forget_all ();
}

/* A token item with no account item written for it (another program's, or a sign-in
 * cut short): the window shows the sign-in, and says that its details are not known,
 * with Sign In Again, rather than "No open shift" and "None active". */
static void
test_details_not_known (void)
{
  g_autofree char *expires = NULL;
  g_autoptr(GDateTime) in_a_year = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  const char *server = cd_demo_server_get_url (demo);
  CdWindow *window;
  g_auto(CliRun) run = { 0 };

  test_forget_all ();
  in_a_year = g_date_time_add_days (utc, 365);
  expires = g_date_time_format (in_a_year, "%Y-%m-%dT%H:%M:%SZ");
  test_secret_tool ((const char *const[]) { "store", "--label=Point of sale", "xdg:schema",
                                            TEST_TOKEN_SCHEMA, "email", CASHIER, "server", server,
                                            "expires", expires, NULL },
                    "Bearer planted-by-the-pos", &run);
  g_assert_cmpint (run.status, ==, 0);

  window = test_window_new (app, server, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==, "Not known");
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "shift_label")), ==, "Not known");
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "rro_label")), ==, "Not known");
  g_assert_true (gtk_widget_get_visible (test_account_child (window, "token_banner")));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "token_banner_title")), ==,
                   "Details not known");
  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* A port nothing listens on: bound, then closed again, on loopback. */
static guint16
test_closed_port (void)
{
  struct sockaddr_in address = { 0 };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  return ntohs (address.sin_port);
}

static void
test_no_server (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v2", test_closed_port ());
  CdWindow *window;

  window = test_new_window (url);
  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (!test_is_busy (window), 30);

  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_true (cd_sign_in_page_get_error_shown (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")));
  g_assert_cmpstr (gtk_label_get_label (test_sign_in_child (window, "error_title")), ==,
                   "Cannot reach the server");
  g_assert_cmpstr (gtk_label_get_label (test_sign_in_child (window, "error_label")), ==,
                   "The server refused the connection. Is the address right?");
  g_assert_true (gtk_widget_is_sensitive (test_sign_in_child (window, "form_group")));
  g_assert_true (gtk_widget_is_sensitive (test_sign_in_child (window, "server_group")));
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, CASHIER);

  /* Editable again: a password typed now enables Sign In. */
  test_set_text (test_sign_in_child (window, "password_row"), CD_DEMO_PASSWORD);
  g_assert_true (gtk_widget_is_sensitive (test_find_action_button (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page"),
                                                                   "sign-in.submit")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* While slow@ keeps the sign-in waiting, the keyring daemon dies. Its service file is
 * masked first: otherwise the bus starts a new daemon for the save, and what fails then
 * (libsecret's session with the dead one, or the new one's locked collection) depends on
 * libsecret's caching and on timing. Last: the session keeps no keyring after it. */
static void
test_keyring_dies (void)
{
  gboolean killed = FALSE;
  CdWindow *window;

  window = test_new_window (cd_demo_server_get_url (demo));
  test_mask_service ("org.freedesktop.secrets");

  test_window_submit (window, SLOW, CD_DEMO_PASSWORD);
  g_assert_true (test_is_busy (window));
  g_timeout_add (SLOW_DELAY_MS / 3, test_kill_keyring, &killed);
  TEST_WAIT_UNTIL (killed, 10);
  g_assert_true (test_is_busy (window));

  test_assert_not_saved (window);
  g_test_message ("not saved: %s",
                  gtk_label_get_label (test_account_child (window, "not_saved_label")));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (test_account_child (window, "not_saved_label")),
                                   "The keyring is not available: "));

  /* Signing out has nothing stored to forget, and no keyring to ask: it still ends. */
  test_click (test_sign_out_button (window));
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 30);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_window_init (&argc, &argv);

  if (!test_keyring_is_real (g_getenv ("CD_TEST_SESSION_KEYRING"))
      || g_getenv ("CD_TEST_SESSION_DIR") == NULL)
    {
      g_printerr ("test-window-faults needs a session with a keyring: run it through build-aux/test-session --display\n");
      return 1;
    }

  /* With a display, an unlock prompt would open in Xvfb and wait for a click forever. */
  test_mask_service ("org.gnome.keyring.SystemPrompter");
  test_mask_service ("org.gnome.keyring.PrivatePrompter");

  g_test_add_func ("/window-faults/locked", test_locked);
  g_test_add_func ("/window-faults/locked-at-start", test_locked_at_start);
  g_test_add_func ("/window-faults/details-not-known", test_details_not_known);
  g_test_add_func ("/window-faults/first-page", test_first_page);
  g_test_add_func ("/window-faults/keyring-paused-at-start", test_first_page_keyring_paused);
  g_test_add_func ("/window-faults/no-server", test_no_server);
  g_test_add_func ("/window-faults/keyring-dies", test_keyring_dies);

  test_window_set_up (&app, &demo, SLOW_DELAY_MS, &settings);
  status = g_test_run ();
  test_window_tear_down (&app, &demo, &settings);
  return status;
}
