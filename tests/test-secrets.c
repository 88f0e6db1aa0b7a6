/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-secrets.c: what cashdesk-token gives away and what it keeps, run as other
 * programs run it, against the cashdesk-demo-server program and the session's real
 * keyring (build-aux/test-session):
 *  - a hostile server or untrusted TLS ends in exit code 4 or 5, and nothing is stored;
 *  - with every debug message on, the password appears in no output, nor the token;
 *  - after sign-in and sign-out, no file under the session's HOME and XDG folders holds
 *    the password or the token (the keyring's own file is encrypted);
 *  - a libsecret that keeps secrets in a file of its own leaves no token there;
 *  - the faults of a desktop: a locked keyring, no network at all, the keyring daemon
 *    dying between sign-in and store. */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-json-strict.h"
#include "test-keyring.h"
#include "test-process.h"
#include "test-util.h"

#define TOKEN_SCHEMA TEST_TOKEN_SCHEMA
#define ACCOUNT_SCHEMA TEST_ACCOUNT_SCHEMA
/* The one sample password distinctive enough to search files for. */
#define QUOTING_EMAIL "quoting@demo.test"
#define QUOTING_PASSWORD "Пароль \"з\" \\лапками\\ 🔑"
#define QUOTING_PASSWORD_JSON "Пароль \\\"з\\\" \\\\лапками\\\\ 🔑"
#define SLOW_DELAY_MS "2000"
#define RUN_DEADLINE_SECONDS 30

typedef struct {
  GSubprocess *process;
  char        *url;
} DemoProgram;

static DemoProgram demo;
static DemoProgram demo_tls;
static DemoProgram demo_wrong_name;
static char *token_program;

static char *
tls_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "tls", name, NULL);
}

static void
demo_program_start (DemoProgram *program,
                    const char  *certificate)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("--slow-delay"));
  g_ptr_array_add (args, g_strdup (SLOW_DELAY_MS));
  if (certificate != NULL)
    {
      g_autofree char *pem = g_strconcat (certificate, ".pem", NULL);
      g_autofree char *key = g_strconcat (certificate, ".key", NULL);

      g_ptr_array_add (args, g_strdup ("--tls-certificate"));
      g_ptr_array_add (args, tls_file (pem));
      g_ptr_array_add (args, g_strdup ("--tls-key"));
      g_ptr_array_add (args, tls_file (key));
    }
  g_ptr_array_add (args, NULL);
  program->process = test_demo_program_start ((const char *const *) args->pdata, &program->url);
}

static void
demo_program_stop (DemoProgram *program)
{
  test_demo_program_stop (&program->process);
  g_clear_pointer (&program->url, g_free);
}

/* Spawns `[@wrapper...] cashdesk-token ARGS` against @server; @debug turns every debug
 * message on. */
static GSubprocess *
spawn_cli (const char         *server,
           gboolean            debug,
           const char *const  *wrapper,
           const char *const  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = test_launcher_new (TRUE);
  g_subprocess_launcher_setenv (launcher, "CASHDESK_API_URL", server, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "CASHDESK_DEVELOPER_ID");
  if (debug)
    /* libsoup 3 and GIO log through GLib's structured logging: this is all of it. */
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");

  if (wrapper != NULL)
    g_strv_builder_addv (builder, (const char **) wrapper);
  g_strv_builder_add (builder, token_program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);
  return process;
}

static void
run_cli (CliRun            *run,
         const char        *server,
         gboolean           debug,
         const char        *input,
         const char *const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (server, debug, NULL, args);

  test_run_finish (process, input, RUN_DEADLINE_SECONDS, run);
}

/* The contract for errors: one line, `cashdesk-token: MESSAGE`. */
static void
assert_error_line (const CliRun *run,
                   int           status)
{
  if (run->status != status)
    g_test_message ("stdout: %s\nstderr: %s", run->out, run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "cashdesk-token: "));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

/* What secret-tool finds under @schema, for any server and email: "" for nothing. */
static char *
secret_tool_search (const char *schema)
{
  const char *const args[] = { "search", "--all", "--unlock", "xdg:schema", schema, NULL };
  g_auto(CliRun) run = { 0 };

  test_secret_tool (args, NULL, &run);
  /* secret-tool prints the items with their attributes and secrets on stdout, and the
   * item paths on stderr; an error would be on stderr too. */
  if (run.status != 0)
    g_assert_cmpstr (run.out, ==, "");
  return g_strconcat (run.out, run.err, NULL);
}

static void
assert_nothing_stored (void)
{
  g_autofree char *tokens = secret_tool_search (TOKEN_SCHEMA);
  g_autofree char *accounts = secret_tool_search (ACCOUNT_SCHEMA);

  g_assert_cmpstr (tokens, ==, "");
  g_assert_cmpstr (accounts, ==, "");
}

/* The token of @email, which must be there. */
static char *
secret_tool_lookup (const char *email)
{
  char *token = test_secret_tool_lookup (email);

  g_assert_nonnull (token);
  g_assert_true (g_str_has_prefix (token, "Bearer "));
  return token;
}

static void
sign_out_all (void)
{
  const char *const args[] = { "sign-out", "--all", NULL };
  g_auto(CliRun) run = { 0 };

  run_cli (&run, demo.url, FALSE, NULL, args);
  g_assert_true (run.status == 0 || run.status == 3);
}

typedef struct {
  const char *email;
  int         status;   /* 4: unreachable, 5: an unusable answer */
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "hang@demo.test", 4 },
  { "drip@demo.test", 4 },
  { "huge@demo.test", 5 },
  { "huge-name@demo.test", 5 },
  { "gzip-bomb@demo.test", 5 },
  { "deep@demo.test", 5 },
  { "bad-utf8@demo.test", 5 },
  { "nul@demo.test", 5 },
  { "two-values@demo.test", 5 },
  { "redirect-http@demo.test", 5 },
  { "redirect-host@demo.test", 5 },
  { "reset@demo.test", 4 },
  { "http10-huge@demo.test", 5 },
  { "huge-number@demo.test", 5 },
  { "token-bearer-only@demo.test", 5 },
  { "token-space@demo.test", 5 },
  { "token-number@demo.test", 5 },
  { "token-exponent@demo.test", 5 },
  { "status-407@demo.test", 4 },
  { "status-304@demo.test", 5 },
  { "status-206@demo.test", 5 },
  { "status-201@demo.test", 5 },
};

static void
test_hostile_stores_nothing (void)
{
  sign_out_all ();

  for (gsize i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      const char *const args[] = { "sign-in", "--email", hostile_cases[i].email,
                                   "--timeout", "2", "--json", NULL };
      g_auto(CliRun) run = { 0 };
      gint64 start = g_get_monotonic_time ();

      run_cli (&run, demo.url, FALSE, "demo\n", args);
      g_test_message ("%s: exit %d after %.2f s: %s", hostile_cases[i].email, run.status,
                      (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND, run.err);
      assert_error_line (&run, hostile_cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);
    }
  assert_nothing_stored ();
}

static void
test_untrusted_tls_stores_nothing (void)
{
  const char *const args[] = { "sign-in", "--email", "cashier@demo.test", "--json", NULL };
  const char *const servers[] = { demo_tls.url, demo_wrong_name.url };

  sign_out_all ();
  for (gsize i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_auto(CliRun) run = { 0 };

      g_assert_true (g_str_has_prefix (servers[i], "https://"));
      run_cli (&run, servers[i], FALSE, "demo\n", args);
      assert_error_line (&run, 4);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "certificate"));
    }
  assert_nothing_stored ();
}

static void
assert_absent (const char *haystack,
               gsize       length,
               const char *needle,
               const char *where)
{
  if (memmem (haystack, length, needle, strlen (needle)) != NULL)
    g_error ("%s holds a secret (%zu bytes searched)", where, length);
}

static void
assert_no_password (const char *text,
                    const char *where)
{
  assert_absent (text, strlen (text), QUOTING_PASSWORD, where);
  assert_absent (text, strlen (text), QUOTING_PASSWORD_JSON, where);
  assert_absent (text, strlen (text), "лапками", where);
}

static void
test_debug_output (void)
{
  const char *const args[] = { "sign-in", "--email", QUOTING_EMAIL, "--json", NULL };
  const char *const human[] = { "sign-in", "--email", QUOTING_EMAIL, NULL };
  const char *const status[] = { "status", NULL };
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) wrong = { 0 };
  g_auto(CliRun) again = { 0 };
  g_auto(CliRun) listed = { 0 };
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *token = NULL;

  sign_out_all ();
  run_cli (&run, demo.url, TRUE, QUOTING_PASSWORD "\n", args);
  if (run.status != 0)
    g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  /* The debug messages really were on (otherwise this test would prove nothing), and on
   * standard error: standard output stays the one JSON object of the contract. */
  g_assert_nonnull (strstr (run.err, "-DEBUG: "));
  g_assert_null (strstr (run.out, "-DEBUG: "));
  g_assert_true (g_str_has_prefix (run.out, "{"));
  parsed = json_from_string (run.out, NULL);
  g_assert_nonnull (parsed);
  assert_no_password (run.out, "the standard output of sign-in");
  assert_no_password (run.err, "the debug output of sign-in");

  token = secret_tool_lookup (QUOTING_EMAIL);
  assert_absent (run.out, strlen (run.out), token, "the standard output of sign-in");
  assert_absent (run.err, strlen (run.err), token, "the debug output of sign-in");

  run_cli (&again, demo.url, TRUE, QUOTING_PASSWORD "\n", human);
  g_assert_cmpint (again.status, ==, 0);
  assert_no_password (again.out, "the summary of sign-in");
  assert_no_password (again.err, "the debug output of sign-in");
  assert_absent (again.out, strlen (again.out), token, "the summary of sign-in");
  assert_absent (again.err, strlen (again.err), token, "the debug output of sign-in");

  run_cli (&listed, demo.url, TRUE, NULL, status);
  g_assert_cmpint (listed.status, ==, 0);
  assert_absent (listed.out, strlen (listed.out), token, "the output of status");
  assert_absent (listed.err, strlen (listed.err), token, "the debug output of status");

  /* The server's refusal is printed; the password that was refused is not. */
  run_cli (&wrong, demo.url, TRUE, QUOTING_PASSWORD " wrong\n", args);
  g_assert_cmpint (wrong.status, ==, 2);
  assert_no_password (wrong.out, "the standard output of a refused sign-in");
  assert_no_password (wrong.err, "the debug output of a refused sign-in");
}

/* Every regular file under @path, searched for @needles (lstat: links are not followed,
 * sockets and pipes are not files). Returns how many files were searched. */
static guint
assert_no_file_holds (const char        *path,
                      const char *const *needles)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint searched = 0;
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  if (S_ISREG (st.st_mode))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      for (const char *const *needle = needles; *needle != NULL; needle++)
        assert_absent (contents, length, *needle, path);
      return 1;
    }
  if (!S_ISDIR (st.st_mode))
    return 0;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      searched += assert_no_file_holds (child, needles);
    }
  return searched;
}

static void
assert_session_holds_no_secret (const char *token)
{
  const char *const needles[] = { QUOTING_PASSWORD, QUOTING_PASSWORD_JSON, "лапками",
                                  token, strrchr (token, '.') + 1, NULL };
  guint searched = assert_no_file_holds (g_getenv ("CD_TEST_SESSION_DIR"), needles);

  /* At least the keyring file and the daemons' logs. */
  g_assert_cmpuint (searched, >=, 2);
}

static void
test_nothing_on_disk (void)
{
  const char *const sign_in[] = { "sign-in", "--email", QUOTING_EMAIL, "--json", NULL };
  const char *const sign_out[] = { "sign-out", "--email", QUOTING_EMAIL, NULL };
  g_autofree char *keyring = g_build_filename (g_get_user_data_dir (), "keyrings",
                                               "login.keyring", NULL);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) out = { 0 };
  g_autofree char *token = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), g_getenv ("CD_TEST_SESSION_DIR")));
  sign_out_all ();
  run_cli (&run, demo.url, FALSE, QUOTING_PASSWORD "\n", sign_in);
  g_assert_cmpint (run.status, ==, 0);
  token = secret_tool_lookup (QUOTING_EMAIL);

  /* Stored: the keyring is on disk, and it is the only place the token is, encrypted. */
  g_assert_cmpint (g_stat (keyring, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  assert_session_holds_no_secret (token);

  run_cli (&out, demo.url, FALSE, NULL, sign_out);
  g_assert_cmpint (out.status, ==, 0);
  assert_nothing_stored ();
  assert_session_holds_no_secret (token);
}

/* Signed in, but not stored: the summary is printed with "stored": false, and exit 6. */
static void
assert_signed_in_not_stored (const CliRun *run,
                             const char   *email)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *summary;

  assert_error_line (run, 6);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  summary = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member_with_default (summary, "stored", TRUE));
  g_assert_cmpstr (json_object_get_string_member_with_default (summary, "email", NULL), ==,
                   email);
}

static void
test_locked_keyring (void)
{
  const char *const args[] = { "sign-in", "--email", "cashier@demo.test", "--json", NULL };
  g_auto(CliRun) run = { 0 };

  sign_out_all ();
  test_keyring_set_locked (TRUE);
  run_cli (&run, demo.url, FALSE, "demo\n", args);
  test_keyring_set_locked (FALSE);

  assert_signed_in_not_stored (&run, "cashier@demo.test");
  assert_nothing_stored ();
}

/* Like finish_cli(), for input that is not text (NUL bytes, another charset). */
static void
run_cli_bytes (CliRun            *run,
               const char        *server,
               const char        *input,
               gsize              length,
               const char *const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (server, FALSE, NULL, args);
  g_autoptr(GBytes) in = g_bytes_new (input, length);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_async (process, in, NULL, test_store_result, &result);
  test_wait_for_result (&result, RUN_DEADLINE_SECONDS);
  g_subprocess_communicate_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->out = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
}

/* Another program writes an item: `secret-tool store` with @secret on its input. */
static void
secret_tool_store (const char *schema,
                   const char *server,
                   const char *email,
                   const char *expires,
                   const char *secret)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                              G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              "secret-tool", "store", "--label=Planted", "xdg:schema", schema,
                              "server", server, "email", email,
                              expires != NULL ? "expires" : NULL, expires, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, secret, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("secret-tool store failed: %s", err);
}

/* How many items secret-tool finds under @schema for @email. */
static guint
secret_tool_count (const char *schema,
                   const char *email)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  guint count = 0;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "secret-tool", "search", "--all", "xdg:schema", schema,
                              "email", email, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* One "label = ..." line per item. */
  for (const char *p = out; (p = strstr (p, "label = ")) != NULL; p++)
    count++;
  return count;
}

static void
assert_no_unsafe_text (const char *text,
                       const char *where)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        g_error ("%s is not UTF-8: %s", where, text);
      if (c == '\n')
        continue;
      if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) ||
          (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
          (c >= 0x2066 && c <= 0x2069) || c == 0xfeff || c == 0x2028 || c == 0x2029)
        g_error ("%s holds U+%04X: %s", where, c, text);
    }
}

/* What a hostile server's text becomes on the way out: strict JSON (U+001F escaped, which
 * json-glib 1.6 left raw and Python's json refused), and no control, invisible or
 * direction-changing character on a terminal, in a summary or an error line. */
static void
test_server_text (void)
{
  const char *const json[] = { "sign-in", "--email", "control-name@demo.test", "--json", NULL };
  const char *const human[] = { "sign-in", "--email", "control-name@demo.test", NULL };
  const char *const bidi[] = { "sign-in", "--email", "bidi-message@demo.test", NULL };
  const char *const status_json[] = { "status", "--json", NULL };
  const char *const status[] = { "status", NULL };
  g_auto(CliRun) signed_in = { 0 };
  g_auto(CliRun) summary = { 0 };
  g_auto(CliRun) refused = { 0 };
  g_auto(CliRun) listed_json = { 0 };
  g_auto(CliRun) listed = { 0 };

  sign_out_all ();
  run_cli (&signed_in, demo.url, FALSE, "demo\n", json);
  g_assert_cmpint (signed_in.status, ==, 0);
  assert_strict_json (signed_in.out);
  assert_no_unsafe_text (signed_in.out, "sign-in --json");
  g_assert_nonnull (strstr (signed_in.out, "Контроль"));

  run_cli (&summary, demo.url, FALSE, "demo\n", human);
  g_assert_cmpint (summary.status, ==, 0);
  assert_no_unsafe_text (summary.out, "the summary of sign-in");
  g_assert_nonnull (strstr (summary.out, "Контроль"));

  run_cli (&listed_json, demo.url, FALSE, NULL, status_json);
  g_assert_cmpint (listed_json.status, ==, 0);
  assert_strict_json (listed_json.out);
  g_assert_nonnull (strstr (listed_json.out, "control-name@demo.test"));

  run_cli (&listed, demo.url, FALSE, NULL, status);
  g_assert_cmpint (listed.status, ==, 0);
  assert_no_unsafe_text (listed.out, "status");

  run_cli (&refused, demo.url, FALSE, "demo\n", bidi);
  assert_error_line (&refused, 2);
  assert_no_unsafe_text (refused.err, "the error line");
  g_assert_nonnull (strstr (refused.err, "Невірний нігол або пароль"));
}

/* A token that carries no credentials is refused (exit 5) and does not replace the one
 * kept for that account. */
static void
test_unusable_token_keeps_previous (void)
{
  const char *const emails[] = { "token-bearer-only@demo.test", "token-space@demo.test",
                                 "token-number@demo.test", "token-exponent@demo.test" };

  sign_out_all ();
  for (gsize i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      const char *const args[] = { "sign-in", "--email", emails[i], "--json", NULL };
      const char *const get[] = { "get", "--email", emails[i], NULL };
      g_autofree char *good = g_strdup_printf ("Bearer good-token-%zu", i);
      g_autofree char *expected = g_strconcat (good, "\n", NULL);
      g_auto(CliRun) run = { 0 };
      g_auto(CliRun) got = { 0 };

      secret_tool_store (TOKEN_SCHEMA, demo.url, emails[i], NULL, good);
      run_cli (&run, demo.url, FALSE, "demo\n", args);
      assert_error_line (&run, 5);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "unusable token"));

      run_cli (&got, demo.url, FALSE, NULL, get);
      g_assert_cmpint (got.status, ==, 0);
      g_assert_cmpstr (got.out, ==, expected);
    }
  sign_out_all ();
}

/* The password from standard input: text in another charset and NUL bytes are refused
 * (exit 1, nothing sent), and the limit is what the message says. */
static void
test_password_input (void)
{
  const char *const args[] = { "sign-in", "--email", "cashier@demo.test", "--no-store", NULL };
  /* "пароль" in CP1251, and in KOI8-U. */
  static const char cp1251[] = "\xef\xe0\xf0\xee\xeb\xfc\n";
  static const char koi8u[] = "\xd0\xc1\xd2\xcf\xcc\xd8\n";
  static const char with_nul[] = "de\0mo\n";
  g_autofree char *longest = g_strnfill (4096, 'x');
  g_autofree char *too_long = g_strnfill (4097, 'x');
  g_autofree char *longest_line = g_strconcat (longest, "\r\n", NULL);
  g_autofree char *too_long_line = g_strconcat (too_long, "\n", NULL);
  g_auto(CliRun) charset = { 0 };
  g_auto(CliRun) koi = { 0 };
  g_auto(CliRun) nul = { 0 };
  g_auto(CliRun) limit = { 0 };
  g_auto(CliRun) over = { 0 };

  run_cli_bytes (&charset, demo.url, cp1251, sizeof cp1251 - 1, args);
  assert_error_line (&charset, 1);
  g_assert_nonnull (strstr (charset.err, "UTF-8"));
  run_cli_bytes (&koi, demo.url, koi8u, sizeof koi8u - 1, args);
  assert_error_line (&koi, 1);

  run_cli_bytes (&nul, demo.url, with_nul, sizeof with_nul - 1, args);
  assert_error_line (&nul, 1);
  g_assert_nonnull (strstr (nul.err, "NUL"));

  /* Exactly 4096 bytes is accepted and sent: the server finds it wrong. */
  run_cli (&limit, demo.url, FALSE, longest_line, args);
  assert_error_line (&limit, 2);
  g_assert_nonnull (strstr (limit.err, "Невірний логін або пароль"));

  run_cli (&over, demo.url, FALSE, too_long_line, args);
  assert_error_line (&over, 1);
  g_assert_nonnull (strstr (over.err, "longer than 4096 bytes"));
}

/* A developer id with a line break would make libsoup drop the header (with a
 * CRITICAL, fatal here): refused as bad input, from the command line or the
 * environment. */
static void
test_developer_id_line_break (void)
{
  const char *const args[] = { "sign-in", "--email", "cashier@demo.test", "--no-store",
                               "--developer-id", "company\r\nX-Injected: 1", NULL };
  g_auto(CliRun) run = { 0 };

  run_cli (&run, demo.url, FALSE, "demo\n", args);
  assert_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "developer ID"));
  g_assert_cmpstr (run.out, ==, "");
}

/* One server, one spelling: what sign-in stored under http://LOCALHOST:P is found under
 * http://localhost:P/ (and would be under an explicit default port). */
static void
test_server_spelling (void)
{
  g_autofree char *port = g_strdup (strrchr (demo.url, ':') + 1);
  g_autofree char *upper = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *stored_server = NULL;
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) got = { 0 };
  g_auto(CliRun) listed = { 0 };

  *strchr (port, '/') = '\0';
  upper = g_strdup_printf ("HTTP://LOCALHOST:%s/api/v2", port);
  lower = g_strdup_printf ("http://localhost:%s/api/v2/", port);
  stored_server = g_strdup_printf ("\"server\":\"http://localhost:%s/api/v2\"", port);

  sign_out_all ();
  {
    const char *const args[] = { "sign-in", "--email", "cashier@demo.test", "--server", upper, NULL };
    const char *const get[] = { "get", "--email", "cashier@demo.test", "--server", lower, NULL };
    const char *const status[] = { "status", "--json", NULL };

    run_cli (&run, demo.url, FALSE, "demo\n", args);
    g_assert_cmpint (run.status, ==, 0);
    run_cli (&got, demo.url, FALSE, NULL, get);
    g_assert_cmpint (got.status, ==, 0);
    g_assert_true (g_str_has_prefix (got.out, "Bearer "));
    run_cli (&listed, demo.url, FALSE, NULL, status);
    g_assert_nonnull (strstr (listed.out, stored_server));
  }
  sign_out_all ();
}

/* What another program planted in the keyring gets the checks a sign-in's answer gets:
 * a token that is not one printable line, or empty, is not handed out (exit 3), and an
 * email with escape sequences does not reach the terminal. */
static void
test_planted_items (void)
{
  const char *const bad_tokens[] = { "Bearer first\nsecond line", "Bearer \x1b]0;pwned\x07",
                                     " ", "Bearer " };
  const char *const get[] = { "get", "--email", "planted@demo.test", NULL };
  const char *const get_escape[] = { "get", "--email", "escape@demo.test", NULL };
  const char *const get_recent[] = { "get", NULL };
  g_auto(CliRun) expired = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_tokens); i++)
    {
      g_auto(CliRun) run = { 0 };
      g_auto(CliRun) recent = { 0 };

      sign_out_all ();
      secret_tool_store (TOKEN_SCHEMA, demo.url, "planted@demo.test", NULL, bad_tokens[i]);
      run_cli (&run, demo.url, FALSE, NULL, get);
      assert_error_line (&run, 3);
      g_assert_cmpstr (run.out, ==, "");
      assert_no_unsafe_text (run.err, "the error line of get");
      g_assert_nonnull (strstr (run.err, "unusable"));
      /* The most recent sign-in is that one: named, not passed over. */
      run_cli (&recent, demo.url, FALSE, NULL, get_recent);
      assert_error_line (&recent, 3);
      g_assert_cmpstr (recent.out, ==, "");
    }

  sign_out_all ();
  secret_tool_store (TOKEN_SCHEMA, demo.url, "escape@demo.test", "2020-01-01T00:00:00Z",
                     "Bearer expired-token");
  secret_tool_store (ACCOUNT_SCHEMA, demo.url, "escape@demo.test", NULL,
                     "{\"email\":\"esc\\u001b[31mape\\u0007@demo.test\",\"full_name\":\"X\","
                     "\"token_expires_at\":\"2020-01-01T00:00:00Z\"}");
  run_cli (&expired, demo.url, FALSE, NULL, get_escape);
  assert_error_line (&expired, 3);
  assert_no_unsafe_text (expired.err, "the error line of get");
  g_assert_nonnull (strstr (expired.err, "escape@demo.test"));
  sign_out_all ();
}

static GSubprocess *
spawn_sign_in (const char *email)
{
  const char *const args[] = { "sign-in", "--email", email, "--json", NULL };

  return spawn_cli (demo.url, FALSE, NULL, args);
}

/* Two cashdesk-token sign-ins of one account at the same moment, again and again: one
 * token survives (never none, never an orphaned details item), and a sign-in whose
 * token was not kept says so ("stored": false, exit 6) rather than report success. */
static void
test_concurrent_sign_ins (void)
{
  const char *const get[] = { "get", "--email", "cashier@demo.test", NULL };
  guint superseded = 0;

  sign_out_all ();
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GSubprocess) a = spawn_sign_in ("cashier@demo.test");
      g_autoptr(GSubprocess) b = spawn_sign_in ("cashier@demo.test");
      CliRun runs[2] = { { 0 }, { 0 } };
      guint stored = 0;
      g_auto(CliRun) got = { 0 };
      g_autofree char *kept = NULL;

      GSubprocess *processes[2] = { a, b };
      GAsyncResult *results[2] = { NULL, NULL };

      /* Both get their password before either is waited for. */
      for (guint i = 0; i < 2; i++)
        g_subprocess_communicate_utf8_async (processes[i], "demo\n", NULL, test_store_result,
                                             &results[i]);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          test_wait_for_result (&results[i], RUN_DEADLINE_SECONDS);
          g_subprocess_communicate_utf8_finish (processes[i], results[i], &runs[i].out,
                                                &runs[i].err, &error);
          g_assert_no_error (error);
          g_clear_object (&results[i]);
          if (!g_subprocess_get_if_exited (processes[i]))
            g_error ("round %u: cashdesk-token was killed by signal %d: %s", round,
                     g_subprocess_get_term_sig (processes[i]), runs[i].err);
          runs[i].status = g_subprocess_get_exit_status (processes[i]);
        }
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(JsonNode) summary = json_from_string (runs[i].out, NULL);
          gboolean said_stored;

          g_assert_nonnull (summary);
          said_stored = json_object_get_boolean_member (json_node_get_object (summary), "stored");
          if (runs[i].status == 0)
            {
              g_assert_true (said_stored);
              stored++;
            }
          else
            {
              g_test_message ("round %u: %s", round, runs[i].err);
              assert_signed_in_not_stored (&runs[i], "cashier@demo.test");
              g_assert_nonnull (strstr (runs[i].err, "newer sign-in"));
              superseded++;
            }
          cli_run_clear (&runs[i]);
        }

      g_assert_cmpuint (stored, >=, 1);
      g_assert_cmpuint (secret_tool_count (TOKEN_SCHEMA, "cashier@demo.test"), ==, 1);
      g_assert_cmpuint (secret_tool_count (ACCOUNT_SCHEMA, "cashier@demo.test"), ==, 1);
      kept = secret_tool_lookup ("cashier@demo.test");
      run_cli (&got, demo.url, FALSE, NULL, get);
      g_assert_cmpint (got.status, ==, 0);
      g_assert_true (g_str_has_prefix (got.out, kept));
      g_assert_cmpstr (got.out + strlen (kept), ==, "\n");
    }
  g_test_message ("in 20 rounds, %u sign-ins found a newer one had won", superseded);
  sign_out_all ();
}

/* A network namespace of its own has nothing but a loopback that is down: no network
 * at all, not even DNS, for the production server that is the default. */
static void
test_no_network (void)
{
  const char *const unshare[] = { "unshare", "--net", "--map-root-user", NULL };
  const char *const args[] = { "sign-in", "--email", "cashier@demo.test", "--no-store",
                               "--timeout", "10", NULL };
  g_autoptr(GSubprocess) probe = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };

  probe = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            "unshare", "--net", "--map-root-user", "true", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (probe, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (probe))
    {
      g_test_skip ("this machine allows no network namespace (unshare --net --map-root-user)");
      return;
    }

  process = spawn_cli ("https://api.cashdesk.com.ua/api/v2", FALSE, unshare, args);
  test_run_finish (process, "demo\n", RUN_DEADLINE_SECONDS, &run);
  assert_error_line (&run, 4);
  g_assert_cmpstr (run.out, ==, "");
}

/* Where libsecret is built with its file backend and would choose it (in a Flatpak or
 * a Snap; here SECRET_BACKEND=file), a token stored through libsecret's password API
 * would land in a file only this program can read. The store talks to the Secret
 * Service itself, so the token still reaches the desktop keyring, and no file is made. */
static void
test_file_backend (void)
{
  const char *const args[] = { "sign-in", "--email", "cashier@demo.test", NULL };
  g_autofree char *dir = g_dir_make_tmp ("cd-file-backend-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "default.keyring", NULL);
  g_autofree char *in_keyring = NULL;
  g_auto(CliRun) run = { 0 };

  sign_out_all ();
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  run_cli (&run, demo.url, FALSE, "demo\n", args);
  g_unsetenv ("SECRET_BACKEND");
  g_unsetenv ("SECRET_FILE_TEST_PATH");
  g_unsetenv ("SECRET_FILE_TEST_PASSWORD");

  g_assert_cmpint (run.status, ==, 0);
  in_keyring = test_secret_tool_lookup ("cashier@demo.test");
  g_assert_nonnull (in_keyring);
  g_assert_true (g_str_has_prefix (in_keyring, "Bearer "));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_rmdir (dir));
}

/* While slow@ keeps the sign-in waiting, the keyring daemon dies. Last: it leaves the
 * session without the daemon test-session started. */
static void
test_keyring_dies (void)
{
  const char *const args[] = { "sign-in", "--email", "slow@demo.test", "--json", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_auto(CliRun) run = { 0 };
  gboolean killed = FALSE;

  sign_out_all ();
  process = spawn_cli (demo.url, FALSE, NULL, args);
  g_timeout_add (500, test_kill_keyring, &killed);
  test_run_finish (process, "demo\n", RUN_DEADLINE_SECONDS, &run);
  g_assert_true (killed);

  g_test_message ("exit %d, stderr: %s", run.status, run.err);
  assert_signed_in_not_stored (&run, "slow@demo.test");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_init (&argc, &argv);

  if (!test_keyring_is_real (g_getenv ("CD_TEST_SESSION_KEYRING")))
    g_error ("run this test with meson test, which asks test_init() for a session with a keyring");

  token_program = test_program_path ("src/cli/cashdesk-token");
  demo_program_start (&demo, NULL);
  demo_program_start (&demo_tls, "localhost");
  demo_program_start (&demo_wrong_name, "wrong-name");

  g_test_add_func ("/secrets/hostile-stores-nothing", test_hostile_stores_nothing);
  g_test_add_func ("/secrets/untrusted-tls-stores-nothing", test_untrusted_tls_stores_nothing);
  g_test_add_func ("/secrets/debug-output", test_debug_output);
  g_test_add_func ("/secrets/nothing-on-disk", test_nothing_on_disk);
  g_test_add_func ("/secrets/server-text", test_server_text);
  g_test_add_func ("/secrets/unusable-token-keeps-previous", test_unusable_token_keeps_previous);
  g_test_add_func ("/secrets/password-input", test_password_input);
  g_test_add_func ("/secrets/developer-id-line-break", test_developer_id_line_break);
  g_test_add_func ("/secrets/server-spelling", test_server_spelling);
  g_test_add_func ("/secrets/planted-items", test_planted_items);
  g_test_add_func ("/secrets/concurrent-sign-ins", test_concurrent_sign_ins);
  g_test_add_func ("/secrets/file-backend", test_file_backend);
  g_test_add_func ("/faults/locked-keyring", test_locked_keyring);
  g_test_add_func ("/faults/no-network", test_no_network);
  g_test_add_func ("/faults/keyring-dies", test_keyring_dies);
  status = g_test_run ();

  demo_program_stop (&demo_wrong_name);
  demo_program_stop (&demo_tls);
  demo_program_stop (&demo);
  g_free (token_program);
  return status;
}
