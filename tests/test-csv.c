/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-csv.c: the CSV export: RFC 4180 quoting, the header, the rows, and that what is
 * written reads back, through a reader written apart from the writer. */
#include "cd-account-json.h"
#include "cd-csv.h"
#include "cd-dates.h"
#include "test-csv-parse.h"
#include "test-util.h"

#define SERVER "https://api.cashdesk.com.ua/api/v2"

static char *
field (const char *text)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  cd_csv_append_field (csv, text);
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

static void
check_field (const char *text,
             const char *expected)
{
  g_autofree char *written = field (text);

  g_assert_cmpstr (written, ==, expected);
}

static void
test_fields (void)
{
  check_field (NULL, "");
  check_field ("", "");
  check_field ("cashier@demo.test", "cashier@demo.test");
  /* Cyrillic is UTF-8 as it is: nothing to quote. */
  check_field ("Іваненко Марія Петрівна", "Іваненко Марія Петрівна");
  check_field ("ТОВ \"Ромашка\", Київ", "\"ТОВ \"\"Ромашка\"\", Київ\"");
  check_field ("a,b", "\"a,b\"");
  check_field ("\"", "\"\"\"\"");
  check_field ("two\nlines", "\"two\nlines\"");
  check_field ("two\r\nlines", "\"two\r\nlines\"");
  check_field ("cr\ronly", "\"cr\ronly\"");
  check_field ("it's", "it's");
  /* What a spreadsheet would run as a formula is kept as text. */
  check_field ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
  check_field ("+380", "\"'+380\"");
  check_field ("-1", "\"'-1\"");
  check_field ("@SUM(A1)", "\"'@SUM(A1)\"");
  check_field ("\tx", "\"'\tx\"");
  check_field ("a=b", "a=b");
}

/* The reader must reject what is not RFC 4180, or reading back would prove nothing. */
static void
test_reader (void)
{
  const char *bad[] = {
    "a,\"b\r\n",           /* unclosed quote */
    "a,b\"c\r\n",          /* quote in an unquoted field */
    "a,\"b\"c\r\n",        /* text after a closing quote */
    "a,b\n",               /* LF alone */
    "a,b",                 /* no line end */
    "a\nb,c\r\n",          /* line feed in an unquoted field */
  };
  g_autoptr(GPtrArray) rows = NULL;
  char *problem = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) none = test_csv_parse (bad[i], &problem);

      g_assert_null (none);
      g_assert_nonnull (problem);
      g_clear_pointer (&problem, g_free);
    }

  rows = test_csv_parse ("a,\"b,\"\"c\"\"\r\nd\",\r\n,\r\n", &problem);
  g_assert_null (problem);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstrv (rows->pdata[0], ((const char *const[]) { "a", "b,\"c\"\r\nd", "", NULL }));
  g_assert_cmpstrv (rows->pdata[1], ((const char *const[]) { "", "", NULL }));
}

static GDateTime *
test_now (void)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();

  return g_date_time_new (kyiv, 2024, 3, 1, 12, 0, 0);
}

/* An account as the keyring keeps it; @days from test_now(), or none when G_MININT. */
static CdAccount *
test_account (const char *email,
              const char *full_name,
              const char *edrpou,
              const char *server,
              int         days,
              const char *token)
{
  g_autoptr(JsonObject) summary = json_object_new ();
  g_autoptr(GError) error = NULL;
  CdAccount *account;

  json_object_set_string_member (summary, "email", email);
  if (full_name != NULL)
    json_object_set_string_member (summary, "full_name", full_name);
  if (edrpou != NULL)
    json_object_set_string_member (summary, "edrpou", edrpou);
  if (days != G_MININT)
    {
      g_autoptr(GDateTime) now = test_now ();
      g_autoptr(GDateTime) day = g_date_time_add_days (now, days);
      g_autofree char *text = cd_dates_format_iso_day (day);
      JsonObject *certificate = json_object_new ();

      json_object_set_string_member (certificate, "expires_on", text);
      json_object_set_object_member (summary, "certificate", certificate);
    }

  account = cd_account_new_from_summary (summary, server, token, &error);
  g_assert_no_error (error);
  return account;
}

static void
test_accounts (void)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *csv = NULL;
  char *problem = NULL;
  /* Tokens that ended a day before now, and that end a year after. */
  g_autofree char *expired_token = test_make_jwt (g_date_time_to_unix (now) - 24 * 3600);
  g_autofree char *good_token = test_make_jwt (g_date_time_to_unix (now) + 365 * 24 * 3600);

  g_ptr_array_add (accounts, test_account ("expired@demo.test", "Бондаренко Ігор Миколайович",
                                           "34554362", SERVER, -20, expired_token));
  g_ptr_array_add (accounts, test_account ("expiring@demo.test", "Шевченко, Олена \"Лена\"\nВасилівна",
                                           "1234567890", "http://127.0.0.1:8000/api/v2", 10, good_token));
  g_ptr_array_add (accounts, test_account ("cashier@demo.test", "Іваненко Марія Петрівна",
                                           "34554362", SERVER, 200, "Bearer token"));
  g_ptr_array_add (accounts, test_account ("today@demo.test", "=cmd|' /C calc'!A0",
                                           NULL, SERVER, 0, "Bearer token"));
  g_ptr_array_add (accounts, test_account ("no-signature@demo.test", NULL, NULL, SERVER, G_MININT, "Bearer token"));

  csv = cd_csv_format_accounts (accounts, now);
  g_assert_true (g_str_has_prefix (csv, "name,email,edrpou,server,certificate_expires_on,days_left,state,"
                                        "token_expires_at,token_valid\r\n"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));

  rows = test_csv_parse (csv, &problem);
  g_assert_cmpstr (problem, ==, NULL);
  g_assert_cmpuint (rows->len, ==, 6);

  g_assert_cmpstrv (rows->pdata[0], ((const char *const[]) {
    "name", "email", "edrpou", "server", "certificate_expires_on", "days_left", "state",
    "token_expires_at", "token_valid", NULL }));
  g_assert_cmpstrv (rows->pdata[1], ((const char *const[]) {
    "Бондаренко Ігор Миколайович", "expired@demo.test", "34554362", SERVER,
    "2024-02-10", "-20", "expired", "2024-02-29T12:00:00+02:00", "false", NULL }));
  /* The line break in the name is gone when the account is read: names are one line. */
  g_assert_cmpstrv (rows->pdata[2], ((const char *const[]) {
    "Шевченко, Олена \"Лена\" Василівна", "expiring@demo.test", "1234567890",
    "http://127.0.0.1:8000/api/v2", "2024-03-11", "10", "expiring", "2025-03-01T12:00:00+02:00",
    "true", NULL }));
  g_assert_cmpstrv (rows->pdata[3], ((const char *const[]) {
    "Іваненко Марія Петрівна", "cashier@demo.test", "34554362", SERVER,
    "2024-09-17", "200", "valid", "", "true", NULL }));
  g_assert_cmpstrv (rows->pdata[4], ((const char *const[]) {
    "'=cmd|' /C calc'!A0", "today@demo.test", "", SERVER, "2024-03-01", "0", "expiring", "", "true",
    NULL }));
  g_assert_cmpstrv (rows->pdata[5], ((const char *const[]) {
    "", "no-signature@demo.test", "", SERVER, "", "", "unknown", "", "true", NULL }));
}

static void
test_no_accounts (void)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new ();
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *csv = cd_csv_format_accounts (accounts, now);

  g_assert_cmpstr (csv, ==, CD_CSV_HEADER "\r\n");
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

  g_test_add_func ("/csv/fields", test_fields);
  g_test_add_func ("/csv/reader", test_reader);
  g_test_add_func ("/csv/accounts", test_accounts);
  g_test_add_func ("/csv/no-accounts", test_no_accounts);

  return g_test_run ();
}
