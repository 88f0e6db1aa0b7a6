/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-account.c: the parser (CashDesk's answer → CdAccount) and the summary. */
#include <math.h>

#include "cd-account.h"
#include "cd-account-json.h"
#include "cd-dates.h"
#include "cd-error.h"
#include "cd-json-writer.h"
#include "test-json-strict.h"
#include "test-util.h"

static CdAccount *
parse (const char *json, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return cd_account_parse (bytes, "https://test.example/api/v2", error);
}

static char *
iso (GDateTime *dt)
{
  return dt ? cd_dates_format_iso (dt) : NULL;
}

static void
test_documented_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "answers",
                                                 "documented-example.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *cert = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  account = parse (text, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cd_account_get_server (account), ==, "https://test.example/api/v2");
  g_assert_cmpstr (cd_account_get_token (account), ==, "Bearer eyJ0eXAiOiJKV1Q....");
  g_assert_false (cd_account_get_active_rro (account));
  g_assert_null (cd_account_get_developer_id (account));
  g_assert_cmpstr (cd_account_get_opened_shift (account), ==, "4000055255");
  g_assert_cmpstr (cd_account_get_full_name (account), ==, "Іванов Іван Іванович");
  g_assert_cmpstr (cd_account_get_uuid (account), ==, "67***49dd-bcc7-e4631977a386");
  g_assert_cmpstr (cd_account_get_email (account), ==, "[email protected]");
  g_assert_cmpstr (cd_account_get_edrpou (account), ==, "34***362");
  g_assert_cmpstr (cd_account_get_drfo (account), ==, "103***2014");
  g_assert_cmpstr (cd_account_get_subject_key_id (account), ==, "88b920a191b2402e86f5f***f78735b0d9734b7266b80f156");
  g_assert_cmpstr (cd_account_get_cert_serial (account), ==, "14F***0700000000000000000000000000000001");

  /* The example's token is no JWT, so the expiry is token_expires_at in Kyiv time. */
  expires = iso (cd_account_get_token_expires_at (account));
  seen = iso (cd_account_get_last_online (account));
  cert = cd_dates_format_iso_day (cd_account_get_cert_expires_on (account));
  g_assert_cmpstr (expires, ==, "2023-07-08T11:25:00+03:00");
  g_assert_cmpstr (seen, ==, "2020-08-11T17:15:31+03:00");
  g_assert_cmpstr (cert, ==, "2023-11-15");
}

static void
test_opened_shift_types (void)
{
  struct { const char *json; const char *expected; } cases[] = {
    { "{\"token\": \"Bearer a\", \"opened_shift\": \"4000055255\"}", "4000055255" },
    { "{\"token\": \"Bearer a\", \"opened_shift\": 4000055256}", "4000055256" },
    { "{\"token\": \"Bearer a\", \"opened_shift\": 4000055257.0}", "4000055257" },
    { "{\"token\": \"Bearer a\", \"opened_shift\": null}", NULL },
    { "{\"token\": \"Bearer a\", \"opened_shift\": \"\"}", NULL },
    { "{\"token\": \"Bearer a\"}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdAccount) account = parse (cases[i].json, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (cd_account_get_opened_shift (account), ==, cases[i].expected);
    }
}

static void
test_developer_id_types (void)
{
  const char *cases[][2] = {
    { "{\"token\": \"Bearer a\", \"developer_id\": 42}", "42" },
    { "{\"token\": \"Bearer a\", \"developer_id\": \"shop-soft\"}", "shop-soft" },
    { "{\"token\": \"Bearer a\", \"developer_id\": null}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdAccount) account = parse (cases[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (cd_account_get_developer_id (account), ==, cases[i][1]);
    }
}

static void
test_only_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = parse ("{\"token\": \"Bearer opaque\", \"user\": {\"signature\": null, \"drfo\": null}, \"extra\": [1, {}]}", &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int days = 99;

  g_assert_no_error (error);
  g_assert_null (cd_account_get_full_name (account));
  g_assert_null (cd_account_get_email (account));
  g_assert_null (cd_account_get_token_expires_at (account));
  g_assert_null (cd_account_get_cert_expires_on (account));
  g_assert_null (cd_account_dup_masked_drfo (account));
  g_assert_false (cd_account_get_active_rro (account));
  g_assert_cmpint (cd_account_get_cert_state (account, now, &days), ==, CD_CERT_UNKNOWN);
  g_assert_cmpint (days, ==, 99);
  /* An unknown expiry is not an expired token. */
  g_assert_true (cd_account_token_is_valid (account, now));
}

static void
test_jwt_wins (void)
{
  g_autofree char *jwt = test_make_jwt (2000000000);
  g_autofree char *json = g_strdup_printf ("{\"token\": \"%s\", \"token_expires_at\": \"08.07.2023 11:25\","
                                           " \"user\": {\"last_online\": \"garbage\","
                                           " \"signature\": {\"cert_end_data\": \"31.02.2023\"}}}", jwt);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = parse (json, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (2000000001);

  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (cd_account_get_token_expires_at (account)), ==, 2000000000);
  g_assert_true (cd_account_token_is_valid (account, now));
  g_assert_false (cd_account_token_is_valid (account, later));
  /* Unreadable dates are unknown, not failures. */
  g_assert_null (cd_account_get_last_online (account));
  g_assert_null (cd_account_get_cert_expires_on (account));
}

static void
test_malformed_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "malformed-answers.txt",
                                                 NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdAccount) account = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      account = parse (lines[i], &error);
      if (account != NULL)
        g_error ("line %u was accepted: %s", i + 1, lines[i]);
      g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 20);
}

static void
test_bad_bytes (void)
{
  static const char nul_inside[] = "{\"token\": \"Bearer a\", \"user\": {\"full_name\": \"Іван\\u0000ов\"}}";
  static const char bad_utf8[] = "{\"token\": \"Bearer a\", \"user\": {\"full_name\": \"\xff\xfe\"}}";
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) a = NULL;
  g_autoptr(CdAccount) b = NULL;
  g_autofree char *deep = NULL;
  g_autoptr(GString) nested = g_string_new (NULL);

  g_assert_null (cd_account_parse (empty, NULL, &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (cd_account_parse (NULL, NULL, &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* Whatever json-glib makes of these, the account holds valid UTF-8 or nothing. */
  a = parse (nul_inside, NULL);
  b = parse (bad_utf8, NULL);
  if (a != NULL && cd_account_get_full_name (a) != NULL)
    g_assert_true (g_utf8_validate (cd_account_get_full_name (a), -1, NULL));
  if (b != NULL && cd_account_get_full_name (b) != NULL)
    g_assert_true (g_utf8_validate (cd_account_get_full_name (b), -1, NULL));

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  deep = g_strdup_printf ("{\"token\": \"Bearer a\", \"x\": %s}", nested->str);
  g_assert_null (parse (deep, &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* A field twice: refused, and said so. The same keys in different objects are fine. */
  g_assert_null (parse ("{\"token\": \"Bearer a\", \"token\": \"Bearer b\"}", &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "twice"));
  g_clear_error (&error);
  g_clear_object (&a);
  a = parse ("{\"token\": \"Bearer a\", \"user\": {\"email\": \"a@b.c\"}, "
             "\"x\": {\"email\": \"d@e.f\"}}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  /* Twice in an object inside an array, and not twice for a colon in a string. */
  g_assert_null (parse ("{\"token\": \"Bearer a\", \"x\": [1, {\"y\": 1, \"y\": 2}]}", &error));
  g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "twice"));
  g_clear_error (&error);
  g_clear_object (&a);
  a = parse ("{\"token\": \"Bearer a\", \"x\": [{\"y\": \"1:2\"}, {\"y\": \":\"}]}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
}

static void
test_summary_roundtrip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "answers",
                                                 "documented-example.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autoptr(CdAccount) back = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) summary_again = NULL;
  g_autoptr(GDateTime) now = cd_dates_parse_minutes ("05.11.2023 12:00");
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  JsonObject *object;
  JsonObject *certificate;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  account = parse (text, &error);
  g_assert_no_error (error);
  summary = cd_account_to_summary (account, now);
  object = json_node_get_object (summary);

  g_assert_false (json_object_has_member (object, "token"));
  g_assert_cmpstr (json_object_get_string_member (object, "opened_shift"), ==, "4000055255");
  g_assert_cmpstr (json_object_get_string_member (object, "token_expires_at"), ==, "2023-07-08T11:25:00+03:00");
  g_assert_cmpstr (json_object_get_string_member (object, "last_online"), ==, "2020-08-11T17:15:31+03:00");
  g_assert_false (json_object_get_boolean_member (object, "active_rro"));
  certificate = json_object_get_object_member (object, "certificate");
  g_assert_cmpstr (json_object_get_string_member (certificate, "expires_on"), ==, "2023-11-15");
  g_assert_cmpint (json_object_get_int_member (certificate, "days_left"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (certificate, "state"), ==, "expiring");

  back = cd_account_new_from_summary (object, "https://test.example/api/v2", "Bearer x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_account_get_token (back), ==, "Bearer x");
  summary_again = cd_account_to_summary (back, now);
  one = json_to_string (summary, FALSE);
  two = json_to_string (summary_again, FALSE);
  g_assert_cmpstr (one, ==, two);
}

/* Every JSON this program writes goes through one writer: whatever the strings hold
 * (all of C0, U+001F included, which json-glib 1.6 leaves raw; bytes that are not
 * UTF-8; quotes and backslashes), the text is strict RFC 8259 and reads back the same. */
static void
test_writer_strict (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autofree char *text = NULL;
  g_autofree char *generated = NULL;
  char every_c0[33];
  gsize length = 0;

  for (int c = 1; c < 0x20; c++)
    every_c0[c - 1] = (char) c;
  every_c0[31] = '\0';

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "c0");
  json_builder_add_string_value (builder, every_c0);
  json_builder_set_member_name (builder, "unit-separator");
  json_builder_add_string_value (builder, "a\x1f" "b");
  json_builder_set_member_name (builder, "quotes \"and\" \\");
  json_builder_add_string_value (builder, "Пароль \"з\" \\лапками\\ 🔑 \xe2\x80\xa8");
  json_builder_set_member_name (builder, "not-utf8");
  json_builder_add_string_value (builder, "\xff\xfe\xc0\x80");
  json_builder_set_member_name (builder, "numbers");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, G_MININT64);
  json_builder_add_double_value (builder, 0.1);
  json_builder_add_double_value (builder, INFINITY);
  json_builder_add_double_value (builder, NAN);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  /* What json-glib's own generator makes of it: the reason for the writer. */
  generated = json_to_string (root, FALSE);
  g_assert_nonnull (json_strict_problem (generated, -1));

  text = cd_json_writer_to_string (root, &length);
  g_assert_cmpuint (length, ==, strlen (text));
  assert_strict_json (text);
  g_assert_nonnull (strstr (text, "\"a\\u001fb\""));
  g_assert_nonnull (strstr (text, "[-9223372036854775808,0.10000000000000001,null,null,true,null,{},[]]"));

  back = json_from_string (text, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (back), "c0"), ==, every_c0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (back), "not-utf8"), ==,
                   "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

/* json-glib 1.6 wraps integers beyond 64 bits: opened_shift 99999999999999999999 would
 * read as register "-1". The edges of gint64 still read. */
static void
test_numbers_beyond_64_bits (void)
{
  static const char *const refused[] = {
    "{\"token\": \"Bearer a\", \"opened_shift\": 99999999999999999999}",
    "{\"token\": \"Bearer a\", \"opened_shift\": 9223372036854775808}",
    "{\"token\": \"Bearer a\", \"user\": {\"edrpou\": -9223372036854775809}}",
    "{\"token\": \"Bearer a\", \"user\": {\"uuid\": 123456789012345678901234567890}}",
  };
  g_autoptr(CdAccount) max = parse ("{\"token\": \"Bearer a\", \"opened_shift\": 9223372036854775807,"
                                    " \"user\": {\"edrpou\": -9223372036854775808, \"drfo\": 000123}}", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdAccount) account = parse (refused[i], &error);

      g_assert_null (account);
      g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "too large"));
    }
  g_assert_nonnull (max);
  g_assert_cmpstr (cd_account_get_opened_shift (max), ==, "9223372036854775807");
  g_assert_cmpstr (cd_account_get_edrpou (max), ==, "-9223372036854775808");
}

static void
test_unusable_tokens (void)
{
  static const char *const refused[] = {
    "{\"token\": \"Bearer \"}", "{\"token\": \" \"}", "{\"token\": \"\"}",
    "{\"token\": 12345}", "{\"token\": 1e18}", "{\"token\": true}",
    "{\"token\": \"Bearer\"}", "{\"token\": \" Bearer x\"}", "{\"token\": \"Bearer  x\"}",
    "{\"token\": \"Bearer x\\n\"}",
  };
  g_autofree char *longest = g_strnfill (16 * 1024, 'x');
  g_autofree char *longer = g_strnfill (16 * 1024 + 1, 'x');

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdAccount) account = parse (refused[i], &error);

      if (account != NULL)
        g_error ("accepted: %s", refused[i]);
      g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
    }
  g_assert_true (cd_account_token_is_usable ("Bearer eyJ.x.y"));
  g_assert_true (cd_account_token_is_usable ("opaque-0123"));
  g_assert_false (cd_account_token_is_usable ("Bearer x\x1b[2J"));
  g_assert_false (cd_account_token_is_usable (NULL));

  /* At most 16 KiB, also for what another program planted in the keyring (a secret of
   * megabytes would otherwise be printed by `get`). */
  g_assert_true (cd_account_token_is_usable (longest));
  g_assert_false (cd_account_token_is_usable (longer));
}

/* What a keyring item's details say gets the limits an answer gets: another program
 * may have planted them. */
static void
test_planted_long_text (void)
{
  g_autoptr(JsonObject) summary = json_object_new ();
  g_autoptr(JsonObject) coded = json_object_new ();
  g_autofree char *long_name = g_strnfill (500000, 'A');
  g_autofree char *long_code = g_strnfill (CD_ACCOUNT_MAX_CODE + 1, '1');
  g_autofree char *longest_code = g_strnfill (CD_ACCOUNT_MAX_CODE, '1');
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autoptr(CdAccount) refused = NULL;

  json_object_set_string_member (summary, "email", "a@b.ua");
  json_object_set_string_member (summary, "full_name", long_name);
  json_object_set_string_member (summary, "edrpou", longest_code);
  account = cd_account_new_from_summary (summary, "https://test.example/api/v2", "Bearer a", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (cd_account_get_full_name (account), -1), ==, CD_ACCOUNT_MAX_NAME + 1);
  g_assert_cmpstr (cd_account_get_edrpou (account), ==, longest_code);

  json_object_set_string_member (coded, "email", "a@b.ua");
  json_object_set_string_member (coded, "edrpou", long_code);
  refused = cd_account_new_from_summary (coded, "https://test.example/api/v2", "Bearer a", &error);
  g_assert_null (refused);
  g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
}

static void
test_masked_drfo (void)
{
  g_autoptr(CdAccount) account = parse ("{\"token\": \"Bearer a\", \"user\": {\"drfo\": \"1032452014\"}}", NULL);
  g_autoptr(CdAccount) shorter = parse ("{\"token\": \"Bearer a\", \"user\": {\"drfo\": 12345}}", NULL);
  g_autofree char *masked = cd_account_dup_masked_drfo (account);
  g_autofree char *masked_short = cd_account_dup_masked_drfo (shorter);

  g_assert_cmpstr (masked, ==, "103•••••14");
  g_assert_cmpstr (masked_short, ==, "•••••");
}

/* How an account is named: title, short name for notifications, avatar initials. */
static void
test_names (void)
{
  g_autoptr(CdAccount) full = parse ("{\"token\": \"Bearer a\", \"user\": {\"email\": \"m@shop.ua\", "
                                     "\"full_name\": \"Іваненко  Марія Петрівна\"}}", NULL);
  g_autoptr(CdAccount) one = parse ("{\"token\": \"Bearer a\", \"user\": {\"email\": \"o@shop.ua\", "
                                    "\"full_name\": \"Оксана\"}}", NULL);
  g_autoptr(CdAccount) none = parse ("{\"token\": \"Bearer a\", \"user\": {\"email\": \"n@shop.ua\", "
                                     "\"full_name\": \"   \"}}", NULL);
  g_autofree char *short_full = cd_account_dup_short_name (full);
  g_autofree char *initials_full = cd_account_dup_initials (full);
  g_autofree char *short_one = cd_account_dup_short_name (one);
  g_autofree char *initials_one = cd_account_dup_initials (one);
  g_autofree char *short_none = cd_account_dup_short_name (none);

  /* The parser already folds runs of spaces. */
  g_assert_cmpstr (cd_account_get_title (full), ==, "Іваненко Марія Петрівна");
  g_assert_cmpstr (short_full, ==, "Іваненко М. П.");
  g_assert_cmpstr (initials_full, ==, "І М");
  g_assert_cmpstr (short_one, ==, "Оксана");
  g_assert_cmpstr (initials_one, ==, "О");
  /* A name of spaces only names nobody: the email stands in. */
  g_assert_cmpstr (short_none, ==, "n@shop.ua");
}

int
main (int argc, char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/account/documented-example", test_documented_example);
  g_test_add_func ("/account/opened-shift-types", test_opened_shift_types);
  g_test_add_func ("/account/developer-id-types", test_developer_id_types);
  g_test_add_func ("/account/only-token", test_only_token);
  g_test_add_func ("/account/jwt-wins", test_jwt_wins);
  g_test_add_func ("/account/malformed-file", test_malformed_file);
  g_test_add_func ("/account/bad-bytes", test_bad_bytes);
  g_test_add_func ("/account/summary-roundtrip", test_summary_roundtrip);
  g_test_add_func ("/account/masked-drfo", test_masked_drfo);
  g_test_add_func ("/account/names", test_names);
  g_test_add_func ("/account/writer-strict", test_writer_strict);
  g_test_add_func ("/account/planted-long-text", test_planted_long_text);
  g_test_add_func ("/account/numbers-beyond-64-bits", test_numbers_beyond_64_bits);
  g_test_add_func ("/account/unusable-tokens", test_unusable_tokens);
  return g_test_run ();
}
