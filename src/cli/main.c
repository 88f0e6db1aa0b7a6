/* cashdesk-token: the CashDesk sign-in for scripts and other programs. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-token-command.h"

/* libsecret 0.20 returns some of its tasks once per failed item when the keyring daemon
 * dies while it reads (during `status`, say), and GLib prints a CRITICAL for every
 * return after the first: dozens of lines, on a terminal or as the first line a script
 * reads. The first return carries the error, which is reported as usual (exit 6); the
 * rest say nothing more. They are dropped unless debug messages are asked for. */
static GLogWriterOutput
cd_token_log_writer (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_CRITICAL) != 0 && g_getenv ("G_MESSAGES_DEBUG") == NULL)
    {
      const char *domain = NULL;
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
            domain = fields[i].value;
          else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
            message = fields[i].value;
        }
      if ((g_strcmp0 (domain, "GLib-GIO") == 0 || g_strcmp0 (domain, "libsecret") == 0) &&
          message != NULL && strstr (message, "ever_returned") != NULL)
        return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Standard output belongs to the contract (the token, one JSON object); GLib's debug
   * messages, when G_MESSAGES_DEBUG asks for them, go to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (cd_token_log_writer, NULL, NULL);

  return cd_token_command_run (argc, argv);
}
