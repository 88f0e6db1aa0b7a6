/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-window.h: the main window: the stored accounts, the sign-in and the account page. */
#pragma once

#include <adwaita.h>

#include "cd-account-list.h"

G_BEGIN_DECLS

#define CD_TYPE_WINDOW (cd_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

/* The longest cd_window_present_when_ready() waits: the usual limit for an answer to
 * feel immediate. */
#define CD_WINDOW_PRESENT_WAIT_MS 100

/* @accounts is the list of stored sign-ins the window shows, shared with whatever else
 * shows or checks them: every real one, or a demo's (cd_account_list_new_for_demo()),
 * which makes it the demo's window, with the demo mark, on the demo's server (@server
 * then NULL). @server and @developer_id come from the command line (NULL: not given);
 * the environment and GSettings fill in the rest.
 * The window reads the stored accounts at once and emits "ready" when they are in. */
CdWindow   *cd_window_new           (GtkApplication *application,
                                     CdAccountList  *accounts,
                                     const char     *server,
                                     const char     *developer_id);
/* Shows the window once its first page is decided (the stored accounts read), so that
 * its first frame is that page rather than a blank one drawn first and drawn over a
 * frame later. A keyring that takes longer than CD_WINDOW_PRESENT_WAIT_MS (starting up,
 * or waiting for a prompt) does not keep the window away: it is shown then, blank until
 * the answer comes. Once the window is ready or shown, the same as gtk_window_present(). */
void        cd_window_present_when_ready (CdWindow *self);
/* A demo window: lists a sample account of its server on the sign-in page (see
 * cd_sign_in_page_add_sample_account()). */
void        cd_window_add_sample_account (CdWindow   *self,
                                          const char *email,
                                          const char *password,
                                          const char *what);
/* The stored accounts (CdAccount), soonest certificate expiry first; complete once
 * "ready" has been emitted. */
GListModel *cd_window_get_accounts  (CdWindow       *self);
/* Goes to the list of stored accounts (at once, or once they are in) and reads them
 * again. */
void        cd_window_show_accounts (CdWindow       *self);

G_END_DECLS
