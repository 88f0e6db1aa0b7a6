/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-account.c: CdAccount, the model: who signed in, their token, and what is derived
 * from them (a title, a short name, initials, a masked DRFO, the certificate's state,
 * whether the token is still valid). Reading and writing it as JSON is cd-account-json.c. */
#include "config.h"

#include <string.h>

#include "cd-account-private.h"
#include "cd-dates.h"
#include "cd-wipe.h"

G_DEFINE_FINAL_TYPE (CdAccount, cd_account, G_TYPE_OBJECT)

static void
cd_account_finalize (GObject *object)
{
  CdAccount *self = CD_ACCOUNT (object);

  if (self->token != NULL)
    cd_wipe (self->token, strlen (self->token));
  g_free (self->token);
  g_free (self->server);
  g_free (self->email);
  g_free (self->full_name);
  g_free (self->uuid);
  g_free (self->edrpou);
  g_free (self->drfo);
  g_free (self->developer_id);
  g_free (self->subject_key_id);
  g_free (self->cert_serial);
  g_free (self->opened_shift);
  g_clear_pointer (&self->token_expires_at, g_date_time_unref);
  g_clear_pointer (&self->last_online, g_date_time_unref);
  g_clear_pointer (&self->cert_expires_on, g_date_time_unref);

  G_OBJECT_CLASS (cd_account_parent_class)->finalize (object);
}

static void
cd_account_class_init (CdAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_account_finalize;
}

static void
cd_account_init (CdAccount *self)
{
  self->details_known = TRUE;
}

void
cd_account_set_details_known (CdAccount *self,
                              gboolean   known)
{
  g_return_if_fail (CD_IS_ACCOUNT (self));

  self->details_known = known;
}

void
cd_account_set_token (CdAccount  *self,
                      const char *token)
{
  g_return_if_fail (CD_IS_ACCOUNT (self));

  if (self->token != NULL)
    cd_wipe (self->token, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
  if (self->token_expires_at == NULL && token != NULL)
    self->token_expires_at = cd_dates_jwt_expiry (token);
}

gboolean
cd_account_get_details_known (CdAccount *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT (self), FALSE);

  return self->details_known;
}

void
cd_account_set_email (CdAccount  *self,
                      const char *email)
{
  g_return_if_fail (CD_IS_ACCOUNT (self));
  g_free (self->email);
  self->email = g_strdup (email);
}

#define GETTER(type, name) \
  type cd_account_get_##name (CdAccount *self) \
  { \
    g_return_val_if_fail (CD_IS_ACCOUNT (self), (type) 0); \
    return self->name; \
  }

GETTER (const char *, server)
GETTER (const char *, token)
GETTER (const char *, email)
GETTER (const char *, full_name)
GETTER (const char *, uuid)
GETTER (const char *, edrpou)
GETTER (const char *, drfo)
GETTER (const char *, developer_id)
GETTER (const char *, subject_key_id)
GETTER (const char *, cert_serial)
GETTER (const char *, opened_shift)
GETTER (gboolean, active_rro)
GETTER (GDateTime *, token_expires_at)
GETTER (GDateTime *, last_online)
GETTER (GDateTime *, cert_expires_on)

CdCertState
cd_account_get_cert_state (CdAccount *self,
                           GDateTime *now,
                           int       *days_left)
{
  g_return_val_if_fail (CD_IS_ACCOUNT (self), CD_CERT_UNKNOWN);
  return cd_certificate_state (self->cert_expires_on, now, days_left);
}

gboolean
cd_account_token_is_valid (CdAccount *self,
                           GDateTime *now)
{
  g_return_val_if_fail (CD_IS_ACCOUNT (self), FALSE);
  return self->token_expires_at == NULL || g_date_time_compare (self->token_expires_at, now) > 0;
}

const char *
cd_account_get_title (CdAccount *self)
{
  g_return_val_if_fail (CD_IS_ACCOUNT (self), NULL);

  return self->full_name != NULL && *self->full_name != '\0' ? self->full_name : self->email;
}

/* The words of the full name, empty ones (doubled spaces) left out; NULL without one. */
static GStrv
cd_account_name_words (CdAccount *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) split = NULL;
  GStrv words;

  if (self->full_name == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  split = g_strsplit (self->full_name, " ", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_strv_builder_add (builder, split[i]);
  words = g_strv_builder_end (builder);
  if (words[0] == NULL)
    g_clear_pointer (&words, g_strfreev);
  return words;
}

char *
cd_account_dup_short_name (CdAccount *self)
{
  g_auto(GStrv) words = NULL;
  GString *name;

  g_return_val_if_fail (CD_IS_ACCOUNT (self), NULL);

  if ((words = cd_account_name_words (self)) == NULL)
    return g_strdup (self->email);

  name = g_string_new (words[0]);
  for (guint i = 1; words[i] != NULL; i++)
    {
      g_string_append_c (name, ' ');
      g_string_append_unichar (name, g_utf8_get_char (words[i]));
      g_string_append_c (name, '.');
    }
  return g_string_free (name, FALSE);
}

char *
cd_account_dup_initials (CdAccount *self)
{
  g_auto(GStrv) words = NULL;
  GString *initials;

  g_return_val_if_fail (CD_IS_ACCOUNT (self), NULL);

  if ((words = cd_account_name_words (self)) == NULL)
    return g_strdup (self->email);

  initials = g_string_new (NULL);
  g_string_append_unichar (initials, g_utf8_get_char (words[0]));
  if (words[1] != NULL)
    {
      g_string_append_c (initials, ' ');
      g_string_append_unichar (initials, g_utf8_get_char (words[1]));
    }
  return g_string_free (initials, FALSE);
}

char *
cd_account_dup_masked_drfo (CdAccount *self)
{
  glong len;
  GString *masked;

  g_return_val_if_fail (CD_IS_ACCOUNT (self), NULL);
  if (self->drfo == NULL)
    return NULL;

  /* Keep the first three and last two characters, as CashDesk's own cabinet does. */
  len = g_utf8_strlen (self->drfo, -1);
  masked = g_string_new (NULL);
  for (glong i = 0; i < len; i++)
    {
      const char *p = g_utf8_offset_to_pointer (self->drfo, i);

      if (len > 5 && (i < 3 || i >= len - 2))
        g_string_append_unichar (masked, g_utf8_get_char (p));
      else
        g_string_append (masked, "•");
    }
  return g_string_free (masked, FALSE);
}
