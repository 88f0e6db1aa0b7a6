/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-store-prompt.c: a Secret Service prompt (an unlock dialog, KeePassXC's access or
 * delete confirmation), shown and waited for at the D-Bus level; and unlocking, which
 * asks for one.
 *
 * Not through libsecret 0.20.5, which finishes a dismissed prompt with a CRITICAL
 * (g_task_return_error with no error: seen with KeePassXC under two saves at once, and
 * after a cancellation), and waits forever for a prompt whose service has quit. Here a
 * prompt ends with its Completed signal, or at once when the call is cancelled (by the
 * caller, its time limit, or the service quitting: cd-store-call.c).
 *
 * A cancelled prompt is not dismissed: GNOME Keyring 42 aborts (gkd-secret-unlock.c:
 * "!self->current") on a Dismiss that comes while its prompt is still being set up, in
 * about half the tries here. It closes the prompt of a caller that leaves the bus, as a
 * command does once it ends; in the window, an unanswered prompt stays open for the
 * person to answer or close. */
#include "config.h"

#include "cd-store-private.h"


typedef struct
{
  GDBusConnection *connection;
  char *path;
  guint completed_id;
  GSource *cancelled;
  guint patience_id;
  gboolean dismissed;
} Prompt;

static void
cd_store_prompt_stop (GTask *task)
{
  Prompt *prompt = g_task_get_task_data (task);

  if (prompt->completed_id != 0)
    g_dbus_connection_signal_unsubscribe (prompt->connection, prompt->completed_id);
  prompt->completed_id = 0;
  if (prompt->cancelled != NULL)
    {
      g_source_destroy (prompt->cancelled);
      g_clear_pointer (&prompt->cancelled, g_source_unref);
    }
  g_clear_handle_id (&prompt->patience_id, g_source_remove);
  cd_store_call_set_prompting (g_task_get_source_object (task), FALSE);
}

static void
cd_store_prompt_free (gpointer data)
{
  Prompt *prompt = data;

  g_assert (prompt->completed_id == 0 && prompt->cancelled == NULL && prompt->patience_id == 0);
  g_object_unref (prompt->connection);
  g_free (prompt->path);
  g_free (prompt);
}

static void
cd_store_prompt_completed_cb (GDBusConnection *connection,
                              const char      *sender,
                              const char      *path,
                              const char      *interface,
                              const char      *signal,
                              GVariant        *parameters,
                              gpointer         user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Prompt *prompt = g_task_get_task_data (task);
  GVariant *result = NULL;
  gboolean dismissed = TRUE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(bv)")))
    g_variant_get (parameters, "(bv)", &dismissed, &result);
  cd_store_prompt_stop (task);
  prompt->dismissed = dismissed;
  g_task_return_pointer (task, result, (GDestroyNotify) g_variant_unref);
}

static void
cd_store_prompt_called_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Prompt *prompt = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  /* Shown: the Completed signal ends it. Already ended: nothing more to say. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL || prompt->completed_id == 0)
    {
      g_clear_error (&error);
      return;
    }
  /* No prompt after all: nothing will complete it. */
  cd_store_prompt_stop (task);
  g_task_return_error (task, cd_store_error_new (error));
}

static gboolean
cd_store_prompt_cancelled_cb (GCancellable *cancellable,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);

  cd_store_prompt_stop (task);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

/* A prompt that has not completed within its patience is taken as dismissed, and left
 * to the service. */
static gboolean
cd_store_prompt_patience_out_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Prompt *prompt = g_task_get_task_data (task);

  prompt->patience_id = 0;
  cd_store_prompt_stop (task);
  prompt->dismissed = TRUE;
  g_task_return_pointer (task, NULL, NULL);
  return G_SOURCE_REMOVE;
}

void
cd_store_prompt_async (GTask               *call,
                       const char          *path,
                       guint                patience_ms,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (call, g_task_get_cancellable (call), callback, user_data);
  GDBusProxy *service = G_DBUS_PROXY (cd_store_call_get_service (call));
  Prompt *prompt = g_new0 (Prompt, 1);
  g_autofree char *owner = g_dbus_proxy_get_name_owner (service);

  g_task_set_source_tag (task, cd_store_prompt_async);
  prompt->connection = g_object_ref (g_dbus_proxy_get_connection (service));
  prompt->path = g_strdup (path);
  g_task_set_task_data (task, prompt, cd_store_prompt_free);

  cd_store_call_set_prompting (call, TRUE);
  /* From the service's owner only: another program on the bus could not answer it. */
  prompt->completed_id = g_dbus_connection_signal_subscribe (prompt->connection, owner,
                                                             SECRET_PROMPT_INTERFACE, "Completed",
                                                             path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                             cd_store_prompt_completed_cb,
                                                             g_object_ref (task), g_object_unref);
  prompt->cancelled = g_cancellable_source_new (g_task_get_cancellable (task));
  g_source_set_callback (prompt->cancelled, G_SOURCE_FUNC (cd_store_prompt_cancelled_cb), task,
                         NULL);
  g_source_attach (prompt->cancelled, g_main_context_get_thread_default ());
  if (patience_ms > 0)
    prompt->patience_id = g_timeout_add (patience_ms, cd_store_prompt_patience_out_cb, task);
  /* The window id: none, the service places the dialog itself. */
  g_dbus_connection_call (prompt->connection, g_dbus_proxy_get_name (service), path,
                          SECRET_PROMPT_INTERFACE, "Prompt", g_variant_new ("(s)", ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, G_MAXINT, NULL, cd_store_prompt_called_cb,
                          g_object_ref (task));
}

GVariant *
cd_store_prompt_finish (GAsyncResult *result,
                        gboolean     *dismissed,
                        GError      **error)
{
  Prompt *prompt;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_prompt_async, NULL);

  prompt = g_task_get_task_data (G_TASK (result));
  *dismissed = prompt->dismissed;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* unlock, at the D-Bus level, with the prompt above */

static void
cd_store_prompt_unlock_return (GTask              *task,
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
cd_store_prompt_unlock_prompted_cb (GObject      *source,
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
  cd_store_prompt_unlock_return (task, unlocked);
}

static void
cd_store_prompt_unlock_reply_cb (GObject      *source,
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
    cd_store_prompt_unlock_return (task, unlocked);
  else
    cd_store_prompt_async (g_task_get_source_object (task), prompt, 0,
                           cd_store_prompt_unlock_prompted_cb,
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
                          cd_store_prompt_unlock_reply_cb, g_object_ref (task));
}

gboolean
cd_store_unlock_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_unlock_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
