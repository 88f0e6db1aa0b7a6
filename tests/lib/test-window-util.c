/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-window-util.c: driving the real window from inside the test process. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cd-accounts-page.h"
#include "cd-client.h"
#include "cd-dates.h"
#include "cd-demo-hostile.h"
#include "cd-secret-buffer.h"
#include "cd-store.h"
#include "test-util.h"
#include "test-window-util.h"

/* What a frame needs: the window's last layout and style changes drawn. */
static void
test_count_frame (GdkFrameClock *clock,
                  gpointer       user_data)
{
  (*(guint *) user_data)++;
}

void
test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint frames = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (test_count_frame), &frames);
  /* The first frame may have begun before the changes; the second has them all. */
  gtk_widget_queue_draw (widget);
  TEST_WAIT_UNTIL (frames >= 2, 10);
  g_signal_handler_disconnect (clock, handler);
}

gpointer
test_sign_in_child (CdWindow   *window,
                    const char *name)
{
  return TEST_CHILD (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page"), CD_TYPE_SIGN_IN_PAGE, name);
}

gpointer
test_account_page (CdWindow *window)
{
  return gtk_stack_get_child_by_name (TEST_CHILD (window, CD_TYPE_WINDOW, "stack"), "account");
}

gpointer
test_accounts_page (CdWindow *window)
{
  return gtk_stack_get_child_by_name (TEST_CHILD (window, CD_TYPE_WINDOW, "stack"), "accounts");
}

gpointer
test_account_child (CdWindow   *window,
                    const char *name)
{
  GtkWidget *page = test_account_page (window);

  g_assert_nonnull (page);
  return TEST_CHILD (page, CD_TYPE_ACCOUNT_PAGE, name);
}

gpointer
test_accounts_child (CdWindow   *window,
                     const char *name)
{
  GtkWidget *page = test_accounts_page (window);

  g_assert_nonnull (page);
  return TEST_CHILD (page, CD_TYPE_ACCOUNTS_PAGE, name);
}

void
test_window_init (int    *argc,
                  char ***argv)
{
  /* Translations come from the build folder, as nothing is installed. */
  g_autofree char *localedir = g_build_filename (g_getenv ("CD_BUILD_DIR"), "po", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  test_init (argc, argv);
}

/* The real application, registered (so GTK, libadwaita, style.css and the shortcuts
 * window are set up as in the program) but not run: the tests drive the loop. */
static CdApplication *
test_window_new_application (void)
{
  g_autoptr(GError) error = NULL;
  CdApplication *app = cd_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Revealers then finish at once, and screenshots show no half-faded page; a
   * blinking cursor would redraw the window, which drops the frame a screenshot takes. */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE,
                NULL);

  return app;
}

static CdDemoServer *
test_window_new_demo_server (guint slow_delay_ms)
{
  g_autoptr(GError) error = NULL;
  CdDemoServer *server = cd_demo_server_new ();

  /* The window's own --demo has only the sample accounts; tests try the hostile ones too. */
  cd_demo_hostile_install (server);
  cd_demo_server_set_slow_delay (server, slow_delay_ms);
  cd_demo_server_start (server, 0, NULL, &error);
  g_assert_no_error (error);

  return server;
}

void
test_window_set_up (CdApplication **app,
                    CdDemoServer  **demo,
                    guint           slow_delay_ms,
                    GSettings     **settings)
{
  *app = test_window_new_application ();
  *demo = test_window_new_demo_server (slow_delay_ms);
  if (settings != NULL)
    *settings = g_settings_new (APP_ID);
}

void
test_window_tear_down (CdApplication **app,
                       CdDemoServer  **demo,
                       GSettings     **settings)
{
  if (settings != NULL)
    g_clear_object (settings);
  g_clear_object (demo);
  g_clear_object (app);
}

/* The lists the application would share between its windows: every real sign-in, and
 * the latest demo's. */
static CdAccountList *test_real_accounts;
static CdAccountList *test_demo_accounts;

CdWindow *
test_window_new (CdApplication *app,
                 const char    *server,
                 gboolean       demo)
{
  CdWindow *window;

  if (!demo)
    {
      if (test_real_accounts == NULL)
        test_real_accounts = cd_account_list_new ();
      return cd_window_new (GTK_APPLICATION (app), test_real_accounts, server, NULL);
    }

  g_assert_nonnull (server);
  if (test_demo_accounts == NULL
      || g_strcmp0 (cd_account_list_get_demo_server (test_demo_accounts), server) != 0)
    {
      g_clear_object (&test_demo_accounts);
      test_demo_accounts = cd_account_list_new_for_demo (server);
    }
  window = cd_window_new (GTK_APPLICATION (app), test_demo_accounts, NULL, NULL);
  for (const CdDemoAccount *sample = cd_demo_server_accounts (); sample->email != NULL; sample++)
    cd_window_add_sample_account (window, sample->email, sample->password, _(sample->what));
  return window;
}

const char *
test_window_page (CdWindow *window)
{
  return gtk_stack_get_visible_child_name (TEST_CHILD (window, CD_TYPE_WINDOW, "stack"));
}

gboolean
test_window_on_page (CdWindow   *window,
                     const char *page)
{
  return g_strcmp0 (test_window_page (window), page) == 0;
}

/* The first mapped button under @root bound to @action. */
GtkWidget *
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

gboolean
test_focus_is_in (CdWindow *window,
                  gpointer  widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

char *
test_kyiv_today (void)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);

  return g_date_time_format (now, "%Y-%m-%d");
}

/* What a click does. gtk_widget_activate() would only press the button for a moment
 * and click it from a timeout. */
void
test_click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

void
test_set_text (gpointer    editable,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Forgets every stored sign-in, so that a test starts from an empty keyring. */
void
test_forget_all (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_store_forget_async (NULL, NULL, NULL, test_store_result, &result);
  TEST_WAIT_UNTIL (result != NULL, 20);
  cd_store_forget_finish (result, &error);
  g_assert_no_error (error);
}

/* Signs @email in against @server and keeps it, as the window would. */
void
test_store (CdDemoServer *server,
            const char   *email)
{
  g_autoptr(CdClient) client = NULL;
  g_autoptr(CdAccount) account = NULL;
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  client = cd_client_new (cd_demo_server_get_url (server), FALSE, &error);
  g_assert_no_error (error);
  cd_client_authenticate_async (client, email, CD_DEMO_PASSWORD, NULL, test_store_result, &signed_in);
  TEST_WAIT_UNTIL (signed_in != NULL, 20);
  account = cd_client_authenticate_finish (client, signed_in, &error);
  g_assert_no_error (error);

  cd_store_save_async (account, NULL, test_store_result, &saved);
  TEST_WAIT_UNTIL (saved != NULL, 20);
  g_assert_true (cd_store_save_finish (saved, &error));
  g_assert_no_error (error);
}

/* What a label shows of @text_with_mnemonic: the text without its mnemonic's "_". */
static char *
test_label_text (const char *text_with_mnemonic)
{
  g_autoptr(GString) text = g_string_new (text_with_mnemonic);

  g_string_replace (text, "_", "", 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Fills the form of @window's sign-in page and presses Sign In. */
void
test_window_submit (CdWindow   *window,
                    const char *email,
                    const char *password)
{
  GtkWidget *page = TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page");
  GtkWidget *button = test_find_action_button (page, "sign-in.submit");
  /* As a person (or a screen reader) finds the fields: by what they are called, in the
   * language the test runs in. */
  g_autofree char *email_name = test_label_text (g_dgettext (GETTEXT_PACKAGE, "_Email"));
  g_autofree char *password_name = test_label_text (g_dgettext (GETTEXT_PACKAGE, "_Password"));
  GtkWidget *email_field = test_find_by_role (page, GTK_ACCESSIBLE_ROLE_TEXT_BOX, email_name);
  GtkWidget *password_field = test_find_by_role (page, GTK_ACCESSIBLE_ROLE_TEXT_BOX, password_name);

  g_assert_nonnull (button);
  g_assert_nonnull (email_field);
  g_assert_nonnull (password_field);
  test_set_text (email_field, email);
  test_set_text (password_field, password);
  test_click (button);
}

/* Roles people operate: each needs a name a screen reader can say. */
static gboolean
test_is_control (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
test_collect_labels (GtkWidget *widget,
                     GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    test_collect_labels (child, labels);
}

/* GTK 4.8 names a widget from its label property, else from the widgets it is labelled
 * by. A button with text gets the property; an icon-only button gets a relation to its
 * image, which has no name: so the relation must lead to a label that says something.
 * GTK 4.8 cannot read a relation back, so each label under @root is tried as its
 * target. */
gboolean
test_has_accessible_name (GtkAccessible *accessible,
                          GtkWidget     *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *differs = gtk_test_accessible_check_property (accessible,
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, "");
      return differs != NULL;
    }

  if (!gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;

  test_collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];
      g_autofree char *differs = gtk_test_accessible_check_relation (accessible,
                                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                     label, NULL);

      if (differs == NULL)
        return *gtk_label_get_text (label) != '\0';
    }
  return FALSE;
}

/* Whether @accessible is named @name: by its label property, or by one of @labels that
 * it is labelled by. */
static gboolean
test_is_named (GtkAccessible *accessible,
               GPtrArray     *labels,
               const char    *name)
{
  g_autofree char *property_differs = NULL;

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      property_differs = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      return property_differs == NULL;
    }
  if (!gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *differs = NULL;

      if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), name) != 0)
        continue;
      differs = gtk_test_accessible_check_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                    labels->pdata[i], NULL);
      if (differs == NULL)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
test_find_named (GtkWidget         *widget,
                 GtkAccessibleRole  role,
                 GPtrArray         *labels,
                 const char        *name)
{
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == role &&
      test_is_named (GTK_ACCESSIBLE (widget), labels, name))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_named (child, role, labels, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
test_find_by_role (GtkWidget         *root,
                   GtkAccessibleRole  role,
                   const char        *name)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  test_collect_labels (root, labels);
  return test_find_named (root, role, labels, name);
}

static void
test_collect_unnamed (GtkWidget *widget,
                      GtkWidget *root,
                      GString   *unnamed,
                      guint     *n_controls)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (test_is_control (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
      || (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
      /* What a list view's factory made for an item: the row the keyboard lands on. */
      || (gtk_widget_get_focusable (widget) && gtk_widget_get_parent (widget) != NULL
          && GTK_IS_LIST_VIEW (gtk_widget_get_parent (gtk_widget_get_parent (widget)))))
    {
      (*n_controls)++;
      if (!test_has_accessible_name (GTK_ACCESSIBLE (widget), root))
        {
          g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
          g_autofree char *joined = g_strjoinv (".", classes);

          g_string_append_printf (unnamed, " %s.%s (in %s, tooltip \"%s\")",
                                  G_OBJECT_TYPE_NAME (widget), joined,
                                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                                  gtk_widget_get_tooltip_text (widget));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    test_collect_unnamed (child, root, unnamed, n_controls);
}

void
test_assert_all_named (CdWindow *window,
                       guint     min_controls)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_controls = 0;

  test_collect_unnamed (GTK_WIDGET (window), GTK_WIDGET (window), unnamed, &n_controls);
  g_test_message ("%u controls on page %s", n_controls, test_window_page (window));
  g_assert_cmpstr (unnamed->str, ==, "");
  g_assert_cmpuint (n_controls, >=, min_controls);
}

/* The message dialog a window asks a question with, once it is shown. */
AdwMessageDialog *
test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Answers the question being asked with @response, as a click on its button would. */
void
test_answer_dialog (const char *response)
{
  AdwMessageDialog *dialog = NULL;

  TEST_WAIT_UNTIL ((dialog = test_find_message_dialog ()) != NULL, 10);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

const char *
test_password (CdWindow *window)
{
  GtkEditable *text = gtk_editable_get_delegate (test_sign_in_child (window, "password_row"));

  return cd_secret_buffer_get_secret (CD_SECRET_BUFFER (gtk_text_get_buffer (GTK_TEXT (text))));
}

/* A label under @root whose text (markup parsed, when it is markup) starts with @prefix. */
GtkLabel *
test_find_label_starting (GtkWidget  *root,
                          const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return GTK_LABEL (child);
      if ((found = test_find_label_starting (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}
