#!/usr/bin/env bash
# The scale-out deployment, end to end (ops/cluster: nginx, two Kituo processes, a MariaDB
# primary and its replica), through nginx as a browser would:
#   1. sign in through nginx, and continue signed in on the other process;
#   2. read from the replica: a surname changed on the replica alone shows in the roll;
#   3. write to the primary: an officer added through the page is in the primary at once, the
#      writer's own reads go to the primary for a while (read-your-writes), and the officer
#      reaches the replica;
#   4. the replica stopped during load: every read is answered (from the primary), and once
#      the replica is back the lists are read from it again.
# Starts the cluster, and stops it at the end. Ports: KITUO_CLUSTER_PORT (18280-18282) and
# KITUO_CLUSTER_DB_PORT (3418-3419). Run by CTest (ops/test).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT="${KITUO_CLUSTER_PORT:-18280}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
trap '"$ROOT/ops/cluster" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }
"$ROOT/ops/cluster" up >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; fail "ops/cluster up"; }
PASSWORD="$(cat "${KITUO_VAR:-$ROOT/var}/demo.password")"
primary() { "$ROOT/ops/cluster" sql primary -N kituo -e "$1"; }
replica() { "$ROOT/ops/cluster" sql replica -N kituo -e "$1"; }
# A change on the replica alone (its read_only holds off everyone else).
replica_change() { replica "SET GLOBAL read_only = OFF; $1; SET GLOBAL read_only = ON"; }

JAR="$WORK/cookies"
# get PATH: the page body in $WORK/body, headers in $WORK/headers; prints the status.
get() { curl -s -b "$JAR" -c "$JAR" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$BASE$1"; }
post() { curl -s -b "$JAR" -c "$JAR" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --data "$2" "$BASE$1"; }
# Each list read gets a query of its own: a page the process cached (by the roll's version)
# would not say which database it came from.
roll() { get "/officers?q=$1&read=$(date +%s%N)"; }
upstream() { grep -i '^X-Kituo-Upstream:' "$WORK/headers" | tr -d '\r' | awk '{print $2}'; }
csrf() { grep -o 'name="csrf_token" value="[^"]*"' "$WORK/body" | head -1 | sed 's/.*value="//; s/"$//'; }

# Whether the roll is read from the replica again within 5 s: Kituo checks the replica every
# 0.5 s and reads from the primary while its last check found it behind or not answering.
replica_reads_within_5s() {
  for _ in $(seq 1 50); do
    [ "$(roll "$number")" = 200 ] && grep -q Replicamark "$WORK/body" && return 0
    sleep 0.1
  done
  return 1
}

# 1. Sign in on one process, continue on the other.
[ "$(get /login)" = 200 ] || fail "sign-in page"
status="$(post /login "username=hr&password=$PASSWORD&csrf_token=$(csrf)")"
[ "$status" = 303 ] || fail "sign-in answered $status"
signed_in_on="$(upstream)"
seen_other=""
for _ in 1 2 3 4; do
  [ "$(get /)" = 200 ] || fail "home page after sign-in"
  grep -q 'Sign out' "$WORK/body" || fail "not signed in on $(upstream)"
  [ "$(upstream)" != "$signed_in_on" ] && seen_other="$(upstream)"
done
[ -n "$seen_other" ] || fail "every page came from $signed_in_on"
echo "signed in on $signed_in_on, continued on $seen_other"

# 2. Read from the replica: a surname changed there alone is what the roll shows.
officer="$(primary "SELECT MIN(officer_id) FROM officers")"
number="$(primary "SELECT service_number FROM officers WHERE officer_id = $officer")"
surname="$(primary "SELECT surname FROM officers WHERE officer_id = $officer")"
replica_change "UPDATE officers SET surname = 'Replicamark' WHERE officer_id = $officer"
for _ in 1 2; do
  [ "$(roll "$number")" = 200 ] || fail "roll"
  grep -q Replicamark "$WORK/body" || fail "the roll on $(upstream) was not read from the replica"
done
echo "the roll was read from the replica on both processes"

# 3. Write to the primary through the page; the writer then reads from the primary.
get /officers/new >/dev/null
station="$(primary "SELECT org_unit_id FROM org_units WHERE code = 'KLM'")"
rank="$(primary "SELECT rank_id FROM ranks WHERE code = 'CPL'")"
suffix="$(date +%s | tail -c 7)"
new="7$suffix"  # a service number and national ID of this run's own (the cluster's data persists)
status="$(post /officers/new "csrf_token=$(csrf)&service_number=$new&surname=Clusterwrite&other_names=Amina&national_id=3$suffix&gender=F&date_of_birth=1996-02-14&enlistment_date=2018-09-03&service=KPS&rank_id=$rank&rank_since=2023-01-09&status=active&status_since=2018-09-03&phone=&station_id=$station&unit_id=&posted_since=2018-09-03&reference=PO/CL/1")"
[ "$status" = 303 ] || fail "adding an officer answered $status"
[ "$(primary "SELECT COUNT(*) FROM officers WHERE service_number = '$new'")" = 1 ] || fail "not in the primary"
grep -q kituo_primary_until "$JAR" || fail "no read-your-writes cookie after the write"
for _ in 1 2; do
  [ "$(roll "$number")" = 200 ] || fail "roll after the write"
  grep -q Replicamark "$WORK/body" && fail "the writer's read on $(upstream) went to the replica"
  grep -q "$surname" "$WORK/body" || fail "the writer's read on $(upstream) did not find $surname"
done
echo "after its write, the session read from the primary on both processes"
for _ in $(seq 1 50); do
  [ "$(replica "SELECT COUNT(*) FROM officers WHERE service_number = '$new'")" = 1 ] && break
  sleep 0.1
done
[ "$(replica "SELECT COUNT(*) FROM officers WHERE service_number = '$new'")" = 1 ] || fail "not replicated"
sed -i '/kituo_primary_until/d' "$JAR"  # the read-your-writes window over
[ "$(roll "$new")" = 200 ] && grep -q Clusterwrite "$WORK/body" || fail "the new officer from the replica"
replica_reads_within_5s || fail "reads did not go back to the replica"
echo "the write reached the replica, and reads went back to it"

# 4. The replica stopped during load: every read answered, from the primary.
: > "$WORK/statuses"
(
  end=$((SECONDS + 6)) i=0
  while [ $SECONDS -lt $end ]; do
    i=$((i + 1))
    curl -s -b "$JAR" -o "$WORK/load-body" -w '%{http_code}\n' "$BASE/officers?q=$number&load=$i" >>"$WORK/statuses"
    grep -q Replicamark "$WORK/load-body" && echo replica >>"$WORK/sources" || echo primary >>"$WORK/sources"
  done
) &
load=$!
sleep 1.5
"$ROOT/ops/cluster" replica stop >/dev/null 2>&1
sleep 3
"$ROOT/ops/cluster" replica start >/dev/null 2>&1
wait "$load"
answers="$(wc -l < "$WORK/statuses")"
bad="$(grep -vc '^200$' "$WORK/statuses" || true)"
echo "$answers reads during the replica's outage and return, $bad not 200; sources: $(sort "$WORK/sources" | uniq -c | tr '\n' ' ')"
[ "$answers" -gt 20 ] || fail "too few reads"
[ "$bad" = 0 ] || fail "reads failed while the replica was down"
grep -q primary "$WORK/sources" || fail "no read fell back to the primary"
replica_reads_within_5s || fail "the replica was not used again after it came back"
echo "the replica is read again after its return"
replica_change "UPDATE officers SET surname = '$surname' WHERE officer_id = $officer"
echo "cluster test passed"
