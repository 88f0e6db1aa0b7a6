/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-accessible.c: names for screen readers where GTK 4.8 and libadwaita 1.2 get them wrong.
 *
 * GTK 4.8 names a button both from its label property and from the widgets it is
 * labelled by, and joins the two: a button with the text "_Sign In" is read as
 * "_Sign In Sign In", and the toggle inside a named GtkMenuButton says its name twice.
 * libadwaita 1.2 leaves the close button of a toast with no name at all, so its image's
 * type name is read; an expander is named by its label only through a relation. Each
 * control here gets one name, the words it shows, and a button's icon none; lists that
 * select nothing stop being read as "not selected" row after row. Newer GTK names these
 * right, and then this changes nothing that is heard. */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"

static void
cd_accessible_fix_button (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  /* An icon on a button is the button's picture, not a thing of its own: GTK 4.8 would
   * have it read as "GtkImage" before the button's name. */
  if (GTK_IS_IMAGE (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

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

  /* A stack's pages are panels to a screen reader: one without a title would be read
   * as "GtkStackPage" each time the focus enters it (the pages of a button's idle and
   * busy states, a menu's own pages). An empty name is not read at all. */
  else if (GTK_IS_STACK (root))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (root)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (pages, i);
          GtkStackPage *page = GTK_STACK_PAGE (item);

          if (gtk_stack_page_get_title (page) == NULL)
            gtk_stack_page_set_title (page, "");
        }
    }

  else if (GTK_IS_LIST_BOX (root)
           && gtk_list_box_get_selection_mode (GTK_LIST_BOX (root)) == GTK_SELECTION_NONE)
    cd_accessible_select_on_focus (GTK_LIST_BOX (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cd_accessible_fix_names (child);
}

typedef void (*CdAccessibleChildFunc) (GtkWidget *child);

static void
cd_accessible_children_changed_cb (GListModel *children,
                                   guint       position,
                                   guint       removed,
                                   guint       added,
                                   gpointer    user_data)
{
  CdAccessibleChildFunc func = (CdAccessibleChildFunc) user_data;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      func (child);
    }
}

/* Calls @func on each child of @parent, now and as they come. */
static void
cd_accessible_watch_children (GtkWidget             *parent,
                              CdAccessibleChildFunc  func)
{
  GListModel *children = gtk_widget_observe_children (parent);

  cd_accessible_children_changed_cb (children, 0, 0, g_list_model_get_n_items (children), func);
  g_signal_connect (children, "items-changed",
                    G_CALLBACK (cd_accessible_children_changed_cb), func);
  g_object_set_data_full (G_OBJECT (parent), "cd-accessible-children", children, g_object_unref);
}

/* Toasts are widgets of their own that come and go in @overlay: each is fixed as it
 * comes. */
void
cd_accessible_watch_toasts (AdwToastOverlay *overlay)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  cd_accessible_watch_children (GTK_WIDGET (overlay), cd_accessible_fix_names);
}

/* What a widget's description is between announcements, as GTK 4.8 cannot read one
 * back: cd_accessible_announce() puts it back when the focus leaves. */
#define BASE_DESCRIPTION "cd-accessible-description"

void
cd_accessible_describe (GtkWidget  *widget,
                        const char *description)
{
  char *kept;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Copied first: @description may be the one kept here (the focus leaving a widget
   * that announced something puts its own description back), which replacing frees. */
  kept = g_strdup (description);
  g_object_set_data_full (G_OBJECT (widget), BASE_DESCRIPTION, kept, g_free);
  if (kept != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, kept,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

#define ANNOUNCED "cd-accessible-announced"

static void
cd_accessible_focus_left_cb (GtkEventControllerFocus *focus)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  if (g_object_get_data (G_OBJECT (widget), ANNOUNCED) == NULL)
    return;
  g_object_set_data (G_OBJECT (widget), ANNOUNCED, NULL);
  cd_accessible_describe (widget, g_object_get_data (G_OBJECT (widget), BASE_DESCRIPTION));
}

/* The widget a screen reader knows as focused: an entry's inner GtkText is not one. */
static GtkWidget *
cd_accessible_focused (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  while (focus != NULL && GTK_IS_TEXT (focus) && GTK_IS_EDITABLE (gtk_widget_get_parent (focus)))
    focus = gtk_widget_get_parent (focus);
  return focus;
}

/* GTK 4.8 has no way to make a screen reader say something (GTK 4.14 has
 * gtk_accessible_announce()), and its alerts are never announced: it tells a screen
 * reader that a widget appeared only for windows. What Orca does say is a new
 * description of the focused widget: @message becomes that, until the focus leaves,
 * when the widget's own description (cd_accessible_describe()) comes back. */
void
cd_accessible_announce (GtkWidget  *widget,
                        const char *message)
{
  GtkWidget *focus = cd_accessible_focused (widget);
  GtkEventController *controller;

  g_return_if_fail (message != NULL);

  if (focus == NULL)
    return;

  /* Once a widget: from then on, each time the focus leaves it. */
  if (g_object_get_data (G_OBJECT (focus), "cd-accessible-watched") == NULL)
    {
      controller = gtk_event_controller_focus_new ();
      g_signal_connect (controller, "leave", G_CALLBACK (cd_accessible_focus_left_cb), NULL);
      gtk_widget_add_controller (focus, controller);
      g_object_set_data (G_OBJECT (focus), "cd-accessible-watched", controller);
    }
  g_object_set_data (G_OBJECT (focus), ANNOUNCED, GINT_TO_POINTER (TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (focus),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

/* libadwaita 1.2 leaves a message dialog's body out of what a screen reader says of it
 * (a warning would be skipped), and its buttons' names doubled. */
void
cd_accessible_fix_dialog (AdwMessageDialog *dialog)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_message_dialog_get_body (dialog),
                                  -1);
  cd_accessible_fix_names (GTK_WIDGET (dialog));
}

static void
cd_accessible_row_focused_cb (GtkEventControllerFocus *focus)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  GtkWidget *list = gtk_widget_get_parent (row);

  if (GTK_IS_LIST_BOX (list))
    gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
}

static void
cd_accessible_watch_row (GtkWidget *row)
{
  GtkEventController *focus;

  if (!GTK_IS_LIST_BOX_ROW (row) || g_object_get_data (G_OBJECT (row), "cd-accessible-selects") != NULL)
    return;
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (cd_accessible_row_focused_cb), NULL);
  gtk_widget_add_controller (row, focus);
  g_object_set_data (G_OBJECT (row), "cd-accessible-selects", focus);
}

/* Orca 43 says "not selected" after every row of a list that can select, and GTK 4.8
 * says every GtkListBox can, whatever its selection mode. So lists of ours that select
 * nothing select the row the keyboard is in: then nothing is said, and style.css draws
 * no selection (.cd-select-on-focus). Rows added later are watched too. */
void
cd_accessible_select_on_focus (GtkListBox *list)
{
  g_return_if_fail (GTK_IS_LIST_BOX (list));

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "cd-select-on-focus");
  cd_accessible_watch_children (GTK_WIDGET (list), cd_accessible_watch_row);
}
