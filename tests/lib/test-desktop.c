/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-desktop.c: the desktop's services, stood in for on the test's session bus. */

#include "test-desktop.h"
#include "test-util.h"

#define PORTAL_PATH "/org/freedesktop/portal/desktop"

static const char services_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' name='app_name' direction='in'/>"
  "      <arg type='u' name='replaces_id' direction='in'/>"
  "      <arg type='s' name='app_icon' direction='in'/>"
  "      <arg type='s' name='summary' direction='in'/>"
  "      <arg type='s' name='body' direction='in'/>"
  "      <arg type='as' name='actions' direction='in'/>"
  "      <arg type='a{sv}' name='hints' direction='in'/>"
  "      <arg type='i' name='expire_timeout' direction='in'/>"
  "      <arg type='u' name='id' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' name='id' direction='in'/>"
  "    </method>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' name='capabilities' direction='out'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' name='name' direction='out'/>"
  "      <arg type='s' name='vendor' direction='out'/>"
  "      <arg type='s' name='version' direction='out'/>"
  "      <arg type='s' name='spec_version' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'>"
  "      <arg type='u' name='id'/><arg type='u' name='reason'/>"
  "    </signal>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='u' name='id'/><arg type='s' name='action_key'/>"
  "    </signal>"
  "  </interface>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "      <arg type='o' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

static const struct {
  TestDesktopServices service;
  const char         *name;
  const char         *path;
  const char         *interface;
} services[] = {
  { TEST_DESKTOP_FDO_NOTIFICATIONS, "org.freedesktop.Notifications",
    "/org/freedesktop/Notifications", "org.freedesktop.Notifications" },
  { TEST_DESKTOP_GTK_NOTIFICATIONS, "org.gtk.Notifications",
    "/org/gtk/Notifications", "org.gtk.Notifications" },
  { TEST_DESKTOP_BACKGROUND_PORTAL, "org.freedesktop.portal.Desktop",
    PORTAL_PATH, "org.freedesktop.portal.Background" },
};

static void
test_notification_free (gpointer data)
{
  TestNotification *notification = data;

  g_free (notification->app_id);
  g_free (notification->id);
  g_free (notification->title);
  g_free (notification->body);
  g_free (notification->default_action);
  g_strfreev (notification->actions);
  g_free (notification->desktop_entry);
  g_free (notification);
}

static void
fdo_notify (TestDesktop           *desktop,
            GVariant              *parameters,
            GDBusMethodInvocation *invocation)
{
  TestNotification *notification = g_new0 (TestNotification, 1);
  g_autoptr(GVariant) hints = NULL;

  notification->fdo = TRUE;
  g_variant_get (parameters, "(&su&sss^as@a{sv}i)", NULL, NULL, NULL, &notification->title,
                 &notification->body, &notification->actions, &hints, NULL);
  g_variant_lookup (hints, "desktop-entry", "s", &notification->desktop_entry);
  notification->number = desktop->notifications->len + 1;
  g_ptr_array_add (desktop->notifications, notification);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notification->number));
}

static void
gtk_add_notification (TestDesktop           *desktop,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation)
{
  TestNotification *notification = g_new0 (TestNotification, 1);
  g_autoptr(GVariant) properties = NULL;
  g_autoptr(GVariant) icon = NULL;

  g_variant_get (parameters, "(ss@a{sv})", &notification->app_id, &notification->id, &properties);
  g_variant_lookup (properties, "title", "s", &notification->title);
  g_variant_lookup (properties, "body", "s", &notification->body);
  g_variant_lookup (properties, "default-action", "s", &notification->default_action);
  icon = g_variant_lookup_value (properties, "icon", NULL);
  notification->has_icon = icon != NULL;
  g_ptr_array_add (desktop->notifications, notification);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
request_background (TestDesktop           *desktop,
                    GDBusConnection       *connection,
                    const char            *sender,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) options = NULL;
  g_autofree char *name = g_strdup (sender + 1);
  g_autofree char *handle = NULL;
  const char *token = "t";
  gboolean autostart = FALSE;
  gboolean granted = desktop->background_response == 0;
  GVariantBuilder results;

  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  g_variant_lookup (options, "handle_token", "&s", &token);
  g_variant_lookup (options, "autostart", "b", &autostart);
  g_ptr_array_add (desktop->background_requests, g_variant_ref (options));

  g_strdelimit (name, ".", '_');
  handle = g_strdup_printf (PORTAL_PATH "/request/%s/%s", name, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));

  /* As xdg-desktop-portal does: the answer after the reply, on the request's path. */
  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (granted));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (granted && autostart));
  g_dbus_connection_emit_signal (connection, sender, handle, "org.freedesktop.portal.Request",
                                 "Response",
                                 g_variant_new ("(ua{sv})", desktop->background_response, &results),
                                 NULL);
}

static void
services_method_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  TestDesktop *desktop = user_data;

  if (g_str_equal (method_name, "Notify"))
    fdo_notify (desktop, parameters, invocation);
  else if (g_str_equal (method_name, "AddNotification"))
    gtk_add_notification (desktop, parameters, invocation);
  else if (g_str_equal (method_name, "RequestBackground"))
    request_background (desktop, connection, sender, parameters, invocation);
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *capabilities[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", capabilities));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "test-desktop", "CashDesk Login",
                                                          "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
services_get_property (GDBusConnection  *connection,
                       const char       *sender,
                       const char       *object_path,
                       const char       *interface_name,
                       const char       *property_name,
                       GError          **error,
                       gpointer          user_data)
{
  /* The Background portal's version: 1 has RequestBackground with autostart. */
  return g_variant_new_uint32 (1);
}

static const GDBusInterfaceVTable services_vtable = {
  services_method_call, services_get_property, NULL, { 0 }
};

static void
services_name_lost_cb (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  g_error ("could not own %s on the test session bus", name);
}

static void
services_name_acquired_cb (GDBusConnection *connection,
                           const char      *name,
                           gpointer         user_data)
{
  (*(guint *) user_data)++;
}

/* Owned before the program starts: GApplication chooses its notification backend once,
 * by who owns org.gtk.Notifications. On a connection of their own, so that what they
 * send reaches the program as it would from another process. */
TestDesktop *
test_desktop_start (TestDesktopServices wanted)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  TestDesktop *desktop = g_new0 (TestDesktop, 1);
  guint owned = 0;
  guint expected = 0;

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  desktop->bus = g_dbus_connection_new_for_address_sync (address,
                                                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                         | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                         NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (services_xml, &error);
  g_assert_no_error (error);

  desktop->notifications = g_ptr_array_new_with_free_func (test_notification_free);
  desktop->background_requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (gsize i = 0; i < G_N_ELEMENTS (services); i++)
    {
      if (!(wanted & services[i].service))
        continue;
      g_dbus_connection_register_object (desktop->bus, services[i].path,
                                         g_dbus_node_info_lookup_interface (info, services[i].interface),
                                         &services_vtable, desktop, NULL, &error);
      g_assert_no_error (error);
      g_bus_own_name_on_connection (desktop->bus, services[i].name, G_BUS_NAME_OWNER_FLAGS_NONE,
                                    services_name_acquired_cb, services_name_lost_cb,
                                    &owned, NULL);
      expected++;
    }
  TEST_WAIT_UNTIL (owned == expected, 20);
  return desktop;
}

/* Closing the connection drops its names and objects with it. */
void
test_desktop_free (TestDesktop *desktop)
{
  g_dbus_connection_close_sync (desktop->bus, NULL, NULL);
  g_object_unref (desktop->bus);
  g_ptr_array_unref (desktop->notifications);
  g_ptr_array_unref (desktop->background_requests);
  g_free (desktop);
}

/* How many notifications came through the freedesktop server (@fdo) or GNOME Shell's. */
guint
test_desktop_count (TestDesktop *desktop,
                    gboolean     fdo)
{
  guint count = 0;

  for (guint i = 0; i < desktop->notifications->len; i++)
    {
      TestNotification *notification = g_ptr_array_index (desktop->notifications, i);

      count += notification->fdo == fdo;
    }
  return count;
}

/* A round trip to @peer (a bus name) from the stand-ins' connection: whatever @peer sent
 * them before has arrived once this returns, as the bus keeps each sender's order. */
void
test_desktop_sync (TestDesktop *desktop,
                   const char  *peer)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_dbus_connection_call (desktop->bus, peer, "/", "org.freedesktop.DBus.Peer", "Ping",
                          NULL, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL,
                          test_store_result, &result);
  TEST_WAIT_UNTIL (result != NULL, 20);
  reply = g_dbus_connection_call_finish (desktop->bus, result, &error);
  g_assert_no_error (error);
}
