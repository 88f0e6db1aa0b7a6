/* cd-window.h: the main window: a stack of the sign-in and the account page. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CD_TYPE_WINDOW (cd_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

/* @server and @developer_id come from the command line (NULL: not given); the
 * environment and GSettings fill in the rest. @demo shows the demo mark and accounts. */
CdWindow *cd_window_new (GtkApplication *application,
                         const char     *server,
                         const char     *developer_id,
                         gboolean        demo);

G_END_DECLS
