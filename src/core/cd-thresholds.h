/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-thresholds.h: how close to its end a certificate or a token must be to matter, side
 * by side, since each is a choice made against the others.
 *
 * A certificate is shown as "expiring" a month ahead: renewing one at a key
 * certification centre takes days, and back office plans it from the list. It is worth
 * a notification only in the last two weeks, so that the daily reminder is not a
 * month-long noise. A token (CashDesk's live about a year) is worth one two weeks
 * ahead too: after it ends the shop's programs stop reading it until someone signs in. */
#pragma once

/* This many days left, or fewer, is "expiring" (the window, CSV, cashdesk-token). */
#define CD_CERT_EXPIRING_DAYS        30
/* This close to its end, or past it, a certificate is in the daily reminder. */
#define CD_REMINDER_CERTIFICATE_DAYS 14
/* This close to its end, or past it, a token is in the daily reminder. */
#define CD_REMINDER_TOKEN_DAYS       14
