#!/bin/sh
# Starts a throwaway PostgreSQL for tests and benchmarks: a new cluster in RUN_DIR/data,
# listening on 127.0.0.1:PORT and on a unix socket in RUN_DIR, with a database and superuser
# both called photodose (trust authentication: loopback only, thrown away after the run).
# initdb refuses root, so as root the cluster belongs to the user `nobody`.
# Prints PHOTODOSE_DATABASE_URL=postgresql://photodose@127.0.0.1:PORT/photodose last.
# Usage: scripts/postgres-start.sh RUN_DIR PORT    (stop with scripts/postgres-stop.sh RUN_DIR)
set -eu
RUN_DIR=${1:?usage: postgres-start.sh RUN_DIR PORT}
PORT=${2:?usage: postgres-start.sh RUN_DIR PORT}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "postgres-start.sh: no PostgreSQL server found (install the Debian package postgresql)" >&2
  exit 1
fi
mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
if [ "$(id -u)" = 0 ]; then
  chown nobody "$RUN_DIR"
  as_owner() { runuser -u nobody -- "$@"; }
  if ! as_owner test -w "$RUN_DIR"; then
    echo "postgres-start.sh: user nobody can't reach $RUN_DIR: let others enter its parent folders (chmod o+x)" >&2
    exit 1
  fi
else
  as_owner() { "$@"; }
fi
# The server's own working folder must be one the owner may enter.
cd "$RUN_DIR"
as_owner "$PG_BIN/initdb" -D "$RUN_DIR/data" -U photodose --auth=trust --no-sync \
  --encoding=UTF8 --locale=C >"$RUN_DIR/initdb.log" 2>&1 ||
  { cat "$RUN_DIR/initdb.log" >&2; exit 1; }
# fsync off: test data that is thrown away; the engine's crash safety is not under test.
as_owner "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -l "$RUN_DIR/postgres.log" -w -t 60 \
  -o "-p $PORT -k $RUN_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
  start >/dev/null ||
  { cat "$RUN_DIR/postgres.log" >&2; exit 1; }
as_owner "$PG_BIN/createdb" -h "$RUN_DIR" -p "$PORT" -U photodose photodose
echo "PHOTODOSE_DATABASE_URL=postgresql://photodose@127.0.0.1:$PORT/photodose"
