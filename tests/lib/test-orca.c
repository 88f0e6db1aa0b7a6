/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-orca.c: Debian's Orca in the test's session, and a blind cashier's keyboard. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>
#include <glib/gstdio.h>

#include "test-orca.h"
#include "test-process.h"
#include "test-util.h"

#define SPEECH_MARK "SPEECH OUTPUT: '"
#define WAIT_SECONDS 30

static GSubprocess *orca;
static char *log_path;
static FILE *log_file;
static GString *pending;        /* bytes of the log read but not yet a whole line */
static GPtrArray *utterances;   /* what Orca said, in order */
static gboolean knows_us;       /* Orca has seen this program join the desktop */
static GString *desktop_seen;   /* what Orca logged of the desktop until then: for a failure */

/* The end of the text of an utterance: Orca follows it with its voice, "{...}", or
 * with " voice=..." for a voice of its own. */
static const char *
find_text_end (const char *text)
{
  const char *end = NULL;

  for (const char *p = strchr (text, '\''); p != NULL; p = strchr (p + 1, '\''))
    if (p[1] == '{' || g_str_has_prefix (p + 1, " {") || g_str_has_prefix (p + 1, " voice="))
      end = p;
  return end;
}

/* Reads what Orca has written to its log since the last read. An utterance is one line
 * of the log unless its text holds a line break: then it ends on a later line. */
static void
read_log (void)
{
  char buffer[65536];
  size_t n;
  const char *start;
  const char *line_end;

  clearerr (log_file);
  while ((n = fread (buffer, 1, sizeof buffer, log_file)) > 0)
    g_string_append_len (pending, buffer, n);

  start = pending->str;
  while ((line_end = strchr (start, '\n')) != NULL)
    {
      const char *mark = g_strstr_len (start, line_end - start, SPEECH_MARK);
      const char *end = NULL;

      if (!knows_us
          && g_strstr_len (start, line_end - start, "children-changed:add for [desktop frame") != NULL
          && g_strstr_len (start, line_end - start, g_get_prgname ()) != NULL)
        knows_us = TRUE;
      else if (!knows_us && desktop_seen->len < 8192
               && g_strstr_len (start, line_end - start, "[desktop frame") != NULL)
        g_string_append_len (desktop_seen, start, line_end + 1 - start);

      if (mark != NULL)
        {
          const char *text = mark + strlen (SPEECH_MARK);
          const char *last = line_end;

          /* The utterance's end is on this line or a later whole one. */
          for (;;)
            {
              g_autofree char *upto = g_strndup (text, last - text);

              if ((end = find_text_end (upto)) != NULL)
                {
                  end = text + (end - upto);
                  break;
                }
              if ((last = strchr (last + 1, '\n')) == NULL)
                break;
            }
          if (end == NULL)
            break;      /* the rest is not written yet */
          g_ptr_array_add (utterances, g_strndup (text, end - text));
          line_end = strchr (end, '\n');
        }
      start = line_end + 1;
    }
  g_string_erase (pending, 0, start - pending->str);
}

/* GTK 4 cannot tell where its windows are on the screen, and warns each time Orca asks
 * for a place in screen coordinates (its flat review and mouse review do): that is
 * GTK's answer to Orca, not a fault of the window under test. Every other warning
 * stays fatal, as G_DEBUG=fatal-warnings makes it in the other tests; GLib offers no
 * way to exempt one structured message, so warnings are made fatal here instead. */
static GLogWriterOutput
fatal_warnings_but_screen_coordinates (GLogLevelFlags   log_level,
                                       const GLogField *fields,
                                       gsize            n_fields,
                                       gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;
    else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      message = fields[i].value;

  if ((log_level & G_LOG_LEVEL_WARNING)
      && g_strcmp0 (domain, "Gtk") == 0 && message != NULL
      && strstr (message, "Screen coordinates not supported") != NULL)
    return G_LOG_WRITER_HANDLED;

  g_log_writer_default (log_level, fields, n_fields, user_data);
  if (log_level & G_LOG_LEVEL_WARNING)
    g_error ("a warning, fatal in the tests");
  return G_LOG_WRITER_HANDLED;
}

void
test_orca_start (void)
{
  const char *session = g_getenv ("CD_TEST_SESSION_DIR");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *program = NULL;
  g_autofree char *err_path = NULL;
  g_autofree char *log_name = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (session);
  g_assert_null (orca);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (fatal_warnings_but_screen_coordinates, NULL, NULL);
  /* In the build's meson-logs, for the person who reads a failure: the session's folder
   * goes with the session. One a language, as both run at once. */
  log_name = g_strdup_printf ("orca-%s.log", g_getenv ("LANGUAGE") ?: "C");
  log_path = g_test_build_filename (G_TEST_BUILT, "..", "meson-logs", log_name, NULL);
  err_path = g_build_filename (session, "orca.err", NULL);
  program = g_test_build_filename (G_TEST_DIST, "orca", "orca-silent", NULL);

  /* Orca's own output goes to a file: a pipe nobody reads would stop it once full. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, test_die_with_test, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, err_path);
  /* Orca is not under test: the tests' fatal warnings are not for it. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  /* Read from its first byte: not a log of an earlier run. */
  g_unlink (log_path);
  orca = g_subprocess_launcher_spawn (launcher, &error, program, log_path, NULL);
  g_assert_no_error (error);

  TEST_WAIT_UNTIL ((log_file = fopen (log_path, "r")) != NULL, WAIT_SECONDS);
  pending = g_string_new (NULL);
  desktop_seen = g_string_new (NULL);
  utterances = g_ptr_array_new_with_free_func (g_free);
  /* Its first words, "Screen reader on", say it is listening. */
  TEST_WAIT_UNTIL ((read_log (), utterances->len > 0) || g_subprocess_get_identifier (orca) == NULL,
                   WAIT_SECONDS);
  g_assert_cmpuint (utterances->len, >, 0);
}

void
test_orca_stop (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (orca);
  /* Alive until now: Orca that died would have heard nothing since. */
  g_assert_nonnull (g_subprocess_get_identifier (orca));
  g_subprocess_send_signal (orca, SIGTERM);
  g_subprocess_wait (orca, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&orca);
  g_clear_pointer (&log_file, fclose);
  g_clear_pointer (&log_path, g_free);
  g_string_free (g_steal_pointer (&pending), TRUE);
  g_string_free (g_steal_pointer (&desktop_seen), TRUE);
  g_clear_pointer (&utterances, g_ptr_array_unref);
}

void
test_orca_wait_for_application (void)
{
  GtkWidget *window = gtk_window_new ();
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_TIME_SPAN_SECOND;

  /* GTK joins the accessibility desktop with its first window, and Orca cannot ask
   * about what happened before it knows the program: events of the first moments are
   * lost to it, as they would be for a person. */
  gtk_window_present (GTK_WINDOW (window));
  while ((read_log (), !knows_us))
    {
      /* Not seen yet: the failure says what Orca did see of the desktop, and whether it
       * still runs. */
      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (orca) == NULL)
        g_error ("Orca did not log %s joining the desktop (\"children-changed:add for "
                 "[desktop frame\" naming it); %s; of the desktop it logged:\n%s(its whole log: %s)",
                 g_get_prgname (),
                 g_subprocess_get_identifier (orca) == NULL ? "Orca has ended" : "Orca runs",
                 desktop_seen->str, log_path);
      test_wait_iterate (deadline + G_TIME_SPAN_SECOND, "Orca to see the program");
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

guint
test_orca_mark (void)
{
  read_log ();
  return utterances->len;
}

char *
test_orca_said_since (guint mark)
{
  GString *said = g_string_new (NULL);

  read_log ();
  for (guint i = mark; i < utterances->len; i++)
    g_string_append_printf (said, "%s\n", (char *) g_ptr_array_index (utterances, i));
  return g_string_free (said, FALSE);
}

static gboolean
said_after (guint       mark,
            const char *needle,
            guint      *found)
{
  gboolean at_start = *needle == '^';

  if (at_start)
    needle++;
  read_log ();
  for (guint i = mark; i < utterances->len; i++)
    if (at_start
        ? g_str_has_prefix (g_ptr_array_index (utterances, i), needle)
        : strstr (g_ptr_array_index (utterances, i), needle) != NULL)
      {
        *found = i;
        return TRUE;
      }
  return FALSE;
}

guint
test_orca_wait_said (guint       mark,
                     const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_TIME_SPAN_SECOND;
  guint found = 0;

  while (!said_after (mark, needle, &found))
    {
      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (orca) == NULL)
        {
          g_autofree char *said = test_orca_said_since (mark);

                  g_error ("Orca did not say \"%s\"; it said:\n%s", needle, said);
        }
      test_wait_iterate (deadline + G_TIME_SPAN_SECOND, needle);
    }
  return found + 1;
}

void
test_orca_assert_not_said (guint       mark,
                           const char *needle)
{
  guint found;

  if (said_after (mark, needle, &found))
    {
      g_autofree char *said = test_orca_said_since (mark);

          g_error ("Orca said \"%s\" in \"%s\"; all it said:\n%s", needle,
               (char *) g_ptr_array_index (utterances, found), said);
    }
}

static void
xdotool (const char *const *argv)
{
  g_auto(CliRun) run = { 0 };

  test_run (argv, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
}

void
test_orca_key (const char *keys)
{
  const char *const argv[] = { "xdotool", "key", "--delay", "150", keys, NULL };

  xdotool (argv);
}

void
test_orca_type (const char *text)
{
  const char *const argv[] = { "xdotool", "type", "--delay", "150", text, NULL };

  xdotool (argv);
}
