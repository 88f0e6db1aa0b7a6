/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-window.c: the main window: the stored accounts, the sign-in and the account page.
 *
 * The window decides which server to talk to (command line, environment, GSettings),
 * has the list of stored sign-ins it was given read at start-up, and remembers the
 * email (never the password).
 * With one stored sign-in it opens on it, as a cashier's till wants; with several, on
 * the list, as a back office wants. The pages sit in a GtkStack under one header bar,
 * whose back button returns to the list (libadwaita 1.2 has no AdwNavigationView). */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"
#include "cd-account-list.h"
#include "cd-account-page.h"
#include "cd-accounts-page.h"
#include "cd-config.h"
#include "cd-input.h"
#include "cd-sign-in-page.h"
#include "cd-window.h"

struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkWidget            *demo_label;
  GtkWidget            *menu_button;
  GtkStack             *stack;
  /* Made when first needed, then held by the stack: see cd_window_accounts_page(). */
  CdAccountsPage       *accounts_page;
  CdSignInPage         *sign_in_page;
  /* Made when first needed, then held by the stack: see cd_window_account_page(). */
  CdAccountPage        *account_page;
  guint                 prepare_id;
  /* cd_window_present_when_ready() is waiting for the first page, at most until this. */
  guint                 present_id;

  /* The stored sign-ins: the application's list (the demo's, in the demo). */
  CdAccountList        *accounts;
  GSettings            *settings;
  /* Cancelled in dispose; kept until finalize so late callbacks can still ask it. */
  GCancellable         *cancellable;
  char                 *given_server;
  char                 *given_developer_id;
  /* The server preselected at start-up, to tell whether the person changed it. */
  char                 *initial_server;
  gboolean              initial_allow_insecure_http;
  char                 *developer_id;
  /* The account the account page shows, to sign in again as it once signed out. */
  CdAccount            *shown_account;
  gboolean              demo;
  /* --server or CASHDESK_API_URL chose the server: a one-off, not a preference. */
  gboolean              server_overridden;
  /* The stored accounts have been read once: the first page is decided. */
  gboolean              ready;
  /* app.show-accounts came before that: the list is the first page, whatever it holds. */
  gboolean              want_accounts;
  /* The window has been active once: a screen reader has been told of it. */
  gboolean              was_active;
  /* A page was shown before that: its focus waits for it. */
  gboolean              focus_when_active;
  gboolean              focus_signed_in_now;
};

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_DEVELOPER_ID,
  PROP_DEMO,
  PROP_ACCOUNTS,
  N_PROPS
};

enum {
  READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
cd_window_on_page (CdWindow   *self,
                   const char *page)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) == 0;
}

static void cd_window_account_activated_cb (CdWindow       *self,
                                            CdAccount      *account,
                                            CdAccountsPage *page);
static void cd_window_add_account_cb       (CdWindow       *self,
                                            CdAccountsPage *page);
static void cd_window_sign_in_again_cb (CdWindow      *self,
                                        CdAccount     *account,
                                        CdAccountPage *page);
static void cd_window_signed_out_cb    (CdWindow      *self,
                                        CdAccountPage *page);

/* The list of stored sign-ins, made the first time it is shown: a cashier's window
 * never shows it, and at start-up its widgets and icons were a tenth of the window's
 * own work (tests/bench/profile-start). */
static CdAccountsPage *
cd_window_accounts_page (CdWindow *self)
{
  if (self->accounts_page != NULL)
    return self->accounts_page;

  self->accounts_page = g_object_new (CD_TYPE_ACCOUNTS_PAGE, NULL);
  cd_accounts_page_set_accounts (self->accounts_page, self->accounts);
  g_signal_connect_object (self->accounts_page, "account-activated",
                           G_CALLBACK (cd_window_account_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts_page, "add-account",
                           G_CALLBACK (cd_window_add_account_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->accounts_page), "accounts",
                        C_("page", "Accounts"));
  cd_accessible_fix_names (GTK_WIDGET (self->accounts_page));
  return self->accounts_page;
}

/* The account page, made the first time an account is shown or a sign-in starts: most
 * starts show only the sign-in page or the list, and building it with the window made up
 * a fifth of the window's own start-up work (callgrind; tests/bench/RESULTS.md). */
static CdAccountPage *
cd_window_account_page (CdWindow *self)
{
  if (self->account_page != NULL)
    return self->account_page;

  self->account_page = g_object_new (CD_TYPE_ACCOUNT_PAGE, NULL);
  cd_account_page_set_accounts (self->account_page, self->accounts);
  g_signal_connect_object (self->account_page, "signed-out",
                           G_CALLBACK (cd_window_signed_out_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account_page, "sign-in-again",
                           G_CALLBACK (cd_window_sign_in_again_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->account_page), "account",
                        C_("page", "Account"));
  cd_accessible_fix_names (GTK_WIDGET (self->account_page));
  return self->account_page;
}

static gboolean
cd_window_prepare_account_page_cb (gpointer user_data)
{
  CdWindow *self = user_data;

  self->prepare_id = 0;
  cd_window_account_page (self);
  return G_SOURCE_REMOVE;
}

/* Made while the server answers, rather than in the same turn of the main loop as
 * storing and showing the answer; after the busy state is drawn (an idle comes after
 * GTK's drawing). */
static void
cd_window_signing_in_cb (CdWindow     *self,
                         CdSignInPage *page)
{
  if (self->account_page == NULL && self->prepare_id == 0)
    self->prepare_id = g_idle_add (cd_window_prepare_account_page_cb, self);
}

/* The host (and port) of @server: what tells servers apart, short enough for the
 * title of a 360 px window; the whole address is in the tooltip. */
static char *
cd_window_server_short_name (const char *server)
{
  g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (server);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static void
cd_window_update_title (CdWindow *self)
{
  GtkStackPage *page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  const char *server = NULL;
  CdAccount *account;

  /* Each page is titled by what it is (the list, the sign-in, an account): shorter than
   * the program's name, which the window keeps, and what a screen reader says of it. */
  adw_window_title_set_title (self->window_title,
                              cd_window_on_page (self, "loading")
                              ? gtk_window_get_title (GTK_WINDOW (self))
                              : gtk_stack_page_get_title (page));

  if (cd_window_on_page (self, "account")
      && (account = cd_account_page_get_account (cd_window_account_page (self))) != NULL)
    server = cd_account_get_server (account);
  else if (cd_window_on_page (self, "sign-in"))
    server = cd_sign_in_page_get_server (self->sign_in_page);

  if (server != NULL && (*server == '\0' || cd_config_server_is_production (server)))
    server = NULL;

  if (server != NULL)
    {
      g_autofree char *short_name = cd_window_server_short_name (server);

      adw_window_title_set_subtitle (self->window_title, short_name);
    }
  else
    adw_window_title_set_subtitle (self->window_title, "");
  /* Only when it changes: GTK 4.8 asks the X server where the pointer is (a round trip)
   * whenever a visible widget's tooltip is set, the same or none. */
  if (g_strcmp0 (server, gtk_widget_get_tooltip_text (GTK_WIDGET (self->window_title))) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), server);
}

/* Back to the list wherever it has something to go back to: from an account, and from
 * the sign-in when accounts are stored. */
static void
cd_window_update_back (CdWindow *self)
{
  gboolean back;

  if (self->accounts == NULL)
    return;

  back = cd_window_on_page (self, "account")
         || (cd_window_on_page (self, "sign-in")
             && g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) > 0);
  gtk_widget_set_visible (self->back_button, back);
}

static void
cd_window_page_changed_cb (CdWindow *self)
{
  cd_window_update_title (self);
  cd_window_update_back (self);
}

/* The keyboard into the page shown: now, or, while the window has never been active,
 * once it is. GTK 4.8 tells a screen reader of a focus as it moves, in a window not yet
 * active too, and of the window only as it becomes active: a first page shown before
 * that (the stored sign-ins read before the window manager gives the window the
 * keyboard) had Orca hear its field first, with neither the window nor the page around
 * it ("Search Accounts entry", no "Accounts"), and then take the window as already said.
 * Moved once the window is active, the focus comes after the window, and Orca says the
 * page on the way to the field. Later (after a dialog, say) the window has been said:
 * the focus moves at once, as the keyboard is expected there. */
static void
cd_window_focus_page (CdWindow *self,
                      gboolean  signed_in_now)
{
  self->focus_signed_in_now = signed_in_now;
  self->focus_when_active = !self->was_active && !gtk_window_is_active (GTK_WINDOW (self));
  if (self->focus_when_active)
    return;

  if (cd_window_on_page (self, "accounts"))
    /* The keyboard on the search, as the page says what it is: not left in the header. */
    cd_accounts_page_focus_search (cd_window_accounts_page (self));
  else if (cd_window_on_page (self, "sign-in"))
    cd_sign_in_page_focus (self->sign_in_page);
  else if (cd_window_on_page (self, "account"))
    cd_account_page_focus (cd_window_account_page (self), signed_in_now);
}

static void
cd_window_is_active_cb (CdWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;
  self->was_active = TRUE;
  if (self->focus_when_active)
    cd_window_focus_page (self, self->focus_signed_in_now);
}

static void
cd_window_show_sign_in (CdWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  cd_window_focus_page (self, FALSE);
}

/* The sign-in page, ready for @account's password on @account's server. */
static void
cd_window_sign_in_again (CdWindow  *self,
                         CdAccount *account)
{
  const char *server = cd_account_get_server (account);
  g_autofree char *strict = cd_input_normalize_server (server, FALSE, NULL);

  cd_sign_in_page_reset (self->sign_in_page);
  /* It was stored, so it was allowed: plain HTTP on the LAN needed the switch then. */
  cd_sign_in_page_configure (self->sign_in_page, server, strict == NULL,
                             self->developer_id);
  cd_sign_in_page_set_email (self->sign_in_page, cd_account_get_email (account));
  cd_window_show_sign_in (self);
}

/* @account, stored; or just signed in (@signed_in_now), with why the keyring did not
 * keep it (@not_saved) when it did not. */
static void
cd_window_show_account (CdWindow     *self,
                        CdAccount    *account,
                        gboolean      signed_in_now,
                        const GError *not_saved)
{
  CdAccountPage *page = cd_window_account_page (self);

  g_set_object (&self->shown_account, account);
  cd_sign_in_page_reset (self->sign_in_page);
  cd_account_page_set_account (page, account, not_saved);
  gtk_stack_set_visible_child_name (self->stack, "account");
  cd_window_focus_page (self, signed_in_now);
}

/* The sign-in page for @account, saying that its sign-in has expired or ends soon. */
static void
cd_window_renew (CdWindow  *self,
                 CdAccount *account)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *notice = NULL;

  cd_window_sign_in_again (self, account);
  if (cd_account_token_is_valid (account, now))
    /* TRANSLATORS: %s is an email address; the sign-in ends soon, and is renewed early */
    notice = g_strdup_printf (_("The sign-in of %s ends soon. Enter the password to renew it."),
                              cd_account_get_email (account));
  else
    /* TRANSLATORS: %s is an email address */
    notice = g_strdup_printf (_("The sign-in of %s has expired. Enter the password to sign in again."),
                              cd_account_get_email (account));
  cd_sign_in_page_set_notice (self->sign_in_page, notice);
}

/* A stored account: shown from the keyring while its token is good, else the sign-in. */
static void
cd_window_open_account (CdWindow  *self,
                        CdAccount *account)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (cd_account_token_is_valid (account, now))
    cd_window_show_account (self, account, FALSE, NULL);
  else
    cd_window_renew (self, account);
}

static void
cd_window_sign_in_again_cb (CdWindow      *self,
                            CdAccount     *account,
                            CdAccountPage *page)
{
  g_autoptr(CdAccount) held = g_object_ref (account);

  cd_window_renew (self, held);
}

static void
cd_window_show_list (CdWindow *self)
{
  /* Made, the first time, before the stack is asked for it. */
  cd_window_accounts_page (self);
  cd_sign_in_page_reset (self->sign_in_page);
  gtk_stack_set_visible_child_name (self->stack, "accounts");
  cd_window_focus_page (self, FALSE);
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
                             cd_config_server_is_production (server) ? "" : server);
      g_settings_set_boolean (self->settings, "allow-insecure-http",
                              cd_sign_in_page_get_allow_insecure_http (self->sign_in_page));
    }
}

static void
cd_window_signed_in_cb (CdWindow     *self,
                        CdAccount    *account,
                        const GError *not_saved,
                        CdSignInPage *page)
{
  cd_window_remember (self, account);
  cd_window_show_account (self, account, TRUE, not_saved);
}

/* Others still stored: back to them. The last one gone: its sign-in, as before. The
 * list has already let the account go. */
static void
cd_window_signed_out_cb (CdWindow      *self,
                         CdAccountPage *page)
{
  g_autoptr(CdAccount) account = g_steal_pointer (&self->shown_account);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) > 0)
    cd_window_show_list (self);
  else if (account != NULL)
    cd_window_sign_in_again (self, account);
  else
    cd_window_show_sign_in (self);
}

static void
cd_window_account_activated_cb (CdWindow       *self,
                                CdAccount      *account,
                                CdAccountsPage *page)
{
  cd_window_open_account (self, account);
}

static void
cd_window_add_account_cb (CdWindow       *self,
                          CdAccountsPage *page)
{
  cd_sign_in_page_reset (self->sign_in_page);
  cd_sign_in_page_configure (self->sign_in_page, self->initial_server,
                             self->initial_allow_insecure_http, self->developer_id);
  cd_sign_in_page_set_email (self->sign_in_page, "");
  cd_window_show_sign_in (self);
}

static void
cd_window_started_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *accounts = G_LIST_MODEL (self->accounts);
  guint n_accounts;

  /* No keyring: the list says why; the sign-in works without it, and says that the
   * stored sign-ins could not be read, with Try Again. */
  cd_account_list_load_finish (self->accounts, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  n_accounts = g_list_model_get_n_items (accounts);
  self->ready = TRUE;

  if (error != NULL)
    {
      cd_window_show_sign_in (self);
      cd_sign_in_page_set_keyring_notice (self->sign_in_page, error->message);
    }
  else if (self->want_accounts || n_accounts > 1)
    cd_window_show_list (self);
  else if (n_accounts == 1)
    {
      g_autoptr(CdAccount) account = g_list_model_get_item (accounts, 0);

      cd_window_open_account (self, account);
    }
  else
    cd_window_show_sign_in (self);

  if (self->present_id != 0)
    {
      g_clear_handle_id (&self->present_id, g_source_remove);
      gtk_window_present (GTK_WINDOW (self));
    }
  g_signal_emit (self, signals[READY], 0);
}

static gboolean
cd_window_present_timeout_cb (gpointer user_data)
{
  CdWindow *self = user_data;

  self->present_id = 0;
  gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* The window's first frame is costly whatever it shows (GL set up, fonts loaded, the
 * header bar drawn): shown before the stored sign-ins are read, the window drew the
 * blank loading page first, and the page it opens on a whole frame later. */
void
cd_window_present_when_ready (CdWindow *self)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  if (self->ready || gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_present (GTK_WINDOW (self));
  else if (self->present_id == 0)
    self->present_id = g_timeout_add (CD_WINDOW_PRESENT_WAIT_MS, cd_window_present_timeout_cb,
                                      self);
}

void
cd_window_show_accounts (CdWindow *self)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  if (!self->ready)
    {
      self->want_accounts = TRUE;
      return;
    }

  cd_window_show_list (self);
  /* Other programs (cashdesk-token) may have signed in or out since the last reading. */
  cd_account_list_load_async (self->accounts, self->cancellable, NULL, NULL);
}

GListModel *
cd_window_get_accounts (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

/* The sign-in page's Try Again, after the stored sign-ins could not be read: asks the
 * keyring again (a locked one shows its unlock prompt), and opens what it holds. */
static void
cd_window_reload_accounts_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  CdWindow *self = CD_WINDOW (widget);

  cd_sign_in_page_set_notice (self->sign_in_page, NULL);
  cd_account_list_load_async (self->accounts, self->cancellable,
                              cd_window_started_cb, g_object_ref (self));
}

static void
cd_window_show_accounts_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  cd_window_show_accounts (CD_WINDOW (widget));
}

/* Ctrl+F anywhere: the list of stored accounts, searching. */
static void
cd_window_search_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CdWindow *self = CD_WINDOW (widget);

  if (!self->ready
      || (!cd_window_on_page (self, "accounts")
          && g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) == 0))
    return;

  if (!cd_window_on_page (self, "accounts"))
    cd_window_show_accounts (self);
  cd_accounts_page_focus_search (cd_window_accounts_page (self));
}

static void
cd_window_close_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* The keyboard shortcuts, built the first time they are asked for. GTK builds a
 * resource named gtk/help-overlay.ui with every window, as it opens: a template of its
 * own, and an X server round trip for each of its tooltips, before the first frame of a
 * window whose shortcuts most cashiers never open. */
static void
cd_window_show_shortcuts_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/cashdesk_login/CashDeskLogin/cd-shortcuts-window.ui");
      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Modal, transient for the window, hidden on close, and gone with it. */
      gtk_application_window_set_help_overlay (window, shortcuts);
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

static void
cd_window_constructed (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);
  g_autofree char *settings_server = NULL;
  g_autofree char *settings_developer_id = NULL;
  g_autofree char *email = NULL;
  const char *server;

  G_OBJECT_CLASS (cd_window_parent_class)->constructed (object);

  /* Bound, not saved on close: Ctrl+Q quits without closing the window first. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  self->demo = cd_account_list_get_demo_server (self->accounts) != NULL;
  gtk_widget_set_visible (self->demo_label, self->demo);

  settings_server = g_settings_get_string (self->settings, "server-url");
  settings_developer_id = g_settings_get_string (self->settings, "developer-id");
  self->initial_allow_insecure_http = g_settings_get_boolean (self->settings, "allow-insecure-http");

  server = cd_config_resolve_server (self->given_server,
                                    *settings_server != '\0' ? settings_server : NULL);
  self->developer_id = g_strdup (cd_config_resolve_developer_id (self->given_developer_id,
                                                                *settings_developer_id != '\0' ? settings_developer_id : NULL));
  /* Without GSettings in the way, anything but production was asked for from outside. */
  self->server_overridden = !cd_config_server_is_production (cd_config_resolve_server (self->given_server, NULL));
  self->initial_server = g_strdup (server);

  cd_sign_in_page_configure (self->sign_in_page, server, self->initial_allow_insecure_http,
                             self->developer_id);
  cd_sign_in_page_set_accounts (self->sign_in_page, self->accounts);
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (cd_window_update_back), self, G_CONNECT_SWAPPED);

  email = g_settings_get_string (self->settings, "last-email");
  cd_sign_in_page_set_email (self->sign_in_page, email);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  cd_account_list_load_async (self->accounts, self->cancellable,
                              cd_window_started_cb, g_object_ref (self));

  cd_window_page_changed_cb (self);
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->shown_account);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  g_clear_handle_id (&self->present_id, g_source_remove);
  /* The stack holds them, and goes with the template. */
  self->account_page = NULL;
  self->accounts_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

static void
cd_window_finalize (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);
  g_free (self->given_server);
  g_free (self->given_developer_id);
  g_free (self->initial_server);
  g_free (self->developer_id);

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
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
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
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
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

  object_class->constructed = cd_window_constructed;
  object_class->dispose = cd_window_dispose;
  object_class->finalize = cd_window_finalize;
  object_class->get_property = cd_window_get_property;
  object_class->set_property = cd_window_set_property;


  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVELOPER_ID] =
    g_param_spec_string ("developer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL, CD_TYPE_ACCOUNT_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CD_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, sign_in_page);
  gtk_widget_class_bind_template_callback (widget_class, cd_window_signing_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_window_signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_window_update_title);

  gtk_widget_class_install_action (widget_class, "win.close", NULL, cd_window_close_action);
  gtk_widget_class_install_action (widget_class, "win.show-accounts", NULL,
                                   cd_window_show_accounts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.show-accounts", NULL);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, cd_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.reload-accounts", NULL,
                                   cd_window_reload_accounts_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   cd_window_show_shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
}

static void
cd_window_init (CdWindow *self)
{
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->menu_button, TRUE);
  cd_accessible_fix_names (GTK_WIDGET (self));
  /* GTK 4.8 would say the menu's type name, "GtkPopoverMenu", as it opens. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"),
                                  -1);

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (cd_window_page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (cd_window_is_active_cb), NULL);
}

CdWindow *
cd_window_new (GtkApplication *application,
               CdAccountList  *accounts,
               const char     *server,
               const char     *developer_id)
{
  const char *demo_server;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CD_IS_ACCOUNT_LIST (accounts), NULL);
  demo_server = cd_account_list_get_demo_server (accounts);
  g_return_val_if_fail (demo_server == NULL || server == NULL, NULL);

  return g_object_new (CD_TYPE_WINDOW,
                       "application", application,
                       "accounts", accounts,
                       "server", demo_server != NULL ? demo_server : server,
                       "developer-id", developer_id,
                       NULL);
}

void
cd_window_add_sample_account (CdWindow   *self,
                              const char *email,
                              const char *password,
                              const char *what)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (self->demo);

  cd_sign_in_page_add_sample_account (self->sign_in_page, email, password, what);
}
