/* cd-input.h: what counts as a usable email and server URL (the URL policy). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  cd_input_email_is_valid     (const char *email);
/* A developer id that can be an HTTP header's value: printable ASCII and spaces, no line
 * breaks or other control characters, not empty. */
gboolean  cd_input_developer_id_is_valid (const char *developer_id);

/* Checks @url against the URL policy and returns it in one spelling for one server:
 * scheme and host in lower case, the scheme's default port left out, no trailing
 * slashes (so https://API.CASHDESK.COM.UA:443/api/v2/ is production).
 * https is always fine; plain http only for loopback hosts (127.0.0.0/8, ::1,
 * localhost) or when @allow_insecure_http (SmartConnect on a shop's LAN).
 * Errors: CD_ERROR_INVALID_INPUT, CD_ERROR_INSECURE_URL. */
char     *cd_input_normalize_server   (const char *url,
                                       gboolean    allow_insecure_http,
                                       GError    **error);
gboolean  cd_input_server_is_loopback (const char *url);
gboolean  cd_input_server_is_production (const char *url);

/* The configuration shared by both programs: the command line (@given, may be NULL)
 * wins over the environment (CASHDESK_API_URL, CASHDESK_DEVELOPER_ID), which wins
 * over @fallback (GSettings in the window; NULL for the built-in default). */
const char *cd_input_resolve_server       (const char *given,
                                           const char *fallback);
const char *cd_input_resolve_developer_id (const char *given,
                                           const char *fallback);
const char *cd_input_production_server    (void);

/* Overwrites @len bytes of @buffer with zeros in a way the compiler keeps. */
void      cd_input_wipe               (void       *buffer,
                                       gsize       len);
/* Wipes and frees a NUL-terminated string; NULL is fine. */
void      cd_input_wipe_string        (char       *secret);

G_END_DECLS
