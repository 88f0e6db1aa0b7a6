/* cd-window.c: the main window: a stack of the sign-in and the account page.
 *
 * The window decides which server to talk to (command line, environment, GSettings),
 * looks up a stored sign-in at start-up, and remembers the email (never the password). */
#include "config.h"

#include "cd-account-page.h"
#include "cd-input.h"
#include "cd-sign-in-page.h"
#include "cd-store.h"
#include "cd-window.h"

struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *demo_label;
  GtkWidget            *menu_button;
  GtkStack             *stack;
  CdSignInPage         *sign_in_page;
  CdAccountPage        *account_page;

  GSettings            *settings;
  /* Cancelled in dispose; kept until finalize so late callbacks can still ask it. */
  GCancellable         *cancellable;
  char                 *given_server;
  char                 *given_developer_id;
  /* The server preselected at start-up, to tell whether the person changed it. */
  char                 *initial_server;
  gboolean              demo;
  /* --server or CASHDESK_API_URL chose the server: a one-off, not a preference. */
  gboolean              server_overridden;
};

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_DEVELOPER_ID,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cd_window_update_title (CdWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  const char *server = NULL;
  CdAccount *account;

  if (g_strcmp0 (page, "account") == 0
      && (account = cd_account_page_get_account (self->account_page)) != NULL)
    server = cd_account_get_server (account);
  else if (g_strcmp0 (page, "sign-in") == 0)
    server = cd_sign_in_page_get_server (self->sign_in_page);

  if (server != NULL && *server != '\0' && !cd_input_server_is_production (server))
    adw_window_title_set_subtitle (self->window_title, server);
  else
    adw_window_title_set_subtitle (self->window_title, "");
}

static void
cd_window_show_sign_in (CdWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  cd_sign_in_page_focus (self->sign_in_page);
}

static void
cd_window_show_account (CdWindow  *self,
                        CdAccount *account,
                        gboolean   save)
{
  cd_account_page_set_account (self->account_page, account, save);
  gtk_stack_set_visible_child_name (self->stack, "account");
}

static void
cd_window_remember (CdWindow  *self,
                    CdAccount *account)
{
  const char *server = cd_account_get_server (account);

  if (self->demo)
    return;

  g_settings_set_string (self->settings, "last-email", cd_account_get_email (account));

  if (!self->server_overridden
      || g_strcmp0 (cd_sign_in_page_get_server (self->sign_in_page), self->initial_server) != 0)
    {
      g_settings_set_string (self->settings, "server-url",
                             cd_input_server_is_production (server) ? "" : server);
      g_settings_set_boolean (self->settings, "allow-insecure-http",
                              cd_sign_in_page_get_allow_insecure_http (self->sign_in_page));
    }
}

static void
cd_window_signed_in_cb (CdWindow     *self,
                        CdAccount    *account,
                        CdSignInPage *page)
{
  cd_window_remember (self, account);
  cd_window_show_account (self, account, TRUE);
}

static void
cd_window_signed_out_cb (CdWindow      *self,
                         CdAccountPage *page)
{
  cd_window_show_sign_in (self);
}

static void
cd_window_lookup_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = cd_store_lookup_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Not found, expired or no keyring: all of them mean "sign in again". */
  if (account != NULL && cd_account_token_is_valid (account, now))
    cd_window_show_account (self, account, FALSE);
  else
    cd_window_show_sign_in (self);
}

static void
cd_window_close_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
cd_window_close_request (GtkWindow *window)
{
  CdWindow *self = CD_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (cd_window_parent_class)->close_request (window);
}

static void
cd_window_constructed (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);
  g_autofree char *settings_server = NULL;
  g_autofree char *settings_developer_id = NULL;
  g_autofree char *email = NULL;
  g_autofree char *normalized = NULL;
  const char *server;
  const char *developer_id;
  gboolean allow_insecure_http;

  G_OBJECT_CLASS (cd_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_widget_set_visible (self->demo_label, self->demo);

  settings_server = g_settings_get_string (self->settings, "server-url");
  settings_developer_id = g_settings_get_string (self->settings, "developer-id");
  allow_insecure_http = g_settings_get_boolean (self->settings, "allow-insecure-http");

  server = cd_input_resolve_server (self->given_server,
                                    *settings_server != '\0' ? settings_server : NULL);
  developer_id = cd_input_resolve_developer_id (self->given_developer_id,
                                                *settings_developer_id != '\0' ? settings_developer_id : NULL);
  /* Without GSettings in the way, anything but production was asked for from outside. */
  self->server_overridden = !cd_input_server_is_production (cd_input_resolve_server (self->given_server, NULL));
  self->initial_server = g_strdup (server);

  cd_sign_in_page_configure (self->sign_in_page, server, allow_insecure_http,
                             developer_id, self->demo);

  email = g_settings_get_string (self->settings, "last-email");
  cd_sign_in_page_set_email (self->sign_in_page, email);

  normalized = cd_input_normalize_server (server, allow_insecure_http, NULL);
  if (*email != '\0' && normalized != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      cd_store_lookup_async (normalized, email, self->cancellable,
                             cd_window_lookup_cb, g_object_ref (self));
    }
  else
    {
      cd_window_show_sign_in (self);
    }

  cd_window_update_title (self);
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

static void
cd_window_finalize (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self->given_server);
  g_free (self->given_developer_id);
  g_free (self->initial_server);

  G_OBJECT_CLASS (cd_window_parent_class)->finalize (object);
}

static void
cd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, self->given_server);
      break;
    case PROP_DEVELOPER_ID:
      g_value_set_string (value, self->given_developer_id);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      self->given_server = g_value_dup_string (value);
      break;
    case PROP_DEVELOPER_ID:
      self->given_developer_id = g_value_dup_string (value);
      break;
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_class_init (CdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_window_constructed;
  object_class->dispose = cd_window_dispose;
  object_class->finalize = cd_window_finalize;
  object_class->get_property = cd_window_get_property;
  object_class->set_property = cd_window_set_property;

  window_class->close_request = cd_window_close_request;

  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVELOPER_ID] =
    g_param_spec_string ("developer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_SIGN_IN_PAGE);
  g_type_ensure (CD_TYPE_ACCOUNT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, account_page);
  gtk_widget_class_bind_template_callback (widget_class, cd_window_signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_window_signed_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_window_update_title);

  gtk_widget_class_install_action (widget_class, "win.close", NULL, cd_window_close_action);
}

static void
cd_window_init (CdWindow *self)
{
  GtkWidget *toggle;

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8 names the menu button but not the toggle inside it, which is what takes
   * the focus and what screen readers announce. */
  toggle = gtk_widget_get_first_child (self->menu_button);
  if (GTK_IS_TOGGLE_BUTTON (toggle))
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_widget_get_tooltip_text (self->menu_button),
                                    -1);

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (cd_window_update_title), self, G_CONNECT_SWAPPED);
}

CdWindow *
cd_window_new (GtkApplication *application,
               const char     *server,
               const char     *developer_id,
               gboolean        demo)
{
  return g_object_new (CD_TYPE_WINDOW,
                       "application", application,
                       "server", server,
                       "developer-id", developer_id,
                       "demo", demo,
                       NULL);
}
