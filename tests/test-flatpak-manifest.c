/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-flatpak-manifest.c: the Flatpak manifest, checked here because Flathub cannot be
 * reached from the machines that build this: it matches the build, grants what README.md
 * asks for and nothing broader, and every download in it is pinned. */
#include <string.h>
#include <json-glib/json-glib.h>
#include "test-util.h"

static JsonParser *parser;

static JsonObject *
load_manifest (void)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (parser == NULL)
    {
      g_autoptr(JsonParser) fresh = json_parser_new ();
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "flatpak",
                                                     CD_APP_ID ".json", NULL);

      json_parser_load_from_file (fresh, path, &error);
      g_assert_no_error (error);
      parser = g_steal_pointer (&fresh);
    }

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* NULL when the member is missing or is not an array. */
static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/* NULL when the member is missing or is not an array; fails the test when an element is
 * not a string. */
static GPtrArray *
member_strings (JsonObject *object,
                const char *member)
{
  JsonArray *array = member_array (object, member);
  GPtrArray *strings;

  if (array == NULL)
    return NULL;

  strings = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
      g_ptr_array_add (strings, (gpointer) json_node_get_string (node));
    }
  return strings;
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *wanted)
{
  if (strings == NULL)
    return FALSE;
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), wanted) == 0)
      return TRUE;
  return FALSE;
}

/* Modules nest; a module given as a file name would be a part this test cannot see. */
static void
collect_modules (JsonArray *modules,
                 GPtrArray *into)
{
  for (guint i = 0; modules != NULL && i < json_array_get_length (modules); i++)
    {
      JsonNode *node = json_array_get_element (modules, i);
      JsonObject *module;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_test_message ("module %u is not written inline", i);
          g_test_fail ();
          continue;
        }
      module = json_node_get_object (node);
      g_ptr_array_add (into, module);
      collect_modules (member_array (module, "modules"), into);
    }
}

static GPtrArray *
all_modules (void)
{
  JsonObject *root = load_manifest ();
  GPtrArray *modules = g_ptr_array_new ();

  collect_modules (member_array (root, "modules"), modules);
  g_assert_cmpuint (modules->len, >, 0);
  return modules;
}

static JsonObject *
find_module (const char *name)
{
  g_autoptr(GPtrArray) modules = all_modules ();

  for (guint i = 0; i < modules->len; i++)
    if (g_strcmp0 (member_string (g_ptr_array_index (modules, i), "name"), name) == 0)
      return g_ptr_array_index (modules, i);
  return NULL;
}

static JsonObject *
object_element (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static void
test_app_id (void)
{
  JsonObject *root = load_manifest ();
  const char *id = member_string (root, "id");
  const char *app_id = member_string (root, "app-id");

  /* flatpak-builder reads either name; "id" is the current one. */
  g_assert_true (id != NULL || app_id != NULL);
  if (id != NULL)
    g_assert_cmpstr (id, ==, CD_APP_ID);
  if (app_id != NULL)
    g_assert_cmpstr (app_id, ==, CD_APP_ID);
}

static void
test_command (void)
{
  g_assert_cmpstr (member_string (load_manifest (), "command"), ==, CD_APP_COMMAND);
}

static void
test_runtime (void)
{
  JsonObject *root = load_manifest ();
  const char *version = member_string (root, "runtime-version");
  g_autoptr(GError) error = NULL;
  guint64 major = 0;

  g_assert_cmpstr (member_string (root, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (member_string (root, "sdk"), ==, "org.gnome.Sdk");

  /* A number, not "master": nightly runtimes change under a release. GNOME 50 is the
   * oldest that is still maintained. */
  g_assert_nonnull (version);
  g_ascii_string_to_unsigned (version, 10, 50, G_MAXUINT, &major, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (major, >=, 50);
}

static void
test_finish_args (void)
{
  g_autoptr(GPtrArray) args = member_strings (load_manifest (), "finish-args");
  const char *required[] = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    /* The host keyring, so that other programs read the token (README.md). */
    "--talk-name=org.freedesktop.secrets",
  };
  const char *forbidden_prefixes[] = {
    "--socket=x11",
    "--socket=session-bus",
    "--socket=system-bus",
    "--device=all",
    "--filesystem=",
    "--talk-name=org.freedesktop.Flatpak",
  };

  g_assert_nonnull (args);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (!strings_contain (args, required[i]))
        g_test_message ("finish-args lack %s", required[i]);
      g_assert_true (strings_contain (args, required[i]));
    }

  for (guint i = 0; i < args->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (forbidden_prefixes); j++)
      {
        const char *arg = g_ptr_array_index (args, i);

        if (g_str_has_prefix (arg, forbidden_prefixes[j]))
          {
            g_test_message ("finish-args grant %s, which the app does not need", arg);
            g_test_fail ();
          }
      }
}

static void
test_libsecret (void)
{
  JsonObject *module = find_module ("libsecret");
  g_autoptr(GPtrArray) opts = NULL;

  g_assert_nonnull (module);
  g_assert_cmpstr (member_string (module, "buildsystem"), ==, "meson");
  opts = member_strings (module, "config-opts");
  g_assert_nonnull (opts);

  /* Without its file backend, libsecret in the sandbox talks to the host's Secret
   * Service instead of a file only this app can read. The option was -Dgcrypt=false
   * until libsecret 0.21.2, and -Dcrypto=disabled since. */
  g_assert_true (strings_contain (opts, "-Dgcrypt=false")
                 || strings_contain (opts, "-Dcrypto=disabled"));
  g_assert_false (strings_contain (opts, "-Dgcrypt=true"));
  g_assert_false (strings_contain (opts, "-Dcrypto=libgcrypt"));
  g_assert_false (strings_contain (opts, "-Dcrypto=gnutls"));
}

static void
check_source_pinned (const char *module_name,
                     JsonObject *source)
{
  const char *type = member_string (source, "type");
  gboolean remote = json_object_has_member (source, "url")
                    || json_object_has_member (source, "mirror-urls");
  gboolean pinned;

  g_assert_nonnull (type);

  if (g_str_equal (type, "git"))
    {
      const char *commit = member_string (source, "commit");
      const char *tag = member_string (source, "tag");

      pinned = (commit != NULL && is_hex (commit, 40)) || (tag != NULL && *tag != '\0');
    }
  else if (g_str_equal (type, "archive") || g_str_equal (type, "file")
           || g_str_equal (type, "extra-data"))
    pinned = !remote || is_hex (member_string (source, "sha256"), 64);
  else if (g_str_equal (type, "svn") || g_str_equal (type, "bzr"))
    pinned = member_string (source, "revision") != NULL;
  else if (g_str_equal (type, "dir") || g_str_equal (type, "patch")
           || g_str_equal (type, "script") || g_str_equal (type, "shell")
           || g_str_equal (type, "inline"))
    pinned = !remote;
  else
    pinned = FALSE;

  if (!pinned)
    {
      g_test_message ("module %s: a %s source is not pinned", module_name, type);
      g_test_fail ();
    }
}

static void
test_pinned (void)
{
  g_autoptr(GPtrArray) modules = all_modules ();

  for (guint i = 0; i < modules->len; i++)
    {
      JsonObject *module = g_ptr_array_index (modules, i);
      const char *name = member_string (module, "name");
      JsonArray *sources = member_array (module, "sources");

      g_assert_nonnull (name);
      g_assert_nonnull (sources);
      g_assert_cmpuint (json_array_get_length (sources), >, 0);
      for (guint j = 0; j < json_array_get_length (sources); j++)
        check_source_pinned (name, object_element (sources, j));
    }
}

/* The app is built last, from this source tree, against everything before it. */
static JsonObject *
app_module (void)
{
  JsonArray *modules = member_array (load_manifest (), "modules");
  JsonObject *module;

  g_assert_nonnull (modules);
  g_assert_cmpuint (json_array_get_length (modules), >, 0);
  module = object_element (modules, json_array_get_length (modules) - 1);
  g_assert_cmpstr (member_string (module, "name"), ==, CD_APP_COMMAND);
  return module;
}

static void
test_app_module (void)
{
  JsonObject *module = app_module ();
  JsonArray *sources = member_array (module, "sources");
  JsonObject *source;

  g_assert_cmpstr (member_string (module, "buildsystem"), ==, "meson");
  g_assert_nonnull (sources);
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  source = object_element (sources, 0);
  g_assert_cmpstr (member_string (source, "type"), ==, "dir");
  g_assert_cmpstr (member_string (source, "path"), ==, "..");
  g_assert_true (json_object_get_boolean_member_with_default (module, "run-tests", FALSE));
}

static gboolean
in_suite (JsonObject *test,
          const char *suite)
{
  g_autoptr(GPtrArray) suites = member_strings (test, "suite");
  g_autofree char *qualified = g_strconcat (":", suite, NULL);

  for (guint i = 0; suites != NULL && i < suites->len; i++)
    {
      const char *name = g_ptr_array_index (suites, i);

      if (g_str_equal (name, suite) || g_str_has_suffix (name, qualified))
        return TRUE;
    }
  return FALSE;
}

/* The build sandbox has loopback networking but no display, no session bus and no
 * keyring, so the app module runs by name the tests that need none of them, and the
 * tests of this build say which those are: every core and demo test that asks for no
 * session (CD_TEST_SESSION) and is not run through build-aux/test-session. A test added,
 * renamed or moved into a session fails here, instead of silently dropping out of the
 * Flatpak build (meson test ignores unknown names). */
static void
test_sandbox_tests (void)
{
  g_autoptr(GPtrArray) commands = NULL;
  g_autofree char *intro_path = NULL;
  g_autoptr(JsonParser) intro = json_parser_new ();
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *tests;

  /* An empty test-rule keeps flatpak-builder from running `ninja test`, all of it. */
  g_assert_cmpstr (member_string (app_module (), "test-rule"), ==, "");
  commands = member_strings (app_module (), "test-commands");
  g_assert_nonnull (commands);
  g_assert_cmpuint (commands->len, ==, 1);

  g_shell_parse_argv (g_ptr_array_index (commands, 0), NULL, &argv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), >, 2);
  g_assert_cmpstr (argv[0], ==, "meson");
  g_assert_cmpstr (argv[1], ==, "test");
  for (guint i = 2; argv[i] != NULL; i++)
    {
      /* Options that take a value would read as test names here. */
      if (g_str_equal (argv[i], "--no-rebuild") || g_str_equal (argv[i], "--print-errorlogs"))
        continue;
      g_assert_false (g_str_has_prefix (argv[i], "-"));
      g_hash_table_add (named, argv[i]);
    }

  intro_path = g_test_build_filename (G_TEST_BUILT, "..", "meson-info", "intro-tests.json",
                                      NULL);
  json_parser_load_from_file (intro, intro_path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (intro)));
  tests = json_node_get_array (json_parser_get_root (intro));

  for (guint i = 0; i < json_array_get_length (tests); i++)
    {
      JsonObject *test = object_element (tests, i);
      const char *name = member_string (test, "name");
      g_autoptr(GPtrArray) cmd = member_strings (test, "cmd");
      gboolean in_session;
      gboolean wanted;

      g_assert_nonnull (name);
      g_assert_nonnull (cmd);
      g_assert_cmpuint (cmd->len, >, 0);
      in_session = g_str_has_suffix (g_ptr_array_index (cmd, 0), "/test-session")
                   || (json_object_has_member (test, "env")
                       && json_object_has_member (json_object_get_object_member (test, "env"),
                                                  "CD_TEST_SESSION"));
      wanted = !in_session && (in_suite (test, "core") || in_suite (test, "demo"));

      if (wanted != g_hash_table_contains (named, name))
        {
          g_test_message ("the Flatpak build %s test %s, which %s",
                          wanted ? "does not run" : "runs", name,
                          wanted ? "needs no session" : "it cannot run there");
          g_test_fail ();
        }
      g_hash_table_remove (named, name);
    }

  if (g_hash_table_size (named) > 0)
    {
      g_test_message ("the Flatpak build names %u test(s) this build does not have",
                      g_hash_table_size (named));
      g_test_fail ();
    }
}

int
main (int argc, char **argv)
{
  int status;

  test_init (&argc, &argv);
  g_test_add_func ("/flatpak-manifest/app-id", test_app_id);
  g_test_add_func ("/flatpak-manifest/command", test_command);
  g_test_add_func ("/flatpak-manifest/runtime", test_runtime);
  g_test_add_func ("/flatpak-manifest/finish-args", test_finish_args);
  g_test_add_func ("/flatpak-manifest/libsecret", test_libsecret);
  g_test_add_func ("/flatpak-manifest/pinned", test_pinned);
  g_test_add_func ("/flatpak-manifest/app-module", test_app_module);
  g_test_add_func ("/flatpak-manifest/sandbox-tests", test_sandbox_tests);
  status = g_test_run ();
  g_clear_object (&parser);
  return status;
}
