/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-forget.c: forgetting sign-ins: every token and account item of the account
 * (or of the server, or all), found first, so that a locked keyring is unlocked or
 * named rather than read as "nothing stored", then deleted all at once. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-error.h"
#include "cd-store-private.h"

typedef struct
{
  char *server;
  char *email;
  guint count;
} Forget;

static void
cd_store_forget_free (gpointer data)
{
  Forget *forget = data;

  g_free (forget->server);
  g_free (forget->email);
  g_free (forget);
}

static void
cd_store_forget_deleted_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Forget *forget = g_task_get_task_data (task);
  GError *error = NULL;
  guint failed = cd_store_delete_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (failed > 0)
    g_task_return_new_error (task, CD_ERROR, CD_ERROR_KEYRING,
                             _("The keyring refused to delete a stored sign-in."));
  else
    g_task_return_int (task, forget->count);
}

static void
cd_store_forget_found_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Forget *forget = g_task_get_task_data (task);
  g_autoptr(CdStoreFound) found = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  found = cd_store_find_finish (result, &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  forget->count = found->tokens->len;
  for (guint i = 0; i < found->tokens->len; i++)
    g_ptr_array_add (paths, g_strdup (((CdStoreItem *) g_ptr_array_index (found->tokens, i))->path));
  for (guint i = 0; i < found->accounts->len; i++)
    g_ptr_array_add (paths, g_strdup (((CdStoreItem *) g_ptr_array_index (found->accounts, i))->path));
  cd_store_delete_async (task, paths, FALSE, cd_store_forget_deleted_cb, g_object_ref (task));
}

static void
cd_store_forget_run (GTask *task)
{
  Forget *forget = g_task_get_task_data (task);

  cd_store_find_async (task, forget->server, forget->email, CD_STORE_FIND_UNLOCK,
                       cd_store_forget_found_cb,
                       g_object_ref (task));
}

void
cd_store_forget_async (const char         *server,
                       const char         *email,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  Forget *forget;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  forget = g_new0 (Forget, 1);
  forget->server = g_strdup (server);
  forget->email = g_strdup (email);
  cd_store_call (cd_store_forget_async, cancellable, callback, user_data, forget,
                 cd_store_forget_free,
                 cd_store_forget_run);
}

int
cd_store_forget_finish (GAsyncResult *result,
                        GError      **error)
{
  g_autoptr(GTask) task = cd_store_call_finish (result, cd_store_forget_async, error);

  return task != NULL ? (int) g_task_propagate_int (task, error) : -1;
}
