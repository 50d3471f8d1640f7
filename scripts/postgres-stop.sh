#!/bin/sh
# Stops a PostgreSQL started by scripts/postgres-start.sh RUN_DIR (immediately: test data).
# Leaves RUN_DIR in place for its logs; the caller removes it. Quiet if nothing runs there.
# Usage: scripts/postgres-stop.sh RUN_DIR
set -eu
RUN_DIR=${1:?usage: postgres-stop.sh RUN_DIR}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -f "$RUN_DIR/data/postmaster.pid" ] || exit 0
cd "$RUN_DIR"
if [ "$(id -u)" = 0 ]; then
  runuser -u nobody -- "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -m immediate -w stop >/dev/null
else
  "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -m immediate -w stop >/dev/null
fi
