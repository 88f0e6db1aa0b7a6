/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-desktop.h: stand-ins for the desktop's services on the test's session bus, as
 * GNOME Shell and xdg-desktop-portal offer them: notification servers and the Background
 * portal. They record what the program under test asked of them. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  /* org.freedesktop.Notifications, which GApplication uses when nobody owns... */
  TEST_DESKTOP_FDO_NOTIFICATIONS = 1 << 0,
  /* ...org.gtk.Notifications, GNOME Shell's own, chosen once at start-up. */
  TEST_DESKTOP_GTK_NOTIFICATIONS = 1 << 1,
  /* org.freedesktop.portal.Background on org.freedesktop.portal.Desktop. */
  TEST_DESKTOP_BACKGROUND_PORTAL = 1 << 2,
} TestDesktopServices;

typedef struct {
  /* Which server got it: TRUE for org.freedesktop.Notifications. */
  gboolean  fdo;
  /* org.gtk.Notifications: the application and the notification's id. */
  char     *app_id;
  char     *id;
  /* The fdo server's own number for it. */
  guint32   number;
  char     *title;
  char     *body;
  /* org.gtk.Notifications: the action a click activates, and whether an icon came. */
  char     *default_action;
  gboolean  has_icon;
  /* org.freedesktop.Notifications: the action keys and labels, and the desktop-entry hint. */
  GStrv     actions;
  char     *desktop_entry;
} TestNotification;

typedef struct {
  /* The stand-ins' own connection: what they send comes from it. */
  GDBusConnection *bus;
  /* TestNotification, in the order they came, from either server. */
  GPtrArray       *notifications;
  /* The options (a{sv}) of each RequestBackground. */
  GPtrArray       *background_requests;
  /* What the Background portal answers: 0 granted, 1 refused by the user. */
  guint32          background_response;
} TestDesktop;

TestDesktop *test_desktop_start        (TestDesktopServices services);
void         test_desktop_free         (TestDesktop        *desktop);
guint        test_desktop_count        (TestDesktop        *desktop,
                                        gboolean            fdo);
void         test_desktop_sync         (TestDesktop        *desktop,
                                        const char         *peer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDesktop, test_desktop_free)

G_END_DECLS
