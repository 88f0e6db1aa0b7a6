/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-background.c: the daily reminder without a window, as a desktop runs it.
 *
 * The real cashdesk-login runs as other processes (`--check-reminders`, as the
 * autostart entry starts it, and `--gapplication-service`, as D-Bus activation does),
 * against accounts signed in through the demo server and kept in the session's real
 * keyring, with settings in a key file both sides read. This test stands in for the
 * desktop on the session bus: GNOME Shell's notification server (org.gtk.Notifications,
 * which GApplication uses whenever somebody owns it) and the freedesktop one (which must
 * then get nothing), and the Background portal. Runs in a session of its own with a
 * display (CD_TEST_SESSION, see tests/meson.build). */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "test-desktop.h"
#include "test-keyring.h"
#include "test-process.h"
#include "test-window-util.h"

#include "cd-background.h"
#include "cd-dates.h"

#define APP_PATH "/io/github/cashdesk_login/CashDeskLogin"

static CdDemoServer *demo;
static GSettings *settings;
static char *program;
/* GNOME Shell's notifications, the freedesktop ones (which must get nothing) and the
 * Background portal. */
static TestDesktop *desktop;

static gboolean
app_is_running (void)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (desktop->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* What the shell does with the application: calls on its well-known name, which D-Bus
 * activation starts when it does not run (the .service file written in main()). */
static GVariant *
app_call (const char *interface,
          const char *method,
          GVariant   *parameters)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (desktop->bus, APP_ID, APP_PATH, interface, method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, test_store_result, &result);
  TEST_WAIT_UNTIL (result != NULL, 30);
  reply = g_dbus_connection_call_finish (desktop->bus, result, &error);
  g_assert_no_error (error);
  return reply;
}

/* the program */

/* The program as a person runs it: a copy outside the build folder, as installed (an
 * entry at login is never written for a program in a build folder). */
static char *
test_install_program (void)
{
  g_autofree char *built = g_build_filename (g_getenv ("CD_BUILD_DIR"), "src", "app", "cashdesk-login", NULL);
  g_autofree char *folder = g_build_filename (g_getenv ("CD_TEST_SESSION_DIR"), "bin", NULL);
  char *installed = g_build_filename (folder, "cashdesk-login", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (built);
  g_autoptr(GFile) to = g_file_new_for_path (installed);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return installed;
}

/* Set on the process when it has ended: watched without a blocking wait. */
#define EXITED "test-exited"

static gboolean
test_exited (GSubprocess *process)
{
  return g_object_get_data (G_OBJECT (process), EXITED) != NULL;
}

static void
test_process_waited_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_object_set_data (source, EXITED, GINT_TO_POINTER (TRUE));
}

/* The check as the autostart entry starts it, for as long as it stays. */
static GSubprocess *
test_spawn_check (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, test_die_with_test, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, program, CD_BACKGROUND_CHECK_OPTION, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, test_process_waited_cb, NULL);
  return process;
}

/* A check that must end by itself: how it ended, and what it printed. */
static void
test_run_check (CliRun *run)
{
  g_autoptr(GSubprocessLauncher) launcher = test_launcher_new (FALSE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawn (launcher, &error, program, CD_BACKGROUND_CHECK_OPTION, NULL);
  g_assert_no_error (error);
  test_run_finish (process, NULL, 30, run);
  if (run->err[0] != '\0')
    g_test_message ("stderr: %s", run->err);
}

static gboolean
test_last_reminder_is (const char *day)
{
  g_autofree char *last = g_settings_get_string (settings, "last-reminder-date");

  return g_strcmp0 (last, day) == 0;
}

/* The four kinds of the back office, signed in through the demo server. */
static void
test_store_four (void)
{
  test_forget_all ();
  test_store (demo, "cashier@demo.test");
  test_store (demo, "expired@demo.test");
  test_store (demo, "token-expiring@demo.test");
  test_store (demo, "expiring@demo.test");
}

static void
test_assert_reminder (TestNotification *notification)
{
  g_test_message ("shown: %s / %s", notification->title, notification->body);
  g_assert_cmpstr (notification->app_id, ==, APP_ID);
  g_assert_cmpstr (notification->id, ==, "reminders");
  g_assert_cmpstr (notification->title, ==, "Certificates and tokens need attention");
  g_assert_cmpstr (notification->body, ==, "Бондаренко І. М.: certificate expired 20 days ago\n"
                                           "Шевченко О. В.: certificate expires in 10 days\n"
                                           "Гриценко Т. Б.: token expires in 5 days");
  g_assert_cmpstr (notification->default_action, ==, "app.show-accounts");
  g_assert_true (notification->has_icon);
}

/* A window of the application, as GTK exports it on the bus (APP_PATH/window/N). */
static gboolean
test_app_has_window (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  const char *xml = NULL;

  reply = g_dbus_connection_call_sync (desktop->bus, APP_ID, APP_PATH "/window",
                                       "org.freedesktop.DBus.Introspectable", "Introspect", NULL,
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       -1, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(&s)", &xml);
  node = g_dbus_node_info_new_for_xml (xml, NULL);
  return node != NULL && node->nodes != NULL && node->nodes[0] != NULL;
}

static void
test_check (void)
{
  g_autofree char *today = test_kyiv_today ();
  g_autoptr(GSubprocess) service = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_auto(CliRun) again = { 0 };

  test_store_four ();
  g_settings_reset (settings, "certificate-reminders");
  g_settings_reset (settings, "last-reminder-date");
  g_ptr_array_set_size (desktop->notifications, 0);

  /* At login: one notification, through the shell's server alone. */
  service = test_spawn_check ();
  TEST_WAIT_UNTIL (test_desktop_count (desktop, FALSE) > 0, 30);
  test_desktop_sync (desktop, APP_ID);
  g_assert_cmpuint (test_desktop_count (desktop, FALSE), ==, 1);
  g_assert_cmpuint (test_desktop_count (desktop, TRUE), ==, 0);
  test_assert_reminder (desktop->notifications->pdata[0]);
  TEST_WAIT_UNTIL (test_last_reminder_is (today), 20);

  /* It stays, to check the next day; the same day, another check says nothing. It runs
   * in the first process (one instance), and returns once done. */
  g_assert_false (test_exited (service));
  test_run_check (&again);
  g_assert_cmpint (again.status, ==, 0);
  test_desktop_sync (desktop, APP_ID);
  g_assert_cmpuint (test_desktop_count (desktop, FALSE), ==, 1);
  cli_run_clear (&again);

  /* Clicking it, as the shell does: the window opens. */
  g_assert_false (test_app_has_window ());
  reply = app_call ("org.freedesktop.Application", "ActivateAction",
                    g_variant_new ("(sav@a{sv})", "show-accounts", NULL,
                                   g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  TEST_WAIT_UNTIL (test_app_has_window (), 30);
  g_clear_pointer (&reply, g_variant_unref);

  /* Ctrl+Q closes the window but leaves the check that was asked for. */
  reply = app_call ("org.freedesktop.Application", "ActivateAction",
                    g_variant_new ("(sav@a{sv})", "quit", NULL,
                                   g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  TEST_WAIT_UNTIL (!test_app_has_window (), 30);
  test_desktop_sync (desktop, APP_ID);
  g_assert_false (test_exited (service));

  /* The switch turns it off: the process ends by itself. */
  g_settings_set_boolean (settings, "certificate-reminders", FALSE);
  TEST_WAIT_UNTIL (test_exited (service), 30);
  if (g_subprocess_get_if_signaled (service))
    g_test_message ("the check was killed by signal %d", g_subprocess_get_term_sig (service));
  g_assert_true (g_subprocess_get_if_exited (service));
  g_assert_cmpint (g_subprocess_get_exit_status (service), ==, 0);

  /* Off, on a new day: the check says so and ends at once, with no notification. */
  g_settings_set_string (settings, "last-reminder-date", "2000-01-01");
  test_run_check (&again);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "Reminders are turned off.\n");
  g_assert_false (app_is_running ());
  g_assert_cmpuint (test_desktop_count (desktop, FALSE), ==, 1);
  cli_run_clear (&again);
  g_clear_object (&service);

  /* On again, a new day: once more, the same; and a second start that day, in a
   * process of its own, says nothing. */
  g_settings_set_boolean (settings, "certificate-reminders", TRUE);
  service = test_spawn_check ();
  TEST_WAIT_UNTIL (test_desktop_count (desktop, FALSE) > 1, 30);
  test_assert_reminder (desktop->notifications->pdata[1]);
  TEST_WAIT_UNTIL (test_last_reminder_is (today), 20);
  g_settings_set_boolean (settings, "certificate-reminders", FALSE);
  TEST_WAIT_UNTIL (test_exited (service), 30);
  g_clear_object (&service);

  g_settings_set_boolean (settings, "certificate-reminders", TRUE);
  service = test_spawn_check ();
  /* Its own check is done before it answers the forwarded one. */
  TEST_WAIT_UNTIL (app_is_running (), 30);
  test_run_check (&again);
  g_assert_cmpint (again.status, ==, 0);
  test_desktop_sync (desktop, APP_ID);
  g_assert_cmpuint (test_desktop_count (desktop, FALSE), ==, 2);
  g_assert_cmpuint (test_desktop_count (desktop, TRUE), ==, 0);

  g_settings_set_boolean (settings, "certificate-reminders", FALSE);
  TEST_WAIT_UNTIL (test_exited (service), 30);
  g_settings_reset (settings, "certificate-reminders");
}

/* the keyring locked: no prompt */

/* Calls to gnome-keyring's prompters, which this test owns: an unlock prompt would
 * come through them. Counted, and left unanswered. */
static guint prompts;

static GDBusMessage *
test_prompter_filter (GDBusConnection *connection,
                      GDBusMessage    *message,
                      gboolean         incoming,
                      gpointer         user_data)
{
  const char *destination = g_dbus_message_get_destination (message);

  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL
      && destination != NULL && g_str_has_prefix (destination, "org.gnome.keyring.")
      && g_str_has_suffix (destination, "Prompter"))
    {
      g_atomic_int_inc (&prompts);
      g_object_unref (message);
      return NULL;
    }
  return message;
}

/* A locked keyring stays locked: no prompt, no notification, and the day stays free;
 * unlocked, the next check reminds. */
static void
test_locked (void)
{
  g_autoptr(GSubprocess) service = NULL;
  g_autofree char *today = test_kyiv_today ();
  g_auto(CliRun) again = { 0 };
  guint filter;
  guint before;

  test_store_four ();
  g_settings_set_boolean (settings, "certificate-reminders", TRUE);
  g_settings_set_string (settings, "last-reminder-date", "2000-01-01");
  before = test_desktop_count (desktop, FALSE);
  prompts = 0;
  filter = g_dbus_connection_add_filter (desktop->bus, test_prompter_filter, NULL, NULL);
  g_bus_own_name_on_connection (desktop->bus, "org.gnome.keyring.SystemPrompter",
                                G_BUS_NAME_OWNER_FLAGS_REPLACE, NULL, NULL, NULL, NULL);
  g_bus_own_name_on_connection (desktop->bus, "org.gnome.keyring.PrivatePrompter",
                                G_BUS_NAME_OWNER_FLAGS_REPLACE, NULL, NULL, NULL, NULL);
  test_keyring_set_locked (TRUE);

  service = test_spawn_check ();
  TEST_WAIT_UNTIL (app_is_running (), 30);
  test_run_check (&again);
  g_assert_cmpint (again.status, ==, 0);
  test_desktop_sync (desktop, APP_ID);
  g_assert_cmpuint (test_desktop_count (desktop, FALSE), ==, before);
  g_assert_true (test_last_reminder_is ("2000-01-01"));
  g_assert_cmpuint (g_atomic_int_get (&prompts), ==, 0);
  g_assert_false (test_exited (service));
  cli_run_clear (&again);

  test_keyring_set_locked (FALSE);
  test_run_check (&again);
  g_assert_cmpint (again.status, ==, 0);
  test_desktop_sync (desktop, APP_ID);
  g_assert_cmpuint (test_desktop_count (desktop, FALSE), ==, before + 1);
  test_assert_reminder (desktop->notifications->pdata[before]);
  TEST_WAIT_UNTIL (test_last_reminder_is (today), 20);
  g_assert_cmpuint (g_atomic_int_get (&prompts), ==, 0);

  g_settings_set_boolean (settings, "certificate-reminders", FALSE);
  TEST_WAIT_UNTIL (test_exited (service), 30);
  g_settings_reset (settings, "certificate-reminders");
  g_dbus_connection_remove_filter (desktop->bus, filter);
}

/* The menu's Daily Reminders, as the menu sets it: the action's state, over the bus
 * (GApplication exports its actions), in a D-Bus activated instance. */
static void
test_set_daily (gboolean on)
{
  g_autoptr(GVariant) reply = NULL;

  reply = app_call ("org.gtk.Actions", "SetState",
                    g_variant_new ("(sv@a{sv})", "daily-reminders", g_variant_new_boolean (on),
                                   g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  /* With no window and nothing asked of it, the instance ends by itself once done (a
   * call in its last moments would find its objects gone). */
  TEST_WAIT_UNTIL (!app_is_running (), 30);
}

static gboolean
test_settings_boolean_is (const char *key,
                          gboolean    value)
{
  return g_settings_get_boolean (settings, key) == value;
}

static void
test_autostart (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart",
                                            APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(CliRun) validated = { 0 };
  g_autofree char *validate = g_find_program_in_path ("desktop-file-validate");

  g_settings_reset (settings, "background-reminders");
  g_settings_set_boolean (settings, "certificate-reminders", FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* On: the entry, starting this very program's check; and reminders on. */
  test_set_daily (TRUE);
  TEST_WAIT_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS), 30);
  TEST_WAIT_UNTIL (test_settings_boolean_is ("background-reminders", TRUE), 20);
  g_assert_true (g_settings_get_boolean (settings, "certificate-reminders"));

  g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_key_file_get_string (entry, "Desktop Entry", "Type", NULL), ==, "Application");
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "NoDisplay", NULL));
  exec = g_key_file_get_string (entry, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_shell_parse_argv (exec, NULL, &argv, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (argv, ((const char * const[]) { program, "--check-reminders", NULL }));

  g_assert_nonnull (validate);
  {
    const char *validate_argv[] = { validate, path, NULL };
    g_autoptr(GError) spawn_error = NULL;

    g_spawn_sync (NULL, (char **) validate_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &validated.out, &validated.err, &validated.status, &spawn_error);
    g_assert_no_error (spawn_error);
    g_test_message ("desktop-file-validate: %s%s", validated.out, validated.err);
    g_assert_true (g_spawn_check_wait_status (validated.status, NULL));
    g_assert_cmpstr (validated.out, ==, "");
  }

  /* Off: gone, and the setting with it; reminders at start-up stay as they were. */
  test_set_daily (FALSE);
  TEST_WAIT_UNTIL (!g_file_test (path, G_FILE_TEST_EXISTS), 30);
  TEST_WAIT_UNTIL (test_settings_boolean_is ("background-reminders", FALSE), 20);
  g_assert_true (g_settings_get_boolean (settings, "certificate-reminders"));

  /* Off when already off: nothing to remove is no error. */
  test_set_daily (FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_settings_get_boolean (settings, "background-reminders"));
}

/* The window's menu has the item, bound to the action. */
static CdApplication *app;

static void
test_menu (void)
{
  CdWindow *window = test_window_new (app, NULL, FALSE);
  GtkMenuButton *button = TEST_CHILD (window, CD_TYPE_WINDOW, "menu_button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  gboolean found = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      GMenuModel *section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          if (g_strcmp0 (action, "app.daily-reminders") == 0)
            {
              found = TRUE;
              g_assert_cmpstr (label, ==, "_Daily Reminders");
            }
        }
      g_clear_object (&section);
    }
  g_assert_true (found);

  /* A check mark: the action has a boolean state. */
  g_assert_true (g_variant_type_equal (g_action_group_get_action_state_type (G_ACTION_GROUP (app), "daily-reminders"),
                                       G_VARIANT_TYPE_BOOLEAN));
  gtk_window_destroy (GTK_WINDOW (window));
}


/* A program in a build folder never writes an entry at login: it would start whatever
 * the folder holds after the next build, or nothing once it is cleaned. This test
 * program is one. */
static void
test_build_folder (void)
{
  g_autofree char *path = cd_background_get_autostart_path ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_background_write_autostart_async (TRUE, NULL, test_store_result, &result);
  g_assert_false (cd_background_write_autostart_finish (test_wait_for_result (&result, 10), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, g_getenv ("CD_BUILD_DIR")));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
test_daily_state (void)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (app), "daily-reminders");

  return g_variant_get_boolean (state);
}

/* From the menu, with a window: what reminders do is said first, and nothing happens
 * until the person confirms. Confirmed here, in a build folder, it fails with why. */
static void
test_confirm (void)
{
  g_autofree char *path = cd_background_get_autostart_path ();
  CdWindow *window = test_window_new (app, NULL, FALSE);
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window), 20);
  g_settings_reset (settings, "background-reminders");

  /* Cancelled: still off, nothing written. */
  g_action_group_change_action_state (G_ACTION_GROUP (app), "daily-reminders", g_variant_new_boolean (TRUE));
  TEST_WAIT_UNTIL ((dialog = test_find_message_dialog ()) != NULL, 20);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Turn On Daily Reminders?"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "14"));
  g_assert_false (test_daily_state ());
  test_answer_dialog ("cancel");
  TEST_WAIT_UNTIL (test_find_message_dialog () == NULL, 20);
  g_assert_false (test_daily_state ());
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Confirmed, in a build folder: the reason, and still off. */
  g_action_group_change_action_state (G_ACTION_GROUP (app), "daily-reminders", g_variant_new_boolean (TRUE));
  TEST_WAIT_UNTIL ((dialog = test_find_message_dialog ()) != NULL, 20);
  test_answer_dialog ("turn-on");
  TEST_WAIT_UNTIL ((dialog = test_find_message_dialog ()) != NULL
                   && g_strcmp0 (adw_message_dialog_get_heading (dialog), _("Turn On Daily Reminders?")) != 0, 20);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Daily reminders could not be turned on"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), g_getenv ("CD_BUILD_DIR")));
  test_answer_dialog ("close");
  TEST_WAIT_UNTIL (test_find_message_dialog () == NULL, 20);
  g_assert_false (test_daily_state ());
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_settings_get_boolean (settings, "background-reminders"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The demo, installed or not, never: its sign-ins end with it. */
static void
test_demo_refused (void)
{
  g_autofree char *path = cd_background_get_autostart_path ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) demo_program = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) description = NULL;
  g_autoptr(GError) error = NULL;
  gboolean enabled;
  const char *signature;
  GVariant *state_list;

  g_subprocess_launcher_set_child_setup (launcher, test_die_with_test, NULL, NULL);
  demo_program = g_subprocess_launcher_spawn (launcher, &error, program, "--demo", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (demo_program, NULL, test_process_waited_cb, NULL);
  TEST_WAIT_UNTIL (app_is_running (), 30);

  /* GApplication runs the action before it answers the call. */
  reply = app_call ("org.gtk.Actions", "SetState",
                    g_variant_new ("(sv@a{sv})", "daily-reminders", g_variant_new_boolean (TRUE),
                                   g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  description = app_call ("org.gtk.Actions", "Describe", g_variant_new ("(s)", "daily-reminders"));
  g_variant_get (description, "((b&g@av))", &enabled, &signature, &state_list);
  g_assert_cmpuint (g_variant_n_children (state_list), ==, 1);
  {
    g_autoptr(GVariant) boxed = g_variant_get_child_value (state_list, 0);
    g_autoptr(GVariant) state = g_variant_get_variant (boxed);

    g_assert_false (g_variant_get_boolean (state));
  }
  g_variant_unref (state_list);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (test_exited (demo_program));

  g_subprocess_send_signal (demo_program, SIGTERM);
  TEST_WAIT_UNTIL (test_exited (demo_program), 30);
  TEST_WAIT_UNTIL (!app_is_running (), 30);
}

/* A program replaced on disk since it started (an upgrade): /proc/self/exe then ends in
 * " (deleted)", and an entry would start nothing. Refused, nothing written. */
static void
test_replaced (void)
{
  g_autofree char *path = cd_background_get_autostart_path ();
  g_autoptr(GSubprocess) service = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) description = NULL;
  g_autoptr(GVariant) state_list = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) state = NULL;
  gboolean enabled;
  const char *signature;

  g_settings_reset (settings, "certificate-reminders");
  g_settings_reset (settings, "background-reminders");
  g_settings_set_string (settings, "last-reminder-date", "2000-01-01");
  service = test_spawn_check ();
  TEST_WAIT_UNTIL (app_is_running (), 30);
  g_assert_cmpint (g_unlink (program), ==, 0);

  /* GApplication runs the action before it answers the call. */
  reply = app_call ("org.gtk.Actions", "SetState",
                    g_variant_new ("(sv@a{sv})", "daily-reminders", g_variant_new_boolean (TRUE),
                                   g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  description = app_call ("org.gtk.Actions", "Describe", g_variant_new ("(s)", "daily-reminders"));
  g_variant_get (description, "((b&g@av))", &enabled, &signature, &state_list);
  boxed = g_variant_get_child_value (state_list, 0);
  state = g_variant_get_variant (boxed);
  g_assert_false (g_variant_get_boolean (state));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_settings_get_boolean (settings, "background-reminders"));

  g_subprocess_send_signal (service, SIGTERM);
  TEST_WAIT_UNTIL (test_exited (service), 30);
  TEST_WAIT_UNTIL (!app_is_running (), 30);
  /* Back in place for whatever runs next. */
  g_free (test_install_program ());
}

/* the Background portal, as the Flatpak asks it */

static void
test_portal_request (gboolean  enable,
                     GError  **error,
                     gboolean *done)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_background_request_portal_async (enable, NULL, test_store_result, &result);
  TEST_WAIT_UNTIL (result != NULL, 30);
  *done = cd_background_request_portal_finish (result, error);
}

static void
test_portal (void)
{
  g_autoptr(GError) error = NULL;
  GVariant *options;
  const char **commandline = NULL;
  const char *reason = NULL;
  const char *token = NULL;
  gboolean autostart = FALSE;
  gboolean done = FALSE;

  /* Not in a sandbox here: the program itself would write the entry. */
  g_assert_false (cd_background_in_flatpak ());
  g_ptr_array_set_size (desktop->background_requests, 0);

  desktop->background_response = 0;
  test_portal_request (TRUE, &error, &done);
  g_assert_no_error (error);
  g_assert_true (done);
  g_assert_cmpuint (desktop->background_requests->len, ==, 1);
  options = desktop->background_requests->pdata[0];
  g_assert_true (g_variant_lookup (options, "autostart", "b", &autostart));
  g_assert_true (autostart);
  g_assert_true (g_variant_lookup (options, "commandline", "^a&s", &commandline));
  g_assert_cmpstrv (commandline, ((const char * const[]) { "cashdesk-login", "--check-reminders", NULL }));
  g_clear_pointer (&commandline, g_free);
  g_assert_true (g_variant_lookup (options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, !=, "");
  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));

  /* Said no to: a clear error, nothing pretended. */
  desktop->background_response = 1;
  test_portal_request (TRUE, &error, &done);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_false (done);
  g_assert_nonnull (strstr (error->message, "did not allow"));
  g_clear_error (&error);

  /* Off: autostart false. */
  desktop->background_response = 0;
  test_portal_request (FALSE, &error, &done);
  g_assert_no_error (error);
  g_assert_true (done);
  g_assert_cmpuint (desktop->background_requests->len, ==, 3);
  g_assert_true (g_variant_lookup (desktop->background_requests->pdata[2], "autostart", "b", &autostart));
  g_assert_false (autostart);
}

/* D-Bus activation for the application, as an installed desktop file and service file
 * give it; the activated instance gets this test's settings through the bus's
 * activation environment, as a GNOME session sets it. */
static void
test_install_service (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "dbus-1", "services", NULL);
  g_autofree char *file = g_build_filename (folder, APP_ID ".service", NULL);
  g_autofree char *contents = g_strdup_printf ("[D-BUS Service]\nName=%s\nExec=%s --gapplication-service\n",
                                               APP_ID, program);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder environment;

  g_assert_true (g_str_has_prefix (folder, g_getenv ("CD_TEST_SESSION_DIR")));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (file, contents, -1, &error);
  g_assert_no_error (error);

  g_variant_builder_init (&environment, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&environment, "{ss}", "GSETTINGS_BACKEND", "keyfile");
  g_variant_builder_add (&environment, "{ss}", "G_DEBUG", g_getenv ("G_DEBUG") ? g_getenv ("G_DEBUG") : "");
  reply = test_bus_call ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "UpdateActivationEnvironment", g_variant_new ("(a{ss})", &environment), NULL);
  g_clear_pointer (&reply, g_variant_unref);
  reply = test_bus_call ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "ReloadConfig", NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Settings both this test and the programs it starts read and write: a key file in
   * the session's own XDG_CONFIG_HOME, watched for changes, as dconf would be. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_unsetenv ("CASHDESK_API_URL");
  test_window_init (&argc, &argv);
  g_assert_nonnull (g_getenv ("CD_TEST_SESSION_DIR"));
  program = test_install_program ();
  g_assert_nonnull (g_getenv ("DISPLAY"));

  g_test_add_func ("/background/check", test_check);
  g_test_add_func ("/background/locked", test_locked);
  g_test_add_func ("/background/autostart", test_autostart);
  g_test_add_func ("/background/menu", test_menu);
  g_test_add_func ("/background/build-folder", test_build_folder);
  g_test_add_func ("/background/confirm", test_confirm);
  g_test_add_func ("/background/demo-refused", test_demo_refused);
  g_test_add_func ("/background/portal", test_portal);
  g_test_add_func ("/background/replaced", test_replaced);

  desktop = test_desktop_start (TEST_DESKTOP_FDO_NOTIFICATIONS | TEST_DESKTOP_GTK_NOTIFICATIONS
                                | TEST_DESKTOP_BACKGROUND_PORTAL);
  test_install_service ();
  /* In this process too, for the window's menu: GTK set up once, at the start. */
  test_window_set_up (&app, &demo, 1500, &settings);
  status = g_test_run ();
  test_window_tear_down (&app, &demo, &settings);
  g_clear_pointer (&desktop, test_desktop_free);
  g_free (program);
  return status;
}
