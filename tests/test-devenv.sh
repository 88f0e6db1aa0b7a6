#!/bin/sh
# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# test-devenv.sh: the environment `meson devenv` gives (build-aux/run, README's
# `meson devenv -C _build cashdesk-login --demo`) finds the project's icons first and
# still the system's data, even where XDG_DATA_DIRS is unset (a console, ssh, a fresh
# machine). Without /usr/share GLib knows no MIME types, and GTK then fails to load
# libadwaita's SVG icons ("Unrecognized image file format"). The programs run there
# speak the language of the session from the build's own translations, which nothing
# installed; and a program outside the folder that CASHDESK_BUILD_LOCALEDIR names (an
# installed one) does not take its catalogues.
#
#   test-devenv.sh SOURCE_ROOT BUILD_ROOT
# Prints TAP.
set -u

source_root=$1
build_root=$2
icon="$source_root/data/icons/hicolor/scalable/apps/io.github.cashdesk_login.CashDeskLogin.svg"

. "$(dirname "$0")/lib/tap.sh"

# The value that devenv gives, from an environment without XDG_DATA_DIRS.
dirs=$(env -u XDG_DATA_DIRS meson devenv -C "$build_root" sh -c 'printf %s "$XDG_DATA_DIRS"')
echo "# XDG_DATA_DIRS in meson devenv: $dirs"
content_type=$(env -u XDG_DATA_DIRS meson devenv -C "$build_root" \
  gio info -a standard::content-type "$icon" | sed -n 's/^ *standard::content-type: //p')
echo "# content type of an SVG there: $content_type"

check "the project's data folder comes first" \
  test "${dirs%%:*}" = "$source_root/data"
check "the system's data folders are kept" \
  sh -c 'case ":$1:" in *:/usr/share:*) exit 0 ;; esac; exit 1' sh "$dirs"
check "GLib knows an SVG by its MIME type there" \
  test "$content_type" = image/svg+xml

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cd-devenv.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# A Ukrainian session, as LANGUAGE gives it in any locale but C.
in_ukrainian () {
  env LC_ALL=C.UTF-8 LANGUAGE=uk "$@"
}

localedir=$(meson devenv -C "$build_root" sh -c 'printf %s "$CASHDESK_BUILD_LOCALEDIR"')
check "meson devenv names the build's own translations" \
  test -s "$localedir/uk/LC_MESSAGES/cashdesk-login.mo" -a "$localedir" = "$build_root/po"

in_ukrainian meson devenv -C "$build_root" cashdesk-token --help >"$tmp/token-help" 2>&1
check "cashdesk-token --help there is in Ukrainian" \
  grep -q 'Вивести збережений токен' "$tmp/token-help"
# What build-aux/run starts, by the same command.
in_ukrainian meson devenv -C "$build_root" cashdesk-login --help >"$tmp/login-help" 2>&1
check "cashdesk-login --help there is in Ukrainian" \
  grep -q 'Увійти до вбудованого демонстраційного сервера' "$tmp/login-help"
check "build-aux/run starts cashdesk-login in meson devenv" \
  grep -q '^exec meson devenv -C _build cashdesk-login ' "$source_root/build-aux/run"
[ $status -eq 0 ] || { comment "$tmp/token-help"; comment "$tmp/login-help"; }

# A catalogue of someone else's, which says "Show the version and exit" its own way, and
# a copy of cashdesk-token beside it, as a build folder has them.
mkdir -p "$tmp/other/po/uk/LC_MESSAGES" "$tmp/other/src"
printf '%s\n' 'msgid ""' 'msgstr "Content-Type: text/plain; charset=UTF-8\n"' '' \
  'msgid "Show the version and exit"' 'msgstr "OTHER-CATALOGUE"' >"$tmp/other.po"
msgfmt -o "$tmp/other/po/uk/LC_MESSAGES/cashdesk-login.mo" "$tmp/other.po"
cp "$build_root/src/cli/cashdesk-token" "$tmp/other/src/"
in_ukrainian env CASHDESK_BUILD_LOCALEDIR="$tmp/other/po" "$tmp/other/src/cashdesk-token" --help \
  >"$tmp/inside" 2>&1
check "a program inside the folder named takes its catalogue" \
  grep -q OTHER-CATALOGUE "$tmp/inside"
in_ukrainian env CASHDESK_BUILD_LOCALEDIR="$tmp/other/po" "$build_root/src/cli/cashdesk-token" --help \
  >"$tmp/outside" 2>&1
check "a program outside it (as an installed one is) does not" \
  sh -c '! grep -q OTHER-CATALOGUE "$1"' sh "$tmp/outside"

echo "1..$n"
exit $status
