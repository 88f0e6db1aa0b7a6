/* test-window-common.h: what the window tests share: the application, a demo server,
 * waiting on the main loop with a deadline, and reaching into templates. */
#pragma once

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cd-account-page.h"
#include "cd-application.h"
#include "cd-demo-server.h"
#include "cd-sign-in-page.h"
#include "cd-window.h"

#define TEST_CHILD(widget, type, name) \
  ((gpointer) gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

static inline gboolean
test_window_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @expr holds; a test must never hang. */
#define TEST_WAIT_UNTIL(expr, seconds)                                              \
  G_STMT_START {                                                                    \
    gint64 deadline_ = g_get_monotonic_time () + (seconds) * G_TIME_SPAN_SECOND;    \
    guint wake_ = g_timeout_add (20, test_window_wake, NULL);                       \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > deadline_)                                    \
          g_error ("timed out after %d s waiting for %s", (int) (seconds), #expr);  \
        g_main_context_iteration (NULL, TRUE);                                      \
      }                                                                             \
    g_source_remove (wake_);                                                        \
  } G_STMT_END

/* Runs the main loop for @milliseconds, whatever happens. */
static inline void
test_iterate_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (20, test_window_wake, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

/* Translations come from the build folder, as nothing is installed. */
static inline void
test_window_init_gettext (void)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("CD_BUILD_DIR"), "po", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* The real application, registered (so GTK, libadwaita, style.css and the shortcuts
 * window are set up as in the program) but not run: the tests drive the loop. */
static inline CdApplication *
test_window_new_application (void)
{
  g_autoptr(GError) error = NULL;
  CdApplication *app = cd_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Page transitions then finish at once, and screenshots show no half-faded page; a
   * blinking cursor would redraw the window, which drops the frame a screenshot takes. */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE,
                NULL);

  return app;
}

static inline CdDemoServer *
test_window_new_demo_server (guint slow_delay_ms)
{
  g_autoptr(GError) error = NULL;
  CdDemoServer *server = cd_demo_server_new ();

  cd_demo_server_set_slow_delay (server, slow_delay_ms);
  cd_demo_server_start (server, 0, NULL, &error);
  g_assert_no_error (error);

  return server;
}

static inline const char *
test_window_page (CdWindow *window)
{
  return gtk_stack_get_visible_child_name (TEST_CHILD (window, CD_TYPE_WINDOW, "stack"));
}

static inline gboolean
test_window_on_page (CdWindow   *window,
                     const char *page)
{
  return g_strcmp0 (test_window_page (window), page) == 0;
}

/* The first mapped button under @root bound to @action. */
static inline GtkWidget *
test_find_action_button (GtkWidget  *root,
                         const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = test_find_action_button (child, action)) != NULL)
        return found;
    }
  return NULL;
}

/* What a click does. gtk_widget_activate() would only press the button for a moment
 * and click it from a timeout. */
static inline void
test_click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static inline void
test_set_text (gpointer    editable,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Fills the form of @window's sign-in page and presses Sign In. */
static inline void
test_window_submit (CdWindow   *window,
                    const char *email,
                    const char *password)
{
  GtkWidget *page = TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page");
  GtkWidget *button = test_find_action_button (page, "sign-in.submit");

  g_assert_nonnull (button);
  test_set_text (TEST_CHILD (page, CD_TYPE_SIGN_IN_PAGE, "email_row"), email);
  test_set_text (TEST_CHILD (page, CD_TYPE_SIGN_IN_PAGE, "password_row"), password);
  test_click (button);
}
