/* cd-application.c: the single-instance application; owns the demo server.
 *
 * Options are handled in the primary instance (G_APPLICATION_HANDLES_COMMAND_LINE), so a
 * second launch only presents the window that is already open. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-demo-server.h"
#include "cd-input.h"
#include "cd-window.h"

struct _CdApplication
{
  AdwApplication  parent_instance;

  /* Started on --demo; lives as long as the application, on its main context. */
  CdDemoServer   *demo_server;
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

static const GActionEntry app_actions[] = {
  { "quit", cd_application_quit_action },
  { "about", cd_application_about_action },
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

static void
cd_application_open_window (CdApplication *self,
                            const char    *server,
                            const char    *developer_id,
                            gboolean       demo)
{
  CdWindow *window;

  window = cd_window_new (GTK_APPLICATION (self), server, developer_id, demo);
  gtk_window_present (GTK_WINDOW (window));
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

static void
cd_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.close", close_accels);
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
