/* cd-store.c: the keyring store. It alone knows the two schemas: the Token item is a
 * contract with other programs, so its shape is decided in one place. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
/* secret-paths.h: searching and deleting by D-Bus path (see "save" below). */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

#include "cd-dates.h"
#include "cd-account-private.h"
#include "cd-error.h"
#include "cd-json-private.h"
#include "cd-json-writer.h"
#include "cd-store.h"

/* SECRET_SCHEMA_NONE: libsecret then writes and matches the xdg:schema attribute, which
 * is how other programs (secret-tool lookup xdg:schema ...) find the token. */
static const SecretSchema token_schema = {
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

static const SecretSchema account_schema = {
  CD_STORE_ACCOUNT_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* Secrets are not loaded by the search: SecretItem's retrieve_secret asks the service
 * again whatever the search loaded, so loading them there would fetch each one twice. */
#define SEARCH_FLAGS (SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK)

/* The one place that turns libsecret's and D-Bus's failures into CD_ERROR_KEYRING.
 * Takes ownership of @error. NULL stands for items that stayed locked without any
 * error, which is what a dismissed unlock prompt leaves behind. */
static GError *
store_error_new (GError *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (error == NULL || g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      mapped = g_error_new_literal (CD_ERROR, CD_ERROR_KEYRING, _("The keyring is locked."));
    }
  else
    {
      /* Nobody owns org.freedesktop.secrets and nothing could be started for it
       * (G_DBUS_ERROR_SERVICE_UNKNOWN, NAME_HAS_NO_OWNER, SPAWN_*), there is no session
       * bus (G_IO_ERROR_* from the connection), or the service has no collection to
       * write to (SECRET_ERROR_NO_SUCH_OBJECT): to people, all of it means the same. */
      g_dbus_error_strip_remote_error (error);
      mapped = g_error_new (CD_ERROR, CD_ERROR_KEYRING,
                            _("The keyring is not available: %s"), error->message);
    }
  g_clear_error (&error);
  return mapped;
}

/* Attribute tables for libsecret: static keys, owned values. NULL values are left out,
 * which for a search means "any". */
static GHashTable *
attributes_new (const char *server,
                const char *email)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (server != NULL)
    g_hash_table_insert (attributes, (gpointer) "server", g_strdup (server));
  if (email != NULL)
    g_hash_table_insert (attributes, (gpointer) "email", g_strdup (email));
  return attributes;
}

static void
item_list_free (GList *items)
{
  g_list_free_full (items, g_object_unref);
}

typedef GList ItemList;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItemList, item_list_free)

/* Finishes a search made with SECRET_SEARCH_UNLOCK. On failure it returns the error on
 * @task and FALSE; a locked item left in the result means the user said no to the
 * unlock prompt. */
static gboolean
search_finish (GTask        *task,
               GAsyncResult *result,
               GList       **items)
{
  GError *error = NULL;

  *items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, store_error_new (error));
      return FALSE;
    }
  for (GList *l = *items; l != NULL; l = l->next)
    if (SECRET_IS_ITEM (l->data) && secret_item_get_locked (l->data))
      {
        g_clear_pointer (items, item_list_free);
        g_task_return_error (task, store_error_new (NULL));
        return FALSE;
      }
  return TRUE;
}

/* The expires attribute: UTC with a Z, so that it sorts and compares as text. */
static char *
format_utc (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* When an item was signed in, in microseconds since 1970: its signed-in attribute, or
 * for an item written without one (by an older version, or by another program) its
 * modification time, which the keyring keeps in whole seconds only. */
static gint64
item_signed_in (GHashTable *attributes,
                guint64     modified)
{
  const char *text = g_hash_table_lookup (attributes, "signed-in");
  g_autoptr(GDateTime) when = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (when != NULL)
    return g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
  return (gint64) modified * G_USEC_PER_SEC;
}

/* Where the keyring keeps @item: the last word between two sign-ins made in the same
 * microsecond, the same for every process that looks. */
static const char *
item_path (gpointer item)
{
  return G_IS_DBUS_PROXY (item) ? g_dbus_proxy_get_object_path (item) : NULL;
}

/* The one ordering of sign-ins, most recent first: by the exact time each was signed
 * in, then by the keyring's creation time and path. "The most recent sign-in" (get
 * without --email) is the first in this order, and a save keeps only the first of its
 * (server, email). */
static int
compare_recent (gint64      signed_in_a,
                guint64     created_a,
                const char *path_a,
                gint64      signed_in_b,
                guint64     created_b,
                const char *path_b)
{
  if (signed_in_a != signed_in_b)
    return signed_in_a > signed_in_b ? -1 : 1;
  if (created_a != created_b)
    return created_a > created_b ? -1 : 1;
  /* gnome-keyring numbers its items in the order it creates them: the longer path is
   * the larger number. */
  if (path_a != NULL && path_b != NULL && strlen (path_a) != strlen (path_b))
    return strlen (path_a) > strlen (path_b) ? -1 : 1;
  return -g_strcmp0 (path_a, path_b);
}

/* save
 *
 * Two sign-ins of one account may be saved at the same moment (two cashdesk-token
 * processes, the window and the command). Each stores its token item, then looks at
 * the account's token items: it deletes those older than its own, and when one is newer
 * it deletes its own instead and reports that it was not kept. Whatever the timing, the
 * newest survives, and nothing deletes it. Before reporting success a save reads back:
 * its own item must still be there, and nothing newer.
 *
 * These searches go by D-Bus path, not through libsecret's SecretItems: an item the
 * other sign-in deletes while libsecret loads it makes libsecret 0.20 return its search
 * twice (a CRITICAL, and fatal where warnings are). A vanished item is simply gone. */

typedef struct
{
  char *path;
  GHashTable *attributes;
  guint64 created;
  guint64 modified;
} FoundItem;

static void
found_item_free (gpointer data)
{
  FoundItem *found = data;

  g_free (found->path);
  g_clear_pointer (&found->attributes, g_hash_table_unref);
  g_free (found);
}

static int
compare_found_recent (const FoundItem *a,
                      const FoundItem *b)
{
  return compare_recent (item_signed_in (a->attributes, a->modified), a->created, a->path,
                         item_signed_in (b->attributes, b->modified), b->created, b->path);
}

typedef struct
{
  CdAccount *account;
  GHashTable *token_attributes;
  /* A libsecret collection alias: "default", or "session" for what must not last. */
  const char *collection;
  gint64 signed_in;
  SecretService *service;
  /* The account's token items as found by the last search, and how many of their
   * properties are still to come. */
  GPtrArray *found;
  guint loading;
  GAsyncReadyCallback searched;
  guint pending;
  /* A newer sign-in of the same account was stored meanwhile. */
  gboolean superseded;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_object_unref (save->account);
  g_hash_table_unref (save->token_attributes);
  g_clear_object (&save->service);
  g_clear_pointer (&save->found, g_ptr_array_unref);
  g_free (save);
}

static GError *
superseded_error_new (SaveData *save)
{
  /* Translators: %s is an email address */
  return g_error_new (CD_ERROR, CD_ERROR_KEYRING,
                      _("A newer sign-in of %s was stored at the same time; its token is "
                        "the one kept."), cd_account_get_email (save->account));
}

/* The item just stored has exactly these attributes (libsecret adds xdg:schema). */
static gboolean
is_the_new_item (GHashTable *attributes,
                 GHashTable *new_attributes)
{
  GHashTableIter iter;
  gpointer key, value;
  guint size = g_hash_table_size (attributes);

  if (g_hash_table_contains (attributes, "xdg:schema"))
    size--;
  if (size != g_hash_table_size (new_attributes))
    return FALSE;

  g_hash_table_iter_init (&iter, new_attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (attributes, key), value) != 0)
      return FALSE;
  return TRUE;
}

/* Our token item among those found (NULL when it is gone: a newer sign-in deleted it),
 * and whether any other comes before it in the one ordering: a sign-in that wins. */
static FoundItem *
find_ours (SaveData *save,
           gboolean *newer)
{
  FoundItem *ours = NULL;

  *newer = FALSE;
  for (guint i = 0; i < save->found->len && ours == NULL; i++)
    {
      FoundItem *found = g_ptr_array_index (save->found, i);

      if (is_the_new_item (found->attributes, save->token_attributes))
        ours = found;
    }
  for (guint i = 0; i < save->found->len && ours != NULL; i++)
    {
      FoundItem *found = g_ptr_array_index (save->found, i);

      if (found != ours && compare_found_recent (found, ours) < 0)
        *newer = TRUE;
    }
  return ours;
}

typedef struct
{
  GTask *task;
  char *path;
} Load;

static void
on_save_item_properties (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GTask) task = load->task;
  g_autofree char *path = load->path;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) properties = NULL;
  g_autoptr(GVariant) attributes = NULL;

  g_free (load);
  /* An item deleted since the search (by the other sign-in) is not there: skip it. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply != NULL)
    {
      FoundItem *found = g_new0 (FoundItem, 1);
      GVariantIter iter;
      const char *key;
      const char *value;

      properties = g_variant_get_child_value (reply, 0);
      found->path = g_steal_pointer (&path);
      found->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      attributes = g_variant_lookup_value (properties, "Attributes", G_VARIANT_TYPE ("a{ss}"));
      if (attributes != NULL)
        {
          g_variant_iter_init (&iter, attributes);
          while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
            g_hash_table_insert (found->attributes, g_strdup (key), g_strdup (value));
        }
      g_variant_lookup (properties, "Created", "t", &found->created);
      g_variant_lookup (properties, "Modified", "t", &found->modified);
      g_ptr_array_add (save->found, found);
    }

  if (--save->loading == 0)
    save->searched (NULL, G_ASYNC_RESULT (task), task);
}

static void
on_save_paths_found (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  g_auto(GStrv) unlocked = NULL;
  GDBusConnection *connection = g_dbus_proxy_get_connection (G_DBUS_PROXY (save->service));
  GError *error = NULL;

  if (!secret_service_search_for_dbus_paths_finish (save->service, result, &unlocked, NULL,
                                                    &error))
    {
      g_task_return_error (task, store_error_new (error));
      return;
    }

  g_clear_pointer (&save->found, g_ptr_array_unref);
  save->found = g_ptr_array_new_with_free_func (found_item_free);
  save->loading = 1;
  for (guint i = 0; unlocked != NULL && unlocked[i] != NULL; i++)
    {
      Load *load = g_new0 (Load, 1);

      load->task = g_object_ref (task);
      load->path = g_strdup (unlocked[i]);
      save->loading++;
      g_dbus_connection_call (connection, g_dbus_proxy_get_name (G_DBUS_PROXY (save->service)),
                              unlocked[i], "org.freedesktop.DBus.Properties", "GetAll",
                              g_variant_new ("(s)", "org.freedesktop.Secret.Item"),
                              G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, -1,
                              g_task_get_cancellable (task), on_save_item_properties, load);
    }
  if (--save->loading == 0)
    save->searched (NULL, G_ASYNC_RESULT (task), task);
}

/* Finds the account's token items into save->found, then calls @searched with the
 * task as its user data (and a NULL source). */
static void
save_search (GTask               *task,
             GAsyncReadyCallback  searched)
{
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = attributes_new (cd_account_get_server (save->account),
                                                     cd_account_get_email (save->account));

  save->searched = searched;
  g_hash_table_insert (attributes, (gpointer) "xdg:schema", g_strdup (token_schema.name));
  secret_service_search_for_dbus_paths (save->service, NULL, attributes,
                                        g_task_get_cancellable (task),
                                        on_save_paths_found, g_object_ref (task));
}

static void
on_save_verified (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *save = g_task_get_task_data (task);
  gboolean newer = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (find_ours (save, &newer) == NULL || newer)
    g_task_return_error (task, superseded_error_new (save));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_save_details_stored (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, store_error_new (error));
  else
    save_search (task, on_save_verified);
}

static void
save_store_details (GTask *task)
{
  SaveData *save = g_task_get_task_data (task);
  const char *server = cd_account_get_server (save->account);
  const char *email = cd_account_get_email (save->account);
  g_autoptr(GHashTable) attributes = attributes_new (server, email);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) summary = cd_account_to_summary (save->account, now);
  g_autofree char *json = cd_json_writer_to_string (summary, NULL);
  /* Translators: the label of a keyring item; %s is an email address */
  g_autofree char *label = g_strdup_printf (_("CashDesk account details for %s"), email);

  secret_password_storev (&account_schema, attributes, save->collection, label,
                          json, g_task_get_cancellable (task),
                          on_save_details_stored, g_object_ref (task));
}

static void
save_deletions_done (GTask *task)
{
  SaveData *save = g_task_get_task_data (task);

  /* A newer sign-in stores its own details: ours would only overwrite them. */
  if (save->superseded)
    g_task_return_error (task, superseded_error_new (save));
  else
    save_store_details (task);
}

static void
on_save_stale_deleted (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);

  /* A stale item that cannot be deleted now (or that the other sign-in deleted first)
   * is older than the new one, so lookups never prefer it, and the next save tries
   * again: not worth failing a save that worked. */
  secret_service_delete_item_dbus_path_finish (SECRET_SERVICE (source), result, NULL);

  if (--save->pending == 0)
    save_deletions_done (task);
}

static void
save_delete (GTask     *task,
             FoundItem *found)
{
  SaveData *save = g_task_get_task_data (task);

  save->pending++;
  secret_service_delete_item_dbus_path (save->service, found->path,
                                        g_task_get_cancellable (task),
                                        on_save_stale_deleted, g_object_ref (task));
}

static void
on_save_lost_cleared (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  secret_password_clear_finish (result, NULL);
  g_task_return_new_error (task, CD_ERROR, CD_ERROR_KEYRING,
                           _("The token did not reach the desktop keyring, where other "
                             "programs read it."));
}

/* Stored, yet the Secret Service holds no token of this account at all: libsecret put it
 * somewhere else. Built with its file backend, it does so in a Flatpak or a Snap (or with
 * SECRET_BACKEND=file), into a file only this app can read (the manifest builds libsecret
 * without that backend). What was stored there goes, through the same libsecret, so that
 * nothing is kept where the shop's programs cannot see it. */
static void
save_not_in_keyring (GTask *task)
{
  SaveData *save = g_task_get_task_data (task);

  secret_password_clearv (&token_schema, save->token_attributes,
                          g_task_get_cancellable (task),
                          on_save_lost_cleared, g_object_ref (task));
}

static void
on_save_stale_found (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *save = g_task_get_task_data (task);
  FoundItem *ours;

  if (g_task_return_error_if_cancelled (task))
    return;

  ours = find_ours (save, &save->superseded);
  if (ours == NULL && save->found->len == 0)
    {
      save_not_in_keyring (task);
      return;
    }
  /* Gone already: a newer sign-in deleted it. */
  if (ours == NULL)
    save->superseded = TRUE;

  save->pending = 1;
  for (guint i = 0; i < save->found->len && ours != NULL; i++)
    {
      FoundItem *found = g_ptr_array_index (save->found, i);

      if (found != ours && compare_found_recent (found, ours) > 0)
        save_delete (task, found);
    }
  if (ours != NULL && save->superseded)
    save_delete (task, ours);

  if (--save->pending == 0)
    save_deletions_done (task);
}

static void
on_save_service (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  save->service = secret_service_get_finish (result, &error);
  if (save->service == NULL)
    {
      g_task_return_error (task, store_error_new (error));
      return;
    }
  save_search (task, on_save_stale_found);
}

static void
on_save_token_stored (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, store_error_new (error));
      return;
    }
  secret_service_get (SECRET_SERVICE_NONE, g_task_get_cancellable (task),
                      on_save_service, g_object_ref (task));
}

/* The signed-in attribute: UTC to the microsecond, so that two sign-ins in one second
 * still have an order, and as text in the same shape as expires. */
static char *
format_utc_exact (gint64 microseconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (microseconds / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (when, microseconds % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* The token goes first and alone decides success or failure of the sign-in being kept:
 * when it cannot be stored, nothing was written. When the details cannot be stored
 * after it, the token item stays: it is complete for every program that reads it, and
 * lookups fall back to its attributes for email, server and expiry. The error is still
 * reported, so the caller knows the account's details were not kept. */
void
cd_store_save_async (CdAccount          *account,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  cd_store_save_in_session_async (account, FALSE, cancellable, callback, user_data);
}

/* @session: into the Secret Service's session collection, which lives in memory only
 * and is gone when the desktop session ends (SECRET_COLLECTION_SESSION). */
void
cd_store_save_in_session_async (CdAccount          *account,
                                gboolean            session,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;
  const char *server;
  const char *email;
  const char *token;
  GDateTime *expires;
  g_autofree char *label = NULL;

  g_return_if_fail (CD_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_save_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  server = cd_account_get_server (account);
  email = cd_account_get_email (account);
  token = cd_account_get_token (account);
  if (server == NULL || email == NULL || token == NULL)
    {
      g_task_return_new_error (task, CD_ERROR, CD_ERROR_INVALID_INPUT,
                               _("This sign-in has no server, email or token to keep."));
      return;
    }

  save = g_new0 (SaveData, 1);
  save->account = g_object_ref (account);
  save->collection = session ? SECRET_COLLECTION_SESSION : SECRET_COLLECTION_DEFAULT;
  save->signed_in = g_get_real_time ();
  save->token_attributes = attributes_new (server, email);
  if (cd_account_get_uuid (account) != NULL)
    g_hash_table_insert (save->token_attributes, (gpointer) "user-uuid",
                         g_strdup (cd_account_get_uuid (account)));
  expires = cd_account_get_token_expires_at (account);
  if (expires != NULL)
    g_hash_table_insert (save->token_attributes, (gpointer) "expires", format_utc (expires));
  g_hash_table_insert (save->token_attributes, (gpointer) "signed-in",
                       format_utc_exact (save->signed_in));
  g_task_set_task_data (task, save, save_data_free);

  /* Translators: the label of a keyring item; %s is an email address */
  label = g_strdup_printf (_("CashDesk token for %s"), email);
  secret_password_storev (&token_schema, save->token_attributes, save->collection,
                          label, token, cancellable,
                          on_save_token_stored, g_object_ref (task));
}

gboolean
cd_store_save_finish (GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* lookup and list: both read token items, newest first, and join them with details */

/* A found item; for a token item also the matching details item and both secrets. */
typedef struct
{
  SecretRetrievable *item;
  GHashTable *attributes;
  gint64 signed_in;
  guint64 created;
  SecretRetrievable *details_item;
  SecretValue *token;
  SecretValue *details;
} Entry;

static Entry *
entry_new (SecretRetrievable *item)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->item = g_object_ref (item);
  entry->attributes = secret_retrievable_get_attributes (item);
  entry->signed_in = item_signed_in (entry->attributes, secret_retrievable_get_modified (item));
  entry->created = secret_retrievable_get_created (item);
  return entry;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_object_unref (entry->item);
  g_hash_table_unref (entry->attributes);
  g_clear_object (&entry->details_item);
  g_clear_pointer (&entry->token, secret_value_unref);
  g_clear_pointer (&entry->details, secret_value_unref);
  g_free (entry);
}

static const char *
entry_get (Entry      *entry,
           const char *name)
{
  const char *value = g_hash_table_lookup (entry->attributes, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static int
entry_compare_recent (gconstpointer a,
                      gconstpointer b)
{
  const Entry *ea = *(const Entry **) a;
  const Entry *eb = *(const Entry **) b;

  return compare_recent (ea->signed_in, ea->created, item_path (ea->item),
                         eb->signed_in, eb->created, item_path (eb->item));
}

typedef struct
{
  char *server;
  char *email;
  gboolean most_recent_only;
  SecretSearchFlags flags;
  GPtrArray *entries;
  guint pending;
  GError *error;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->server);
  g_free (load->email);
  g_clear_pointer (&load->entries, g_ptr_array_unref);
  g_clear_error (&load->error);
  g_free (load);
}

typedef struct
{
  GTask *task;
  Entry *entry;
} Fetch;

static Fetch *
fetch_new (GTask *task,
           Entry *entry)
{
  Fetch *fetch = g_new (Fetch, 1);

  fetch->task = g_object_ref (task);
  fetch->entry = entry;
  return fetch;
}

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->task);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

/* What is left when the details are missing or unreadable: the attributes. */
static JsonObject *
minimal_summary_new (Entry *entry)
{
  JsonObject *summary = json_object_new ();
  g_autoptr(GDateTime) expires = cd_dates_parse_iso (entry_get (entry, "expires"));

  json_object_set_string_member (summary, "email", entry_get (entry, "email"));
  if (expires != NULL)
    {
      g_autofree char *text = cd_dates_format_iso (expires);

      json_object_set_string_member (summary, "token_expires_at", text);
    }
  return summary;
}

static CdAccount *
entry_build_account (Entry   *entry,
                     GError **error)
{
  const char *server = entry_get (entry, "server");
  const char *token = secret_value_get_text (entry->token);
  const char *details = entry->details ? secret_value_get_text (entry->details) : NULL;
  g_autoptr(JsonObject) minimal = NULL;

  /* Another program may have written the details: they get the checks an answer from
   * the network gets before json-glib reads them. */
  if (details != NULL && cd_json_find_problem (details, strlen (details)) == CD_JSON_OK)
    {
      g_autoptr(JsonNode) node = json_from_string (details, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          CdAccount *account = cd_account_new_from_summary (json_node_get_object (node),
                                                            server, token, NULL);
          if (account != NULL)
            {
              /* The item was found under its email attribute: that is whose it is,
               * whatever the details say. */
              cd_account_set_email (account, entry_get (entry, "email"));
              return account;
            }
        }
    }

  minimal = minimal_summary_new (entry);
  return cd_account_new_from_summary (minimal, server, token, error);
}

static void
load_finish (GTask *task)
{
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);

  if (load->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&load->error));
      return;
    }

  for (guint i = 0; i < load->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (load->entries, i);
      const char *token = secret_value_get_text (entry->token);
      GError *error = NULL;
      CdAccount *account;

      /* Another program may have stored bytes that are not text, or text that is no
       * token (empty, several lines, escape sequences): nothing to hand out as one.
       * The most recent sign-in is named rather than passed over for an older one,
       * which could be another cashier's. */
      if (token == NULL || !cd_account_token_is_usable (token))
        {
          if (!load->most_recent_only)
            continue;
          /* Translators: %s is an email address */
          g_task_return_new_error (task, CD_ERROR, CD_ERROR_NOT_FOUND,
                                   _("The stored token of %s is unusable; sign in again."),
                                   entry_get (entry, "email"));
          return;
        }
      account = entry_build_account (entry, &error);
      if (account == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (accounts, account);
    }

  if (load->most_recent_only && accounts->len == 0)
    {
      /* Translators: %s is an email address, or a server's URL */
      g_task_return_new_error (task, CD_ERROR, CD_ERROR_NOT_FOUND,
                               _("No stored sign-in for %s."),
                               load->email != NULL ? load->email : load->server);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&accounts), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_load_token_secret (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  LoadData *load = g_task_get_task_data (fetch->task);
  GError *error = NULL;

  fetch->entry->token = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source),
                                                                   result, &error);
  if (fetch->entry->token == NULL)
    {
      if (load->error == NULL)
        load->error = store_error_new (error);
      else
        g_clear_error (&error);
    }

  if (--load->pending == 0)
    load_finish (fetch->task);
}

static void
on_load_details_secret (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  LoadData *load = g_task_get_task_data (fetch->task);

  /* Unreadable details are the same as none: the account is built from the attributes.
   * A cancellation still ends the task, since GTask checks the cancellable. */
  fetch->entry->details = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source),
                                                                     result, NULL);

  if (--load->pending == 0)
    load_finish (fetch->task);
}

static void
on_load_details_found (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(ItemList) items = NULL;
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (entry_free);

  /* The details only add to the token: a failed search leaves the accounts with what
   * the token items' attributes tell. */
  items = secret_password_search_finish (result, NULL);
  for (GList *l = items; l != NULL; l = l->next)
    if (!SECRET_IS_ITEM (l->data) || !secret_item_get_locked (l->data))
      g_ptr_array_add (details, entry_new (l->data));
  g_ptr_array_sort (details, entry_compare_recent);

  for (guint i = 0; i < load->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (load->entries, i);

      for (guint j = 0; j < details->len && entry->details_item == NULL; j++)
        {
          Entry *d = g_ptr_array_index (details, j);

          if (g_strcmp0 (entry_get (d, "server"), entry_get (entry, "server")) == 0 &&
              g_strcmp0 (entry_get (d, "email"), entry_get (entry, "email")) == 0)
            entry->details_item = g_object_ref (d->item);
        }
      load->pending += entry->details_item != NULL ? 2 : 1;
    }

  for (guint i = 0; i < load->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (load->entries, i);

      secret_retrievable_retrieve_secret (entry->item, g_task_get_cancellable (task),
                                          on_load_token_secret, fetch_new (task, entry));
      if (entry->details_item != NULL)
        secret_retrievable_retrieve_secret (entry->details_item, g_task_get_cancellable (task),
                                            on_load_details_secret, fetch_new (task, entry));
    }
}

static void
on_load_tokens_found (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(ItemList) items = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  if (!search_finish (task, result, &items))
    return;

  for (GList *l = items; l != NULL; l = l->next)
    {
      Entry *entry = entry_new (l->data);

      /* An item some other program wrote without an email or server is nobody's
       * sign-in this program could name or use. */
      if (entry_get (entry, "email") == NULL || entry_get (entry, "server") == NULL)
        entry_free (entry);
      else
        g_ptr_array_add (load->entries, entry);
    }
  g_ptr_array_sort (load->entries, entry_compare_recent);
  if (load->most_recent_only && load->entries->len > 1)
    g_ptr_array_set_size (load->entries, 1);

  if (load->entries->len == 0)
    {
      load_finish (task);
      return;
    }

  attributes = attributes_new (load->server, load->email);
  secret_password_searchv (&account_schema, attributes, load->flags,
                           g_task_get_cancellable (task),
                           on_load_details_found, g_object_ref (task));
}

static void
load_start (GTask      *task,
            const char *server,
            const char *email,
            gboolean    most_recent_only,
            gboolean    unlock)
{
  LoadData *load;
  g_autoptr(GHashTable) attributes = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  load = g_new0 (LoadData, 1);
  load->server = g_strdup (server);
  load->email = g_strdup (email);
  load->most_recent_only = most_recent_only;
  load->flags = unlock ? SEARCH_FLAGS : SEARCH_FLAGS & ~SECRET_SEARCH_UNLOCK;
  load->entries = g_ptr_array_new_with_free_func (entry_free);
  g_task_set_task_data (task, load, load_data_free);

  attributes = attributes_new (server, email);
  secret_password_searchv (&token_schema, attributes, load->flags,
                           g_task_get_cancellable (task),
                           on_load_tokens_found, g_object_ref (task));
}

void
cd_store_lookup_async (const char         *server,
                       const char         *email,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_lookup_async);
  load_start (task, server, email, TRUE, TRUE);
}

CdAccount *
cd_store_lookup_finish (GAsyncResult *result,
                        GError      **error)
{
  g_autoptr(GPtrArray) accounts = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_lookup_async, NULL);

  accounts = g_task_propagate_pointer (G_TASK (result), error);
  if (accounts == NULL)
    return NULL;
  return g_object_ref (g_ptr_array_index (accounts, 0));
}

void
cd_store_list_async (const char         *server,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_list_async);
  load_start (task, server, NULL, FALSE, TRUE);
}

void
cd_store_list_if_unlocked_async (const char         *server,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_list_if_unlocked_async);
  load_start (task, server, NULL, FALSE, FALSE);
}

GPtrArray *
cd_store_list_finish (GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_list_async
                        || g_task_get_source_tag (G_TASK (result)) == cd_store_list_if_unlocked_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* forget: search first, to count and to unlock, then clear */

typedef struct
{
  GHashTable *attributes;
  int count;
  gboolean has_details;
} ForgetData;

static void
forget_data_free (gpointer data)
{
  ForgetData *forget = data;

  g_hash_table_unref (forget->attributes);
  g_free (forget);
}

static void
on_forget_details_cleared (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ForgetData *forget = g_task_get_task_data (task);
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, store_error_new (error));
  else
    g_task_return_int (task, forget->count);
}

static void
forget_clear_details (GTask *task)
{
  ForgetData *forget = g_task_get_task_data (task);

  if (!forget->has_details)
    {
      g_task_return_int (task, forget->count);
      return;
    }
  secret_password_clearv (&account_schema, forget->attributes, g_task_get_cancellable (task),
                          on_forget_details_cleared, g_object_ref (task));
}

static void
on_forget_tokens_cleared (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, store_error_new (error));
  else
    forget_clear_details (task);
}

static void
on_forget_details_found (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ForgetData *forget = g_task_get_task_data (task);
  g_autoptr(ItemList) items = NULL;

  if (!search_finish (task, result, &items))
    return;
  forget->has_details = items != NULL;

  if (forget->count == 0)
    forget_clear_details (task);
  else
    secret_password_clearv (&token_schema, forget->attributes, g_task_get_cancellable (task),
                            on_forget_tokens_cleared, g_object_ref (task));
}

static void
on_forget_tokens_found (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ForgetData *forget = g_task_get_task_data (task);
  g_autoptr(ItemList) items = NULL;

  if (!search_finish (task, result, &items))
    return;
  forget->count = g_list_length (items);

  secret_password_searchv (&account_schema, forget->attributes, SEARCH_FLAGS,
                           g_task_get_cancellable (task),
                           on_forget_details_found, g_object_ref (task));
}

void
cd_store_forget_async (const char         *server,
                       const char         *email,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  ForgetData *forget;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_forget_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  forget = g_new0 (ForgetData, 1);
  forget->attributes = attributes_new (server, email);
  g_task_set_task_data (task, forget, forget_data_free);

  secret_password_searchv (&token_schema, forget->attributes, SEARCH_FLAGS, cancellable,
                           on_forget_tokens_found, g_object_ref (task));
}

int
cd_store_forget_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_forget_async, -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}
