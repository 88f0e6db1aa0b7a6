/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-error.c: HTTP statuses and transport failures mapped onto CD_ERROR. */
#include "cd-error.h"
#include "cd-error-http-private.h"
#include "test-util.h"

static GError *
http (guint status, const char *body, const char *retry_after)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  if (retry_after != NULL)
    soup_message_headers_append (headers, "Retry-After", retry_after);
  return cd_error_new_for_http (status, headers, bytes);
}

static void
test_clean_message (void)
{
  g_autofree char *long_text = g_strnfill (5000, 'x');
  g_autofree char *a = cd_error_clean_server_message ("  Невірний\tлогін\r\nабо   пароль \x1b[31m ");
  g_autofree char *b = cd_error_clean_server_message ("bad \xff byte");
  g_autofree char *c = cd_error_clean_server_message (long_text);

  g_assert_cmpstr (a, ==, "Невірний логін або пароль [31m");
  g_assert_true (g_utf8_validate (b, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (c, -1), ==, 301);
  g_assert_true (g_str_has_suffix (c, "…"));
  g_assert_null (cd_error_clean_server_message (" \n\t "));
  g_assert_null (cd_error_clean_server_message (NULL));
}

static void
test_http (void)
{
  g_autoptr(GError) wrong = http (401, "{\"message\": \"Невірний логін або пароль\", \"type\": \"ERROR\"}", NULL);
  g_autoptr(GError) bare = http (403, NULL, NULL);
  g_autoptr(GError) invalid = http (422, "{\"message\": 42}", NULL);
  g_autoptr(GError) busy = http (429, "{}", "30");
  g_autoptr(GError) busy_date = http (429, NULL, "Wed, 21 Oct 2015 07:28:00 GMT");
  g_autoptr(GError) html = http (502, "<html><body>Bad Gateway</body></html>", NULL);
  g_autoptr(GError) server = http (500, "{\"message\": \"Внутрішня помилка\", \"type\": \"ERROR\"}", NULL);
  g_autoptr(GError) moved = http (302, NULL, NULL);

  g_assert_error (wrong, CD_ERROR, CD_ERROR_REJECTED);
  g_assert_nonnull (strstr (wrong->message, "Невірний логін або пароль"));
  g_assert_error (bare, CD_ERROR, CD_ERROR_REJECTED);
  g_assert_error (invalid, CD_ERROR, CD_ERROR_REJECTED);
  g_assert_nonnull (strstr (invalid->message, "422"));
  g_assert_error (busy, CD_ERROR, CD_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (busy->message, "30"));
  g_assert_error (busy_date, CD_ERROR, CD_ERROR_RATE_LIMITED);
  g_assert_error (html, CD_ERROR, CD_ERROR_SERVER);
  g_assert_nonnull (strstr (html->message, "502"));
  g_assert_null (strstr (html->message, "<html>"));
  g_assert_error (server, CD_ERROR, CD_ERROR_SERVER);
  g_assert_nonnull (strstr (server->message, "Внутрішня помилка"));
  g_assert_error (moved, CD_ERROR, CD_ERROR_PROTOCOL);
}

/* Only 200 is a sign-in (the client asks for nothing else); of the rest, a proxy's 407
 * is the network's fault, and only real redirects are called one. */
static void
test_http_not_a_sign_in (void)
{
  static const guint not_sign_in[] = { 201, 202, 204, 206, 300, 304, 305 };
  static const guint redirects[] = { 301, 302, 303, 307, 308 };
  g_autoptr(GError) proxy = http (407, "{\"message\": \"Proxy says no\"}", NULL);

  g_assert_error (proxy, CD_ERROR, CD_ERROR_NETWORK);
  g_assert_nonnull (strstr (proxy->message, "407"));
  g_assert_null (strstr (proxy->message, "refused"));

  for (gsize i = 0; i < G_N_ELEMENTS (not_sign_in); i++)
    {
      g_autoptr(GError) error = http (not_sign_in[i], "{\"token\": \"Bearer x\"}", NULL);
      g_autofree char *code = g_strdup_printf ("HTTP %u", not_sign_in[i]);

      g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, code));
      g_assert_null (strstr (error->message, "redirect"));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (redirects); i++)
    {
      g_autoptr(GError) error = http (redirects[i], NULL, NULL);

      g_assert_error (error, CD_ERROR, CD_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "redirect"));
    }
}

/* Invisible and direction-changing characters are treated as control characters are. */
static void
test_clean_invisible (void)
{
  g_autofree char *a = cd_error_clean_server_message ("Невірний \u202eнігол\u202c \u2066або\u2069\u200b пароль\ufeff");
  g_autofree char *b = cd_error_clean_server_message ("\u200b\u200e\u200f\u2067\u2068");

  g_assert_cmpstr (a, ==, "Невірний нігол або пароль");
  g_assert_null (b);
}

/* Default_Ignorable code points that are letters or marks by category: the Hangul
 * fillers, the combining grapheme joiner, variation selectors and tags draw as nothing,
 * so they go as the format characters do. Visible letters around them stay. */
static void
test_clean_ignorable (void)
{
  const char *hidden[] = { "ᅟ", "ㅤ", "ﾠ", "͏", "️", "󠄀",
                           "󠁁", "᠋", "­" };

  for (gsize i = 0; i < G_N_ELEMENTS (hidden); i++)
    {
      g_autofree char *name = g_strconcat ("Ivan", hidden[i], "ov", NULL);
      g_autofree char *clean = cd_error_clean_server_message (name);
      g_autofree char *alone = cd_error_clean_server_message (hidden[i]);

      g_assert_cmpstr (clean, ==, "Ivan ov");
      g_assert_null (alone);
    }
  /* Letters of the alphabets around them are not touched: Hangul, Cyrillic, Latin. */
  {
    g_autofree char *kept = cd_error_clean_server_message ("한글 Київ café");

    g_assert_cmpstr (kept, ==, "한글 Київ café");
  }
}

static void
test_transport (void)
{
  g_autoptr(GError) cancelled = cd_error_new_for_transport (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x"), 0);
  g_autoptr(GError) refused = cd_error_new_for_transport (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "x"), 0);
  g_autoptr(GError) dns = cd_error_new_for_transport (g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "x"), 0);
  g_autoptr(GError) tls = cd_error_new_for_transport (g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "x"),
                                                      G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_autoptr(GError) host = cd_error_new_for_transport (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x"),
                                                       G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_autoptr(GError) timeout = cd_error_new_for_transport (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x"), 0);
  g_autoptr(GError) reset = cd_error_new_for_transport (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "x"), 0);

  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (refused, CD_ERROR, CD_ERROR_NETWORK);
  g_assert_error (dns, CD_ERROR, CD_ERROR_NETWORK);
  g_assert_error (tls, CD_ERROR, CD_ERROR_TLS);
  g_assert_error (host, CD_ERROR, CD_ERROR_TLS);
  g_assert_nonnull (strstr (host->message, "different address"));
  g_assert_error (timeout, CD_ERROR, CD_ERROR_TIMEOUT);
  g_assert_error (reset, CD_ERROR, CD_ERROR_NETWORK);
}

int
main (int argc, char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/error/http-not-a-sign-in", test_http_not_a_sign_in);
  g_test_add_func ("/error/clean-invisible", test_clean_invisible);
  g_test_add_func ("/error/clean-ignorable", test_clean_ignorable);
  g_test_add_func ("/error/clean-message", test_clean_message);
  g_test_add_func ("/error/http", test_http);
  g_test_add_func ("/error/transport", test_transport);
  return g_test_run ();
}
