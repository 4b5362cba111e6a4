#!/usr/bin/env bash
# Point-in-time recovery from a backup and the binary log, end to end, on a private MariaDB
# instance of its own with the binary log on (var/pitr, port KITUO_DB_PORT + 5):
#   1. migrate, seed the demo, and back up with ops/backup (which records the snapshot's binary
#      log position);
#   2. after the backup, an audited write through Kituo (an account created with
#      `kituo create-admin`), then a moment T, then a mistake (every officer's surname overwritten);
#   3. ops/restore --until T --binlogs: the backup, then the binary log replayed up to T.
# Checks that the write after the backup is back, the mistake is not, and `kituo verify-audit`
# passes on the result. Run by CTest (ops/test) and by ops/soak.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${KITUO_BUILD_DIR:-$ROOT/build}"
DIR="${KITUO_VAR:-$ROOT/var}/pitr"
PORT=$(( ${KITUO_DB_PORT:-3407} + 5 ))
fail() { echo "FAILED: $*" >&2; exit 1; }

pitr_db() {
  KITUO_VAR="$DIR" KITUO_DB_PORT="$PORT" \
    KITUO_DB_EXTRA_CONFIG="server-id=1\nlog-bin=mysql-bin\nbinlog_format=ROW\nlog_bin_trust_function_creators=1" \
    "$ROOT/ops/db" "$@"
}
trap 'pitr_db stop >/dev/null 2>&1 || true' EXIT
pitr_db stop >/dev/null 2>&1 || true
rm -rf "$DIR"
pitr_db start >/dev/null 2>&1 || fail "could not start the instance"
sql() { pitr_db sql -N kituo -e "$1"; }

export KITUO_DB_URL="$(cat "$DIR/db/app.url")"
export KITUO_KEY_FILE="$DIR/master.key" KITUO_ROOT="$ROOT"
(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KITUO_KEY_FILE")
"$BUILD/kituo" migrate >/dev/null || fail "migrate"
KITUO_DEMO_PASSWORD="Pitr-demo-$RANDOM-$RANDOM" KITUO_DEMO_TOTP_SECRET="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" \
  "$BUILD/kituo" seed-demo >/dev/null || fail "seed-demo"
"$ROOT/ops/backup" "$DIR/base.sql.gz" 2>/dev/null || fail "ops/backup"
{ gzip -dc "$DIR/base.sql.gz" 2>/dev/null || true; } | grep -q "^-- CHANGE MASTER TO MASTER_LOG_FILE=.*MASTER_LOG_POS=" \
  || fail "the backup records no binary log position"

# After the backup: an audited write that the recovery must bring back.
printf 'Pitr after the backup 2026\n' | "$BUILD/kituo" create-admin pitr.after KLM >/dev/null || fail "create-admin"
"$BUILD/kituo" verify-audit >/dev/null || fail "the audit chain before the mistake"
names="$(sql "SELECT COUNT(*), SUM(CRC32(CONCAT(officer_id, ':', surname))) FROM officers")"
accounts="$(sql "SELECT COUNT(*) FROM users")"
sleep 1.2
until="$(date -u '+%F %T')"
sleep 1.2
# The mistake: a bulk change without its WHERE.
sql "UPDATE officers SET surname = 'Mistake'"
[ "$(sql "SELECT COUNT(DISTINCT surname) FROM officers")" = 1 ] || fail "the mistake did not happen"

# Recovery as the instance's administrator (replaying the binary log needs BINLOG REPLAY).
SOCK="$(sed 's/.*socket=//' <<<"$KITUO_DB_URL")"
KITUO_DB_URL="mysql://root:@localhost/kituo?socket=$SOCK" \
  "$ROOT/ops/restore" "$DIR/base.sql.gz" --yes --until "$until" --binlogs "$DIR/db/data" 2>/dev/null \
  || fail "ops/restore --until"

[ "$(sql "SELECT COUNT(*) FROM users WHERE username = 'pitr.after'")" = 1 ] || fail "the write after the backup is lost"
[ "$(sql "SELECT COUNT(*) FROM users")" = "$accounts" ] || fail "accounts differ after recovery"
[ "$(sql "SELECT COUNT(*), SUM(CRC32(CONCAT(officer_id, ':', surname))) FROM officers")" = "$names" ] || fail "the mistake was replayed"
"$BUILD/kituo" verify-audit >/dev/null || fail "the audit chain does not verify after recovery"
echo "point-in-time recovery: the backup, then the binary log until $until UTC; the write after the backup kept, the mistake undone, the audit chain verifies"
