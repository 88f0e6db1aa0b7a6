/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-background.h: the daily reminder check starts at login only for those who turned it
 * on. From source or a distribution package, an autostart entry under
 * $XDG_CONFIG_HOME/autostart runs this program with --check-reminders; in a Flatpak,
 * which cannot write there, the Background portal is asked to (README.md, "For back
 * office", says how the check then keeps going). No GTK here. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The option of cashdesk-login that runs the check without a window. */
#define CD_BACKGROUND_CHECK_OPTION "--check-reminders"

/* Whether this process runs in a Flatpak sandbox. */
gboolean  cd_background_in_flatpak               (void);

/* Starts the check at login (@enable) or stops doing so, the way that works where this
 * program runs. */
void      cd_background_set_autostart_async      (gboolean             enable,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  cd_background_set_autostart_finish     (GAsyncResult        *result,
                                                  GError             **error);

/* The two ways, each on its own (tests call them directly). */

/* $XDG_CONFIG_HOME/autostart/APP_ID.desktop */
char     *cd_background_get_autostart_path       (void);
/* Writes the entry, whose Exec is this very program, or removes it. Fails with
 * G_IO_ERROR_NOT_SUPPORTED for a program in a meson build folder (the entry would break
 * with the next build), and G_IO_ERROR_INVALID_FILENAME for one replaced on disk since
 * it started. */
void      cd_background_write_autostart_async    (gboolean             enable,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  cd_background_write_autostart_finish   (GAsyncResult        *result,
                                                  GError             **error);

/* org.freedesktop.portal.Background.RequestBackground, with autostart = @enable and the
 * check's command line, on the session bus; finishes with the portal's answer. */
void      cd_background_request_portal_async     (gboolean             enable,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  cd_background_request_portal_finish    (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
