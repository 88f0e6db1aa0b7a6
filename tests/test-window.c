/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-window.c: the real window against the demo server and a real keyring, driven
 * from inside: fill the form, press the buttons, wait for the page, read the labels.
 * Run through build-aux/test-session --display; with --no-keyring only the cases for
 * a missing Secret Service run (it reads CD_TEST_SESSION_KEYRING). */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-account-json.h"
#include "cd-accessible.h"
#include "cd-detail-row.h"
#include "test-keyring.h"
#include "test-window-util.h"

#define CASHIER "cashier@demo.test"
#define SLOW_DELAY_MS 1500

static CdApplication *app;
static CdDemoServer *demo;
static GSettings *settings;

static void
test_reset_settings (void)
{
  g_settings_reset (settings, "last-email");
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "allow-insecure-http");
}

static CdWindow *
test_new_window (gboolean with_demo)
{
  CdWindow *window = test_window_new (app, cd_demo_server_get_url (demo), with_demo);

  gtk_window_present (GTK_WINDOW (window));
  /* Active too: the first page's focus waits for that (cd_window_focus_page). */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && gtk_window_is_active (GTK_WINDOW (window))
                   && !test_window_on_page (window, "loading"), 20);
  return window;
}

static const char *
test_label (CdWindow   *window,
            const char *name)
{
  return gtk_label_get_label (test_account_child (window, name));
}

static GtkWidget *
test_sign_out_button (CdWindow *window)
{
  return test_find_action_button (test_account_page (window),
                                  "account.sign-out");
}

/* Sign Out, and yes to its question. */
static void
test_sign_out (CdWindow *window)
{
  test_click (test_sign_out_button (window));
  test_answer_dialog ("sign-out");
}

static gboolean
test_is_busy (CdWindow *window)
{
  GtkStack *stack = test_sign_in_child (window, "action_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "busy") == 0;
}

/* Signs in and waits for the account page and the end of the keyring save. */
static void
test_sign_in (CdWindow   *window,
              const char *email)
{
  test_window_submit (window, email, CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 20);
}

static gboolean test_clipboard_done;
static char *test_clipboard_text;

static void
test_clipboard_read_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  test_clipboard_text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  test_clipboard_done = TRUE;
}

static char *
test_read_clipboard (GtkWidget *widget)
{
  test_clipboard_done = FALSE;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 test_clipboard_read_cb, NULL);
  TEST_WAIT_UNTIL (test_clipboard_done, 10);
  return g_steal_pointer (&test_clipboard_text);
}

/* @node without the transforms and debug nodes around it. */
static GskRenderNode *
test_unwrap_node (GskRenderNode *node)
{
  for (;;)
    switch (gsk_render_node_get_node_type (node))
      {
      case GSK_TRANSFORM_NODE:
        node = gsk_transform_node_get_child (node);
        break;
      case GSK_DEBUG_NODE:
        node = gsk_debug_node_get_child (node);
        break;
      default:
        return node;
      }
}

/* Whether @node is lines of text (a label of more than one line), which overlap. */
static gboolean
test_is_text_lines (GskRenderNode *node)
{
  node = test_unwrap_node (node);
  if (gsk_render_node_get_node_type (node) != GSK_CONTAINER_NODE
      || gsk_container_node_get_n_children (node) < 2)
    return FALSE;
  for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
    if (gsk_render_node_get_node_type (test_unwrap_node (gsk_container_node_get_child (node, i)))
        != GSK_TEXT_NODE)
      return FALSE;
  return TRUE;
}

/* Fails on what GTK 4.8 draws the dear way under @node: a border whose sides are not all
 * of one colour (the cairo renderer draws it with a mesh gradient, ~6 M instructions a
 * row), and text of more than one line dimmed by opacity (drawn offscreen and blended:
 * under llvmpipe, three more shader programs to compile; style.css dims text by its
 * colour). Returns how many borders it saw. */
static guint
test_check_drawing (GskRenderNode *node)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += test_check_drawing (gsk_container_node_get_child (node, i));
      return n;
    case GSK_TRANSFORM_NODE:
      return test_check_drawing (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return test_check_drawing (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return test_check_drawing (gsk_rounded_clip_node_get_child (node));
    case GSK_DEBUG_NODE:
      return test_check_drawing (gsk_debug_node_get_child (node));
    case GSK_OPACITY_NODE:
      g_assert_false (test_is_text_lines (gsk_opacity_node_get_child (node)));
      return test_check_drawing (gsk_opacity_node_get_child (node));
    case GSK_BORDER_NODE:
      {
        const GdkRGBA *colors = gsk_border_node_get_colors (node);

        for (guint i = 1; i < 4; i++)
          g_assert_true (gdk_rgba_equal (&colors[0], &colors[i]));
        return 1;
      }
    default:
      return 0;
    }
}

/* The nodes @widget draws, as its parent would have it draw them. */
static GskRenderNode *
test_widget_nodes (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  gtk_widget_snapshot_child (gtk_widget_get_parent (widget), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return node;
}

static void
test_count_cb (guint *count)
{
  (*count)++;
}

static void
test_validation (void)
{
  CdWindow *window;
  GtkWidget *page;
  GtkWidget *button;
  AdwWindowTitle *title;
  g_autofree char *host = NULL;
  guint tooltip_set = 0;

  test_reset_settings ();
  window = test_new_window (FALSE);
  page = TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page");
  button = test_find_action_button (page, "sign-in.submit");
  title = TEST_CHILD (window, CD_TYPE_WINDOW, "window_title");

  g_assert_true (test_window_on_page (window, "sign-in"));
  /* A fresh start: the keyboard is in the email field. */
  g_assert_true (test_focus_is_in (window, test_sign_in_child (window, "email_row")));
  /* The demo server is not production: the window says where it signs in. */
  /* "http://127.0.0.1:PORT/api/v2" is shown as "127.0.0.1:PORT". */
  host = g_strdup (cd_demo_server_get_url (demo) + strlen ("http://"));
  *strchr (host, '/') = '\0';
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, host);
  /* The whole address, for whoever wonders. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, cd_demo_server_get_url (demo));
  /* Set again only when it changes: GTK 4.8 asks the X server where the pointer is
   * each time a shown widget's tooltip is set, even to the same text. */
  g_signal_connect_swapped (title, "notify::tooltip-text", G_CALLBACK (test_count_cb), &tooltip_set);
  /* The templates set these two buttons' tooltips hidden, for the same reason. */
  g_assert_true (gtk_widget_get_visible (TEST_CHILD (window, CD_TYPE_WINDOW, "menu_button")));
  g_assert_true (gtk_widget_get_visible (test_sign_in_child (window, "peek_button")));
  /* Its dimmed text of two lines (the description under the heading) is drawn directly. */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0, 10);
  {
    g_autoptr(GskRenderNode) node = test_widget_nodes (page);

    g_assert_cmpuint (test_check_drawing (node), >, 0);
  }
  g_object_notify (G_OBJECT (page), "server");
  g_assert_cmpuint (tooltip_set, ==, 0);
  g_assert_false (gtk_widget_get_visible (TEST_CHILD (window, CD_TYPE_WINDOW, "demo_label")));
  /* Not production: the server choice is open for all to see. */
  g_assert_true (gtk_expander_get_expanded (test_sign_in_child (window, "advanced_expander")));

  g_assert_false (gtk_widget_is_sensitive (button));
  test_set_text (test_sign_in_child (window, "email_row"), "not-an-email");
  test_set_text (test_sign_in_child (window, "password_row"), "secret");
  g_assert_false (gtk_widget_is_sensitive (button));
  test_set_text (test_sign_in_child (window, "email_row"), CASHIER);
  g_assert_true (gtk_widget_is_sensitive (button));
  test_set_text (test_sign_in_child (window, "password_row"), "");
  g_assert_false (gtk_widget_is_sensitive (button));
  test_set_text (test_sign_in_child (window, "password_row"), "secret");

  /* A shop's SmartConnect server: plain HTTP on the LAN needs the switch. */
  test_set_text (test_sign_in_child (window, "custom_row"), "http://192.168.1.20:8001/api/v2");
  g_assert_true (gtk_widget_get_visible (test_sign_in_child (window, "insecure_row")));
  g_assert_true (gtk_widget_get_visible (test_sign_in_child (window, "server_hint")));
  g_assert_false (gtk_widget_is_sensitive (button));
  /* Host and port: at 360 px the whole address would be cut to "http://1…". */
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "192.168.1.20:8001");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, "http://192.168.1.20:8001/api/v2");
  g_assert_cmpuint (tooltip_set, >, 0);
  gtk_switch_set_active (test_sign_in_child (window, "insecure_switch"), TRUE);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (test_sign_in_child (window, "server_hint")));

  test_set_text (test_sign_in_child (window, "custom_row"), "ftp://example.com");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (test_sign_in_child (window, "server_hint")));

  adw_combo_row_set_selected (test_sign_in_child (window, "server_row"), 1);
  g_assert_false (gtk_widget_get_visible (test_sign_in_child (window, "custom_box")));
  g_assert_false (gtk_widget_get_visible (test_sign_in_child (window, "server_hint")));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "test.cashdesk.com.ua");
  g_assert_true (gtk_widget_is_sensitive (button));

  adw_combo_row_set_selected (test_sign_in_child (window, "server_row"), 0);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sign_in_cashier (void)
{
  g_autofree char *token = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *email = NULL;
  g_autoptr(CdAccount) listed = NULL;
  GListModel *accounts;
  CdWindow *window;
  GtkWidget *sign_out;
  const char *masked;

  test_reset_settings ();
  window = test_new_window (FALSE);
  g_assert_null (test_secret_tool_lookup (CASHIER));

  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 20);
  /* Signed in: the password is gone from the form. */
  g_assert_cmpstr (test_password (window), ==, "");
  /* Nothing urgent: no banner, and a green "Signed in". */
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "token_banner")));
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "cert_banner")));
  g_assert_cmpstr (test_label (window, "status_label"), ==, "Signed in");
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "status_box"), "success"));
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "cert_none_row")));

  g_assert_cmpstr (test_label (window, "name_label"), ==, "Іваненко Марія Петрівна");
  g_assert_cmpstr (test_label (window, "email_label"), ==, CASHIER);
  g_assert_cmpstr (test_label (window, "shift_label"), ==, "4000055255");
  g_assert_true (gtk_widget_get_visible (test_account_child (window, "shift_copy_button")));
  g_assert_cmpstr (test_label (window, "rro_label"), ==, "Active");
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "cert_days_label"), "success"));
  g_assert_true (g_str_has_suffix (test_label (window, "cert_days_label"), "days left"));
  g_assert_cmpstr (cd_detail_row_get_subtitle (test_account_child (window, "cert_row")), ==, "Valid");
  g_assert_cmpstr (test_label (window, "cert_date_label"), !=, "Unknown");
  g_assert_cmpstr (test_label (window, "token_label"), !=, "Unknown");
  g_assert_false (gtk_revealer_get_reveal_child (test_account_child (window, "not_saved_revealer")));

  /* The DRFO is masked until asked for. */
  masked = test_label (window, "drfo_label");
  g_assert_null (strstr (masked, "3012405678"));
  g_assert_true (strstr (masked, "•") != NULL);
  test_click (test_account_child (window, "drfo_reveal_button"));
  g_assert_cmpstr (test_label (window, "drfo_label"), ==, "3012405678");
  test_click (test_account_child (window, "drfo_reveal_button"));
  g_assert_null (strstr (test_label (window, "drfo_label"), "3012405678"));

  test_click (test_account_child (window, "shift_copy_button"));
  copied = test_read_clipboard (GTK_WIDGET (window));
  g_assert_cmpstr (copied, ==, "4000055255");
  g_clear_pointer (&copied, g_free);
  test_click (test_account_child (window, "edrpou_copy_button"));
  copied = test_read_clipboard (GTK_WIDGET (window));
  g_assert_cmpstr (copied, ==, test_label (window, "edrpou_label"));

  /* Another process finds the token; GSettings got the email, nothing more. */
  token = test_secret_tool_lookup (CASHIER);
  g_assert_nonnull (token);
  g_assert_true (g_str_has_prefix (token, "Bearer "));
  email = g_settings_get_string (settings, "last-email");
  g_assert_cmpstr (email, ==, CASHIER);

  /* The application's one list of sign-ins has the new one in place, the very account
   * the page shows, with no second reading of the keyring. */
  accounts = cd_window_get_accounts (window);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  listed = g_list_model_get_item (accounts, 0);
  g_assert_true (listed == cd_account_page_get_account (test_account_page (window)));
  g_assert_false (cd_account_list_get_loading (CD_ACCOUNT_LIST (accounts)));
  g_clear_object (&listed);

  /* Sign Out asks first: other programs lose the sign-in too. */
  sign_out = test_sign_out_button (window);
  test_click (sign_out);
  test_answer_dialog ("cancel");
  g_assert_true (test_window_on_page (window, "account"));
  g_clear_pointer (&token, g_free);
  token = test_secret_tool_lookup (CASHIER);
  g_assert_nonnull (token);
  g_clear_pointer (&token, g_free);
  test_click (sign_out);
  test_answer_dialog ("sign-out");
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  g_assert_null (test_secret_tool_lookup (CASHIER));
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);
  /* Back on the form, the email is still there and the keyboard is in the password. */
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, CASHIER);
  g_assert_true (test_focus_is_in (window, test_sign_in_child (window, "password_row")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sign_in_expired (void)
{
  CdWindow *window;
  GtkWidget *days;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_sign_in (window, "expired@demo.test");

  days = test_account_child (window, "cert_days_label");
  g_assert_true (gtk_widget_has_css_class (days, "error"));
  g_assert_false (gtk_widget_has_css_class (days, "success"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (days)), ==, "Expired 20 days ago");
  g_assert_cmpstr (cd_detail_row_get_subtitle (test_account_child (window, "cert_row")), ==, "Expired");
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "cert_icon"), "error"));
  /* Urgent, so at the top of the page, saying what to do. */
  g_assert_true (gtk_widget_get_visible (test_account_child (window, "cert_banner")));
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "cert_banner"), "cd-banner-error"));
  g_assert_cmpstr (test_label (window, "cert_banner_title"), ==, "E-signature certificate expired");
  g_assert_true (strstr (test_label (window, "cert_banner_body"), "new certificate") != NULL);
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "token_banner")));

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sign_in_expiring (void)
{
  CdWindow *window;
  GtkWidget *days;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_sign_in (window, "expiring@demo.test");

  days = test_account_child (window, "cert_days_label");
  g_assert_true (gtk_widget_has_css_class (days, "warning"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (days)), ==, "10 days left");
  g_assert_true (gtk_widget_get_visible (test_account_child (window, "cert_banner")));
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "cert_banner"), "cd-banner-warning"));
  g_assert_cmpstr (test_label (window, "cert_banner_title"), ==, "E-signature certificate expires in 10 days");

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What Return does in a text field: GtkText binds it to its "activate" signal. */
static void
test_press_enter (gpointer row)
{
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
}

/* Production, as a cashier's till has it: the server choice waits under Advanced. */
static void
test_production_server (void)
{
  CdWindow *window;

  test_reset_settings ();
  window = test_window_new (app, NULL, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  /* Active too: the first page's focus waits for that (cd_window_focus_page). */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && gtk_window_is_active (GTK_WINDOW (window))
                   && !test_window_on_page (window, "loading"), 20);

  g_assert_false (gtk_expander_get_expanded (test_sign_in_child (window, "advanced_expander")));
  g_assert_false (gtk_widget_get_mapped (test_sign_in_child (window, "server_row")));
  g_assert_cmpstr (adw_window_title_get_subtitle (TEST_CHILD (window, CD_TYPE_WINDOW, "window_title")), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the focus leaving @widget tells it (a window without a window manager around is
 * never active, and GTK then sends no focus events). */
static void
test_focus_leave (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_FOCUS (controller))
        g_signal_emit_by_name (controller, "leave");
    }
}

/* The size is kept as it changes: Ctrl+Q quits without closing the window first. */
static void
test_window_size (void)
{
  CdWindow *window;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  window = test_new_window (FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 517, 611);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 517);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 611);
  /* Destroyed as quitting does, with no close request: the size stays. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 517);

  window = test_new_window (FALSE);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 517);
    g_assert_cmpint (height, ==, 611);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* A name of 500,000 letters from a server: kept to 200, wrapped, and the window stays
 * as wide as it was. */
static void
test_long_name (void)
{
  CdWindow *window;
  int before;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_wait_for_frame (GTK_WIDGET (window));
  before = gtk_widget_get_width (GTK_WIDGET (window));
  test_sign_in (window, "long-name@demo.test");
  test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (g_utf8_strlen (test_label (window, "name_label"), -1), ==, CD_ACCOUNT_MAX_NAME + 1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, before);
  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* No certificate on record: one row says so, once. */
static void
test_sign_in_no_signature (void)
{
  CdWindow *window;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_sign_in (window, "no-signature@demo.test");

  g_assert_true (gtk_widget_get_visible (test_account_child (window, "cert_none_row")));
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "cert_row")));
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "cert_serial_row")));
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "cert_banner")));

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An expired sign-in is no success: a banner says so, and Sign In Again explains why
 * the password is asked for. */
static void
test_sign_in_expired_token (void)
{
  CdWindow *window;
  GtkWidget *again;
  GtkWidget *notice;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_sign_in (window, "expired-token@demo.test");

  g_assert_cmpstr (test_label (window, "status_label"), ==, "Sign-in expired");
  g_assert_false (gtk_widget_has_css_class (test_account_child (window, "status_box"), "success"));
  g_assert_true (gtk_widget_get_visible (test_account_child (window, "token_banner")));
  g_assert_cmpstr (test_label (window, "token_banner_title"), ==, "Sign-in expired");

  again = test_find_action_button (test_account_child (window, "token_banner"), "account.sign-in-again");
  g_assert_nonnull (again);
  test_click (again);
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, "expired-token@demo.test");
  notice = test_sign_in_child (window, "notice_box");
  g_assert_true (gtk_widget_get_visible (notice));
  g_assert_true (strstr (gtk_label_get_label (test_sign_in_child (window, "notice_label")),
                         "expired-token@demo.test") != NULL);
  g_assert_true (test_focus_is_in (window, test_sign_in_child (window, "password_row")));

  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* A sign-in that ends in 5 days is treated as a certificate that does: the days left,
 * amber, and a banner with Sign In Again, as the daily reminder warns of it too. */
static void
test_sign_in_token_expiring (void)
{
  CdWindow *window;
  GtkWidget *again;
  const char *until;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_sign_in (window, "token-expiring@demo.test");

  g_assert_cmpstr (test_label (window, "status_label"), ==, "Signed in");
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "status_box"), "warning"));
  g_assert_false (gtk_widget_has_css_class (test_account_child (window, "status_box"), "success"));
  until = test_label (window, "token_label");
  g_assert_true (g_str_has_suffix (until, "(5 days left)") || g_str_has_suffix (until, "(4 days left)"));
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "token_label"), "warning"));

  g_assert_true (gtk_widget_get_visible (test_account_child (window, "token_banner")));
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "token_banner"), "cd-banner-warning"));
  g_assert_true (g_str_has_prefix (test_label (window, "token_banner_title"), "Sign-in ends in "));
  again = test_find_action_button (test_account_child (window, "token_banner"), "account.sign-in-again");
  g_assert_nonnull (again);
  test_click (again);
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, "token-expiring@demo.test");
  /* Not "expired": it has not. */
  g_assert_true (strstr (gtk_label_get_label (test_sign_in_child (window, "notice_label")), "ends soon") != NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  test_forget_all ();
}

/* An email the server could never take: marked, with the reason, and Sign In stays
 * off. The Ukrainian layout's Shift+2 gives a quotation mark: said so. */
static void
test_invalid_email (void)
{
  CdWindow *window;
  GtkWidget *email;
  GtkWidget *reason;
  GtkWidget *button;

  test_reset_settings ();
  window = test_new_window (FALSE);
  email = test_sign_in_child (window, "email_row");
  reason = test_sign_in_child (window, "email_error_label");
  button = test_find_action_button (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page"), "sign-in.submit");

  /* Typing is not interrupted: no mark until Enter or leaving the field. */
  test_set_text (email, "cashier\"demo.test");
  test_set_text (test_sign_in_child (window, "password_row"), CD_DEMO_PASSWORD);
  g_assert_false (gtk_widget_get_visible (reason));
  test_press_enter (email);
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_true (strstr (gtk_label_get_label (GTK_LABEL (reason)), "Shift+2") != NULL);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (email), "error"));
  g_assert_true (test_focus_is_in (window, email));
  g_assert_false (gtk_widget_is_sensitive (button));

  /* Another mistake, another reason. */
  test_set_text (email, "cashier@");
  test_press_enter (email);
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (reason)), "Shift+2"));

  /* Leaving the field marks it too. */
  test_set_text (email, CASHIER);
  g_assert_false (gtk_widget_get_visible (reason));
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_parent (email), "error"));
  g_assert_true (gtk_widget_is_sensitive (button));
  test_set_text (email, "cashier.demo.test");
  g_assert_false (gtk_widget_get_visible (reason));
  test_focus_leave (email);
  g_assert_true (gtk_widget_get_visible (reason));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Keyboard only: Enter in the email goes to the password, Enter there signs in. */
static void
test_sign_in_no_shift (void)
{
  CdWindow *window;
  GtkWidget   *email_row;
  GtkWidget   *password_row;

  test_reset_settings ();
  window = test_new_window (FALSE);
  email_row = test_sign_in_child (window, "email_row");
  password_row = test_sign_in_child (window, "password_row");

  test_set_text (email_row, "no-shift@demo.test");
  test_press_enter (email_row);
  g_assert_true (test_focus_is_in (window, password_row));
  test_set_text (password_row, CD_DEMO_PASSWORD);
  test_press_enter (password_row);
  g_assert_true (test_is_busy (window));

  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 20);
  g_assert_cmpstr (test_label (window, "shift_label"), ==, "No open shift");
  g_assert_false (gtk_widget_get_visible (test_account_child (window, "shift_copy_button")));
  g_assert_cmpstr (test_label (window, "rro_label"), ==, "None active");

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sign_in_rejected (void)
{
  CdWindow *window;
  guint requests;

  test_reset_settings ();
  window = test_new_window (FALSE);
  requests = cd_demo_server_get_request_count (demo);

  test_window_submit (window, CASHIER, "not the password");
  TEST_WAIT_UNTIL (!test_is_busy (window), 20);

  g_assert_cmpuint (cd_demo_server_get_request_count (demo), ==, requests + 1);
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_true (cd_sign_in_page_get_error_shown (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")));
  g_assert_cmpstr (gtk_label_get_label (test_sign_in_child (window, "error_title")), ==, "Sign-in refused");
  g_assert_cmpstr (gtk_label_get_label (test_sign_in_child (window, "error_label")), !=, "");
  g_assert_true (test_focus_is_in (window, test_sign_in_child (window, "password_row")));
  g_assert_true (gtk_widget_is_sensitive (test_sign_in_child (window, "form_group")));
  g_assert_null (test_secret_tool_lookup (CASHIER));
  /* The password was wrong: it is cleared for the next one. */
  g_assert_cmpstr (test_password (window), ==, "");

  /* The retry clears the old error. */
  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  g_assert_false (cd_sign_in_page_get_error_shown (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")));
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 20);
  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A developer id with a line break in the window's setting would make libsoup drop the
 * header (with a CRITICAL): the window refuses it with a message, and sends nothing. */
static void
test_developer_id_setting (void)
{
  CdWindow *window;
  guint requests;

  test_reset_settings ();
  g_unsetenv ("CASHDESK_DEVELOPER_ID");
  g_settings_set_string (settings, "developer-id", "company\r\nX-Injected: 1");
  window = test_new_window (FALSE);
  requests = cd_demo_server_get_request_count (demo);

  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (!test_is_busy (window), 20);

  g_assert_cmpuint (cd_demo_server_get_request_count (demo), ==, requests);
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_true (cd_sign_in_page_get_error_shown (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")));
  g_assert_nonnull (strstr (gtk_label_get_label (test_sign_in_child (window, "error_label")),
                            "developer ID"));
  g_assert_null (test_secret_tool_lookup (CASHIER));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "developer-id");
}

static void
test_sign_in_server_error (void)
{
  CdWindow *window;

  test_reset_settings ();
  window = test_new_window (FALSE);

  /* Shown while typed: hidden again once it is sent. */
  gtk_toggle_button_set_active (test_sign_in_child (window, "peek_button"), TRUE);
  test_window_submit (window, "broken@demo.test", CD_DEMO_PASSWORD);
  g_assert_false (gtk_toggle_button_get_active (test_sign_in_child (window, "peek_button")));
  TEST_WAIT_UNTIL (!test_is_busy (window), 20);
  /* Not the password's fault: it is kept for trying again. */
  g_assert_cmpstr (test_password (window), ==, CD_DEMO_PASSWORD);

  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_true (cd_sign_in_page_get_error_shown (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")));
  g_assert_cmpstr (gtk_label_get_label (test_sign_in_child (window, "error_title")), ==,
                   "The server could not sign you in");
  g_assert_true (strstr (gtk_label_get_label (test_sign_in_child (window, "error_label")), "50") != NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel (void)
{
  CdWindow *window;
  GtkWidget *cancel;

  test_reset_settings ();
  window = test_new_window (FALSE);

  test_window_submit (window, "slow@demo.test", CD_DEMO_PASSWORD);
  g_assert_true (test_is_busy (window));
  g_assert_false (gtk_widget_is_sensitive (test_sign_in_child (window, "form_group")));
  g_assert_false (gtk_widget_is_sensitive (test_sign_in_child (window, "server_group")));
  /* No second request while one is running. */
  g_assert_false (gtk_widget_is_sensitive (test_find_action_button (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page"),
                                                                    "sign-in.submit")));

  cancel = test_sign_in_child (window, "cancel_button");
  g_assert_true (gtk_widget_is_sensitive (cancel));
  test_click (cancel);

  g_assert_false (test_is_busy (window));
  g_assert_true (gtk_widget_is_sensitive (test_sign_in_child (window, "form_group")));
  g_assert_true (test_focus_is_in (window, test_sign_in_child (window, "password_row")));
  g_assert_cmpstr (test_password (window), ==, CD_DEMO_PASSWORD);

  /* The answer the server would still send later changes nothing. */
  TEST_WAIT_UNTIL (cd_demo_server_get_held_count (demo) == 0, SLOW_DELAY_MS / 1000 + 10);
  test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_false (cd_sign_in_page_get_error_shown (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")));
  g_assert_null (test_secret_tool_lookup ("slow@demo.test"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_close_mid_request (void)
{
  CdWindow *window;
  gpointer page;

  test_reset_settings ();
  window = test_new_window (FALSE);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  /* The sign-in holds its page until it has ended, storing included. */
  page = TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page");
  g_object_add_weak_pointer (G_OBJECT (page), &page);

  test_window_submit (window, "slow@demo.test", CD_DEMO_PASSWORD);
  g_assert_true (test_is_busy (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Past the server's delay: no crash, no warning (they are fatal here), the window
   * really gone once the request let go of it, and nothing stored. */
  TEST_WAIT_UNTIL (cd_demo_server_get_held_count (demo) == 0, SLOW_DELAY_MS / 1000 + 10);
  TEST_WAIT_UNTIL (window == NULL && page == NULL, 10);
  g_assert_null (test_secret_tool_lookup ("slow@demo.test"));
}

static void
test_restart (void)
{
  CdWindow *window;
  guint requests;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_sign_in (window, CASHIER);
  gtk_window_destroy (GTK_WINDOW (window));

  requests = cd_demo_server_get_request_count (demo);
  window = test_new_window (FALSE);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  g_assert_cmpstr (test_label (window, "name_label"), ==, "Іваненко Марія Петрівна");
  g_assert_cmpstr (test_label (window, "shift_label"), ==, "4000055255");
  g_assert_true (gtk_widget_has_css_class (test_account_child (window, "cert_days_label"), "success"));
  /* Shown from the keyring alone: the server was not asked. */
  g_assert_cmpuint (cd_demo_server_get_request_count (demo), ==, requests);
  g_assert_false (gtk_revealer_get_reveal_child (test_account_child (window, "not_saved_revealer")));

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  g_assert_null (test_secret_tool_lookup (CASHIER));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Signed out: the next start asks again. */
  window = test_new_window (FALSE);
  g_assert_true (test_window_on_page (window, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, CASHIER);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
test_find_row (GtkWidget  *root,
               const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = test_find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_demo_mode (void)
{
  g_autofree char *email = NULL;
  AdwPreferencesGroup *group;
  CdWindow *window;
  GtkWidget *row = NULL;
  guint n_rows = 0;

  test_reset_settings ();
  window = test_new_window (TRUE);

  g_assert_true (gtk_widget_get_visible (TEST_CHILD (window, CD_TYPE_WINDOW, "demo_label")));
  group = test_sign_in_child (window, "demo_group");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (group)));

  /* Every sample account is listed, by email. */
  for (const CdDemoAccount *account = cd_demo_server_accounts (); account->email != NULL; account++)
    {
      GtkWidget *found = test_find_row (GTK_WIDGET (group), account->email);

      g_assert_nonnull (found);
      n_rows++;
      if (g_strcmp0 (account->email, CASHIER) == 0)
        row = found;
    }
  g_assert_cmpuint (n_rows, >, 5);

  /* Choosing one fills the form; signing in still needs a deliberate press. */
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (gtk_editable_get_text (test_sign_in_child (window, "email_row")), ==, CASHIER);
  g_assert_cmpstr (test_password (window), ==, CD_DEMO_PASSWORD);
  test_click (test_find_action_button (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page"),
                                       "sign-in.submit"));
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 20);

  /* The demo's random port must not become the remembered server, nor its email. */
  email = g_settings_get_string (settings, "last-email");
  g_assert_cmpstr (email, ==, "");

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The check itself must catch what it should, or it proves nothing. */
static void
test_accessible_name_check (void)
{
  g_autoptr(GtkWidget) icon_button = g_object_ref_sink (gtk_button_new_from_icon_name ("edit-copy-symbolic"));
  g_autoptr(GtkWidget) text_button = g_object_ref_sink (gtk_button_new_with_label ("Copy"));
  g_autoptr(GtkWidget) box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *label = gtk_label_new ("Email");
  GtkWidget *empty_label = gtk_label_new ("");
  GtkWidget *text = gtk_text_new ();

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), empty_label);
  gtk_box_append (GTK_BOX (box), text);

  g_assert_false (test_has_accessible_name (GTK_ACCESSIBLE (icon_button), icon_button));
  g_assert_true (test_has_accessible_name (GTK_ACCESSIBLE (text_button), text_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  g_assert_false (test_has_accessible_name (GTK_ACCESSIBLE (icon_button), icon_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy", -1);
  g_assert_true (test_has_accessible_name (GTK_ACCESSIBLE (icon_button), icon_button));

  g_assert_false (test_has_accessible_name (GTK_ACCESSIBLE (text), box));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  empty_label, NULL, -1);
  g_assert_false (test_has_accessible_name (GTK_ACCESSIBLE (text), box));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  g_assert_true (test_has_accessible_name (GTK_ACCESSIBLE (text), box));
}

static void
test_accessible_names (void)
{
  CdWindow *window;

  test_reset_settings ();
  window = test_new_window (TRUE);

  /* Everything the sign-in page can show at once: the switch, the hint and an error. */
  adw_combo_row_set_selected (test_sign_in_child (window, "server_row"), 2);
  test_set_text (test_sign_in_child (window, "custom_row"), "http://192.168.1.20:8001/api/v2");
  gtk_switch_set_active (test_sign_in_child (window, "insecure_switch"), TRUE);
  test_window_submit (window, CASHIER, "not the password");
  TEST_WAIT_UNTIL (!test_is_busy (window), 20);
  TEST_WAIT_UNTIL (cd_sign_in_page_get_error_shown (TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page")), 20);
  test_assert_all_named (window, 20);

  /* The busy state: the Cancel button. */
  test_set_text (test_sign_in_child (window, "custom_row"), cd_demo_server_get_url (demo));
  test_window_submit (window, "slow@demo.test", CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (test_sign_in_child (window, "cancel_button")), 10);
  test_assert_all_named (window, 5);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 20);
  test_wait_for_frame (GTK_WIDGET (window));
  test_assert_all_named (window, 5);

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* No Secret Service: the sign-in still shows, with a warning and Retry. */
static void
test_no_keyring (void)
{
  CdWindow *window;
  GtkWidget *retry;

  test_reset_settings ();
  window = test_new_window (FALSE);

  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_sign_out_button (window)), 30);

  g_assert_cmpstr (test_label (window, "name_label"), ==, "Іваненко Марія Петрівна");
  g_assert_true (gtk_revealer_get_reveal_child (test_account_child (window, "not_saved_revealer")));
  g_assert_cmpstr (test_label (window, "not_saved_label"), !=, "");
  retry = test_find_action_button (test_account_page (window),
                                   "account.retry-save");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_sensitive (retry));

  test_click (retry);
  g_assert_false (gtk_widget_is_sensitive (retry));
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (retry), 30);
  g_assert_true (gtk_revealer_get_reveal_child (test_account_child (window, "not_saved_revealer")));

  /* Nothing was stored, so signing out has nothing to fail on, and nothing to ask. */
  test_click (test_sign_out_button (window));
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 30);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a screen reader was told on the focused widget (cd_accessible_announce()) gives
 * way to the widget's own description when the focus leaves it: the same text, whole,
 * however often (it once read the text it had just freed). */
static void
test_announcement_ends (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first = gtk_button_new_with_label ("First");
  GtkWidget *second = gtk_button_new_with_label ("Second");

  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (first), 20);
  cd_accessible_describe (first, "What the button does");

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *announced = NULL;
      g_autofree char *described = NULL;

      gtk_widget_grab_focus (first);
      cd_accessible_announce (first, "Something happened");
      announced = gtk_test_accessible_check_property (GTK_ACCESSIBLE (first),
                                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                      "Something happened");
      g_assert_null (announced);
      /* The focus leaves: as GTK tells the widget's focus controller, which it does
       * only in an active window (these sessions have no window manager to make one). */
      gtk_widget_grab_focus (second);
      g_signal_emit_by_name (g_object_get_data (G_OBJECT (first), "cd-accessible-watched"), "leave");
      described = gtk_test_accessible_check_property (GTK_ACCESSIBLE (first),
                                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                      "What the button does");
      g_assert_null (described);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every CdDetailRow under @widget, in order. */
static void
test_collect_detail_rows (GtkWidget *widget,
                          GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CD_IS_DETAIL_ROW (child))
        g_ptr_array_add (rows, child);
      else
        test_collect_detail_rows (child, rows);
    }
}

/* The top and bottom of @label's text, in @row's coordinates. */
static void
test_text_span (GtkWidget *label,
                GtkWidget *row,
                double    *top,
                double    *bottom)
{
  graphene_rect_t bounds;
  PangoRectangle text;
  int x, y;

  g_assert_true (gtk_widget_compute_bounds (label, row, &bounds));
  gtk_label_get_layout_offsets (GTK_LABEL (label), &x, &y);
  pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &text);
  *top = bounds.origin.y + y + text.y;
  *bottom = *top + text.height;
}

/* The vertical middle of @widget, in @row's coordinates: of its text, for a label. */
static double
test_middle_in (GtkWidget *widget,
                GtkWidget *row)
{
  graphene_rect_t bounds;
  double top, bottom;

  if (GTK_IS_LABEL (widget))
    {
      test_text_span (widget, row, &top, &bottom);
      return (top + bottom) / 2;
    }
  g_assert_true (gtk_widget_compute_bounds (widget, row, &bounds));
  return bounds.origin.y + bounds.size.height / 2;
}

/* The account page's rows (CdDetailRow) as an AdwActionRow lays them out: the title and
 * what is beside it centred on one another, the value after the title, a subtitle shown
 * only when there is one; and the page drawn the cheap way (test_check_drawing()). */
static void
test_account_rows (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GskRenderNode) node = NULL;
  CdDetailRow *cert_row;
  GtkWidget *page;
  CdWindow *window;
  guint n_checked = 0;

  test_reset_settings ();
  window = test_new_window (FALSE);
  test_window_submit (window, CASHIER, CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (test_sign_out_button (window))
                   && gtk_widget_get_width (test_sign_out_button (window)) > 0, 20);

  page = test_account_page (window);
  test_collect_detail_rows (page, rows);
  g_assert_cmpuint (rows->len, ==, 9);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      GtkWidget *grid = gtk_widget_get_first_child (row);
      GtkWidget *title = NULL, *subtitle = NULL;
      graphene_rect_t title_bounds;
      double middle;

      if (!gtk_widget_get_mapped (row))
        continue;
      g_assert_true (GTK_IS_GRID (grid));
      for (GtkWidget *child = gtk_widget_get_first_child (grid);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_has_css_class (child, "title"))
          title = child;
        else if (gtk_widget_has_css_class (child, "subtitle"))
          subtitle = child;
      g_assert_nonnull (title);
      g_assert_nonnull (subtitle);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==,
                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      g_assert_true (gtk_widget_get_visible (subtitle)
                     == (*cd_detail_row_get_subtitle (CD_DETAIL_ROW (row)) != '\0'));

      /* The title, with the subtitle under it when shown, in the middle of the row... */
      g_assert_true (gtk_widget_compute_bounds (title, row, &title_bounds));
      middle = test_middle_in (title, row);
      if (gtk_widget_get_visible (subtitle))
        {
          double title_top, title_bottom, subtitle_top, subtitle_bottom;

          /* One block: the subtitle's text right under the title's. */
          test_text_span (title, row, &title_top, &title_bottom);
          test_text_span (subtitle, row, &subtitle_top, &subtitle_bottom);
          g_assert_cmpfloat (subtitle_top - title_bottom, >=, 0);
          g_assert_cmpfloat (subtitle_top - title_bottom, <=, 6);
          middle = (title_top + subtitle_bottom) / 2;
        }
      g_assert_cmpfloat (ABS (middle - gtk_widget_get_height (row) / 2.0), <=, 1.5);
      /* ... and so is what is beside it: before the title if a prefix, after it if not. */
      for (GtkWidget *child = gtk_widget_get_first_child (grid);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          graphene_rect_t bounds;

          if (child == title || child == subtitle || !gtk_widget_get_visible (child))
            continue;
          g_assert_true (gtk_widget_compute_bounds (child, row, &bounds));
          g_assert_cmpfloat (ABS (test_middle_in (child, row) - middle), <=, 1.5);
          if (gtk_widget_has_css_class (child, "cd-prefix"))
            g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, title_bounds.origin.x);
          else
            g_assert_cmpfloat (bounds.origin.x, >=, title_bounds.origin.x + title_bounds.size.width);
        }
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 7);

  /* The lines between rows: every border of the page in one colour. */
  node = test_widget_nodes (page);
  g_assert_cmpuint (test_check_drawing (node), >=, 5);

  /* The serial number wraps as it is: no hyphen where a line breaks between letters. */
  {
    GtkLabel *serial = test_account_child (window, "cert_serial_label");
    PangoLayout *layout = gtk_label_get_layout (serial);
    PangoLayoutIter *iter = pango_layout_get_iter (layout);
    int glyphs = 0;

    g_assert_cmpint (pango_layout_get_line_count (layout), >, 1);
    do
      {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

        if (run != NULL)
          glyphs += run->glyphs->num_glyphs;
      }
    while (pango_layout_iter_next_run (iter));
    pango_layout_iter_free (iter);
    g_assert_cmpint (glyphs, ==, g_utf8_strlen (gtk_label_get_text (serial), -1));
  }

  /* A subtitle comes and goes with its text. */
  cert_row = test_account_child (window, "cert_row");
  cd_detail_row_set_subtitle (cert_row, NULL);
  g_assert_cmpstr (cd_detail_row_get_subtitle (cert_row), ==, "");
  cd_detail_row_set_subtitle (cert_row, "Valid");
  g_assert_cmpstr (cd_detail_row_get_subtitle (cert_row), ==, "Valid");

  test_sign_out (window);
  TEST_WAIT_UNTIL (test_window_on_page (window, "sign-in"), 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *keyring;
  int status;

  test_window_init (&argc, &argv);
  keyring = g_getenv ("CD_TEST_SESSION_KEYRING");

  if (test_keyring_is_real (keyring))
    {
      g_test_add_func ("/window/validation", test_validation);
      g_test_add_func ("/window/production-server", test_production_server);
      g_test_add_func ("/window/size", test_window_size);
      g_test_add_func ("/window/long-name", test_long_name);
      g_test_add_func ("/window/sign-in/cashier", test_sign_in_cashier);
      g_test_add_func ("/window/account-rows", test_account_rows);
      g_test_add_func ("/window/sign-in/expired", test_sign_in_expired);
      g_test_add_func ("/window/sign-in/expiring", test_sign_in_expiring);
      g_test_add_func ("/window/sign-in/no-shift", test_sign_in_no_shift);
      g_test_add_func ("/window/sign-in/no-signature", test_sign_in_no_signature);
      g_test_add_func ("/window/sign-in/expired-token", test_sign_in_expired_token);
      g_test_add_func ("/window/sign-in/token-expiring", test_sign_in_token_expiring);
      g_test_add_func ("/window/invalid-email", test_invalid_email);
      g_test_add_func ("/window/sign-in/rejected", test_sign_in_rejected);
      g_test_add_func ("/window/sign-in/server-error", test_sign_in_server_error);
      g_test_add_func ("/window/sign-in/developer-id-setting", test_developer_id_setting);
      g_test_add_func ("/window/cancel", test_cancel);
      g_test_add_func ("/window/close-mid-request", test_close_mid_request);
      g_test_add_func ("/window/restart", test_restart);
      g_test_add_func ("/window/demo-mode", test_demo_mode);
      g_test_add_func ("/window/accessible-name-check", test_accessible_name_check);
      g_test_add_func ("/window/accessible-names", test_accessible_names);
      g_test_add_func ("/window/announcement-ends", test_announcement_ends);
    }
  else if (g_strcmp0 (keyring, "no") == 0)
    {
      g_test_add_func ("/window/no-keyring", test_no_keyring);
    }
  else
    {
      g_printerr ("test-window needs a session of its own: run it through build-aux/test-session --display\n");
      return 1;
    }

  test_window_set_up (&app, &demo, SLOW_DELAY_MS, &settings);
  status = g_test_run ();
  test_window_tear_down (&app, &demo, &settings);
  return status;
}
