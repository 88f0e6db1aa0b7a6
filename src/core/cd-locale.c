/* SPDX-FileCopyrightText: 2026 CashDesk Login contributors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* cd-locale.c: the programs' locale and where their translations are found.
 *
 * Installed, the programs read their catalogues under the prefix (LOCALEDIR). Run from
 * the build folder they would find none there, or an older install's, and speak English
 * to a Ukrainian desktop; so the build's own environment (meson devenv, which
 * build-aux/run uses) names the build's compiled catalogues, BUILD/po, in
 * CASHDESK_BUILD_LOCALEDIR. A program takes that folder only when it runs from inside
 * the build folder that holds it: an installed program, the Flatpak's included, ignores
 * the variable, so no environment can hand it a catalogue it did not come with (whose
 * translated format strings it would trust). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "cd-locale.h"

/* Whether the running program lies inside @folder (never true of "/"). The kernel gives
 * the program's path with its symbolic links resolved, so the folder's are too. */
static gboolean
cd_locale_runs_from (const char *folder)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *real_folder = realpath (folder, NULL);
  g_autofree char *prefix = NULL;

  if (program == NULL || real_folder == NULL)
    return FALSE;
  prefix = g_strconcat (real_folder, "/", NULL);
  return g_str_has_prefix (program, prefix);
}

static const char *
cd_locale_dir (void)
{
  const char *build_localedir = g_getenv ("CASHDESK_BUILD_LOCALEDIR");
  g_autofree char *build_dir = NULL;

  if (build_localedir == NULL || !g_path_is_absolute (build_localedir))
    return LOCALEDIR;
  build_dir = g_path_get_dirname (build_localedir);
  return cd_locale_runs_from (build_dir) ? build_localedir : LOCALEDIR;
}

void
cd_locale_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, cd_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
