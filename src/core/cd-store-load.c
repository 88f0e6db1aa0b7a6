/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-load.c: reading stored sign-ins: the token items, newest first, each with
 * the account item written for it. However many there are, a read is a constant number
 * of round trips: two searches (paths only), then the secrets of every item found, in
 * one GetSecrets per schema sent together. The account items' come first: their details
 * are read (JSON, the bulk of this side's work) while the keyring is still busy with the
 * token items', which is most of a read's time with hundreds stored.
 *
 * The Secret Service gives an item's attributes only through its properties, one call
 * per item, which gnome-keyring answers one at a time: a second per few hundred items.
 * So the account item's details say which token item they were written for (its path)
 * and what its attributes say (cd-store-save.c), and a token item named so is paired,
 * ordered and named by them. Only what no details describe (items of other programs or
 * of older versions, a save cut short) has its properties read, all at once, and is
 * paired by its attributes as before. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cd-account-json.h"
#include "cd-account-private.h"
#include "cd-dates.h"
#include "cd-error.h"
#include "cd-input.h"
#include "cd-json-private.h"
#include "cd-store-private.h"

typedef struct
{
  char *server;
  char *email;
  gboolean most_recent_only;
  gboolean unlock;
  /* Every item found, and every secret of them (path to SecretValue), as each
   * GetSecrets answers: the token items' and the account items'. */
  CdStoreFound *found;
  GHashTable *token_secrets;
  GHashTable *account_secrets;
  /* The GetSecrets calls not answered yet, and whether one failed (and ended the load:
   * the other's answer is let go). */
  guint secrets_pending;
  gboolean secrets_failed;
  /* The account items whose details name a token item (Described), read as soon as
   * their secrets are in. */
  GPtrArray *described;
  /* Token item to the sign-in built from the account item whose details name it. */
  GHashTable *paired;
  /* The account items whose details name no token item: paired by their attributes. */
  GPtrArray *unpaired_accounts;
} Load;

static void
cd_store_load_free (gpointer data)
{
  Load *load = data;

  g_free (load->server);
  g_free (load->email);
  g_clear_pointer (&load->found, cd_store_found_free);
  g_clear_pointer (&load->token_secrets, g_hash_table_unref);
  g_clear_pointer (&load->account_secrets, g_hash_table_unref);
  g_clear_pointer (&load->described, g_ptr_array_unref);
  g_clear_pointer (&load->paired, g_hash_table_unref);
  g_clear_pointer (&load->unpaired_accounts, g_ptr_array_unref);
  g_free (load);
}

/* Whether @account was written for @token: the same signed-in time. An account item of
 * a version that wrote none is taken when it was written after the token item, as those
 * versions did. */
static gboolean
cd_store_load_account_describes (const CdStoreItem *account,
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
cd_store_load_minimal_summary_new (const CdStoreItem *token)
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
cd_store_load_account_from_details (const CdStoreItem *token,
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
cd_store_load_account_build (const CdStoreItem *token,
                             const char        *token_text,
                             const char        *details,
                             GError           **error)
{
  CdAccount *account = cd_store_load_account_from_details (token, token_text, details);
  g_autoptr(JsonObject) minimal = NULL;

  if (account != NULL)
    return account;
  minimal = cd_store_load_minimal_summary_new (token);
  account = cd_account_new_from_summary (minimal, cd_store_item_get (token, "server"),
                                         token_text, error);
  if (account != NULL)
    cd_account_set_details_known (account, FALSE);
  return account;
}

static const char *
cd_store_load_secret_text (Load              *load,
                           const CdStoreItem *item)
{
  SecretValue *value = NULL;

  if (item != NULL && load->token_secrets != NULL)
    value = g_hash_table_lookup (load->token_secrets, item->path);
  if (item != NULL && value == NULL && load->account_secrets != NULL)
    value = g_hash_table_lookup (load->account_secrets, item->path);
  return value != NULL ? secret_value_get_text (value) : NULL;
}

static GError *
cd_store_load_not_found_error_new (Load *load)
{
  /* Translators: %s is an email address, or a server's URL */
  return g_error_new (CD_ERROR, CD_ERROR_NOT_FOUND, _("No stored sign-in for %s."),
                      load->email != NULL ? load->email : load->server);
}

/* Whether @token is the newest item of its account (server and email) that @listed has
 * not seen, and notes it there: tokens come newest first. A sign-in writes its new token
 * item before it deletes the old ones, and one cut short leaves both; the account's
 * token is the newest usable one, so an older one is never listed beside it. */
static gboolean
cd_store_load_first_of_account (GHashTable        *listed,
                                const CdStoreItem *token)
{
  char *key = g_strconcat (cd_store_item_get (token, "server"), "\n",
                           cd_store_item_get (token, "email"), NULL);

  return g_hash_table_add (listed, key);
}

static gboolean
cd_store_load_same_account (const CdStoreItem *a,
                            const CdStoreItem *b)
{
  return g_strcmp0 (cd_store_item_get (a, "server"), cd_store_item_get (b, "server")) == 0
         && g_strcmp0 (cd_store_item_get (a, "email"), cd_store_item_get (b, "email")) == 0;
}

/* The sign-ins, newest first, one per account, each built from its token and the
 * details written for it; once every item it needs is known. */
static void
cd_store_load_finish (GTask *task)
{
  Load *load = g_task_get_task_data (task);
  GPtrArray *tokens = load->found->tokens;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The newest token item with an email and a server: the most recent sign-in's. */
  const CdStoreItem *newest = NULL;
  GError *error = NULL;

  cd_store_items_drop_unknown (tokens);
  cd_store_items_drop_unknown (load->unpaired_accounts);
  g_ptr_array_sort (tokens, cd_store_item_compare_recent);
  g_ptr_array_sort (load->unpaired_accounts, cd_store_item_compare_recent);

  for (guint i = 0; i < tokens->len; i++)
    {
      const CdStoreItem *token = g_ptr_array_index (tokens, i);
      CdAccount *paired = g_hash_table_lookup (load->paired, token);
      const CdStoreItem *account_item = NULL;
      const char *token_text = cd_store_load_secret_text (load, token);
      CdAccount *account;

      /* An item some other program wrote without an email or server is nobody's
       * sign-in this program could name or use. */
      if (cd_store_item_get (token, "email") == NULL || cd_store_item_get (token, "server") == NULL)
        continue;
      /* The most recent sign-in is the newest account's: never passed over for an older
       * one, which could be another cashier's. */
      if (load->most_recent_only && newest != NULL && !cd_store_load_same_account (newest, token))
        break;
      if (newest == NULL)
        newest = token;
      /* Another program may have stored bytes that are not text, or text that is no
       * token (several lines, escape sequences), and a keyring that dies between
       * writing an item and its secret leaves it empty (GNOME Keyring does, killed in a
       * sign-in's CreateItem): nothing to hand out as a token. The same cashier's older
       * item, still there, stands for the account. */
      if (token_text == NULL || !cd_account_token_is_usable (token_text))
        continue;
      if (!cd_store_load_first_of_account (listed, token))
        continue;
      if (paired != NULL)
        {
          g_ptr_array_add (accounts, g_object_ref (paired));
          continue;
        }
      for (guint j = 0; j < load->unpaired_accounts->len && account_item == NULL; j++)
        if (cd_store_load_account_describes (g_ptr_array_index (load->unpaired_accounts, j), token))
          account_item = g_ptr_array_index (load->unpaired_accounts, j);
      account = cd_store_load_account_build (token, token_text,
                                             cd_store_load_secret_text (load, account_item),
                                             &error);
      if (account == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (accounts, account);
      if (load->most_recent_only)
        break;
    }
  if (accounts->len == 0 && load->most_recent_only && newest != NULL)
    /* Translators: %s is an email address */
    g_task_return_new_error (task, CD_ERROR, CD_ERROR_NOT_FOUND,
                             _("The stored token of %s is unusable; sign in again."),
                             cd_store_item_get (newest, "email"));
  else if (accounts->len == 0 && load->most_recent_only)
    g_task_return_error (task, cd_store_load_not_found_error_new (load));
  else
    g_task_return_pointer (task, g_steal_pointer (&accounts), (GDestroyNotify) g_ptr_array_unref);
}

static void
cd_store_load_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!cd_store_read_items_finish (result, &error))
    g_task_return_error (task, error);
  else
    cd_store_load_finish (task);
}

/* A string member of at most @limit bytes, or NULL. */
static const char *
cd_store_load_details_text (JsonObject *details,
                            const char *name,
                            gsize       limit)
{
  JsonNode *node = json_object_get_member (details, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return *text != '\0' && strlen (text) <= limit ? text : NULL;
}

/* What an account item's details say of the token item they were written for, read
 * before that item's secret is in: the sign-in they make, still without its token. */
typedef struct
{
  CdStoreItem *item;
  char *token_item;
  char *token_hash;
  CdAccount *account;
  GHashTable *attributes;
} Described;

static void
cd_store_load_described_free (gpointer data)
{
  Described *described = data;

  g_free (described->token_item);
  g_free (described->token_hash);
  g_clear_object (&described->account);
  g_clear_pointer (&described->attributes, g_hash_table_unref);
  g_free (described);
}

/* What an account item's @details say, when they name a token item and say all that
 * pairs it (NULL otherwise): the sign-in they make (the details are read once, here),
 * and the attributes they give its token item. Another program may have written the
 * details: they get the checks of cd_store_load_account_from_details(), and their server
 * and email must be those the searches were for. A read of every email (or server)
 * cannot check those against the token item's own attributes without reading them:
 * there a token item named by two account items is paired by neither
 * (cd_store_load_pair_by_details()), and one named by a single account item that was not
 * written for it gets that item's email. A program able to write that item could as
 * well copy the token into a token item of that email. */
static Described *
cd_store_load_describe (Load        *load,
                        CdStoreItem *item,
                        const char  *details)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CdAccount) built = NULL;
  g_autoptr(GDateTime) signed_in_time = NULL;
  g_autofree char *server_normalized = NULL;
  Described *described;
  JsonObject *object;
  const char *token_item;
  const char *token_hash;
  const char *server;
  const char *email;
  const char *signed_in;
  const char *expires;

  if (details == NULL || cd_json_load_object (parser, details, strlen (details)) != CD_JSON_OK)
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  token_item = cd_store_load_details_text (object, CD_STORE_DETAILS_TOKEN_ITEM, 4096);
  token_hash = cd_store_load_details_text (object, CD_STORE_DETAILS_TOKEN_HASH, 64);
  server = cd_store_load_details_text (object, CD_STORE_DETAILS_SERVER, 2048);
  email = cd_store_load_details_text (object, "email", 254);
  signed_in = cd_store_load_details_text (object, CD_STORE_DETAILS_SIGNED_IN, 64);
  expires = cd_store_load_details_text (object, CD_STORE_DETAILS_EXPIRES, 64);
  if (token_item == NULL || token_hash == NULL || server == NULL || email == NULL ||
      signed_in == NULL ||
      (json_object_has_member (object, CD_STORE_DETAILS_EXPIRES) && expires == NULL))
    return NULL;
  built = cd_account_new_from_summary (object, server, NULL, NULL);
  if (built == NULL)
    return NULL;
  server_normalized = cd_input_normalize_server (server, TRUE, NULL);
  signed_in_time = g_date_time_new_from_iso8601 (signed_in, NULL);
  if (g_strcmp0 (server_normalized, server) != 0 || signed_in_time == NULL ||
      (load->server != NULL && g_strcmp0 (server, load->server) != 0) ||
      (load->email != NULL && g_strcmp0 (email, load->email) != 0))
    return NULL;

  /* As cd_store_load_account_from_details() names it: by the email it is stored under,
   * which the token item is given here. */
  cd_account_set_email (built, email);
  described = g_new0 (Described, 1);
  described->item = item;
  described->token_item = g_strdup (token_item);
  described->token_hash = g_strdup (token_hash);
  described->account = g_steal_pointer (&built);
  described->attributes = cd_store_attributes_new (NULL, server, email);
  g_hash_table_insert (described->attributes, g_strdup ("signed-in"), g_strdup (signed_in));
  if (expires != NULL)
    g_hash_table_insert (described->attributes, g_strdup ("expires"), g_strdup (expires));
  return described;
}

/* The token item that @described names, among those this read found, when the token
 * now in it is the one the details were written for: after a restart the keyring may
 * give a path again, to an item another program wrote. Details written before the hash
 * was there are paired by attributes, as are other programs' items. */
static CdStoreItem *
cd_store_load_described_token (Load       *load,
                               GHashTable *tokens,
                               Described  *described)
{
  CdStoreItem *token = g_hash_table_lookup (tokens, described->token_item);
  const char *text = cd_store_load_secret_text (load, token);
  g_autofree char *hash = NULL;

  if (text == NULL)
    return NULL;
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  if (g_strcmp0 (hash, described->token_hash) != 0)
    return NULL;
  cd_account_set_token (described->account, text);
  return token;
}

/* Pairs the token items with the account items whose details name them, once every
 * secret is in. A token item named by two account items (one of them not written for
 * it: planted, or left by a sign-in whose item path was given again) is paired by
 * neither: by its attributes. */
static void
cd_store_load_pair_by_details (Load *load)
{
  g_autoptr(GHashTable) tokens = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) named = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) named_twice = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer twice;

  for (guint i = 0; i < load->found->tokens->len; i++)
    {
      CdStoreItem *item = g_ptr_array_index (load->found->tokens, i);

      g_hash_table_insert (tokens, item->path, item);
    }
  for (guint i = 0; i < load->described->len; i++)
    {
      Described *described = g_ptr_array_index (load->described, i);
      CdStoreItem *token = cd_store_load_described_token (load, tokens, described);

      if (token == NULL)
        continue;
      if (g_hash_table_contains (load->paired, token))
        g_hash_table_add (named_twice, token);
      g_hash_table_insert (named, described->item, described);
      g_hash_table_insert (load->paired, token, g_object_ref (described->account));
    }

  for (guint i = 0; i < load->found->accounts->len; i++)
    {
      CdStoreItem *item = g_ptr_array_index (load->found->accounts, i);
      Described *described = g_hash_table_lookup (named, item);
      CdStoreItem *token = described != NULL ? g_hash_table_lookup (tokens, described->token_item)
                                              : NULL;

      if (token == NULL || g_hash_table_contains (named_twice, token))
        g_ptr_array_add (load->unpaired_accounts, item);
      else
        cd_store_item_set_attributes (token, described->attributes);
    }
  g_hash_table_iter_init (&iter, named_twice);
  while (g_hash_table_iter_next (&iter, &twice, NULL))
    g_hash_table_remove (load->paired, twice);
}

/* With every secret in hand: the token items their account items name are paired by
 * that; what is left has its properties read. The account items left are read only
 * when a token item is left that they could describe. */
static void
cd_store_load_secrets_done (GTask *task)
{
  Load *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();

  cd_store_load_pair_by_details (load);
  for (guint i = 0; i < load->found->tokens->len; i++)
    {
      CdStoreItem *token = g_ptr_array_index (load->found->tokens, i);

      if (!token->known)
        g_ptr_array_add (unknown, token);
    }
  if (unknown->len == 0)
    {
      cd_store_load_finish (task);
      return;
    }
  g_ptr_array_extend (unknown, load->unpaired_accounts, NULL, NULL);
  cd_store_read_items_async (task, unknown, cd_store_load_read_cb, g_object_ref (task));
}

/* One GetSecrets answered: its secrets, or NULL when it failed (which ends the load) or
 * the other already had. */
static GHashTable *
cd_store_load_secrets_in (GTask        *task,
                          GAsyncResult *result)
{
  Load *load = g_task_get_task_data (task);
  GHashTable *secrets;
  GError *error = NULL;

  load->secrets_pending--;
  secrets = secret_service_get_secrets_for_dbus_paths_finish (cd_store_call_get_service (task),
                                                             result, &error);
  if (load->secrets_failed)
    {
      g_clear_error (&error);
      g_clear_pointer (&secrets, g_hash_table_unref);
    }
  else if (secrets == NULL)
    {
      load->secrets_failed = TRUE;
      g_task_return_error (task, cd_store_error_new (error));
    }
  return secrets;
}

/* The account items' details are read as soon as they are in, while the keyring reads
 * the token items' secrets. */
static void
cd_store_load_account_secrets_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);

  load->account_secrets = cd_store_load_secrets_in (task, result);
  if (load->account_secrets == NULL)
    return;
  for (guint i = 0; i < load->found->accounts->len; i++)
    {
      CdStoreItem *item = g_ptr_array_index (load->found->accounts, i);
      Described *described = cd_store_load_describe (load, item,
                                                     cd_store_load_secret_text (load, item));

      if (described != NULL)
        g_ptr_array_add (load->described, described);
    }
  if (load->secrets_pending == 0)
    cd_store_load_secrets_done (task);
}

static void
cd_store_load_token_secrets_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);

  load->token_secrets = cd_store_load_secrets_in (task, result);
  if (load->token_secrets != NULL && load->secrets_pending == 0)
    cd_store_load_secrets_done (task);
}

/* The secrets of @items, in one call. */
static void
cd_store_load_get_secrets (GTask               *task,
                           GPtrArray           *items,
                           GAsyncReadyCallback  callback)
{
  Load *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (paths, ((CdStoreItem *) g_ptr_array_index (items, i))->path);
  g_ptr_array_add (paths, NULL);
  load->secrets_pending++;
  secret_service_get_secrets_for_dbus_paths (cd_store_call_get_service (task),
                                             (const char **) paths->pdata,
                                             g_task_get_cancellable (task), callback,
                                             g_object_ref (task));
}

/* Both GetSecrets go out once the session is open: each would otherwise open its own,
 * a key agreement on both sides for nothing. */
static void
cd_store_load_session_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_service_ensure_session_finish (SECRET_SERVICE (source), result, &error))
    {
      g_task_return_error (task, cd_store_error_new (error));
      return;
    }
  if (load->found->accounts->len > 0)
    cd_store_load_get_secrets (task, load->found->accounts, cd_store_load_account_secrets_cb);
  cd_store_load_get_secrets (task, load->found->tokens, cd_store_load_token_secrets_cb);
}

static void
cd_store_load_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;

  load->found = cd_store_find_finish (result, &error);
  if (load->found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (load->found->tokens->len == 0)
    {
      cd_store_load_finish (task);
      return;
    }

  secret_service_ensure_session (cd_store_call_get_service (task), g_task_get_cancellable (task),
                                 cd_store_load_session_cb, g_object_ref (task));
}

static void
cd_store_load_run (GTask *task)
{
  Load *load = g_task_get_task_data (task);

  cd_store_find_paths_async (task, load->server, load->email,
                             load->unlock ? CD_STORE_FIND_UNLOCK : CD_STORE_FIND_LOCKED_FAILS,
                             cd_store_load_found_cb, g_object_ref (task));
}

static void
cd_store_load_start (gpointer             source_tag,
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
  load->paired = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  load->unpaired_accounts = g_ptr_array_new ();
  load->described = g_ptr_array_new_with_free_func (cd_store_load_described_free);
  cd_store_call (source_tag, cancellable, callback, user_data, load, cd_store_load_free,
                 cd_store_load_run);
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

  cd_store_load_start (cd_store_lookup_async, server, email, TRUE, TRUE, cancellable, callback,
                       user_data);
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

  cd_store_load_start (cd_store_list_async, server, NULL, FALSE, TRUE, cancellable, callback,
                       user_data);
}

void
cd_store_list_if_unlocked_async (const char         *server,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Tagged as a list, so that cd_store_list_finish() finishes both. */
  cd_store_load_start (cd_store_list_async, server, NULL, FALSE, FALSE, cancellable, callback,
                       user_data);
}

GPtrArray *
cd_store_list_finish (GAsyncResult *result,
                      GError      **error)
{
  g_autoptr(GTask) task = cd_store_call_finish (result, cd_store_list_async, error);

  return task != NULL ? g_task_propagate_pointer (task, error) : NULL;
}
