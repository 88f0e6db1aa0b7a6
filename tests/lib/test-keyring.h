/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* test-keyring.h: the session's keyring as the tests see it from outside: secret-tool in
 * another process, and gnome-keyring's D-Bus interface for what a person would do
 * (lock, unlock) or what goes wrong on a desktop (the daemon dies, a service is gone). */
#pragma once

#include <gio/gio.h>

#include "test-process.h"

G_BEGIN_DECLS

#define TEST_TOKEN_SCHEMA   "io.github.cashdesk_login.Token"
#define TEST_ACCOUNT_SCHEMA "io.github.cashdesk_login.Account"

/* Whether @keyring (CD_TEST_SESSION_KEYRING, as build-aux/test-session sets it) names a
 * Secret Service on the session's bus: "gnome-keyring" or "keepassxc"; "no" is none. */
gboolean  test_keyring_is_real     (const char         *keyring);

/* Calls @method on the session bus and waits for the reply; fails the test on an error. */
GVariant *test_bus_call            (const char         *name,
                                    const char         *path,
                                    const char         *interface,
                                    const char         *method,
                                    GVariant           *parameters,
                                    const GVariantType *reply_type);

/* Whether @name has an owner on the session bus. */
gboolean  test_name_has_owner      (const char         *name);

/* Runs `secret-tool ARGS`, with @input (NULL: none) on its standard input. */
void      test_secret_tool         (const char *const  *args,
                                    const char         *input,
                                    CliRun             *run);

/* What README tells other programs to run: `secret-tool lookup xdg:schema TOKEN email
 * @email`. The token, or NULL when none is stored. */
char     *test_secret_tool_lookup  (const char         *email);

/* Locks or unlocks the login collection. Nobody can answer an unlock prompt in a test,
 * so it unlocks the way gnome-keyring's own tools do, with test-session's password. */
void      test_keyring_set_locked  (gboolean            locked);

/* The prompts the Secret Service has now: the objects under
 * /org/freedesktop/secrets/prompt. gnome-keyring keeps one from Unlock until it is
 * answered, dismissed or its caller gone; KeePassXC keeps them longer. */
GStrv     test_keyring_prompts       (void);
/* Whether a prompt not in @before has come. */
gboolean  test_keyring_prompt_opened (const char *const  *before);

/* A GSourceFunc: kills the session's gnome-keyring-daemon and sets the gboolean at
 * @user_data. */
gboolean  test_kill_keyring        (gpointer            user_data);

/* Stops (SIGSTOP) or resumes (SIGCONT) the session's Secret Service process
 * (gnome-keyring-daemon or KeePassXC): stopped, it takes calls and answers none, as one
 * busy or starting up. */
void      test_keyring_set_paused  (gboolean            paused);

/* Starts gnome-keyring-daemon again, as test-session does (unlocked with its password,
 * over the same keyring files), after test_kill_keyring(); waits until it owns
 * org.freedesktop.secrets and sets CD_TEST_KEYRING_PID to it. It ends with the bus. */
void      test_restart_keyring     (void);

/* Kills the session's gnome-keyring-daemon at the moment a Secret Service method call
 * @member is sent (for CreateItem: of an item of @schema; NULL: any). From this process
 * (@any_process FALSE), a filter on its bus connection kills the daemon before the call
 * leaves, so the daemon never carries it out. From another process (@any_process
 * TRUE), a monitor of the bus sees the call as the daemon gets it, so the daemon may
 * have carried it out or not: a test must accept both. */
typedef struct _TestKeyringKiller TestKeyringKiller;
TestKeyringKiller *test_keyring_kill_at      (const char        *member,
                                              const char        *schema,
                                              gboolean           any_process);
gboolean           test_keyring_killer_fired (TestKeyringKiller *killer);
void               test_keyring_killer_free  (TestKeyringKiller *killer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestKeyringKiller, test_keyring_killer_free)

/* Whether @message is a Secret Service CreateItem call for an item of @schema. */
gboolean  test_message_creates_item_of (GDBusMessage   *message,
                                        const char     *schema);

/* Shadows the system's service file for @name in the session's own data folder, as on
 * a desktop without that program, and has the bus read its service folders again. */
void      test_mask_service        (const char         *name);

G_END_DECLS
