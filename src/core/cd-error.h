/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-error.h: the one error domain of CashDesk Login, and what every face reads from its
 * errors. The client maps HTTP statuses, transport and TLS failures onto it with
 * cd-error-http-private.h, which alone includes libsoup. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CD_ERROR (cd_error_quark ())

typedef enum {
  CD_ERROR_INVALID_INPUT,  /* bad email, empty password, malformed URL */
  CD_ERROR_INSECURE_URL,   /* plain http to a host that is not loopback, not allowed */
  CD_ERROR_REJECTED,       /* 401/403/422 and other 4xx: the server said no */
  CD_ERROR_RATE_LIMITED,   /* 429 */
  CD_ERROR_SERVER,         /* 5xx, an unexpected status */
  CD_ERROR_PROTOCOL,       /* not JSON, wrong shape, too large, refused redirect */
  CD_ERROR_NETWORK,        /* DNS, refused, reset */
  CD_ERROR_TLS,            /* certificate or handshake failure */
  CD_ERROR_TIMEOUT,        /* the whole request took longer than allowed */
  CD_ERROR_KEYRING,        /* no Secret Service, or the collection is locked */
  CD_ERROR_NOT_FOUND,      /* no stored token for that account, or it expired */
} CdError;

GQuark   cd_error_quark              (void);

/* A message that a server meant for people, cleaned by cd_text_dup_clean() and cut to
 * 300 characters. Returns NULL when nothing readable is left. */
char    *cd_error_clean_server_message (const char *message);

/* The reason in a CD_ERROR_REJECTED @error alone, as under a heading that already says
 * the sign-in was refused: the server's words, or ours when it gave none, with a
 * capital first letter. NULL for any other error. */
char    *cd_error_dup_refusal_reason (const GError *error);

G_END_DECLS
