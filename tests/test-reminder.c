/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-reminder.c: who a reminder names and what it says, at a fixed moment, with no
 * GTK, keyring or settings: the same decision the window and the daily check send.
 * With a display (the `reminder-dunst` run), also what a notification server that reads
 * markup shows of it: Debian's dunst, as on a shop's desktop that is not GNOME. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include "cd-account-json.h"
#include "cd-dates.h"
#include "cd-reminder.h"
#include "test-keyring.h"
#include "test-util.h"

/* Noon in Kyiv on a fixed day: the days are counted from this day. */
static GDateTime *
test_now (void)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();

  return g_date_time_new (kyiv, 2026, 12, 1, 12, 0, 0);
}

/* An account as the keyring keeps it: certificate @cert_days and token @token_hours
 * from test_now() (G_MININT: unknown). */
static CdAccount *
test_account (const char *email,
              const char *full_name,
              int         cert_days,
              int         token_hours)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(JsonObject) summary = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *certificate = json_object_new ();
  CdAccount *account;

  json_object_set_string_member (summary, "email", email);
  if (full_name != NULL)
    json_object_set_string_member (summary, "full_name", full_name);
  if (cert_days != G_MININT)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (now, cert_days);
      g_autofree char *text = cd_dates_format_iso_day (day);

      json_object_set_string_member (certificate, "expires_on", text);
    }
  json_object_set_object_member (summary, "certificate", certificate);
  if (token_hours != G_MININT)
    {
      g_autoptr(GDateTime) at = g_date_time_add_hours (now, token_hours);
      g_autofree char *text = cd_dates_format_iso (at);

      json_object_set_string_member (summary, "token_expires_at", text);
    }
  account = cd_account_new_from_summary (summary, "https://api.cashdesk.com.ua/api/v2",
                                         "Bearer x", &error);
  g_assert_no_error (error);
  return account;
}

static GListStore *
test_accounts (void)
{
  return g_list_store_new (CD_TYPE_ACCOUNT);
}

static void
test_add (GListStore *store,
          CdAccount  *account)
{
  g_list_store_append (store, account);
  g_object_unref (account);
}

static void
test_certificate_due (void)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(CdAccount) edge = test_account ("a@x.ua", NULL, 14, 24 * 365);
  g_autoptr(CdAccount) past = test_account ("b@x.ua", NULL, 15, 24 * 365);
  g_autoptr(CdAccount) expired = test_account ("c@x.ua", NULL, -3, 24 * 365);
  g_autoptr(CdAccount) unknown = test_account ("d@x.ua", NULL, G_MININT, 24 * 365);
  int days = 99;

  g_assert_true (cd_reminder_certificate_due (edge, now, 14, &days));
  g_assert_cmpint (days, ==, 14);
  g_assert_false (cd_reminder_certificate_due (past, now, 14, NULL));
  g_assert_true (cd_reminder_certificate_due (past, now, 15, NULL));
  g_assert_true (cd_reminder_certificate_due (expired, now, 0, &days));
  g_assert_cmpint (days, ==, -3);
  days = 99;
  g_assert_false (cd_reminder_certificate_due (unknown, now, 36500, &days));
  g_assert_cmpint (days, ==, 99);
}

static void
test_token_due (void)
{
  g_autoptr(GDateTime) now = test_now ();
  /* 14 days and 11 hours: still the 15th of December in Kyiv, the 14th day. */
  g_autoptr(CdAccount) edge = test_account ("a@x.ua", NULL, 200, 14 * 24 + 11);
  g_autoptr(CdAccount) next_day = test_account ("b@x.ua", NULL, 200, 14 * 24 + 13);
  g_autoptr(CdAccount) expired = test_account ("c@x.ua", NULL, 200, -48);
  g_autoptr(CdAccount) earlier_today = test_account ("d@x.ua", NULL, 200, -1);
  g_autoptr(CdAccount) later_today = test_account ("e@x.ua", NULL, 200, 1);
  g_autoptr(CdAccount) unknown = test_account ("f@x.ua", NULL, 200, G_MININT);
  int days = 99;

  g_assert_true (cd_reminder_token_due (edge, now, 14, &days));
  g_assert_cmpint (days, ==, 14);
  g_assert_false (cd_reminder_token_due (next_day, now, 14, NULL));
  g_assert_true (cd_reminder_token_due (expired, now, 0, &days));
  g_assert_cmpint (days, ==, -2);
  /* An expired token is due whatever the days asked. */
  g_assert_true (cd_reminder_token_due (earlier_today, now, 0, &days));
  g_assert_cmpint (days, ==, 0);
  g_assert_true (cd_reminder_token_due (later_today, now, 0, &days));
  g_assert_cmpint (days, ==, 0);
  /* "Bearer x" is no JWT and no expiry was stored: unknown, never due. */
  g_assert_false (cd_reminder_token_due (unknown, now, 36500, NULL));
}

static void
test_nobody (void)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GListStore) store = test_accounts ();
  char *title = NULL;
  char *body = NULL;

  g_assert_false (cd_reminder_compose (G_LIST_MODEL (store), now, &title, &body));
  test_add (store, test_account ("a@x.ua", "Іваненко Марія Петрівна", 15, 15 * 24 + 13));
  test_add (store, test_account ("b@x.ua", "Ткаченко Наталія", G_MININT, G_MININT));
  g_assert_false (cd_reminder_compose (G_LIST_MODEL (store), now, &title, &body));
  g_assert_null (title);
  g_assert_null (body);
}

/* Certificates first, most urgent first, then tokens; whatever the input order. */
static void
test_both (void)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GListStore) store = test_accounts ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  test_add (store, test_account ("valid@x.ua", "Іваненко Марія Петрівна", 200, 24 * 365));
  test_add (store, test_account ("token@x.ua", "Гриценко Тарас Богданович", 200, 5 * 24));
  test_add (store, test_account ("expiring@x.ua", "Шевченко Олена Василівна", 10, 24 * 365));
  test_add (store, test_account ("gone@x.ua", "Кравченко Юрій Павлович", 200, -48));
  test_add (store, test_account ("expired@x.ua", "Бондаренко Ігор Миколайович", -20, 24 * 365));

  g_assert_true (cd_reminder_compose (G_LIST_MODEL (store), now, &title, &body));
  g_assert_cmpstr (title, ==, "Certificates and tokens need attention");
  g_assert_cmpstr (body, ==, "Бондаренко І. М.: certificate expired 20 days ago\n"
                             "Шевченко О. В.: certificate expires in 10 days\n"
                             "Кравченко Ю. П.: token expired 2 days ago, sign in again\n"
                             "Гриценко Т. Б.: token expires in 5 days");
}

#define MARKUP_NAME "<b>Renew</b> <a href=\"http://evil.example/\">here</a> & now"

/* Names are never markup to a notification server that reads the body as markup (KDE,
 * XFCE, dunst advertise body-markup and body-hyperlinks): no tag, link or entity. */
static void
test_markup_inert (void)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GListStore) store = test_accounts ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  test_add (store, test_account ("markup@x.ua", MARKUP_NAME, 10, 24 * 365));
  g_assert_true (cd_reminder_compose (G_LIST_MODEL (store), now, &title, &body));
  g_assert_null (strpbrk (body, "<>&"));
  g_assert_nonnull (strstr (body, "\u2039b\u203aRenew\u2039/b\u203a"));
  g_assert_nonnull (strstr (body, "\uff06"));
  g_assert_null (strpbrk (title, "<>&"));
}

/* dunst prints every notification it gets, as it will show it: the text after its own
 * markup reading ("formatted", under its format "<b>%s</b>\n%b") and the links it
 * found ("urls"). What it printed for the notification titled @title, once it has. */
typedef struct
{
  char *formatted;
  char *urls;
} DunstShown;

static void
dunst_shown_clear (DunstShown *shown)
{
  g_free (shown->formatted);
  g_free (shown->urls);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DunstShown, dunst_shown_clear)

static char *
dunst_field (const char *block,
             const char *start,
             const char *end)
{
  const char *from = strstr (block, start);
  const char *to = from != NULL ? strstr (from, end) : NULL;

  g_assert_nonnull (to);
  return g_strndup (from + strlen (start), to - from - strlen (start));
}

static gboolean
dunst_find (const char *log_path,
            const char *title,
            DunstShown *shown)
{
  g_autofree char *log = NULL;
  g_autofree char *summary = g_strdup_printf ("\tsummary: '%s'\n", title);
  g_autofree char *block = NULL;
  const char *start;
  const char *end;

  if (!g_file_get_contents (log_path, &log, NULL, NULL) ||
      (start = strstr (log, summary)) == NULL || (end = strstr (start, "\n}\n")) == NULL)
    return FALSE;
  block = g_strndup (start, end - start + 1);
  shown->formatted = dunst_field (block, "\tformatted: '", "'\n\tfg: ");
  /* dunst prints "urls:" only when it found a link. */
  shown->urls = strstr (block, "\turls:") != NULL ? dunst_field (block, "\turls:", "\n\tactions:")
                                                  : g_strdup ("");
  return TRUE;
}

static void
dunst_send (GApplication *app,
            const char   *title,
            const char   *body)
{
  g_autoptr(GNotification) notification = g_notification_new (title);

  g_notification_set_body (notification, body);
  g_application_send_notification (app, NULL, notification);
}

/* The reminder for a name of markup, sent the way the application sends it (GLib's
 * org.freedesktop.Notifications backend, where GNOME Shell's is absent), shows in dunst
 * exactly as composed, with no link to click. The same name sent raw shows that dunst
 * does read markup: bold taken, "&" escaped, the link's address kept apart. */
static void
test_dunst (void)
{
  g_autofree char *log_path = g_build_filename (g_getenv ("CD_TEST_SESSION_DIR"), "dunst.log", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) dunst = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GListStore) store = test_accounts ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  g_auto(DunstShown) ours = { 0 };
  g_auto(DunstShown) raw = { 0 };
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_child_setup (launcher, test_die_with_test, NULL, NULL);
  dunst = g_subprocess_launcher_spawn (launcher, &error, "dunst", "-print", NULL);
  g_assert_no_error (error);

  /* One word: the reminder shortens the given names to initials. */
  test_add (store, test_account ("markup@x.ua", "<b>Сміт</b>&Ко", 10, 24 * 365));
  g_assert_true (cd_reminder_compose (G_LIST_MODEL (store), now, &title, &body));
  g_assert_nonnull (strstr (body, "\u2039b\u203aСміт\u2039/b\u203a\uff06Ко"));

  app = g_application_new ("io.github.cashdesk_login.ReminderTest", G_APPLICATION_DEFAULT_FLAGS);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
  /* GLib picks its notification backend when the first one is sent: dunst must own the
   * name by then. */
  TEST_WAIT_UNTIL (test_name_has_owner ("org.freedesktop.Notifications"), 20);

  dunst_send (app, title, body);
  TEST_WAIT_UNTIL (dunst_find (log_path, title, &ours), 20);
  expected = g_strdup_printf ("<b>%s</b>\n%s", title, body);
  g_test_message ("dunst shows: %s", ours.formatted);
  g_assert_cmpstr (ours.formatted, ==, expected);
  g_assert_cmpstr (ours.urls, ==, "");

  dunst_send (app, "Raw", MARKUP_NAME);
  TEST_WAIT_UNTIL (dunst_find (log_path, "Raw", &raw), 20);
  g_test_message ("dunst shows raw: %s", raw.formatted);
  g_assert_nonnull (strstr (raw.formatted, "&amp;"));
  g_assert_null (strstr (raw.formatted, "href"));
  g_assert_nonnull (strstr (raw.urls, "http://evil.example/"));

  g_subprocess_send_signal (dunst, SIGTERM);
  g_subprocess_wait (dunst, NULL, &error);
  g_assert_no_error (error);
}

static void
test_titles (void)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GListStore) certificates = test_accounts ();
  g_autoptr(GListStore) tokens = test_accounts ();
  g_autoptr(GListStore) one = test_accounts ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  test_add (one, test_account ("a@x.ua", "Мельник", 0, 24 * 365));
  g_assert_true (cd_reminder_compose (G_LIST_MODEL (one), now, &title, &body));
  g_assert_cmpstr (title, ==, "An e-signature certificate needs renewal");
  g_assert_cmpstr (body, ==, "Мельник: certificate expires today");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  test_add (certificates, test_account ("a@x.ua", NULL, 1, 24 * 365));
  test_add (certificates, test_account ("b@x.ua", NULL, -1, 24 * 365));
  g_assert_true (cd_reminder_compose (G_LIST_MODEL (certificates), now, &title, &body));
  g_assert_cmpstr (title, ==, "2 e-signature certificates need renewal");
  g_assert_cmpstr (body, ==, "b@x.ua: certificate expired 1 day ago\n"
                             "a@x.ua: certificate expires in 1 day");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  test_add (tokens, test_account ("a@x.ua", "Лисенко Ольга", 200, 1));
  test_add (tokens, test_account ("b@x.ua", "Рудь Ілля", 200, -1));
  test_add (tokens, test_account ("c@x.ua", "Гончар Євген", 200, 24 + 1));
  g_assert_true (cd_reminder_compose (G_LIST_MODEL (tokens), now, &title, &body));
  g_assert_cmpstr (title, ==, "3 cashiers must sign in again");
  g_assert_cmpstr (body, ==, "Лисенко О.: token expires today\n"
                             "Рудь І.: token expired today, sign in again\n"
                             "Гончар Є.: token expires in 1 day");
}

/* Five lines at most, the rest counted; one account can be due twice. */
static void
test_many (void)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GListStore) store = test_accounts ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) lines = NULL;

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *email = g_strdup_printf ("%d@x.ua", i);

      test_add (store, test_account (email, NULL, i, 24 * (i + 1)));
    }

  g_assert_true (cd_reminder_compose (G_LIST_MODEL (store), now, &title, &body));
  g_assert_cmpstr (title, ==, "Certificates and tokens need attention");
  lines = g_strsplit (body, "\n", -1);
  g_assert_cmpstrv (lines, ((const char * const[]) {
    "0@x.ua: certificate expires today",
    "1@x.ua: certificate expires in 1 day",
    "2@x.ua: certificate expires in 2 days",
    "3@x.ua: certificate expires in 3 days",
    "0@x.ua: token expires in 1 day",
    "and 3 more",
    NULL }));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  test_init (&argc, &argv);

  g_test_add_func ("/reminder/certificate-due", test_certificate_due);
  g_test_add_func ("/reminder/token-due", test_token_due);
  g_test_add_func ("/reminder/nobody", test_nobody);
  g_test_add_func ("/reminder/both", test_both);
  g_test_add_func ("/reminder/titles", test_titles);
  g_test_add_func ("/reminder/markup-inert", test_markup_inert);
  g_test_add_func ("/reminder/many", test_many);
  if (g_getenv ("DISPLAY") != NULL)
    g_test_add_func ("/reminder/dunst", test_dunst);

  return g_test_run ();
}
