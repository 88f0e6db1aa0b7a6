/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* store-floor.c: the keyring's own floor for reading every stored sign-in, the least a
 * reader can ask of the Secret Service, over plain D-Bus (GDBus, no libsecret): open a
 * plain session, one SearchItems per schema, one GetSecrets for every item found. With
 * --attributes, also every item's properties (Properties.GetAll, all sent at once):
 * what a reader needs besides to tell the items apart (email, server, signed-in), since
 * the Secret Service hands attributes out no other way. With --libsecret, the session
 * is opened and the secrets read through libsecret instead, as every libsecret reader
 * (cashdesk-token too) must: libsecret always asks for the encrypted transfer
 * (dh-ietf1024-sha256-aes128-cbc-pkcs7), a key agreement and an AES decryption for every
 * secret, which the plain floor leaves out. Prints the number of items it read, and with
 * --timing how long each step took (ms) on standard error.
 *
 *   store-floor [--attributes] [--libsecret] [--timing]
 */
#include <string.h>
#include <gio/gio.h>
/* secret_service_get_secrets_for_dbus_paths() is in libsecret's "unstable" API, as
 * cashdesk-token uses it. */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

#define BUS_NAME "org.freedesktop.secrets"
#define SERVICE_PATH "/org/freedesktop/secrets"
#define SERVICE_INTERFACE "org.freedesktop.Secret.Service"

static GDBusConnection *bus;
static gint64 step_start;
static gboolean timing;

static void
step_done (const char *what)
{
  gint64 now = g_get_monotonic_time ();

  if (timing)
    g_printerr ("%-12s %8.2f ms\n", what, (now - step_start) / 1000.0);
  step_start = now;
}

static GVariant *
call (const char         *path,
      const char         *interface,
      const char         *method,
      GVariant           *parameters,
      const GVariantType *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, BUS_NAME, path, interface, method, parameters,
                                       reply_type, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (reply == NULL)
    g_error ("%s: %s", method, error->message);
  return reply;
}

/* The unlocked items of @schema. */
static GVariant *
search (const char *schema)
{
  GVariantBuilder attributes;
  GVariant *reply;

  g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&attributes, "{ss}", "xdg:schema", schema);
  reply = call (SERVICE_PATH, SERVICE_INTERFACE, "SearchItems",
                g_variant_new ("(a{ss})", &attributes), G_VARIANT_TYPE ("(aoao)"));
  return g_variant_get_child_value (reply, 0);
}

typedef struct
{
  guint pending;
  guint read;
} Reads;

static void
on_properties (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Reads *reads = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_error ("GetAll: %s", error->message);
  reads->pending--;
  reads->read++;
}

/* Every item's properties, the calls all sent before any answer is waited for. */
static void
read_attributes (const char *const *paths)
{
  Reads reads = { 0 };

  for (guint i = 0; paths[i] != NULL; i++)
    {
      reads.pending++;
      g_dbus_connection_call (bus, BUS_NAME, paths[i], "org.freedesktop.DBus.Properties",
                              "GetAll", g_variant_new ("(s)", "org.freedesktop.Secret.Item"),
                              G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                              on_properties, &reads);
    }
  while (reads.pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  gboolean attributes = FALSE;
  gboolean through_libsecret = FALSE;
  const GOptionEntry entries[] = {
    { "attributes", 0, 0, G_OPTION_ARG_NONE, &attributes, "Also read every item's properties", NULL },
    { "libsecret", 0, 0, G_OPTION_ARG_NONE, &through_libsecret, "Open the session and read the secrets through libsecret", NULL },
    { "timing", 0, 0, G_OPTION_ARG_NONE, &timing, "Print each step's time", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) opened = NULL;
  g_autoptr(GVariant) tokens = NULL;
  g_autoptr(GVariant) accounts = NULL;
  g_autoptr(GVariant) secrets = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  const char *session = NULL;
  g_autoptr(GVariant) found = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) values = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  step_start = g_get_monotonic_time ();
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_error ("%s", error->message);
  if (through_libsecret)
    {
      service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
      if (service == NULL)
        g_error ("%s", error->message);
    }
  else
    {
      opened = call (SERVICE_PATH, SERVICE_INTERFACE, "OpenSession",
                     g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                     G_VARIANT_TYPE ("(vo)"));
      g_variant_get (opened, "(v&o)", NULL, &session);
    }
  step_done ("session");

  tokens = search ("io.github.cashdesk_login.Token");
  accounts = search ("io.github.cashdesk_login.Account");
  step_done ("search");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree const char **some = g_variant_get_objv (i == 0 ? tokens : accounts, NULL);

      g_strv_builder_addv (builder, some);
    }
  paths = g_strv_builder_end (builder);

  if (attributes)
    {
      read_attributes ((const char *const *) paths);
      step_done ("attributes");
    }

  if (through_libsecret)
    {
      values = secret_service_get_secrets_for_dbus_paths_sync (service, (const char **) paths,
                                                               NULL, &error);
      if (values == NULL)
        g_error ("GetSecrets: %s", error->message);
      step_done ("secrets");
      g_print ("%u\n", g_hash_table_size (values));
      return 0;
    }
  secrets = call (SERVICE_PATH, SERVICE_INTERFACE, "GetSecrets",
                  g_variant_new ("(^aoo)", paths, session), G_VARIANT_TYPE ("(a{o(oayays)})"));
  step_done ("secrets");
  found = g_variant_get_child_value (secrets, 0);
  g_print ("%" G_GSIZE_FORMAT "\n", g_variant_n_children (found));
  return 0;
}
