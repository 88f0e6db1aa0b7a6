/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-input.c: emails, the URL policy, configuration precedence, wiping. */
#include "cd-config.h"
#include "cd-error.h"
#include "cd-input.h"
#include "cd-wipe.h"
#include "test-util.h"

static void
test_emails (void)
{
  const char *good[] = { "cashier@demo.test", "i.ivanenko+shift@shop.com.ua", "касир@магазин.укр" };
  const char *bad[] = { "", "cashier", "@demo.test", "cashier@", "cashier@demo", "a@b@c.d",
                        "cash ier@demo.test", "cashier@demo..test", "cashier@.demo.test",
                        "cashier@demo.test.", "cashier@demo.test\n", "\"x\"@demo.test" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (cd_input_email_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (cd_input_email_is_valid (bad[i]));
  g_assert_false (cd_input_email_is_valid (NULL));
  g_assert_false (cd_input_email_is_valid ("a\xff@demo.test"));
}

static void
check_url (const char *url,
           gboolean    allow,
           const char *expected,
           int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = cd_input_normalize_server (url, allow, &error);

  if (expected != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (normal, ==, expected);
    }
  else
    {
      g_assert_error (error, CD_ERROR, code);
      g_assert_null (normal);
    }
}

static void
test_url_policy (void)
{
  check_url ("https://api.cashdesk.com.ua/api/v2", FALSE, "https://api.cashdesk.com.ua/api/v2", 0);
  check_url (" https://api.cashdesk.com.ua/api/v2// ", FALSE, "https://api.cashdesk.com.ua/api/v2", 0);
  check_url ("HTTPS://test.cashdesk.com.ua/api/v2/", FALSE, "https://test.cashdesk.com.ua/api/v2", 0);
  check_url ("http://127.0.0.1:8000/api/v2", FALSE, "http://127.0.0.1:8000/api/v2", 0);
  check_url ("http://127.45.6.7/api/v2", FALSE, "http://127.45.6.7/api/v2", 0);
  check_url ("http://localhost:8001/api/v2", FALSE, "http://localhost:8001/api/v2", 0);
  check_url ("http://[::1]:8000/api/v2", FALSE, "http://[::1]:8000/api/v2", 0);
  check_url ("http://192.168.1.20:8001/api/v2", TRUE, "http://192.168.1.20:8001/api/v2", 0);
  /* One server, one spelling: it becomes a keyring attribute, matched as exact text. */
  check_url ("https://API.CASHDESK.COM.UA:443/api/v2", FALSE, "https://api.cashdesk.com.ua/api/v2", 0);
  check_url ("HTTP://LOCALHOST:8001/api/v2/", FALSE, "http://localhost:8001/api/v2", 0);
  check_url ("http://LocalHost:80/api/v2", FALSE, "http://localhost/api/v2", 0);
  check_url ("https://Test.CashDesk.com.ua:8443/api/v2", FALSE, "https://test.cashdesk.com.ua:8443/api/v2", 0);
  /* A fully qualified name's final dot, and doubled slashes, name the same server. */
  check_url ("https://api.cashdesk.com.ua./api/v2", FALSE, "https://api.cashdesk.com.ua/api/v2", 0);
  check_url ("https://API.CashDesk.com.ua.:443//api//v2//", FALSE, "https://api.cashdesk.com.ua/api/v2", 0);
  check_url ("https://api.cashdesk.com.ua/api///v2", FALSE, "https://api.cashdesk.com.ua/api/v2", 0);
  g_assert_true (cd_config_server_is_production ("https://api.cashdesk.com.ua./api//v2"));
  /* A dot is not a loopback host's: plain HTTP to it is refused as to any other. */
  check_url ("http://localhost./api/v2", FALSE, NULL, CD_ERROR_INSECURE_URL);
  /* The path is the server's to spell. */
  check_url ("https://api.cashdesk.com.ua/API/V2", FALSE, "https://api.cashdesk.com.ua/API/V2", 0);
  g_assert_true (cd_config_server_is_production ("https://API.CASHDESK.COM.UA:443/api/v2"));

  check_url ("http://192.168.1.20:8001/api/v2", FALSE, NULL, CD_ERROR_INSECURE_URL);
  check_url ("http://api.cashdesk.com.ua/api/v2", FALSE, NULL, CD_ERROR_INSECURE_URL);
  check_url ("http://localhost.evil.example/api/v2", FALSE, NULL, CD_ERROR_INSECURE_URL);
  check_url ("ftp://api.cashdesk.com.ua/api/v2", TRUE, NULL, CD_ERROR_INVALID_INPUT);
  check_url ("api.cashdesk.com.ua/api/v2", FALSE, NULL, CD_ERROR_INVALID_INPUT);
  check_url ("", FALSE, NULL, CD_ERROR_INVALID_INPUT);
  check_url (NULL, FALSE, NULL, CD_ERROR_INVALID_INPUT);
  check_url ("https://user:pw@api.cashdesk.com.ua/api/v2", FALSE, NULL, CD_ERROR_INVALID_INPUT);
  check_url ("https://api.cashdesk.com.ua/api/v2?x=1", FALSE, NULL, CD_ERROR_INVALID_INPUT);
  check_url ("https://", FALSE, NULL, CD_ERROR_INVALID_INPUT);

  g_assert_true (cd_config_server_is_production ("https://api.cashdesk.com.ua/api/v2/"));
  g_assert_false (cd_config_server_is_production ("https://test.cashdesk.com.ua/api/v2"));
  g_assert_true (cd_input_server_is_loopback ("http://127.0.0.1:1/api/v2"));
  g_assert_false (cd_input_server_is_loopback ("https://api.cashdesk.com.ua/api/v2"));
}

static void
test_precedence (void)
{
  g_unsetenv ("CASHDESK_API_URL");
  g_unsetenv ("CASHDESK_DEVELOPER_ID");
  g_assert_cmpstr (cd_config_resolve_server (NULL, NULL), ==, CD_SERVER_PRODUCTION);
  g_assert_cmpstr (cd_config_resolve_server (NULL, "https://settings.example/api"), ==, "https://settings.example/api");
  g_assert_cmpstr (cd_config_resolve_server (NULL, ""), ==, CD_SERVER_PRODUCTION);

  g_setenv ("CASHDESK_API_URL", "https://env.example/api", TRUE);
  g_assert_cmpstr (cd_config_resolve_server (NULL, "https://settings.example/api"), ==, "https://env.example/api");
  g_assert_cmpstr (cd_config_resolve_server ("https://cli.example/api", "https://settings.example/api"), ==, "https://cli.example/api");

  g_assert_nonnull (cd_config_resolve_developer_id (NULL, NULL));
  g_assert_cmpstr (cd_config_resolve_developer_id (NULL, "from-settings"), ==, "from-settings");
  g_setenv ("CASHDESK_DEVELOPER_ID", "from-env", TRUE);
  g_assert_cmpstr (cd_config_resolve_developer_id (NULL, "from-settings"), ==, "from-env");
  g_assert_cmpstr (cd_config_resolve_developer_id ("from-cli", "from-settings"), ==, "from-cli");
  g_unsetenv ("CASHDESK_API_URL");
  g_unsetenv ("CASHDESK_DEVELOPER_ID");
}

static void
test_developer_id (void)
{
  g_assert_true (cd_input_developer_id_is_valid ("cashdesk-login"));
  g_assert_true (cd_input_developer_id_is_valid ("Company Ltd 42"));
  g_assert_false (cd_input_developer_id_is_valid (""));
  g_assert_false (cd_input_developer_id_is_valid (NULL));
  g_assert_false (cd_input_developer_id_is_valid ("company\r\nX-Injected: 1"));
  g_assert_false (cd_input_developer_id_is_valid ("company\n"));
  g_assert_false (cd_input_developer_id_is_valid ("tab\there"));
  g_assert_false (cd_input_developer_id_is_valid ("Компанія"));
  /* Spaces alone would go out as an empty header. */
  g_assert_false (cd_input_developer_id_is_valid ("   "));
  g_assert_true (cd_input_developer_id_is_valid (" spaced "));
  {
    g_autofree char *longest = g_strnfill (CD_INPUT_DEVELOPER_ID_MAX, 'x');
    g_autofree char *longer = g_strnfill (CD_INPUT_DEVELOPER_ID_MAX + 1, 'x');
    g_autofree char *huge = g_strnfill (100000, 'x');

    g_assert_true (cd_input_developer_id_is_valid (longest));
    g_assert_false (cd_input_developer_id_is_valid (longer));
    g_assert_false (cd_input_developer_id_is_valid (huge));
  }
}

static void
test_wipe (void)
{
  char buffer[] = "Пароль \"з\" \\лапками\\ 🔑";
  gsize len = sizeof buffer - 1;

  cd_wipe (buffer, len);
  for (gsize i = 0; i < len; i++)
    g_assert_cmpint (buffer[i], ==, 0);
  cd_wipe (NULL, 10);
  cd_wipe_string (NULL);
  cd_wipe_string (g_strdup ("secret"));
}

int
main (int argc, char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/input/emails", test_emails);
  g_test_add_func ("/input/url-policy", test_url_policy);
  g_test_add_func ("/input/precedence", test_precedence);
  g_test_add_func ("/input/developer-id", test_developer_id);
  g_test_add_func ("/input/wipe", test_wipe);
  return g_test_run ();
}
