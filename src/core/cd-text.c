/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-text.c: the one cleaner of text that came from outside, shared by the window and
 * cashdesk-token, so that both show the same thing and neither shows what moves a
 * terminal's cursor, hides characters or reverses the order they are read in. */
#include "config.h"

#include <string.h>

#include "cd-text.h"

/* Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15):
 * characters a font draws as nothing. Besides the format characters below, they are
 * letters and marks by category, such as the Hangul fillers (U+115F, U+3164, U+FFA0),
 * the combining grapheme joiner (U+034F) and the variation selectors, so
 * "Ivan<U+3164>ov" would pass for a name it is not. */
static const struct { gunichar first, last; } default_ignorable[] = {
  { 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x061C, 0x061C }, { 0x115F, 0x1160 },
  { 0x17B4, 0x17B5 }, { 0x180B, 0x180F }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
  { 0x2060, 0x206F }, { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF },
  { 0xFFA0, 0xFFA0 }, { 0xFFF0, 0xFFF8 }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A },
  { 0xE0000, 0xE0FFF },
};

static gboolean
cd_text_is_default_ignorable (gunichar c)
{
  for (gsize i = 0; i < G_N_ELEMENTS (default_ignorable); i++)
    if (c >= default_ignorable[i].first && c <= default_ignorable[i].last)
      return TRUE;
  return FALSE;
}

gboolean
cd_text_is_unsafe_char (gunichar c)
{
  if (cd_text_is_default_ignorable (c))
    return TRUE;

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
      gunichar c = (guchar) *p;

      /* Printable ASCII (all of an email, a URL or a date) is safe and no space: kept
       * without the lookups below, which were most of what cleaning one cost. */
      if (c > ' ' && c < 0x7f)
        {
          g_string_append_c (out, (char) c);
          n++;
          continue;
        }
      c = g_utf8_get_char (p);
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

char *
cd_text_dup_markup_inert (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      /* Look-alikes that no markup reads: FULLWIDTH AMPERSAND, and the single
       * guillemets for the angle brackets. */
      case '&':
        g_string_append (out, "\uff06");
        break;
      case '<':
        g_string_append (out, "\u2039");
        break;
      case '>':
        g_string_append (out, "\u203a");
        break;
      default:
        g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}
