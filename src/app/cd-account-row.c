/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-row.c: one stored account in the list: who, where, and how soon their
 * certificate runs out.
 *
 * The row only shows: choosing it is the list's business (the list view's "activate"),
 * and its remove button activates accounts.remove with the account's (server, email).
 * The list view makes rows only around what it shows and binds each to one account
 * after another as the list scrolls or is searched: whatever one account set here, the
 * next one sets again. The row takes the keyboard itself, as a list box row does, so that Tab
 * goes on from it to its remove button. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"
#include "cd-account-format.h"
#include "cd-account-row.h"
#include "cd-config.h"

struct _CdAccountRow
{
  GtkWidget      parent_instance;

  GtkImage      *cert_icon;
  GtkLabel      *name_label;
  GtkLabel      *cert_title_label;
  GtkLabel      *cert_days_label;
  GtkLabel      *cert_date_label;
  GtkLabel      *email_label;
  GtkLabel      *token_label;
  GtkLabel      *server_label;
  GtkWidget     *remove_button;

  CdAccount     *account;
  CdCertState    cert_state;
};

G_DEFINE_FINAL_TYPE (CdAccountRow, cd_account_row, GTK_TYPE_WIDGET)

/* Under the certificate: the email, whether the token is still good (an expired one
 * stands out: choosing the row asks for the password), and the server when it is not
 * production (a custom or test server must never pass unnoticed). */
static void
cd_account_row_show_details (CdAccountRow *self,
                             GDateTime    *now)
{
  CdAccount *account = self->account;
  const char *name = cd_account_get_full_name (account);
  const char *server = cd_account_get_server (account);
  GDateTime *token_expires = cd_account_get_token_expires_at (account);
  gboolean token_valid = cd_account_token_is_valid (account, now);
  gboolean show_server = server != NULL && !cd_config_server_is_production (server);
  g_autofree char *token_text = NULL;

  gtk_label_set_label (self->email_label, cd_account_get_email (account));
  gtk_widget_set_visible (GTK_WIDGET (self->email_label), name != NULL && *name != '\0');

  if (!token_valid)
    token_text = g_strdup (_("Sign-in expired: enter the password again"));
  else if (token_expires != NULL)
    {
      g_autofree char *until = cd_account_format_time (token_expires);

      /* TRANSLATORS: %s is a date and time */
      token_text = g_strdup_printf (_("Signed in until %s"), until);
    }
  else
    token_text = g_strdup (_("Signed in"));
  gtk_label_set_label (self->token_label, token_text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->token_label), token_valid ? "warning" : "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->token_label), token_valid ? "dim-label" : "warning");

  gtk_label_set_label (self->server_label, show_server ? server : "");
  gtk_widget_set_visible (GTK_WIDGET (self->server_label), show_server);
}

static void
cd_account_row_show_certificate (CdAccountRow *self,
                                 GDateTime    *now)
{
  g_autofree char *date = NULL;

  self->cert_state = cd_account_format_certificate (self->account, now, self->cert_icon,
                                                    self->cert_days_label, &date);
  gtk_label_set_label (self->cert_date_label, date != NULL ? date : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cert_date_label), date != NULL);
}

/* "E-signature: 10 days left, until 17.12.2026", as one line. */
static char *
cd_account_row_dup_certificate_line (CdAccountRow *self)
{
  const char *days = gtk_label_get_label (self->cert_days_label);
  const char *date = gtk_label_get_label (self->cert_date_label);
  g_autofree char *lower = g_utf8_strdown (days, g_utf8_next_char (days) - days);
  g_autofree char *state = g_strconcat (lower, g_utf8_next_char (days), NULL);

  if (*date == '\0')
    /* TRANSLATORS: "E-signature:", then how many days it has left */
    return g_strdup_printf (_("%s %s"), gtk_label_get_label (self->cert_title_label), state);
  if (self->cert_state == CD_CERT_EXPIRED)
    /* TRANSLATORS: "E-signature:", then how long ago it expired, then the day it did */
    return g_strdup_printf (_("%s %s, on %s"), gtk_label_get_label (self->cert_title_label), state, date);
  /* TRANSLATORS: "E-signature:", then how many days it has left, then its expiry date */
  return g_strdup_printf (_("%s %s, until %s"), gtk_label_get_label (self->cert_title_label), state, date);
}

static void
cd_account_row_show (CdAccountRow *self,
                     GDateTime    *now)
{
  CdAccount *account = self->account;
  const char *title = cd_account_get_title (account);
  /* TRANSLATORS: the name of a button; %s is a person's name or an email address */
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), title);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *description = NULL;
  GtkLabel *described[] = { self->email_label, self->token_label, self->server_label };

  gtk_label_set_label (self->name_label, title);
  cd_account_row_show_certificate (self, now);
  cd_account_row_show_details (self, now);

  /* A screen reader says the row's name, then what the row shows under it, each date
   * with what it is the date of. */
  g_ptr_array_add (lines, cd_account_row_dup_certificate_line (self));
  for (guint i = 0; i < G_N_ELEMENTS (described); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (described[i])))
      g_ptr_array_add (lines, g_strdup (gtk_label_get_label (described[i])));
  g_ptr_array_add (lines, NULL);
  description = g_strjoinv ("\n", (char **) lines->pdata);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  cd_accessible_describe (GTK_WIDGET (self), description);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "(ss)",
                                    cd_account_get_server (account),
                                    cd_account_get_email (account));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "accounts.remove");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                  -1);
}

CdAccount *
cd_account_row_get_account (CdAccountRow *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_ROW (self), NULL);

  return self->account;
}

static void
cd_account_row_dispose (GObject *object)
{
  CdAccountRow *self = CD_ACCOUNT_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->account);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ACCOUNT_ROW);
  /* The box that holds the rest is the row's own child, not a template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_account_row_parent_class)->dispose (object);
}

static void
cd_account_row_class_init (CdAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_account_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cd-account-row");
  /* What a list box row is to a screen reader: the list view's own item around it has
   * no name, and is never focused while the row can be. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-account-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, cert_icon);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, cert_title_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, cert_days_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, cert_date_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, email_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, token_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, server_label);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, remove_button);
}

static void
cd_account_row_init (CdAccountRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->remove_button, TRUE);
  cd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
cd_account_row_new (void)
{
  return g_object_new (CD_TYPE_ACCOUNT_ROW, NULL);
}

void
cd_account_row_set_account (CdAccountRow *self,
                            CdAccount    *account,
                            GDateTime    *now)
{
  g_return_if_fail (CD_IS_ACCOUNT_ROW (self));
  g_return_if_fail (account == NULL || CD_IS_ACCOUNT (account));
  g_return_if_fail (account == NULL || now != NULL);

  if (!g_set_object (&self->account, account))
    return;
  /* A row bound to nothing removes nothing (accounts.remove takes a target). */
  if (account == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), NULL);
  else
    cd_account_row_show (self, now);
}
