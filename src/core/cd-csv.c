/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-csv.c: stored accounts as CSV (RFC 4180, UTF-8), and a file of them. */
#include "config.h"

#include <string.h>

#include "cd-csv.h"
#include "cd-dates.h"

void
cd_csv_append_field (GString    *csv,
                     const char *field)
{
  gboolean formula;

  g_return_if_fail (csv != NULL);

  if (field == NULL || *field == '\0')
    return;

  formula = strchr ("=+-@\t", field[0]) != NULL;
  if (!formula && strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (csv, field);
      return;
    }

  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
cd_csv_append_row (GString   *csv,
                   CdAccount *account,
                   GDateTime *now)
{
  GDateTime *expires_on = cd_account_get_cert_expires_on (account);
  GDateTime *token_expires = cd_account_get_token_expires_at (account);
  int days_left = 0;
  CdCertState state = cd_account_get_cert_state (account, now, &days_left);

  cd_csv_append_field (csv, cd_account_get_full_name (account));
  g_string_append_c (csv, ',');
  cd_csv_append_field (csv, cd_account_get_email (account));
  g_string_append_c (csv, ',');
  cd_csv_append_field (csv, cd_account_get_edrpou (account));
  g_string_append_c (csv, ',');
  cd_csv_append_field (csv, cd_account_get_server (account));
  g_string_append_c (csv, ',');
  if (state != CD_CERT_UNKNOWN && expires_on != NULL)
    {
      g_autofree char *day = cd_dates_format_iso_day (expires_on);

      /* A number, written by us: not a field the formula guard should touch. */
      g_string_append_printf (csv, "%s,%d", day, days_left);
    }
  else
    {
      g_string_append_c (csv, ',');
    }
  g_string_append_c (csv, ',');
  g_string_append (csv, cd_certificate_state_to_string (state));
  g_string_append_c (csv, ',');
  if (token_expires != NULL)
    {
      g_autofree char *when = cd_dates_format_iso (token_expires);

      g_string_append (csv, when);
    }
  g_string_append_c (csv, ',');
  g_string_append (csv, cd_account_token_is_valid (account, now) ? "true" : "false");
  g_string_append (csv, "\r\n");
}

char *
cd_csv_format_accounts (GPtrArray *accounts,
                        GDateTime *now)
{
  GString *csv;

  g_return_val_if_fail (accounts != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  csv = g_string_new (CD_CSV_HEADER "\r\n");
  for (guint i = 0; i < accounts->len; i++)
    cd_csv_append_row (csv, g_ptr_array_index (accounts, i), now);

  return g_string_free (csv, FALSE);
}

static void
cd_csv_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cd_csv_write_async (GListModel          *accounts,
                    GFile               *file,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GBytes) bytes = NULL;
  GTask *task;
  char *csv;

  g_return_if_fail (G_IS_LIST_MODEL (accounts));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_csv_write_async);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    g_ptr_array_add (array, g_list_model_get_item (accounts, i));

  csv = cd_csv_format_accounts (array, now);
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, cd_csv_written_cb, task);
}

gboolean
cd_csv_write_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_csv_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
