/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-dates.c: CashDesk's date formats in Kyiv time, across DST, and JWT expiry. */
#include "cd-dates.h"
#include "test-util.h"

static void
assert_utc (GDateTime  *dt,
            const char *expected)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (dt);
  utc = g_date_time_to_utc (dt);
  text = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");
  g_assert_cmpstr (text, ==, expected);
}

static void
test_minutes (void)
{
  g_autoptr(GDateTime) summer = cd_dates_parse_minutes ("08.07.2023 11:25");
  g_autoptr(GDateTime) winter = cd_dates_parse_minutes ("08.01.2023 11:25");

  assert_utc (summer, "2023-07-08 08:25:00");
  assert_utc (winter, "2023-01-08 09:25:00");
}

static void
test_across_dst (void)
{
  /* Kyiv moved clocks 03:00 → 04:00 on 26 March 2023 and 04:00 → 03:00 on 29 October. */
  g_autoptr(GDateTime) before = cd_dates_parse_minutes ("26.03.2023 02:30");
  g_autoptr(GDateTime) after = cd_dates_parse_minutes ("26.03.2023 04:30");
  g_autoptr(GDateTime) gap = cd_dates_parse_minutes ("26.03.2023 03:30");
  g_autoptr(GDateTime) autumn_before = cd_dates_parse_minutes ("29.10.2023 02:30");
  g_autoptr(GDateTime) autumn_after = cd_dates_parse_minutes ("29.10.2023 05:00");
  g_autoptr(GDateTime) saturday = cd_dates_parse_minutes ("25.03.2023 12:00");
  g_autoptr(GDateTime) monday = cd_dates_parse_day ("27.03.2023");

  assert_utc (before, "2023-03-26 00:30:00");
  assert_utc (after, "2023-03-26 01:30:00");
  /* A time that does not exist still reads as a time near it, never as unknown. */
  g_assert_nonnull (gap);
  assert_utc (autumn_before, "2023-10-28 23:30:00");
  assert_utc (autumn_after, "2023-10-29 03:00:00");
  /* 47 hours apart, but two calendar days. */
  g_assert_cmpint (cd_dates_days_between (saturday, monday), ==, 2);
  g_assert_cmpint (cd_dates_days_between (monday, saturday), ==, -2);
}

static void
test_day_and_seconds (void)
{
  g_autoptr(GDateTime) day = cd_dates_parse_day ("15.11.2023");
  g_autoptr(GDateTime) seen = cd_dates_parse_seconds ("11-08-2020 17:15:31");
  g_autofree char *day_iso = NULL;
  g_autofree char *seen_iso = NULL;

  assert_utc (day, "2023-11-14 22:00:00");
  assert_utc (seen, "2020-08-11 14:15:31");
  day_iso = cd_dates_format_iso_day (day);
  seen_iso = cd_dates_format_iso (seen);
  g_assert_cmpstr (day_iso, ==, "2023-11-15");
  g_assert_cmpstr (seen_iso, ==, "2020-08-11T17:15:31+03:00");
}

static void
test_unreadable (void)
{
  const char *bad_minutes[] = {
    "", "08.07.2023", "08.07.2023 11:25:00", "8-07-2023 11:25", "31.02.2023 10:00",
    "08.13.2023 10:00", "08.07.2023 24:00", "08.07.2023 11:60", " 08.07.2023 11:25",
    "08.07.2023 11:25x", "aa.bb.cccc dd:ee", "08.07.99999 11:25", "00.07.2023 11:25",
  };
  const char *bad_seconds[] = {
    "11.08.2020 17:15:31", "11-08-2020 17:15", "11-08-2020T17:15:31", "29-02-2023 10:00:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_minutes); i++)
    g_assert_null (cd_dates_parse_minutes (bad_minutes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad_seconds); i++)
    g_assert_null (cd_dates_parse_seconds (bad_seconds[i]));
  g_assert_null (cd_dates_parse_day ("15/11/2023"));
  g_assert_null (cd_dates_parse_day (NULL));
  {
    g_autoptr(GDateTime) leap = cd_dates_parse_seconds ("29-02-2024 10:00:00");

    g_assert_nonnull (leap);
  }
}

static void
test_jwt (void)
{
  g_autofree char *jwt = test_make_jwt (1688804700);
  g_autoptr(GDateTime) with_bearer = cd_dates_jwt_expiry (jwt);
  g_autoptr(GDateTime) without = cd_dates_jwt_expiry (jwt + strlen ("Bearer "));
  g_autofree char *no_exp = g_strdup ("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
  g_autofree char *string_exp = g_strdup ("Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiIxNjg4ODA0NzAwIn0.c2ln");

  assert_utc (with_bearer, "2023-07-08 08:25:00");
  assert_utc (without, "2023-07-08 08:25:00");
  g_assert_null (cd_dates_jwt_expiry (no_exp));
  g_assert_null (cd_dates_jwt_expiry (string_exp));
  g_assert_null (cd_dates_jwt_expiry ("Bearer eyJ0eXAiOiJKV1Q...."));
  g_assert_null (cd_dates_jwt_expiry ("Bearer opaque"));
  g_assert_null (cd_dates_jwt_expiry ("Bearer a.!!!.c"));
  g_assert_null (cd_dates_jwt_expiry (""));
  g_assert_null (cd_dates_jwt_expiry (NULL));
}

static void
test_iso_roundtrip (void)
{
  g_autoptr(GDateTime) t = cd_dates_parse_minutes ("08.07.2023 11:25");
  g_autofree char *iso = cd_dates_format_iso (t);
  g_autoptr(GDateTime) back = cd_dates_parse_iso (iso);
  g_autoptr(GDateTime) day = cd_dates_parse_iso ("2023-11-15");

  g_assert_cmpstr (iso, ==, "2023-07-08T11:25:00+03:00");
  g_assert_true (g_date_time_equal (t, back));
  assert_utc (day, "2023-11-14 22:00:00");
  g_assert_null (cd_dates_parse_iso ("yesterday"));
}

int
main (int argc, char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/dates/minutes", test_minutes);
  g_test_add_func ("/dates/across-dst", test_across_dst);
  g_test_add_func ("/dates/day-and-seconds", test_day_and_seconds);
  g_test_add_func ("/dates/unreadable", test_unreadable);
  g_test_add_func ("/dates/jwt", test_jwt);
  g_test_add_func ("/dates/iso-roundtrip", test_iso_roundtrip);
  return g_test_run ();
}
