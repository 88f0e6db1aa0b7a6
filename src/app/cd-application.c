/* cd-application.c: the single-instance application; owns the demo server, and reminds
 * about certificates that run out.
 *
 * Options are handled in the primary instance (G_APPLICATION_HANDLES_COMMAND_LINE), so a
 * second launch only presents the window that is already open. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "cd-account.h"
#include "cd-application.h"
#include "cd-dates.h"
#include "cd-demo-server.h"
#include "cd-input.h"
#include "cd-store.h"
#include "cd-window.h"

/* A certificate this close to its end, or past it, is worth a notification. */
#define CD_REMINDER_DAYS 14
/* More names would not fit a notification; the rest are counted. */
#define CD_REMINDER_MAX_NAMES 5

struct _CdApplication
{
  AdwApplication  parent_instance;

  /* Started on --demo; lives as long as the application, on its main context. */
  CdDemoServer   *demo_server;
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
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static void
cd_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
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

/* "Іваненко М. П." for "Іваненко Марія Петрівна": short enough for a notification, and
 * how Ukrainian paperwork names people. */
static char *
cd_application_short_name (CdAccount *account)
{
  const char *full_name = cd_account_get_full_name (account);
  g_auto(GStrv) words = NULL;
  GString *name = NULL;

  if (full_name == NULL)
    return g_strdup (cd_account_get_email (account));

  words = g_strsplit (full_name, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (name == NULL)
        {
          name = g_string_new (words[i]);
          continue;
        }
      g_string_append_c (name, ' ');
      g_string_append_unichar (name, g_utf8_get_char (words[i]));
      g_string_append_c (name, '.');
    }

  if (name == NULL)
    return g_strdup (cd_account_get_email (account));
  return g_string_free (name, FALSE);
}

static char *
cd_application_describe_due (CdAccount *account,
                             int        days)
{
  g_autofree char *name = cd_application_short_name (account);

  if (days < 0)
    /* TRANSLATORS: a line of a notification; %s is a cashier's name */
    return g_strdup_printf (ngettext ("%s: expired %d day ago", "%s: expired %d days ago", -days),
                            name, -days);
  if (days == 0)
    /* TRANSLATORS: a line of a notification; %s is a cashier's name */
    return g_strdup_printf (_("%s: expires today"), name);
  /* TRANSLATORS: a line of a notification; %s is a cashier's name */
  return g_strdup_printf (ngettext ("%s: expires in %d day", "%s: expires in %d days", days),
                          name, days);
}

/* At most once a day (a day in Kyiv, where the certificates' days are counted), unless
 * turned off: the cashiers whose certificates have run out or are about to. */
static void
cd_application_remind (CdApplication *self,
                       GListModel    *accounts)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *last = g_settings_get_string (settings, "last-reminder-date");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint n_due = 0;

  if (!g_settings_get_boolean (settings, "certificate-reminders") || g_strcmp0 (last, today) == 0)
    return;

  /* The list is soonest first, so the names shown are the most urgent. */
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CdAccount) account = g_list_model_get_item (accounts, i);
      int days = 0;

      if (cd_account_get_cert_state (account, now, &days) == CD_CERT_UNKNOWN
          || days > CD_REMINDER_DAYS)
        continue;
      if (n_due++ < CD_REMINDER_MAX_NAMES)
        g_ptr_array_add (lines, cd_application_describe_due (account, days));
    }
  if (n_due == 0)
    return;

  if (n_due > lines->len)
    /* TRANSLATORS: the last line of a notification that lists cashiers */
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("and %u more", "and %u more", n_due - lines->len),
                                             n_due - lines->len));
  g_ptr_array_add (lines, NULL);
  body = g_strjoinv ("\n", (char **) lines->pdata);
  title = g_strdup_printf (ngettext ("An e-signature certificate needs renewal",
                                     "%u e-signature certificates need renewal", n_due),
                           n_due);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APP_ID);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action (notification, "app.show-accounts");
  g_application_send_notification (G_APPLICATION (self), "certificates", notification);

  g_settings_set_string (settings, "last-reminder-date", today);
}

static void
cd_application_window_ready_cb (CdApplication *self,
                                CdWindow      *window)
{
  cd_application_remind (self, cd_window_get_accounts (window));
}

static CdWindow *
cd_application_open_window (CdApplication *self,
                            const char    *server,
                            const char    *developer_id,
                            gboolean       demo)
{
  CdWindow *window;

  window = cd_window_new (GTK_APPLICATION (self), server, developer_id, demo);
  /* The window reads the stored accounts at start-up anyway: the reminder uses them
   * rather than asking the keyring (and its unlock prompt) a second time. */
  g_signal_connect_object (window, "ready", G_CALLBACK (cd_application_window_ready_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
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
    window = cd_application_open_window (self, NULL, NULL, FALSE);
  cd_window_show_accounts (window);
  gtk_window_present (GTK_WINDOW (window));
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
      server = cd_demo_server_get_url (self->demo_server);
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

  cd_application_open_window (self, server, developer_id, demo);

  return EXIT_SUCCESS;
}

static void
cd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (window);
  else
    cd_application_open_window (CD_APPLICATION (app), NULL, NULL, FALSE);
}

static gboolean
cd_application_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
cd_application_startup (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.close", close_accels);

  /* Ended by the session or by kill: quit as Ctrl+Q would, so that a demo's sign-ins
   * are forgotten (see shutdown). */
  self->sigterm_source = g_unix_signal_add (SIGTERM, cd_application_signal_cb, app);
  self->sigint_source = g_unix_signal_add (SIGINT, cd_application_signal_cb, app);
}

static void
cd_application_demo_forgotten_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  gboolean *done = user_data;

  cd_store_forget_finish (result, NULL);
  *done = TRUE;
  g_rc_box_release (done);
}

static gboolean
cd_application_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The demo's sign-ins die with it: the session collection would keep them until the
 * desktop session ends. Quitting waits for that, a few seconds at most. */
static void
cd_application_shutdown (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);

  if (self->demo_server != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
      /* Shared with the callback, which may come after the waiting has given up. */
      gboolean *done = g_rc_box_new0 (gboolean);
      guint wake = g_timeout_add (50, cd_application_wake, NULL);

      cd_store_forget_async (cd_demo_server_get_url (self->demo_server), NULL, NULL,
                             cd_application_demo_forgotten_cb, g_rc_box_acquire (done));
      while (!*done && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (wake);
      g_rc_box_release (done);
    }

  G_APPLICATION_CLASS (cd_application_parent_class)->shutdown (app);
}

static void
cd_application_dispose (GObject *object)
{
  CdApplication *self = CD_APPLICATION (object);

  g_clear_object (&self->demo_server);

  G_OBJECT_CLASS (cd_application_parent_class)->dispose (object);
}

static void
cd_application_class_init (CdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cd_application_dispose;

  app_class->handle_local_options = cd_application_handle_local_options;
  app_class->command_line = cd_application_command_line;
  app_class->activate = cd_application_activate;
  app_class->startup = cd_application_startup;
  app_class->shutdown = cd_application_shutdown;
}

static void
cd_application_init (CdApplication *self)
{
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
