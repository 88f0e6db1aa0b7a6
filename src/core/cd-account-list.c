/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-list.c: the stored sign-ins as one list model. The accounts are kept in a
 * GListStore, sorted, whose changes this model passes on as its own. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cd-account-list.h"
#include "cd-config.h"
#include "cd-store.h"

struct _CdAccountList
{
  GObject     parent_instance;

  GListStore *accounts;
  /* The demo's: only its sign-ins, kept in the session collection. */
  char       *demo_server;
  char       *load_error;
  /* Only the latest load's answer is shown. */
  guint       load_serial;
  gboolean    loading;
  /* Saves and forgets asked for, not yet started (GTasks), and whether one runs. */
  GQueue      changes;
  gboolean    changing;
};

static void cd_account_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdAccountList, cd_account_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_account_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
cd_account_list_allow_prompts (void)
{
  g_autoptr(GError) error = NULL;
  guint timeout;

  if (!cd_config_resolve_keyring_timeout (2 * CD_STORE_DEFAULT_TIMEOUT, &timeout, &error))
    g_debug ("%s", error->message);
  cd_store_set_limits (TRUE, timeout);
}

/* The order but for the names: the certificate's expiry. */
static int
cd_account_list_compare_expiry (CdAccount *first,
                                CdAccount *second)
{
  GDateTime *first_expiry = cd_account_get_cert_expires_on (first);
  GDateTime *second_expiry = cd_account_get_cert_expires_on (second);

  if ((first_expiry == NULL) != (second_expiry == NULL))
    return first_expiry == NULL ? 1 : -1;
  return first_expiry != NULL ? g_date_time_compare (first_expiry, second_expiry) : 0;
}

/* The last word, between two of one expiry and name. */
static int
cd_account_list_compare_email_server (CdAccount *first,
                                      CdAccount *second)
{
  int order;

  if ((order = g_strcmp0 (cd_account_get_email (first), cd_account_get_email (second))) != 0)
    return order;
  return g_strcmp0 (cd_account_get_server (first), cd_account_get_server (second));
}

int
cd_account_list_compare (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  CdAccount *first = CD_ACCOUNT ((gpointer) a);
  CdAccount *second = CD_ACCOUNT ((gpointer) b);
  int order;

  if ((order = cd_account_list_compare_expiry (first, second)) != 0)
    return order;
  if ((order = g_utf8_collate (cd_account_get_title (first), cd_account_get_title (second))) != 0)
    return order;
  return cd_account_list_compare_email_server (first, second);
}

/* An account with its name's collation key, made once for a whole sort: comparing two
 * keys with strcmp() orders as g_utf8_collate() does, at a fraction of its cost, which
 * a sort of 500 would pay some 4,500 times. */
typedef struct
{
  CdAccount *account;
  char *title_key;
} SortEntry;

static int
cd_account_list_compare_entries (gconstpointer a,
                                 gconstpointer b)
{
  const SortEntry *first = a;
  const SortEntry *second = b;
  int order;

  if ((order = cd_account_list_compare_expiry (first->account, second->account)) != 0)
    return order;
  if ((order = strcmp (first->title_key, second->title_key)) != 0)
    return order;
  return cd_account_list_compare_email_server (first->account, second->account);
}

void
cd_account_list_sort (GPtrArray *accounts)
{
  g_autofree SortEntry *entries = NULL;

  if (accounts->len < 2)
    return;
  entries = g_new (SortEntry, accounts->len);
  for (guint i = 0; i < accounts->len; i++)
    {
      const char *title;

      entries[i].account = g_ptr_array_index (accounts, i);
      title = cd_account_get_title (entries[i].account);
      entries[i].title_key = g_utf8_collate_key (title != NULL ? title : "", -1);
    }
  qsort (entries, accounts->len, sizeof *entries, cd_account_list_compare_entries);
  for (guint i = 0; i < accounts->len; i++)
    {
      accounts->pdata[i] = entries[i].account;
      g_free (entries[i].title_key);
    }
}

static GType
cd_account_list_get_item_type (GListModel *model)
{
  return CD_TYPE_ACCOUNT;
}

static guint
cd_account_list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CD_ACCOUNT_LIST (model)->accounts));
}

static gpointer
cd_account_list_get_item (GListModel *model,
                          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CD_ACCOUNT_LIST (model)->accounts), position);
}

static void
cd_account_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_account_list_get_item_type;
  iface->get_n_items = cd_account_list_get_n_items;
  iface->get_item = cd_account_list_get_item;
}

static void
cd_account_list_store_changed_cb (GListModel    *store,
                                  guint          position,
                                  guint          removed,
                                  guint          added,
                                  CdAccountList *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
cd_account_list_set_loading (CdAccountList *self,
                             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

CdAccount *
cd_account_list_find (CdAccountList *self,
                      const char    *server,
                      const char    *email,
                      guint         *position)
{
  guint n;

  g_return_val_if_fail (CD_IS_ACCOUNT_LIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (cd_account_get_server (account), server) == 0
          && g_strcmp0 (cd_account_get_email (account), email) == 0)
        {
          if (position != NULL)
            *position = i;
          return account;
        }
    }
  return NULL;
}

/* Puts @account in its place, in place of the one with its server and email. */
static void
cd_account_list_put (CdAccountList *self,
                     CdAccount     *account)
{
  guint position;
  CdAccount *listed = cd_account_list_find (self, cd_account_get_server (account),
                                            cd_account_get_email (account), &position);

  if (listed == account)
    return;
  if (listed != NULL)
    g_list_store_remove (self->accounts, position);
  g_list_store_insert_sorted (self->accounts, account, cd_account_list_compare, NULL);
}

/* What a load asked for; the task's data. */
typedef struct {
  guint    serial;
  gboolean if_unlocked;
} LoadData;

static void
cd_account_list_listed_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdAccountList *self = g_task_get_source_object (task);
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) accounts = NULL;
  GError *error = NULL;

  accounts = cd_store_list_finish (result, &error);

  if (load->serial == self->load_serial
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && (accounts != NULL || !load->if_unlocked))
    {
      guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

      g_clear_pointer (&self->load_error, g_free);
      if (accounts != NULL)
        {
          cd_account_list_sort (accounts);
          g_list_store_splice (self->accounts, 0, n_old, accounts->pdata, accounts->len);
        }
      else
        {
          self->load_error = g_strdup (error->message);
          g_list_store_remove_all (self->accounts);
        }
    }
  if (load->serial == self->load_serial)
    cd_account_list_set_loading (self, FALSE);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
cd_account_list_load (CdAccountList       *self,
                      gboolean             if_unlocked,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  LoadData *load;

  g_return_if_fail (CD_IS_ACCOUNT_LIST (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load = g_new0 (LoadData, 1);
  load->serial = ++self->load_serial;
  load->if_unlocked = if_unlocked;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_account_list_load);
  g_task_set_task_data (task, load, g_free);

  cd_account_list_set_loading (self, TRUE);
  if (if_unlocked)
    cd_store_list_if_unlocked_async (self->demo_server, cancellable, cd_account_list_listed_cb, task);
  else
    cd_store_list_async (self->demo_server, cancellable, cd_account_list_listed_cb, task);
}

void
cd_account_list_load_async (CdAccountList       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  cd_account_list_load (self, FALSE, cancellable, callback, user_data);
}

void
cd_account_list_load_if_unlocked_async (CdAccountList       *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  cd_account_list_load (self, TRUE, cancellable, callback, user_data);
}

gboolean
cd_account_list_load_finish (CdAccountList  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_account_list_load, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A change of one stored sign-in. The list shows it as it is asked for: gnome-keyring
 * rewrites its whole file for every change, 0.1-0.25 s once it holds hundreds of
 * sign-ins, and a row that waited for it would not go (or come back) at once. The
 * keyring makes the changes one at a time, in order, so that an Undo cannot cross the
 * removal it undoes; one that fails takes back what the list showed. */
typedef enum {
  CHANGE_SAVE,
  CHANGE_FORGET,
} ChangeKind;

typedef struct {
  ChangeKind  kind;
  CdAccount  *account;
  /* What the list held for the same server and email before: NULL for nothing. */
  CdAccount  *before;
} Change;

static void
cd_account_list_change_free (Change *change)
{
  g_clear_object (&change->account);
  g_clear_object (&change->before);
  g_free (change);
}

static gboolean
cd_account_list_change_same_key (Change *a,
                                 Change *b)
{
  return g_strcmp0 (cd_account_get_server (a->account), cd_account_get_server (b->account)) == 0
         && g_strcmp0 (cd_account_get_email (a->account), cd_account_get_email (b->account)) == 0;
}

/* Whether no change asked for after @change is for the same server and email: only
 * then may its end touch what the list shows for them. */
static gboolean
cd_account_list_change_is_last (CdAccountList *self,
                                Change        *change)
{
  for (GList *l = self->changes.head; l != NULL; l = l->next)
    if (cd_account_list_change_same_key (change, g_task_get_task_data (l->data)))
      return FALSE;
  return TRUE;
}

/* Shows what @change does, as if it were done. */
static void
cd_account_list_change_show (CdAccountList *self,
                             Change        *change)
{
  guint position;

  if (change->kind == CHANGE_SAVE)
    cd_account_list_put (self, change->account);
  else if (cd_account_list_find (self, cd_account_get_server (change->account),
                                 cd_account_get_email (change->account), &position) != NULL)
    g_list_store_remove (self->accounts, position);
}

/* Takes the list's entry for @change's server and email back to what it was. */
static void
cd_account_list_change_undo (CdAccountList *self,
                             Change        *change)
{
  guint position;

  if (cd_account_list_find (self, cd_account_get_server (change->account),
                            cd_account_get_email (change->account), &position) != NULL)
    g_list_store_remove (self->accounts, position);
  if (change->before != NULL)
    cd_account_list_put (self, change->before);
}

static void cd_account_list_change_next (CdAccountList *self);

/* Ends @task (the list's reference), with @error (taken) when the keyring did not make
 * the change, and starts the next. */
static void
cd_account_list_change_done (CdAccountList *self,
                             GTask         *task,
                             GError        *error)
{
  Change *change = g_task_get_task_data (task);

  /* Shown again when done, should a load have read the keyring in between. */
  if (cd_account_list_change_is_last (self, change))
    {
      if (error != NULL)
        cd_account_list_change_undo (self, change);
      else
        cd_account_list_change_show (self, change);
    }
  self->changing = FALSE;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  cd_account_list_change_next (self);
}

static void
cd_account_list_saved_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  cd_store_save_finish (result, &error);
  cd_account_list_change_done (g_task_get_source_object (task), task, error);
}

static void
cd_account_list_forgotten_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  cd_store_forget_finish (result, &error);
  cd_account_list_change_done (g_task_get_source_object (task), task, error);
}

static void
cd_account_list_change_next (CdAccountList *self)
{
  GTask *task;
  Change *change;
  GCancellable *cancellable;

  if (self->changing || (task = g_queue_pop_head (&self->changes)) == NULL)
    return;

  change = g_task_get_task_data (task);
  cancellable = g_task_get_cancellable (task);
  if (g_cancellable_is_cancelled (cancellable))
    {
      cd_account_list_change_done (self, task,
                                   g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                        "Operation was cancelled"));
      return;
    }

  self->changing = TRUE;
  if (change->kind == CHANGE_SAVE)
    cd_store_save_in_session_async (change->account, self->demo_server != NULL, cancellable,
                                    cd_account_list_saved_cb, task);
  else
    cd_store_forget_async (cd_account_get_server (change->account),
                           cd_account_get_email (change->account), cancellable,
                           cd_account_list_forgotten_cb, task);
}

static void
cd_account_list_change (CdAccountList       *self,
                        ChangeKind           kind,
                        CdAccount           *account,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Change *change = g_new0 (Change, 1);
  CdAccount *before = cd_account_list_find (self, cd_account_get_server (account),
                                            cd_account_get_email (account), NULL);

  change->kind = kind;
  change->account = g_object_ref (account);
  change->before = before != NULL ? g_object_ref (before) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, change, (GDestroyNotify) cd_account_list_change_free);

  cd_account_list_change_show (self, change);
  g_queue_push_tail (&self->changes, task);
  cd_account_list_change_next (self);
}

void
cd_account_list_save_async (CdAccountList       *self,
                            CdAccount           *account,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CD_IS_ACCOUNT_LIST (self));
  g_return_if_fail (CD_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  cd_account_list_change (self, CHANGE_SAVE, account, cd_account_list_save_async,
                          cancellable, callback, user_data);
}

gboolean
cd_account_list_save_finish (CdAccountList  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_account_list_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cd_account_list_forget_async (CdAccountList       *self,
                              CdAccount           *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CD_IS_ACCOUNT_LIST (self));
  g_return_if_fail (CD_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  cd_account_list_change (self, CHANGE_FORGET, account, cd_account_list_forget_async,
                          cancellable, callback, user_data);
}

gboolean
cd_account_list_forget_finish (CdAccountList  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_account_list_forget_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cd_account_list_demo_forgotten_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdAccountList *self = g_task_get_source_object (task);
  GError *error = NULL;

  cd_store_forget_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_list_store_remove_all (self->accounts);
  g_task_return_boolean (task, TRUE);
}

void
cd_account_list_forget_demo_async (CdAccountList       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_ACCOUNT_LIST (self));
  g_return_if_fail (self->demo_server != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_account_list_forget_demo_async);
  cd_store_forget_async (self->demo_server, NULL, cancellable,
                         cd_account_list_demo_forgotten_cb, task);
}

gboolean
cd_account_list_forget_demo_finish (CdAccountList  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_account_list_forget_demo_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
cd_account_list_get_loading (CdAccountList *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_LIST (self), FALSE);

  return self->loading;
}

const char *
cd_account_list_get_load_error (CdAccountList *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_LIST (self), NULL);

  return self->load_error;
}

static void
cd_account_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdAccountList *self = CD_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_account_list_dispose (GObject *object)
{
  CdAccountList *self = CD_ACCOUNT_LIST (object);

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (cd_account_list_parent_class)->dispose (object);
}

static void
cd_account_list_finalize (GObject *object)
{
  CdAccountList *self = CD_ACCOUNT_LIST (object);

  g_free (self->load_error);
  g_free (self->demo_server);

  G_OBJECT_CLASS (cd_account_list_parent_class)->finalize (object);
}

static void
cd_account_list_class_init (CdAccountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cd_account_list_get_property;
  object_class->dispose = cd_account_list_dispose;
  object_class->finalize = cd_account_list_finalize;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_account_list_init (CdAccountList *self)
{
  self->accounts = g_list_store_new (CD_TYPE_ACCOUNT);
  g_signal_connect (self->accounts, "items-changed",
                    G_CALLBACK (cd_account_list_store_changed_cb), self);
}

CdAccountList *
cd_account_list_new (void)
{
  return g_object_new (CD_TYPE_ACCOUNT_LIST, NULL);
}

CdAccountList *
cd_account_list_new_for_demo (const char *demo_server)
{
  CdAccountList *self;

  g_return_val_if_fail (demo_server != NULL, NULL);

  self = cd_account_list_new ();
  self->demo_server = g_strdup (demo_server);
  return self;
}

const char *
cd_account_list_get_demo_server (CdAccountList *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_LIST (self), NULL);

  return self->demo_server;
}
