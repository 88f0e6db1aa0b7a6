/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-spinner.c: CdSpinner, the sign-in page's busy indicator: it turns while it is
 * shown and only then, stands still without animations, says "busy" to assistive
 * technologies, and draws without loading an SVG loader (which GtkSpinner's icon does).
 * Runs in a session of its own with a display (CD_TEST_SESSION, see tests/meson.build). */
#include "config.h"

#include <string.h>

#include "cd-spinner.h"
#include "test-window-util.h"

typedef struct {
  GtkWindow     *window;
  GtkWidget     *spinner;
  GdkFrameClock *clock;
  guint          frames;
  gulong         handler;
} Fixture;

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* No title bar: its buttons' icons must not be what the maps test finds. */
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (fixture->window, FALSE);
  gtk_window_set_default_size (fixture->window, 100, 100);
  fixture->spinner = cd_spinner_new ();
  gtk_widget_set_halign (fixture->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (fixture->spinner, GTK_ALIGN_CENTER);
  gtk_window_set_child (fixture->window, fixture->spinner);
  gtk_window_present (fixture->window);
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (fixture->spinner), 10);

  fixture->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window)));
  fixture->handler = g_signal_connect (fixture->clock, "after-paint", G_CALLBACK (count_frame),
                                       &fixture->frames);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_signal_handler (&fixture->handler, fixture->clock);
  g_clear_object (&fixture->clock);
  gtk_window_destroy (fixture->window);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

static gboolean
witness_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* How many frames the spinner's window draws while another window, with a frame clock
 * of its own, ticks 20 times (a third of a second): the witness that time passed. A
 * window with nothing animating draws none, or one for a change just made. */
static guint
frames_while_witness_ticks (Fixture *fixture)
{
  GtkWidget *witness = gtk_window_new ();
  guint ticks = 0;
  guint before;
  guint tick_id;

  gtk_window_set_decorated (GTK_WINDOW (witness), FALSE);
  gtk_window_present (GTK_WINDOW (witness));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (witness), 10);
  tick_id = gtk_widget_add_tick_callback (witness, witness_tick_cb, &ticks, NULL);

  before = fixture->frames;
  TEST_WAIT_UNTIL (ticks >= 20, 10);

  gtk_widget_remove_tick_callback (witness, tick_id);
  gtk_window_destroy (GTK_WINDOW (witness));
  return fixture->frames - before;
}

/* The spinner as drawn now, by its window's renderer. */
static GBytes *
render_spinner (Fixture *fixture,
                int     *width,
                int     *height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (fixture->spinner);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  gsize stride;
  guchar *pixels;

  *width = gdk_paintable_get_intrinsic_width (paintable);
  *height = gdk_paintable_get_intrinsic_height (paintable);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  stride = (gsize) *width * 4;
  pixels = g_malloc (stride * *height);
  gdk_texture_download (texture, pixels, stride);
  return g_bytes_new_take (pixels, stride * *height);
}

/* How many pixels of a spinner image (Cairo ARGB32, premultiplied) are painted. */
static guint
painted_pixels (GBytes *image)
{
  gsize size;
  const guint32 *pixel = g_bytes_get_data (image, &size);
  guint painted = 0;

  for (gsize i = 0; i < size / 4; i++)
    if ((pixel[i] >> 24) > 0x40)
      painted++;

  return painted;
}

static void
test_spinner_turns_while_mapped (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) later = NULL;
  guint frames;
  int width, height;

  /* Nothing else in the window moves: the frames come from the spinner's tick. */
  frames = fixture->frames;
  TEST_WAIT_UNTIL (fixture->frames >= frames + 10, 10);

  /* It draws a ring, part of its 16 × 16 pixels and not all of them, and turns it. */
  first = render_spinner (fixture, &width, &height);
  g_assert_cmpint (width, ==, 16);
  g_assert_cmpint (height, ==, 16);
  g_assert_cmpuint (painted_pixels (first), >, 16 * 16 / 8);
  g_assert_cmpuint (painted_pixels (first), <, 16 * 16 / 2);
  frames = fixture->frames;
  TEST_WAIT_UNTIL (fixture->frames >= frames + 5, 10);
  later = render_spinner (fixture, &width, &height);
  g_assert_false (g_bytes_equal (first, later));

  /* Hidden, it is unmapped and ticks no more: its window goes quiet. */
  gtk_widget_set_visible (fixture->spinner, FALSE);
  g_assert_false (gtk_widget_get_mapped (fixture->spinner));
  g_assert_cmpuint (frames_while_witness_ticks (fixture), <=, 2);

  /* Shown again, it turns again. */
  gtk_widget_set_visible (fixture->spinner, TRUE);
  g_assert_true (gtk_widget_get_mapped (fixture->spinner));
  frames = fixture->frames;
  TEST_WAIT_UNTIL (fixture->frames >= frames + 10, 10);

  /* A window that is closed takes its spinner's tick away with it. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  g_assert_false (gtk_widget_get_mapped (fixture->spinner));
  g_assert_cmpuint (frames_while_witness_ticks (fixture), <=, 2);
}

static void
test_spinner_honours_enable_animations (Fixture       *fixture,
                                        gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (fixture->spinner);
  guint frames;

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  test_wait_for_frame (fixture->spinner);
  g_assert_cmpuint (frames_while_witness_ticks (fixture), <=, 2);

  /* Turned on while it is shown, it starts. */
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  frames = fixture->frames;
  TEST_WAIT_UNTIL (fixture->frames >= frames + 10, 10);
}

static void
test_spinner_accessible (Fixture       *fixture,
                         gconstpointer  data)
{
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->spinner)), ==,
                   GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
  gtk_test_accessible_assert_state (fixture->spinner, GTK_ACCESSIBLE_STATE_BUSY, TRUE);
}

static gboolean
maps_have (const char *library)
{
  g_autofree char *maps = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents ("/proc/self/maps", &maps, NULL, &error);
  g_assert_no_error (error);
  return strstr (maps, library) != NULL;
}

/* What the spinner is for: GtkSpinner's icon exists only as SVG in Adwaita 43, and
 * showing one maps librsvg (and gdk-pixbuf's SVG loader) into the process. Runs before
 * the sign-in page test (GLib runs tests in the order they are added), whose icons may
 * load it. */
static void
test_spinner_loads_no_svg (Fixture       *fixture,
                           gconstpointer  data)
{
  guint frames = fixture->frames;

  TEST_WAIT_UNTIL (fixture->frames >= frames + 10, 10);
  g_assert_false (maps_have ("librsvg"));
  g_assert_false (maps_have ("libpixbufloader"));
}

/* The check above can fail: in a process of its own, a GtkSpinner does map librsvg. */
static void
test_gtk_spinner_loads_svg (void)
{
  if (g_test_subprocess ())
    {
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_window_set_decorated (window, FALSE);
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_window_set_child (window, spinner);
      gtk_window_present (window);
      test_wait_for_frame (spinner);
      g_print ("librsvg mapped: %s\n", maps_have ("librsvg") ? "yes" : "no");
      gtk_window_destroy (window);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*librsvg mapped: yes*");
}

/* The sign-in page shows this spinner while it signs in, and no GtkSpinner at all. */
static void
count_spinners (GtkWidget *widget,
                guint     *ours,
                guint     *gtk)
{
  if (CD_IS_SPINNER (widget))
    (*ours)++;
  if (GTK_IS_SPINNER (widget))
    (*gtk)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_spinners (child, ours, gtk);
}

static void
test_sign_in_page_uses_it (void)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (CD_TYPE_SIGN_IN_PAGE, NULL));
  GtkWidget *busy = gtk_stack_get_child_by_name (TEST_CHILD (page, CD_TYPE_SIGN_IN_PAGE, "action_stack"),
                                                 "busy");
  guint ours = 0, gtk = 0;

  g_assert_nonnull (busy);
  count_spinners (busy, &ours, &gtk);
  g_assert_cmpuint (ours, ==, 1);
  ours = 0;
  count_spinners (page, &ours, &gtk);
  g_assert_cmpuint (ours, ==, 1);
  g_assert_cmpuint (gtk, ==, 0);
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);
  adw_init ();

  g_test_add ("/spinner/turns-while-mapped", Fixture, NULL,
              fixture_set_up, test_spinner_turns_while_mapped, fixture_tear_down);
  g_test_add ("/spinner/enable-animations", Fixture, NULL,
              fixture_set_up, test_spinner_honours_enable_animations, fixture_tear_down);
  g_test_add ("/spinner/accessible", Fixture, NULL,
              fixture_set_up, test_spinner_accessible, fixture_tear_down);
  g_test_add ("/spinner/no-svg-loader", Fixture, NULL,
              fixture_set_up, test_spinner_loads_no_svg, fixture_tear_down);
  g_test_add_func ("/spinner/gtk-spinner-loads-svg", test_gtk_spinner_loads_svg);
  g_test_add_func ("/spinner/sign-in-page", test_sign_in_page_uses_it);

  return g_test_run ();
}
