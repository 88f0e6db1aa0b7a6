/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-text.h: text from a server (or from anything this program did not write itself),
 * made fit to show to people: in a window, a toast, a notification, a terminal line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns @text as valid UTF-8 on one line: every control character (C0, DEL, C1),
 * line and paragraph separator, and invisible or direction-changing format character
 * (U+200B–U+200F, U+202A–U+202E, U+2060–U+206F, U+FEFF, U+00AD, …) becomes a space;
 * runs of spaces become one and the ends are trimmed. With @max_chars > 0, at most that
 * many characters are kept and "…" marks the cut. NULL when nothing readable is left
 * (or @text is NULL). */
char     *cd_text_dup_clean     (const char *text,
                                 glong       max_chars);

/* Whether cd_text_dup_clean() would turn @c into a space. */
gboolean  cd_text_is_unsafe_char (gunichar   c);

/* @text with "&", "<" and ">" replaced by look-alikes (＆ ‹ ›), for text that may be
 * read as markup by whoever shows it (a notification server advertising body-markup)
 * and as plain text by others: it reads the same either way, and no tag or link comes
 * of it. NULL for NULL. */
char     *cd_text_dup_markup_inert (const char *text);

G_END_DECLS
