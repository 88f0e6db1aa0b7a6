/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-accounts.c: the back office: the list of stored accounts in the window,
 * choosing, adding and removing them, the certificate reminder, and Save as CSV.
 *
 * Five accounts are signed in against the demo server with the core client and kept in
 * the session's real keyring; the window and the application are driven from inside.
 * The reminder goes over the session bus to a stand-in notification server that this
 * test owns (org.freedesktop.Notifications, on a connection of its own, as another
 * process would): GApplication picks its freedesktop backend when there is no sandbox
 * portal and nobody owns org.gtk.Notifications, as in this private session.
 * Runs in a session of its own with a display (CD_TEST_SESSION, see tests/meson.build). */
#include "config.h"

#include <glib/gi18n.h>

#include "test-keyring.h"
#include "test-window-util.h"
#include "test-csv-parse.h"
#include "test-desktop.h"

#include <glib/gstdio.h>

#include "cd-account-row.h"
#include "cd-accounts-page.h"
#include "cd-account-json.h"
#include "cd-csv.h"
#include "cd-dates.h"
#include "cd-detail-row.h"
#include "cd-paced-model.h"

#define NOTIFICATIONS "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH "/org/freedesktop/Notifications"

/* The five of the issue, in the order the list must show them: soonest certificate
 * expiry first (20 days ago, in 10 days, then two in 200 days by name), unknown last. */
static const char * const five[] = {
  "expired@demo.test",
  "expiring@demo.test",
  "cashier@demo.test",
  "expired-token@demo.test",
  "no-signature@demo.test",
};

static CdApplication *app;
static CdDemoServer *demo;
static GSettings *settings;

/* helpers: the keyring, through secret-tool */

static void
test_store_five (void)
{
  test_forget_all ();
  for (gsize i = 0; i < G_N_ELEMENTS (five); i++)
    test_store (demo, five[i]);
}

/* What another program finds: secret-tool in a process of its own. */
static char *
test_secret_tool_search (const char *schema,
                         const char *email)
{
  const char *const args[] = { "search", "--all", "xdg:schema", schema, "email", email, NULL };
  g_auto(CliRun) run = { 0 };

  test_secret_tool (args, NULL, &run);
  /* secret-tool prints the attributes on standard error and the secret on output. */
  return g_steal_pointer (&run.err);
}

static gboolean
test_keyring_has (const char *email)
{
  g_autofree char *found = test_secret_tool_search (CD_STORE_TOKEN_SCHEMA_NAME, email);

  return strstr (found, email) != NULL;
}

static gboolean
test_keyring_has_details (const char *email)
{
  g_autofree char *found = test_secret_tool_search (CD_STORE_ACCOUNT_SCHEMA_NAME, email);

  return strstr (found, email) != NULL;
}

/* helpers: the window */

static CdWindow *
test_new_window (void)
{
  /* No server given: production, so that an account's own server shows when chosen. */
  CdWindow *window = test_window_new (app, NULL, FALSE);

  gtk_window_present (GTK_WINDOW (window));
  /* Active too: the first page's focus waits for that (cd_window_focus_page). */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && gtk_window_is_active (GTK_WINDOW (window))
                   && !test_window_on_page (window, "loading"), 20);
  return window;
}

static gboolean
test_loading (CdWindow *window)
{
  return cd_account_list_get_loading (CD_ACCOUNT_LIST (cd_window_get_accounts (window)));
}

/* The list view gets its accounts a few rows per frame (CdPacedModel): shown, the
 * tests look at it once it has them all. */
static void
test_wait_list_whole (CdWindow *window)
{
  GtkWidget *list_view = test_accounts_child (window, "list_view");
  GtkNoSelection *selection = GTK_NO_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  CdPacedModel *paced = CD_PACED_MODEL (gtk_no_selection_get_model (selection));

  if (gtk_widget_get_mapped (list_view))
    TEST_WAIT_UNTIL (cd_paced_model_get_complete (paced), 20);
}

/* What the list view shows is always the first of the filtered accounts, in order, be
 * it all of them or not yet. */
static void
test_assert_shown_first (CdWindow *window)
{
  GtkWidget *list_view = test_accounts_child (window, "list_view");
  GtkNoSelection *selection = GTK_NO_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  GListModel *shown = gtk_no_selection_get_model (selection);
  GListModel *filtered = cd_paced_model_get_model (CD_PACED_MODEL (shown));

  g_assert_cmpuint (g_list_model_get_n_items (shown), <=, g_list_model_get_n_items (filtered));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) ours = g_list_model_get_item (shown, i);
      g_autoptr(GObject) theirs = g_list_model_get_item (filtered, i);

      g_assert_true (ours == theirs);
    }
}

/* The rows the list view has made and bound to an account, top to bottom. */
static GPtrArray *
test_made_rows (CdWindow *window)
{
  GtkWidget *list_view = test_accounts_child (window, "list_view");
  GPtrArray *rows = g_ptr_array_new ();

  test_wait_list_whole (window);

  for (GtkWidget *item = gtk_widget_get_first_child (list_view);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (CD_IS_ACCOUNT_ROW (row) && cd_account_row_get_account (CD_ACCOUNT_ROW (row)) != NULL)
        g_ptr_array_add (rows, row);
    }
  return rows;
}

/* The rows the list shows: in a list as short as these tests keep, every account the
 * search leaves has one. */
static GPtrArray *
test_rows (CdWindow *window)
{
  GtkWidget *list_view = test_accounts_child (window, "list_view");
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  GPtrArray *rows = test_made_rows (window);

  if (gtk_widget_get_mapped (list_view))
    g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (shown));
  return rows;
}

/* Enter on a row, or a click: the list view's item around the row takes it. */
static void
test_choose_row (CdAccountRow *row)
{
  gtk_widget_activate (gtk_widget_get_parent (GTK_WIDGET (row)));
}

static char *
test_row_emails (CdWindow *window)
{
  g_autoptr(GPtrArray) rows = test_rows (window);
  g_autoptr(GString) emails = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      CdAccount *account = cd_account_row_get_account (rows->pdata[i]);

      g_string_append_printf (emails, "%s%s", i > 0 ? " " : "", cd_account_get_email (account));
    }
  return g_string_free (g_steal_pointer (&emails), FALSE);
}

/* @email's row, if the list view has made one. */
static CdAccountRow *
test_made_row (CdWindow   *window,
               const char *email)
{
  g_autoptr(GPtrArray) rows = test_made_rows (window);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (cd_account_get_email (cd_account_row_get_account (rows->pdata[i])), email) == 0)
      return rows->pdata[i];
  return NULL;
}

static CdAccountRow *
test_find_row (CdWindow   *window,
               const char *email)
{
  CdAccountRow *row = test_made_row (window, email);

  if (row == NULL)
    g_error ("no row for %s", email);
  return row;
}

static gpointer
test_row_child (CdAccountRow *row,
                const char   *name)
{
  return TEST_CHILD (row, CD_TYPE_ACCOUNT_ROW, name);
}

static void
test_search (CdWindow   *window,
             const char *text)
{
  test_set_text (test_accounts_child (window, "search_entry"), text);
  /* GtkSearchEntry waits a moment before it says the search changed. */
  g_signal_emit_by_name (test_accounts_child (window, "search_entry"), "search-changed");
}

static GtkWidget *
test_back_button (CdWindow *window)
{
  return TEST_CHILD (window, CD_TYPE_WINDOW, "back_button");
}

static void
test_go_back (CdWindow *window)
{
  test_click (test_back_button (window));
  g_assert_true (test_window_on_page (window, "accounts"));
  TEST_WAIT_UNTIL (!test_loading (window), 20);
}

/* the list */

static void
test_list (void)
{
  static const struct {
    const char *days;
    const char *state_class;
    const char *name;
    gboolean    token_valid;
  } expected[] = {
    { "Expired 20 days ago", "error", "Бондаренко Ігор Миколайович", TRUE },
    { "10 days left", "warning", "Шевченко Олена Василівна", TRUE },
    { "200 days left", "success", "Іваненко Марія Петрівна", TRUE },
    { "200 days left", "success", "Кравченко Юрій Павлович", FALSE },
    { "Expiry date unknown", "dim-label", "Ткаченко Наталія Олександрівна", TRUE },
  };
  g_autofree char *emails = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CdWindow *window;

  test_store_five ();
  window = test_new_window ();

  /* Several accounts: the window opens on the list, which has nothing to go back to. */
  g_assert_true (test_window_on_page (window, "accounts"));
  g_assert_false (gtk_widget_get_visible (test_back_button (window)));
  g_assert_cmpstr (adw_window_title_get_subtitle (TEST_CHILD (window, CD_TYPE_WINDOW, "window_title")), ==, "");

  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test cashier@demo.test "
                               "expired-token@demo.test no-signature@demo.test");

  rows = test_rows (window);
  for (guint i = 0; i < rows->len; i++)
    {
      CdAccountRow *row = rows->pdata[i];
      GtkWidget *icon = test_row_child (row, "cert_icon");
      const char *name = cd_account_row_get_text (row, CD_ACCOUNT_ROW_NAME);
      const char *certificate = cd_account_row_get_text (row, CD_ACCOUNT_ROW_CERTIFICATE);
      const char *token = cd_account_row_get_text (row, CD_ACCOUNT_ROW_TOKEN);
      g_autofree char *remove_name = g_strdup_printf ("Remove %s", expected[i].name);
      g_autofree char *days = g_strconcat ("E-signature:\u2002", expected[i].days, NULL);
      g_autofree char *differs = NULL;

      g_test_message ("row %u: %s / %s / %s", i, name, certificate, token);
      g_assert_cmpstr (name, ==, expected[i].name);
      g_assert_cmpstr (cd_account_row_get_style (row, CD_ACCOUNT_ROW_NAME), ==, NULL);
      g_assert_true (g_str_has_prefix (certificate, days));
      g_assert_cmpstr (cd_account_row_get_style (row, CD_ACCOUNT_ROW_CERTIFICATE), ==, expected[i].state_class);
      g_assert_true (gtk_widget_has_css_class (icon, expected[i].state_class));
      /* The date after the days, as the account page writes it, when there is one. */
      if (g_strcmp0 (expected[i].state_class, "dim-label") != 0)
        g_assert_true (g_regex_match_simple ("^\u2002\\d\\d\\.\\d\\d\\.\\d{4}$", certificate + strlen (days), 0, 0));
      else
        g_assert_cmpstr (certificate, ==, days);

      /* Email, token, and the server, which is not production here. */
      g_assert_cmpstr (cd_account_row_get_text (row, CD_ACCOUNT_ROW_EMAIL), ==, five[i]);
      g_assert_cmpstr (cd_account_row_get_style (row, CD_ACCOUNT_ROW_EMAIL), ==, "dim-label");
      g_assert_cmpstr (cd_account_row_get_text (row, CD_ACCOUNT_ROW_SERVER), ==, cd_demo_server_get_url (demo));
      if (expected[i].token_valid)
        {
          g_assert_true (g_str_has_prefix (token, "Signed in until "));
          g_assert_cmpstr (cd_account_row_get_style (row, CD_ACCOUNT_ROW_TOKEN), ==, "dim-label");
        }
      else
        {
          g_assert_cmpstr (token, ==, "Sign-in expired: enter the password again");
          g_assert_cmpstr (cd_account_row_get_style (row, CD_ACCOUNT_ROW_TOKEN), ==, "warning");
        }

      differs = gtk_test_accessible_check_property (test_row_child (row, "remove_button"),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name);
      g_assert_null (differs);
      differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                    expected[i].name);
      g_assert_null (differs);
    }

  /* The search field, the export button, five rows with their remove buttons, Add. */
  test_assert_all_named (window, 13);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_filter (void)
{
  g_autofree char *emails = NULL;
  CdWindow *window;
  GtkWidget *placeholder;

  test_store_five ();
  window = test_new_window ();
  placeholder = test_accounts_child (window, "placeholder_label");

  /* By name, whatever the case. */
  test_search (window, "ШЕВЧЕНКО");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expiring@demo.test");
  g_clear_pointer (&emails, g_free);

  test_search (window, "марія");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "cashier@demo.test");
  g_clear_pointer (&emails, g_free);

  /* By email, keeping the order. */
  test_search (window, "EXPIRED");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expired-token@demo.test");
  g_clear_pointer (&emails, g_free);

  /* Written another way (й as и and a combining breve), still the same name. */
  test_search (window, "Микола\xd0\xb8\xcc\x86");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test");
  g_clear_pointer (&emails, g_free);

  /* Typed on, the search narrows; letters deleted, it widens again; and then another
   * search altogether. */
  test_search (window, "exp");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test expired-token@demo.test");
  g_clear_pointer (&emails, g_free);
  test_search (window, "expi");
  test_search (window, "expir");
  test_search (window, "expiri");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expiring@demo.test");
  g_clear_pointer (&emails, g_free);
  test_search (window, "expir");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test expired-token@demo.test");
  g_clear_pointer (&emails, g_free);
  test_search (window, "ex");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test expired-token@demo.test");
  g_clear_pointer (&emails, g_free);
  test_search (window, "signature");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "no-signature@demo.test");
  g_clear_pointer (&emails, g_free);

  test_search (window, "nobody");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "");
  g_assert_true (gtk_widget_get_mapped (placeholder));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (placeholder)), "nobody"));
  g_clear_pointer (&emails, g_free);

  test_search (window, "");
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test cashier@demo.test "
                               "expired-token@demo.test no-signature@demo.test");
  g_assert_false (gtk_widget_get_mapped (placeholder));

  gtk_window_destroy (GTK_WINDOW (window));
}

static int
test_x_in_row (CdAccountRow *row,
               const char   *child)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (test_row_child (row, child), GTK_WIDGET (row), &bounds));
  return (int) bounds.origin.x;
}

/* The row lays its text out itself: the icon at the start, the button at the end, the
 * lines between taller with a larger text and back again, and the sides swapped right
 * to left. */
static void
test_row_layout (void)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  CdWindow *window;
  CdAccountRow *row;
  int dpi = 0;
  int height;
  int width;
  int larger;

  test_store_five ();
  window = test_new_window ();
  row = test_find_row (window, "expired@demo.test");
  height = gtk_widget_get_height (GTK_WIDGET (row));
  g_assert_cmpint (test_x_in_row (row, "cert_icon"), <, test_x_in_row (row, "remove_button"));
  g_assert_cmpint (test_x_in_row (row, "remove_button") + gtk_widget_get_width (test_row_child (row, "remove_button")),
                   >, gtk_widget_get_width (GTK_WIDGET (row)) - 12);
  /* Five lines, none on another. */
  g_assert_cmpint (height, >, 5 * 12);

  /* Every line measured again: the widest one wider. */
  gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  g_object_get (gtk_settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (gtk_settings, "gtk-xft-dpi", dpi * 3 / 2, NULL);
  TEST_WAIT_UNTIL (gtk_widget_get_height (GTK_WIDGET (row)) > height * 5 / 4, 10);
  gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &larger, NULL, NULL);
  g_assert_cmpint (larger, >, width * 6 / 5);
  g_object_set (gtk_settings, "gtk-xft-dpi", dpi, NULL);
  TEST_WAIT_UNTIL (gtk_widget_get_height (GTK_WIDGET (row)) == height, 10);

  gtk_widget_set_direction (GTK_WIDGET (row), GTK_TEXT_DIR_RTL);
  TEST_WAIT_UNTIL (test_x_in_row (row, "cert_icon") > test_x_in_row (row, "remove_button"), 10);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether @node draws text in @color, anywhere under it. */
static gboolean
test_node_has_text_color (GskRenderNode *node,
                          const GdkRGBA *color)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return gdk_rgba_equal (gsk_text_node_get_color (node), color);
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (test_node_has_text_color (gsk_container_node_get_child (node, i), color))
          return TRUE;
      return FALSE;
    case GSK_TRANSFORM_NODE:
      return test_node_has_text_color (gsk_transform_node_get_child (node), color);
    default:
      return FALSE;
    }
}

/* The colour @row's style gives @name now. */
static GdkRGBA
test_row_style_color (CdAccountRow *row,
                      const char   *name)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (row)), name, &color));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

/* Whether @row draws some of its text in @color. */
static gboolean
test_row_draws_color (CdAccountRow  *row,
                      const GdkRGBA *color)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (row)->snapshot (GTK_WIDGET (row), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL && test_node_has_text_color (node, color);
}

/* The certificate's days are drawn in the theme's colour for their state, and follow
 * the theme when it changes while the list is shown. */
static void
test_row_theme (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);
  CdWindow *window;
  CdAccountRow *row;
  GdkRGBA light;
  GdkRGBA dark;

  test_store_five ();
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = test_new_window ();
  row = test_find_row (window, "expired@demo.test");
  light = test_row_style_color (row, "error_color");
  g_assert_true (test_row_draws_color (row, &light));

  /* libadwaita's dark error colour is another: the days are drawn in it instead. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = test_row_style_color (row, "error_color");
  g_assert_false (gdk_rgba_equal (&dark, &light));
  g_assert_true (test_row_draws_color (row, &dark));
  g_assert_false (test_row_draws_color (row, &light));

  adw_style_manager_set_color_scheme (style, scheme);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A row the list view binds to one account after another shows each as a new row
 * would: nothing of the one before stays (a warning, a date, the server). */
static void
test_row_rebound (void)
{
  static const char * const classes[] = { "warning", "dim-label", "error", "success" };
  GListModel *accounts;
  CdWindow *window;

  test_store_five ();
  window = test_new_window ();
  accounts = cd_window_get_accounts (window);

  /* Each account after each other one, against a row made for it alone. */
  for (guint before = 0; before < g_list_model_get_n_items (accounts); before++)
    for (guint now = 0; now < g_list_model_get_n_items (accounts); now++)
      {
        g_autoptr(CdAccount) first = g_list_model_get_item (accounts, before);
        g_autoptr(CdAccount) second = g_list_model_get_item (accounts, now);
        g_autoptr(GDateTime) at = g_date_time_new_now_local ();
        g_autoptr(GtkWidget) rebound = g_object_ref_sink (cd_account_row_new ());
        g_autoptr(GtkWidget) fresh = g_object_ref_sink (cd_account_row_new ());
        g_autofree char *differs = NULL;

        cd_account_row_set_account (CD_ACCOUNT_ROW (rebound), first, at);
        cd_account_row_set_account (CD_ACCOUNT_ROW (rebound), NULL, NULL);
        g_assert_null (gtk_actionable_get_action_name (test_row_child (CD_ACCOUNT_ROW (rebound), "remove_button")));
        cd_account_row_set_account (CD_ACCOUNT_ROW (rebound), second, at);
        cd_account_row_set_account (CD_ACCOUNT_ROW (fresh), second, at);

        g_assert_true (cd_account_row_get_account (CD_ACCOUNT_ROW (rebound)) == second);
        for (CdAccountRowLine line = 0; line < CD_ACCOUNT_ROW_N_LINES; line++)
          {
            g_assert_cmpstr (cd_account_row_get_text (CD_ACCOUNT_ROW (rebound), line), ==,
                             cd_account_row_get_text (CD_ACCOUNT_ROW (fresh), line));
            g_assert_cmpstr (cd_account_row_get_style (CD_ACCOUNT_ROW (rebound), line), ==,
                             cd_account_row_get_style (CD_ACCOUNT_ROW (fresh), line));
          }
        for (gsize c = 0; c < G_N_ELEMENTS (classes); c++)
          g_assert_cmpint (gtk_widget_has_css_class (test_row_child (CD_ACCOUNT_ROW (rebound), "cert_icon"), classes[c]), ==,
                           gtk_widget_has_css_class (test_row_child (CD_ACCOUNT_ROW (fresh), "cert_icon"), classes[c]));
        g_assert_true (g_variant_equal (gtk_actionable_get_action_target_value (test_row_child (CD_ACCOUNT_ROW (rebound), "remove_button")),
                                        gtk_actionable_get_action_target_value (test_row_child (CD_ACCOUNT_ROW (fresh), "remove_button"))));
        differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (rebound), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                      cd_account_get_title (second));
        g_assert_null (differs);
      }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* choosing */

static void
test_choose (void)
{
  CdWindow *window;
  AdwWindowTitle *title;
  guint requests;

  test_store_five ();
  window = test_new_window ();
  title = TEST_CHILD (window, CD_TYPE_WINDOW, "window_title");
  requests = cd_demo_server_get_request_count (demo);

  /* A valid token: the account page from the keyring alone, no password, no request. */
  test_choose_row (test_find_row (window, "cashier@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==, "Іваненко Марія Петрівна");
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "cert_days_label"), "success"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, cd_demo_server_get_url (demo));
  g_assert_true (gtk_widget_get_visible (test_back_button (window)));
  test_go_back (window);

  test_choose_row (test_find_row (window, "expired@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==, "Бондаренко Ігор Миколайович");
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "cert_days_label"), "error"));
  test_go_back (window);

  test_choose_row (test_find_row (window, "no-signature@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_cmpstr (cd_detail_row_get_subtitle (test_account_child (window, "cert_row")), ==, "Expiry date unknown");
  test_go_back (window);
  g_assert_cmpuint (cd_demo_server_get_request_count (demo), ==, requests);

  /* An expired token: the sign-in, with the email filled and the account's server
   * chosen, though the window started on production. */
  test_choose_row (test_find_row (window, "expired-token@demo.test"));
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, "expired-token@demo.test");
  g_assert_cmpstr (test_password (window), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (test_sign_in_child (window, "server_row")), ==, 2);
  g_assert_cmpstr (cd_sign_in_page_get_server (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")), ==,
                   cd_demo_server_get_url (demo));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, cd_demo_server_get_url (demo));
  g_assert_true (gtk_widget_get_visible (test_back_button (window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         test_sign_in_child (window, "password_row")));

  /* Typed but not sent: going back leaves no password behind. */
  test_set_text (test_sign_in_child (window, "password_row"), CD_DEMO_PASSWORD);
  test_go_back (window);
  g_assert_cmpstr (test_password (window), ==, "");

  /* Add Account: an empty form on the window's own server. */
  test_click (test_find_action_button (GTK_WIDGET (test_accounts_page (window)), "accounts.add"));
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (test_sign_in_child (window, "server_row")), ==, 0);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         test_sign_in_child (window, "email_row")));

  /* Signing in another one there: back on the list, it is listed too. */
  adw_combo_row_set_selected (test_sign_in_child (window, "server_row"), 2);
  test_set_text (test_sign_in_child (window, "custom_row"), cd_demo_server_get_url (demo));
  test_window_submit (window, "no-shift@demo.test", CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_find_action_button (test_account_page (window),
                                                                     "account.sign-out")), 20);
  test_go_back (window);
  g_assert_nonnull (test_find_row (window, "no-shift@demo.test"));
  g_assert_cmpuint (g_list_model_get_n_items (cd_window_get_accounts (window)), ==, 6);

  /* Signing out of one of several: back to the others. */
  test_choose_row (test_find_row (window, "no-shift@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  test_click (test_find_action_button (test_account_page (window), "account.sign-out"));
  test_answer_dialog ("sign-out");
  TEST_WAIT_UNTIL (test_window_on_page (window, "accounts") && !test_loading (window), 20);
  g_assert_cmpuint (g_list_model_get_n_items (cd_window_get_accounts (window)), ==, 5);
  g_assert_false (test_keyring_has ("no-shift@demo.test"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* One account opens on it directly, as before there was a list. */
static void
test_single (void)
{
  CdWindow *window;

  test_forget_all ();
  test_store (demo, "cashier@demo.test");
  window = test_new_window ();
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "name_label")), ==, "Іваненко Марія Петрівна");
  /* The list is still there, for Add Account. */
  test_go_back (window);
  g_assert_cmpuint (g_list_model_get_n_items (cd_window_get_accounts (window)), ==, 1);
  g_assert_true (gtk_widget_get_mapped (test_find_action_button (GTK_WIDGET (test_accounts_page (window)),
                                                                  "accounts.add")));
  gtk_window_destroy (GTK_WINDOW (window));

  test_forget_all ();
  test_store (demo, "expired-token@demo.test");
  window = test_new_window ();
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, "expired-token@demo.test");
  gtk_window_destroy (GTK_WINDOW (window));

  /* None: the sign-in, with nowhere to go back to. */
  test_forget_all ();
  window = test_new_window ();
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_false (gtk_widget_get_visible (test_back_button (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* removing */

static gboolean
test_has_label (GtkWidget  *root,
                const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (test_has_label (child, text))
      return TRUE;
  return FALSE;
}

/* Ctrl+F anywhere in the window, and typing in the list, search. */
static void
test_search_anywhere (void)
{
  CdWindow *window;
  GtkWidget *search;

  test_store_five ();
  window = test_new_window ();
  search = test_accounts_child (window, "search_entry");

  /* From an account's page: back to the list, in its search field. */
  test_choose_row (test_find_row (window, "cashier@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  TEST_WAIT_UNTIL (test_window_on_page (window, "accounts"), 20);
  g_assert_true (test_focus_is_in (window, search));

  /* Typing is caught by the window while the list shows, and only then. */
  g_assert_true (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (search)) == GTK_WIDGET (window));
  test_choose_row (test_find_row (window, "cashier@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_null (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (search)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_remove (void)
{
  g_autofree char *emails = NULL;
  CdWindow *window;
  GtkWidget *undo;

  test_store_five ();
  window = test_new_window ();
  g_assert_true (test_keyring_has ("cashier@demo.test"));
  g_assert_true (test_keyring_has_details ("cashier@demo.test"));

  /* Gone from the list at once, while the keyring forgets it. */
  test_click (test_row_child (test_find_row (window, "cashier@demo.test"), "remove_button"));
  g_assert_cmpuint (g_list_model_get_n_items (cd_window_get_accounts (window)), ==, 4);
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test expired-token@demo.test no-signature@demo.test");
  g_clear_pointer (&emails, g_free);
  /* The keyboard stays where the row was: on the one that took its place. */
  g_assert_true (test_focus_is_in (window, test_find_row (window, "expired-token@demo.test")));

  /* Its token and its details leave the keyring; the others stay. */
  TEST_WAIT_UNTIL (!test_keyring_has ("cashier@demo.test"), 20);
  TEST_WAIT_UNTIL (!test_keyring_has_details ("cashier@demo.test"), 20);
  g_assert_true (test_keyring_has ("expiring@demo.test"));

  /* Undo, from the toast: back in the list and in the keyring. The toast is short, so
   * that a long name cannot cut it off (a screen reader hears the name: test-orca). */
  TEST_WAIT_UNTIL ((undo = test_find_action_button (GTK_WIDGET (test_accounts_page (window)),
                                                    "accounts.undo-remove")) != NULL
                   && gtk_widget_get_mapped (undo), 20);
  g_assert_true (test_has_label (GTK_WIDGET (test_accounts_page (window)), "Account removed"));
  test_click (undo);
  g_assert_cmpuint (g_list_model_get_n_items (cd_window_get_accounts (window)), ==, 5);
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test cashier@demo.test "
                               "expired-token@demo.test no-signature@demo.test");
  g_clear_pointer (&emails, g_free);
  TEST_WAIT_UNTIL (test_keyring_has ("cashier@demo.test"), 20);
  TEST_WAIT_UNTIL (test_keyring_has_details ("cashier@demo.test"), 20);

  /* What Undo put back is the same sign-in: it reads back whole in a new window. */
  gtk_window_destroy (GTK_WINDOW (window));
  window = test_new_window ();
  test_choose_row (test_find_row (window, "cashier@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  g_assert_cmpstr (gtk_label_get_label (test_account_child (window, "shift_label")), ==, "4000055255");
  test_go_back (window);

  /* Ctrl+Z undoes a removal as the toast's button does. */
  test_click (test_row_child (test_find_row (window, "no-signature@demo.test"), "remove_button"));
  TEST_WAIT_UNTIL (!test_keyring_has ("no-signature@demo.test"), 20);
  /* The last row gone (once the list has the keyring's answer, which can come after
   * secret-tool sees it): the keyboard is on the one now last. */
  TEST_WAIT_UNTIL (g_list_model_get_n_items (cd_window_get_accounts (window)) == 4, 20);
  g_assert_true (test_focus_is_in (window, test_find_row (window, "expired-token@demo.test")));
  TEST_WAIT_UNTIL ((undo = test_find_action_button (GTK_WIDGET (test_accounts_page (window)),
                                                    "accounts.undo-remove")) != NULL
                   && gtk_widget_get_mapped (undo), 20);
  g_assert_true (gtk_widget_activate_action (gtk_root_get_focus (GTK_ROOT (window)), "accounts.undo-remove", NULL));
  TEST_WAIT_UNTIL (test_keyring_has ("no-signature@demo.test"), 20);
  TEST_WAIT_UNTIL (g_list_model_get_n_items (cd_window_get_accounts (window)) == 5, 20);

  /* Removed for good, and still gone in a new window. */
  test_click (test_row_child (test_find_row (window, "expired-token@demo.test"), "remove_button"));
  TEST_WAIT_UNTIL (!test_keyring_has ("expired-token@demo.test"), 20);
  gtk_window_destroy (GTK_WINDOW (window));

  window = test_new_window ();
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "expired@demo.test expiring@demo.test cashier@demo.test no-signature@demo.test");
  gtk_window_destroy (GTK_WINDOW (window));
}

#define MARKUP_NAME "Сміт & Ко <span foreground='red' size='xx-large'>Червоний</span> " \
                    "<a href='https://evil.example/'>посилання</a>"

/* Server text is never markup: a name with "&", <span> and <a href> shows as typed in
 * the row, and the "Removed" toast (whose title libadwaita 1.2 reads as markup) holds no
 * name at all. */
static void
test_markup_name (void)
{
  CdWindow *window;
  CdAccountRow *row;
  GtkLabel *toast_label = NULL;

  test_forget_all ();
  test_store (demo, "markup@demo.test");
  test_store (demo, "cashier@demo.test");
  window = test_new_window ();

  row = test_find_row (window, "markup@demo.test");
  g_assert_cmpstr (cd_account_row_get_text (row, CD_ACCOUNT_ROW_NAME), ==, MARKUP_NAME);

  test_click (test_row_child (row, "remove_button"));
  TEST_WAIT_UNTIL ((toast_label = test_find_label_starting (GTK_WIDGET (test_accounts_page (window)),
                                                            "Account removed")) != NULL, 20);
  g_assert_cmpstr (gtk_label_get_text (toast_label), ==, "Account removed");
  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* Save as CSV */

static void
test_csv (void)
{
  static const char * const days[] = { "-20", "10", "200", "200", "" };
  static const char * const states[] = { "expired", "expiring", "valid", "valid", "unknown" };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *problem = NULL;
  CdAccountsPage *page;
  CdWindow *window;

  test_store_five ();
  window = test_new_window ();
  page = test_accounts_page (window);
  g_assert_true (gtk_widget_is_sensitive (test_find_action_button (GTK_WIDGET (page), "accounts.export")));

  dir = g_dir_make_tmp ("cd-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "accounts.csv", NULL);
  file = g_file_new_for_path (path);
  /* It replaces what is there. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  /* A search does not narrow the export: Save as CSV writes the application's list,
   * which the search only filters for the eye. */
  test_search (window, "марія");
  cd_csv_write_async (cd_window_get_accounts (window), file, NULL, test_store_result, &result);
  TEST_WAIT_UNTIL (result != NULL, 20);
  g_assert_true (cd_csv_write_finish (result, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  rows = test_csv_parse (contents, &problem);
  g_assert_cmpstr (problem, ==, NULL);
  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (five));
  g_assert_cmpstrv (rows->pdata[0], ((const char * const[]) {
    "name", "email", "edrpou", "server", "certificate_expires_on", "days_left", "state",
    "token_expires_at", "token_valid", NULL }));

  for (gsize i = 0; i < G_N_ELEMENTS (five); i++)
    {
      char **row = rows->pdata[i + 1];
      g_autoptr(CdAccount) account = g_list_model_get_item (cd_window_get_accounts (window), i);

      g_assert_cmpuint (g_strv_length (row), ==, 9);
      g_assert_cmpstr (row[0], ==, cd_account_get_full_name (account));
      g_assert_cmpstr (row[1], ==, five[i]);
      g_assert_cmpstr (row[2], ==, cd_account_get_edrpou (account));
      g_assert_cmpstr (row[3], ==, cd_demo_server_get_url (demo));
      if (*days[i] == '\0')
        g_assert_cmpstr (row[4], ==, "");
      else
        g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d$", row[4], 0, 0));
      g_assert_cmpstr (row[5], ==, days[i]);
      g_assert_cmpstr (row[6], ==, states[i]);
      /* When the sign-in ends, as the list shows it; the demo's tokens say. */
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$", row[7], 0, 0));
      g_assert_cmpstr (row[8], ==, g_strcmp0 (five[i], "expired-token@demo.test") == 0 ? "false" : "true");
    }
  g_assert_cmpstr (((char **) rows->pdata[1])[0], ==, "Бондаренко Ігор Миколайович");

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
test_find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }
  return NULL;
}

static gboolean
test_chooser_in (GtkWidget *chooser,
                 GFile     *folder)
{
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

  return current != NULL && g_file_equal (current, folder);
}

/* Save as CSV… asks where, through the file chooser (GTK's own here, with no portal on
 * the bus), with a name to start from; cancelled, it writes nothing and can be asked
 * again. What it writes is test_csv()'s. */
static void
test_csv_chooser (void)
{
  g_autofree char *expected_name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GFile) expected_folder = NULL;
  g_autoptr(GFile) saved = NULL;
  g_autofree char *saved_uri = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  GtkWidget *export_button;
  GtkWidget *open;
  GtkWidget *chooser;
  CdWindow *window;

  test_store_five ();
  window = test_new_window ();
  export_button = test_find_action_button (GTK_WIDGET (test_accounts_page (window)), "accounts.export");
  expected_name = g_date_time_format (now, "cashdesk-accounts-%Y-%m-%d.csv");
  expected_folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                         ? documents : g_get_home_dir ());

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *name = NULL;

      g_assert_null (test_find_file_chooser ());
      test_click (export_button);
      TEST_WAIT_UNTIL ((chooser = test_find_file_chooser ()) != NULL, 20);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (window));
      g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                       GTK_FILE_CHOOSER_ACTION_SAVE);
      name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
      g_assert_cmpstr (name, ==, expected_name);
      /* In Documents (here, without one, at home), not the working folder. */
      TEST_WAIT_UNTIL (test_chooser_in (chooser, expected_folder), 10);

      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      TEST_WAIT_UNTIL (test_find_file_chooser () == NULL, 20);
    }

  /* Saved: the toast offers to open what was saved. */
  test_click (export_button);
  TEST_WAIT_UNTIL ((chooser = test_find_file_chooser ()) != NULL, 20);
  saved = g_file_get_child (expected_folder, "saved-list.csv");
  TEST_WAIT_UNTIL (test_chooser_in (chooser, expected_folder), 10);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "saved-list.csv");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  TEST_WAIT_UNTIL ((open = test_find_action_button (GTK_WIDGET (test_accounts_page (window)),
                                                    "accounts.open-saved")) != NULL
                   && gtk_widget_get_mapped (open), 20);
  saved_uri = g_file_get_uri (saved);
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open)), NULL),
                   ==, saved_uri);
  g_assert_true (g_file_query_exists (saved, NULL));
  g_file_delete (saved, NULL, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* the certificate reminder */

/* The desktop's notification server (org.freedesktop.Notifications alone: GApplication
 * then sends through it). */
static TestDesktop *desktop;

/* Whatever the application sent the notification server before has arrived. */
static void
notifier_sync (void)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (app));

  test_desktop_sync (desktop, g_dbus_connection_get_unique_name (bus));
}

static CdWindow *
test_app_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* A start of the program as far as the reminder goes: the application opens its window,
 * which reads the stored accounts. */
static CdWindow *
test_start (void)
{
  CdWindow *window;

  g_assert_null (test_app_window ());
  g_application_activate (G_APPLICATION (app));
  window = test_app_window ();
  g_assert_nonnull (window);
  /* Active too: the first page's focus waits for that (cd_window_focus_page). */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && gtk_window_is_active (GTK_WINDOW (window))
                   && !test_window_on_page (window, "loading"), 20);
  notifier_sync ();
  return window;
}

static void
test_reminder (void)
{
  g_autofree char *today = test_kyiv_today ();
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;
  CdWindow *window;
  TestNotification *notified;

  test_store_five ();
  g_settings_reset (settings, "certificate-reminders");
  g_settings_reset (settings, "last-reminder-date");
  g_assert_true (g_settings_get_boolean (settings, "certificate-reminders"));

  window = test_start ();
  TEST_WAIT_UNTIL (desktop->notifications->len > 0, 20);
  g_assert_cmpuint (desktop->notifications->len, ==, 1);
  notified = desktop->notifications->pdata[0];
  g_test_message ("notified: %s / %s", notified->title, notified->body);

  /* The two certificates that are due, most urgent first, then the token that has
   * expired; not those with time left or unknown. */
  g_assert_cmpstr (notified->title, ==, "Certificates and tokens need attention");
  g_assert_cmpstr (notified->body, ==, "Бондаренко І. М.: certificate expired 20 days ago\n"
                                       "Шевченко О. В.: certificate expires in 10 days\n"
                                       "Кравченко Ю. П.: token expired 2 days ago, sign in again");
  g_assert_cmpstr (notified->desktop_entry, ==, APP_ID);
  g_assert_true (g_strv_contains ((const char * const *) notified->actions, "default"));

  last = g_settings_get_string (settings, "last-reminder-date");
  g_assert_cmpstr (last, ==, today);

  /* Clicking it opens the list, from wherever the window is. */
  test_choose_row (test_find_row (window, "cashier@demo.test"));
  g_assert_true (test_window_on_page (window, "account"));
  g_dbus_connection_emit_signal (desktop->bus, NULL, NOTIFICATIONS_PATH, NOTIFICATIONS,
                                 "ActionInvoked", g_variant_new ("(us)", notified->number, "default"),
                                 &error);
  g_assert_no_error (error);
  TEST_WAIT_UNTIL (test_window_on_page (window, "accounts"), 20);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The same day again: nothing. */
  window = test_start ();
  g_assert_true (test_window_on_page (window, "accounts"));
  g_assert_cmpuint (desktop->notifications->len, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Turned off: nothing, on another day either. */
  g_settings_set_boolean (settings, "certificate-reminders", FALSE);
  g_settings_set_string (settings, "last-reminder-date", "2000-01-01");
  window = test_start ();
  g_assert_cmpuint (desktop->notifications->len, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Back on, on a new day: once more. */
  g_settings_set_boolean (settings, "certificate-reminders", TRUE);
  window = test_start ();
  TEST_WAIT_UNTIL (desktop->notifications->len > 1, 20);
  g_assert_cmpuint (desktop->notifications->len, ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Nothing due: nothing to say, and the day stays free for when something is. */
  g_settings_set_string (settings, "last-reminder-date", "2000-01-01");
  test_forget_all ();
  test_store (demo, "cashier@demo.test");
  test_store (demo, "no-signature@demo.test");
  window = test_start ();
  g_assert_cmpuint (desktop->notifications->len, ==, 2);
  g_clear_pointer (&last, g_free);
  last = g_settings_get_string (settings, "last-reminder-date");
  g_assert_cmpstr (last, ==, "2000-01-01");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An account as a sign-in would make it, with a certificate @days from today. */
static CdAccount *
test_made_up_account (const char *email,
                      const char *full_name,
                      int         days)
{
  g_autoptr(GTimeZone) kyiv = cd_dates_kyiv ();
  g_autoptr(GDateTime) now = g_date_time_new_now (kyiv);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);
  g_autofree char *expires_on = cd_dates_format_iso_day (day);
  g_autoptr(JsonObject) summary = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *certificate = json_object_new ();
  CdAccount *account;

  json_object_set_string_member (summary, "email", email);
  if (full_name != NULL)
    json_object_set_string_member (summary, "full_name", full_name);
  json_object_set_string_member (certificate, "expires_on", expires_on);
  json_object_set_object_member (summary, "certificate", certificate);
  account = cd_account_new_from_summary (summary, cd_demo_server_get_url (demo),
                                         "Bearer made-up", &error);
  g_assert_no_error (error);
  return account;
}

/* Keeps an account as the keyring would hold it, with a certificate @days from today. */
static void
test_store_made_up (const char *email,
                    const char *full_name,
                    int         days)
{
  g_autoptr(CdAccount) account = test_made_up_account (email, full_name, days);
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;

  cd_store_save_async (account, NULL, test_store_result, &saved);
  TEST_WAIT_UNTIL (saved != NULL, 20);
  g_assert_true (cd_store_save_finish (saved, &error));
  g_assert_no_error (error);
}

/* Names as paperwork writes them, at most five, the rest counted; 14 days is the edge. */
static void
test_reminder_many (void)
{
  g_auto(GStrv) lines = NULL;
  CdWindow *window;
  TestNotification *notified;
  guint before;

  test_forget_all ();
  test_store_made_up ("a@demo.test", "Коваль  Петро Іванович", -1);
  test_store_made_up ("b@demo.test", "Мельник", 0);
  test_store_made_up ("c@demo.test", NULL, 1);
  test_store_made_up ("d@demo.test", "Лисенко Ольга", 2);
  test_store_made_up ("e@demo.test", "Гончар Євген Вікторович", 13);
  test_store_made_up ("f@demo.test", "Савчук Анна Петрівна", 14);
  test_store_made_up ("g@demo.test", "Рудь Ілля Олегович", 15);

  g_settings_set_boolean (settings, "certificate-reminders", TRUE);
  g_settings_set_string (settings, "last-reminder-date", "2000-01-01");
  before = desktop->notifications->len;
  window = test_start ();
  TEST_WAIT_UNTIL (desktop->notifications->len > before, 20);
  g_assert_cmpuint (desktop->notifications->len, ==, before + 1);
  notified = desktop->notifications->pdata[before];

  g_assert_cmpstr (notified->title, ==, "6 e-signature certificates need renewal");
  lines = g_strsplit (notified->body, "\n", -1);
  g_assert_cmpstrv (lines, ((const char * const[]) {
    "Коваль П. І.: certificate expired 1 day ago",
    "Мельник: certificate expires today",
    "c@demo.test: certificate expires in 1 day",
    "Лисенко О.: certificate expires in 2 days",
    "Гончар Є. В.: certificate expires in 13 days",
    "and 1 more",
    NULL }));

  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* a back office's worth */

/* More than GTK 4.8's list view makes rows for (see test_many()), and as few more as
 * will show it: the keyring takes tens of milliseconds for each one stored. */
#define MANY 250

static void
test_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *left = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_save_finish (result, &error));
  g_assert_no_error (error);
  (*left)--;
}

static char *
test_many_email (guint i)
{
  return g_strdup_printf ("cashier%03u@demo.test", i);
}

/* MANY made-up cashiers, saved all at once rather than one after another:
 * cashierNNN@demo.test, "Касир NNN", their certificates running out a day apart (in a
 * month and more: no reminder is due), so that the list shows them in that order. */
static void
test_store_many (void)
{
  guint left = MANY;

  test_forget_all ();
  for (guint i = 0; i < MANY; i++)
    {
      g_autofree char *email = test_many_email (i);
      g_autofree char *name = g_strdup_printf ("Касир %03u", i);
      g_autoptr(CdAccount) account = test_made_up_account (email, name, 31 + i);

      cd_store_save_async (account, NULL, test_saved_cb, &left);
    }
  TEST_WAIT_UNTIL (left == 0, 60);
}

static guint
test_count_rows (GtkWidget *root)
{
  guint n = CD_IS_ACCOUNT_ROW (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += test_count_rows (child);
  return n;
}

/* Whether @email's row is made and wholly inside the scrolled window. */
static gboolean
test_row_in_sight (CdWindow   *window,
                   const char *email)
{
  CdAccountRow *row = test_made_row (window, email);
  GtkWidget *scrolled;
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)))
    return FALSE;
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);
  return gtk_widget_compute_bounds (GTK_WIDGET (row), scrolled, &bounds)
         && bounds.size.height > 0
         && bounds.origin.y >= 0
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Drags the scroll bar to the bottom, as often as it takes: the list view learns the
 * height of rows as it makes them, and the bottom moves with it. */
static gboolean
test_scrolled_to_end (CdWindow *window)
{
  GtkScrollable *list_view = test_accounts_child (window, "list_view");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (list_view);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (gtk_adjustment_get_value (adjustment) < end)
    {
      gtk_adjustment_set_value (adjustment, end);
      return FALSE;
    }
  return TRUE;
}

/* A key as the page's one key handler on @widget (of those in @phase) gets it; whether
 * it took it. */
static gboolean
test_press_key (GtkWidget           *widget,
                GtkPropagationPhase  phase,
                guint                keyval,
                GdkModifierType      state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;
  guint n_handlers = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == phase)
        {
          n_handlers++;
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
        }
    }
  g_assert_cmpuint (n_handlers, ==, 1);
  return handled;
}

/* Down in the search, as the page's key handler gets it before the entry does. */
static void
test_press_down_in_search (CdWindow *window)
{
  g_assert_true (test_press_key (test_accounts_child (window, "search_entry"), GTK_PHASE_CAPTURE,
                                 GDK_KEY_Down, 0));
}

/* Hundreds of stored sign-ins: the list view makes rows only around what it shows, and
 * search, Down, removal, Undo and the keyboard work as in a short list. */
static void
test_many (void)
{
  g_autofree char *last = test_many_email (MANY - 1);
  g_autofree char *emails = NULL;
  GtkWidget *list_view;
  CdWindow *window;
  guint n_made;

  test_store_many ();
  window = test_new_window ();
  g_assert_true (test_window_on_page (window, "accounts"));
  g_assert_cmpuint (g_list_model_get_n_items (cd_window_get_accounts (window)), ==, MANY);
  list_view = test_accounts_child (window, "list_view");
  test_wait_for_frame (list_view);

  /* The first ones in sight, the last not made. GTK 4.8's list view makes up to 200
   * rows (and a few more) around where it shows, whatever the list holds (GTK 4.12
   * makes fewer): fewer than the accounts, and never more however many are stored. */
  g_assert_true (test_row_in_sight (window, "cashier000@demo.test"));
  g_assert_null (test_made_row (window, last));
  n_made = test_count_rows (list_view);
  g_test_message ("%u rows made for %u accounts", n_made, MANY);
  g_assert_cmpuint (n_made, <=, 210);

  /* Scrolled to the end, the last account shows, and still no more rows. */
  TEST_WAIT_UNTIL (test_scrolled_to_end (window) && test_row_in_sight (window, last), 20);
  g_assert_cmpuint (test_count_rows (list_view), <=, 210);

  /* Down from the search goes to the first account, made again for it. */
  cd_accounts_page_focus_search (test_accounts_page (window));
  test_press_down_in_search (window);
  g_assert_true (test_focus_is_in (window, test_find_row (window, "cashier000@demo.test")));
  TEST_WAIT_UNTIL (test_row_in_sight (window, "cashier000@demo.test"), 20);

  /* A search by name, in another case: the ten that match, in the list's order. */
  test_search (window, "КАСИР 12");
  test_wait_for_frame (list_view);
  emails = test_row_emails (window);
  g_assert_cmpstr (emails, ==, "cashier120@demo.test cashier121@demo.test cashier122@demo.test "
                               "cashier123@demo.test cashier124@demo.test cashier125@demo.test "
                               "cashier126@demo.test cashier127@demo.test cashier128@demo.test "
                               "cashier129@demo.test");
  g_clear_pointer (&emails, g_free);
  cd_accounts_page_focus_search (test_accounts_page (window));
  test_press_down_in_search (window);
  g_assert_true (test_focus_is_in (window, test_find_row (window, "cashier120@demo.test")));

  /* Tab within a row is GTK's (on to its Remove button); from the button it leaves the
   * list for Add Account, and Shift+Tab from a row for the search, as from a list box,
   * rather than go through every row. */
  g_assert_false (test_press_key (list_view, GTK_PHASE_BUBBLE, GDK_KEY_Tab, 0));
  gtk_widget_grab_focus (test_row_child (test_find_row (window, "cashier120@demo.test"), "remove_button"));
  g_assert_true (test_press_key (list_view, GTK_PHASE_BUBBLE, GDK_KEY_Tab, 0));
  g_assert_true (test_focus_is_in (window, test_find_action_button (GTK_WIDGET (test_accounts_page (window)),
                                                                   "accounts.add")));
  gtk_widget_grab_focus (GTK_WIDGET (test_find_row (window, "cashier121@demo.test")));
  g_assert_true (test_press_key (list_view, GTK_PHASE_BUBBLE, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (test_focus_is_in (window, test_accounts_child (window, "search_entry")));

  /* Removing one: the keyboard on the row that took its place; Ctrl+Z brings it back. */
  test_click (test_row_child (test_find_row (window, "cashier123@demo.test"), "remove_button"));
  TEST_WAIT_UNTIL (g_list_model_get_n_items (cd_window_get_accounts (window)) == MANY - 1, 20);
  g_assert_null (test_made_row (window, "cashier123@demo.test"));
  test_assert_shown_first (window);
  g_assert_true (test_focus_is_in (window, test_find_row (window, "cashier124@demo.test")));
  g_assert_true (gtk_widget_activate_action (gtk_root_get_focus (GTK_ROOT (window)), "accounts.undo-remove", NULL));
  TEST_WAIT_UNTIL (g_list_model_get_n_items (cd_window_get_accounts (window)) == MANY, 20);
  emails = test_row_emails (window);
  g_assert_nonnull (strstr (emails, "cashier122@demo.test cashier123@demo.test cashier124@demo.test"));
  g_clear_pointer (&emails, g_free);

  /* The search emptied: every account back, though not in one turn of the main loop
   * (that made some 200 rows at once), the first in sight, the rows still few. */
  test_search (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))), <, MANY);
  test_assert_shown_first (window);
  test_wait_for_frame (list_view);
  test_assert_shown_first (window);
  test_wait_list_whole (window);
  test_assert_shown_first (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))), ==, MANY);
  TEST_WAIT_UNTIL (test_row_in_sight (window, "cashier000@demo.test"), 20);
  g_assert_cmpuint (test_count_rows (list_view), <=, 210);

  /* The keyring is left as it is: forgetting them one by one would take as long as
   * storing them, and the session's keyring goes with the test. */
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_window_init (&argc, &argv);
  g_unsetenv ("CASHDESK_API_URL");

  g_test_add_func ("/accounts/list", test_list);
  g_test_add_func ("/accounts/filter", test_filter);
  g_test_add_func ("/accounts/row-rebound", test_row_rebound);
  g_test_add_func ("/accounts/row-layout", test_row_layout);
  g_test_add_func ("/accounts/row-theme", test_row_theme);
  g_test_add_func ("/accounts/choose", test_choose);
  g_test_add_func ("/accounts/single", test_single);
  g_test_add_func ("/accounts/remove", test_remove);
  g_test_add_func ("/accounts/search-anywhere", test_search_anywhere);
  g_test_add_func ("/accounts/markup-name", test_markup_name);
  g_test_add_func ("/accounts/csv", test_csv);
  g_test_add_func ("/accounts/csv-chooser", test_csv_chooser);
  g_test_add_func ("/accounts/reminder", test_reminder);
  g_test_add_func ("/accounts/reminder-many", test_reminder_many);
  g_test_add_func ("/accounts/many", test_many);

  desktop = test_desktop_start (TEST_DESKTOP_FDO_NOTIFICATIONS);
  test_window_set_up (&app, &demo, 1500, &settings);
  status = g_test_run ();
  test_window_tear_down (&app, &demo, &settings);
  g_clear_pointer (&desktop, test_desktop_free);
  return status;
}
