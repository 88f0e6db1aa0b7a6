/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-secret-buffer.h: the password field's text, kept from screen readers. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CD_TYPE_SECRET_BUFFER (cd_secret_buffer_get_type ())
G_DECLARE_FINAL_TYPE (CdSecretBuffer, cd_secret_buffer, CD, SECRET_BUFFER, GtkEntryBuffer)

/* Gives @entry's text a CdSecretBuffer and returns it (owned by the entry). */
CdSecretBuffer *cd_secret_buffer_attach       (GtkPasswordEntry *entry);
/* The password as typed. */
const char     *cd_secret_buffer_get_secret   (CdSecretBuffer   *self);
/* Shown (Show Password): then the field shows the password and tells it to a screen
 * reader, as the person asked; hidden, both get bullets. */
void            cd_secret_buffer_set_revealed (CdSecretBuffer   *self,
                                               gboolean          revealed);

G_END_DECLS
