/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* fuzz-error.c: what becomes of a server's error answer: its JSON body, its message for
 * people, and a Retry-After header. The first two bytes choose the HTTP status; the
 * rest is the body, and also, up to its first newline, the Retry-After value. */
#include <string.h>

#include "cd-error.h"
#include "cd-error-http-private.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

static gboolean
is_printable_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isprint (*text))
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *retry_after = NULL;
  const char *newline;
  guint status;

  if (size < 2)
    return 0;
  status = 300 + (((guint) data[0] << 8 | data[1]) % 300);
  data += 2;
  size -= 2;

  text = g_strndup ((const char *) data, size);
  newline = strchr (text, '\n');
  retry_after = g_strndup (text, newline != NULL ? (gsize) (newline - text) : strlen (text));
  /* libsoup itself refuses (with a warning) values no HTTP parser would hand over. */
  if (is_printable_ascii (retry_after))
    soup_message_headers_replace (headers, "Retry-After", retry_after);

  body = g_bytes_new (data, size);
  error = cd_error_new_for_http (status, headers, body);
  g_assert (error != NULL && error->domain == CD_ERROR);
  g_assert (g_utf8_validate (error->message, -1, NULL));

  clean = cd_error_clean_server_message (text);
  g_assert (clean == NULL || g_utf8_validate (clean, -1, NULL));
  return 0;
}
