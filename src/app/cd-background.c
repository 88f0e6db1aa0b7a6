/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-background.c: the autostart entry, or the Background portal in a Flatpak. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-background.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND "org.freedesktop.portal.Background"
#define PORTAL_REQUEST "org.freedesktop.portal.Request"

gboolean
cd_background_in_flatpak (void)
{
  /* What GLib and the portals themselves look at. */
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* The program running, for an autostart entry's Exec: NULL with @error when it cannot
 * be started again by that path (replaced on disk since it started, which the kernel
 * marks " (deleted)", or a path that is not UTF-8, which a desktop entry cannot hold). */
static char *
cd_background_dup_program (GError **error)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", error);

  if (program == NULL)
    return NULL;
  if (g_str_has_suffix (program, " (deleted)") || !g_utf8_validate (program, -1, NULL))
    {
      g_autofree char *shown = g_filename_display_name (program);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("This program (%s) has been replaced or moved since it started; start it again."),
                   shown);
      return NULL;
    }
  return g_steal_pointer (&program);
}

/* Whether this program is installed (or a Flatpak), so that an entry starting it at
 * login would keep working. */
static gboolean
cd_background_is_installed (GError **error)
{
  g_autofree char *program = NULL;
  g_autofree char *folder = NULL;

  if (cd_background_in_flatpak ())
    return TRUE;
  if ((program = cd_background_dup_program (error)) == NULL)
    return FALSE;

  /* A meson build folder has meson-private at its top: an entry pointing in there would
   * break with the next build or clean. */
  for (folder = g_path_get_dirname (program); strcmp (folder, "/") != 0 && strcmp (folder, ".") != 0; )
    {
      g_autofree char *marker = g_build_filename (folder, "meson-private", NULL);
      char *parent;

      if (g_file_test (marker, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This copy runs from its build folder (%s): install it first."), folder);
          return FALSE;
        }
      parent = g_path_get_dirname (folder);
      g_free (folder);
      folder = parent;
    }
  return TRUE;
}

/* the autostart entry */

char *
cd_background_get_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/* One argument of an Exec line, quoted as the Desktop Entry Specification asks. */
static char *
cd_background_exec_quote (const char *argument)
{
  GString *quoted = g_string_new (NULL);
  gboolean plain = *argument != '\0';

  for (const char *p = argument; *p != '\0' && plain; p++)
    plain = g_ascii_isalnum (*p) || strchr ("/._-+,=:@", *p) != NULL;
  if (plain)
    return g_string_free (g_string_append (quoted, argument), FALSE);

  g_string_append_c (quoted, '"');
  for (const char *p = argument; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (quoted, '\\');
      /* A lone % would start a field code. */
      if (*p == '%')
        g_string_append_c (quoted, '%');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

static char *
cd_background_autostart_contents (GError **error)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autofree char *program = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *exec = NULL;

  /* This very program, wherever it was installed: the one that asked. */
  if (!cd_background_is_installed (error) || (program = cd_background_dup_program (error)) == NULL)
    return NULL;
  quoted = cd_background_exec_quote (program);
  exec = g_strdup_printf ("%s %s", quoted, CD_BACKGROUND_CHECK_OPTION);

#define GROUP G_KEY_FILE_DESKTOP_GROUP
  g_key_file_set_string (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  /* Shown by GNOME Tweaks' and other desktops' lists of what starts at login. */
  g_key_file_set_string (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, _("CashDesk Login Reminders"));
  g_key_file_set_string (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Reminds once a day about e-signature certificates and tokens that expire"));
  g_key_file_set_string (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_string (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_boolean (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  /* Not a launcher: the application's own entry is the one in the menus. */
  g_key_file_set_boolean (entry, GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, GROUP, "X-GNOME-Autostart-enabled", TRUE);
  /* The session need not wait for it, nor restart it: it is not part of the desktop. */
  g_key_file_set_string (entry, GROUP, "X-GNOME-Autostart-Phase", "Applications");
  g_key_file_set_boolean (entry, GROUP, "X-GNOME-UsesNotifications", TRUE);
#undef GROUP

  return g_key_file_to_data (entry, NULL, NULL);
}

static void
cd_background_write_autostart_thread (GTask        *task,
                                      gpointer      source_object,
                                      gpointer      task_data,
                                      GCancellable *cancellable)
{
  gboolean enable = GPOINTER_TO_INT (task_data);
  g_autofree char *path = cd_background_get_autostart_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!enable)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("Cannot remove %s: %s"), path, g_strerror (saved_errno));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  contents = cd_background_autostart_contents (&error);
  if (contents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Cannot write %s: %s"), path, g_strerror (saved_errno));
      return;
    }
  /* Written whole or not at all: a half-written entry would start nothing. */
  if (!g_file_set_contents (path, contents, -1, &error))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Cannot write %s: %s"), path, error->message);
      g_clear_error (&error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
cd_background_write_autostart_async (gboolean            enable,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_background_write_autostart_async);
  g_task_set_task_data (task, GINT_TO_POINTER (enable), NULL);
  /* A small file, but the window's thread never waits on a disk. */
  g_task_run_in_thread (task, cd_background_write_autostart_thread);
}

gboolean
cd_background_write_autostart_finish (GAsyncResult *result,
                                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_background_write_autostart_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* the Background portal */

typedef struct
{
  GDBusConnection *bus;
  gboolean         enable;
  /* Where the portal's answer is expected. */
  char            *handle;
  guint            response_id;
} PortalRequest;

static void
cd_background_portal_request_free (gpointer data)
{
  PortalRequest *request = data;

  g_clear_object (&request->bus);
  g_free (request->handle);
  g_free (request);
}

static void
cd_background_portal_response_cb (GDBusConnection *bus,
                                  const char      *sender_name,
                                  const char      *object_path,
                                  const char      *interface_name,
                                  const char      *signal_name,
                                  GVariant        *parameters,
                                  gpointer         user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  PortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  gboolean autostart = FALSE;
  guint32 response = 2;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "autostart", "b", &autostart);

  /* One answer per request; this drops the subscription's reference to the task. */
  g_dbus_connection_signal_unsubscribe (bus, request->response_id);
  request->response_id = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (response == 0 && autostart == request->enable)
    g_task_return_boolean (task, TRUE);
  else if (request->enable)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("The desktop did not allow CashDesk Login to start at login. "
                               "It can be allowed in Settings, under Apps."));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The desktop did not stop starting CashDesk Login at login."));
}

static guint
cd_background_portal_subscribe (GTask      *task,
                                const char *handle)
{
  PortalRequest *request = g_task_get_task_data (task);

  return g_dbus_connection_signal_subscribe (request->bus, PORTAL_BUS_NAME, PORTAL_REQUEST,
                                             "Response", handle, NULL,
                                             G_DBUS_SIGNAL_FLAGS_NONE,
                                             cd_background_portal_response_cb,
                                             g_object_ref (task), g_object_unref);
}

static void
cd_background_portal_requested_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *handle = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (request->response_id != 0)
        g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
      request->response_id = 0;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_dbus_error_strip_remote_error (error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The desktop cannot start CashDesk Login at login: %s"),
                               error->message);
      return;
    }

  /* A portal older than the handle_token convention chose a path of its own. */
  g_variant_get (reply, "(&o)", &handle);
  if (request->response_id != 0 && g_strcmp0 (handle, request->handle) != 0)
    {
      g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
      request->response_id = cd_background_portal_subscribe (task, handle);
    }
}

static void
cd_background_portal_bus_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  const char *commandline[] = { "cashdesk-login", CD_BACKGROUND_CHECK_OPTION, NULL };
  GVariantBuilder options;

  request->bus = g_bus_get_finish (result, &error);
  if (request->bus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The request's path is known before the call, so its answer cannot come before
   * anyone listens (the portals' handle_token convention). */
  sender = g_strdup (g_dbus_connection_get_unique_name (request->bus) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("cashdesk_login_%u", g_random_int ());
  request->handle = g_strdup_printf (PORTAL_OBJECT_PATH "/request/%s/%s", sender, token);
  request->response_id = cd_background_portal_subscribe (task, request->handle);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("To remind you each day about e-signature "
                                                 "certificates and tokens that expire")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (request->enable));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (request->bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_BACKGROUND,
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), cd_background_portal_requested_cb,
                          g_object_ref (task));
}

void
cd_background_request_portal_async (gboolean            enable,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  PortalRequest *request;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_background_request_portal_async);
  request = g_new0 (PortalRequest, 1);
  request->enable = enable;
  g_task_set_task_data (task, request, cd_background_portal_request_free);

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, cd_background_portal_bus_cb, g_steal_pointer (&task));
}

gboolean
cd_background_request_portal_finish (GAsyncResult *result,
                                     GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_background_request_portal_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* either */

static void
cd_background_set_autostart_done_cb (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean done;

  if (g_task_get_source_tag (G_TASK (result)) == cd_background_request_portal_async)
    done = cd_background_request_portal_finish (result, &error);
  else
    done = cd_background_write_autostart_finish (result, &error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cd_background_set_autostart_async (gboolean            enable,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_background_set_autostart_async);

  if (cd_background_in_flatpak ())
    cd_background_request_portal_async (enable, cancellable, cd_background_set_autostart_done_cb,
                                        g_steal_pointer (&task));
  else
    cd_background_write_autostart_async (enable, cancellable, cd_background_set_autostart_done_cb,
                                         g_steal_pointer (&task));
}

gboolean
cd_background_set_autostart_finish (GAsyncResult *result,
                                    GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_background_set_autostart_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
