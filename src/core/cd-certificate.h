/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-certificate.h: the state of a cashier's e-signature (КЕП) certificate. */
#pragma once

#include <glib.h>

#include "cd-thresholds.h"

G_BEGIN_DECLS

typedef enum {
  CD_CERT_UNKNOWN,
  CD_CERT_VALID,
  CD_CERT_EXPIRING,
  CD_CERT_EXPIRED,
} CdCertState;

/* @expires_on may be NULL (unknown). @days_left is set to the days from @now's day to
 * the expiry day (negative once expired), or left alone when unknown. */
CdCertState  cd_certificate_state         (GDateTime   *expires_on,
                                           GDateTime   *now,
                                           int         *days_left);
/* "valid", "expiring", "expired", "unknown": the words of the JSON contract. */
const char  *cd_certificate_state_to_string (CdCertState state);
CdCertState  cd_certificate_state_from_string (const char *text);

G_END_DECLS
