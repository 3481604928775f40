#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests (test/browser): installs the `chromium` package when
# /usr/bin/chromium is missing and we are root (apt-get, as test/interop/kamailio/start.sh installs Kamailio);
# otherwise says what is missing. Never downloads a browser of its own (no `playwright install`).
# Idempotent; about 10 ms when Chromium is installed. Exit status 0 when /usr/bin/chromium runs.
#
# Output ends with a machine-readable line: CHROMIUM=/usr/bin/chromium (or CHROMIUM= when missing).
set -uo pipefail
BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

die() { echo "chromium.sh: ERROR: $*" >&2; echo "CHROMIUM="; exit 1; }

if [[ ! -x "$BIN" ]]; then
  command -v dpkg-query >/dev/null 2>&1 || die "no $BIN and not a Debian/Ubuntu system: install Chromium and set CHROMIUM_BIN"
  [[ "$(id -u)" == 0 ]] || die "no $BIN (not root, cannot install; run: sudo apt-get install -y chromium)"
  echo "installing: chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends chromium >/dev/null || die "apt-get install chromium failed"
  [[ -x "$BIN" ]] || die "$BIN missing after installing chromium"
fi
version=$("$BIN" --version 2>/dev/null) || die "$BIN does not run"
echo "$version"
echo "CHROMIUM=$BIN"
