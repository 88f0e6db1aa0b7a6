/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-reminder-scheduler.h: when the application reminds about certificates and tokens
 * that run out: once a day at most, when a window has read the stored sign-ins, and from
 * the daily check that runs without a window (--check-reminders). Owns the reminder
 * settings, the notification, and the menu's Daily Reminders (app.daily-reminders),
 * which starts the check at login (cd-background.h). */
#pragma once

#include <adwaita.h>

#include "cd-account-list.h"

G_BEGIN_DECLS

#define CD_TYPE_REMINDER_SCHEDULER (cd_reminder_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (CdReminderScheduler, cd_reminder_scheduler, CD, REMINDER_SCHEDULER, GObject)

/* Adds app.daily-reminders to @application, which must outlive the scheduler (it owns
 * it), and reads @accounts (every real stored sign-in) for the daily check. */
CdReminderScheduler *cd_reminder_scheduler_new          (GtkApplication          *application,
                                                         CdAccountList           *accounts);

/* Sends the day's reminder about @accounts (CdAccount), unless reminders are off or
 * there was one today; a day with nobody due stays free for when somebody is. */
void                 cd_reminder_scheduler_remind       (CdReminderScheduler     *self,
                                                         GListModel              *accounts);

/* --check-reminders: checks now, then every hour whether a day has begun, holding the
 * application, for as long as the session lasts or until reminders are turned off.
 * @command_line is answered once the first check is done. */
int                  cd_reminder_scheduler_check_command (CdReminderScheduler    *self,
                                                          GApplicationCommandLine *command_line);
/* Whether the daily check runs in this process. */
gboolean             cd_reminder_scheduler_get_checking (CdReminderScheduler     *self);

/* The application is ending (its ::shutdown): the daily check stops, and what is under
 * way is cancelled. */
void                 cd_reminder_scheduler_stop         (CdReminderScheduler     *self);

/* Refuses app.daily-reminders while @demo: an autostart entry would start the demo,
 * whose sign-ins end with it. */
void                 cd_reminder_scheduler_set_demo     (CdReminderScheduler     *self,
                                                         gboolean                 demo);

G_END_DECLS
