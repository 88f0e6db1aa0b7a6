/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-window-screenshots.c: renders the sign-in, the account page and the list of
 * stored accounts (light, dark, narrow, Ukrainian) to PNGs in the build folder, for the
 * metainfo and for review. Run through build-aux/test-session --display. */
#include "config.h"

#include <glib/gi18n.h>

#include "test-window-util.h"

typedef struct {
  const char    *name;
  AdwColorScheme scheme;
  const char    *language;
  int            width;
  int            height;
  double         text_scale;
  const char    *email;
} Shot;

/* GLib decides once per process whether to translate at all (g_dgettext() asks the
 * main domain the first time it is called), so each language has a process of its own:
 * --language=uk picks the Ukrainian ones. */
static const Shot shots[] = {
  { "light", ADW_COLOR_SCHEME_FORCE_LIGHT, NULL, 500, 1000, 1.0 },
  { "dark", ADW_COLOR_SCHEME_FORCE_DARK, NULL, 500, 780, 1.0 },
  { "narrow", ADW_COLOR_SCHEME_FORCE_LIGHT, NULL, 360, 720, 1.0 },
  /* "Large Text" in GNOME's accessibility settings. */
  { "large-text", ADW_COLOR_SCHEME_FORCE_LIGHT, NULL, 500, 780, 1.25 },
  /* The certificate states that must jump out. */
  { "expired", ADW_COLOR_SCHEME_FORCE_LIGHT, NULL, 500, 780, 1.0, "expired@demo.test" },
  { "expiring", ADW_COLOR_SCHEME_FORCE_DARK, NULL, 500, 780, 1.0, "expiring@demo.test" },
  { "uk", ADW_COLOR_SCHEME_FORCE_LIGHT, "uk", 500, 780, 1.0 },
  { "uk-dark", ADW_COLOR_SCHEME_FORCE_DARK, "uk", 500, 780, 1.0 },
  { "uk-narrow", ADW_COLOR_SCHEME_FORCE_LIGHT, "uk", 360, 720, 1.0 },
};

/* The back office's list: every certificate state, soonest first. */
static const char * const list_accounts[] = {
  "cashier@demo.test",
  "expiring@demo.test",
  "expired@demo.test",
  "no-signature@demo.test",
  "expired-token@demo.test",
};

static CdApplication *app;
static CdDemoServer *demo;
static char *output_dir;

/* Mean luminance of the picture, 0 (black) to 1 (white). */
static double
test_mean_luminance (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double sum = 0;

  /* GDK_MEMORY_DEFAULT: B, G, R, A, premultiplied; the window is opaque. */
  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    sum += 0.0722 * pixels[i] + 0.7152 * pixels[i + 1] + 0.2126 * pixels[i + 2];

  return sum / (255.0 * width * height);
}

static char *
test_save_png (CdWindow   *window,
               const char *page,
               const Shot *shot)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width;
  int height;
  g_autofree char *file_name = g_strdup_printf ("%s-%s.png", page, shot->name);
  char *path = g_build_filename (output_dir, file_name, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;

  /* The paintable shows what the window last drew: let the last layout and style
   * changes reach a frame first. */
  test_wait_for_frame (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s (%d×%d)", path, width, height);

  return path;
}

/* The file is there, is a PNG of the window's size, and is light or dark as asked. */
static void
test_check_png (const char *path,
                const Shot *shot)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  double luminance;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_file_info_get_size (info), >, 10000);

  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  /* The default size counts the window's frame, which the picture leaves out. */
  g_assert_cmpint (ABS (gdk_texture_get_width (texture) - shot->width), <=, 40);
  g_assert_cmpint (ABS (gdk_texture_get_height (texture) - shot->height), <=, 40);

  luminance = test_mean_luminance (texture);
  if (shot->scheme == ADW_COLOR_SCHEME_FORCE_DARK)
    g_assert_cmpfloat (luminance, <, 0.35);
  else
    g_assert_cmpfloat (luminance, >, 0.65);
}

static void
test_screenshots (gconstpointer data)
{
  const Shot *shot = data;
  g_autofree char *sign_in_png = NULL;
  g_autofree char *account_png = NULL;
  g_autofree char *error_png = NULL;
  g_autofree char *accounts_png = NULL;
  GtkWidget *sign_in_page;
  CdWindow *window;

  /* The catalogue is the build folder's, and it answers in the language asked for. */
  if (shot->language != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("Language: %s\n", shot->language);

      g_assert_nonnull (strstr (gettext (""), expected));
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), shot->scheme);
  g_object_set (gtk_settings_get_default (),
                "gtk-xft-dpi", (int) (96 * 1024 * shot->text_scale),
                NULL);

  /* What the shot before signed in would open the window on its account. */
  test_forget_all ();

  window = test_window_new (app, cd_demo_server_get_url (demo), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), shot->width, shot->height);
  gtk_window_present (GTK_WINDOW (window));
  /* Active too: the first page's focus waits for that (cd_window_focus_page). */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                   && gtk_window_is_active (GTK_WINDOW (window))
                   && test_window_on_page (window, "sign-in"), 20);

  /* The window's own title went through the catalogue too. */
  if (shot->language != NULL)
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), !=, "CashDesk Login");

  sign_in_page = TEST_CHILD (window, CD_TYPE_WINDOW, "sign_in_page");
  test_set_text (TEST_CHILD (sign_in_page, CD_TYPE_SIGN_IN_PAGE, "email_row"), "cashier@demo.test");
  test_set_text (TEST_CHILD (sign_in_page, CD_TYPE_SIGN_IN_PAGE, "password_row"), CD_DEMO_PASSWORD);
  sign_in_png = test_save_png (window, "sign-in", shot);

  /* The error banner, as a wrong password shows it. */
  test_window_submit (window, "cashier@demo.test", "not the password");
  TEST_WAIT_UNTIL (cd_sign_in_page_get_error_shown (CD_SIGN_IN_PAGE (sign_in_page)), 20);
  error_png = test_save_png (window, "sign-in-error", shot);

  test_window_submit (window, shot->email != NULL ? shot->email : "cashier@demo.test",
                      CD_DEMO_PASSWORD);
  TEST_WAIT_UNTIL (test_window_on_page (window, "account"), 20);
  TEST_WAIT_UNTIL (gtk_widget_is_sensitive (test_find_action_button (test_account_page (window),
                                                                     "account.sign-out")), 20);
  account_png = test_save_png (window, "account", shot);

  gtk_window_destroy (GTK_WINDOW (window));

  /* A back office's start: five cashiers stored, the window opens on the list. The
   * shots of one certificate state leave it out. */
  if (shot->email == NULL)
    {
      /* Five rows fill 780 pixels: taller would be mostly empty. */
      Shot list_shot = *shot;

      list_shot.height = MIN (shot->height, 780);
      test_forget_all ();
      for (gsize i = 0; i < G_N_ELEMENTS (list_accounts); i++)
        test_store (demo, list_accounts[i]);

      window = test_window_new (app, cd_demo_server_get_url (demo), TRUE);
      gtk_window_set_default_size (GTK_WINDOW (window), list_shot.width, list_shot.height);
      gtk_window_present (GTK_WINDOW (window));
      /* Active too: the first page's focus waits for that (cd_window_focus_page). */
      TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window))
                       && gtk_window_is_active (GTK_WINDOW (window))
                       && test_window_on_page (window, "accounts"), 20);
      g_assert_cmpuint (g_list_model_get_n_items (cd_window_get_accounts (window)), ==,
                        G_N_ELEMENTS (list_accounts));
      accounts_png = test_save_png (window, "accounts", &list_shot);
      gtk_window_destroy (GTK_WINDOW (window));
      test_check_png (accounts_png, &list_shot);
    }

  test_check_png (sign_in_png, shot);
  test_check_png (error_png, shot);
  test_check_png (account_png, shot);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = NULL;
  int status;

  if (argc > 1 && g_str_has_prefix (argv[1], "--language="))
    {
      language = argv[1] + strlen ("--language=");
      g_setenv ("LANGUAGE", language, TRUE);
      argv[1] = argv[0];
      argc--;
      argv++;
    }

  test_window_init (&argc, &argv);

  output_dir = g_build_filename (g_getenv ("CD_BUILD_DIR"), "screenshots", NULL);
  g_mkdir_with_parents (output_dir, 0755);

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *path = g_strdup_printf ("/screenshots/%s", shots[i].name);

      if (g_strcmp0 (shots[i].language, language) == 0)
        g_test_add_data_func (path, &shots[i], test_screenshots);
    }

  test_window_set_up (&app, &demo, 1500, NULL);
  status = g_test_run ();
  test_window_tear_down (&app, &demo, NULL);
  g_free (output_dir);
  return status;
}
