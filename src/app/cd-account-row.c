/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account-row.c: one stored account in the list: who, where, and how soon their
 * certificate runs out.
 *
 * The row only shows: choosing it is the list's business (the list view's "activate"),
 * and its remove button activates accounts.remove with the account's (server, email).
 * The list view makes rows only around what it shows and binds each to one account
 * after another as the list scrolls or is searched: whatever one account set here, the
 * next one sets again. The row takes the keyboard itself, as a list box row does, so that Tab
 * goes on from it to its remove button.
 *
 * The row draws its lines of text itself, between its two widgets (the certificate's
 * icon and the remove button), rather than holding a label for each. GTK 4.8's list view
 * keeps some 200 rows, and a search gives up and takes back dozens of them in one turn
 * of the main loop, each widget in each row styled, rooted, mapped and measured, or let
 * go of, every time: with a dozen labels and boxes in a row, a search's first keystroke
 * held the window for 14 to 34 ms, and with these, 9 to 11 (tests/bench/RESULTS.md).
 * Lines of text need none of that, and are measured here without the searches over
 * widths a wrapping GtkLabel makes. What the lines say, a screen reader hears from the
 * row's own name and description. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"
#include "cd-account-format.h"
#include "cd-account-row.h"
#include "cd-config.h"

/* Between the icon, the text and the button; and between lines. The padding around
 * them is the row's, in style.css. */
#define CD_ACCOUNT_ROW_SPACING 12
#define CD_ACCOUNT_ROW_LINE_SPACING 3
/* libadwaita's .caption and .caption-heading: 9pt, in the same points as the CSS's
 * (the text scale and the screen's resolution apply to both alike). */
#define CD_ACCOUNT_ROW_CAPTION_PT 9
/* Between "E-signature:", the days and the day: an en space, half the caption's em,
 * the 6 px these stood apart as labels in a box. Lines break after it. */
#define CD_ACCOUNT_ROW_GAP "\u2002"
/* libadwaita's .dim-label. */
#define CD_ACCOUNT_ROW_DIM 0.55

typedef struct
{
  /* NULL while the row shows no such line. */
  char        *text;
  /* The style class it is drawn as: see cd_account_row_color(). */
  const char  *style;
  PangoLayout *layout;
  /* The text's widths, unwrapped and at its narrowest, and its height on one line:
   * -1 until measured for this text. */
  int          min_width;
  int          nat_width;
  int          height;
  /* Where the last allocation put it, from the text's top. */
  int          y;
} CdRowLine;

/* How each line is set: caption-sized or not, and how it fits a narrow row: cut short
 * (where), or, the certificate's days, wrapped whole. */
static const struct
{
  gboolean           caption;
  PangoEllipsizeMode ellipsize;
} line_kinds[CD_ACCOUNT_ROW_N_LINES] = {
  [CD_ACCOUNT_ROW_NAME] = { FALSE, PANGO_ELLIPSIZE_END },
  [CD_ACCOUNT_ROW_CERTIFICATE] = { TRUE, PANGO_ELLIPSIZE_NONE },
  [CD_ACCOUNT_ROW_EMAIL] = { TRUE, PANGO_ELLIPSIZE_END },
  [CD_ACCOUNT_ROW_TOKEN] = { TRUE, PANGO_ELLIPSIZE_END },
  [CD_ACCOUNT_ROW_SERVER] = { TRUE, PANGO_ELLIPSIZE_MIDDLE },
};

struct _CdAccountRow
{
  GtkWidget      parent_instance;

  GtkImage      *cert_icon;
  GtkWidget     *remove_button;

  CdAccount     *account;
  CdRowLine      lines[CD_ACCOUNT_ROW_N_LINES];
  /* The certificate line's days, in bytes, and the colours its attributes were made
   * with: made again when the style's colours change. */
  guint          days_start;
  guint          days_end;
  GdkRGBA        cert_colors[2];
  /* The Pango context's serial when the lines were last measured: fonts change with
   * the style and the text scale. */
  guint          context_serial;
  /* Where the last allocation put the text, and its width: the lines are set to
   * other widths while the list view measures. */
  int            text_x;
  int            text_y;
  int            text_width;
};

G_DEFINE_FINAL_TYPE (CdAccountRow, cd_account_row, GTK_TYPE_WIDGET)

/* The colour a style class gives text, as libadwaita's stylesheet gives it labels. */
static GdkRGBA
cd_account_row_color (CdAccountRow *self,
                      const char   *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;
  GdkRGBA named;

  gtk_style_context_get_color (context, &color);
  if (g_strcmp0 (style, "dim-label") == 0)
    color.alpha *= CD_ACCOUNT_ROW_DIM;
  else if (style != NULL)
    {
      /* .error, .warning, .success: @error_color, ... */
      g_autofree char *name = g_strconcat (style, "_color", NULL);

      if (gtk_style_context_lookup_color (context, name, &named))
        color = named;
    }
  return color;
}

static void
cd_account_row_add_attribute (PangoAttrList  *attrs,
                              PangoAttribute *attr,
                              guint           start,
                              guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

/* libadwaita's .caption: its size and weight. */
static void
cd_account_row_add_caption (PangoAttrList *attrs)
{
  pango_attr_list_insert (attrs, pango_attr_size_new (CD_ACCOUNT_ROW_CAPTION_PT * PANGO_SCALE));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_NORMAL));
}

/* The certificate line: "E-signature:" and the day dim, the days bold in the state's
 * colour. Colours are attributes here (the rest of a line is drawn in one colour):
 * made again when the days moved in the text (@moved), or when the style's colours
 * changed (the theme: dark, high contrast). */
static void
cd_account_row_update_cert_attributes (CdAccountRow *self,
                                       gboolean      moved)
{
  CdRowLine *line = &self->lines[CD_ACCOUNT_ROW_CERTIFICATE];
  GdkRGBA text = cd_account_row_color (self, NULL);
  GdkRGBA days = cd_account_row_color (self, line->style);
  PangoAttrList *attrs;
  guint16 dim;

  if (line->layout == NULL
      || (!moved && gdk_rgba_equal (&text, &self->cert_colors[0]) && gdk_rgba_equal (&days, &self->cert_colors[1])))
    return;

  attrs = pango_attr_list_new ();
  dim = (guint16) (text.alpha * CD_ACCOUNT_ROW_DIM * G_MAXUINT16);
  cd_account_row_add_caption (attrs);
  cd_account_row_add_attribute (attrs, pango_attr_foreground_alpha_new (dim), 0, self->days_start);
  cd_account_row_add_attribute (attrs, pango_attr_foreground_alpha_new (dim), self->days_end, G_MAXUINT);
  cd_account_row_add_attribute (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD),
                                self->days_start, self->days_end);
  cd_account_row_add_attribute (attrs,
                                pango_attr_foreground_new ((guint16) (days.red * G_MAXUINT16),
                                                           (guint16) (days.green * G_MAXUINT16),
                                                           (guint16) (days.blue * G_MAXUINT16)),
                                self->days_start, self->days_end);
  cd_account_row_add_attribute (attrs, pango_attr_foreground_alpha_new ((guint16) (days.alpha * G_MAXUINT16)),
                                self->days_start, self->days_end);
  pango_layout_set_attributes (line->layout, attrs);
  pango_attr_list_unref (attrs);
  self->cert_colors[0] = text;
  self->cert_colors[1] = days;
}

static void
cd_account_row_make_layout (CdAccountRow     *self,
                            CdAccountRowLine  index)
{
  CdRowLine *line = &self->lines[index];

  line->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), line->text);
  pango_layout_set_ellipsize (line->layout, line_kinds[index].ellipsize);
  pango_layout_set_wrap (line->layout, PANGO_WRAP_WORD);
  if (index == CD_ACCOUNT_ROW_CERTIFICATE)
    cd_account_row_update_cert_attributes (self, TRUE);
  else if (line_kinds[index].caption)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      cd_account_row_add_caption (attrs);
      pango_layout_set_attributes (line->layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

/* Measures the lines shown that are not yet measured, and all of them again when the
 * fonts changed (Pango lays a layout out again itself then, but these widths are
 * kept here). */
static void
cd_account_row_measure_lines (CdAccountRow *self)
{
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  gboolean changed = serial != self->context_serial;

  self->context_serial = serial;
  for (guint i = 0; i < CD_ACCOUNT_ROW_N_LINES; i++)
    {
      CdRowLine *line = &self->lines[i];
      PangoRectangle logical;

      if (line->text == NULL || (line->min_width >= 0 && !changed))
        continue;
      if (line->layout == NULL)
        cd_account_row_make_layout (self, i);

      pango_layout_set_width (line->layout, -1);
      pango_layout_get_pixel_extents (line->layout, NULL, &logical);
      line->nat_width = logical.width;
      line->height = logical.height;
      /* At a width of nothing: an ellipsis, or the certificate's longest word. */
      pango_layout_set_width (line->layout, 0);
      pango_layout_get_pixel_extents (line->layout, NULL, &logical);
      line->min_width = logical.width;
    }
}

/* The text's height at @width, the lines set to that width. */
static int
cd_account_row_text_height (CdAccountRow *self,
                            int           width)
{
  int height = 0;
  int n_lines = 0;

  for (guint i = 0; i < CD_ACCOUNT_ROW_N_LINES; i++)
    {
      CdRowLine *line = &self->lines[i];
      int line_height = line->height;

      if (line->text == NULL)
        continue;
      pango_layout_set_width (line->layout, width * PANGO_SCALE);
      if (line_kinds[i].ellipsize == PANGO_ELLIPSIZE_NONE)
        pango_layout_get_pixel_size (line->layout, NULL, &line_height);
      line->y = height + (n_lines > 0 ? CD_ACCOUNT_ROW_LINE_SPACING : 0);
      height = line->y + line_height;
      n_lines++;
    }
  return height;
}

static void
cd_account_row_measure_child (GtkWidget      *child,
                              GtkOrientation  orientation,
                              int            *minimum,
                              int            *natural)
{
  *minimum = *natural = 0;
  if (gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, -1, minimum, natural, NULL, NULL);
}

/* The width the text has beside the icon and the button, in a row @width wide. */
static int
cd_account_row_text_width (CdAccountRow *self,
                           int           width)
{
  int icon_min, icon_nat, button_min, button_nat;

  cd_account_row_measure_child (GTK_WIDGET (self->cert_icon), GTK_ORIENTATION_HORIZONTAL, &icon_min, &icon_nat);
  cd_account_row_measure_child (self->remove_button, GTK_ORIENTATION_HORIZONTAL, &button_min, &button_nat);
  return MAX (width - icon_nat - button_nat - 2 * CD_ACCOUNT_ROW_SPACING, 0);
}

static GtkSizeRequestMode
cd_account_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cd_account_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CdAccountRow *self = CD_ACCOUNT_ROW (widget);
  int icon_min, icon_nat, button_min, button_nat;
  int text_min = 0;
  int text_nat = 0;

  cd_account_row_measure_lines (self);
  for (guint i = 0; i < CD_ACCOUNT_ROW_N_LINES; i++)
    if (self->lines[i].text != NULL)
      {
        text_min = MAX (text_min, self->lines[i].min_width);
        text_nat = MAX (text_nat, self->lines[i].nat_width);
      }
  cd_account_row_measure_child (GTK_WIDGET (self->cert_icon), orientation, &icon_min, &icon_nat);
  cd_account_row_measure_child (self->remove_button, orientation, &button_min, &button_nat);

  /* Side by side: a width whatever the height. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = icon_min + text_min + button_min + 2 * CD_ACCOUNT_ROW_SPACING;
      *natural = icon_nat + text_nat + button_nat + 2 * CD_ACCOUNT_ROW_SPACING;
    }
  else
    {
      int width = for_size < 0 ? text_nat : MAX (cd_account_row_text_width (self, for_size), text_min);
      int text_height = cd_account_row_text_height (self, width);

      *minimum = *natural = MAX (MAX (icon_nat, button_nat), text_height);
    }
}

/* @child @width wide, across the row at @x (from the start: mirrored right to left),
 * in the middle of its height. */
static void
cd_account_row_place_child (GtkWidget *child,
                            gboolean   rtl,
                            int        row_width,
                            int        row_height,
                            int        x,
                            int        width)
{
  int min, height;

  if (!gtk_widget_should_layout (child))
    return;
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &height, NULL, NULL);
  height = MIN (height, row_height);
  if (rtl)
    x = row_width - x - width;
  gtk_widget_allocate (child, width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, (row_height - height) / 2)));
}

static void
cd_account_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CdAccountRow *self = CD_ACCOUNT_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int icon_min, icon_width, button_min, button_width;
  int text_width = cd_account_row_text_width (self, width);
  int text_height;

  cd_account_row_measure_child (GTK_WIDGET (self->cert_icon), GTK_ORIENTATION_HORIZONTAL, &icon_min, &icon_width);
  cd_account_row_measure_child (self->remove_button, GTK_ORIENTATION_HORIZONTAL, &button_min, &button_width);
  cd_account_row_place_child (GTK_WIDGET (self->cert_icon), rtl, width, height, 0, icon_width);
  cd_account_row_place_child (self->remove_button, rtl, width, height, width - button_width, button_width);

  cd_account_row_measure_lines (self);
  for (guint i = 0; i < CD_ACCOUNT_ROW_N_LINES; i++)
    if (self->lines[i].layout != NULL)
      pango_layout_set_alignment (self->lines[i].layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  text_height = cd_account_row_text_height (self, text_width);
  self->text_width = text_width;
  self->text_x = icon_width + CD_ACCOUNT_ROW_SPACING;
  if (rtl)
    self->text_x = width - self->text_x - text_width;
  self->text_y = (height - text_height) / 2;
}

static void
cd_account_row_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CdAccountRow *self = CD_ACCOUNT_ROW (widget);

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->cert_icon), snapshot);

  cd_account_row_update_cert_attributes (self, FALSE);
  cd_account_row_measure_lines (self);
  cd_account_row_text_height (self, self->text_width);

  for (guint i = 0; i < CD_ACCOUNT_ROW_N_LINES; i++)
    {
      CdRowLine *line = &self->lines[i];
      GdkRGBA color;

      if (line->text == NULL || line->layout == NULL)
        continue;
      /* The certificate's colours are in its attributes. */
      color = i == CD_ACCOUNT_ROW_CERTIFICATE ? self->cert_colors[0] : cd_account_row_color (self, line->style);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->text_x, self->text_y + line->y));
      gtk_snapshot_append_layout (snapshot, line->layout, &color);
      gtk_snapshot_restore (snapshot);
    }

  gtk_widget_snapshot_child (widget, self->remove_button, snapshot);
}

/* Shows @text (NULL: no such line) in @style; a new text is measured again. */
static void
cd_account_row_set_line (CdAccountRow     *self,
                         CdAccountRowLine  index,
                         const char       *text,
                         const char       *style)
{
  CdRowLine *line = &self->lines[index];

  if (g_strcmp0 (line->text, text) != 0)
    {
      g_free (line->text);
      line->text = g_strdup (text);
      if (line->layout != NULL && text != NULL)
        pango_layout_set_text (line->layout, text, -1);
      line->min_width = -1;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  if (g_strcmp0 (line->style, style) != 0)
    {
      line->style = style;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Under the certificate: the email, whether the token is still good (an expired one
 * stands out: choosing the row asks for the password), and the server when it is not
 * production (a custom or test server must never pass unnoticed). */
static void
cd_account_row_show_details (CdAccountRow *self,
                             GDateTime    *now)
{
  CdAccount *account = self->account;
  const char *name = cd_account_get_full_name (account);
  const char *server = cd_account_get_server (account);
  GDateTime *token_expires = cd_account_get_token_expires_at (account);
  gboolean token_valid = cd_account_token_is_valid (account, now);
  gboolean show_server = server != NULL && !cd_config_server_is_production (server);
  g_autofree char *token_text = NULL;

  cd_account_row_set_line (self, CD_ACCOUNT_ROW_EMAIL,
                           name != NULL && *name != '\0' ? cd_account_get_email (account) : NULL,
                           "dim-label");

  if (!token_valid)
    token_text = g_strdup (_("Sign-in expired: enter the password again"));
  else if (token_expires != NULL)
    {
      g_autofree char *until = cd_account_format_time (token_expires);

      /* TRANSLATORS: %s is a date and time */
      token_text = g_strdup_printf (_("Signed in until %s"), until);
    }
  else
    token_text = g_strdup (_("Signed in"));
  cd_account_row_set_line (self, CD_ACCOUNT_ROW_TOKEN, token_text, token_valid ? "dim-label" : "warning");

  cd_account_row_set_line (self, CD_ACCOUNT_ROW_SERVER, show_server ? server : NULL, "dim-label");
}

/* "E-signature:", the days, and the day itself when known: the days wrap whole when
 * the row is narrow. Returns what a screen reader says of it: "E-signature: 10 days
 * left, until 17.12.2026", as one line. */
static char *
cd_account_row_show_certificate (CdAccountRow *self,
                                 GDateTime    *now)
{
  g_auto(CdCertText) cert = { 0, };
  const char *title = _("E-signature:");
  g_autofree char *lower = NULL;
  g_autofree char *state = NULL;
  g_autofree char *line = NULL;

  cd_cert_text_init (&cert, self->account, now);
  gtk_image_set_from_icon_name (self->cert_icon, cert.icon_name);
  cd_account_format_set_style (GTK_WIDGET (self->cert_icon), cert.style);

  line = cert.date != NULL ? g_strconcat (title, CD_ACCOUNT_ROW_GAP, cert.days, CD_ACCOUNT_ROW_GAP, cert.date, NULL)
                           : g_strconcat (title, CD_ACCOUNT_ROW_GAP, cert.days, NULL);
  self->days_start = strlen (title) + strlen (CD_ACCOUNT_ROW_GAP);
  self->days_end = self->days_start + strlen (cert.days);
  cd_account_row_set_line (self, CD_ACCOUNT_ROW_CERTIFICATE, line, cert.style);
  cd_account_row_update_cert_attributes (self, TRUE);

  lower = g_utf8_strdown (cert.days, g_utf8_next_char (cert.days) - cert.days);
  state = g_strconcat (lower, g_utf8_next_char (cert.days), NULL);
  if (cert.date == NULL)
    /* TRANSLATORS: "E-signature:", then how many days it has left */
    return g_strdup_printf (_("%s %s"), title, state);
  if (cert.state == CD_CERT_EXPIRED)
    /* TRANSLATORS: "E-signature:", then how long ago it expired, then the day it did */
    return g_strdup_printf (_("%s %s, on %s"), title, state, cert.date);
  /* TRANSLATORS: "E-signature:", then how many days it has left, then its expiry date */
  return g_strdup_printf (_("%s %s, until %s"), title, state, cert.date);
}

static void
cd_account_row_show (CdAccountRow *self,
                     GDateTime    *now)
{
  CdAccount *account = self->account;
  const char *title = cd_account_get_title (account);
  /* TRANSLATORS: the name of a button; %s is a person's name or an email address */
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), title);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *description = NULL;
  CdAccountRowLine described[] = { CD_ACCOUNT_ROW_EMAIL, CD_ACCOUNT_ROW_TOKEN, CD_ACCOUNT_ROW_SERVER };

  cd_account_row_set_line (self, CD_ACCOUNT_ROW_NAME, title, NULL);
  g_ptr_array_add (lines, cd_account_row_show_certificate (self, now));
  cd_account_row_show_details (self, now);

  /* A screen reader says the row's name, then what the row shows under it, each date
   * with what it is the date of. */
  for (guint i = 0; i < G_N_ELEMENTS (described); i++)
    if (self->lines[described[i]].text != NULL)
      g_ptr_array_add (lines, g_strdup (self->lines[described[i]].text));
  g_ptr_array_add (lines, NULL);
  description = g_strjoinv ("\n", (char **) lines->pdata);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  cd_accessible_describe (GTK_WIDGET (self), description);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "(ss)",
                                    cd_account_get_server (account),
                                    cd_account_get_email (account));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "accounts.remove");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                  -1);
}

CdAccount *
cd_account_row_get_account (CdAccountRow *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_ROW (self), NULL);

  return self->account;
}

const char *
cd_account_row_get_text (CdAccountRow     *self,
                         CdAccountRowLine  line)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_ROW (self), NULL);
  g_return_val_if_fail (line < CD_ACCOUNT_ROW_N_LINES, NULL);

  return self->lines[line].text;
}

const char *
cd_account_row_get_style (CdAccountRow     *self,
                          CdAccountRowLine  line)
{
  g_return_val_if_fail (CD_IS_ACCOUNT_ROW (self), NULL);
  g_return_val_if_fail (line < CD_ACCOUNT_ROW_N_LINES, NULL);

  return self->lines[line].style;
}

static void
cd_account_row_dispose (GObject *object)
{
  CdAccountRow *self = CD_ACCOUNT_ROW (object);

  g_clear_object (&self->account);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ACCOUNT_ROW);
  for (guint i = 0; i < CD_ACCOUNT_ROW_N_LINES; i++)
    {
      g_clear_pointer (&self->lines[i].text, g_free);
      g_clear_object (&self->lines[i].layout);
    }

  G_OBJECT_CLASS (cd_account_row_parent_class)->dispose (object);
}

static void
cd_account_row_class_init (CdAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_account_row_dispose;
  widget_class->get_request_mode = cd_account_row_get_request_mode;
  widget_class->measure = cd_account_row_measure;
  widget_class->size_allocate = cd_account_row_size_allocate;
  widget_class->snapshot = cd_account_row_snapshot;

  gtk_widget_class_set_css_name (widget_class, "cd-account-row");
  /* What a list box row is to a screen reader: the list view's own item around it has
   * no name, and is never focused while the row can be. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-account-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, cert_icon);
  gtk_widget_class_bind_template_child (widget_class, CdAccountRow, remove_button);
}

static void
cd_account_row_init (CdAccountRow *self)
{
  for (guint i = 0; i < CD_ACCOUNT_ROW_N_LINES; i++)
    self->lines[i].min_width = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->remove_button, TRUE);
  cd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
cd_account_row_new (void)
{
  return g_object_new (CD_TYPE_ACCOUNT_ROW, NULL);
}

void
cd_account_row_set_account (CdAccountRow *self,
                            CdAccount    *account,
                            GDateTime    *now)
{
  g_return_if_fail (CD_IS_ACCOUNT_ROW (self));
  g_return_if_fail (account == NULL || CD_IS_ACCOUNT (account));
  g_return_if_fail (account == NULL || now != NULL);

  if (!g_set_object (&self->account, account))
    return;
  /* A row bound to nothing removes nothing (accounts.remove takes a target). */
  if (account == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), NULL);
  else
    cd_account_row_show (self, now);
}
