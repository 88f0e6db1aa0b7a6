/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-wipe.h: overwriting secrets (passwords) before their memory is given back, so that
 * a core dump or a later allocation does not show them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Overwrites @len bytes of @buffer with zeros in a way the compiler keeps. */
void  cd_wipe         (void  *buffer,
                       gsize  len);
/* Wipes and frees a NUL-terminated string; NULL is fine. */
void  cd_wipe_string  (char  *secret);

G_END_DECLS
