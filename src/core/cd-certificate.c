/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-certificate.c: how urgent a cashier's e-signature certificate is. */
#include "config.h"

#include <string.h>

#include "cd-certificate.h"
#include "cd-dates.h"

static const char * const state_names[] = {
  [CD_CERT_UNKNOWN] = "unknown",
  [CD_CERT_VALID] = "valid",
  [CD_CERT_EXPIRING] = "expiring",
  [CD_CERT_EXPIRED] = "expired",
};

CdCertState
cd_certificate_state (GDateTime *expires_on,
                      GDateTime *now,
                      int       *days_left)
{
  int days;

  if (expires_on == NULL || now == NULL)
    return CD_CERT_UNKNOWN;

  /* cert_end_data names the last day the certificate works: it is still good that day. */
  days = cd_dates_days_between (now, expires_on);
  if (days_left != NULL)
    *days_left = days;
  if (days < 0)
    return CD_CERT_EXPIRED;
  if (days <= CD_CERT_EXPIRING_DAYS)
    return CD_CERT_EXPIRING;
  return CD_CERT_VALID;
}

const char *
cd_certificate_state_to_string (CdCertState state)
{
  g_return_val_if_fail (state <= CD_CERT_EXPIRED, "unknown");
  return state_names[state];
}

CdCertState
cd_certificate_state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return (CdCertState) i;
  return CD_CERT_UNKNOWN;
}
