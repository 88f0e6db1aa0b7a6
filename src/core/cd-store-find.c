/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-find.c: finding the items of a (server, email): the default collection
 * looked at first, both schemas searched, what is locked unlocked once (or not, as the
 * caller says), then (unless the caller reads them itself) every item's properties
 * read, all at once. */
#include "config.h"

#include "cd-error.h"
#include "cd-store-private.h"


/* read a collection */

static void
cd_store_find_collection_locked_cb (GObject      *source,
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
cd_store_find_collection_alias_cb (GObject      *source,
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
                          g_task_get_cancellable (task), cd_store_find_collection_locked_cb,
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
                          cd_store_find_collection_alias_cb, g_object_ref (task));
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

/* find: look at the default collection, search both schemas, unlock what is locked
 * (once), then read every item's properties, all at once (unless only the paths are
 * wanted: cd_store_find_paths_async()). */

typedef struct
{
  char *server;
  char *email;
  CdStoreFindLocked locked;
  /* Whether the items' properties are read, or only their paths found. */
  gboolean read;
  /* Whether an unlock may still be asked for: once per find. */
  gboolean unlock;
  char **tokens;
  char **locked_tokens;
  char **accounts;
  gboolean searching_accounts;
  CdStoreFound *found;
} Find;

static void
cd_store_find_free (gpointer data)
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
cd_store_find_service (GTask *task)
{
  return cd_store_call_get_service (g_task_get_source_object (task));
}

static void cd_store_find_search (GTask *task);

/* read items' properties */

typedef struct
{
  GTask *task;
  CdStoreItem *item;
} ReadItem;

static void
cd_store_find_read_done (GTask *task)
{
  guint *pending = g_task_get_task_data (task);

  if (--*pending > 0)
    return;
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void
cd_store_find_item_read_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  ReadItem *read = user_data;
  g_autoptr(GTask) task = read->task;
  g_autoptr(GVariant) reply = NULL;

  /* An item deleted since the search (by another sign-in) stays unknown. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply != NULL)
    {
      g_autoptr(GVariant) properties = g_variant_get_child_value (reply, 0);

      cd_store_item_set_properties (read->item, properties);
    }
  g_free (read);
  cd_store_find_read_done (task);
}

void
cd_store_read_items_async (GTask               *call,
                           GPtrArray           *items,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  GDBusProxy *service = G_DBUS_PROXY (cd_store_call_get_service (call));
  guint *pending = g_new (guint, 1);

  g_task_set_source_tag (task, cd_store_read_items_async);
  g_task_set_task_data (task, pending, g_free);
  /* Sent together, so that the whole read costs about one round trip's wait; but the
   * Secret Service still answers each (gnome-keyring: about a millisecond each). */
  *pending = 1;
  for (guint i = 0; i < items->len; i++)
    {
      ReadItem *read = g_new0 (ReadItem, 1);

      read->task = g_object_ref (task);
      read->item = g_ptr_array_index (items, i);
      (*pending)++;
      g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                              read->item->path, "org.freedesktop.DBus.Properties", "GetAll",
                              g_variant_new ("(s)", SECRET_ITEM_INTERFACE),
                              G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, G_MAXINT,
                              g_task_get_cancellable (task), cd_store_find_item_read_cb, read);
    }
  cd_store_find_read_done (task);
}

gboolean
cd_store_read_items_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_read_items_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* find, continued */

static GPtrArray *
cd_store_find_items_new (char **paths)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (cd_store_item_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (items, cd_store_item_new (paths[i]));
  return items;
}

static void
cd_store_find_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Find *find = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cd_store_read_items_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cd_store_items_drop_unknown (find->found->tokens);
  cd_store_items_drop_unknown (find->found->accounts);
  g_ptr_array_sort (find->found->tokens, cd_store_item_compare_recent);
  g_ptr_array_sort (find->found->accounts, cd_store_item_compare_recent);
  g_task_return_pointer (task, g_steal_pointer (&find->found),
                         (GDestroyNotify) cd_store_found_free);
}

/* The items found; with their properties, when the caller wants them read here. */
static void
cd_store_find_read (GTask *task)
{
  Find *find = g_task_get_task_data (task);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  find->found = g_new0 (CdStoreFound, 1);
  find->found->tokens = cd_store_find_items_new (find->tokens);
  find->found->accounts = cd_store_find_items_new (find->accounts);
  if (!find->read)
    {
      g_task_return_pointer (task, g_steal_pointer (&find->found),
                             (GDestroyNotify) cd_store_found_free);
      return;
    }
  g_ptr_array_extend (all, find->found->tokens, NULL, NULL);
  g_ptr_array_extend (all, find->found->accounts, NULL, NULL);
  cd_store_read_items_async (g_task_get_source_object (task), all, cd_store_find_read_cb,
                             g_object_ref (task));
}

/* The default collection's path and whether it is locked, or NULL. */
static void
cd_store_find_collection_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
cd_store_find_unlocked_cb (GObject      *source,
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
  cd_store_find_search (task);
}

/* @a followed by @b, in a new array; @a is freed. */
static char **
cd_store_find_strv_join (char              **a,
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
cd_store_find_unlock (GTask     *task,
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
                         cd_store_find_unlocked_cb, g_object_ref (task));
}

static void
cd_store_find_searched_cb (GObject      *source,
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
      cd_store_find_search (task);
      return;
    }
  g_strfreev (find->accounts);
  find->accounts = g_steal_pointer (&unlocked_paths);

  if (find->locked == CD_STORE_FIND_LOCKED_TOO)
    {
      find->tokens = cd_store_find_strv_join (find->tokens,
                                              (const char * const *) find->locked_tokens);
      find->accounts = cd_store_find_strv_join (find->accounts,
                                                (const char * const *) locked_paths);
      cd_store_find_read (task);
      return;
    }

  /* gnome-keyring lists a locked collection's items as locked. */
  for (guint i = 0; find->locked_tokens != NULL && find->locked_tokens[i] != NULL; i++)
    g_ptr_array_add (locked, g_strdup (find->locked_tokens[i]));
  for (guint i = 0; locked_paths != NULL && locked_paths[i] != NULL; i++)
    g_ptr_array_add (locked, g_strdup (locked_paths[i]));
  if (locked->len > 0)
    cd_store_find_unlock (task, locked);
  else
    cd_store_find_read (task);
}

/* Searches the token items, then (called again) the account items. Not through
 * libsecret, whose D-Bus calls give up after 25 s: KeePassXC answers a search only once
 * its unlock dialog is (its "unlock before search"), and the call's own limit is the
 * one that counts. */
static void
cd_store_find_search (GTask *task)
{
  Find *find = g_task_get_task_data (task);
  GDBusProxy *service = G_DBUS_PROXY (cd_store_find_service (task));
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
                          cd_store_find_searched_cb, g_object_ref (task));
}

/* First the default collection: KeePassXC hides a locked database's items instead of
 * listing them as locked, so a locked default collection must not read as an empty
 * one; and searching it would open KeePassXC's unlock dialog even where no prompt may
 * be shown. */
static void
cd_store_find_collection_cb (GObject      *source,
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
      cd_store_find_search (task);
      return;
    }
  g_ptr_array_add (locked, path);
  cd_store_find_unlock (task, locked);
}

static void
cd_store_find_start (GTask               *call,
                     const char          *server,
                     const char          *email,
                     CdStoreFindLocked    locked,
                     gboolean             read,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  Find *find = g_new0 (Find, 1);

  g_task_set_source_tag (task, cd_store_find_async);
  find->server = g_strdup (server);
  find->email = g_strdup (email);
  find->locked = locked;
  find->read = read;
  find->unlock = locked == CD_STORE_FIND_UNLOCK;
  g_task_set_task_data (task, find, cd_store_find_free);
  cd_store_read_collection_async (call, SECRET_COLLECTION_DEFAULT, cd_store_find_collection_cb,
                                  g_object_ref (task));
}

void
cd_store_find_async (GTask               *call,
                     const char          *server,
                     const char          *email,
                     CdStoreFindLocked    locked,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  cd_store_find_start (call, server, email, locked, TRUE, callback, user_data);
}

void
cd_store_find_paths_async (GTask               *call,
                           const char          *server,
                           const char          *email,
                           CdStoreFindLocked    locked,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  cd_store_find_start (call, server, email, locked, FALSE, callback, user_data);
}

CdStoreFound *
cd_store_find_finish (GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_find_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
