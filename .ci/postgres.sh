#!/usr/bin/env bash
# Starts a private PostgreSQL server on 127.0.0.1:55432 with its own data folder (for the test run) and prints
# the line that points the tests at it:  eval "$(bash .ci/postgres.sh)"
# Works as root on Debian (initdb refuses root, so the server runs as the 'postgres' system user). Idempotent.
set -euo pipefail
PORT="${WF_PG_PORT:-55432}"
DATA="${WF_PG_DATA:-/tmp/wf-pg/data}"
PASSWORD="${WF_PG_PASSWORD:-wf-test}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$BIN" ]; then BIN="$(dirname "$(command -v pg_ctl)")"; fi
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  RUN_AS=(runuser -u postgres --)
fi
mkdir -p "$(dirname "$DATA")"
[ "$(id -u)" = "0" ] && chown postgres "$(dirname "$DATA")"
if [ ! -f "$DATA/PG_VERSION" ]; then
  PWFILE="$(mktemp)"; echo "$PASSWORD" > "$PWFILE"; chmod 644 "$PWFILE"
  "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$PWFILE" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$PWFILE"
fi
if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/../server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=/tmp -c max_connections=300 -c fsync=on" start >/dev/null
fi
for _ in $(seq 1 60); do
  "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "export WORKFLOWS_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=postgres;Password=$PASSWORD;Database=postgres'"
