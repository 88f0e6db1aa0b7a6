/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-locale.h: the programs' locale and where their translations are found. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds the project's text domain, in UTF-8,
 * to the installed translations, or, in the build's own environment (meson devenv),
 * to the build folder's: see CASHDESK_BUILD_LOCALEDIR in cd-locale.c. The first thing
 * each program's main() does. */
void  cd_locale_init  (void);

G_END_DECLS
