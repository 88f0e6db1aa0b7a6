/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-dates.c: CashDesk writes local Ukrainian times with no zone, in three formats. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "cd-dates.h"
#include "cd-json-private.h"

GTimeZone *
cd_dates_kyiv (void)
{
  static GTimeZone *kyiv;

  if (g_once_init_enter (&kyiv))
    {
      /* tzdata renamed Kiev to Kyiv in 2022; older systems know only the old name. */
      GTimeZone *zone = g_time_zone_new_identifier ("Europe/Kyiv");

      if (zone == NULL)
        zone = g_time_zone_new_identifier ("Europe/Kiev");
      /* No tzdata at all (a minimal container or Flatpak runtime): the rules Ukraine
       * has kept since 1996, EU summer time, as a POSIX TZ string, rather than a fixed
       * offset that is an hour off all summer. */
      if (zone == NULL)
        zone = g_time_zone_new_identifier ("EET-2EEST,M3.5.0/3,M10.5.0/4");
      g_once_init_leave (&kyiv, zone);
    }
  return g_time_zone_ref (kyiv);
}

/* Reads exactly @n_fields unsigned numbers separated by the characters of @separators,
 * nothing before, nothing after; no sscanf so that "1.2.2023x" or " 1" is refused. */
static gboolean
cd_dates_read_numbers (const char *text,
                       const char *separators,
                       guint       n_fields,
                       int        *fields)
{
  const char *p = text;

  for (guint i = 0; i < n_fields; i++)
    {
      int value = 0;
      int digits = 0;

      while (g_ascii_isdigit (*p) && digits < 5)
        {
          value = value * 10 + (*p - '0');
          p++;
          digits++;
        }
      if (digits == 0)
        return FALSE;
      fields[i] = value;
      if (i + 1 < n_fields)
        {
          if (*p != separators[i])
            return FALSE;
          p++;
        }
    }
  return *p == '\0';
}

static GDateTime *
cd_dates_kyiv_datetime (int year, int month, int day, int hour, int minute, int seconds)
{
  g_autoptr(GTimeZone) kyiv = NULL;

  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year) ||
      hour > 23 || minute > 59 || seconds > 59)
    return NULL;
  kyiv = cd_dates_kyiv ();
  /* A time that falls in the spring-forward gap is moved past it by GLib. */
  return g_date_time_new (kyiv, year, month, day, hour, minute, seconds);
}

/* Takes @datetime, and keeps it only when Kyiv's calendar shows it in the years the
 * other readers accept: every date is written out in Kyiv time, and GLib has no local
 * time past the end of 9999 (nor, before 1924, an offset that ISO 8601 can write). */
static GDateTime *
cd_dates_within_range (GDateTime *datetime)
{
  g_autoptr(GDateTime) owned = datetime;
  g_autoptr(GTimeZone) kyiv = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (datetime == NULL)
    return NULL;
  kyiv = cd_dates_kyiv ();
  local = g_date_time_to_timezone (datetime, kyiv);
  if (local == NULL || g_date_time_get_year (local) < 1970 || g_date_time_get_year (local) > 9999)
    return NULL;
  return g_steal_pointer (&owned);
}

GDateTime *
cd_dates_parse_minutes (const char *text)
{
  int f[5];

  if (text == NULL || !cd_dates_read_numbers (text, ".. :", 5, f))
    return NULL;
  return cd_dates_kyiv_datetime (f[2], f[1], f[0], f[3], f[4], 0);
}

GDateTime *
cd_dates_parse_day (const char *text)
{
  int f[3];

  if (text == NULL || !cd_dates_read_numbers (text, "..", 3, f))
    return NULL;
  return cd_dates_kyiv_datetime (f[2], f[1], f[0], 0, 0, 0);
}

GDateTime *
cd_dates_parse_seconds (const char *text)
{
  int f[6];

  if (text == NULL || !cd_dates_read_numbers (text, "-- ::", 6, f))
    return NULL;
  return cd_dates_kyiv_datetime (f[2], f[1], f[0], f[3], f[4], f[5]);
}

GDateTime *
cd_dates_jwt_expiry (const char *token)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) b64 = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree guchar *payload = NULL;
  gsize payload_len = 0;
  JsonNode *exp;
  gint64 seconds;

  if (token == NULL)
    return NULL;
  if (g_str_has_prefix (token, "Bearer "))
    token += strlen ("Bearer ");

  parts = g_strsplit (token, ".", 4);
  if (g_strv_length (parts) != 3 || strlen (parts[1]) > 16 * 1024)
    return NULL;

  /* base64url without padding, to what g_base64_decode reads. */
  b64 = g_string_new (parts[1]);
  for (gsize i = 0; i < b64->len; i++)
    {
      char c = b64->str[i];

      if (c == '-')
        b64->str[i] = '+';
      else if (c == '_')
        b64->str[i] = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  payload = g_base64_decode (b64->str, &payload_len);
  if (payload == NULL || payload_len == 0)
    return NULL;

  /* Two "exp" would be two expiries: none is believed. */
  parser = json_parser_new_immutable ();
  if (cd_json_load_object (parser, (const char *) payload, payload_len) != CD_JSON_OK)
    return NULL;
  exp = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return NULL;
  if (json_node_get_value_type (exp) == G_TYPE_INT64)
    seconds = json_node_get_int (exp);
  else if (json_node_get_value_type (exp) == G_TYPE_DOUBLE &&
           json_node_get_double (exp) > 0 && json_node_get_double (exp) < 0x1p62)
    /* Only a double in gint64's range may be cast; larger ones are refused below anyway. */
    seconds = (gint64) json_node_get_double (exp);
  else
    return NULL;
  /* Up to the end of year 9999; anything else is no date. */
  if (seconds <= 0 || seconds > G_GINT64_CONSTANT (253402300799))
    return NULL;
  return cd_dates_within_range (g_date_time_new_from_unix_utc (seconds));
}

char *
cd_dates_format_iso (GDateTime *datetime)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (datetime, kyiv);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
cd_dates_format_iso_day (GDateTime *day)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (day, kyiv);

  return g_date_time_format (local, "%Y-%m-%d");
}

GDateTime *
cd_dates_parse_iso (const char *text)
{
  int f[3];

  if (text == NULL)
    return NULL;
  if (cd_dates_read_numbers (text, "--", 3, f))
    return cd_dates_kyiv_datetime (f[0], f[1], f[2], 0, 0, 0);
  return cd_dates_within_range (g_date_time_new_from_iso8601 (text, NULL));
}

int
cd_dates_days_between (GDateTime *now,
                       GDateTime *day)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) a = g_date_time_to_timezone (now, kyiv);
  g_autoptr(GDateTime) b = g_date_time_to_timezone (day, kyiv);
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, g_date_time_get_day_of_month (a), g_date_time_get_month (a),
                  g_date_time_get_year (a));
  g_date_set_dmy (&db, g_date_time_get_day_of_month (b), g_date_time_get_month (b),
                  g_date_time_get_year (b));
  return g_date_days_between (&da, &db);
}
