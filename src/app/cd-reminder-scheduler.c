/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-reminder-scheduler.c: when reminders are sent, and the switch that starts the daily
 * check at login. What a reminder says is cd-reminder.c's; how the check starts at
 * login, cd-background.c's. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"
#include "cd-background.h"
#include "cd-dates.h"
#include "cd-reminder.h"
#include "cd-reminder-scheduler.h"

/* How often the daily check looks whether a new day has begun. Hourly rather than a
 * timeout until midnight: GLib's timeouts stop while the computer sleeps, so a long one
 * would be late by the whole night; this is at most an hour late, and costs one
 * settings read when the day has not changed. */
#define CD_CHECK_INTERVAL_SECONDS (60 * 60)

struct _CdReminderScheduler
{
  GObject         parent_instance;

  /* The owner: notifications are its, and so are the holds and the windows asked in. */
  GtkApplication *application;
  /* Every real stored sign-in: what the daily check reads. */
  CdAccountList  *accounts;
  GSettings      *settings;
  GCancellable   *cancellable;
  GSimpleAction  *daily_action;
  /* --check-reminders: the hourly look at the day; the application is held meanwhile. */
  guint           check_source;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (CdReminderScheduler, cd_reminder_scheduler, G_TYPE_OBJECT)

/* The Kyiv day a reminder would be for (the days left are counted in Kyiv), or NULL when
 * none is wanted: reminders are off, or there was one today already. */
static char *
cd_reminder_scheduler_day (CdReminderScheduler *self)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *last = g_settings_get_string (self->settings, "last-reminder-date");

  if (!g_settings_get_boolean (self->settings, "certificate-reminders") || g_strcmp0 (last, today) == 0)
    return NULL;
  return g_steal_pointer (&today);
}

/* The one place a reminder is sent from: with the accounts a window read at start-up,
 * and with those the daily check read from the keyring. */
void
cd_reminder_scheduler_remind (CdReminderScheduler *self,
                              GListModel          *accounts)
{
  g_autofree char *today = NULL;
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (CD_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (G_IS_LIST_MODEL (accounts));

  today = cd_reminder_scheduler_day (self);
  if (today == NULL || !cd_reminder_compose (accounts, now, &title, &body))
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APP_ID);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action (notification, "app.show-accounts");
  g_application_send_notification (G_APPLICATION (self->application), "reminders", notification);

  g_settings_set_string (self->settings, "last-reminder-date", today);
}

/* the daily check */

static void
cd_reminder_scheduler_checked_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) check = user_data;
  CdReminderScheduler *self = g_task_get_source_object (check);
  g_autoptr(GError) error = NULL;

  if (!cd_account_list_load_finish (self->accounts, result, &error))
    {
      /* A locked or missing keyring is no reason to bother anyone: the next hour
       * tries again. */
      g_debug ("The daily check could not read the keyring: %s", error->message);
      g_task_return_boolean (check, FALSE);
      return;
    }

  cd_reminder_scheduler_remind (self, G_LIST_MODEL (self->accounts));
  g_task_return_boolean (check, TRUE);
}

/* Reads the keyring, without ever unlocking it (nobody asked for a prompt), when a
 * reminder is wanted today. @command_line, when given, is held until then, so that a
 * `cashdesk-login --check-reminders` forwarded here returns once the check is done. */
static void
cd_reminder_scheduler_check (CdReminderScheduler     *self,
                             GApplicationCommandLine *command_line)
{
  g_autofree char *today = cd_reminder_scheduler_day (self);
  g_autoptr(GTask) check = NULL;

  if (today == NULL)
    return;

  check = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (check, cd_reminder_scheduler_check);
  if (command_line != NULL)
    g_task_set_task_data (check, g_object_ref (command_line), g_object_unref);
  cd_account_list_load_if_unlocked_async (self->accounts, self->cancellable,
                                          cd_reminder_scheduler_checked_cb, g_steal_pointer (&check));
}

static gboolean
cd_reminder_scheduler_check_timeout_cb (gpointer user_data)
{
  cd_reminder_scheduler_check (CD_REMINDER_SCHEDULER (user_data), NULL);
  return G_SOURCE_CONTINUE;
}

static void
cd_reminder_scheduler_stop_checking (CdReminderScheduler *self)
{
  if (self->check_source == 0)
    return;
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_application_release (G_APPLICATION (self->application));
}

int
cd_reminder_scheduler_check_command (CdReminderScheduler     *self,
                                     GApplicationCommandLine *command_line)
{
  g_return_val_if_fail (CD_IS_REMINDER_SCHEDULER (self), EXIT_FAILURE);
  g_return_val_if_fail (G_IS_APPLICATION_COMMAND_LINE (command_line), EXIT_FAILURE);

  if (!g_settings_get_boolean (self->settings, "certificate-reminders"))
    {
      g_application_command_line_print (command_line, "%s\n",
                                        _("Reminders are turned off."));
      return EXIT_SUCCESS;
    }

  if (self->check_source == 0)
    {
      g_application_hold (G_APPLICATION (self->application));
      self->check_source = g_timeout_add_seconds (CD_CHECK_INTERVAL_SECONDS,
                                                  cd_reminder_scheduler_check_timeout_cb, self);
    }
  cd_reminder_scheduler_check (self, command_line);
  return EXIT_SUCCESS;
}

gboolean
cd_reminder_scheduler_get_checking (CdReminderScheduler *self)
{
  g_return_val_if_fail (CD_IS_REMINDER_SCHEDULER (self), FALSE);

  return self->check_source != 0;
}

void
cd_reminder_scheduler_set_demo (CdReminderScheduler *self,
                                gboolean             demo)
{
  g_return_if_fail (CD_IS_REMINDER_SCHEDULER (self));

  self->demo = demo;
}

/* the menu's Daily Reminders */

static void
cd_reminder_scheduler_update_daily_state (CdReminderScheduler *self)
{
  gboolean on = g_settings_get_boolean (self->settings, "background-reminders")
                && g_settings_get_boolean (self->settings, "certificate-reminders");

  g_simple_action_set_state (self->daily_action, g_variant_new_boolean (on));
}

static void
cd_reminder_scheduler_settings_changed_cb (CdReminderScheduler *self,
                                           const char          *key,
                                           GSettings           *settings)
{
  /* The switch turns the daily check off too, wherever it was set. */
  if (!g_settings_get_boolean (self->settings, "certificate-reminders"))
    cd_reminder_scheduler_stop_checking (self);
  cd_reminder_scheduler_update_daily_state (self);
}

static void
cd_reminder_scheduler_show_error (CdReminderScheduler *self,
                                  const char          *heading,
                                  GError              *error)
{
  GtkWindow *parent = gtk_application_get_active_window (self->application);
  GtkWidget *dialog;

  if (parent == NULL)
    {
      g_message ("%s: %s", heading, error->message);
      return;
    }
  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  cd_accessible_fix_dialog (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cd_reminder_scheduler_autostart_set_cb (GObject      *source,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  g_autoptr(GTask) request = user_data;
  CdReminderScheduler *self = g_task_get_source_object (request);
  gboolean enable = GPOINTER_TO_INT (g_task_get_task_data (request));
  g_autoptr(GError) error = NULL;

  if (cd_background_set_autostart_finish (result, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (self->application);

      g_settings_set_boolean (self->settings, "background-reminders", enable);
      if (!enable)
        cd_reminder_scheduler_stop_checking (self);
      /* The menu's check mark says it to the eye. */
      if (window != NULL)
        cd_accessible_announce (GTK_WIDGET (window),
                                enable ? _("Daily reminders are on.") : _("Daily reminders are off."));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cd_reminder_scheduler_show_error (self,
                                        enable ? _("Daily reminders could not be turned on")
                                               : _("Daily reminders could not be turned off"),
                                        error);
    }

  cd_reminder_scheduler_update_daily_state (self);
  g_task_return_boolean (request, TRUE);
  g_application_release (G_APPLICATION (self->application));
}

/* On: the start-up reminder too, and the check at every login from now on. Off: no
 * check at login, nor in this process any more. */
static void
cd_reminder_scheduler_set_daily (CdReminderScheduler *self,
                                 gboolean             enable)
{
  g_autoptr(GTask) request = NULL;

  if (enable)
    g_settings_set_boolean (self->settings, "certificate-reminders", TRUE);

  /* A D-Bus activated instance with no window must not exit halfway. */
  g_application_hold (G_APPLICATION (self->application));
  request = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (request, cd_reminder_scheduler_set_daily);
  g_task_set_task_data (request, GINT_TO_POINTER (enable), NULL);
  cd_background_set_autostart_async (enable, self->cancellable,
                                     cd_reminder_scheduler_autostart_set_cb,
                                     g_steal_pointer (&request));
}

static void
cd_reminder_scheduler_daily_response_cb (CdReminderScheduler *self,
                                         const char          *response,
                                         AdwMessageDialog    *dialog)
{
  if (g_strcmp0 (response, "turn-on") == 0)
    cd_reminder_scheduler_set_daily (self, TRUE);
  else
    cd_reminder_scheduler_update_daily_state (self);
}

/* A person turning reminders on is told what that does (a program that starts with
 * the session) and asked to confirm; over D-Bus, with no window, it is done at once. */
static void
cd_reminder_scheduler_confirm_daily (CdReminderScheduler *self,
                                     GtkWindow           *parent)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (ngettext ("Once a day, CashDesk Login checks the sign-ins stored on this computer and sends a notification when an e-signature certificate or a sign-in ends within %d day. For that, it starts without a window each time you log in.",
                                    "Once a day, CashDesk Login checks the sign-ins stored on this computer and sends a notification when an e-signature certificate or a sign-in ends within %d days. For that, it starts without a window each time you log in.",
                                    CD_REMINDER_CERTIFICATE_DAYS),
                          CD_REMINDER_CERTIFICATE_DAYS);
  dialog = adw_message_dialog_new (parent, _("Turn On Daily Reminders?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "turn-on", _("_Turn On"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "turn-on",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "turn-on");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cd_reminder_scheduler_daily_response_cb),
                           self, G_CONNECT_SWAPPED);
  cd_accessible_fix_dialog (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cd_reminder_scheduler_confirm_daily_idle_cb (gpointer user_data)
{
  g_autoptr(CdReminderScheduler) self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (self->application);

  if (parent != NULL)
    cd_reminder_scheduler_confirm_daily (self, parent);
}

static void
cd_reminder_scheduler_daily_change_state_cb (GSimpleAction *action,
                                             GVariant      *value,
                                             gpointer       user_data)
{
  CdReminderScheduler *self = CD_REMINDER_SCHEDULER (user_data);
  gboolean enable = g_variant_get_boolean (value);
  GtkWindow *parent = gtk_application_get_active_window (self->application);
  g_autoptr(GError) error = NULL;

  if (!enable)
    {
      cd_reminder_scheduler_set_daily (self, FALSE);
      return;
    }

  /* An entry would start the demo, whose sign-ins end with it. (One for a build folder
   * is refused where entries are written.) */
  if (self->demo)
    {
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("The demo keeps no sign-ins to remind of."));
      cd_reminder_scheduler_show_error (self, _("Daily reminders could not be turned on"), error);
      cd_reminder_scheduler_update_daily_state (self);
      return;
    }

  if (parent != NULL)
    /* Once the menu that asked has closed: closing, it gives the keyboard back to its
     * button, and a screen reader would follow that rather than the question. */
    g_idle_add_once (cd_reminder_scheduler_confirm_daily_idle_cb, g_object_ref (self));
  else
    cd_reminder_scheduler_set_daily (self, TRUE);
}

void
cd_reminder_scheduler_stop (CdReminderScheduler *self)
{
  g_return_if_fail (CD_IS_REMINDER_SCHEDULER (self));

  /* The application is ending: its holds no longer matter. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
}

static void
cd_reminder_scheduler_dispose (GObject *object)
{
  cd_reminder_scheduler_stop (CD_REMINDER_SCHEDULER (object));

  G_OBJECT_CLASS (cd_reminder_scheduler_parent_class)->dispose (object);
}

static void
cd_reminder_scheduler_finalize (GObject *object)
{
  CdReminderScheduler *self = CD_REMINDER_SCHEDULER (object);

  g_clear_object (&self->daily_action);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->accounts);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (cd_reminder_scheduler_parent_class)->finalize (object);
}

static void
cd_reminder_scheduler_class_init (CdReminderSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_reminder_scheduler_dispose;
  object_class->finalize = cd_reminder_scheduler_finalize;
}

static void
cd_reminder_scheduler_init (CdReminderScheduler *self)
{
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
}

CdReminderScheduler *
cd_reminder_scheduler_new (GtkApplication *application,
                           CdAccountList  *accounts)
{
  CdReminderScheduler *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CD_IS_ACCOUNT_LIST (accounts), NULL);

  self = g_object_new (CD_TYPE_REMINDER_SCHEDULER, NULL);
  /* A reference both ways until the application lets the scheduler go in its shutdown;
   * the scheduler's tasks keep both until they have answered, which may be after. */
  self->application = g_object_ref (application);
  self->accounts = g_object_ref (accounts);

  self->daily_action = g_simple_action_new_stateful ("daily-reminders", NULL,
                                                     g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->daily_action, "change-state",
                           G_CALLBACK (cd_reminder_scheduler_daily_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (self->daily_action));

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (cd_reminder_scheduler_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  cd_reminder_scheduler_update_daily_state (self);
  return self;
}
