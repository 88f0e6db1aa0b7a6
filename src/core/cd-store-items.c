/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-items.c: the keyring items as the store's parts see them: the two schemas
 * (a contract with other programs, decided here alone), attributes, the one ordering
 * of sign-ins, the errors, and deleting items by D-Bus path. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cd-error.h"
#include "cd-store-private.h"


/* The schemas are written as an xdg:schema attribute (cd_store_attributes_new()), which
 * is how other programs (secret-tool lookup xdg:schema ...) find the token. */
const SecretSchema cd_store_token_schema = {
  CD_STORE_TOKEN_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "expires", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "signed-in", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

const SecretSchema cd_store_account_schema = {
  CD_STORE_ACCOUNT_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "signed-in", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

GError *
cd_store_locked_error_new (void)
{
  return g_error_new_literal (CD_ERROR, CD_ERROR_KEYRING, _("The keyring is locked."));
}

GError *
cd_store_error_new (GError *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (error != NULL && error->domain == CD_ERROR))
    return error;
  /* libsecret finishes a call whose prompt was dismissed with neither a result nor an
   * error: what it needed stayed locked. */
  if (error == NULL || g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      g_clear_error (&error);
      return cd_store_locked_error_new ();
    }

  /* Nobody owns org.freedesktop.secrets and nothing could be started for it
   * (G_DBUS_ERROR_SERVICE_UNKNOWN, NAME_HAS_NO_OWNER, SPAWN_*), there is no session bus
   * (G_IO_ERROR_* from the connection), or the service has no collection to write to
   * (SECRET_ERROR_NO_SUCH_OBJECT): to people, all of it means the same. */
  g_dbus_error_strip_remote_error (error);
  mapped = g_error_new (CD_ERROR, CD_ERROR_KEYRING,
                        _("The keyring is not available: %s"), error->message);
  g_clear_error (&error);
  return mapped;
}

GHashTable *
cd_store_attributes_new (const SecretSchema *schema,
                         const char         *server,
                         const char         *email)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (schema != NULL)
    g_hash_table_insert (attributes, g_strdup ("xdg:schema"), g_strdup (schema->name));
  if (server != NULL)
    g_hash_table_insert (attributes, g_strdup ("server"), g_strdup (server));
  if (email != NULL)
    g_hash_table_insert (attributes, g_strdup ("email"), g_strdup (email));
  return attributes;
}

char *
cd_store_format_utc (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
cd_store_format_utc_exact (gint64 microseconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (microseconds / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (when, microseconds % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

void
cd_store_item_free (gpointer data)
{
  CdStoreItem *item = data;

  g_free (item->path);
  g_clear_pointer (&item->attributes, g_hash_table_unref);
  g_free (item);
}

const char *
cd_store_item_get (const CdStoreItem *item,
                   const char        *name)
{
  const char *value = g_hash_table_lookup (item->attributes, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

int
cd_store_item_compare_recent (gconstpointer a,
                              gconstpointer b)
{
  const CdStoreItem *ia = *(const CdStoreItem **) a;
  const CdStoreItem *ib = *(const CdStoreItem **) b;
  size_t la = strlen (ia->path);
  size_t lb = strlen (ib->path);

  if (ia->signed_in != ib->signed_in)
    return ia->signed_in > ib->signed_in ? -1 : 1;
  if (ia->created != ib->created)
    return ia->created > ib->created ? -1 : 1;
  /* gnome-keyring numbers its items in the order it creates them: the longer path is
   * the larger number. The same last word for every process that looks. */
  if (la != lb)
    return la > lb ? -1 : 1;
  return -strcmp (ia->path, ib->path);
}

CdStoreItem *
cd_store_item_new (const char *path)
{
  CdStoreItem *item = g_new0 (CdStoreItem, 1);

  item->path = g_strdup (path);
  item->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return item;
}

/* Once the attributes and times are in: the time it counts by. */
static void
cd_store_items_item_set_known (CdStoreItem *item)
{
  const char *text = cd_store_item_get (item, "signed-in");
  g_autoptr(GDateTime) when = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  item->known = TRUE;
  item->has_signed_in = when != NULL;
  if (when != NULL)
    item->signed_in = g_date_time_to_unix (when) * G_USEC_PER_SEC +
                      g_date_time_get_microsecond (when);
  else
    item->signed_in = (gint64) item->modified * G_USEC_PER_SEC;
}

void
cd_store_item_set_properties (CdStoreItem *item,
                              GVariant    *properties)
{
  g_autoptr(GVariant) attributes = NULL;

  attributes = g_variant_lookup_value (properties, "Attributes", G_VARIANT_TYPE ("a{ss}"));
  if (attributes != NULL)
    {
      GVariantIter iter;
      const char *key;
      const char *value;

      g_variant_iter_init (&iter, attributes);
      while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
        g_hash_table_insert (item->attributes, g_strdup (key), g_strdup (value));
    }
  g_variant_lookup (properties, "Created", "t", &item->created);
  g_variant_lookup (properties, "Modified", "t", &item->modified);
  cd_store_items_item_set_known (item);
}

void
cd_store_item_set_attributes (CdStoreItem *item,
                              GHashTable  *attributes)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (item->attributes, g_strdup (key), g_strdup (value));
  cd_store_items_item_set_known (item);
}

void
cd_store_items_drop_unknown (GPtrArray *items)
{
  for (guint i = items->len; i > 0; i--)
    if (!((CdStoreItem *) g_ptr_array_index (items, i - 1))->known)
      g_ptr_array_remove_index (items, i - 1);
}

void
cd_store_found_free (CdStoreFound *found)
{
  g_clear_pointer (&found->tokens, g_ptr_array_unref);
  g_clear_pointer (&found->accounts, g_ptr_array_unref);
  g_free (found);
}

/* delete, at the D-Bus level: KeePassXC may answer with a prompt (cd-store-prompt.c). */

/* How long an optional deletion waits for a prompt where no prompt may be shown:
 * KeePassXC's that asks nothing completes at once; one that asks is left open. */
#define OPTIONAL_PROMPT_PATIENCE_MS 2000

typedef struct
{
  guint pending;
  guint failed;
  guint patience_ms;
} Delete;

static void
cd_store_items_delete_done (GTask    *task,
                            gboolean  deleted)
{
  Delete *delete = g_task_get_task_data (task);

  if (!deleted)
    delete->failed++;
  if (--delete->pending == 0)
    g_task_return_int (task, delete->failed);
}

static void
cd_store_items_delete_prompted_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dismissed = TRUE;

  value = cd_store_prompt_finish (result, &dismissed, &error);
  cd_store_items_delete_done (task, error == NULL && !dismissed);
}

static void
cd_store_items_deleted_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Delete *delete = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *prompt = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      g_variant_get (reply, "(&o)", &prompt);
      if (g_strcmp0 (prompt, "/") != 0)
        {
          cd_store_prompt_async (g_task_get_source_object (task), prompt,
                                 delete->patience_ms, cd_store_items_delete_prompted_cb,
                                 g_object_ref (task));
          return;
        }
    }
  /* An item already gone (deleted by another sign-in, or by the person) is deleted. */
  cd_store_items_delete_done (task, reply != NULL ||
                     g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
                     g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
                     (g_dbus_error_is_remote_error (error) &&
                      g_str_equal (g_dbus_error_get_remote_error (error),
                                   "org.freedesktop.Secret.Error.NoSuchObject")));
}

void
cd_store_delete_async (GTask               *call,
                       GPtrArray           *paths,
                       gboolean             optional,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  GDBusProxy *service = G_DBUS_PROXY (cd_store_call_get_service (call));
  Delete *delete = g_new0 (Delete, 1);

  g_task_set_source_tag (task, cd_store_delete_async);
  g_task_set_task_data (task, delete, g_free);
  if (optional && !cd_store_call_may_prompt (call))
    delete->patience_ms = OPTIONAL_PROMPT_PATIENCE_MS;
  /* Sent together: one round trip's wait for all. */
  delete->pending = 1;
  for (guint i = 0; i < paths->len; i++)
    {
      delete->pending++;
      g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                              g_ptr_array_index (paths, i), SECRET_ITEM_INTERFACE, "Delete",
                              NULL, G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, G_MAXINT,
                              g_task_get_cancellable (task), cd_store_items_deleted_cb,
                              g_object_ref (task));
    }
  cd_store_items_delete_done (task, TRUE);
}

guint
cd_store_delete_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_delete_async, 0);

  return (guint) g_task_propagate_int (G_TASK (result), error);
}
