/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-load.c: reading stored sign-ins: the token items, newest first, each with
 * the account item written for it. However many there are, a read is a constant number
 * of round trips: two searches, the items' properties sent all at once, and one
 * GetSecrets for every secret wanted. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cd-account-json.h"
#include "cd-account-private.h"
#include "cd-dates.h"
#include "cd-error.h"
#include "cd-json-private.h"
#include "cd-store-private.h"

typedef struct
{
  char *server;
  char *email;
  gboolean most_recent_only;
  gboolean unlock;
  CdStoreFound *found;
  /* The token items to read, and for each the account item written for it, or NULL. */
  GPtrArray *tokens;
  GPtrArray *accounts;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->server);
  g_free (load->email);
  g_clear_pointer (&load->found, cd_store_found_free);
  g_clear_pointer (&load->tokens, g_ptr_array_unref);
  g_clear_pointer (&load->accounts, g_ptr_array_unref);
  g_free (load);
}

/* Whether @account was written for @token: the same signed-in time. An account item of
 * a version that wrote none is taken when it was written after the token item, as those
 * versions did. */
static gboolean
account_describes (const CdStoreItem *account,
                   const CdStoreItem *token)
{
  if (g_strcmp0 (cd_store_item_get (account, "server"), cd_store_item_get (token, "server")) != 0 ||
      g_strcmp0 (cd_store_item_get (account, "email"), cd_store_item_get (token, "email")) != 0)
    return FALSE;
  if (account->has_signed_in)
    return g_strcmp0 (cd_store_item_get (account, "signed-in"),
                      cd_store_item_get (token, "signed-in")) == 0;
  return account->modified >= token->created;
}

/* What is left when the details are missing, stale or unreadable: the attributes. */
static JsonObject *
minimal_summary_new (const CdStoreItem *token)
{
  JsonObject *summary = json_object_new ();
  g_autoptr(GDateTime) expires = cd_dates_parse_iso (cd_store_item_get (token, "expires"));

  json_object_set_string_member (summary, "email", cd_store_item_get (token, "email"));
  if (expires != NULL)
    {
      g_autofree char *text = cd_dates_format_iso (expires);

      json_object_set_string_member (summary, "token_expires_at", text);
    }
  return summary;
}

static CdAccount *
account_from_details (const CdStoreItem *token,
                      const char        *token_text,
                      const char        *details)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  CdAccount *account;

  /* Another program may have written the details: they get the checks an answer from
   * the network gets. */
  if (details == NULL || cd_json_load_object (parser, details, strlen (details)) != CD_JSON_OK)
    return NULL;
  account = cd_account_new_from_summary (json_node_get_object (json_parser_get_root (parser)),
                                         cd_store_item_get (token, "server"), token_text, NULL);
  /* The item was found under its email attribute: that is whose it is, whatever the
   * details say. */
  if (account != NULL)
    cd_account_set_email (account, cd_store_item_get (token, "email"));
  return account;
}

static CdAccount *
account_build (const CdStoreItem *token,
               const char        *token_text,
               const char        *details,
               GError           **error)
{
  CdAccount *account = account_from_details (token, token_text, details);
  g_autoptr(JsonObject) minimal = NULL;

  if (account != NULL)
    return account;
  minimal = minimal_summary_new (token);
  account = cd_account_new_from_summary (minimal, cd_store_item_get (token, "server"),
                                         token_text, error);
  if (account != NULL)
    cd_account_set_details_known (account, FALSE);
  return account;
}

static const char *
secret_text (GHashTable        *secrets,
             const CdStoreItem *item)
{
  SecretValue *value = item != NULL ? g_hash_table_lookup (secrets, item->path) : NULL;

  return value != NULL ? secret_value_get_text (value) : NULL;
}

static void
on_load_secrets (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  secrets = secret_service_get_secrets_for_dbus_paths_finish (SECRET_SERVICE (source), result,
                                                             &error);
  if (secrets == NULL)
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }

  for (guint i = 0; i < load->tokens->len; i++)
    {
      const CdStoreItem *token = g_ptr_array_index (load->tokens, i);
      const char *token_text = secret_text (secrets, token);
      CdAccount *account;

      /* Another program may have stored bytes that are not text, or text that is no
       * token (empty, several lines, escape sequences): nothing to hand out as one.
       * The most recent sign-in is named rather than passed over for an older one,
       * which could be another cashier's. */
      if (token_text == NULL || !cd_account_token_is_usable (token_text))
        {
          if (!load->most_recent_only)
            continue;
          /* Translators: %s is an email address */
          g_task_return_new_error (task, CD_ERROR, CD_ERROR_NOT_FOUND,
                                   _("The stored token of %s is unusable; sign in again."),
                                   cd_store_item_get (token, "email"));
          return;
        }
      account = account_build (token, token_text,
                               secret_text (secrets, g_ptr_array_index (load->accounts, i)),
                               &error);
      if (account == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (accounts, account);
    }
  g_task_return_pointer (task, g_steal_pointer (&accounts), (GDestroyNotify) g_ptr_array_unref);
}

static GError *
not_found_error_new (Load *load)
{
  /* Translators: %s is an email address, or a server's URL */
  return g_error_new (CD_ERROR, CD_ERROR_NOT_FOUND, _("No stored sign-in for %s."),
                      load->email != NULL ? load->email : load->server);
}

/* Picks the token items to read and pairs each with its account item, then reads every
 * secret of them in one call. */
static void
on_load_found (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GError *error = NULL;

  load->found = cd_store_find_finish (result, &error);
  if (load->found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  load->tokens = g_ptr_array_new ();
  load->accounts = g_ptr_array_new ();
  for (guint i = 0; i < load->found->tokens->len; i++)
    {
      CdStoreItem *token = g_ptr_array_index (load->found->tokens, i);
      CdStoreItem *account = NULL;

      /* An item some other program wrote without an email or server is nobody's
       * sign-in this program could name or use. */
      if (cd_store_item_get (token, "email") == NULL || cd_store_item_get (token, "server") == NULL)
        continue;
      if (load->most_recent_only && load->tokens->len == 1)
        break;
      for (guint j = 0; j < load->found->accounts->len && account == NULL; j++)
        if (account_describes (g_ptr_array_index (load->found->accounts, j), token))
          account = g_ptr_array_index (load->found->accounts, j);
      g_ptr_array_add (load->tokens, token);
      g_ptr_array_add (load->accounts, account);
      g_ptr_array_add (paths, token->path);
      if (account != NULL)
        g_ptr_array_add (paths, account->path);
    }

  if (load->tokens->len == 0)
    {
      if (load->most_recent_only)
        g_task_return_error (task, not_found_error_new (load));
      else
        g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                               (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  g_ptr_array_add (paths, NULL);
  secret_service_get_secrets_for_dbus_paths (cd_store_call_get_service (task),
                                             (const char **) paths->pdata,
                                             g_task_get_cancellable (task), on_load_secrets,
                                             g_object_ref (task));
}

static void
load_run (GTask *task)
{
  Load *load = g_task_get_task_data (task);

  cd_store_find_async (task, load->server, load->email,
                       load->unlock ? CD_STORE_FIND_UNLOCK : CD_STORE_FIND_LOCKED_FAILS, on_load_found,
                       g_object_ref (task));
}

static void
load_start (gpointer             source_tag,
            const char          *server,
            const char          *email,
            gboolean             most_recent_only,
            gboolean             unlock,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  Load *load = g_new0 (Load, 1);

  load->server = g_strdup (server);
  load->email = g_strdup (email);
  load->most_recent_only = most_recent_only;
  load->unlock = unlock;
  cd_store_call (source_tag, cancellable, callback, user_data, load, load_free, load_run);
}

void
cd_store_lookup_async (const char         *server,
                       const char         *email,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load_start (cd_store_lookup_async, server, email, TRUE, TRUE, cancellable, callback, user_data);
}

CdAccount *
cd_store_lookup_finish (GAsyncResult *result,
                        GError      **error)
{
  g_autoptr(GTask) task = cd_store_call_finish (result, cd_store_lookup_async, error);
  g_autoptr(GPtrArray) accounts = task != NULL ? g_task_propagate_pointer (task, error) : NULL;

  return accounts != NULL ? g_object_ref (g_ptr_array_index (accounts, 0)) : NULL;
}

void
cd_store_list_async (const char         *server,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load_start (cd_store_list_async, server, NULL, FALSE, TRUE, cancellable, callback, user_data);
}

void
cd_store_list_if_unlocked_async (const char         *server,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Tagged as a list, so that cd_store_list_finish() finishes both. */
  load_start (cd_store_list_async, server, NULL, FALSE, FALSE, cancellable, callback, user_data);
}

GPtrArray *
cd_store_list_finish (GAsyncResult *result,
                      GError      **error)
{
  g_autoptr(GTask) task = cd_store_call_finish (result, cd_store_list_async, error);

  return task != NULL ? g_task_propagate_pointer (task, error) : NULL;
}
