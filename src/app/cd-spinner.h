/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-spinner.h: a busy indicator that spins while it is shown, drawn without an icon. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CD_TYPE_SPINNER (cd_spinner_get_type ())
G_DECLARE_FINAL_TYPE (CdSpinner, cd_spinner, CD, SPINNER, GtkWidget)

GtkWidget *cd_spinner_new (void);

G_END_DECLS
