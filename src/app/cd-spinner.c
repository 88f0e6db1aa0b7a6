/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-spinner.c: a busy indicator that spins while it is shown, drawn without an icon.
 *
 * GtkSpinner draws the icon process-working-symbolic, which Adwaita 43 ships only as SVG:
 * the first spinner shown loads librsvg and libxml2 through gdk-pixbuf, about 7 MiB of
 * resident memory for a 16-pixel animation (see tests/bench/RESULTS.md). This one draws
 * the same shape, a ring that thins from a round head to nothing, with cairo in the
 * foreground colour, once per size and colour, and turns it on the frame clock once a
 * second, as GtkSpinner's style does.
 *
 * Like AdwSpinner in later libadwaita, it has no "spinning" switch: it spins whenever it
 * is mapped (a stack page that is not shown, or a hidden parent, stops it) and holds no
 * tick callback otherwise, so an idle window draws no frames for it. With
 * gtk-enable-animations off it stands still. */
#include "config.h"

#include <math.h>

#include "cd-spinner.h"

/* One turn a second, as GtkSpinner. */
#define CD_SPINNER_PERIOD_US G_USEC_PER_SEC
#define CD_SPINNER_SIZE 16

struct _CdSpinner
{
  GtkWidget      parent_instance;

  guint          tick_id;
  gint64         start_us;
  float          angle;

  /* Settings of the display it is mapped on: gtk-enable-animations can change. */
  GtkSettings   *settings;
  gulong         settings_handler;

  /* The ring, drawn for comet_size and comet_color; turned, not redrawn, every frame. */
  GskRenderNode *comet;
  int            comet_size;
  GdkRGBA        comet_color;
};

G_DEFINE_FINAL_TYPE (CdSpinner, cd_spinner, GTK_TYPE_WIDGET)

static gboolean
cd_spinner_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  CdSpinner *self = CD_SPINNER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->start_us == 0)
    self->start_us = now;
  self->angle = (float) ((now - self->start_us) % CD_SPINNER_PERIOD_US)
                * 360.f / CD_SPINNER_PERIOD_US;
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

/* Ticks exactly while mapped with animations enabled. */
static void
cd_spinner_update_animation (CdSpinner *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean enabled = FALSE;

  if (self->settings != NULL)
    g_object_get (self->settings, "gtk-enable-animations", &enabled, NULL);

  if (enabled && gtk_widget_get_mapped (widget))
    {
      if (self->tick_id == 0)
        {
          self->start_us = 0;
          self->tick_id = gtk_widget_add_tick_callback (widget, cd_spinner_tick_cb, NULL, NULL);
        }
    }
  else if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
      self->angle = 0.f;
      gtk_widget_queue_draw (widget);
    }
}

static void
cd_spinner_map (GtkWidget *widget)
{
  CdSpinner *self = CD_SPINNER (widget);

  GTK_WIDGET_CLASS (cd_spinner_parent_class)->map (widget);

  self->settings = g_object_ref (gtk_widget_get_settings (widget));
  self->settings_handler =
    g_signal_connect_swapped (self->settings, "notify::gtk-enable-animations",
                              G_CALLBACK (cd_spinner_update_animation), self);
  cd_spinner_update_animation (self);
}

static void
cd_spinner_unmap (GtkWidget *widget)
{
  CdSpinner *self = CD_SPINNER (widget);

  GTK_WIDGET_CLASS (cd_spinner_parent_class)->unmap (widget);

  g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);
  cd_spinner_update_animation (self);
}

static void
cd_spinner_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = *natural = CD_SPINNER_SIZE;
}

/* Adwaita 43's process-working-symbolic at 16 px: a ring of radius 5.5 around the centre
 * whose stroke starts at the top as a round head 3 px wide and thins to nothing almost a
 * turn later, counter-clockwise, so that turning clockwise the head leads. */
static GskRenderNode *
cd_spinner_draw_comet (int            size,
                       const GdkRGBA *color)
{
  const int segments = 60;
  const double sweep = 2 * G_PI * 0.9;
  double centre = size / 2.0;
  double radius = size * 5.5 / CD_SPINNER_SIZE;
  double head = size * 3.0 / CD_SPINNER_SIZE;
  GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, size, size));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);
  cairo_pattern_t *mask;

  /* The segments overlap at their round ends: drawn opaque into a mask, then filled
   * with the colour, a translucent colour shows no darker joints. */
  cairo_push_group_with_content (cr, CAIRO_CONTENT_ALPHA);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int i = 0; i < segments; i++)
    {
      double from = (double) i / segments;
      double to = (double) (i + 1) / segments;

      cairo_set_line_width (cr, head * (1.0 - from));
      cairo_new_path (cr);
      cairo_arc_negative (cr, centre, centre, radius,
                          -G_PI / 2 - from * sweep, -G_PI / 2 - to * sweep);
      cairo_stroke (cr);
    }
  mask = cairo_pop_group (cr);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_mask (cr, mask);
  cairo_pattern_destroy (mask);
  cairo_destroy (cr);

  return node;
}

static void
cd_spinner_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  CdSpinner *self = CD_SPINNER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int size = MIN (width, height);
  GdkRGBA color;

  if (size <= 0)
    return;

  /* The foreground colour, as GtkSpinner's symbolic icon; gtk_widget_get_color() is
   * GTK 4.10. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (self->comet == NULL || self->comet_size != size || !gdk_rgba_equal (&self->comet_color, &color))
    {
      g_clear_pointer (&self->comet, gsk_render_node_unref);
      self->comet = cd_spinner_draw_comet (size, &color);
      self->comet_size = size;
      self->comet_color = color;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width / 2.f, height / 2.f));
  gtk_snapshot_rotate (snapshot, self->angle);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-size / 2.f, -size / 2.f));
  gtk_snapshot_append_node (snapshot, self->comet);
  gtk_snapshot_restore (snapshot);
}

static void
cd_spinner_dispose (GObject *object)
{
  CdSpinner *self = CD_SPINNER (object);

  g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->comet, gsk_render_node_unref);

  G_OBJECT_CLASS (cd_spinner_parent_class)->dispose (object);
}

static void
cd_spinner_class_init (CdSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_spinner_dispose;

  widget_class->map = cd_spinner_map;
  widget_class->unmap = cd_spinner_unmap;
  widget_class->measure = cd_spinner_measure;
  widget_class->snapshot = cd_spinner_snapshot;

  /* Not "spinner": Adwaita styles that node with the icon this widget avoids, and hides
   * it unless it is :checked. */
  gtk_widget_class_set_css_name (widget_class, "cd-spinner");
  /* As GtkSpinner: a progress bar whose progress is unknown, busy. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
cd_spinner_init (CdSpinner *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
}

GtkWidget *
cd_spinner_new (void)
{
  return g_object_new (CD_TYPE_SPINNER, NULL);
}
