#!/bin/sh
# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# test-spdx.sh: every source file of the project begins with its SPDX lines, the
# copyright and the licence (GPL-3.0-or-later; the AppStream metadata CC0-1.0, as its
# metadata_license says), right after a shebang or an XML declaration if it has one.
# Source files are those of the kinds the project writes by hand (C, .ui, XML, CSS,
# Python, meson, shell and other scripts, desktop, D-Bus and gettext lists, fuzzing
# dictionaries, suppressions). Test data, translations, JSON and images are not: their
# formats or the tests that compare them leave no room for a comment.
#
#   test-spdx.sh SOURCE_ROOT
# Prints TAP.
set -u

root=$1
copyright='SPDX-FileCopyrightText: 2026 CashDesk Login contributors'

. "$(dirname "$0")/lib/tap.sh"

# Lines 1 and 2 of the file, after a first line that must stay first.
has_spdx () {
  case $1 in
    *.metainfo.xml.in) licence=CC0-1.0 ;;
    *) licence=GPL-3.0-or-later ;;
  esac
  sed -e '1{/^#!/d;/^<?xml /d;}' "$1" | head -n 2 | {
    read -r first && read -r second &&
      case $first in *"$copyright") ;; *) exit 1 ;; esac &&
      case $second in *"SPDX-License-Identifier: $licence"|*"SPDX-License-Identifier: $licence "*) ;; *) exit 1 ;; esac
  }
}

# The project's folders only: build folders (_build, .flatpak-builder…) live beside them.
files=$(cd "$root" && find meson.build meson_options.txt .ci build-aux data po src tests \
  -path tests/fuzz/corpus -prune -o -type f -print |
  LC_ALL=C sort)
for file in $files; do
  case $file in
    *.c|*.h|*.ui|*.xml|*.css|*.py|*.sh|*.in|*.supp|*.dict|*meson.build|meson_options.txt|po/LINGUAS) ;;
    *) [ "$(head -c 2 "$root/$file")" = '#!' ] || continue ;;
  esac
  check "$file begins with its SPDX lines" has_spdx "$root/$file"
done

check "the files checked include the C sources and this script" \
  sh -c 'case "$1" in *src/core/cd-account.c*tests/test-spdx.sh*) exit 0 ;; esac; exit 1' sh "$(echo $files)"

echo "1..$n"
exit $status
