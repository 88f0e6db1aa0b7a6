/* cd-text.c: the one cleaner of text that came from outside, shared by the window and
 * cashdesk-token, so that both show the same thing and neither shows what moves a
 * terminal's cursor, hides characters or reverses the order they are read in. */
#include "config.h"

#include "cd-text.h"

gboolean
cd_text_is_unsafe_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    /* C0, DEL and C1: escape sequences, bells, line breaks. */
    case G_UNICODE_CONTROL:
    /* Invisible and bidirectional formatting: zero-width spaces and joiners, the
     * left-to-right and right-to-left marks, embeddings, overrides and isolates
     * (U+202A–U+202E, U+2066–U+2069), the byte order mark. */
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    /* Not characters at all; what g_utf8_make_valid() cannot produce, but a caller's
     * code point might be. */
    case G_UNICODE_SURROGATE:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
cd_text_dup_clean (const char *text,
                   glong       max_chars)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *valid = NULL;
  const char *p;
  glong n = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (p = valid; *p != '\0' && (max_chars <= 0 || n < max_chars); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (cd_text_is_unsafe_char (c) || g_unichar_isspace (c))
        c = ' ';
      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_unichar (out, c);
      n++;
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (*p != '\0' && out->len > 0)
    g_string_append (out, "…");

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
