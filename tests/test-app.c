/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-app.c: the application as a whole: its command line (--demo, --server,
 * --developer-id, the environment), its actions and shortcuts, and the single
 * instance, the last with the real program in other processes.
 * Runs in a session of its own with a display (CD_TEST_SESSION, see tests/meson.build). */
#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <unistd.h>

#include "test-window-util.h"

#define APP_PATH "/io/github/cashdesk_login/CashDeskLogin"
#define TEST_SERVER "https://test.cashdesk.com.ua/api/v2"

typedef struct {
  GApplication *app;
  CdWindow *window;
  char     *server_shown;
  char     *server_property;
  gboolean  demo;
  gboolean  demo_label_visible;
  gboolean  demo_group_visible;
  guint     server_selected;
  /* What the test does once the window is up: quit through app.quit by default. */
  void    (*then) (GApplication *app, CdWindow *window);
} RunResult;

static gboolean
test_app_timeout (gpointer data)
{
  g_error ("the application did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
test_app_quit (GApplication *app,
               CdWindow     *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static gboolean
test_app_window_shown (gpointer user_data)
{
  RunResult *result = user_data;
  CdWindow *window = result->window;
  GtkWidget *page = TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page");
  const char *tooltip;

  if (!gtk_widget_get_mapped (GTK_WIDGET (window)) || !test_window_on_page (window, "sign-in"))
    return G_SOURCE_CONTINUE;

  /* The title shows the host; its tooltip the whole address, which is what is compared. */
  tooltip = gtk_widget_get_tooltip_text (TEST_CHILD (window, CD_TYPE_WINDOW, "window_title"));
  result->server_shown = g_strdup (tooltip != NULL ? tooltip : "");
  g_object_get (window, "server", &result->server_property, "demo", &result->demo, NULL);
  result->demo_label_visible = gtk_widget_get_visible (TEST_CHILD (window, CD_TYPE_WINDOW, "demo_label"));
  result->demo_group_visible = gtk_widget_get_visible (TEST_CHILD (page, CD_TYPE_SIGN_IN_PAGE, "demo_group"));
  result->server_selected = adw_combo_row_get_selected (TEST_CHILD (page, CD_TYPE_SIGN_IN_PAGE, "server_row"));

  (result->then != NULL ? result->then : test_app_quit) (result->app, window);
  return G_SOURCE_REMOVE;
}

static void
test_app_window_added_cb (GtkApplication *app,
                          GtkWindow      *window,
                          RunResult      *result)
{
  /* Still being constructed here: look at it once it is on screen. */
  if (CD_IS_WINDOW (window) && result->window == NULL)
    {
      result->window = CD_WINDOW (window);
      g_timeout_add (20, test_app_window_shown, result);
    }
}

/* Runs a fresh application in this process with @args, as its command line. */
static int
test_app_run (RunResult  *result,
              const char *first_arg,
              ...)
{
  g_autoptr(CdApplication) app = cd_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;
  guint timeout;
  int status;

  g_ptr_array_add (argv, (gpointer) "cashdesk-login");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Each run is a new instance: the bus name is left to the single-instance test. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (test_app_window_added_cb), result);
  result->app = G_APPLICATION (app);

  timeout = g_timeout_add_seconds (30, test_app_timeout, NULL);
  status = g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);
  g_source_remove (timeout);
  result->app = NULL;

  return status;
}

static void
test_run_result_clear (RunResult *result)
{
  g_free (result->server_shown);
  g_free (result->server_property);
}

static void
test_demo_option (void)
{
  RunResult result = { 0 };

  g_assert_cmpint (test_app_run (&result, "--demo", NULL), ==, 0);
  g_assert_nonnull (result.window);
  g_assert_true (result.demo);
  g_assert_true (g_str_has_prefix (result.server_property, "http://127.0.0.1:"));
  g_assert_cmpstr (result.server_shown, ==, result.server_property);
  g_assert_true (result.demo_label_visible);
  g_assert_true (result.demo_group_visible);
  test_run_result_clear (&result);
}

/* Runs secret-tool in another process, as other programs read the keyring. */
static gboolean
test_secret_tool (char **output,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) "secret-tool");
  va_start (args, output);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, output, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/* The items of a keyring collection, as gdbus prints them from another process. */
static char *
test_collection_items (const char *alias)
{
  g_autofree char *path = g_strconcat ("/org/freedesktop/secrets/aliases/", alias, NULL);
  const char *argv[] = { "gdbus", "call", "--session", "--dest", "org.freedesktop.secrets",
                         "--object-path", path, "--method", "org.freedesktop.DBus.Properties.Get",
                         "org.freedesktop.Secret.Collection", "Items", NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return output;
}

static char *test_demo_url;

/* During the demo: a sign-in, which another process reads, kept in memory only. */
static void
test_demo_sign_in (CdWindow *window)
{
  g_autofree char *token = NULL;
  g_autofree char *found = NULL;

  test_window_submit (window, "cashier@demo.test", CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_find_action_button (test_account_page (window),
                                                                     "account.sign-out")), 20);

  g_assert_true (test_secret_tool (&token, "lookup", "xdg:schema", CD_STORE_TOKEN_SCHEMA_NAME,
                                   "email", "cashier@demo.test", NULL));
  g_assert_true (g_str_has_prefix (token, "Bearer "));
  /* In the session collection, which gnome-keyring keeps in memory only; nothing in
   * the default one, which is written to disk. */
  found = test_collection_items ("session");
  g_assert_true (strstr (found, "/org/freedesktop/secrets/collection/session/") != NULL);
  g_clear_pointer (&found, g_free);
  found = test_collection_items ("default");
  g_assert_cmpstr (found, ==, "(<@ao []>,)\n");

  g_object_get (window, "server", &test_demo_url, NULL);
}

static void
test_demo_sign_in_then_quit (GApplication *app,
                             CdWindow     *window)
{
  test_demo_sign_in (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_demo_sign_in_then_close (GApplication *app,
                              CdWindow     *window)
{
  test_demo_sign_in (window);
  gtk_window_close (GTK_WINDOW (window));
}

/* As a session's end, or `kill`, stops it: SIGTERM, caught by the program's own
 * handler (cd_application_signal_cb), which forgets the demo's sign-ins and quits. */
static void
test_demo_sign_in_then_sigterm (GApplication *app,
                                CdWindow     *window)
{
  test_demo_sign_in (window);
  g_assert_cmpint (kill (getpid (), SIGTERM), ==, 0);
}

/* Demo sign-ins are readable by other programs during the demo, and gone with it:
 * after Ctrl+Q, after the last window closed, and after SIGTERM, the program has
 * forgotten them by the time it returns. */
static void
test_demo_keyring (gconstpointer data)
{
  RunResult result = { .then = data };
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  test_forget_all ();
  g_assert_cmpint (test_app_run (&result, "--demo", NULL), ==, 0);
  g_assert_nonnull (test_demo_url);

  /* The demo is over: no program finds its sign-in, nor does a normal start. */
  g_assert_false (test_secret_tool (&token, "lookup", "xdg:schema", CD_STORE_TOKEN_SCHEMA_NAME,
                                    "email", "cashier@demo.test", NULL));
  cd_store_list_async (NULL, NULL, test_store_result, &listed);
  TEST_WAIT_UNTIL (listed != NULL, 20);
  accounts = cd_store_list_finish (listed, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    g_assert_cmpstr (cd_account_get_server (accounts->pdata[i]), !=, test_demo_url);
  g_assert_cmpuint (accounts->len, ==, 0);

  g_clear_pointer (&test_demo_url, g_free);
  test_run_result_clear (&result);
}

static void
test_server_option (void)
{
  RunResult result = { 0 };

  g_assert_cmpint (test_app_run (&result, "--server", TEST_SERVER, NULL), ==, 0);
  g_assert_false (result.demo);
  g_assert_false (result.demo_label_visible);
  g_assert_false (result.demo_group_visible);
  g_assert_cmpstr (result.server_property, ==, TEST_SERVER);
  g_assert_cmpstr (result.server_shown, ==, TEST_SERVER);
  g_assert_cmpuint (result.server_selected, ==, 1);
  test_run_result_clear (&result);
}

static void
test_production_by_default (void)
{
  RunResult result = { 0 };

  g_assert_cmpint (test_app_run (&result, NULL), ==, 0);
  g_assert_cmpstr (result.server_shown, ==, "");
  g_assert_cmpuint (result.server_selected, ==, 0);
  test_run_result_clear (&result);
}

/* --server beats CASHDESK_API_URL, which beats GSettings. */
static void
test_server_precedence (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RunResult result = { 0 };

  g_settings_set_string (settings, "server-url", "https://settings.example.com/api/v2");
  g_assert_cmpint (test_app_run (&result, NULL), ==, 0);
  g_assert_cmpstr (result.server_shown, ==, "https://settings.example.com/api/v2");
  g_assert_cmpuint (result.server_selected, ==, 2);
  test_run_result_clear (&result);

  memset (&result, 0, sizeof result);
  g_setenv ("CASHDESK_API_URL", TEST_SERVER, TRUE);
  g_assert_cmpint (test_app_run (&result, NULL), ==, 0);
  g_assert_cmpstr (result.server_shown, ==, TEST_SERVER);
  test_run_result_clear (&result);

  memset (&result, 0, sizeof result);
  g_assert_cmpint (test_app_run (&result, "--server", "http://127.0.0.1:9/api/v2", NULL), ==, 0);
  g_assert_cmpstr (result.server_shown, ==, "http://127.0.0.1:9/api/v2");
  test_run_result_clear (&result);

  g_unsetenv ("CASHDESK_API_URL");
  g_settings_reset (settings, "server-url");
}

static void
test_bad_server_option (void)
{
  RunResult result = { 0 };

  g_assert_cmpint (test_app_run (&result, "--server", "ftp://example.com", NULL), ==, 1);
  g_assert_null (result.window);
}

static void
test_close_then_shortcuts (GApplication *app,
                           CdWindow     *window)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (gtk_app, "app.quit");
  g_auto(GStrv) close = gtk_application_get_accels_for_action (gtk_app, "win.close");
  g_auto(GStrv) help = gtk_application_get_accels_for_action (gtk_app, "win.show-help-overlay");
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *about = NULL;
  GtkWindow *shortcuts;

  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) close, "<Control>w"));
  g_assert_true (g_strv_contains ((const char * const *) help, "<Control>question"));
  /* The shortcuts window is built when first asked for, not with the window. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_modal (shortcuts));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  /* Closed, it is kept for the next time. */
  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_window_close (shortcuts);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = toplevel;
    }
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "CashDesk Login");
  gtk_window_destroy (about);

  /* Closing the only window ends the application: no app.quit needed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
}

static void
test_actions (void)
{
  RunResult result = { .then = test_close_then_shortcuts };

  g_assert_cmpint (test_app_run (&result, NULL), ==, 0);
  g_assert_nonnull (result.window);
  test_run_result_clear (&result);
}

static char *
test_program (void)
{
  return g_build_filename (g_getenv ("CD_BUILD_DIR"), "src", "app", "cashdesk-login", NULL);
}

static void
test_version (void)
{
  g_autofree char *program = test_program ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program, "--version", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  g_assert_cmpstr (out, ==, "cashdesk-login " PACKAGE_VERSION "\n");
}

static gboolean
test_name_has_owner (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
test_wait_check_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* The real program: the second launch hands over to the first and exits; app.quit on
 * the bus ends the first. */
static void
test_single_instance (void)
{
  g_autofree char *program = test_program ();
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean first_done = FALSE;
  gboolean second_done = FALSE;

  g_assert_nonnull (bus);
  g_assert_false (test_name_has_owner (bus));

  first = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, "--demo", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (first, NULL, test_wait_check_cb, &first_done);
  TEST_WAIT_UNTIL (test_name_has_owner (bus) || first_done, 30);
  g_assert_false (first_done);

  second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (second, NULL, test_wait_check_cb, &second_done);
  TEST_WAIT_UNTIL (second_done, 30);
  g_assert_true (g_subprocess_get_successful (second));
  /* The first instance is still there: it answers the call below. */
  g_assert_false (first_done);

  reply = g_dbus_connection_call_sync (bus, APP_ID, APP_PATH, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  TEST_WAIT_UNTIL (first_done, 30);
  g_assert_true (g_subprocess_get_successful (first));
}

int
main (int   argc,
      char *argv[])
{
  test_window_init (&argc, &argv);
  g_unsetenv ("CASHDESK_API_URL");

  g_test_add_func ("/app/demo-option", test_demo_option);
  g_test_add_data_func ("/app/demo-keyring/quit", test_demo_sign_in_then_quit, test_demo_keyring);
  g_test_add_data_func ("/app/demo-keyring/close", test_demo_sign_in_then_close, test_demo_keyring);
  g_test_add_data_func ("/app/demo-keyring/sigterm", test_demo_sign_in_then_sigterm, test_demo_keyring);
  g_test_add_func ("/app/server-option", test_server_option);
  g_test_add_func ("/app/production-by-default", test_production_by_default);
  g_test_add_func ("/app/server-precedence", test_server_precedence);
  g_test_add_func ("/app/bad-server-option", test_bad_server_option);
  g_test_add_func ("/app/actions", test_actions);
  g_test_add_func ("/app/version", test_version);
  g_test_add_func ("/app/single-instance", test_single_instance);

  return g_test_run ();
}
