#!/bin/sh
# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# test-install.sh: installs the build into a temporary folder (meson install --destdir)
# and runs the programs from there, so that what is checked is what a package holds:
# the files in their places, the translations merged, the schema, and both programs.
#
#   test-install.sh BINDIR DATADIR LOCALEDIR     (absolute, as configured)
#
# Needs CD_BUILD_DIR, a display and a session bus: run it through test-session --display.
# Prints TAP.
set -u

bindir=$1
datadir=$2
localedir=$3
app_id=io.github.cashdesk_login.CashDeskLogin

root=$(mktemp -d "${TMPDIR:-/tmp}/cd-install.XXXXXX")
app_pid=
cleanup () {
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null
  rm -rf "$root"
}
trap cleanup EXIT

. "$(dirname "$0")/lib/tap.sh"

# meson install keeps a list of what it installed, which `ninja uninstall` removes: that
# list must go on naming a real install, not this temporary one.
install_log="$CD_BUILD_DIR/meson-logs/install-log.txt"
[ ! -f "$install_log" ] || cp -p "$install_log" "$root/install-log.saved"
meson install -C "$CD_BUILD_DIR" --destdir "$root/dest" --no-rebuild --quiet \
  >"$root/install.out" 2>&1
install_status=$?
if [ -f "$root/install-log.saved" ]; then
  cp -p "$root/install-log.saved" "$install_log"
else
  rm -f "$install_log"
fi
if [ $install_status -ne 0 ]; then
  comment "$root/install.out"
  echo "Bail out! meson install --destdir failed"
  exit 1
fi
n=1
echo "ok 1 - meson install --destdir"

dest="$root/dest"
bin="$dest$bindir"
share="$dest$datadir"

check "cashdesk-login is installed" test -x "$bin/cashdesk-login"
check "cashdesk-token is installed" test -x "$bin/cashdesk-token"
for file in \
    "applications/$app_id.desktop" \
    "metainfo/$app_id.metainfo.xml" \
    "dbus-1/services/$app_id.service" \
    "glib-2.0/schemas/$app_id.gschema.xml" \
    "icons/hicolor/scalable/apps/$app_id.svg" \
    "icons/hicolor/symbolic/apps/$app_id-symbolic.svg"; do
  check "$file is installed" test -s "$share/$file"
done
check "the Ukrainian catalog is installed" \
  test -s "$dest$localedir/uk/LC_MESSAGES/cashdesk-login.mo"

# D-Bus activation starts the program from where it ends up, not from the staging folder.
check "the D-Bus service starts $bindir/cashdesk-login" \
  grep -qx "Exec=$bindir/cashdesk-login --gapplication-service" \
  "$share/dbus-1/services/$app_id.service"
check "the launcher has its Ukrainian name" \
  grep -qx 'Name\[uk\]=Вхід до CashDesk' "$share/applications/$app_id.desktop"
check "the metainfo has its Ukrainian name" \
  grep -q '<name xml:lang="uk">Вхід до CashDesk</name>' "$share/metainfo/$app_id.metainfo.xml"

# The programs look for translations under $localedir, which a staged install does not
# fill; so the installed catalog is read with gettext(1) from where it was installed.
translated=$(TEXTDOMAINDIR="$dest$localedir" LANGUAGE=uk gettext -d cashdesk-login "CashDesk Login")
check "the installed catalog translates the application name" \
  test "$translated" = "Вхід до CashDesk"

"$bin/cashdesk-token" --help >"$root/help.out" 2>&1
help_status=$?
check "cashdesk-token --help exits 0" test "$help_status" -eq 0
check "cashdesk-token --help lists sign-in" grep -q 'sign-in' "$root/help.out"
[ "$help_status" -eq 0 ] || comment "$root/help.out"

# A staged install runs no post-install scripts, so the schema is compiled here, as a
# package's trigger would.
check "the installed schema compiles" glib-compile-schemas --strict "$share/glib-2.0/schemas"

# Everything from the install, nothing from the build tree: resources are in the binary.
XDG_DATA_DIRS="$share:/usr/share" GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" \
  LANGUAGE=uk "$bin/cashdesk-login" --demo >"$root/app.out" 2>"$root/app.err" &
app_pid=$!
# Up when it owns its name on the session bus; then asked to quit, as GNOME Shell would.
app_id=io.github.cashdesk_login.CashDeskLogin
if gdbus wait --session --timeout 30 "$app_id" &&
   gdbus call --session --dest "$app_id" --object-path /io/github/cashdesk_login/CashDeskLogin \
     --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null; then
  answered=yes
else
  answered=no
  kill "$app_pid" 2>/dev/null
fi
app_status=0
wait "$app_pid" 2>/dev/null || app_status=$?
app_pid=
check "the installed cashdesk-login --demo starts and answers on the session bus" test "$answered" = yes
check "it quits cleanly when asked" test "$app_status" -eq 0
check "cashdesk-login printed no warning" \
  sh -c '! grep -q -E "CRITICAL|WARNING" "$1"' sh "$root/app.err"
comment "$root/app.err"

echo "1..$n"
exit $status
