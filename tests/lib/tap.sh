# SPDX-FileCopyrightText: 2026 CashDesk Login contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# tap.sh: TAP output for the tests written in sh; source it.
#   check DESCRIPTION COMMAND [ARG...]   "ok N" when COMMAND succeeds, else "not ok N"
#   comment FILE                         FILE's lines as TAP comments
# End the test with: echo "1..$n"; exit $status

n=0
status=0
check () {
  description=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    status=1
  fi
}
comment () {
  sed 's/^/# /' "$1"
}
