#!/usr/bin/env bash
# Start the loopback-only Kamailio presence + XCAP (+ RLS) server used by the interop tests.
# Idempotent: if the kamailio from our pid file is alive, prints its addresses and exits 0.
# Every real start uses a fresh state dir (fresh sqlite DB, db_text dir, log).
#
# Environment (all optional):
#   KAMAILIO_STATE      state dir (db, pid, log, captures)  default /tmp/sip-simple-payloads-kamailio
#   KAMAILIO_SIP_PORT   SIP port, udp+tcp on 127.0.0.1       default 25060
#   KAMAILIO_XCAP_PORT  XCAP HTTP port on 127.0.0.1          default 25080
#   KAMAILIO_WS_PORT    SIP over WebSocket port on 127.0.0.1 default 25090 (ws://, for browser UAs)
#   KAMAILIO_START_TIMEOUT  seconds to wait for SIP+XCAP to answer (default 20)
#
# Output ends with machine-readable lines for the test harness:
#   KAMAILIO_STATUS=started|already-running
#   KAMAILIO_PID=..., KAMAILIO_SIP_PORT=..., KAMAILIO_XCAP_PORT=..., KAMAILIO_WS_PORT=..., KAMAILIO_STATE=...
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${KAMAILIO_STATE:-/tmp/sip-simple-payloads-kamailio}"
SIP_PORT="${KAMAILIO_SIP_PORT:-25060}"
XCAP_PORT="${KAMAILIO_XCAP_PORT:-25080}"
WS_PORT="${KAMAILIO_WS_PORT:-25090}"
START_TIMEOUT="${KAMAILIO_START_TIMEOUT:-20}"
PIDFILE="$STATE/kamailio.pid"
LOG="$STATE/kamailio.log"
DB="$STATE/kamailio.sqlite"
PKGS="kamailio kamailio-presence-modules kamailio-sqlite-modules kamailio-xml-modules kamailio-websocket-modules sqlite3 curl"

die() { echo "start.sh: ERROR: $*" >&2; exit 1; }

mkdir -p "$STATE"
case "$STATE" in /*) ;; *) STATE="$(cd "$STATE" && pwd)";; esac
PIDFILE="$STATE/kamailio.pid"; LOG="$STATE/kamailio.log"; DB="$STATE/kamailio.sqlite"

# one start at a time (parallel test workers / CI steps)
exec 9>"$STATE.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 120 9 || die "could not take lock $STATE.lock within 120 s"
fi

print_info() {
  echo "SIP       : sip:127.0.0.1:${SIP_PORT} (udp+tcp), domain example.com"
  echo "XCAP root : http://127.0.0.1:${XCAP_PORT}/xcap-root/"
  echo "WebSocket : ws://127.0.0.1:${WS_PORT} (SIP over WebSocket)"
  echo "state     : $STATE (log $LOG)"
  echo "KAMAILIO_STATUS=$1"
  echo "KAMAILIO_PID=$(cat "$PIDFILE")"
  echo "KAMAILIO_SIP_PORT=$SIP_PORT"
  echo "KAMAILIO_XCAP_PORT=$XCAP_PORT"
  echo "KAMAILIO_WS_PORT=$WS_PORT"
  echo "KAMAILIO_STATE=$STATE"
}

# already running (ours, per pid file)?
if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "kamailio already running (pid $(cat "$PIDFILE"))"
  print_info already-running
  exit 0
fi

# packages: install when missing and we are root; otherwise say what is missing
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [[ -n "$missing" ]]; then
  command -v dpkg-query >/dev/null 2>&1 || die "not a Debian/Ubuntu system (no dpkg-query); install Kamailio 5.6 with presence, sqlite, xml modules by hand"
  if [[ "$(id -u)" != 0 ]]; then
    die "missing packages:$missing (not root, cannot install; run: sudo apt-get install -y$missing)"
  fi
  echo "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null || die "apt-get install$missing failed"
fi
command -v kamailio >/dev/null 2>&1 || die "kamailio binary not found after install"
for f in /usr/share/kamailio/db_sqlite/standard-create.sql /usr/share/kamailio/db_sqlite/presence-create.sql \
         /usr/share/kamailio/db_sqlite/rls-create.sql /usr/share/kamailio/dbtext/kamailio/rls_watchers; do
  [[ -f "$f" ]] || die "missing $f (kamailio-sqlite-modules / kamailio-presence-modules incomplete?)"
done
# The Debian package may also start a system kamailio (its own config, port 5060);
# we never touch it, we only need our ports to be free.

# ports free?
busy=$( (ss -Hlnu "sport = :$SIP_PORT"; ss -Hlnt "( sport = :$SIP_PORT or sport = :$XCAP_PORT or sport = :$WS_PORT )") 2>/dev/null | grep -c . || true)
if [[ "${busy:-0}" != 0 ]]; then
  die "port $SIP_PORT (udp/tcp), $XCAP_PORT or $WS_PORT (tcp) is already in use on this machine; set KAMAILIO_SIP_PORT / KAMAILIO_XCAP_PORT / KAMAILIO_WS_PORT"
fi

# fresh state
rm -rf "$STATE/dbtext" "$STATE/captures"
rm -f "$DB" "$DB-wal" "$DB-shm" "$PIDFILE" "$STATE/core" "$LOG"
for f in standard presence rls; do
  sqlite3 "$DB" < "/usr/share/kamailio/db_sqlite/${f}-create.sql"
done
# WAL + one worker per transport (kamailio.cfg): avoids "database is locked"
sqlite3 "$DB" 'PRAGMA journal_mode=WAL;' >/dev/null
mkdir -p "$STATE/dbtext" "$STATE/captures"
cp /usr/share/kamailio/dbtext/kamailio/{version,rls_presentity,rls_watchers} "$STATE/dbtext/"

t0=$(date +%s.%N)
# -DD: stay in the foreground (we background it); -E: log to stderr (-> $LOG);
# setsid: own session/process group, detached from the caller's terminal.
setsid kamailio -DD -E -f "$HERE/kamailio.cfg" -Y "$STATE" -w "$STATE" -m 64 -M 8 \
  -A "SIP_PORT=$SIP_PORT" -A "XCAP_PORT=$XCAP_PORT" -A "WS_PORT=$WS_PORT" \
  -A "PRES_SERVER_ADDR=\"sip:presence@127.0.0.1:$SIP_PORT\"" \
  -A "RLS_SERVER_ADDR=\"sip:rls@127.0.0.1:$SIP_PORT\"" \
  -A "RLS_OUTBOUND_PROXY=\"sip:127.0.0.1:$SIP_PORT\"" \
  -A "DBURL=\"sqlite:///$DB\"" -A "DBTEXTURL=\"text://$STATE/dbtext\"" \
  </dev/null >"$LOG" 2>&1 9>&- &
KPID=$!
echo "$KPID" > "$PIDFILE"

# bounded wait: XCAP (HTTP GET) and SIP (UDP OPTIONS -> 200)
probe="$STATE/options.sip"
printf 'OPTIONS sip:127.0.0.1:%s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bKstartprobe%s\r\nFrom: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:127.0.0.1:%s>\r\nCall-ID: startprobe-%s@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 5\r\nContent-Length: 0\r\n\r\n' \
  "$SIP_PORT" "$$" "$SIP_PORT" "$$" > "$probe"
sip_ok() {  # one datagram (cat does a single write); reply read on the same connected socket (rport)
  local r
  r=$(timeout 1 bash -c "exec 3<>/dev/udp/127.0.0.1/${SIP_PORT}; cat '$probe' >&3; head -c 11 <&3" 2>/dev/null) || true
  [[ "$r" == "SIP/2.0 200" ]]
}
xcap_ok() {
  local c
  c=$(curl -s -o /dev/null -w '%{http_code}' -m 1 "http://127.0.0.1:${XCAP_PORT}/xcap-root/xcap-caps/global/index" 2>/dev/null) || true
  [[ "$c" == 200 ]]
}
ok=0
deadline=$(( $(date +%s) + START_TIMEOUT ))
while (( $(date +%s) < deadline )); do
  if ! kill -0 "$KPID" 2>/dev/null; then
    echo "start.sh: ERROR: kamailio exited during startup; last log lines ($LOG):" >&2
    tail -30 "$LOG" >&2 || true
    rm -f "$PIDFILE"
    exit 1
  fi
  if xcap_ok && sip_ok; then ok=1; break; fi
  sleep 0.2
done
if [[ $ok != 1 ]]; then
  echo "start.sh: ERROR: kamailio did not answer SIP OPTIONS on udp 127.0.0.1:$SIP_PORT and HTTP on 127.0.0.1:$XCAP_PORT within ${START_TIMEOUT} s; stopping it. Last log lines ($LOG):" >&2
  tail -30 "$LOG" >&2 || true
  KAMAILIO_STATE="$STATE" "$HERE/stop.sh" >&2 || true
  exit 1
fi
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" 'BEGIN{printf "kamailio up in %.2f s\n", b-a}'
print_info started
