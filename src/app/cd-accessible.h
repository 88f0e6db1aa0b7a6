/* cd-accessible.h: names for screen readers where GTK 4.8 and libadwaita 1.2 get them wrong. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void cd_accessible_fix_names    (GtkWidget       *root);
void cd_accessible_watch_toasts (AdwToastOverlay *overlay);

G_END_DECLS
