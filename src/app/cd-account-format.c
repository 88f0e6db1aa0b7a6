/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-format.c: an account's dates and certificate, as the window words them. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-account-format.h"

static const char * const state_classes[] = { "error", "warning", "success", "dim-label" };

char *
cd_account_format_time (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  if (datetime == NULL)
    return NULL;

  local = g_date_time_to_local (datetime);
  /* TRANSLATORS: a date and time, see g_date_time_format() */
  return g_date_time_format (local, C_("date and time format", "%d.%m.%Y %H:%M"));
}

void
cd_cert_text_init (CdCertText *text,
                   CdAccount  *account,
                   GDateTime  *now)
{
  GDateTime *expires_on = cd_account_get_cert_expires_on (account);
  int days = 0;

  text->state = cd_account_get_cert_state (account, now, &days);
  switch (text->state)
    {
    case CD_CERT_EXPIRED:
      text->style = "error";
      text->icon_name = "dialog-error-symbolic";
      text->days = g_strdup_printf (ngettext ("Expired %d day ago", "Expired %d days ago", ABS (days)),
                                    ABS (days));
      break;
    case CD_CERT_EXPIRING:
      text->style = "warning";
      text->icon_name = "dialog-warning-symbolic";
      text->days = days == 0
                   ? g_strdup (_("Expires today"))
                   : g_strdup_printf (ngettext ("%d day left", "%d days left", days), days);
      break;
    case CD_CERT_VALID:
      text->style = "success";
      text->icon_name = "emblem-ok-symbolic";
      text->days = g_strdup_printf (ngettext ("%d day left", "%d days left", days), days);
      break;
    case CD_CERT_UNKNOWN:
    default:
      text->style = "dim-label";
      text->icon_name = "dialog-question-symbolic";
      text->days = g_strdup (_("Expiry date unknown"));
      break;
    }

  /* The day is a date in Kyiv: formatting it without converting keeps the right day. */
  text->date = expires_on != NULL ? g_date_time_format (expires_on, C_("date format", "%d.%m.%Y")) : NULL;
}

void
cd_cert_text_clear (CdCertText *text)
{
  g_clear_pointer (&text->days, g_free);
  g_clear_pointer (&text->date, g_free);
}

void
cd_account_format_set_style (GtkWidget  *widget,
                             const char *style)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    if (g_strcmp0 (state_classes[i], style) != 0)
      gtk_widget_remove_css_class (widget, state_classes[i]);
  gtk_widget_add_css_class (widget, style);
}

CdCertState
cd_account_format_certificate (CdAccount *account,
                               GDateTime *now,
                               GtkImage  *icon,
                               GtkLabel  *days_label,
                               char     **date)
{
  g_auto(CdCertText) text = { 0, };

  cd_cert_text_init (&text, account, now);
  gtk_label_set_label (days_label, text.days);
  gtk_image_set_from_icon_name (icon, text.icon_name);
  cd_account_format_set_style (GTK_WIDGET (days_label), text.style);
  cd_account_format_set_style (GTK_WIDGET (icon), text.style);
  *date = g_steal_pointer (&text.date);
  return text.state;
}

const char *
cd_account_format_cert_state (CdCertState state)
{
  switch (state)
    {
    case CD_CERT_EXPIRED:
      return _("Expired");
    case CD_CERT_EXPIRING:
      return _("Expiring soon: renew it");
    case CD_CERT_VALID:
      return _("Valid");
    case CD_CERT_UNKNOWN:
    default:
      return _("Expiry date unknown");
    }
}

/* A cashier cannot sign receipts without a valid certificate: the warning says what to
 * do, not only what happened. */
gboolean
cd_account_format_cert_warning (CdCertState   state,
                                int           days,
                                char        **title,
                                const char  **body)
{
  if (state == CD_CERT_EXPIRED)
    {
      *title = g_strdup (_("E-signature certificate expired"));
      *body = _("Receipts cannot be signed with it. Get a new certificate from your key certification centre and add it in CashDesk.");
      return TRUE;
    }
  if (state == CD_CERT_EXPIRING)
    {
      *title = days == 0
               ? g_strdup (_("E-signature certificate expires today"))
               : g_strdup_printf (ngettext ("E-signature certificate expires in %d day",
                                            "E-signature certificate expires in %d days", days),
                                  days);
      *body = _("Renew it with your key certification centre before then, and add the new one in CashDesk, so that receipts can still be signed.");
      return TRUE;
    }
  return FALSE;
}
