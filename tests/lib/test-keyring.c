/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-keyring.c: the session's keyring seen from outside. */
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-keyring.h"
#include "test-util.h"

/* What build-aux/test-session unlocks the keyring with. */
#define KEYRING_PASSWORD "test-session"

/* The test's own connection, kept for its whole life: gnome-keyring ties a secret
 * session (OpenSession) to the connection that opened it. */
static GDBusConnection *
test_session_bus (void)
{
  static GDBusConnection *bus;

  if (bus == NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_bus_get (G_BUS_TYPE_SESSION, NULL, test_store_result, &result);
      bus = g_bus_get_finish (test_wait_for_result (&result, 10), &error);
      g_assert_no_error (error);
    }
  return bus;
}

gboolean
test_keyring_is_real (const char *keyring)
{
  return g_strcmp0 (keyring, "gnome-keyring") == 0 || g_strcmp0 (keyring, "keepassxc") == 0;
}

/* The call's reply, or NULL with @error. */
static GVariant *
test_bus_try_call (const char         *name,
                   const char         *path,
                   const char         *interface,
                   const char         *method,
                   GVariant           *parameters,
                   const GVariantType *reply_type,
                   GError            **error)
{
  GDBusConnection *bus = test_session_bus ();
  g_autoptr(GAsyncResult) result = NULL;

  g_dbus_connection_call (bus, name, path, interface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, test_store_result, &result);
  return g_dbus_connection_call_finish (bus, test_wait_for_result (&result, 20), error);
}

GVariant *
test_bus_call (const char         *name,
               const char         *path,
               const char         *interface,
               const char         *method,
               GVariant           *parameters,
               const GVariantType *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = test_bus_try_call (name, path, interface, method, parameters, reply_type,
                                       &error);

  g_assert_no_error (error);
  return reply;
}

void
test_secret_tool (const char *const *args,
                  const char        *input,
                  CliRun            *run)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, "secret-tool");
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  test_run ((const char *const *) argv, input, run);
}

char *
test_secret_tool_lookup (const char *email)
{
  const char *const args[] = { "lookup", "xdg:schema", TEST_TOKEN_SCHEMA, "email", email, NULL };
  g_auto(CliRun) run = { 0 };

  test_secret_tool (args, NULL, &run);
  if (run.status != 0)
    {
      /* Nothing found: exit 1 and no output. */
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      return NULL;
    }
  /* secret-tool adds a newline only when writing to a terminal. */
  return g_steal_pointer (&run.out);
}

/* The collection the default alias names: gnome-keyring's login collection, KeePassXC's
 * database. */
static char *
default_collection (void)
{
  g_autoptr(GVariant) reply = NULL;
  char *path = NULL;

  reply = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                         "org.freedesktop.Secret.Service", "ReadAlias",
                         g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"));
  g_variant_get (reply, "(o)", &path);
  g_assert_cmpstr (path, !=, "/");
  return path;
}

/* gnome-keyring's own tools unlock with the password, through an interface of its own. */
static void
unlock_gnome_keyring (const char *collection)
{
  g_autoptr(GVariant) opened = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *session = NULL;

  opened = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                          "org.freedesktop.Secret.Service", "OpenSession",
                          g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                          G_VARIANT_TYPE ("(vo)"));
  g_variant_get (opened, "(v&o)", NULL, &session);
  reply = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                         "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                         "UnlockWithMasterPassword",
                         g_variant_new ("(o(o@ay@ays))", collection, session,
                                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                                   KEYRING_PASSWORD,
                                                                   strlen (KEYRING_PASSWORD), 1),
                                        "text/plain"),
                         NULL);
}

/* KeePassXC opens its database again through its own D-Bus interface; but while its
 * unlock dialog is open (a prompt nobody answered), only the dialog unlocks it: the
 * password is typed into it, as a person would. */
static void
unlock_keepassxc (void)
{
  const char *const search[] = { "xdotool", "search", "--name", "^Unlock Database", NULL };
  g_auto(CliRun) dialog = { 0 };
  g_autoptr(GVariant) reply = NULL;

  g_assert_nonnull (g_getenv ("CD_TEST_KEEPASSXC_DB"));
  if (g_getenv ("DISPLAY") != NULL)
    test_run (search, NULL, &dialog);
  if (dialog.status == 0 && dialog.out != NULL && *dialog.out != '\0')
    {
      g_autofree char *window = g_strndup (dialog.out, strcspn (dialog.out, "\n"));
      /* Typed into the focused window (XTEST): Qt ignores keys sent to a window, and
       * takes them only once it has seen the focus come (a separate xdotool run; one
       * chained after windowfocus is too early). */
      const char *const focus[] = { "xdotool", "windowfocus", "--sync", window, NULL };
      const char *const type[] = { "xdotool", "type", "--delay", "20", KEYRING_PASSWORD, NULL };
      const char *const enter[] = { "xdotool", "key", "Return", NULL };
      const char *const *steps[] = { focus, type, enter };

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          g_auto(CliRun) run = { 0 };

          test_run (steps[i], NULL, &run);
          g_assert_cmpint (run.status, ==, 0);
        }
      return;
    }
  reply = test_bus_call ("org.keepassxc.KeePassXC.MainWindow", "/keepassxc",
                         "org.keepassxc.KeePassXC.MainWindow", "openDatabase",
                         g_variant_new ("(ss)", g_getenv ("CD_TEST_KEEPASSXC_DB"), KEYRING_PASSWORD),
                         NULL);
}

static gboolean
collection_locked_is (const char *collection,
                      gboolean    locked)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  reply = test_bus_try_call ("org.freedesktop.secrets", collection, "org.freedesktop.DBus.Properties",
                             "Get", g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Locked"),
                             G_VARIANT_TYPE ("(v)"), &error);
  /* KeePassXC takes its database's collection off the bus for a moment while it locks
   * or opens it: not there yet. */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    return FALSE;
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return g_variant_get_boolean (value) == locked;
}

void
test_keyring_set_locked (gboolean locked)
{
  g_autofree char *collection = default_collection ();
  g_autoptr(GVariant) reply = NULL;

  if (locked)
    {
      const char *paths[] = { collection, NULL };

      /* Both lock without asking anyone: KeePassXC's lock prompt completes at once. */
      reply = test_bus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
                             "org.freedesktop.Secret.Service", "Lock",
                             g_variant_new ("(^ao)", paths), G_VARIANT_TYPE ("(aoo)"));
      const char *prompt = NULL;

      g_variant_get (reply, "(@ao&o)", NULL, &prompt);
      if (g_strcmp0 (prompt, "/") != 0)
        g_variant_unref (test_bus_call ("org.freedesktop.secrets", prompt,
                                        "org.freedesktop.Secret.Prompt", "Prompt",
                                        g_variant_new ("(s)", ""), NULL));
    }
  else if (g_strcmp0 (g_getenv ("CD_TEST_SESSION_KEYRING"), "keepassxc") == 0)
    unlock_keepassxc ();
  else
    unlock_gnome_keyring (collection);

  TEST_WAIT_UNTIL (collection_locked_is (collection, locked), 10);
}

GStrv
test_keyring_prompts (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *xml;

  g_dbus_connection_call (test_session_bus (), "org.freedesktop.secrets",
                          "/org/freedesktop/secrets/prompt", "org.freedesktop.DBus.Introspectable",
                          "Introspect", NULL, G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, test_store_result, &result);
  reply = g_dbus_connection_call_finish (test_session_bus (), test_wait_for_result (&result, 20),
                                         &error);
  /* KeePassXC has no such object until its first prompt. */
  if (!g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    {
      g_assert_no_error (error);
      g_variant_get (reply, "(&s)", &xml);
      node = g_dbus_node_info_new_for_xml (xml, NULL);
      for (guint i = 0; node != NULL && node->nodes != NULL && node->nodes[i] != NULL; i++)
        g_strv_builder_add (names, node->nodes[i]->path);
    }
  return g_strv_builder_end (names);
}

gboolean
test_keyring_prompt_opened (const char *const *before)
{
  g_auto(GStrv) now = test_keyring_prompts ();

  for (guint i = 0; now[i] != NULL; i++)
    if (!g_strv_contains (before, now[i]))
      return TRUE;
  return FALSE;
}

/* The Secret Service's process, as test-session (or test_restart_keyring()) says. */
static pid_t
test_keyring_pid (void)
{
  guint64 pid = 0;

  g_assert_true (g_ascii_string_to_unsigned (g_getenv ("CD_TEST_KEYRING_PID"), 10, 1, G_MAXINT,
                                             &pid, NULL));
  return (pid_t) pid;
}

gboolean
test_kill_keyring (gpointer user_data)
{
  g_assert_cmpint (kill (test_keyring_pid (), SIGKILL), ==, 0);
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_keyring_set_paused (gboolean paused)
{
  g_assert_cmpint (kill (test_keyring_pid (), paused ? SIGSTOP : SIGCONT), ==, 0);
}

gboolean
test_name_has_owner (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = test_bus_call ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "NameHasOwner", g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"));
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

void
test_restart_keyring (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (g_getenv ("CD_TEST_SESSION_KEYRING"), ==, "gnome-keyring");
  TEST_WAIT_UNTIL (!test_name_has_owner ("org.freedesktop.secrets"), 10);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, test_die_with_test, NULL, NULL);
  daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                        "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (daemon), KEYRING_PASSWORD,
                             strlen (KEYRING_PASSWORD), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (daemon), NULL, &error);
  g_assert_no_error (error);

  TEST_WAIT_UNTIL (test_name_has_owner ("org.freedesktop.secrets"), 20);
  g_setenv ("CD_TEST_KEYRING_PID", g_subprocess_get_identifier (daemon), TRUE);
}

gboolean
test_message_creates_item_of (GDBusMessage *message,
                              const char   *schema)
{
  GVariant *body = g_dbus_message_get_body (message);
  g_autoptr(GVariant) properties = NULL;
  g_autoptr(GVariant) attributes = NULL;
  const char *value = NULL;

  if (g_strcmp0 (g_dbus_message_get_member (message), "CreateItem") != 0 || body == NULL ||
      !g_variant_is_of_type (body, G_VARIANT_TYPE ("(a{sv}(oayays)b)")))
    return FALSE;
  properties = g_variant_get_child_value (body, 0);
  attributes = g_variant_lookup_value (properties, "org.freedesktop.Secret.Item.Attributes",
                                       G_VARIANT_TYPE ("a{ss}"));
  return attributes != NULL && g_variant_lookup (attributes, "xdg:schema", "&s", &value) &&
         g_strcmp0 (value, schema) == 0;
}

struct _TestKeyringKiller
{
  char *member;
  char *schema;
  gboolean any_process;
  pid_t pid;
  GDBusConnection *connection;
  guint filter;
  int fired;
};

/* Runs in GDBus's worker thread. */
static GDBusMessage *
killer_filter (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         user_data)
{
  TestKeyringKiller *killer = user_data;
  const char *path = g_dbus_message_get_path (message);

  if (incoming == killer->any_process && !g_atomic_int_get (&killer->fired) &&
      g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL &&
      g_strcmp0 (g_dbus_message_get_member (message), killer->member) == 0 &&
      path != NULL && g_str_has_prefix (path, "/org/freedesktop/secrets") &&
      (killer->schema == NULL || test_message_creates_item_of (message, killer->schema)))
    {
      g_assert_cmpint (kill (killer->pid, SIGKILL), ==, 0);
      g_atomic_int_set (&killer->fired, TRUE);
    }

  /* A monitor must never answer the calls it sees (GDBus would, with an error): the bus
   * would disconnect it. */
  if (killer->any_process && incoming &&
      g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

TestKeyringKiller *
test_keyring_kill_at (const char *member,
                      const char *schema,
                      gboolean    any_process)
{
  TestKeyringKiller *killer = g_new0 (TestKeyringKiller, 1);
  g_autoptr(GError) error = NULL;

  killer->pid = test_keyring_pid ();
  killer->member = g_strdup (member);
  killer->schema = g_strdup (schema);
  killer->any_process = any_process;

  if (!any_process)
    {
      killer->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
      g_assert_no_error (error);
      killer->filter = g_dbus_connection_add_filter (killer->connection, killer_filter, killer, NULL);
    }
  else
    {
      g_autofree char *rule = g_strdup_printf ("type='method_call',member='%s'", member);
      const char *rules[] = { rule, NULL };
      g_autoptr(GVariant) reply = NULL;

      killer->connection = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                                   NULL, NULL, &error);
      g_assert_no_error (error);
      killer->filter = g_dbus_connection_add_filter (killer->connection, killer_filter, killer, NULL);
      reply = g_dbus_connection_call_sync (killer->connection, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring",
                                           "BecomeMonitor", g_variant_new ("(^asu)", rules, 0),
                                           NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
      g_assert_no_error (error);
    }
  return killer;
}

gboolean
test_keyring_killer_fired (TestKeyringKiller *killer)
{
  return g_atomic_int_get (&killer->fired);
}

void
test_keyring_killer_free (TestKeyringKiller *killer)
{
  g_dbus_connection_remove_filter (killer->connection, killer->filter);
  if (killer->any_process)
    g_dbus_connection_close_sync (killer->connection, NULL, NULL);
  g_object_unref (killer->connection);
  g_free (killer->member);
  g_free (killer->schema);
  g_free (killer);
}

void
test_mask_service (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "dbus-1", "services", NULL);
  g_autofree char *file_name = g_strconcat (name, ".service", NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autofree char *contents = g_strdup_printf ("[D-BUS Service]\nName=%s\nExec=/bin/false\n", name);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (dir, g_getenv ("CD_TEST_SESSION_DIR")));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  reply = test_bus_call ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "ReloadConfig", NULL, NULL);
}
