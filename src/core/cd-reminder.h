/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-reminder.h: what a reminder says: whose e-signature certificate has expired or is
 * about to, and whose token is about to stop working (the shop's programs then stop
 * reading it). Pure: no GTK, no I/O, no settings; @now is always given, so it is tested
 * on any day. The window at start-up, the daily check without a window and
 * `cashdesk-token status` all decide with these functions. */
#pragma once

#include <gio/gio.h>

#include "cd-account.h"
#include "cd-thresholds.h"

G_BEGIN_DECLS

/* TRUE when @account's certificate expires within @days days of @now (Kyiv days) or has
 * expired; sets @days_left (negative once expired). An unknown expiry is never due. */
gboolean  cd_reminder_certificate_due (CdAccount  *account,
                                       GDateTime  *now,
                                       int         days,
                                       int        *days_left);
/* The same for the token's expiry; a token that has expired is due. */
gboolean  cd_reminder_token_due       (CdAccount  *account,
                                       GDateTime  *now,
                                       int         days,
                                       int        *days_left);

/* The notification for @accounts (of CdAccount, in any order) at @now: its title and
 * body, the most urgent first, certificates before tokens (a new certificate takes
 * longest to get). FALSE, and nothing set, when nobody is due. */
gboolean  cd_reminder_compose         (GListModel *accounts,
                                       GDateTime  *now,
                                       char      **title,
                                       char      **body);

G_END_DECLS
