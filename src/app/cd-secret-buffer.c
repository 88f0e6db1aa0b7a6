/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-secret-buffer.c: the password field's text, kept from screen readers.
 *
 * GTK 4.8 hands a password field's real text to the accessibility bus: a screen reader
 * asking for the field's text gets the password (Orca reads it out when the focus
 * lands in a filled field, or its selection), and every typed character is sent with
 * the "text inserted" event (Orca echoes it). GTK reads both from two places an
 * application can reach: the buffer's get_text, and the "insert-text" signal of the
 * field's GtkText. This buffer keeps the password to itself and answers get_text with
 * one bullet a character; the signal is re-emitted with bullets in place of what was
 * typed, while the buffer takes the real characters. What GTK draws is bullets
 * anyway, and cursor movement, the input method and undo never see the text of a
 * hidden field, so nothing else changes. Newer GTK hides the text itself.
 *
 * The password lives in one block, locked in memory where the system allows (so it is
 * not swapped to disk), wiped whenever characters leave it and when the buffer goes. */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "cd-secret-buffer.h"
#include "cd-wipe.h"

#define BULLET "\xe2\x80\xa2"     /* U+2022, as GTK's own invisible character */
#define MAX_CHARS 1024
#define CAPACITY (MAX_CHARS * 4 + 1)

struct _CdSecretBuffer
{
  GtkEntryBuffer  parent_instance;

  char           *secret;        /* CAPACITY bytes, NUL-terminated UTF-8 */
  gsize           n_bytes;
  guint           n_chars;
  gboolean        locked;
  char           *mask;          /* n_chars bullets: what get_text answers */
  gboolean        revealed;
  /* The real characters of the insertion under way, while bullets are inserted. */
  const char     *staged;
};

G_DEFINE_FINAL_TYPE (CdSecretBuffer, cd_secret_buffer, GTK_TYPE_ENTRY_BUFFER)

static char *
cd_secret_buffer_bullets (guint n_chars)
{
  GString *bullets = g_string_sized_new (n_chars * strlen (BULLET) + 1);

  for (guint i = 0; i < n_chars; i++)
    g_string_append (bullets, BULLET);
  return g_string_free (bullets, FALSE);
}

static void
cd_secret_buffer_update_mask (CdSecretBuffer *self)
{
  g_free (self->mask);
  self->mask = cd_secret_buffer_bullets (self->n_chars);
}

static const char *
cd_secret_buffer_get_text (GtkEntryBuffer *buffer,
                           gsize          *n_bytes)
{
  CdSecretBuffer *self = CD_SECRET_BUFFER (buffer);
  const char *text = self->revealed ? self->secret : self->mask;

  if (n_bytes != NULL)
    *n_bytes = strlen (text);
  return text;
}

static guint
cd_secret_buffer_get_length (GtkEntryBuffer *buffer)
{
  return CD_SECRET_BUFFER (buffer)->n_chars;
}

static guint
cd_secret_buffer_insert_text (GtkEntryBuffer *buffer,
                              guint           position,
                              const char     *chars,
                              guint           n_chars)
{
  CdSecretBuffer *self = CD_SECRET_BUFFER (buffer);
  const char *source = self->staged != NULL ? self->staged : chars;
  gsize length;
  gsize at;

  n_chars = MIN (n_chars, MAX_CHARS - self->n_chars);
  length = g_utf8_offset_to_pointer (source, n_chars) - source;
  position = MIN (position, self->n_chars);
  at = g_utf8_offset_to_pointer (self->secret, position) - self->secret;

  memmove (self->secret + at + length, self->secret + at, self->n_bytes - at + 1);
  memcpy (self->secret + at, source, length);
  self->n_bytes += length;
  self->n_chars += n_chars;
  cd_secret_buffer_update_mask (self);

  /* GtkText and the accessibility bus hear of bullets: they take only the count. */
  if (self->revealed)
    gtk_entry_buffer_emit_inserted_text (buffer, position, source, n_chars);
  else
    {
      g_autofree char *bullets = cd_secret_buffer_bullets (n_chars);

      gtk_entry_buffer_emit_inserted_text (buffer, position, bullets, n_chars);
    }
  return n_chars;
}

/* As in GTK's own buffers, deleting is announced first and done by the signal's class
 * handler, so that the handlers before it still see the characters in place. */
static guint
cd_secret_buffer_delete_text (GtkEntryBuffer *buffer,
                              guint           position,
                              guint           n_chars)
{
  CdSecretBuffer *self = CD_SECRET_BUFFER (buffer);

  position = MIN (position, self->n_chars);
  n_chars = MIN (n_chars, self->n_chars - position);
  if (n_chars > 0)
    gtk_entry_buffer_emit_deleted_text (buffer, position, n_chars);
  return n_chars;
}

static void
cd_secret_buffer_deleted_text (GtkEntryBuffer *buffer,
                               guint           position,
                               guint           n_chars)
{
  CdSecretBuffer *self = CD_SECRET_BUFFER (buffer);
  gsize start = g_utf8_offset_to_pointer (self->secret, position) - self->secret;
  gsize end = g_utf8_offset_to_pointer (self->secret, position + n_chars) - self->secret;

  memmove (self->secret + start, self->secret + end, self->n_bytes - end + 1);
  self->n_bytes -= end - start;
  self->n_chars -= n_chars;
  /* What moved down leaves a copy of the password's tail behind. */
  cd_wipe (self->secret + self->n_bytes + 1, end - start);
  cd_secret_buffer_update_mask (self);

  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

static void
cd_secret_buffer_finalize (GObject *object)
{
  CdSecretBuffer *self = CD_SECRET_BUFFER (object);

  cd_wipe (self->secret, CAPACITY);
  if (self->locked)
    munlock (self->secret, CAPACITY);
  g_free (self->secret);
  g_free (self->mask);

  G_OBJECT_CLASS (cd_secret_buffer_parent_class)->finalize (object);
}

static void
cd_secret_buffer_class_init (CdSecretBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkEntryBufferClass *buffer_class = GTK_ENTRY_BUFFER_CLASS (klass);

  object_class->finalize = cd_secret_buffer_finalize;
  buffer_class->get_text = cd_secret_buffer_get_text;
  buffer_class->get_length = cd_secret_buffer_get_length;
  buffer_class->insert_text = cd_secret_buffer_insert_text;
  buffer_class->delete_text = cd_secret_buffer_delete_text;
  buffer_class->deleted_text = cd_secret_buffer_deleted_text;
}

static void
cd_secret_buffer_init (CdSecretBuffer *self)
{
  self->secret = g_malloc0 (CAPACITY);
  /* Not locked (a tight RLIMIT_MEMLOCK) is still a working field. */
  self->locked = mlock (self->secret, CAPACITY) == 0;
  self->mask = g_strdup ("");
}

/* Typed or pasted text reaches the buffer through this signal, and GTK sends its text
 * to the accessibility bus from a handler that runs after it: the insertion is made
 * again with bullets, the buffer taking the real characters from self->staged. */
static void
cd_secret_buffer_insert_text_cb (GtkEditable *text,
                                 const char  *new_text,
                                 int          new_text_length,
                                 int         *position,
                                 gpointer     user_data)
{
  CdSecretBuffer *self = user_data;
  g_autofree char *real = NULL;
  g_autofree char *bullets = NULL;

  if (self->revealed)
    return;

  real = g_strndup (new_text, new_text_length < 0 ? strlen (new_text) : (gsize) new_text_length);
  bullets = cd_secret_buffer_bullets (g_utf8_strlen (real, -1));

  self->staged = real;
  g_signal_handlers_block_by_func (text, cd_secret_buffer_insert_text_cb, self);
  gtk_editable_insert_text (text, bullets, -1, position);
  g_signal_handlers_unblock_by_func (text, cd_secret_buffer_insert_text_cb, self);
  self->staged = NULL;
  cd_wipe (real, strlen (real));

  g_signal_stop_emission_by_name (text, "insert-text");
}

CdSecretBuffer *
cd_secret_buffer_attach (GtkPasswordEntry *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));
  g_autoptr(CdSecretBuffer) self = g_object_new (CD_TYPE_SECRET_BUFFER, NULL);

  g_return_val_if_fail (GTK_IS_TEXT (text), NULL);

  gtk_entry_buffer_set_max_length (GTK_ENTRY_BUFFER (self), MAX_CHARS);
  gtk_text_set_buffer (GTK_TEXT (text), GTK_ENTRY_BUFFER (self));
  g_signal_connect_object (text, "insert-text",
                           G_CALLBACK (cd_secret_buffer_insert_text_cb), self, 0);
  return self;
}

const char *
cd_secret_buffer_get_secret (CdSecretBuffer *self)
{
  g_return_val_if_fail (CD_IS_SECRET_BUFFER (self), NULL);

  return self->secret;
}

void
cd_secret_buffer_set_revealed (CdSecretBuffer *self,
                               gboolean        revealed)
{
  g_return_if_fail (CD_IS_SECRET_BUFFER (self));

  self->revealed = revealed;
}
