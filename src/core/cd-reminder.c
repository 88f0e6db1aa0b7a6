/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-reminder.c: who is due and what the notification says. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-dates.h"
#include "cd-reminder.h"
#include "cd-text.h"

/* More names would not fit a notification; the rest are counted. */
#define MAX_LINES 5

typedef enum {
  DUE_CERTIFICATE,
  DUE_TOKEN,
} DueKind;

typedef struct {
  DueKind   kind;
  int       days;
  gboolean  expired;
  char     *name;
} Due;

static void
cd_reminder_due_free (gpointer data)
{
  Due *due = data;

  g_free (due->name);
  g_free (due);
}

static int
cd_reminder_due_compare (gconstpointer a,
                         gconstpointer b)
{
  const Due *x = *(const Due **) a;
  const Due *y = *(const Due **) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->days != y->days)
    return x->days < y->days ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

gboolean
cd_reminder_certificate_due (CdAccount *account,
                             GDateTime *now,
                             int        days,
                             int       *days_left)
{
  int left = 0;

  g_return_val_if_fail (CD_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (cd_account_get_cert_state (account, now, &left) == CD_CERT_UNKNOWN || left > days)
    return FALSE;
  if (days_left != NULL)
    *days_left = left;
  return TRUE;
}

gboolean
cd_reminder_token_due (CdAccount *account,
                       GDateTime *now,
                       int        days,
                       int       *days_left)
{
  GDateTime *expires_at;
  int left;

  g_return_val_if_fail (CD_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  expires_at = cd_account_get_token_expires_at (account);
  if (expires_at == NULL)
    return FALSE;
  /* Counted in Kyiv days, as the certificate's are, so "in 3 days" means the same on
   * both lines of a notification. */
  left = cd_dates_days_between (now, expires_at);
  if (left > days && cd_account_token_is_valid (account, now))
    return FALSE;
  if (days_left != NULL)
    *days_left = left;
  return TRUE;
}

static char *
cd_reminder_describe_certificate (const Due *due)
{
  if (due->days < 0)
    /* TRANSLATORS: a line of a notification; %s is a cashier's name */
    return g_strdup_printf (ngettext ("%s: certificate expired %d day ago",
                                      "%s: certificate expired %d days ago", -due->days),
                            due->name, -due->days);
  if (due->days == 0)
    /* TRANSLATORS: a line of a notification; %s is a cashier's name */
    return g_strdup_printf (_("%s: certificate expires today"), due->name);
  /* TRANSLATORS: a line of a notification; %s is a cashier's name */
  return g_strdup_printf (ngettext ("%s: certificate expires in %d day",
                                    "%s: certificate expires in %d days", due->days),
                          due->name, due->days);
}

static char *
cd_reminder_describe_token (const Due *due)
{
  if (due->expired && due->days < 0)
    /* TRANSLATORS: a line of a notification; %s is a cashier's name. The token is what
     * the shop's programs read from the keyring: they stop working without it. */
    return g_strdup_printf (ngettext ("%s: token expired %d day ago, sign in again",
                                      "%s: token expired %d days ago, sign in again", -due->days),
                            due->name, -due->days);
  if (due->expired)
    /* TRANSLATORS: a line of a notification; %s is a cashier's name */
    return g_strdup_printf (_("%s: token expired today, sign in again"), due->name);
  if (due->days == 0)
    /* TRANSLATORS: a line of a notification; %s is a cashier's name */
    return g_strdup_printf (_("%s: token expires today"), due->name);
  /* TRANSLATORS: a line of a notification; %s is a cashier's name */
  return g_strdup_printf (ngettext ("%s: token expires in %d day",
                                    "%s: token expires in %d days", due->days),
                          due->name, due->days);
}

static Due *
cd_reminder_due_new (DueKind    kind,
                     CdAccount *account,
                     GDateTime *now,
                     int        days)
{
  Due *due = g_new0 (Due, 1);

  due->kind = kind;
  due->days = days;
  due->expired = kind == DUE_TOKEN ? !cd_account_token_is_valid (account, now) : days < 0;
  due->name = cd_account_dup_short_name (account);
  return due;
}

gboolean
cd_reminder_compose (GListModel *accounts,
                     GDateTime  *now,
                     char      **title,
                     char      **body)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (cd_reminder_due_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint n_certificates = 0;
  guint n_tokens = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (title != NULL && body != NULL, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CdAccount) account = g_list_model_get_item (accounts, i);
      int days = 0;

      if (cd_reminder_certificate_due (account, now, CD_REMINDER_CERTIFICATE_DAYS, &days))
        {
          g_ptr_array_add (due, cd_reminder_due_new (DUE_CERTIFICATE, account, now, days));
          n_certificates++;
        }
      if (cd_reminder_token_due (account, now, CD_REMINDER_TOKEN_DAYS, &days))
        {
          g_ptr_array_add (due, cd_reminder_due_new (DUE_TOKEN, account, now, days));
          n_tokens++;
        }
    }
  if (due->len == 0)
    return FALSE;

  g_ptr_array_sort (due, cd_reminder_due_compare);
  for (guint i = 0; i < due->len && i < MAX_LINES; i++)
    {
      const Due *d = g_ptr_array_index (due, i);

      g_ptr_array_add (lines, d->kind == DUE_CERTIFICATE ? cd_reminder_describe_certificate (d)
                                                         : cd_reminder_describe_token (d));
    }
  if (due->len > lines->len)
    /* TRANSLATORS: the last line of a notification that lists cashiers */
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("and %u more", "and %u more",
                                                       due->len - lines->len),
                                             due->len - lines->len));
  g_ptr_array_add (lines, NULL);

  if (n_tokens == 0)
    *title = g_strdup_printf (ngettext ("An e-signature certificate needs renewal",
                                        "%u e-signature certificates need renewal", n_certificates),
                              n_certificates);
  else if (n_certificates == 0)
    *title = g_strdup_printf (ngettext ("A cashier must sign in again",
                                        "%u cashiers must sign in again", n_tokens),
                              n_tokens);
  else
    *title = g_strdup (_("Certificates and tokens need attention"));
  /* Notification servers that advertise body-markup (KDE's, XFCE's, dunst) read the
   * body as markup, GNOME's as text, and GLib cannot say which will show it: names from
   * the server carry no markup character, so a tag or a link never comes of them. */
  joined = g_strjoinv ("\n", (char **) lines->pdata);
  *body = cd_text_dup_markup_inert (joined);
  return TRUE;
}
