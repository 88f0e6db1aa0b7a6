/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-accessible.h: names for screen readers where GTK 4.8 and libadwaita 1.2 get them wrong. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void cd_accessible_fix_names    (GtkWidget       *root);
void cd_accessible_watch_toasts (AdwToastOverlay *overlay);

/* A message dialog as a screen reader should meet it: its body said after its heading. */
void cd_accessible_fix_dialog   (AdwMessageDialog *dialog);
/* A list that selects nothing, made so that a screen reader does not call each of its
 * rows "not selected". */
void cd_accessible_select_on_focus (GtkListBox *list);
/* Sets @widget's description for screen readers (NULL: none), the one to come back after
 * an announcement. */
void cd_accessible_describe     (GtkWidget       *widget,
                                 const char      *description);
/* Has a screen reader say @message now, about the widget with the focus in @widget's
 * window. */
void cd_accessible_announce     (GtkWidget       *widget,
                                 const char      *message);

G_END_DECLS
