/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-command.c: the command line of cashdesk-token, its errors and exit codes. */
#include "config.h"

#include <stdarg.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "cd-config.h"
#include "cd-error.h"
#include "cd-store.h"
#include "cd-text.h"
#include "cd-token-command.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
} CdTokenCommand;

static const CdTokenCommand commands[] = {
  { "sign-in", cd_token_sign_in_run },
  { "get", cd_token_get_run },
  { "status", cd_token_status_run },
  { "sign-out", cd_token_sign_out_run },
};

CdTokenExit
cd_token_exit_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, CD_TOKEN_EXIT_USAGE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CD_TOKEN_EXIT_INTERRUPTED;

  if (error->domain != CD_ERROR)
    return CD_TOKEN_EXIT_USAGE;

  switch ((CdError) error->code)
    {
    case CD_ERROR_INVALID_INPUT:
    case CD_ERROR_INSECURE_URL:
      return CD_TOKEN_EXIT_USAGE;
    case CD_ERROR_REJECTED:
      return CD_TOKEN_EXIT_REJECTED;
    case CD_ERROR_NOT_FOUND:
      return CD_TOKEN_EXIT_NOT_FOUND;
    case CD_ERROR_NETWORK:
    case CD_ERROR_TLS:
    case CD_ERROR_TIMEOUT:
      return CD_TOKEN_EXIT_UNREACHABLE;
    case CD_ERROR_SERVER:
    case CD_ERROR_PROTOCOL:
    case CD_ERROR_RATE_LIMITED:
      return CD_TOKEN_EXIT_SERVER;
    case CD_ERROR_KEYRING:
      return CD_TOKEN_EXIT_KEYRING;
    default:
      return CD_TOKEN_EXIT_USAGE;
    }
}

void
cd_token_print_error (const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *clean = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Scripts read the first line of standard error: a message from a server, a library
   * or the keyring must not spill over onto a second one, nor reach the terminal with
   * escape sequences or direction-changing characters. */
  clean = cd_text_dup_clean (message, 0);
  g_printerr ("cashdesk-token: %s\n", clean != NULL ? clean : "");
}

CdTokenExit
cd_token_fail_with_error (const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cd_token_print_error ("%s", error->message);
  return cd_token_exit_for_error (error);
}

gboolean
cd_token_parse_options (const char         *command,
                        const char         *summary,
                        const GOptionEntry *entries,
                        int                 argc,
                        char              **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      cd_token_print_error ("%s", error->message);
      return FALSE;
    }
  if (argc > 1)
    {
      cd_token_print_error (_("Unexpected argument “%s”; see “cashdesk-token %s --help”"),
                            argv[1], command);
      return FALSE;
    }
  return TRUE;
}

static const CdTokenCommand *
cd_token_command_find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (name, commands[i].name) == 0)
        return &commands[i];
    }
  return NULL;
}

/* cashdesk-token [--help | --version | -- COMMAND …] */
static int
cd_token_command_run_top_level (int    argc,
                                char **argv)
{
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  /* GOption translates the parameter string, summary and description itself. */
  g_autoptr(GOptionContext) context = g_option_context_new (N_("COMMAND [OPTION…]"));
  g_autoptr(GError) error = NULL;
  const CdTokenCommand *command;

  g_set_prgname ("cashdesk-token");
  g_option_context_set_summary (context,
    N_("Signs in to CashDesk and keeps the token in the desktop keyring, where other "
       "programs find it.\n"
       "\n"
       "Commands:\n"
       "  sign-in   Sign in (the password comes from standard input or a prompt)\n"
       "  get       Print a stored token\n"
       "  status    List the stored sign-ins\n"
       "  sign-out  Forget stored sign-ins\n"
       "\n"
       "“cashdesk-token COMMAND --help” shows the options of a command."));
  g_option_context_set_description (context,
    N_("Exit status:\n"
       "  0  done\n"
       "  1  usage or bad input: unknown option, invalid email, empty password, bad or "
       "insecure URL\n"
       "  2  the server rejected the sign-in\n"
       "  3  no stored token for that account, or it has expired\n"
       "  4  the server could not be reached (DNS, connection, TLS, timeout)\n"
       "  5  the server answered with an error or an unusable answer\n"
       "  6  the keyring is unavailable or locked, or nobody answered its prompt\n"
       "  7  status --expiring, --token-expiring: some stored certificate or token expires "
       "soon or has expired"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Stop at the command: the options after it are the command's. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      cd_token_print_error ("%s", error->message);
      return CD_TOKEN_EXIT_USAGE;
    }

  if (show_version)
    {
      g_print ("cashdesk-token %s\n", PACKAGE_VERSION);
      return CD_TOKEN_EXIT_OK;
    }

  /* In strict POSIX mode GOption leaves a "--" before the command in place. */
  if (argc > 1 && g_str_equal (argv[1], "--"))
    {
      argc--;
      argv++;
    }

  if (argc < 2)
    {
      cd_token_print_error (_("No command given; see “cashdesk-token --help”"));
      return CD_TOKEN_EXIT_USAGE;
    }

  command = cd_token_command_find_command (argv[1]);
  if (command == NULL)
    {
      cd_token_print_error (_("Unknown command “%s”; see “cashdesk-token --help”"), argv[1]);
      return CD_TOKEN_EXIT_USAGE;
    }
  return command->run (argc - 1, argv + 1);
}

/* A keyring prompt (GNOME Keyring's unlock dialog, KeePassXC's access dialog) is asked
 * for only when a person started the command at a terminal; a POS program or a timer
 * gets exit 6 "locked" at once instead of a dialog nobody may see. Either way, no
 * keyring operation takes longer than CASHDESK_KEYRING_TIMEOUT. */
static gboolean
cd_token_command_set_keyring_limits (void)
{
  g_autoptr(GError) error = NULL;
  guint timeout;

  if (!cd_config_resolve_keyring_timeout (CD_STORE_DEFAULT_TIMEOUT, &timeout, &error))
    {
      cd_token_print_error ("%s", error->message);
      return FALSE;
    }
  cd_store_set_limits (isatty (STDIN_FILENO) || isatty (STDERR_FILENO), timeout);
  return TRUE;
}

int
cd_token_command_run (int    argc,
                      char **argv)
{
  const CdTokenCommand *command = argc > 1 ? cd_token_command_find_command (argv[1]) : NULL;
  g_autofree char *prgname = NULL;

  if (command == NULL)
    return cd_token_command_run_top_level (argc, argv);
  if (!cd_token_command_set_keyring_limits ())
    return CD_TOKEN_EXIT_USAGE;

  /* Set once, before any thread exists (GLib 2.74 does not allow more): the command's
   * --help then shows "Usage: cashdesk-token COMMAND [OPTION…]". */
  prgname = g_strdup_printf ("cashdesk-token %s", command->name);
  g_set_prgname (prgname);
  return command->run (argc - 1, argv + 1);
}
