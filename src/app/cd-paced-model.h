/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-paced-model.h: a list model that shows another one, letting new items in a few
 * per frame so that a list view never makes more rows in one turn than fit a frame. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CD_TYPE_PACED_MODEL (cd_paced_model_get_type ())
G_DECLARE_FINAL_TYPE (CdPacedModel, cd_paced_model, CD, PACED_MODEL, GObject)

CdPacedModel *cd_paced_model_new            (GListModel   *model,
                                             GtkListView  *list_view);
GListModel   *cd_paced_model_get_model      (CdPacedModel *self);
gboolean      cd_paced_model_get_complete   (CdPacedModel *self);
void          cd_paced_model_show_through   (CdPacedModel *self,
                                             guint         position);

G_END_DECLS
