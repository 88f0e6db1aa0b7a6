/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-page.c: who is signed in, their shift and certificate; sign out.
 *
 * The page also keeps a new sign-in, through the application's CdAccountList: a failure
 * there must not hide the sign-in that worked, so it shows as a warning with Retry. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"
#include "cd-account-format.h"
#include "cd-account-page.h"
#include "cd-detail-row.h"
#include "cd-reminder.h"

struct _CdAccountPage
{
  AdwBin           parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *token_banner;
  GtkWidget       *cert_banner;
  GtkImage        *cert_banner_icon;
  GtkLabel        *cert_banner_title;
  GtkLabel        *cert_banner_body;
  GtkImage        *token_banner_icon;
  GtkLabel        *token_banner_title;
  GtkLabel        *token_banner_body;
  GtkRevealer     *not_saved_revealer;
  GtkLabel        *not_saved_label;
  GtkWidget       *summary_box;
  AdwAvatar       *avatar;
  GtkLabel        *name_label;
  GtkLabel        *email_label;
  GtkWidget       *status_box;
  GtkImage        *status_icon;
  GtkLabel        *status_label;
  GtkLabel        *shift_label;
  GtkWidget       *shift_copy_button;
  GtkLabel        *rro_label;
  GtkWidget       *cert_none_row;
  CdDetailRow     *cert_row;
  GtkWidget       *cert_serial_row;
  GtkImage        *cert_icon;
  GtkLabel        *cert_date_label;
  GtkLabel        *cert_days_label;
  GtkLabel        *cert_serial_label;
  GtkLabel        *edrpou_label;
  GtkWidget       *edrpou_copy_button;
  GtkLabel        *drfo_label;
  GtkToggleButton *drfo_reveal_button;
  GtkLabel        *token_label;
  GtkLabel        *last_online_label;

  /* Where sign-ins are kept: the application's list (the demo's, in the demo). */
  CdAccountList   *accounts;
  CdAccount       *account;
  /* Of the keyring work for the account shown: replaced with the account, so that a
   * late answer about an account no longer shown comes back CANCELLED. */
  GCancellable    *cancellable;
  gboolean         saving;
  gboolean         saved;
  gboolean         signing_out;
};

G_DEFINE_FINAL_TYPE (CdAccountPage, cd_account_page, ADW_TYPE_BIN)

enum {
  SIGNED_OUT,
  SIGN_IN_AGAIN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A hidden revealer would still take the box's spacing: it is visible only while it
 * shows something or slides away. */
static void
cd_account_page_reveal_warning (CdAccountPage *self,
                                gboolean       reveal)
{
  if (reveal)
    gtk_widget_set_visible (GTK_WIDGET (self->not_saved_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->not_saved_revealer, reveal);
}

static void
cd_account_page_revealer_done_cb (GtkRevealer *revealer)
{
  if (!gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

static void
cd_account_page_update_actions (CdAccountPage *self)
{
  gboolean idle = self->account != NULL && !self->saving && !self->signing_out;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-out", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.retry-save", idle && !self->saved);
}

static void
cd_account_page_set_value (GtkLabel   *label,
                           const char *value)
{
  if (value != NULL && *value != '\0')
    {
      gtk_label_set_label (label, value);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_label_set_label (label, _("Unknown"));
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

/* At the top of the page, what to do about a certificate that has run out or is about
 * to: a cashier cannot sign receipts without one. */
static void
cd_account_page_show_cert_banner (CdAccountPage *self,
                                  CdCertState    state,
                                  int            days)
{
  g_autofree char *title = NULL;
  const char *body;

  if (!cd_account_format_cert_warning (state, days, &title, &body))
    {
      gtk_widget_set_visible (self->cert_banner, FALSE);
      return;
    }

  gtk_label_set_label (self->cert_banner_title, title);
  gtk_label_set_label (self->cert_banner_body, body);
  gtk_image_set_from_icon_name (self->cert_banner_icon,
                                state == CD_CERT_EXPIRED ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (self->cert_banner, "cd-banner-error");
  gtk_widget_remove_css_class (self->cert_banner, "cd-banner-warning");
  gtk_widget_add_css_class (self->cert_banner, state == CD_CERT_EXPIRED ? "cd-banner-error" : "cd-banner-warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cert_banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
  gtk_widget_set_visible (self->cert_banner, TRUE);
}

static void
cd_account_page_show_certificate (CdAccountPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  const char *serial = cd_account_get_cert_serial (self->account);
  const char *state_text;
  CdCertState state;
  int days = 0;

  state = cd_account_format_certificate (self->account, now, self->cert_icon,
                                         self->cert_days_label, &date);
  cd_account_get_cert_state (self->account, now, &days);

  /* Nothing known of a certificate: one row says so, rather than "Unknown" thrice. */
  gtk_widget_set_visible (self->cert_none_row, state == CD_CERT_UNKNOWN && serial == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cert_row), state != CD_CERT_UNKNOWN || serial != NULL);
  gtk_widget_set_visible (self->cert_serial_row, serial != NULL);

  state_text = cd_account_format_cert_state (state);
  /* The row's subtitle says it already. */
  if (state == CD_CERT_UNKNOWN)
    gtk_label_set_label (self->cert_days_label, "");

  cd_account_page_set_value (self->cert_date_label, date);
  cd_detail_row_set_subtitle (self->cert_row, state_text);
  cd_account_page_set_value (self->cert_serial_label, serial);
  cd_account_page_show_cert_banner (self, state, days);
}

static void
cd_account_page_set_state_class (GtkWidget  *widget,
                                 const char *prefix,
                                 const char *state)
{
  const char *states[] = { "error", "warning", "success" };

  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *name = g_strconcat (prefix, states[i], NULL);

      gtk_widget_remove_css_class (widget, name);
    }
  if (state != NULL)
    {
      g_autofree char *name = g_strconcat (prefix, state, NULL);

      gtk_widget_add_css_class (widget, name);
    }
}

/* Whether other programs can still use the sign-in, and for how long: an expired one
 * is no success, and one that ends within CD_REMINDER_TOKEN_DAYS is treated as a
 * certificate that does (days left, amber, a banner to sign in again), since the daily
 * reminder warns of it too. The banner at the top says what to do. */
static void
cd_account_page_show_status (CdAccountPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = cd_account_format_time (cd_account_get_token_expires_at (self->account));
  g_autofree char *until = NULL;
  gboolean valid = cd_account_token_is_valid (self->account, now);
  int days = 0;
  gboolean ending = valid && cd_reminder_token_due (self->account, now, CD_REMINDER_TOKEN_DAYS, &days);
  g_autofree char *title = NULL;
  const char *body = NULL;
  const char *state = !valid ? "error" : ending ? "warning" : "success";

  gtk_label_set_label (self->status_label, valid ? _("Signed in") : _("Sign-in expired"));
  gtk_image_set_from_icon_name (self->status_icon,
                                !valid ? "dialog-error-symbolic"
                                : ending ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  cd_account_page_set_state_class (self->status_box, "", state);

  if (ending && date != NULL)
    {
      g_autofree char *left = days == 0
                              ? g_strdup (_("ends today"))
                              : g_strdup_printf (ngettext ("%d day left", "%d days left", days), days);

      /* TRANSLATORS: a date and time, then how long is left: "11.12.2026 14:00 (5 days left)" */
      until = g_strdup_printf (_("%s (%s)"), date, left);
    }
  else
    until = g_steal_pointer (&date);
  cd_account_page_set_value (self->token_label, until);
  cd_account_page_set_state_class (GTK_WIDGET (self->token_label), "", ending ? "warning" : NULL);

  /* The same banner, with its Sign In Again, says what to do about a sign-in that has
   * expired or is about to, or one whose details the keyring does not hold. */
  if (!valid)
    {
      title = g_strdup (_("Sign-in expired"));
      body = _("Other programs on this computer, such as the shop’s POS software, can no longer use it. Sign in again with your password.");
    }
  else if (!cd_account_get_details_known (self->account))
    {
      title = g_strdup (_("Details not known"));
      body = _("The keyring holds this sign-in, but not who signed in, their shift or their certificate. Sign in again to fetch them.");
    }
  else if (ending)
    {
      title = days == 0
              ? g_strdup (_("Sign-in ends today"))
              : g_strdup_printf (ngettext ("Sign-in ends in %d day", "Sign-in ends in %d days", days), days);
      body = _("Then other programs on this computer, such as the shop’s POS software, can no longer use it. Sign in again before it ends.");
    }

  gtk_widget_set_visible (self->token_banner, title != NULL);
  if (title == NULL)
    return;
  gtk_label_set_label (self->token_banner_title, title);
  gtk_label_set_label (self->token_banner_body, body);
  gtk_image_set_from_icon_name (self->token_banner_icon,
                                ending ? "dialog-warning-symbolic" : "dialog-error-symbolic");
  cd_account_page_set_state_class (self->token_banner, "cd-banner-", ending ? "warning" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->token_banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
}

/* A sign-in read without its details: what they would say is not known, not "none". */
static void
cd_account_page_show_unknown_details (CdAccountPage *self)
{
  GtkLabel *labels[] = { self->name_label, self->shift_label, self->rro_label,
                         self->edrpou_label, self->drfo_label, self->last_online_label };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_label (labels[i], _("Not known"));
      gtk_widget_add_css_class (GTK_WIDGET (labels[i]), "dim-label");
    }
  gtk_widget_set_visible (self->shift_copy_button, FALSE);
  gtk_widget_set_visible (self->edrpou_copy_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->drfo_reveal_button), FALSE);
  gtk_widget_set_visible (self->cert_none_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cert_row), TRUE);
  gtk_widget_set_visible (self->cert_serial_row, FALSE);
  gtk_label_set_label (self->cert_days_label, "");
  gtk_label_set_label (self->cert_date_label, _("Not known"));
  cd_detail_row_set_subtitle (self->cert_row, NULL);
}

static gboolean
cd_account_page_shown_within (GtkWidget *widget,
                              GtkWidget *ancestor)
{
  for (; widget != NULL && widget != ancestor; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return widget == ancestor;
}

static void
cd_account_page_collect_texts (GtkWidget *widget,
                               GtkWidget *row,
                               GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));

          if (*text != '\0' && cd_account_page_shown_within (child, row)
              && g_strcmp0 (text, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))) != 0)
            g_ptr_array_add (texts, (gpointer) text);
          continue;
        }
      cd_account_page_collect_texts (child, row, texts);
    }
}

/* libadwaita 1.2 gives a row only its title as a name: what the row shows beside it
 * (the date, the days left, the register number) goes into its description, which a
 * screen reader says after the name. */
static void
cd_account_page_describe_rows (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CD_IS_DETAIL_ROW (child))
        {
          g_autoptr(GPtrArray) texts = g_ptr_array_new ();
          g_autofree char *description = NULL;

          cd_account_page_collect_texts (child, child, texts);
          g_ptr_array_add (texts, NULL);
          description = g_strjoinv ("\n", (char **) texts->pdata);
          cd_accessible_describe (child, description);
          continue;
        }
      cd_account_page_describe_rows (child);
    }
}

static void
cd_account_page_update_drfo (CdAccountPage *self)
{
  gboolean reveal = gtk_toggle_button_get_active (self->drfo_reveal_button);
  g_autofree char *masked = NULL;

  if (self->account == NULL)
    return;

  masked = cd_account_dup_masked_drfo (self->account);
  gtk_widget_set_visible (GTK_WIDGET (self->drfo_reveal_button), masked != NULL);
  gtk_button_set_icon_name (GTK_BUTTON (self->drfo_reveal_button),
                            reveal ? "view-conceal-symbolic" : "view-reveal-symbolic");
  cd_account_page_set_value (self->drfo_label,
                            reveal ? cd_account_get_drfo (self->account) : masked);
  cd_account_page_describe_rows (GTK_WIDGET (self));
}

static void
cd_account_page_show (CdAccountPage *self)
{
  CdAccount *account = self->account;
  const char *name = cd_account_get_full_name (account);
  const char *shift = cd_account_get_opened_shift (account);
  const char *edrpou = cd_account_get_edrpou (account);
  g_autofree char *last_online = cd_account_format_time (cd_account_get_last_online (account));
  g_autofree char *initials = cd_account_dup_initials (account);

  adw_avatar_set_text (self->avatar, initials);
  cd_account_page_set_value (self->name_label, name);
  gtk_label_set_label (self->email_label, cd_account_get_email (account));

  if (shift != NULL)
    cd_account_page_set_value (self->shift_label, shift);
  else
    {
      gtk_label_set_label (self->shift_label, _("No open shift"));
      gtk_widget_add_css_class (GTK_WIDGET (self->shift_label), "dim-label");
    }
  gtk_widget_set_visible (self->shift_copy_button, shift != NULL);

  gtk_label_set_label (self->rro_label,
                       cd_account_get_active_rro (account) ? _("Active") : _("None active"));

  cd_account_page_show_status (self);
  cd_account_page_show_certificate (self);

  cd_account_page_set_value (self->edrpou_label, edrpou);
  gtk_widget_set_visible (self->edrpou_copy_button, edrpou != NULL && *edrpou != '\0');

  gtk_toggle_button_set_active (self->drfo_reveal_button, FALSE);
  cd_account_page_update_drfo (self);

  cd_account_page_set_value (self->last_online_label, last_online);
  if (!cd_account_get_details_known (account))
    cd_account_page_show_unknown_details (self);
  cd_account_page_describe_rows (GTK_WIDGET (self));
}

static void
cd_account_page_save_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = cd_account_list_save_finish (CD_ACCOUNT_LIST (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  self->saved = saved;
  if (!saved)
    gtk_label_set_label (self->not_saved_label, error->message);
  cd_account_page_reveal_warning (self, !saved);
  cd_account_page_update_actions (self);
}

static void
cd_account_page_save (CdAccountPage *self)
{
  self->saving = TRUE;
  cd_account_page_update_actions (self);
  cd_account_list_save_async (self->accounts, self->account, self->cancellable,
                              cd_account_page_save_cb, g_object_ref (self));
}

static void
cd_account_page_retry_save_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  cd_account_page_save (CD_ACCOUNT_PAGE (widget));
}

static void
cd_account_page_forget_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(CdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  cd_account_list_forget_finish (CD_ACCOUNT_LIST (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->signing_out = FALSE;

  /* A token left in the keyring is still usable by other programs: say so and stay. */
  if (error != NULL && self->saved)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot remove the sign-in from the keyring: %s"),
                                                  error->message);
      /* A toast's title is markup in libadwaita 1.2; the keyring's message is not. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      cd_account_page_update_actions (self);
      return;
    }

  g_clear_object (&self->account);
  cd_account_page_update_actions (self);
  g_signal_emit (self, signals[SIGNED_OUT], 0);
}

static void
cd_account_page_sign_out (CdAccountPage *self)
{
  self->signing_out = TRUE;
  cd_account_page_update_actions (self);
  cd_account_list_forget_async (self->accounts, self->account, self->cancellable,
                                cd_account_page_forget_cb, g_object_ref (self));
}

static void
cd_account_page_sign_out_response_cb (CdAccountPage *self,
                                      const char    *response)
{
  if (g_strcmp0 (response, "sign-out") == 0 && self->account != NULL && !self->signing_out)
    cd_account_page_sign_out (self);
}

/* Signing out takes the token from other programs too (the shop's POS reads it), and
 * getting it back needs the password: a stored sign-in goes only when confirmed. */
static void
cd_account_page_sign_out_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CdAccountPage *self = CD_ACCOUNT_PAGE (widget);
  GtkWidget *dialog;

  if (!self->saved)
    {
      cd_account_page_sign_out (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Sign Out?"),
                                   _("Other programs on this computer, such as the shop’s POS software, will no longer be able to use this sign-in. Signing in again needs the password."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (cd_account_page_sign_out_response_cb), self,
                           G_CONNECT_SWAPPED);
  cd_accessible_fix_dialog (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cd_account_page_sign_in_again_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  CdAccountPage *self = CD_ACCOUNT_PAGE (widget);

  if (self->account != NULL)
    g_signal_emit (self, signals[SIGN_IN_AGAIN], 0, self->account);
}

static void
cd_account_page_copy (CdAccountPage *self,
                      const char    *text,
                      const char    *toast)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
cd_account_page_copy_shift_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  CdAccountPage *self = CD_ACCOUNT_PAGE (widget);
  const char *shift = self->account != NULL ? cd_account_get_opened_shift (self->account) : NULL;

  if (shift != NULL)
    cd_account_page_copy (self, shift, _("Register number copied"));
}

static void
cd_account_page_copy_edrpou_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  CdAccountPage *self = CD_ACCOUNT_PAGE (widget);
  const char *edrpou = self->account != NULL ? cd_account_get_edrpou (self->account) : NULL;

  if (edrpou != NULL)
    cd_account_page_copy (self, edrpou, _("EDRPOU copied"));
}

void
cd_account_page_set_account (CdAccountPage *self,
                             CdAccount     *account,
                             const GError  *not_saved)
{
  g_return_if_fail (CD_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (CD_IS_ACCOUNT (account));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->account, account);
  self->saving = FALSE;
  self->signing_out = FALSE;
  self->saved = not_saved == NULL;
  if (not_saved != NULL)
    gtk_label_set_label (self->not_saved_label, not_saved->message);
  cd_account_page_reveal_warning (self, not_saved != NULL);

  cd_account_page_show (self);
  cd_account_page_update_actions (self);
}

/* Puts the keyboard on who is signed in and has a screen reader say it, with what is
 * urgent: "Signed in: NAME" after @signed_in_now, else the name, then the banners'
 * titles. */
void
cd_account_page_focus (CdAccountPage *self,
                       gboolean       signed_in_now)
{
  const char *name;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) urgent = g_ptr_array_new ();
  g_autofree char *description = NULL;

  g_return_if_fail (CD_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (self->account != NULL);

  name = cd_account_get_details_known (self->account) && cd_account_get_full_name (self->account) != NULL
         ? cd_account_get_full_name (self->account)
         : cd_account_get_email (self->account);
  /* TRANSLATORS: said by a screen reader when a sign-in has worked; %s is a person's name */
  label = signed_in_now ? g_strdup_printf (_("Signed in: %s"), name) : g_strdup (name);

  if (gtk_widget_get_visible (self->token_banner))
    g_ptr_array_add (urgent, (gpointer) gtk_label_get_label (self->token_banner_title));
  if (gtk_widget_get_visible (self->cert_banner))
    g_ptr_array_add (urgent, (gpointer) gtk_label_get_label (self->cert_banner_title));
  g_ptr_array_add (urgent, NULL);
  description = g_strjoinv (". ", (char **) urgent->pdata);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  cd_accessible_describe (self->summary_box, description);
  gtk_widget_grab_focus (self->summary_box);
}

void
cd_account_page_set_accounts (CdAccountPage *self,
                              CdAccountList *accounts)
{
  g_return_if_fail (CD_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (CD_IS_ACCOUNT_LIST (accounts));

  g_set_object (&self->accounts, accounts);
}

CdAccount *
cd_account_page_get_account (CdAccountPage *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_PAGE (self), NULL);

  return self->account;
}

static void
cd_account_page_dispose (GObject *object)
{
  CdAccountPage *self = CD_ACCOUNT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->accounts);
  /* The toast overlay is both a template child and the bin's child: let the bin drop
   * it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (cd_account_page_parent_class)->dispose (object);
}

static void
cd_account_page_class_init (CdAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_account_page_dispose;

  signals[SIGNED_OUT] =
    g_signal_new ("signed-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The sign-in has expired: the password is wanted for a new one. */
  signals[SIGN_IN_AGAIN] =
    g_signal_new ("sign-in-again", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, token_banner);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_banner);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_banner_icon);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_banner_title);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_banner_body);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, token_banner_icon);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, token_banner_title);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, token_banner_body);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_none_row);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_serial_row);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, not_saved_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, not_saved_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, email_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, shift_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, shift_copy_button);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, rro_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_row);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_icon);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_date_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_days_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, cert_serial_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, edrpou_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, edrpou_copy_button);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, drfo_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, drfo_reveal_button);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, token_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountPage, last_online_label);
  gtk_widget_class_bind_template_callback (widget_class, cd_account_page_update_drfo);
  gtk_widget_class_bind_template_callback (widget_class, cd_account_page_revealer_done_cb);

  gtk_widget_class_install_action (widget_class, "account.sign-out", NULL,
                                   cd_account_page_sign_out_action);
  gtk_widget_class_install_action (widget_class, "account.sign-in-again", NULL,
                                   cd_account_page_sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "account.retry-save", NULL,
                                   cd_account_page_retry_save_action);
  gtk_widget_class_install_action (widget_class, "account.copy-shift", NULL,
                                   cd_account_page_copy_shift_action);
  gtk_widget_class_install_action (widget_class, "account.copy-edrpou", NULL,
                                   cd_account_page_copy_edrpou_action);
}

static void
cd_account_page_init (CdAccountPage *self)
{
  self->cancellable = g_cancellable_new ();

  g_type_ensure (CD_TYPE_DETAIL_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  cd_accessible_watch_toasts (self->toast_overlay);
  cd_account_page_update_actions (self);
}
