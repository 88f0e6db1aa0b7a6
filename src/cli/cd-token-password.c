/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-password.c: the password from standard input, or from the terminal without
 * echo. The main loop keeps running while the password is typed, so that Ctrl+C reaches
 * the code that turns echo back on; the other signals that end or stop the program
 * find the terminal guard's handlers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cd-error.h"
#include "cd-token-password.h"
#include "cd-wipe.h"

typedef struct {
  int             fd;         /* where the password is read from */
  int             prompt_fd;  /* where the prompt goes */
  int             tty_fd;     /* /dev/tty when opened here, else -1 */
  int             echo_fd;    /* the terminal whose echo is off, else -1 */
  struct termios  saved;
  GSource        *read_source;
  GSource        *cancel_source;
  gsize           length;
  /* The longest password, and room for the "\r\n" after it. */
  char            buffer[CD_TOKEN_PASSWORD_MAX + 2];
} PasswordRead;

/* The terminal guard. While echo is off, a signal that ends the program (SIGTERM from
 * `timeout`, SIGHUP when the terminal goes, SIGQUIT from Ctrl+\) would leave the
 * terminal without echo, and Ctrl+Z would stop the program with it off: these handlers
 * put the terminal back first. Ctrl+C is the main loop's (it cancels, and the reader
 * puts echo back on its way out). Only async-signal-safe calls in the handlers. */
static const int guarded_signals[] = { SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
static struct sigaction guard_previous[G_N_ELEMENTS (guarded_signals)];
static volatile sig_atomic_t guard_fd = -1;
static struct termios guard_saved;
static struct termios guard_quiet;
static char guard_prompt[256];
static size_t guard_prompt_length;

static void cd_token_password_guard_handler (int signal_number);

static void
cd_token_password_guard_install_handler (int signal_number)
{
  struct sigaction action = { 0 };

  action.sa_handler = cd_token_password_guard_handler;
  sigemptyset (&action.sa_mask);
  sigaction (signal_number, &action, NULL);
}

static void
cd_token_password_guard_handler (int signal_number)
{
  int saved_errno = errno;
  int fd = guard_fd;
  struct sigaction fallback = { 0 };
  sigset_t unblock;

  if (fd >= 0)
    tcsetattr (fd, TCSANOW, &guard_saved);

  /* The signal's own action, now that the terminal is as it was. */
  fallback.sa_handler = SIG_DFL;
  sigemptyset (&fallback.sa_mask);
  sigaction (signal_number, &fallback, NULL);
  sigemptyset (&unblock);
  sigaddset (&unblock, signal_number);
  sigprocmask (SIG_UNBLOCK, &unblock, NULL);
  raise (signal_number);

  /* Only a stop comes back here, continued (fg): echo off again, and the prompt. */
  cd_token_password_guard_install_handler (signal_number);
  if (fd >= 0)
    {
      tcsetattr (fd, TCSANOW, &guard_quiet);
      if (write (fd, "\n", 1) == 1 && guard_prompt_length > 0)
        {
          ssize_t ignored = write (fd, guard_prompt, guard_prompt_length);

          (void) ignored;
        }
    }
  errno = saved_errno;
}

static void
cd_token_password_guard_start (int                   fd,
                               const struct termios *saved,
                               const struct termios *quiet)
{
  guard_saved = *saved;
  guard_quiet = *quiet;
  guard_prompt_length = 0;
  guard_fd = fd;
  for (gsize i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    {
      struct sigaction action = { 0 };

      action.sa_handler = cd_token_password_guard_handler;
      sigemptyset (&action.sa_mask);
      sigaction (guarded_signals[i], &action, &guard_previous[i]);
    }
}

/* What to show again after a stop: the prompt as written. */
static void
cd_token_password_guard_set_prompt (const char *prompt)
{
  guard_prompt_length = MIN (strlen (prompt), sizeof guard_prompt);
  memcpy (guard_prompt, prompt, guard_prompt_length);
}

static void
cd_token_password_guard_stop (void)
{
  if (guard_fd < 0)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    sigaction (guarded_signals[i], &guard_previous[i], NULL);
  guard_fd = -1;
}

static void
cd_token_password_write_all (int         fd,
                             const char *text)
{
  gsize left = strlen (text);

  while (left > 0)
    {
      gssize written = write (fd, text, left);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return;
      text += written;
      left -= (gsize) written;
    }
}

static void
cd_token_password_read_stop (PasswordRead *reader)
{
  if (reader->read_source != NULL)
    {
      g_source_destroy (reader->read_source);
      g_clear_pointer (&reader->read_source, g_source_unref);
    }
  if (reader->cancel_source != NULL)
    {
      g_source_destroy (reader->cancel_source);
      g_clear_pointer (&reader->cancel_source, g_source_unref);
    }
  if (reader->echo_fd >= 0)
    {
      cd_token_password_guard_stop ();
      tcsetattr (reader->echo_fd, TCSANOW, &reader->saved);
      /* The Enter key was not echoed either: end the prompt's line. */
      cd_token_password_write_all (reader->prompt_fd, "\n");
      reader->echo_fd = -1;
    }
}

static void
cd_token_password_read_free (PasswordRead *reader)
{
  cd_token_password_read_stop (reader);
  if (reader->tty_fd >= 0)
    close (reader->tty_fd);
  cd_wipe (reader->buffer, sizeof reader->buffer);
  g_free (reader);
}

static void
cd_token_password_read_fail (GTask  *task,
                             GError *error)
{
  cd_token_password_read_stop (g_task_get_task_data (task));
  g_task_return_error (task, error);
}

static gboolean
cd_token_password_readable_cb (int          fd,
                               GIOCondition condition,
                               gpointer     user_data)
{
  GTask *task = user_data;
  PasswordRead *reader = g_task_get_task_data (task);
  gsize room = sizeof reader->buffer - reader->length;
  const char *newline;
  gssize count;
  gsize end;

  count = read (reader->fd, reader->buffer + reader->length, room);
  if (count < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR || saved_errno == EAGAIN)
        return G_SOURCE_CONTINUE;
      cd_token_password_read_fail (task, g_error_new (CD_ERROR, CD_ERROR_INVALID_INPUT,
                                                      _("Could not read the password: %s"),
                                                      g_strerror (saved_errno)));
      return G_SOURCE_REMOVE;
    }

  newline = memchr (reader->buffer + reader->length, '\n', (gsize) count);
  reader->length += (gsize) count;

  if (newline == NULL && count > 0 && reader->length < sizeof reader->buffer)
    return G_SOURCE_CONTINUE;

  /* A newline, the end of the input, or a full buffer. */
  end = newline != NULL ? (gsize) (newline - reader->buffer) : reader->length;
  if (end > 0 && reader->buffer[end - 1] == '\r')
    end--;
  if (end > CD_TOKEN_PASSWORD_MAX)
    {
      cd_token_password_read_fail (task, g_error_new (CD_ERROR, CD_ERROR_INVALID_INPUT,
                                                      _("The password is longer than %d bytes"),
                                                      CD_TOKEN_PASSWORD_MAX));
      return G_SOURCE_REMOVE;
    }
  /* A C string would quietly end at the NUL: the password sent would be another. */
  if (memchr (reader->buffer, '\0', end) != NULL)
    {
      cd_token_password_read_fail (task,
                                   g_error_new_literal (CD_ERROR, CD_ERROR_INVALID_INPUT,
                                                        _("The password contains a NUL byte")));
      return G_SOURCE_REMOVE;
    }

  cd_token_password_read_stop (reader);
  g_task_return_pointer (task, g_strndup (reader->buffer, end),
                         (GDestroyNotify) cd_wipe_string);
  return G_SOURCE_REMOVE;
}

static gboolean
cd_token_password_cancelled_cb (GCancellable *cancellable,
                                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  cd_token_password_read_fail (task, error);
  return G_SOURCE_REMOVE;
}

static gboolean
cd_token_password_turn_echo_off (PasswordRead  *reader,
                                 GError       **error)
{
  struct termios quiet;

  if (tcgetattr (reader->fd, &reader->saved) != 0)
    goto failed;

  quiet = reader->saved;
  quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
  /* Guarded before echo goes: a signal in between still finds it put back. */
  cd_token_password_guard_start (reader->fd, &reader->saved, &quiet);
  if (tcsetattr (reader->fd, TCSAFLUSH, &quiet) != 0)
    {
      cd_token_password_guard_stop ();
      goto failed;
    }

  reader->echo_fd = reader->fd;
  return TRUE;

failed:
  g_set_error (error, CD_ERROR, CD_ERROR_INVALID_INPUT,
               _("Could not turn off echo on the terminal: %s"), g_strerror (errno));
  return FALSE;
}

void
cd_token_password_read_async (const char          *email,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PasswordRead *reader = g_new0 (PasswordRead, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, cd_token_password_read_async);
  reader->fd = STDIN_FILENO;
  reader->prompt_fd = STDERR_FILENO;
  reader->tty_fd = -1;
  reader->echo_fd = -1;
  g_task_set_task_data (task, reader, (GDestroyNotify) cd_token_password_read_free);

  if (isatty (STDIN_FILENO))
    {
      g_autofree char *prompt = NULL;

      /* Like getpass(): the terminal itself, even when standard error is redirected. */
      reader->tty_fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
      if (reader->tty_fd >= 0)
        reader->fd = reader->prompt_fd = reader->tty_fd;

      if (!cd_token_password_turn_echo_off (reader, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      prompt = g_strdup_printf (_("Password for %s: "), email);
      cd_token_password_guard_set_prompt (prompt);
      cd_token_password_write_all (reader->prompt_fd, prompt);
    }

  reader->read_source = g_unix_fd_source_new (reader->fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (reader->read_source, G_SOURCE_FUNC (cd_token_password_readable_cb),
                         g_object_ref (task), g_object_unref);
  g_source_attach (reader->read_source, g_main_context_get_thread_default ());

  if (cancellable != NULL)
    {
      reader->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (reader->cancel_source, G_SOURCE_FUNC (cd_token_password_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (reader->cancel_source, g_main_context_get_thread_default ());
    }
}

char *
cd_token_password_read_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cd_token_password_read_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
