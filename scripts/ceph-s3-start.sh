#!/usr/bin/env bash
# A throwaway S3 server for the scaled receiver's tests: a single-node Ceph cluster (one monitor,
# one OSD keeping its data in memory, no manager) and radosgw serving S3 on 127.0.0.1.
#
#   scripts/ceph-s3-start.sh RUN_DIR RGW_PORT MON_PORT
#
# RUN_DIR is created (and wiped first); ports are the caller's free ports (never fixed ones).
# Environment: MEMSTORE_BYTES (the OSD's memory, default 2 GiB), S3_ACCESS_KEY, S3_SECRET_KEY.
# Prints S3_ENDPOINT=, S3_ACCESS_KEY=, S3_SECRET_KEY= lines last; stop with ceph-s3-stop.sh RUN_DIR.
# Needs Debian's radosgw, ceph-mon and ceph-osd (scripts/install-debian-deps.sh). About 12 s.
# Adapted from ../shared/tools/ceph-s3/, where it was tried with @tus/s3-store.
set -euo pipefail
DIR=${1:?usage: $0 RUN_DIR RGW_PORT MON_PORT}
RGW_PORT=${2:?usage: $0 RUN_DIR RGW_PORT MON_PORT}
MON_PORT=${3:?usage: $0 RUN_DIR RGW_PORT MON_PORT}
ACCESS=${S3_ACCESS_KEY:-photodose-test}
SECRET=${S3_SECRET_KEY:-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}
started=$(date +%s.%N)

rm -rf "$DIR"
mkdir -p "$DIR"/{mon.a,osd.0,run,log}
FSID=$(cat /proc/sys/kernel/random/uuid)
CONF="$DIR/ceph.conf"
# No authentication inside the cluster: it listens on loopback only and lives for one test file.
cat >"$CONF" <<CONF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MON_PORT
mon initial members = a
public addr = 127.0.0.1
public network = 127.0.0.0/8
ms bind ipv6 = false
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon data avail warn = 1
mon data avail crit = 0
[mon]
mon data = $DIR/mon.\$id
[osd]
osd data = $DIR/osd.\$id
osd objectstore = memstore
memstore device bytes = ${MEMSTORE_BYTES:-2147483648}
osd op num shards = 1
osd op num threads per shard = 2
# The OSD's own crush and device-class updates at start sometimes race the monitor (EPERM, the
# OSD exits); this script places osd.0 in the crush map itself.
osd crush update on start = false
osd class update on start = false
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw dns name = 127.0.0.1
rgw enable usage log = false
log file = $DIR/log/rgw.log
CONF

ceph_cmd() { ceph -c "$CONF" --connect-timeout 20 "$@"; }
# --addv with v1 spelled out: monmaptool's --add gives any port but 6789 a msgr2 address, which
# the clients (msgr2 off) can't talk to, and they hang.
monmaptool --create --fsid "$FSID" --addv a "[v1:127.0.0.1:$MON_PORT]" "$DIR/monmap" >/dev/null
ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" >"$DIR/log/mon-mkfs.out" 2>&1
ceph-mon -c "$CONF" -i a
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
ceph_cmd osd new "$OSD_UUID" >/dev/null
ceph_cmd osd crush add osd.0 1.0 root=default >/dev/null 2>&1
ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$OSD_UUID" >"$DIR/log/osd-mkfs.out" 2>&1
ceph-osd -c "$CONF" -i 0 2>>"$DIR/log/osd.0.stderr"

osd_up() { ceph_cmd osd dump 2>/dev/null | grep -q '^osd.0 up'; }
for _ in $(seq 1 120); do osd_up && break; sleep 0.5; done
osd_up || { echo "osd.0 did not come up; see $DIR/log/osd.0.log" >&2; exit 1; }

radosgw -c "$CONF" -n client.rgw 2>>"$DIR/log/rgw.stderr"
rgw_up() { curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/"; }
for _ in $(seq 1 240); do rgw_up && break; sleep 0.5; done
rgw_up || { echo "radosgw is not answering; see $DIR/log/rgw.log" >&2; exit 1; }
radosgw-admin -c "$CONF" user create --uid=photodose --display-name=photodose \
  --access-key="$ACCESS" --secret-key="$SECRET" >/dev/null

echo "# ceph and radosgw up in $(awk -v a="$(date +%s.%N)" -v b="$started" 'BEGIN { printf "%.1f", a - b }') s"
echo "S3_ENDPOINT=http://127.0.0.1:$RGW_PORT"
echo "S3_ACCESS_KEY=$ACCESS"
echo "S3_SECRET_KEY=$SECRET"
