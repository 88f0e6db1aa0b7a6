/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-wipe.c: overwriting secrets (passwords) before their memory is given back. */
#include "config.h"

#include <string.h>

#include "cd-wipe.h"

void
cd_wipe (void  *buffer,
               gsize  len)
{
  if (buffer != NULL && len > 0)
    explicit_bzero (buffer, len);
}

void
cd_wipe_string (char *secret)
{
  if (secret == NULL)
    return;
  cd_wipe (secret, strlen (secret));
  g_free (secret);
}
