/* cd-accessible.c: names for screen readers where GTK 4.8 and libadwaita 1.2 get them wrong.
 *
 * GTK 4.8 names a button both from its label property and from the widgets it is
 * labelled by, and joins the two: a button with the text "_Sign In" is read as
 * "_Sign In Sign In", and the toggle inside a named GtkMenuButton says its name twice.
 * libadwaita 1.2 leaves the close button of a toast with no name at all, so its image's
 * type name is read; an expander is named by its label only through a relation. Each
 * control here gets one name, the words it shows. Newer GTK
 * names these right, and then this changes nothing that is heard. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"

static void
cd_accessible_fix_button (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (GTK_IS_LABEL (child))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (child)),
                                      -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  else if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (button)))
    {
      GtkWidget *menu_button = gtk_widget_get_parent (button);

      GtkWidget *content = gtk_menu_button_get_child (GTK_MENU_BUTTON (menu_button));

      if (GTK_IS_LABEL (content))
        tooltip = gtk_label_get_text (GTK_LABEL (content));
      else if ((tooltip = gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button))) == NULL)
        tooltip = gtk_widget_get_tooltip_text (menu_button);
      if (tooltip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                        -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  else if (GTK_IS_IMAGE (child)
           && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), "window-close-symbolic") == 0
           && g_strcmp0 (gtk_widget_get_name (gtk_widget_get_parent (button)), "AdwToastWidget") == 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"),
                                      -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
}

/* Fixes the names of the buttons under @root as they are now: call it again for
 * widgets created later (a toast, a dialog). */
void
cd_accessible_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    cd_accessible_fix_button (root);
  else if (GTK_IS_EXPANDER (root) && GTK_IS_LABEL (gtk_expander_get_label_widget (GTK_EXPANDER (root))))
    {
      GtkLabel *label = GTK_LABEL (gtk_expander_get_label_widget (GTK_EXPANDER (root)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (label),
                                      -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cd_accessible_fix_names (child);
}

static void
cd_accessible_children_changed_cb (GListModel *children,
                                   guint       position,
                                   guint       removed,
                                   guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      cd_accessible_fix_names (child);
    }
}

/* Toasts are widgets of their own that come and go in @overlay: each is fixed as it
 * comes. */
void
cd_accessible_watch_toasts (AdwToastOverlay *overlay)
{
  GListModel *children;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  g_signal_connect (children, "items-changed",
                    G_CALLBACK (cd_accessible_children_changed_cb), NULL);
  g_object_set_data_full (G_OBJECT (overlay), "cd-accessible-children", children, g_object_unref);
}
