/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-sign-in-page.c: email, password and server; signs in (cd-sign-in.h: CashDesk asked,
 * the sign-in stored in the account list) and hands over who signed in, with why the
 * keyring did not keep it when it did not.
 *
 * The password lives only in the password field: the client copies it into the request,
 * and our copy is wiped. The field keeps it while the request is in flight and after a
 * failure that was not about the password (the server down, too many attempts, Cancel),
 * so that trying again needs no retyping; a refused sign-in clears it, and so does
 * leaving the page. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-accessible.h"
#include "cd-config.h"
#include "cd-error.h"
#include "cd-input.h"
#include "cd-secret-buffer.h"
#include "cd-sign-in.h"
#include "cd-sign-in-page.h"
#include "cd-spinner.h"
#include "cd-wipe.h"

/* The rows of the server choice, in the order of the .ui's string list. */
enum {
  SERVER_PRODUCTION,
  SERVER_TEST,
  SERVER_CUSTOM,
};

struct _CdSignInPage
{
  AdwBin               parent_instance;

  GtkWidget           *notice_box;
  GtkLabel            *notice_label;
  GtkWidget           *notice_button;
  GtkWidget           *error_box;
  GtkWidget           *error_icon;
  GtkWidget           *error_text_box;
  GtkLabel            *error_title;
  GtkLabel            *error_label;
  GtkWidget           *form_group;
  GtkWidget           *email_row;
  GtkLabel            *email_error_label;
  GtkWidget           *password_row;
  /* The password field's text: the password itself is read from here only. */
  CdSecretBuffer      *password;
  GtkToggleButton     *peek_button;
  GtkStack            *action_stack;
  GtkWidget           *cancel_button;
  GtkExpander         *advanced_expander;
  GtkWidget           *server_group;
  AdwComboRow         *server_row;
  GtkWidget           *custom_box;
  GtkWidget           *custom_row;
  GtkWidget           *insecure_row;
  GtkSwitch           *insecure_switch;
  GtkWidget           *server_hint;
  GtkLabel            *server_hint_label;
  AdwPreferencesGroup *demo_group;

  /* Where a sign-in is stored. */
  CdAccountList       *accounts;
  /* The sign-in in flight; NULL when the form is editable. */
  GCancellable        *cancellable;
  char                *developer_id;
  char                *server;
  /* The chosen server passes the URL policy with the switch as it is. */
  gboolean             server_ok;
};

G_DEFINE_FINAL_TYPE (CdSignInPage, cd_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SERVER,
  N_PROPS
};

enum {
  SIGNING_IN,
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
cd_sign_in_page_dup_email (CdSignInPage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
}

static gboolean
cd_sign_in_page_can_submit (CdSignInPage *self)
{
  g_autofree char *email = cd_sign_in_page_dup_email (self);
  const char *password = cd_secret_buffer_get_secret (self->password);

  return self->cancellable == NULL
         && self->server_ok
         && cd_input_email_is_valid (email)
         && *password != '\0';
}

static void
cd_sign_in_page_update (CdSignInPage *self);

/* Why @email is no email address, in words a cashier can act on. */
static const char *
cd_sign_in_page_email_problem (const char *email)
{
  if (strchr (email, '@') == NULL && strchr (email, '"') != NULL)
    return _("An email address needs “@”. On the Ukrainian keyboard layout Shift+2 types “\"”: switch to the English layout to type “@”.");
  if (strchr (email, '@') == NULL)
    return _("An email address needs “@”, as in name@example.com.");
  return _("This is not a complete email address: check it against name@example.com.");
}

/* Marks the email field when what it holds cannot be an email address, and says why
 * (also to screen readers); @show is FALSE while the person may still be typing, which
 * only takes a mark away. */
static void
cd_sign_in_page_check_email (CdSignInPage *self,
                             gboolean      show)
{
  g_autofree char *email = cd_sign_in_page_dup_email (self);
  GtkWidget *row = gtk_widget_get_parent (self->email_row);
  gboolean invalid = *email != '\0' && !cd_input_email_is_valid (email);
  const char *problem = invalid ? cd_sign_in_page_email_problem (email) : NULL;

  if (!invalid)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->email_error_label), FALSE);
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->email_row), GTK_ACCESSIBLE_STATE_INVALID);
      cd_accessible_describe (self->email_row, NULL);
      return;
    }
  if (!show && !gtk_widget_get_visible (GTK_WIDGET (self->email_error_label)))
    return;

  gtk_label_set_label (self->email_error_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->email_error_label), TRUE);
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->email_row),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  cd_accessible_describe (self->email_row, problem);
}

static void
cd_sign_in_page_email_changed_cb (CdSignInPage *self)
{
  cd_sign_in_page_check_email (self, FALSE);
  cd_sign_in_page_update (self);
}

static void
cd_sign_in_page_email_left_cb (CdSignInPage *self)
{
  cd_sign_in_page_check_email (self, TRUE);
}

static void
cd_sign_in_page_update (CdSignInPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit",
                                 cd_sign_in_page_can_submit (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.cancel",
                                 self->cancellable != NULL);
}

/* GTK 4.8 tells screen readers nothing when a widget is shown; it does when a widget's
 * hidden state changes, once a screen reader has seen the widget. So the alert stays
 * in the tree, empty while there is no error, and each error it shows toggles its
 * hidden state: screen readers hear of the alert as it appears. */
static void
cd_sign_in_page_reveal_error (CdSignInPage *self,
                              gboolean      reveal)
{
  gtk_widget_set_visible (self->error_icon, reveal);
  gtk_widget_set_visible (self->error_text_box, reveal);
  if (reveal)
    {
      gtk_widget_add_css_class (self->error_box, "cd-banner");
      gtk_widget_add_css_class (self->error_box, "cd-banner-error");
    }
  else
    {
      gtk_widget_remove_css_class (self->error_box, "cd-banner");
      gtk_widget_remove_css_class (self->error_box, "cd-banner-error");
      cd_accessible_describe (self->password_row, NULL);
    }
  gtk_widget_set_margin_bottom (self->error_box, reveal ? 24 : 0);
  if (reveal)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->error_box),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->error_box),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, FALSE,
                                   -1);
    }
}

gboolean
cd_sign_in_page_get_error_shown (CdSignInPage *self)
{
  g_return_val_if_fail (CD_IS_SIGN_IN_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->error_text_box);
}

static void
cd_sign_in_page_set_hint (CdSignInPage *self,
                          const char   *hint)
{
  gtk_label_set_label (self->server_hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (self->server_hint, hint != NULL);
}

/* libadwaita 1.2 gives the combo row only its title as a name: the choice, and the
 * address it stands for, are said after it. */
static void
cd_sign_in_page_describe_server (CdSignInPage *self,
                                 gboolean      custom,
                                 const char   *server)
{
  GtkStringObject *choice = adw_combo_row_get_selected_item (self->server_row);
  const char *kind = choice != NULL ? gtk_string_object_get_string (choice) : "";
  g_autofree char *value = custom
                           ? g_strdup (kind)
                           /* TRANSLATORS: a server's kind, then its address */
                           : g_strdup_printf (_("%s, %s"), kind, server);

  cd_accessible_describe (GTK_WIDGET (self->server_row), value);
}

static void
cd_sign_in_page_server_changed (CdSignInPage *self)
{
  guint selected = adw_combo_row_get_selected (self->server_row);
  gboolean allow = gtk_switch_get_active (self->insecure_switch);
  gboolean custom = selected == SERVER_CUSTOM;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *strict = NULL;
  g_autofree char *lax = NULL;
  gboolean needs_switch;

  if (selected == SERVER_PRODUCTION)
    server = g_strdup (CD_SERVER_PRODUCTION);
  else if (selected == SERVER_TEST)
    server = g_strdup (CD_SERVER_TEST);
  else
    server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_row))));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->server_row), custom ? "" : server);
  gtk_widget_set_visible (self->custom_box, custom);
  cd_sign_in_page_describe_server (self, custom, server);

  strict = cd_input_normalize_server (server, FALSE, NULL);
  lax = cd_input_normalize_server (server, TRUE, &error);
  needs_switch = strict == NULL && lax != NULL;
  self->server_ok = allow ? lax != NULL : strict != NULL;

  gtk_widget_set_visible (self->insecure_row, custom && (needs_switch || allow));

  if (!custom || *server == '\0')
    cd_sign_in_page_set_hint (self, NULL);
  else if (lax == NULL)
    cd_sign_in_page_set_hint (self, error->message);
  else if (needs_switch && !allow)
    cd_sign_in_page_set_hint (self, _("This address uses plain HTTP: the password and the sign-in would travel unencrypted. Allow plain HTTP only for a SmartConnect server on the shop’s local network."));
  else if (needs_switch)
    cd_sign_in_page_set_hint (self, _("Plain HTTP is allowed: the password and the sign-in travel unencrypted over the local network."));
  else
    cd_sign_in_page_set_hint (self, NULL);

  if (g_strcmp0 (self->server, server) != 0)
    {
      g_free (self->server);
      self->server = g_steal_pointer (&server);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
    }

  cd_sign_in_page_update (self);
}

static void
cd_sign_in_page_set_busy (CdSignInPage *self,
                          gboolean      busy)
{
  gtk_stack_set_visible_child_name (self->action_stack, busy ? "busy" : "idle");
  cd_sign_in_page_update (self);

  /* Before the focused field goes insensitive, so that it sees its focus leave. */
  if (busy)
    gtk_widget_grab_focus (self->cancel_button);

  gtk_widget_set_sensitive (self->form_group, !busy);
  gtk_widget_set_sensitive (self->server_group, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_group), !busy);
}

static const char *
cd_sign_in_page_error_title (const GError *error)
{
  if (error->domain != CD_ERROR)
    return _("Cannot sign in");

  switch ((CdError) error->code)
    {
    case CD_ERROR_REJECTED:
      return _("Sign-in refused");
    case CD_ERROR_RATE_LIMITED:
      return _("Too many attempts");
    case CD_ERROR_NETWORK:
    case CD_ERROR_TIMEOUT:
      return _("Cannot reach the server");
    case CD_ERROR_TLS:
      return _("Cannot connect securely");
    case CD_ERROR_SERVER:
    case CD_ERROR_PROTOCOL:
      return _("The server could not sign you in");
    case CD_ERROR_INVALID_INPUT:
    case CD_ERROR_INSECURE_URL:
    case CD_ERROR_KEYRING:
    case CD_ERROR_NOT_FOUND:
    default:
      return _("Cannot sign in");
    }
}

static void
cd_sign_in_page_show_error (CdSignInPage *self,
                            const GError *error)
{
  const char *title = cd_sign_in_page_error_title (error);
  /* Under "Sign-in refused", only the reason: the heading is not said twice. */
  g_autofree char *reason = cd_error_dup_refusal_reason (error);
  const char *message = reason != NULL ? reason : error->message;
  g_autofree char *description = NULL;

  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message);
  /* The alert is named by its title and described by the message; the field the focus
   * goes back to is described by them too, so that a screen reader says why, once. */
  description = g_strdup_printf ("%s: %s", title, message);
  /* Hidden first: a new error in place of an older one is announced too. */
  cd_sign_in_page_reveal_error (self, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  cd_accessible_describe (self->password_row, description);
  cd_sign_in_page_reveal_error (self, TRUE);

  if (g_error_matches (error, CD_ERROR, CD_ERROR_INSECURE_URL))
    gtk_widget_grab_focus (GTK_WIDGET (self->custom_row));
  else
    /* Back to the password, but not selected: a screen reader reads a selection out
     * (and typing replaces the password only when the person chooses to). */
    gtk_text_grab_focus_without_selecting (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->password_row))));
}

static void
cd_sign_in_page_signed_in_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(CdSignInPage) self = user_data;
  g_autoptr(CdSignInResult) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  signed_in = cd_sign_in_finish (result, &error);

  /* This request's cancellable fired: Cancel already gave the form back (a newer
   * request may be under way since), or the window closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  cd_sign_in_page_set_busy (self, FALSE);

  if (signed_in == NULL)
    {
      if (g_error_matches (error, CD_ERROR, CD_ERROR_REJECTED))
        gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      cd_sign_in_page_show_error (self, error);
      return;
    }

  cd_sign_in_page_reveal_error (self, FALSE);
  g_signal_emit (self, signals[SIGNED_IN], 0, cd_sign_in_result_get_account (signed_in),
                 cd_sign_in_result_get_store_error (signed_in));
}

static void
cd_sign_in_page_submit_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CdSignInPage *self = CD_SIGN_IN_PAGE (widget);
  g_autoptr(CdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  char *password;

  if (!cd_sign_in_page_can_submit (self))
    return;

  client = cd_client_new (self->server, gtk_switch_get_active (self->insecure_switch), &error);
  if (client == NULL)
    {
      cd_sign_in_page_show_error (self, error);
      return;
    }
  if (self->developer_id != NULL)
    cd_client_set_developer_id (client, self->developer_id);

  cd_sign_in_page_reveal_error (self, FALSE);
  self->cancellable = g_cancellable_new ();

  email = cd_sign_in_page_dup_email (self);
  password = g_strdup (cd_secret_buffer_get_secret (self->password));
  cd_sign_in_async (client, self->accounts, email, password, self->cancellable,
                    cd_sign_in_page_signed_in_cb, g_object_ref (self));
  cd_wipe_string (password);
  /* Shown once, for this attempt: it is hidden again before anyone walks up. */
  gtk_toggle_button_set_active (self->peek_button, FALSE);

  cd_sign_in_page_set_busy (self, TRUE);
  g_signal_emit (self, signals[SIGNING_IN], 0);
}

static void
cd_sign_in_page_cancel_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CdSignInPage *self = CD_SIGN_IN_PAGE (widget);

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cd_sign_in_page_set_busy (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
cd_sign_in_page_email_activated_cb (CdSignInPage *self)
{
  g_autofree char *email = cd_sign_in_page_dup_email (self);

  cd_sign_in_page_check_email (self, TRUE);
  if (cd_input_email_is_valid (email))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
cd_sign_in_page_password_activated_cb (CdSignInPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

/* AdwPasswordEntryRow would do, but libadwaita 1.2 leaves its peek button without an
 * accessible name: this toggle has one, and says whether it is pressed. */
static void
cd_sign_in_page_peek_toggled_cb (CdSignInPage *self)
{
  gboolean peek = gtk_toggle_button_get_active (self->peek_button);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->password_row));

  cd_secret_buffer_set_revealed (self->password, peek);
  gtk_text_set_visibility (GTK_TEXT (text), peek);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->peek_button),
                               GTK_ACCESSIBLE_STATE_CHECKED, peek,
                               -1);
  gtk_button_set_icon_name (GTK_BUTTON (self->peek_button),
                            peek ? "view-conceal-symbolic" : "view-reveal-symbolic");
}

static void
cd_sign_in_page_demo_row_activated_cb (CdSignInPage *self,
                                       AdwActionRow *row)
{
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row),
                         g_object_get_data (G_OBJECT (row), "cd-demo-password"));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

void
cd_sign_in_page_add_sample_account (CdSignInPage *self,
                                    const char   *email,
                                    const char   *password,
                                    const char   *what)
{
  GtkWidget *row;
  GtkWidget *password_label;
  g_autofree char *password_name = NULL;

  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (email != NULL && password != NULL && what != NULL);

  row = adw_action_row_new ();
  password_label = gtk_label_new (password);
  password_name = g_strdup_printf (_("Password: %s"), password);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), email);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), what);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "cd-demo-password", g_strdup (password), g_free);
  g_signal_connect_object (row, "activated",
                           G_CALLBACK (cd_sign_in_page_demo_row_activated_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (password_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, password_name,
                                  -1);
  gtk_widget_add_css_class (password_label, "monospace");
  gtk_widget_add_css_class (password_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), password_label);

  adw_preferences_group_set_description (self->demo_group,
                                         _("Choose an account to fill in its email and password."));
  adw_preferences_group_add (self->demo_group, row);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_group), TRUE);
}

void
cd_sign_in_page_set_accounts (CdSignInPage  *self,
                              CdAccountList *accounts)
{
  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (CD_IS_ACCOUNT_LIST (accounts));

  g_set_object (&self->accounts, accounts);
}

void
cd_sign_in_page_configure (CdSignInPage *self,
                           const char   *server,
                           gboolean      allow_insecure_http,
                           const char   *developer_id)
{
  g_autofree char *normalized = NULL;
  guint selected = SERVER_CUSTOM;

  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (server != NULL);

  g_free (self->developer_id);
  self->developer_id = g_strdup (developer_id);

  normalized = cd_input_normalize_server (server, TRUE, NULL);
  if (cd_config_server_is_production (server))
    selected = SERVER_PRODUCTION;
  else if (g_strcmp0 (normalized, CD_SERVER_TEST) == 0)
    selected = SERVER_TEST;
  else
    gtk_editable_set_text (GTK_EDITABLE (self->custom_row), server);

  gtk_switch_set_active (self->insecure_switch, allow_insecure_http);
  adw_combo_row_set_selected (self->server_row, selected);
  cd_sign_in_page_server_changed (self);
  gtk_expander_set_expanded (self->advanced_expander, selected != SERVER_PRODUCTION);
}

void
cd_sign_in_page_set_email (CdSignInPage *self,
                           const char   *email)
{
  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
}

/* Leaves the page as a fresh start would: no request in flight, no password, no error.
 * The window calls it whenever it leaves the page or comes back to it for another
 * account. */
void
cd_sign_in_page_reset (CdSignInPage *self)
{
  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      cd_sign_in_page_set_busy (self, FALSE);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_toggle_button_set_active (self->peek_button, FALSE);
  cd_sign_in_page_reveal_error (self, FALSE);
  cd_sign_in_page_set_notice (self, NULL);
}

static void
cd_sign_in_page_show_notice (CdSignInPage *self,
                             const char   *notice,
                             gboolean      try_again)
{
  gtk_label_set_label (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (self->notice_box, notice != NULL);
  gtk_widget_set_visible (self->notice_button, try_again);
  /* Also what the password field says when the focus lands there. */
  if (notice != NULL)
    cd_accessible_describe (self->password_row, notice);
}

/* Says above the form why the password is asked for (an expired sign-in), or nothing. */
void
cd_sign_in_page_set_notice (CdSignInPage *self,
                            const char   *notice)
{
  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));

  cd_sign_in_page_show_notice (self, notice, FALSE);
}

/* Says above the form that the stored sign-ins could not be read (the keyring is
 * locked, or its prompt went unanswered), with Try Again, which asks the keyring again
 * (win.reload-accounts): a locked keyring then shows its unlock prompt. */
void
cd_sign_in_page_set_keyring_notice (CdSignInPage *self,
                                    const char   *reason)
{
  g_autofree char *notice = NULL;

  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (reason != NULL);

  /* Translators: %s says why, e.g. "The keyring is locked." */
  notice = g_strdup_printf (_("Stored sign-ins could not be read. %s"), reason);
  cd_sign_in_page_show_notice (self, notice, TRUE);
}

const char *
cd_sign_in_page_get_server (CdSignInPage *self)
{
  g_return_val_if_fail (CD_IS_SIGN_IN_PAGE (self), NULL);

  return self->server;
}

gboolean
cd_sign_in_page_get_allow_insecure_http (CdSignInPage *self)
{
  g_return_val_if_fail (CD_IS_SIGN_IN_PAGE (self), FALSE);

  return gtk_switch_get_active (self->insecure_switch);
}

void
cd_sign_in_page_focus (CdSignInPage *self)
{
  const char *email;

  g_return_if_fail (CD_IS_SIGN_IN_PAGE (self));

  email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  gtk_widget_grab_focus (GTK_WIDGET (*email == '\0' ? self->email_row : self->password_row));
}

static void
cd_sign_in_page_dispose (GObject *object)
{
  CdSignInPage *self = CD_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->accounts);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (cd_sign_in_page_parent_class)->dispose (object);
}

/* Out of its window (the window closed): a sign-in in flight stops here, before it is
 * stored. Dispose would be too late: the sign-in holds the page until it ends. */
static void
cd_sign_in_page_unroot (GtkWidget *widget)
{
  CdSignInPage *self = CD_SIGN_IN_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (cd_sign_in_page_parent_class)->unroot (widget);
}

static void
cd_sign_in_page_finalize (GObject *object)
{
  CdSignInPage *self = CD_SIGN_IN_PAGE (object);

  g_free (self->developer_id);
  g_free (self->server);

  G_OBJECT_CLASS (cd_sign_in_page_parent_class)->finalize (object);
}

static void
cd_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdSignInPage *self = CD_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_sign_in_page_class_init (CdSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_sign_in_page_dispose;
  widget_class->unroot = cd_sign_in_page_unroot;
  object_class->finalize = cd_sign_in_page_finalize;
  object_class->get_property = cd_sign_in_page_get_property;

  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A sign-in has started: while the server answers, the main loop is free to get ready
   * for what comes after. */
  signals[SIGNING_IN] =
    g_signal_new ("signing-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, CD_TYPE_ACCOUNT, G_TYPE_ERROR);

  g_type_ensure (CD_TYPE_SPINNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, notice_box);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, notice_button);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, error_icon);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, error_text_box);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, error_title);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, form_group);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, email_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, peek_button);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, action_stack);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, advanced_expander);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, server_group);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, custom_row);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, insecure_row);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, server_hint);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, server_hint_label);
  gtk_widget_class_bind_template_child (widget_class, CdSignInPage, demo_group);
  gtk_widget_class_bind_template_callback (widget_class, cd_sign_in_page_update);
  gtk_widget_class_bind_template_callback (widget_class, cd_sign_in_page_email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_sign_in_page_server_changed);
  gtk_widget_class_bind_template_callback (widget_class, cd_sign_in_page_email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_sign_in_page_password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_sign_in_page_peek_toggled_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL,
                                   cd_sign_in_page_submit_action);
  gtk_widget_class_install_action (widget_class, "sign-in.cancel", NULL,
                                   cd_sign_in_page_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sign-in.cancel", NULL);
}

static void
cd_sign_in_page_init (CdSignInPage *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->peek_button), TRUE);
  cd_sign_in_page_reveal_error (self, FALSE);
  self->password = cd_secret_buffer_attach (GTK_PASSWORD_ENTRY (self->password_row));

  /* Leaving the email field is when a mistake in it is worth a word. */
  g_signal_connect_object (focus, "leave", G_CALLBACK (cd_sign_in_page_email_left_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->email_row, focus);
  cd_sign_in_page_peek_toggled_cb (self);
  cd_sign_in_page_server_changed (self);
}
