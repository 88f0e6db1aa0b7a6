/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-application.c: the single-instance application: its command line, its actions and
 * its window. Owns the stored sign-ins' list (CdAccountList) that the window shows, the
 * demo server with its own list, and the reminders (CdReminderScheduler), which it
 * hands the accounts a window has read and --check-reminders.
 *
 * Options are handled in the primary instance (G_APPLICATION_HANDLES_COMMAND_LINE), so a
 * second launch only presents the window that is already open, and a second
 * --check-reminders checks in the process that already runs. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "cd-account-list.h"
#include "cd-application.h"
#include "cd-demo-server.h"
#include "cd-input.h"
#include "cd-reminder-scheduler.h"
#include "cd-window.h"

/* How long quitting a demo waits for its sign-ins to be forgotten. */
#define CD_DEMO_FORGET_SECONDS 5

struct _CdApplication
{
  AdwApplication  parent_instance;

  /* Every real stored sign-in, one list for the window and the daily check alike. */
  CdAccountList  *accounts;
  /* Started on --demo; lives as long as the application, on its main context. */
  CdDemoServer   *demo_server;
  /* The demo's sign-ins (of one demo server), apart from the real ones. */
  CdAccountList  *demo_accounts;
  /* Set once the demo ends, as its sign-ins are forgotten; cancelled when that takes
   * too long. */
  GCancellable   *demo_forgetting;
  guint           demo_forget_timeout;
  /* A signal ended the program: it quits once the demo's sign-ins are forgotten. */
  gboolean        quit_after_demo;
  CdReminderScheduler *reminders;
  guint           sigterm_source;
  guint           sigint_source;
};

G_DEFINE_FINAL_TYPE (CdApplication, cd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sign in to a built-in demo server with sample accounts"), NULL },
  { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The CashDesk API base URL"), N_("URL") },
  { "developer-id", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The developer ID sent to CashDesk"), N_("ID") },
  { "check-reminders", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Without a window: remind about the stored sign-ins now and then once a day "
       "(what starts at login when daily reminders are on)"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

/* the end of a demo */

static void
cd_application_demo_forgotten_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(CdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_account_list_forget_demo_finish (CD_ACCOUNT_LIST (source), result, &error))
    g_message ("The demo's sign-ins could not be forgotten: %s", error->message);
  g_clear_handle_id (&self->demo_forget_timeout, g_source_remove);
  if (self->quit_after_demo)
    g_application_quit (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
}

static void
cd_application_demo_forget_timeout_cb (gpointer user_data)
{
  CdApplication *self = user_data;

  self->demo_forget_timeout = 0;
  g_cancellable_cancel (self->demo_forgetting);
}

/* The demo's sign-ins die with it: the session collection would keep them until the
 * desktop session ends. The application is held until they are forgotten, or for the
 * few seconds that may take at most, and then ends as it would have. */
static void
cd_application_end_demo (CdApplication *self)
{
  if (self->demo_accounts == NULL || self->demo_forgetting != NULL)
    return;

  g_application_hold (G_APPLICATION (self));
  self->demo_forgetting = g_cancellable_new ();
  self->demo_forget_timeout = g_timeout_add_once (CD_DEMO_FORGET_SECONDS * 1000,
                                                  cd_application_demo_forget_timeout_cb, self);
  cd_account_list_forget_demo_async (self->demo_accounts, self->demo_forgetting,
                                     cd_application_demo_forgotten_cb, g_object_ref (self));
}

static void
cd_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  GList *windows;

  if (!cd_reminder_scheduler_get_checking (self->reminders) && self->demo_accounts == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  /* The daily check runs in this process: the windows close, and the check, which
   * someone turned on, keeps going (turning it off in the menu stops it). In the demo,
   * the last window closing ends the demo (window_removed), which then ends the
   * program. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
}

static void
cd_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  CdApplication *self = CD_APPLICATION (app);
  GList *windows = gtk_application_get_windows (app);

  /* Held before GtkApplication lets go of the last window's hold. */
  if (windows != NULL && windows->data == window && windows->next == NULL)
    cd_application_end_demo (self);

  GTK_APPLICATION_CLASS (cd_application_parent_class)->window_removed (app, window);
}

static void
cd_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The CashDesk Login contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("CashDesk Login"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Sign in to CashDesk at the start of a shift, and see when your e-signature certificate expires."),
                        "developer-name", _("The CashDesk Login contributors"),
                        "developers", developers,
                        "website", "https://github.com/cashdesk-login/cashdesk-login",
                        "issue-url", "https://github.com/cashdesk-login/cashdesk-login/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* TRANSLATORS: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
cd_application_window_ready_cb (CdApplication *self,
                                CdWindow      *window)
{
  /* A window whose reading ends while the application shuts down (the switch turned
   * the daily check off) has nobody left to remind. */
  if (self->reminders == NULL)
    return;
  cd_reminder_scheduler_remind (self->reminders, cd_window_get_accounts (window));
}

static CdWindow *
cd_application_open_window (CdApplication *self,
                            const char    *server,
                            const char    *developer_id)
{
  CdWindow *window;

  if (self->demo_accounts != NULL)
    {
      window = cd_window_new (GTK_APPLICATION (self), self->demo_accounts, NULL, developer_id);
      for (const CdDemoAccount *sample = cd_demo_server_accounts (); sample->email != NULL; sample++)
        cd_window_add_sample_account (window, sample->email, sample->password, _(sample->what));
    }
  else
    {
      window = cd_window_new (GTK_APPLICATION (self), self->accounts, server, developer_id);
    }
  /* The window reads the stored accounts at start-up anyway: the reminder uses them
   * rather than asking the keyring (and its unlock prompt) a second time. */
  g_signal_connect_object (window, "ready", G_CALLBACK (cd_application_window_ready_cb),
                           self, G_CONNECT_SWAPPED);
  cd_window_present_when_ready (window);
  return window;
}

static CdWindow *
cd_application_find_window (CdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The default action of the reminder, also when it starts the application. */
static void
cd_application_show_accounts_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  CdWindow *window = cd_application_find_window (self);

  if (window == NULL)
    window = cd_application_open_window (self, NULL, NULL);
  cd_window_show_accounts (window);
  cd_window_present_when_ready (window);
}

static const GActionEntry app_actions[] = {
  { "quit", cd_application_quit_action },
  { "about", cd_application_about_action },
  { "show-accounts", cd_application_show_accounts_action },
};

static gboolean
cd_application_start_demo (CdApplication  *self,
                           GError        **error)
{
  g_autoptr(CdDemoServer) server = NULL;

  if (self->demo_server != NULL)
    return TRUE;

  server = cd_demo_server_new ();
  if (!cd_demo_server_start (server, 0, NULL, error))
    return FALSE;

  self->demo_server = g_steal_pointer (&server);
  /* The demo's sign-ins never mix with real ones, and never outlive it (README.md). */
  self->demo_accounts = cd_account_list_new_for_demo (cd_demo_server_get_url (self->demo_server));
  cd_reminder_scheduler_set_demo (self->reminders, TRUE);
  return TRUE;
}

static int
cd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("cashdesk-login %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static int
cd_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  CdApplication *self = CD_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;
  const char *server = NULL;
  const char *developer_id = NULL;
  gboolean demo = FALSE;
  gboolean check = FALSE;

  g_variant_dict_lookup (options, "check-reminders", "b", &check);
  if (check)
    return cd_reminder_scheduler_check_command (self->reminders, command_line);

  if (window != NULL)
    {
      gtk_window_present (window);
      return EXIT_SUCCESS;
    }

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "developer-id", "&s", &developer_id);
  g_variant_dict_lookup (options, "demo", "b", &demo);

  if (demo)
    {
      if (!cd_application_start_demo (self, &error))
        {
          g_application_command_line_printerr (command_line,
                                               _("cashdesk-login: cannot start the demo server: %s\n"),
                                               error->message);
          return EXIT_FAILURE;
        }
    }
  else if (server != NULL)
    {
      /* Only the syntax here: whether plain HTTP is allowed is the window's question. */
      g_autofree char *normalized = cd_input_normalize_server (server, TRUE, &error);

      if (normalized == NULL)
        {
          g_application_command_line_printerr (command_line, "cashdesk-login: %s\n",
                                               error->message);
          return EXIT_FAILURE;
        }
    }

  cd_application_open_window (self, server, developer_id);

  return EXIT_SUCCESS;
}

static void
cd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (window);
  else
    cd_application_open_window (CD_APPLICATION (app), NULL, NULL);
}

/* Ended by the session or by kill: the program ends, the daily check with it, once a
 * demo's sign-ins are forgotten. */
static gboolean
cd_application_signal_cb (gpointer user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (self->demo_accounts == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return G_SOURCE_CONTINUE;
    }
  self->quit_after_demo = TRUE;
  if (self->demo_forgetting == NULL)
    cd_application_end_demo (self);
  else if (self->demo_forget_timeout == 0)
    /* Forgotten, or given up on, already. */
    g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}

static void
cd_application_startup (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  /* GTK's own for its help overlay, which the window builds on first use (cd-window.c). */
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);

  cd_account_list_allow_prompts ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);

  self->reminders = cd_reminder_scheduler_new (GTK_APPLICATION (app), self->accounts);

  self->sigterm_source = g_unix_signal_add (SIGTERM, cd_application_signal_cb, app);
  self->sigint_source = g_unix_signal_add (SIGINT, cd_application_signal_cb, app);
}

static void
cd_application_shutdown (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);

  cd_reminder_scheduler_stop (self->reminders);
  g_clear_object (&self->reminders);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);

  G_APPLICATION_CLASS (cd_application_parent_class)->shutdown (app);
}

static void
cd_application_dispose (GObject *object)
{
  CdApplication *self = CD_APPLICATION (object);

  g_clear_object (&self->reminders);
  g_clear_handle_id (&self->demo_forget_timeout, g_source_remove);
  g_clear_object (&self->demo_forgetting);
  g_clear_object (&self->demo_accounts);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (cd_application_parent_class)->dispose (object);
}

static void
cd_application_class_init (CdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = cd_application_dispose;

  app_class->handle_local_options = cd_application_handle_local_options;
  app_class->command_line = cd_application_command_line;
  app_class->activate = cd_application_activate;
  app_class->startup = cd_application_startup;
  app_class->shutdown = cd_application_shutdown;

  gtk_app_class->window_removed = cd_application_window_removed;
}

static void
cd_application_init (CdApplication *self)
{
  self->accounts = cd_account_list_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Sign in to CashDesk and keep the token in the keyring."));
}

CdApplication *
cd_application_new (void)
{
  return g_object_new (CD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}
