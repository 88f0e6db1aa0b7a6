#!/bin/sh
# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# test-devenv.sh: the environment `meson devenv` gives (build-aux/run, README's
# `meson devenv -C _build cashdesk-login --demo`) finds the project's icons first and
# still the system's data, even where XDG_DATA_DIRS is unset (a console, ssh, a fresh
# machine). Without /usr/share GLib knows no MIME types, and GTK then fails to load
# libadwaita's SVG icons ("Unrecognized image file format").
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

echo "1..$n"
exit $status
