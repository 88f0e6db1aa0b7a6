/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-window-util.h: what the window tests share: the application, a demo server,
 * waiting for a frame, reaching into templates, and what a person does with the form. */
#pragma once

#include <adwaita.h>

#include "cd-account-page.h"
#include "cd-application.h"
#include "cd-demo-server.h"
#include "cd-sign-in-page.h"
#include "cd-store.h"
#include "cd-window.h"
#include "test-util.h"

G_BEGIN_DECLS

#define TEST_CHILD(widget, type, name) \
  ((gpointer) gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

/* The window's account page and list of stored sign-ins, each made when first shown:
 * NULL before. */
gpointer       test_account_page             (CdWindow       *window);
gpointer       test_accounts_page            (CdWindow       *window);

/* Template children of the window's three pages. */
gpointer       test_sign_in_child            (CdWindow       *window,
                                              const char     *name);
gpointer       test_account_child            (CdWindow       *window,
                                              const char     *name);
gpointer       test_accounts_child           (CdWindow       *window,
                                              const char     *name);

/* Waits until @widget's window has drawn a frame with every change made so far. */
void           test_wait_for_frame           (GtkWidget      *widget);

/* What a window test's main() does first, instead of test_init(): that, and the
 * translations from the build folder, as nothing is installed. */
void           test_window_init              (int            *argc,
                                              char         ***argv);
/* Once the cases are added and whatever the application finds at start (a desktop's
 * notification servers) is there: the real application, registered (so GTK,
 * libadwaita, style.css and the shortcuts window are set up as in the program) but not
 * run, as the tests drive the loop; a demo server with the hostile answers too, whose
 * slow account waits @slow_delay_ms; and, unless @settings is NULL, the settings. */
void           test_window_set_up            (CdApplication **app,
                                              CdDemoServer  **demo,
                                              guint           slow_delay_ms,
                                              GSettings     **settings);
/* After g_test_run(): lets go of what test_window_set_up() made. */
void           test_window_tear_down         (CdApplication **app,
                                              CdDemoServer  **demo,
                                              GSettings     **settings);
/* A window as the application opens it: on its one list of every real sign-in; with
 * @demo, on the list of the demo on @server, listing its sample accounts. Not yet
 * shown. */
CdWindow      *test_window_new               (CdApplication  *app,
                                              const char     *server,
                                              gboolean        demo);

const char    *test_window_page              (CdWindow       *window);
gboolean       test_window_on_page           (CdWindow       *window,
                                              const char     *page);

/* Whether the keyboard focus is @widget or inside it. */
gboolean       test_focus_is_in              (CdWindow       *window,
                                              gpointer        widget);
/* Today in Kyiv, YYYY-MM-DD: the day reminders are counted in. */
char          *test_kyiv_today               (void);

/* The first mapped button under @root bound to @action. */
GtkWidget     *test_find_action_button       (GtkWidget      *root,
                                              const char     *action);
/* What a click does. gtk_widget_activate() would only press the button for a moment
 * and click it from a timeout. */
void           test_click                    (gpointer        button);
/* The password in @window's password field (its text says only bullets). */
const char    *test_password                 (CdWindow       *window);
void           test_set_text                 (gpointer        editable,
                                              const char     *text);

/* Forgets every stored sign-in, so that a test starts from an empty keyring. */
void           test_forget_all               (void);
/* Signs @email in against @server and keeps it, as the window would. */
void           test_store                    (CdDemoServer   *server,
                                              const char     *email);
/* Fills the form of @window's sign-in page and presses Sign In. */
void           test_window_submit            (CdWindow       *window,
                                              const char     *email,
                                              const char     *password);

/* Whether @accessible has a name a screen reader can say (GTK 4.8 cannot read a
 * labelled-by relation back: each label under @root is tried as its target). */
gboolean       test_has_accessible_name      (GtkAccessible  *accessible,
                                              GtkWidget      *root);

/* Every control people operate under @window has a name a screen reader can say, and
 * there are at least @min_controls of them. */
void           test_assert_all_named         (CdWindow       *window,
                                              guint           min_controls);

/* The message dialog a window asks a question with, once it is shown; NULL if none. */
AdwMessageDialog *test_find_message_dialog (void);
/* Answers the question being asked with @response, as a click on its button would. */
void              test_answer_dialog       (const char *response);

/* The widget under @root of accessible @role named @name, as a screen reader finds it
 * (by its label, or by the label it is labelled by); NULL when there is none. For the
 * tests where a template id is not the point. */
GtkWidget     *test_find_by_role             (GtkWidget         *root,
                                              GtkAccessibleRole  role,
                                              const char        *name);
/* A label under @root whose text (markup parsed, when it is markup) starts with
 * @prefix, such as a toast's; NULL when there is none. */
GtkLabel      *test_find_label_starting      (GtkWidget      *root,
                                              const char     *prefix);

G_END_DECLS
