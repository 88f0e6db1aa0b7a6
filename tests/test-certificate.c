/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-certificate.c: the certificate's state, at the 30-day edge and around midnight. */
#include "cd-certificate.h"
#include "cd-dates.h"
#include "test-util.h"

static GDateTime *
kyiv (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) zone = cd_dates_kyiv ();

  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

static void
check (GDateTime  *now,
       int         add_days,
       CdCertState expected,
       int         expected_days)
{
  g_autoptr(GDateTime) today = kyiv (g_date_time_get_year (now), g_date_time_get_month (now),
                                     g_date_time_get_day_of_month (now), 0, 0);
  g_autoptr(GDateTime) expires = g_date_time_add_days (today, add_days);
  int days = 12345;

  g_assert_cmpint (cd_certificate_state (expires, now, &days), ==, expected);
  g_assert_cmpint (days, ==, expected_days);
}

static void
test_edges (void)
{
  g_autoptr(GDateTime) now = kyiv (2023, 10, 1, 12, 0);

  check (now, 31, CD_CERT_VALID, 31);
  check (now, 30, CD_CERT_EXPIRING, 30);
  check (now, 1, CD_CERT_EXPIRING, 1);
  check (now, 0, CD_CERT_EXPIRING, 0);
  check (now, -1, CD_CERT_EXPIRED, -1);
  check (now, -400, CD_CERT_EXPIRED, -400);
}

static void
test_midnight_and_dst (void)
{
  /* 23:30 in Kyiv is already the next day in Kyiv but not in UTC+0; the day counts
   * must follow Kyiv. 1 October → 30 October crosses the end of summer time. */
  g_autoptr(GDateTime) late = kyiv (2023, 10, 1, 23, 30);
  g_autoptr(GDateTime) expiry = cd_dates_parse_day ("31.10.2023");
  int days = 0;

  g_assert_cmpint (cd_certificate_state (expiry, late, &days), ==, CD_CERT_EXPIRING);
  g_assert_cmpint (days, ==, 30);
}

static void
test_unknown (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int days = 77;

  g_assert_cmpint (cd_certificate_state (NULL, now, &days), ==, CD_CERT_UNKNOWN);
  g_assert_cmpint (days, ==, 77);
}

static void
test_names (void)
{
  const CdCertState states[] = { CD_CERT_UNKNOWN, CD_CERT_VALID, CD_CERT_EXPIRING, CD_CERT_EXPIRED };

  g_assert_cmpstr (cd_certificate_state_to_string (CD_CERT_EXPIRING), ==, "expiring");
  g_assert_cmpstr (cd_certificate_state_to_string (CD_CERT_EXPIRED), ==, "expired");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_assert_cmpint (cd_certificate_state_from_string (cd_certificate_state_to_string (states[i])), ==, states[i]);
  g_assert_cmpint (cd_certificate_state_from_string ("bogus"), ==, CD_CERT_UNKNOWN);
}

int
main (int argc, char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/certificate/edges", test_edges);
  g_test_add_func ("/certificate/midnight-and-dst", test_midnight_and_dst);
  g_test_add_func ("/certificate/unknown", test_unknown);
  g_test_add_func ("/certificate/names", test_names);
  return g_test_run ();
}
