#!/bin/sh
# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# test-readers.sh: the snippets that README.md and docs/contract.md give other programs
# for reading the token (under "Reading the token from other programs"), run as they
# are written, each in a process of its own, against the session's Secret Service.
# Each must print the token that `cashdesk-token get` prints, also while an older token
# item of the same account is beside it (a sign-in in progress, or cut short).
#
#   test-readers.sh SOURCE_DIR BUILD_DIR
#
# Run it through build-aux/test-session (GNOME Keyring, or --keepassxc). Prints TAP.
set -u

source_dir=$1
build_dir=$2
token=$build_dir/src/cli/cashdesk-token
demo=$build_dir/src/demo/cashdesk-demo-server
email=cashier@demo.test
python=/usr/bin/python3

work=$(mktemp -d "${TMPDIR:-/tmp}/cd-readers.XXXXXX")
demo_pid=
cleanup () {
  [ -z "$demo_pid" ] || kill "$demo_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

. "$(dirname "$0")/lib/tap.sh"

# The code blocks of one section of a Markdown file, one file each (FENCE.N), with the
# documents' example email replaced by the demo's.
extract () {
  awk -v dir="$work" -v prefix="$2" '
    file == "" && /^#+ / { inside = ($0 ~ /Reading the token from other programs/) }
    inside && /^```(sh|python)$/ { kind = substr($0, 4); n++; file = dir "/" prefix "." n "." kind; next }
    inside && /^```$/ && file != "" { close(file); file = ""; next }
    file != "" { sub(/cashier@shop\.ua/, "'"$email"'"); print > file }
  ' "$1"
}
extract "$source_dir/docs/contract.md" contract
extract "$source_dir/README.md" readme

"$demo" >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
i=0
until [ -s "$work/demo.out" ]; do
  i=$((i + 1)); [ $i -lt 200 ] || { cat "$work/demo.err" >&2; exit 99; }
  sleep 0.05
done
server=$(head -n1 "$work/demo.out")

sign_in () {
  printf 'demo\n' | CASHDESK_API_URL=$server "$token" sign-in --email "$email" >/dev/null
}

# Runs one snippet and prints what it found: a shell block's last command prints it;
# a Python block leaves it in `token`.
run_snippet () {
  case $1 in
    *.sh)
      # Each command line of the block, run alone; the one for our email's token.
      grep -v '^#' "$1" | grep -v '^$' | while read -r line; do
        out=$(PATH="$build_dir/src/cli:$PATH" CASHDESK_API_URL=$server sh -c "$line" 2>&1) || exit 1
        printf '%s\n' "$out"
      done ;;
    *.python)
      { cat "$1"; echo 'print(token)'; } >"$1.py"
      "$python" "$1.py" ;;
  esac
}

# Every line a shell snippet printed, and the one thing a Python one printed, must be
# the token get prints.
check_snippet () {
  expected=$("$token" get --server "$server" --email "$email") || return 1
  got=$(run_snippet "$1") || { printf '%s\n' "$got" >"$1.err"; comment "$1.err"; return 1; }
  [ -n "$got" ] || return 1
  printf '%s\n' "$got" | while read -r line; do
    [ "$line" = "$expected" ] || { echo "# got: $line"; exit 1; }
  done
}

snippets=$(ls "$work"/contract.* "$work"/readme.* 2>/dev/null | grep -v '\.py$')
check "the documents show snippets for the shell and Python" \
  test "$(echo "$snippets" | grep -c '\.sh$')" -ge 2 -a "$(echo "$snippets" | grep -c '\.python$')" -ge 4

sign_in
for snippet in $snippets; do
  check "$(basename "$snippet"): prints the stored token" check_snippet "$snippet"
done

# An older token item beside the newest: what a sign-in leaves until it has deleted
# the older one, or for good when it was cut short. The Python snippets take the
# latest signed-in; secret-tool lookup may print either (docs/contract.md says so).
printf '%s' "Bearer older.token.item" | secret-tool store --label=older \
  xdg:schema io.github.cashdesk_login.Token email "$email" server "$server" \
  signed-in 2000-01-01T00:00:00.000000Z
check "the older token item is there too" \
  test "$(secret-tool search --all xdg:schema io.github.cashdesk_login.Token email "$email" 2>/dev/null | grep -c '^\[')" -eq 2
for snippet in $snippets; do
  case $snippet in
    *.python) check "$(basename "$snippet"): the latest beside an older item" check_snippet "$snippet" ;;
  esac
done

echo "1..$n"
exit $status
