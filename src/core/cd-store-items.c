/* cd-store-items.c: the keyring items as the store's parts see them: the two schemas
 * (a contract with other programs, decided here alone), attributes, the one ordering
 * of sign-ins, the errors, and finding, unlocking and deleting items by D-Bus path. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cd-error.h"
#include "cd-store-private.h"

#define SECRET_BUS_NAME             "org.freedesktop.secrets"
#define SECRET_ITEM_INTERFACE       "org.freedesktop.Secret.Item"
#define SECRET_COLLECTION_INTERFACE "org.freedesktop.Secret.Collection"
#define SECRET_SERVICE_INTERFACE    "org.freedesktop.Secret.Service"

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

static CdStoreItem *
item_new (const char *path,
          GVariant   *properties)
{
  CdStoreItem *item = g_new0 (CdStoreItem, 1);
  g_autoptr(GVariant) attributes = NULL;
  g_autoptr(GDateTime) when = NULL;
  const char *text;

  item->path = g_strdup (path);
  item->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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

  text = cd_store_item_get (item, "signed-in");
  when = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  item->has_signed_in = when != NULL;
  if (when != NULL)
    item->signed_in = g_date_time_to_unix (when) * G_USEC_PER_SEC +
                      g_date_time_get_microsecond (when);
  else
    item->signed_in = (gint64) item->modified * G_USEC_PER_SEC;
  return item;
}

void
cd_store_found_free (CdStoreFound *found)
{
  g_clear_pointer (&found->tokens, g_ptr_array_unref);
  g_clear_pointer (&found->accounts, g_ptr_array_unref);
  g_free (found);
}

/* unlock, at the D-Bus level: the prompt is ours (cd-store-prompt.c). */

static void
unlock_return (GTask              *task,
               const char * const *unlocked)
{
  const char * const *paths = g_task_get_task_data (task);

  /* A dismissed prompt leaves them locked, without an error. */
  for (guint i = 0; paths[i] != NULL; i++)
    if (unlocked == NULL || !g_strv_contains (unlocked, paths[i]))
      {
        g_task_return_error (task, cd_store_locked_error_new ());
        return;
      }
  g_task_return_boolean (task, TRUE);
}

static void
on_unlock_prompted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) value = NULL;
  g_autofree const char **unlocked = NULL;
  gboolean dismissed = TRUE;
  GError *error = NULL;

  value = cd_store_prompt_finish (result, &dismissed, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!dismissed && value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE ("ao")))
    unlocked = g_variant_get_objv (value, NULL);
  unlock_return (task, unlocked);
}

static void
on_unlock_reply (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **unlocked = NULL;
  const char *prompt = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }
  g_variant_get (reply, "(^a&o&o)", &unlocked, &prompt);
  if (g_strcmp0 (prompt, "/") == 0)
    unlock_return (task, unlocked);
  else
    cd_store_prompt_async (g_task_get_source_object (task), prompt, on_unlock_prompted,
                           g_object_ref (task));
}

void
cd_store_unlock_async (GTask               *call,
                       const char * const  *paths,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  GDBusProxy *service = G_DBUS_PROXY (cd_store_call_get_service (call));

  g_task_set_source_tag (task, cd_store_unlock_async);
  if (!cd_store_call_may_prompt (call))
    {
      g_task_return_error (task, cd_store_locked_error_new ());
      return;
    }
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                          "/org/freedesktop/secrets", SECRET_SERVICE_INTERFACE, "Unlock",
                          g_variant_new ("(^ao)", paths), G_VARIANT_TYPE ("(aoo)"),
                          G_DBUS_CALL_FLAGS_NONE, G_MAXINT, g_task_get_cancellable (task),
                          on_unlock_reply, g_object_ref (task));
}

gboolean
cd_store_unlock_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_unlock_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* delete, at the D-Bus level: KeePassXC may answer with a prompt (cd-store-prompt.c). */

typedef struct
{
  guint pending;
  guint failed;
} Delete;

static void
delete_done (GTask    *task,
             gboolean  deleted)
{
  Delete *delete = g_task_get_task_data (task);

  if (!deleted)
    delete->failed++;
  if (--delete->pending == 0)
    g_task_return_int (task, delete->failed);
}

static void
on_delete_prompted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dismissed = TRUE;

  value = cd_store_prompt_finish (result, &dismissed, &error);
  delete_done (task, error == NULL && !dismissed);
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *prompt = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      g_variant_get (reply, "(&o)", &prompt);
      /* KeePassXC asks to confirm a deletion (its default): where no prompt may be
       * shown, the item stays, and readers go on preferring the newest. */
      if (g_strcmp0 (prompt, "/") != 0 && !cd_store_call_may_prompt (g_task_get_source_object (task)))
        {
          delete_done (task, FALSE);
          return;
        }
      if (g_strcmp0 (prompt, "/") != 0)
        {
          cd_store_prompt_async (g_task_get_source_object (task), prompt, on_delete_prompted,
                                 g_object_ref (task));
          return;
        }
    }
  /* An item already gone (deleted by another sign-in, or by the person) is deleted. */
  delete_done (task, reply != NULL ||
                     g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
                     g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
                     (g_dbus_error_is_remote_error (error) &&
                      g_str_equal (g_dbus_error_get_remote_error (error),
                                   "org.freedesktop.Secret.Error.NoSuchObject")));
}

void
cd_store_delete_async (GTask               *call,
                       GPtrArray           *paths,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  GDBusProxy *service = G_DBUS_PROXY (cd_store_call_get_service (call));
  Delete *delete = g_new0 (Delete, 1);

  g_task_set_source_tag (task, cd_store_delete_async);
  g_task_set_task_data (task, delete, g_free);
  /* Sent together: one round trip's wait for all. */
  delete->pending = 1;
  for (guint i = 0; i < paths->len; i++)
    {
      delete->pending++;
      g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                              g_ptr_array_index (paths, i), SECRET_ITEM_INTERFACE, "Delete",
                              NULL, G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, G_MAXINT,
                              g_task_get_cancellable (task), on_deleted, g_object_ref (task));
    }
  delete_done (task, TRUE);
}

guint
cd_store_delete_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_delete_async, 0);

  return (guint) g_task_propagate_int (G_TASK (result), error);
}

/* read a collection */

static void
on_collection_locked (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }
  g_variant_get (reply, "(v)", &locked);
  g_task_set_task_data (task, GINT_TO_POINTER (g_variant_is_of_type (locked, G_VARIANT_TYPE_BOOLEAN) &&
                                               g_variant_get_boolean (locked)), NULL);
  g_task_return_pointer (task, g_strdup (g_object_get_data (G_OBJECT (task), "path")), g_free);
}

static void
on_collection_alias (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GDBusProxy *service = G_DBUS_PROXY (cd_store_call_get_service (g_task_get_source_object (task)));
  g_autoptr(GVariant) reply = NULL;
  const char *path = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }
  g_variant_get (reply, "(&o)", &path);
  if (g_str_equal (path, "/"))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                          path, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", SECRET_COLLECTION_INTERFACE, "Locked"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, G_MAXINT,
                          g_task_get_cancellable (task), on_collection_locked,
                          g_object_ref (task));
}

void
cd_store_read_collection_async (GTask               *call,
                                const char          *alias,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  GDBusProxy *service = G_DBUS_PROXY (cd_store_call_get_service (call));

  g_task_set_source_tag (task, cd_store_read_collection_async);
  g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                          "/org/freedesktop/secrets", SECRET_SERVICE_INTERFACE, "ReadAlias",
                          g_variant_new ("(s)", alias), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, G_MAXINT, g_task_get_cancellable (task),
                          on_collection_alias, g_object_ref (task));
}

char *
cd_store_read_collection_finish (GAsyncResult *result,
                                 gboolean     *locked,
                                 GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_read_collection_async,
                        NULL);

  *locked = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* find: search both schemas, look at the default collection, unlock what is locked
 * (once), then read every item's properties, all at once. */

typedef struct
{
  char *server;
  char *email;
  CdStoreFindLocked locked;
  /* Whether an unlock may still be asked for: once per find. */
  gboolean unlock;
  char **tokens;
  char **locked_tokens;
  char **accounts;
  gboolean searching_accounts;
  CdStoreFound *found;
  guint pending;
} Find;

static void
find_free (gpointer data)
{
  Find *find = data;

  g_free (find->server);
  g_free (find->email);
  g_strfreev (find->tokens);
  g_strfreev (find->locked_tokens);
  g_strfreev (find->accounts);
  g_clear_pointer (&find->found, cd_store_found_free);
  g_free (find);
}

static SecretService *
find_service (GTask *task)
{
  return cd_store_call_get_service (g_task_get_source_object (task));
}

static void find_search (GTask *task);

typedef struct
{
  GTask *task;
  char *path;
  GPtrArray *into;
} ReadItem;

static void
find_read_done (GTask *task)
{
  Find *find = g_task_get_task_data (task);

  if (--find->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  g_ptr_array_sort (find->found->tokens, cd_store_item_compare_recent);
  g_ptr_array_sort (find->found->accounts, cd_store_item_compare_recent);
  g_task_return_pointer (task, g_steal_pointer (&find->found),
                         (GDestroyNotify) cd_store_found_free);
}

static void
on_find_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadItem *read = user_data;
  g_autoptr(GTask) task = read->task;
  g_autofree char *path = read->path;
  GPtrArray *into = read->into;
  g_autoptr(GVariant) reply = NULL;

  g_free (read);
  /* An item deleted since the search (by another sign-in) is simply not there. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply != NULL)
    {
      g_autoptr(GVariant) properties = g_variant_get_child_value (reply, 0);

      g_ptr_array_add (into, item_new (path, properties));
    }
  find_read_done (task);
}

static void
find_read_all (GTask      *task,
               char      **paths,
               GPtrArray  *into)
{
  Find *find = g_task_get_task_data (task);
  SecretService *service = find_service (task);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      ReadItem *read = g_new0 (ReadItem, 1);

      read->task = g_object_ref (task);
      read->path = g_strdup (paths[i]);
      read->into = into;
      find->pending++;
      g_dbus_connection_call (g_dbus_proxy_get_connection (G_DBUS_PROXY (service)),
                              g_dbus_proxy_get_name (G_DBUS_PROXY (service)), paths[i],
                              "org.freedesktop.DBus.Properties", "GetAll",
                              g_variant_new ("(s)", SECRET_ITEM_INTERFACE),
                              G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, G_MAXINT,
                              g_task_get_cancellable (task), on_find_read, read);
    }
}

/* Every item's properties at once: the calls are sent together, so the whole read
 * costs about one round trip, however many items there are. */
static void
find_read (GTask *task)
{
  Find *find = g_task_get_task_data (task);

  find->found = g_new0 (CdStoreFound, 1);
  find->found->tokens = g_ptr_array_new_with_free_func (cd_store_item_free);
  find->found->accounts = g_ptr_array_new_with_free_func (cd_store_item_free);
  find->pending = 1;
  find_read_all (task, find->tokens, find->found->tokens);
  find_read_all (task, find->accounts, find->found->accounts);
  find_read_done (task);
}

/* The default collection's path and whether it is locked, or NULL. */
static void
on_find_collection (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data);

static void
on_find_unlocked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Find *find = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cd_store_unlock_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Again from the start: what was locked may hold more than its search showed. */
  g_clear_pointer (&find->tokens, g_strfreev);
  g_clear_pointer (&find->accounts, g_strfreev);
  find->searching_accounts = FALSE;
  find_search (task);
}

/* @a followed by @b, in a new array; @a is freed. */
static char **
strv_join (char              **a,
           const char * const *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (a != NULL)
    g_strv_builder_addv (builder, (const char **) a);
  if (b != NULL)
    g_strv_builder_addv (builder, (const char **) b);
  g_strfreev (a);
  return g_strv_builder_end (builder);
}

/* What is locked is unlocked once, if it may be; what stays locked fails the find. */
static void
find_unlock (GTask     *task,
             GPtrArray *locked)
{
  Find *find = g_task_get_task_data (task);

  if (!find->unlock)
    {
      g_task_return_error (task, cd_store_locked_error_new ());
      return;
    }
  find->unlock = FALSE;
  g_ptr_array_add (locked, NULL);
  cd_store_unlock_async (g_task_get_source_object (task), (const char * const *) locked->pdata,
                         on_find_unlocked, g_object_ref (task));
}

static void
on_find_searched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Find *find = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GPtrArray) locked = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) unlocked_paths = NULL;
  g_auto(GStrv) locked_paths = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }
  g_variant_get (reply, "(^ao^ao)", &unlocked_paths, &locked_paths);
  if (!find->searching_accounts)
    {
      g_strfreev (find->tokens);
      find->tokens = g_steal_pointer (&unlocked_paths);
      g_strfreev (find->locked_tokens);
      find->locked_tokens = g_steal_pointer (&locked_paths);
      find->searching_accounts = TRUE;
      find_search (task);
      return;
    }
  g_strfreev (find->accounts);
  find->accounts = g_steal_pointer (&unlocked_paths);

  if (find->locked == CD_STORE_FIND_LOCKED_TOO)
    {
      find->tokens = strv_join (find->tokens, (const char * const *) find->locked_tokens);
      find->accounts = strv_join (find->accounts, (const char * const *) locked_paths);
      find_read (task);
      return;
    }

  /* gnome-keyring lists a locked collection's items as locked. */
  for (guint i = 0; find->locked_tokens != NULL && find->locked_tokens[i] != NULL; i++)
    g_ptr_array_add (locked, g_strdup (find->locked_tokens[i]));
  for (guint i = 0; locked_paths != NULL && locked_paths[i] != NULL; i++)
    g_ptr_array_add (locked, g_strdup (locked_paths[i]));
  if (locked->len > 0)
    find_unlock (task, locked);
  else
    find_read (task);
}

/* Searches the token items, then (called again) the account items. Not through
 * libsecret, whose D-Bus calls give up after 25 s: KeePassXC answers a search only once
 * its unlock dialog is (its "unlock before search"), and the call's own limit is the
 * one that counts. */
static void
find_search (GTask *task)
{
  Find *find = g_task_get_task_data (task);
  GDBusProxy *service = G_DBUS_PROXY (find_service (task));
  const SecretSchema *schema = find->searching_accounts ? &cd_store_account_schema
                                                        : &cd_store_token_schema;
  g_autoptr(GHashTable) attributes = cd_store_attributes_new (schema, find->server, find->email);
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&builder, "{ss}", key, value);
  g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                          "/org/freedesktop/secrets", SECRET_SERVICE_INTERFACE, "SearchItems",
                          g_variant_new ("(a{ss})", &builder), G_VARIANT_TYPE ("(aoao)"),
                          G_DBUS_CALL_FLAGS_NONE, G_MAXINT, g_task_get_cancellable (task),
                          on_find_searched, g_object_ref (task));
}

/* First the default collection: KeePassXC hides a locked database's items instead of
 * listing them as locked, so a locked default collection must not read as an empty
 * one; and searching it would open KeePassXC's unlock dialog even where no prompt may
 * be shown. */
static void
on_find_collection (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) locked = g_ptr_array_new_with_free_func (g_free);
  gboolean is_locked = FALSE;
  char *path;
  GError *error = NULL;

  path = cd_store_read_collection_finish (result, &is_locked, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (path == NULL || !is_locked)
    {
      g_free (path);
      find_search (task);
      return;
    }
  g_ptr_array_add (locked, path);
  find_unlock (task, locked);
}

void
cd_store_find_async (GTask               *call,
                     const char          *server,
                     const char          *email,
                     CdStoreFindLocked    locked,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  Find *find = g_new0 (Find, 1);

  g_task_set_source_tag (task, cd_store_find_async);
  find->server = g_strdup (server);
  find->email = g_strdup (email);
  find->locked = locked;
  find->unlock = locked == CD_STORE_FIND_UNLOCK;
  g_task_set_task_data (task, find, find_free);
  cd_store_read_collection_async (call, SECRET_COLLECTION_DEFAULT, on_find_collection,
                                  g_object_ref (task));
}

CdStoreFound *
cd_store_find_finish (GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_find_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
