/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-call.c: every public operation of the store runs as a call. A call ends
 * when its operation ends, and also, at once, when the caller cancels (Ctrl+C, a
 * closed window), when its time is up (a keyring prompt nobody answers, a keyring that
 * hangs in a dialog of its own), or when the Secret Service quits: libsecret 0.20.5
 * waits for an open prompt's Completed signal forever when the service quits, and for
 * a dismissed one until D-Bus gives up. What libsecret still does after that is
 * cancelled and its result dropped. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-error.h"
#include "cd-store-private.h"

static gboolean limits_may_prompt = TRUE;
static guint limits_timeout = CD_STORE_DEFAULT_TIMEOUT;

void
cd_store_set_limits (gboolean may_prompt,
                     guint    timeout_seconds)
{
  g_return_if_fail (timeout_seconds > 0);

  limits_may_prompt = may_prompt;
  limits_timeout = timeout_seconds;
}

typedef struct
{
  /* The caller's task until the call has returned on it. */
  GTask *outer;
  gpointer source_tag;
  /* The call's own: the operation's libsecret and D-Bus calls use it. */
  GCancellable *cancellable;
  GSource *caller_cancelled;
  guint timeout_id;
  guint watch_id;
  gboolean service_seen;
  gboolean prompting;
  SecretService *service;
  gpointer task_data;
  GDestroyNotify task_data_free;
  CdStoreOperation run;
} Call;

static void
cd_store_call_clear (Call *call)
{
  g_clear_object (&call->outer);
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  g_clear_handle_id (&call->watch_id, g_bus_unwatch_name);
  if (call->caller_cancelled != NULL)
    {
      g_source_destroy (call->caller_cancelled);
      g_clear_pointer (&call->caller_cancelled, g_source_unref);
    }
  g_clear_object (&call->service);
  g_clear_object (&call->cancellable);
  if (call->task_data_free != NULL)
    g_clear_pointer (&call->task_data, call->task_data_free);
}

static Call *
cd_store_call_ref (Call *call)
{
  return g_rc_box_acquire (call);
}

static void
cd_store_call_release (Call *call)
{
  g_rc_box_release_full (call, (GDestroyNotify) cd_store_call_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, cd_store_call_release)

static GQuark
cd_store_call_quark (void)
{
  return g_quark_from_static_string ("cd-store-call");
}

static Call *
cd_store_call_from_task (GTask *task)
{
  return g_object_get_qdata (G_OBJECT (task), cd_store_call_quark ());
}

/* Returns on the caller's task, once: @inner's result, or @error. Whatever is still
 * running of the operation is cancelled. */
static void
cd_store_call_return (Call   *call,
                      GTask  *inner,
                      GError *error)
{
  g_autoptr(GTask) outer = g_steal_pointer (&call->outer);

  if (outer == NULL)
    {
      g_clear_error (&error);
      return;
    }
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  g_clear_handle_id (&call->watch_id, g_bus_unwatch_name);
  if (call->caller_cancelled != NULL)
    {
      g_source_destroy (call->caller_cancelled);
      g_clear_pointer (&call->caller_cancelled, g_source_unref);
    }
  if (error != NULL)
    {
      g_cancellable_cancel (call->cancellable);
      g_task_return_error (outer, error);
    }
  else
    {
      g_task_return_pointer (outer, g_object_ref (inner), g_object_unref);
    }
}

static gboolean
cd_store_call_caller_cancelled_cb (GCancellable *cancellable,
                                   gpointer      user_data)
{
  cd_store_call_return (user_data, NULL,
                        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

static gboolean
cd_store_call_timeout_cb (gpointer user_data)
{
  Call *call = user_data;
  GError *error;

  call->timeout_id = 0;
  if (call->prompting)
    error = g_error_new (CD_ERROR, CD_ERROR_KEYRING,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Nobody answered the keyring's prompt within %u second.",
                                      "Nobody answered the keyring's prompt within %u seconds.",
                                      limits_timeout),
                         limits_timeout);
  else
    error = g_error_new (CD_ERROR, CD_ERROR_KEYRING,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "The keyring did not answer within %u second; it may be "
                                      "waiting for an answer in a window of its own.",
                                      "The keyring did not answer within %u seconds; it may be "
                                      "waiting for an answer in a window of its own.",
                                      limits_timeout),
                         limits_timeout);
  cd_store_call_return (call, NULL, error);
  return G_SOURCE_REMOVE;
}

static void
cd_store_call_service_appeared_cb (GDBusConnection *connection,
                                   const char      *name,
                                   const char      *owner,
                                   gpointer         user_data)
{
  Call *call = user_data;

  call->service_seen = TRUE;
}

static void
cd_store_call_service_vanished_cb (GDBusConnection *connection,
                                   const char      *name,
                                   gpointer         user_data)
{
  Call *call = user_data;

  /* Before the first answer about the name, "vanished" only says the service has not
   * started yet: D-Bus starts it for the first call. */
  if (!call->service_seen)
    return;
  cd_store_call_return (call, NULL,
                        g_error_new_literal (CD_ERROR, CD_ERROR_KEYRING,
                                             _("The keyring (the Secret Service) quit before it was "
                                               "done.")));
}

static void
cd_store_call_inner_done_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  cd_store_call_return (cd_store_call_from_task (G_TASK (result)), G_TASK (result), NULL);
}

static void
cd_store_call_service_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GTask) inner = NULL;
  g_autofree char *owner = NULL;
  GError *error = NULL;

  call->service = secret_service_get_finish (result, &error);
  if (call->service == NULL)
    {
      cd_store_call_return (call, NULL, cd_store_error_new (error));
      return;
    }
  if (call->outer == NULL)
    return;

  /* The owner's unique name, not org.freedesktop.secrets: the well-known name may pass
   * to another keyring while ours stays, but a unique name goes only with its
   * connection, when the service quits or crashes. Not yet started (D-Bus starts it for
   * the first call): the time limit alone bounds the call. */
  owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (call->service));
  if (owner != NULL)
    call->watch_id = g_bus_watch_name_on_connection (g_dbus_proxy_get_connection (G_DBUS_PROXY (call->service)),
                                                     owner, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     cd_store_call_service_appeared_cb,
                                                     cd_store_call_service_vanished_cb,
                                                     call, NULL);
  inner = g_task_new (NULL, call->cancellable, cd_store_call_inner_done_cb, NULL);
  g_task_set_source_tag (inner, call->source_tag);
  g_object_set_qdata_full (G_OBJECT (inner), cd_store_call_quark (), cd_store_call_ref (call),
                           (GDestroyNotify) cd_store_call_release);
  if (call->task_data != NULL)
    {
      g_task_set_task_data (inner, g_steal_pointer (&call->task_data), call->task_data_free);
      call->task_data_free = NULL;
    }
  call->run (inner);
}

void
cd_store_call (gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             task_data,
               GDestroyNotify       task_data_free,
               CdStoreOperation     run)
{
  Call *call = g_rc_box_new0 (Call);

  call->outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (call->outer, source_tag);
  call->source_tag = source_tag;
  call->cancellable = g_cancellable_new ();
  call->task_data = task_data;
  call->task_data_free = task_data_free;
  call->run = run;

  if (cancellable != NULL)
    {
      call->caller_cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->caller_cancelled,
                             G_SOURCE_FUNC (cd_store_call_caller_cancelled_cb),
                             call, NULL);
      g_source_attach (call->caller_cancelled, g_main_context_get_thread_default ());
    }
  call->timeout_id = g_timeout_add_seconds (limits_timeout, cd_store_call_timeout_cb, call);

  /* The secret-transfer session is opened by the first call that needs one. */
  secret_service_get (SECRET_SERVICE_NONE, call->cancellable, cd_store_call_service_cb, call);
}

GTask *
cd_store_call_finish (GAsyncResult *result,
                      gpointer      source_tag,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

SecretService *
cd_store_call_get_service (GTask *task)
{
  return cd_store_call_from_task (task)->service;
}

gboolean
cd_store_call_may_prompt (GTask *task)
{
  return limits_may_prompt;
}

void
cd_store_call_set_prompting (GTask    *task,
                             gboolean  prompting)
{
  cd_store_call_from_task (task)->prompting = prompting;
}
