/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-private.h: what the parts of the keyring store share (cd-store-*.c).
 *
 * The whole store works at libsecret's D-Bus path level (secret-paths.h), on the one
 * SecretService proxy of the process: items are known by their paths, attributes are
 * read as the service keeps them (a Secret Service may add its own: KeePassXC adds
 * Title, UserName, URL, Notes, Uuid, Path), and every secret of a read comes back in one
 * GetSecrets call per schema, the calls sent together. libsecret's object layer
 * (SecretItem, secret_password_*) is not used: it loads each item separately, and its
 * "backends" can put a secret where the shop's other programs cannot read it (a file
 * inside a Flatpak).
 *
 * Its D-Bus calls have no D-Bus time limit (D-Bus's own is 25 s, shorter than a person
 * needs for a prompt): each call's own limit ends them (cd-store-call.c).
 *
 * The parts:
 *  - cd-store-call.c: every public operation is a call, bounded in time, that ends at
 *    once when the caller cancels or when the Secret Service quits;
 *  - cd-store-items.c: schemas, attributes, the one ordering, errors, deleting items;
 *  - cd-store-find.c: finding an account's items, with the rules for a locked keyring,
 *    and reading items' properties;
 *  - cd-store-prompt.c: a prompt, shown and waited for, and unlocking;
 *  - cd-store-save.c, cd-store-load.c, cd-store-forget.c: the operations. */
#pragma once

/* The D-Bus path level of libsecret is marked unstable; it has not changed since 0.18. */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The Secret Service's D-Bus interfaces, for the calls made without libsecret. */
#define SECRET_SERVICE_INTERFACE    "org.freedesktop.Secret.Service"
#define SECRET_COLLECTION_INTERFACE "org.freedesktop.Secret.Collection"
#define SECRET_ITEM_INTERFACE       "org.freedesktop.Secret.Item"
#define SECRET_PROMPT_INTERFACE     "org.freedesktop.Secret.Prompt"

extern const SecretSchema cd_store_token_schema;
extern const SecretSchema cd_store_account_schema;

/* The one place that turns libsecret's and D-Bus's failures into CD_ERROR_KEYRING.
 * Takes ownership of @error; a cancellation stays G_IO_ERROR_CANCELLED. NULL, for a
 * call that failed without an error (a dismissed prompt), is "locked". */
GError     *cd_store_error_new            (GError        *error);
/* "The keyring is locked", for items or a collection that stayed locked. */
GError     *cd_store_locked_error_new     (void);

/* What the account item's secret (its details) says, besides the account, of the token
 * item it was written for, so that readers can pair the two, and order and name the
 * sign-in, without reading either item's properties (docs/contract.md): the token
 * item's D-Bus path, the SHA-256 of its token (a path can be given again to another
 * item once this one is gone), and its server, signed-in and expires attributes, as
 * written. */
#define CD_STORE_DETAILS_TOKEN_ITEM "token_item"
#define CD_STORE_DETAILS_TOKEN_HASH "token_sha256"
#define CD_STORE_DETAILS_SERVER     "server"
#define CD_STORE_DETAILS_SIGNED_IN  "signed_in"
#define CD_STORE_DETAILS_EXPIRES    "expires"

/* An attribute table for the Secret Service (owned keys and values): xdg:schema of
 * @schema when not NULL, then server and email when not NULL. */
GHashTable *cd_store_attributes_new       (const SecretSchema *schema,
                                           const char         *server,
                                           const char         *email);

/* expires: UTC with a Z, so that it sorts and compares as text. */
char       *cd_store_format_utc           (GDateTime     *datetime);
/* signed-in: UTC to the microsecond, so that two sign-ins in one second have an order. */
char       *cd_store_format_utc_exact     (gint64         microseconds);

/* An item as the Secret Service describes it. A search gives only its path: the rest is
 * known once its properties are read, or once the account item written for it says
 * (cd-store-load.c). */
typedef struct
{
  char       *path;
  GHashTable *attributes;
  /* Only from its properties: 0 when known from an account item. */
  guint64     created;
  guint64     modified;
  /* Its signed-in attribute in microseconds, or for an item written without one (by an
   * older version, or another program) its modification time in whole seconds. */
  gint64      signed_in;
  gboolean    has_signed_in;
  /* Whether the attributes (and signed_in) are known. */
  gboolean    known;
} CdStoreItem;

/* An item known by its path only, with no attributes yet. */
CdStoreItem *cd_store_item_new            (const char    *path);
/* What its D-Bus properties say (org.freedesktop.Secret.Item's GetAll). */
void        cd_store_item_set_properties  (CdStoreItem   *item,
                                           GVariant      *properties);
/* What another item says its attributes are (@attributes: name to value), without
 * times. */
void        cd_store_item_set_attributes  (CdStoreItem   *item,
                                           GHashTable    *attributes);
/* Removes from @items those whose attributes are not known (gone since the search, or
 * never read); freed when @items owns them. */
void        cd_store_items_drop_unknown   (GPtrArray     *items);
void        cd_store_item_free            (gpointer       item);
/* A non-empty attribute of @item, or NULL. */
const char *cd_store_item_get             (const CdStoreItem *item,
                                           const char        *name);
/* The one ordering of sign-ins, most recent first, for g_ptr_array_sort() of
 * CdStoreItem: by the exact time each was signed in, then by the keyring's creation
 * time and path. "The most recent sign-in" is the first in this order, and a save keeps
 * only the first of its (server, email). */
int         cd_store_item_compare_recent  (gconstpointer  a,
                                           gconstpointer  b);

/* A call: one public operation of the store (cd-store-call.c). */

/* Runs once the call has the Secret Service: the operation itself, which ends by
 * returning on @task. */
typedef void (*CdStoreOperation) (GTask *task);

/* Starts a call for the public task made of @source_tag, @cancellable, @callback and
 * @user_data. @run gets an inner task, which holds @task_data, whose cancellable is the
 * call's own (cancelled with the caller's, at the time limit, or when the service
 * quits), and whose result the public task then carries. */
void           cd_store_call              (gpointer             source_tag,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data,
                                           gpointer             task_data,
                                           GDestroyNotify       task_data_free,
                                           CdStoreOperation     run);
/* The finished inner task, to propagate its value from; NULL with @error set when the
 * call failed before it or instead of it (timed out, the service quit, cancelled). */
GTask         *cd_store_call_finish       (GAsyncResult        *result,
                                           gpointer             source_tag,
                                           GError             **error);
SecretService *cd_store_call_get_service  (GTask               *task);
/* Whether this call may ask the Secret Service to show a prompt (cd_store_set_limits()). */
gboolean       cd_store_call_may_prompt   (GTask               *task);
/* Marks that a prompt is open (or no longer), so that a call that runs out of time says
 * that nobody answered it. */
void           cd_store_call_set_prompting (GTask              *task,
                                            gboolean            prompting);

/* Finding (cd-store-find.c), unlocking (cd-store-prompt.c), deleting (cd-store-items.c). */

typedef struct
{
  /* CdStoreItem, most recent first. */
  GPtrArray *tokens;
  GPtrArray *accounts;
} CdStoreFound;

void        cd_store_found_free           (CdStoreFound  *found);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStoreFound, cd_store_found_free)

/* What a find does with items that are locked for this program: a locked collection's
 * (gnome-keyring lists them as locked), or KeePassXC's when it asks to confirm access. */
typedef enum
{
  /* Unlocked once, when the call may prompt; what stays locked fails the find. */
  CD_STORE_FIND_UNLOCK,
  /* They fail the find: cd_store_locked_error_new(). */
  CD_STORE_FIND_LOCKED_FAILS,
  /* Found with the rest, by their attributes (their secrets are not read): a save
   * orders its own token among them, and tries to delete the older ones. */
  CD_STORE_FIND_LOCKED_TOO,
} CdStoreFindLocked;

/* Every token and account item of @server and @email (NULL: any) in every collection,
 * with their attributes. A locked default collection (KeePassXC hides a locked
 * database's items instead of listing them as locked) is never read as "nothing
 * stored": it is unlocked (CD_STORE_FIND_UNLOCK, when the call may prompt), or it fails
 * the find with cd_store_locked_error_new(). @call is the inner task of the call it
 * serves. */
void          cd_store_find_async         (GTask               *call,
                                           const char          *server,
                                           const char          *email,
                                           CdStoreFindLocked    locked,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The same search, with the items' paths only (not known, in no order): for a caller
 * that learns what it needs from their secrets, and reads the properties of only the
 * few items that do not say (cd_store_read_items_async()). Finish with
 * cd_store_find_finish(). */
void          cd_store_find_paths_async   (GTask               *call,
                                           const char          *server,
                                           const char          *email,
                                           CdStoreFindLocked    locked,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CdStoreFound *cd_store_find_finish        (GAsyncResult        *result,
                                           GError             **error);

/* Reads the properties of @items (CdStoreItem, not owned), all at once. An item gone
 * since it was found stays not known (cd_store_items_drop_unknown()). Fails only when
 * cancelled. */
void          cd_store_read_items_async   (GTask               *call,
                                           GPtrArray           *items,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      cd_store_read_items_finish  (GAsyncResult        *result,
                                           GError             **error);

/* The collection @alias names ("default", "session"), or NULL when it names none, and
 * whether it is locked. */
void          cd_store_read_collection_async  (GTask               *call,
                                               const char          *alias,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char         *cd_store_read_collection_finish (GAsyncResult        *result,
                                               gboolean            *locked,
                                               GError             **error);

/* Unlocks @paths (items or collections) through the Secret Service's prompt, when the
 * call may prompt. FALSE with cd_store_locked_error_new() when any stayed locked. */
void          cd_store_unlock_async       (GTask               *call,
                                           const char * const  *paths,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      cd_store_unlock_finish      (GAsyncResult        *result,
                                           GError             **error);

/* Shows the prompt at @path (cd-store-prompt.c) and waits for its answer: its result
 * (NULL when it has none), and whether it was @dismissed. With @patience_ms, one not
 * answered by then counts as dismissed; with 0, the call's own limit is the only one. */
void          cd_store_prompt_async       (GTask               *call,
                                           const char          *path,
                                           guint                patience_ms,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GVariant     *cd_store_prompt_finish      (GAsyncResult        *result,
                                           gboolean            *dismissed,
                                           GError             **error);

/* Deletes @paths, all at once; an item already gone is not an error. Returns how many
 * could not be deleted. KeePassXC answers every deletion with a prompt, which asks
 * nothing unless it is set to confirm deletions: an @optional deletion (older items a
 * save tidies away) waits for such a prompt only briefly where no prompt may be shown,
 * and leaves the item. */
void          cd_store_delete_async       (GTask               *call,
                                           GPtrArray           *paths,
                                           gboolean             optional,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
guint         cd_store_delete_finish      (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
