/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-demo-hostile.h: the demo server's hostile answers, for tests and for trying a
 * client by hand: what a client must survive from whatever the network hands it. Not
 * linked into the window: its --demo shows only the sample accounts. */
#pragma once

#include "cd-demo-server.h"

G_BEGIN_DECLS

/* From now on @server answers the hostile accounts (hang@demo.test, huge@demo.test, ...;
 * any password) before its sample accounts. */
void cd_demo_hostile_install (CdDemoServer *server);

G_END_DECLS
