/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-application.h: the single-instance application; owns the stored sign-ins' list
 * and the demo server. */
#pragma once

#include <adwaita.h>

#include "cd-account-list.h"

G_BEGIN_DECLS

#define CD_TYPE_APPLICATION (cd_application_get_type ())
G_DECLARE_FINAL_TYPE (CdApplication, cd_application, CD, APPLICATION, AdwApplication)

CdApplication *cd_application_new          (void);

/* The list of stored sign-ins the windows show: every real one with @demo_server NULL;
 * else the sign-ins of the demo on @demo_server, kept apart and only for the session. */
CdAccountList *cd_application_get_accounts (CdApplication *self,
                                            const char    *demo_server);

G_END_DECLS
