/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-sign-in.c: signing in: authenticate, then store through the account list. */
#include "config.h"

#include "cd-sign-in.h"

struct _CdSignInResult
{
  CdAccount *account;
  gboolean stored;
  GError *store_error;
};

void
cd_sign_in_result_free (CdSignInResult *result)
{
  g_clear_object (&result->account);
  g_clear_error (&result->store_error);
  g_free (result);
}

CdAccount *
cd_sign_in_result_get_account (CdSignInResult *result)
{
  return result->account;
}

gboolean
cd_sign_in_result_get_stored (CdSignInResult *result)
{
  return result->stored;
}

const GError *
cd_sign_in_result_get_store_error (CdSignInResult *result)
{
  return result->store_error;
}

typedef struct
{
  CdClient *client;
  CdAccountList *accounts;
  CdSignInResult *result;
} SignIn;

static void
cd_sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->client);
  g_clear_object (&sign_in->accounts);
  g_clear_pointer (&sign_in->result, cd_sign_in_result_free);
  g_free (sign_in);
}

static void
cd_sign_in_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;

  sign_in->result->stored = cd_account_list_save_finish (CD_ACCOUNT_LIST (source), result, &error);
  /* Cancelling cancels the whole sign-in: the caller is gone, or asked it to stop. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  sign_in->result->store_error = error;
  g_task_return_pointer (task, g_steal_pointer (&sign_in->result),
                         (GDestroyNotify) cd_sign_in_result_free);
}

static void
cd_sign_in_authenticated_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;
  CdAccount *account;

  account = cd_client_authenticate_finish (CD_CLIENT (source), result, &error);
  if (account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sign_in->result = g_new0 (CdSignInResult, 1);
  sign_in->result->account = account;
  if (sign_in->accounts == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&sign_in->result),
                             (GDestroyNotify) cd_sign_in_result_free);
      return;
    }
  cd_account_list_save_async (sign_in->accounts, account, g_task_get_cancellable (task),
                              cd_sign_in_saved_cb, g_object_ref (task));
}

void
cd_sign_in_async (CdClient            *client,
                  CdAccountList       *accounts,
                  const char          *email,
                  const char          *password,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task;
  SignIn *sign_in;

  g_return_if_fail (CD_IS_CLIENT (client));
  g_return_if_fail (accounts == NULL || CD_IS_ACCOUNT_LIST (accounts));
  g_return_if_fail (email != NULL && password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_sign_in_async);
  sign_in = g_new0 (SignIn, 1);
  sign_in->client = g_object_ref (client);
  sign_in->accounts = accounts != NULL ? g_object_ref (accounts) : NULL;
  g_task_set_task_data (task, sign_in, (GDestroyNotify) cd_sign_in_free);

  /* The client copies the password into the request it sends, and wipes that. */
  cd_client_authenticate_async (client, email, password, cancellable, cd_sign_in_authenticated_cb,
                                task);
}

CdSignInResult *
cd_sign_in_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_sign_in_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
