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

#include "test-window-common.h"

#define CASHIER "cashier@demo.test"
#define SLOW "slow@demo.test"
#define SLOW_DELAY_MS 1500
#define LOGIN_COLLECTION "/org/freedesktop/secrets/collection/login"
#define KEYRING_PASSWORD "test-session"

static CdApplication *app;
static CdDemoServer *demo;
static GSettings *settings;

static CdWindow *
test_new_window (const char *server)
{
  CdWindow *window = cd_window_new (GTK_APPLICATION (app), server, NULL, FALSE);

  g_settings_reset (settings, "last-email");
  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && !test_window_on_page (window, "loading"), 20);
  g_assert_true (test_window_on_page (window, "sign-in"));
  return window;
}

static gpointer
test_sign_in_child (CdWindow   *window,
                    const char *name)
{
  return TEST_CHILD (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page"), CD_TYPE_SIGN_IN_PAGE, name);
}

static gpointer
test_account_child (CdWindow   *window,
                    const char *name)
{
  return TEST_CHILD (TEST_CHILD (window, CD_TYPE_WINDOW, "account_page"), CD_TYPE_ACCOUNT_PAGE, name);
}

static GtkWidget *
test_sign_out_button (CdWindow *window)
{
  return test_find_action_button (TEST_CHILD (window, CD_TYPE_WINDOW, "account_page"),
                                  "account.sign-out");
}

static gboolean
test_is_busy (CdWindow *window)
{
  GtkStack *stack = test_sign_in_child (window, "action_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "busy") == 0;
}

/* What another process finds for @email: secret-tool's output, "" for nothing. */
static char *
test_keyring_lookup (const char *email)
{
  const char *argv[] = { "secret-tool", "lookup", "xdg:schema", CD_STORE_TOKEN_SCHEMA_NAME,
                         "email", email, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  return out;
}

static GDBusConnection *
test_session_bus (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;

  g_bus_get (G_BUS_TYPE_SESSION, NULL, test_result_cb, &result);
  TEST_WAIT_UNTIL (result != NULL, 10);
  bus = g_bus_get_finish (result, &error);
  g_assert_no_error (error);
  return bus;
}

static GVariant *
test_bus_call (const char         *name,
               const char         *path,
               const char         *interface,
               const char         *method,
               GVariant           *parameters,
               const GVariantType *reply_type)
{
  g_autoptr(GDBusConnection) bus = test_session_bus ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (bus, name, path, interface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, test_result_cb, &result);
  TEST_WAIT_UNTIL (result != NULL, 10);
  reply = g_dbus_connection_call_finish (bus, result, &error);
  g_assert_no_error (error);
  return reply;
}

static void
test_set_locked (gboolean locked)
{
  g_autoptr(GVariant) reply = NULL;

  if (locked)
    {
      const char *paths[] = { LOGIN_COLLECTION, NULL };

      reply = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                             "org.freedesktop.Secret.Service", "Lock",
                             g_variant_new ("(^ao)", paths), G_VARIANT_TYPE ("(aoo)"));
    }
  else
    {
      /* The prompter is off (see main()): unlock the way gnome-keyring's tools do. */
      g_autoptr(GVariant) opened = NULL;
      const char *session = NULL;

      opened = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                              "org.freedesktop.Secret.Service", "OpenSession",
                              g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                              G_VARIANT_TYPE ("(vo)"));
      g_variant_get (opened, "(v&o)", NULL, &session);
      reply = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                             "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                             "UnlockWithMasterPassword",
                             g_variant_new ("(o(o@ay@ays))", LOGIN_COLLECTION, session,
                                            g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                                            g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                                       KEYRING_PASSWORD,
                                                                       strlen (KEYRING_PASSWORD), 1),
                                            "text/plain"),
                             NULL);
    }
}

/* Shadows the system's service file for @name in the session's own data folder, as on a
 * desktop without that program, and has the bus read its service folders again. */
static void
test_mask_service (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "dbus-1", "services", NULL);
  g_autofree char *file_name = g_strconcat (name, ".service", NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autofree char *contents = g_strdup_printf ("[D-BUS Service]\nName=%s\nExec=/bin/false\n", name);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (dir, g_getenv ("CD_TEST_SESSION_DIR")));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  reply = test_bus_call ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "ReloadConfig", NULL, NULL);
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

/* The login collection locked after the window started: the sign-in still shows, with
 * the warning; the prompt to unlock cannot appear (its prompter is off), as when
 * someone dismisses it. */
static void
test_locked (void)
{
  g_autofree char *found = NULL;
  CdWindow *window;

  window = test_new_window (cd_demo_server_get_url (demo));
  test_set_locked (TRUE);

  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  test_assert_not_saved (window);
  g_test_message ("not saved: %s",
                  gtk_label_get_label (test_account_child (window, "not_saved_label")));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==,
                   "Іваненко Марія Петрівна");
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "not_saved_label")), ==,
                   "The keyring is locked.");

  gtk_window_destroy (GTK_WINDOW (window));
  test_set_locked (FALSE);
  found = test_keyring_lookup (CASHIER);
  g_assert_cmpstr (found, ==, "");
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
  g_assert_true (gtk_revealer_get_reveal_child (test_sign_in_child (window, "error_revealer")));
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

static gboolean
test_kill_keyring (gpointer user_data)
{
  guint64 pid = 0;

  g_assert_true (g_ascii_string_to_unsigned (g_getenv ("CD_TEST_KEYRING_PID"), 10, 1, G_MAXINT,
                                             &pid, NULL));
  g_assert_cmpint (kill ((pid_t) pid, SIGKILL), ==, 0);
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
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

  test_window_init_gettext ();
  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "yes") != 0
      || g_getenv ("CD_TEST_SESSION_DIR") == NULL)
    {
      g_printerr ("test-window-faults needs a session with a keyring: run it through build-aux/test-session --display\n");
      return 1;
    }

  /* With a display, an unlock prompt would open in Xvfb and wait for a click forever. */
  test_mask_service ("org.gnome.keyring.SystemPrompter");
  test_mask_service ("org.gnome.keyring.PrivatePrompter");

  g_test_add_func ("/window-faults/locked", test_locked);
  g_test_add_func ("/window-faults/no-server", test_no_server);
  g_test_add_func ("/window-faults/keyring-dies", test_keyring_dies);

  app = test_window_new_application ();
  demo = test_window_new_demo_server (SLOW_DELAY_MS);
  settings = g_settings_new (APP_ID);

  status = g_test_run ();

  g_clear_object (&settings);
  g_clear_object (&demo);
  g_clear_object (&app);
  return status;
}
