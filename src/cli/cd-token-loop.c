/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-token-loop.c: one asynchronous call at a time, cancelled by Ctrl+C. */
#include "config.h"

#include <signal.h>
#include <glib-unix.h>

#include "cd-token-loop.h"

struct _CdTokenLoop
{
  GMainLoop    *main_loop;
  GCancellable *cancellable;
  GAsyncResult *result;
  guint         sigint_id;
};

static gboolean
cd_token_loop_sigint_cb (gpointer user_data)
{
  CdTokenLoop *self = user_data;

  self->sigint_id = 0;
  g_cancellable_cancel (self->cancellable);
  /* Removing the source gives SIGINT back its default action: if the call does not
   * wind down, a second Ctrl+C still ends the program. */
  return G_SOURCE_REMOVE;
}

CdTokenLoop *
cd_token_loop_new (void)
{
  CdTokenLoop *self = g_new0 (CdTokenLoop, 1);

  self->main_loop = g_main_loop_new (NULL, FALSE);
  self->cancellable = g_cancellable_new ();
  self->sigint_id = g_unix_signal_add (SIGINT, cd_token_loop_sigint_cb, self);
  return self;
}

void
cd_token_loop_free (CdTokenLoop *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_object (&self->result);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->main_loop, g_main_loop_unref);
  g_free (self);
}

GCancellable *
cd_token_loop_get_cancellable (CdTokenLoop *self)
{
  return self->cancellable;
}

void
cd_token_loop_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CdTokenLoop *self = user_data;

  g_set_object (&self->result, result);
  g_main_loop_quit (self->main_loop);
}

GAsyncResult *
cd_token_loop_wait (CdTokenLoop *self)
{
  while (self->result == NULL)
    g_main_loop_run (self->main_loop);
  return g_steal_pointer (&self->result);
}
