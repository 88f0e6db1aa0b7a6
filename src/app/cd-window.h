/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-window.h: the main window: the stored accounts, the sign-in and the account page. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CD_TYPE_WINDOW (cd_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

/* @server and @developer_id come from the command line (NULL: not given); the
 * environment and GSettings fill in the rest. @demo shows the demo mark and the demo's
 * accounts (its @server is the demo's). The accounts are @application's (a
 * CdApplication) list of them, shared with whatever else shows or checks them.
 * The window reads the stored accounts at once and emits "ready" when they are in. */
CdWindow   *cd_window_new           (GtkApplication *application,
                                     const char     *server,
                                     const char     *developer_id,
                                     gboolean        demo);
/* The stored accounts (CdAccount), soonest certificate expiry first; complete once
 * "ready" has been emitted. */
GListModel *cd_window_get_accounts  (CdWindow       *self);
/* Goes to the list of stored accounts (at once, or once they are in) and reads them
 * again. */
void        cd_window_show_accounts (CdWindow       *self);

G_END_DECLS
