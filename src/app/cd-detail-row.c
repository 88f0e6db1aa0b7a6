/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-detail-row.c: a row of a boxed list that shows one detail (the account page's
 * rows): a title, an optional subtitle, and what goes beside them.
 *
 * It looks and reads as libadwaita's AdwActionRow: the same style classes and spacing
 * (the margins are in style.css), the title naming the row and the subtitle describing
 * it to a screen reader. What differs is inside: one GtkGrid where AdwActionRow nests
 * three GtkBoxes. GTK 4.8's GtkBox, asked its height for a width while a child of its
 * wraps text, looks for that height by halving a range of widths and measuring every
 * child at each step, and a box inside it halves again: showing the account page laid a
 * row title's text out with Pango 20 to 40 times, a certificate's serial number 83
 * times. A GtkGrid gives each column its width first and then asks each child its height
 * for it; and nothing in the row that wraps is aligned other than to fill (see
 * cd_detail_row_update_layout()). Showing the page now makes 140 Pango layouts instead
 * of 442, and from the switch to its first frame runs 87 M instructions instead of
 * 209 M (callgrind; tests/bench/RESULTS.md). */
#include "config.h"

#include "cd-detail-row.h"

struct _CdDetailRow
{
  AdwPreferencesRow parent_instance;

  GtkGrid          *header;
  GtkLabel         *title;
  GtkLabel         *subtitle;
  /* Beside the title, in the grid's columns before and after its. */
  GPtrArray        *prefixes;
  GPtrArray        *suffixes;
};

static void cd_detail_row_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdDetailRow, cd_detail_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, cd_detail_row_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum {
  PROP_0,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The title, with the subtitle under it while it shows, in the middle of the row, and
 * what is beside them centred on them: over the subtitle's line only while it shows,
 * as GtkGrid gives part of a child's height to a line it spans even when nothing else is
 * in that line, which would lift the title off the row's middle. The title and subtitle
 * keep together by their text's alignment (yalign) within their lines, not by valign:
 * GTK 4.8 measures a widget that wraps text and is not aligned to fill again as it
 * allocates it, its width for its height, halving widths to find it. Suffixes that are
 * not to be stretched (buttons) say valign center themselves. */
static void
cd_detail_row_update_layout (CdDetailRow *self)
{
  gboolean subtitle = gtk_widget_get_visible (GTK_WIDGET (self->subtitle));
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->header));
  GPtrArray *sides[] = { self->prefixes, self->suffixes };

  gtk_label_set_yalign (self->title, subtitle ? 1.0 : 0.5);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    for (guint j = 0; j < sides[i]->len; j++)
      gtk_grid_layout_child_set_row_span (GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, sides[i]->pdata[j])),
                                          subtitle ? 2 : 1);
}

const char *
cd_detail_row_get_subtitle (CdDetailRow *self)
{
  g_return_val_if_fail (CD_IS_DETAIL_ROW (self), NULL);

  return gtk_label_get_label (self->subtitle);
}

void
cd_detail_row_set_subtitle (CdDetailRow *self,
                            const char  *subtitle)
{
  g_return_if_fail (CD_IS_DETAIL_ROW (self));

  if (subtitle == NULL)
    subtitle = "";
  if (g_strcmp0 (gtk_label_get_label (self->subtitle), subtitle) == 0)
    return;

  gtk_label_set_label (self->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), *subtitle != '\0');
  cd_detail_row_update_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

void
cd_detail_row_add_prefix (CdDetailRow *self,
                          GtkWidget   *widget)
{
  int column, row, width, height;

  g_return_if_fail (CD_IS_DETAIL_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Between the prefixes added before and the title, as AdwActionRow puts them. */
  gtk_grid_query_child (self->header, GTK_WIDGET (self->title), &column, &row, &width, &height);
  gtk_grid_insert_column (self->header, column);
  gtk_widget_add_css_class (widget, "cd-prefix");
  gtk_grid_attach (self->header, widget, column, 0, 1, 1);
  g_ptr_array_add (self->prefixes, widget);
  cd_detail_row_update_layout (self);
}

void
cd_detail_row_add_suffix (CdDetailRow *self,
                          GtkWidget   *widget)
{
  int column, row, width, height;

  g_return_if_fail (CD_IS_DETAIL_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_grid_query_child (self->header, GTK_WIDGET (self->title), &column, &row, &width, &height);
  gtk_grid_attach (self->header, widget, column + 1 + (int) self->suffixes->len, 0, 1, 1);
  g_ptr_array_add (self->suffixes, widget);
  cd_detail_row_update_layout (self);
}

static void
cd_detail_row_add_child (GtkBuildable *buildable,
                         GtkBuilder   *builder,
                         GObject      *child,
                         const char   *type)
{
  CdDetailRow *self = CD_DETAIL_ROW (buildable);

  if (!GTK_IS_WIDGET (child))
    parent_buildable_iface->add_child (buildable, builder, child, type);
  else if (g_strcmp0 (type, "prefix") == 0)
    cd_detail_row_add_prefix (self, GTK_WIDGET (child));
  else if (type == NULL)
    cd_detail_row_add_suffix (self, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
cd_detail_row_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = cd_detail_row_add_child;
}

static void
cd_detail_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CdDetailRow *self = CD_DETAIL_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, cd_detail_row_get_subtitle (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_detail_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CdDetailRow *self = CD_DETAIL_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      cd_detail_row_set_subtitle (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_detail_row_finalize (GObject *object)
{
  CdDetailRow *self = CD_DETAIL_ROW (object);

  /* The grid holds the widgets: these only list them. */
  g_ptr_array_unref (self->prefixes);
  g_ptr_array_unref (self->suffixes);

  G_OBJECT_CLASS (cd_detail_row_parent_class)->finalize (object);
}

static void
cd_detail_row_class_init (CdDetailRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_detail_row_get_property;
  object_class->set_property = cd_detail_row_set_property;
  object_class->finalize = cd_detail_row_finalize;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cashdesk_login/CashDeskLogin/cd-detail-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDetailRow, header);
  gtk_widget_class_bind_template_child (widget_class, CdDetailRow, title);
  gtk_widget_class_bind_template_child (widget_class, CdDetailRow, subtitle);
}

static void
cd_detail_row_init (CdDetailRow *self)
{
  self->prefixes = g_ptr_array_new ();
  self->suffixes = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
