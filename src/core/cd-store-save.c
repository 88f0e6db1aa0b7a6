/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-save.c: keeping a sign-in, in an order that any interruption leaves
 * readable.
 *
 * 1. The token item is created in the collection (unlocked first, if need be), with a
 *    signed-in time to the microsecond; its D-Bus path says which item is ours, so what
 *    a Secret Service adds to the attributes does not matter.
 * 2. The account item is created with the same signed-in time, and its details name
 *    the token item (its path, server, signed-in and expires): readers pair an account
 *    item only with the token item it was written for (cd-store-load.c), so a save cut
 *    short between 1 and 2 leaves a new token whose details are "not known", never the
 *    old details presented as the new token's.
 * 3. The account's items are found. If another sign-in of the same account is newer
 *    (two cashdesk-token processes, the window and the command), ours are deleted and
 *    the save reports that it was not kept; otherwise the older items are deleted.
 *    Whatever the timing, the newest survives and nothing deletes it.
 * 4. Read back: our token item must still be there, and nothing newer. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-account-json.h"
#include "cd-error.h"
#include "cd-json-writer.h"
#include "cd-store-private.h"


typedef struct
{
  CdAccount *account;
  /* A collection alias: "default", or "session" for what must not outlive the
   * program that made it. */
  const char *alias;
  char *collection;
  char *signed_in;
  char *token_path;
  char *account_path;
} Save;

static void
cd_store_save_free (gpointer data)
{
  Save *save = data;

  g_object_unref (save->account);
  g_free (save->collection);
  g_free (save->signed_in);
  g_free (save->token_path);
  g_free (save->account_path);
  g_free (save);
}

static SecretService *
cd_store_save_service (GTask *task)
{
  return cd_store_call_get_service (task);
}

static GError *
cd_store_save_superseded_error_new (Save *save)
{
  /* Translators: %s is an email address */
  return g_error_new (CD_ERROR, CD_ERROR_KEYRING,
                      _("A newer sign-in of %s was stored at the same time; its token is "
                        "the one kept."), cd_account_get_email (save->account));
}

static CdStoreItem *
cd_store_save_find_path (GPtrArray  *items,
                         const char *path)
{
  for (guint i = 0; i < items->len; i++)
    {
      CdStoreItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->path, path) == 0)
        return item;
    }
  return NULL;
}

/* 4. */

static void
cd_store_save_verified_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Save *save = g_task_get_task_data (task);
  g_autoptr(CdStoreFound) found = NULL;
  GError *error = NULL;

  found = cd_store_find_finish (result, &error);
  if (found == NULL)
    g_task_return_error (task, error);
  else if (found->tokens->len == 0 ||
           g_strcmp0 (((CdStoreItem *) g_ptr_array_index (found->tokens, 0))->path,
                      save->token_path) != 0)
    g_task_return_error (task, cd_store_save_superseded_error_new (save));
  else
    g_task_return_boolean (task, TRUE);
}

static void
cd_store_save_stale_deleted_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Save *save = g_task_get_task_data (task);

  /* A stale item that cannot be deleted now is older than the new one, so readers
   * never prefer it, and the next save tries again: not worth failing a save that
   * worked. */
  cd_store_delete_finish (result, NULL);
  cd_store_find_async (task, cd_account_get_server (save->account),
                       cd_account_get_email (save->account), CD_STORE_FIND_LOCKED_TOO,
                       cd_store_save_verified_cb, g_object_ref (task));
}

static void
cd_store_save_own_deleted_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  cd_store_delete_finish (result, NULL);
  g_task_return_error (task, cd_store_save_superseded_error_new (g_task_get_task_data (task)));
}

/* 3. */

static void
cd_store_save_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Save *save = g_task_get_task_data (task);
  g_autoptr(CdStoreFound) found = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);
  CdStoreItem *ours;
  CdStoreItem *our_account;
  GError *error = NULL;

  found = cd_store_find_finish (result, &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Gone already (a newer sign-in deleted it), or not the first in the one ordering. */
  ours = cd_store_save_find_path (found->tokens, save->token_path);
  if (ours == NULL || g_ptr_array_index (found->tokens, 0) != ours)
    {
      g_ptr_array_add (doomed, g_strdup (save->token_path));
      if (save->account_path != NULL)
        g_ptr_array_add (doomed, g_strdup (save->account_path));
      cd_store_delete_async (task, doomed, TRUE, cd_store_save_own_deleted_cb, g_object_ref (task));
      return;
    }

  for (guint i = 1; i < found->tokens->len; i++)
    g_ptr_array_add (doomed, g_strdup (((CdStoreItem *) g_ptr_array_index (found->tokens, i))->path));
  /* Account items older than ours: those of earlier sign-ins, and those written by
   * versions that did not pair them. A newer one belongs to a newer sign-in. */
  our_account = cd_store_save_find_path (found->accounts, save->account_path);
  for (guint i = 0; i < found->accounts->len && our_account != NULL; i++)
    {
      CdStoreItem *item = g_ptr_array_index (found->accounts, i);

      if (cd_store_item_compare_recent (&item, &our_account) > 0)
        g_ptr_array_add (doomed, g_strdup (item->path));
    }
  cd_store_delete_async (task, doomed, TRUE, cd_store_save_stale_deleted_cb, g_object_ref (task));
}

/* 2. */

static void
cd_store_save_account_created_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Save *save = g_task_get_task_data (task);
  GError *error = NULL;

  cd_store_call_set_prompting (task, FALSE);
  save->account_path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (source),
                                                                     result, &error);
  /* The token item stays: it is complete for every program that reads it, and readers
   * fall back to its attributes. The caller still hears that the details were not kept. */
  if (save->account_path == NULL)
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }
  cd_store_find_async (task, cd_account_get_server (save->account),
                       cd_account_get_email (save->account), CD_STORE_FIND_LOCKED_TOO,
                       cd_store_save_found_cb, g_object_ref (task));
}

/* The D-Bus properties of a new item. */
static GHashTable *
cd_store_save_item_properties_new (const char *label,
                                   GHashTable *attributes)
{
  GHashTable *properties = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                  (GDestroyNotify) g_variant_unref);
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&builder, "{ss}", key, value);
  g_hash_table_insert (properties, (gpointer) SECRET_ITEM_INTERFACE ".Label",
                       g_variant_ref_sink (g_variant_new_string (label)));
  g_hash_table_insert (properties, (gpointer) SECRET_ITEM_INTERFACE ".Attributes",
                       g_variant_ref_sink (g_variant_builder_end (&builder)));
  return properties;
}

static void
cd_store_save_create (GTask               *task,
                      const SecretSchema  *schema,
                      GHashTable          *attributes,
                      const char          *label,
                      const char          *secret,
                      GAsyncReadyCallback  callback)
{
  Save *save = g_task_get_task_data (task);
  g_autoptr(GHashTable) properties = cd_store_save_item_properties_new (label, attributes);
  g_autoptr(SecretValue) value = secret_value_new (secret, -1, "text/plain");

  /* gnome-keyring asks to unlock a collection locked since it was looked at. */
  cd_store_call_set_prompting (task, TRUE);
  secret_service_create_item_dbus_path (cd_store_save_service (task), save->collection, properties,
                                        value,
                                        SECRET_ITEM_CREATE_NONE, g_task_get_cancellable (task),
                                        callback, g_object_ref (task));
}

/* What the token item's attributes say, in the details, as written there. */
static void
cd_store_save_details_describe_token (JsonObject *details,
                                      Save       *save)
{
  GDateTime *expires = cd_account_get_token_expires_at (save->account);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                         cd_account_get_token (save->account), -1);

  json_object_set_string_member (details, CD_STORE_DETAILS_TOKEN_ITEM, save->token_path);
  json_object_set_string_member (details, CD_STORE_DETAILS_TOKEN_HASH, hash);
  json_object_set_string_member (details, CD_STORE_DETAILS_SERVER,
                                 cd_account_get_server (save->account));
  json_object_set_string_member (details, CD_STORE_DETAILS_SIGNED_IN, save->signed_in);
  if (expires != NULL)
    {
      g_autofree char *text = cd_store_format_utc (expires);

      json_object_set_string_member (details, CD_STORE_DETAILS_EXPIRES, text);
    }
}

static void
cd_store_save_token_created_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Save *save = g_task_get_task_data (task);
  const char *email = cd_account_get_email (save->account);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) summary = cd_account_to_summary (save->account, now);
  g_autofree char *json = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  cd_store_call_set_prompting (task, FALSE);
  save->token_path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (source),
                                                                   result, &error);
  if (save->token_path == NULL)
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }

  cd_store_save_details_describe_token (json_node_get_object (summary), save);
  json = cd_json_writer_to_string (summary, NULL);
  attributes = cd_store_attributes_new (&cd_store_account_schema,
                                        cd_account_get_server (save->account), email);
  g_hash_table_insert (attributes, g_strdup ("signed-in"), g_strdup (save->signed_in));
  /* Translators: the label of a keyring item; %s is an email address */
  label = g_strdup_printf (_("CashDesk account details for %s"), email);
  cd_store_save_create (task, &cd_store_account_schema, attributes, label, json,
                        cd_store_save_account_created_cb);
}

/* 1. */

static void
cd_store_save_create_token (GTask *task)
{
  Save *save = g_task_get_task_data (task);
  CdAccount *account = save->account;
  const char *email = cd_account_get_email (account);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  attributes = cd_store_attributes_new (&cd_store_token_schema,
                                        cd_account_get_server (account), email);
  if (cd_account_get_uuid (account) != NULL)
    g_hash_table_insert (attributes, g_strdup ("user-uuid"),
                         g_strdup (cd_account_get_uuid (account)));
  if (cd_account_get_token_expires_at (account) != NULL)
    g_hash_table_insert (attributes, g_strdup ("expires"),
                         cd_store_format_utc (cd_account_get_token_expires_at (account)));
  g_hash_table_insert (attributes, g_strdup ("signed-in"), g_strdup (save->signed_in));
  /* Translators: the label of a keyring item; %s is an email address */
  label = g_strdup_printf (_("CashDesk token for %s"), email);
  cd_store_save_create (task, &cd_store_token_schema, attributes, label,
                        cd_account_get_token (account), cd_store_save_token_created_cb);
}

static void
cd_store_save_unlocked_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!cd_store_unlock_finish (result, &error))
    g_task_return_error (task, error);
  else
    cd_store_save_create_token (task);
}

static void
cd_store_save_collection_created_cb (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Save *save = g_task_get_task_data (task);
  GError *error = NULL;

  cd_store_call_set_prompting (task, FALSE);
  save->collection = secret_service_create_collection_dbus_path_finish (SECRET_SERVICE (source),
                                                                        result, &error);
  if (save->collection == NULL)
    g_task_return_error (task, cd_store_error_new (error));
  else
    cd_store_save_create_token (task);
}

/* A keyring with no default collection yet (a new user's, or a KWallet before its first
 * wallet) gets one, as libsecret's own store does: the service asks for its password. */
static void
cd_store_save_create_collection (GTask *task)
{
  g_autoptr(GHashTable) properties = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_variant_unref);

  if (!cd_store_call_may_prompt (task))
    {
      g_task_return_new_error (task, CD_ERROR, CD_ERROR_KEYRING,
                               _("The keyring has no collection to keep the sign-in in."));
      return;
    }
  g_hash_table_insert (properties, (gpointer) SECRET_COLLECTION_INTERFACE ".Label",
                       g_variant_ref_sink (g_variant_new_string ("Default keyring")));
  cd_store_call_set_prompting (task, TRUE);
  secret_service_create_collection_dbus_path (cd_store_save_service (task), properties,
                                              SECRET_COLLECTION_DEFAULT,
                                              SECRET_COLLECTION_CREATE_NONE,
                                              g_task_get_cancellable (task),
                                              cd_store_save_collection_created_cb,
                                              g_object_ref (task));
}

static void
cd_store_save_collection_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Save *save = g_task_get_task_data (task);
  gboolean locked = FALSE;
  GError *error = NULL;

  save->collection = cd_store_read_collection_finish (result, &locked, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
    }
  else if (save->collection == NULL && g_str_equal (save->alias, SECRET_COLLECTION_SESSION))
    {
      /* Only GNOME Keyring has a session collection: elsewhere (KeePassXC) the demo's
       * sign-ins go to the default one, and are forgotten when the demo quits. */
      save->alias = SECRET_COLLECTION_DEFAULT;
      cd_store_read_collection_async (task, save->alias, cd_store_save_collection_cb,
                                      g_object_ref (task));
    }
  else if (save->collection == NULL)
    {
      cd_store_save_create_collection (task);
    }
  else if (locked)
    {
      const char *paths[] = { save->collection, NULL };

      cd_store_unlock_async (task, paths, cd_store_save_unlocked_cb, g_object_ref (task));
    }
  else
    {
      cd_store_save_create_token (task);
    }
}

static void
cd_store_save_run (GTask *task)
{
  Save *save = g_task_get_task_data (task);

  cd_store_read_collection_async (task, save->alias, cd_store_save_collection_cb,
                                  g_object_ref (task));
}

void
cd_store_save_async (CdAccount          *account,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  cd_store_save_in_session_async (account, FALSE, cancellable, callback, user_data);
}

void
cd_store_save_in_session_async (CdAccount          *account,
                                gboolean            session,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  Save *save;

  g_return_if_fail (CD_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (cd_account_get_server (account) == NULL || cd_account_get_email (account) == NULL ||
      cd_account_get_token (account) == NULL)
    {
      g_task_report_new_error (NULL, callback, user_data, cd_store_save_async,
                               CD_ERROR, CD_ERROR_INVALID_INPUT,
                               _("This sign-in has no server, email or token to keep."));
      return;
    }

  save = g_new0 (Save, 1);
  save->account = g_object_ref (account);
  save->alias = session ? SECRET_COLLECTION_SESSION : SECRET_COLLECTION_DEFAULT;
  save->signed_in = cd_store_format_utc_exact (g_get_real_time ());
  cd_store_call (cd_store_save_async, cancellable, callback, user_data, save, cd_store_save_free,
                 cd_store_save_run);
}

gboolean
cd_store_save_finish (GAsyncResult *result,
                      GError      **error)
{
  g_autoptr(GTask) task = cd_store_call_finish (result, cd_store_save_async, error);
  return task != NULL && g_task_propagate_boolean (task, error);
}
