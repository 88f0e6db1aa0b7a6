/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-dates.h: CashDesk's three date formats, all in Ukrainian local time (Europe/Kyiv),
 * and the expiry of a JWT. Every parser returns NULL for text it cannot read: an
 * unreadable date is "unknown", never a failure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new reference to Europe/Kyiv (with its DST rules). */
GTimeZone *cd_dates_kyiv                (void);

/* "08.07.2023 11:25" (token_expires_at) */
GDateTime *cd_dates_parse_minutes       (const char *text);
/* "15.11.2023" (signature.cert_end_data): midnight that day, Kyiv time */
GDateTime *cd_dates_parse_day           (const char *text);
/* "11-08-2020 17:15:31" (user.last_online): dashes, unlike the others */
GDateTime *cd_dates_parse_seconds       (const char *text);
/* The "exp" claim of a JWT, with or without the "Bearer " prefix; NULL when the token is
 * not a JWT or has no usable exp. */
GDateTime *cd_dates_jwt_expiry          (const char *token);

/* ISO 8601 with offset ("2023-07-08T11:25:00+03:00") in Kyiv time, or "YYYY-MM-DD" for
 * a day. The readers accept what the writers write. */
char      *cd_dates_format_iso          (GDateTime  *datetime);
char      *cd_dates_format_iso_day      (GDateTime  *day);
GDateTime *cd_dates_parse_iso           (const char *text);

/* Whole calendar days from @now's day to @day's day, both as dates in Kyiv:
 * 0 on the day itself, negative once it has passed. */
int        cd_dates_days_between        (GDateTime  *now,
                                         GDateTime  *day);

G_END_DECLS
