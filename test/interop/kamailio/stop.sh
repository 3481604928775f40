#!/usr/bin/env bash
# Stop the kamailio started by start.sh: only the pid in $KAMAILIO_STATE/kamailio.pid,
# and wait until it is gone. Idempotent.
set -uo pipefail
STATE="${KAMAILIO_STATE:-/tmp/sip-simple-payloads-kamailio}"
PIDFILE="$STATE/kamailio.pid"
if [[ ! -f "$PIDFILE" ]]; then
  echo "kamailio not running (no pid file $PIDFILE)"
  exit 0
fi
PID="$(cat "$PIDFILE")"
if ! [[ "$PID" =~ ^[0-9]+$ ]]; then
  echo "stop.sh: bad pid file $PIDFILE: '$PID'" >&2
  rm -f "$PIDFILE"
  exit 1
fi
if kill -0 "$PID" 2>/dev/null; then
  kill -TERM "$PID"   # the main process terminates its own children
  for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$PID" 2>/dev/null; then
    echo "pid $PID still alive after 5 s: SIGKILL to it and its process group (setsid by start.sh)"
    kill -KILL -- "-$PID" 2>/dev/null || kill -KILL "$PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  fi
  if kill -0 "$PID" 2>/dev/null; then
    echo "stop.sh: pid $PID would not die" >&2
    exit 1
  fi
  # children of the main process share its process group; make sure none is left behind
  for _ in $(seq 1 50); do pgrep -g "$PID" >/dev/null 2>&1 || break; sleep 0.1; done
  echo "stopped kamailio (pid $PID)"
else
  echo "kamailio pid $PID not running (stale pid file)"
fi
rm -f "$PIDFILE"
