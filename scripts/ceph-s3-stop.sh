#!/usr/bin/env bash
# Stops the daemons ceph-s3-start.sh started in RUN_DIR (by their pid files, nothing else) and
# deletes RUN_DIR. KEEP=1 keeps the folder (its log/ shows what went wrong).
set -uo pipefail
DIR=${1:?usage: $0 RUN_DIR}
for name in client.rgw osd.0 mon.a; do
  file="$DIR/run/$name.pid"
  [ -f "$file" ] || continue
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
done
[ "${KEEP:-0}" = 1 ] || rm -rf "$DIR"
