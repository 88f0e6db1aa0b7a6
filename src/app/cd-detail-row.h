/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-detail-row.h: a row of a boxed list that shows one detail: a title, an optional
 * subtitle, and what goes beside them (a value, a button), laid out as libadwaita's
 * AdwActionRow lays them out. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CD_TYPE_DETAIL_ROW (cd_detail_row_get_type ())
G_DECLARE_FINAL_TYPE (CdDetailRow, cd_detail_row, CD, DETAIL_ROW, AdwPreferencesRow)

const char *cd_detail_row_get_subtitle (CdDetailRow *self);
/* NULL or "" hides the subtitle. */
void        cd_detail_row_set_subtitle (CdDetailRow *self,
                                        const char  *subtitle);
/* Before the title (in a .ui file, <child type="prefix">). */
void        cd_detail_row_add_prefix   (CdDetailRow *self,
                                        GtkWidget   *widget);
/* After the title, at the row's end (in a .ui file, <child>). */
void        cd_detail_row_add_suffix   (CdDetailRow *self,
                                        GtkWidget   *widget);

G_END_DECLS
