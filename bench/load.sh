#!/usr/bin/env bash
# Load (the operability issue): 64 clients of the AWS SDK for Go v2, 70% reads (GetAnswer,
# GetLensReview, ListAnswers, GetWorkload) and 30% UpdateAnswer, for 60 s on SQLite and then
# on a throwaway PostgreSQL restarted with fsync=on, each against a wellops server on
# loopback. It prints calls/s and p50/p99/max per operation and the errors, then reads back
# every question written: each must hold its last acknowledged write, and every workload's
# roll-ups must equal a count of its answers. It fails on any error or lost write. The
# "Load" section of bench/README.md records one run.
#
#   bench/load.sh        (BENCH_LOAD_TIME=60s, BENCH_LOAD_CLIENTS=64, BENCH_LOAD_WORKLOADS=16)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg.sh

tmp=$(mktemp -d /tmp/wellops-load.XXXXXX)
SERVE_BIN="$tmp/wellops" SERVE_TMP=$tmp
. scripts/serve.sh
cleanup() {
	serve_stop
	pg_stop
	rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/wellops" ./cmd/wellops
(cd e2e && go build -o "$tmp/wellops-load" ./ops/cmd/wellops-load)
export WELLOPS_SECRET_KEY
WELLOPS_SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
# Production settings but for the rate limit, which would otherwise turn this into a test
# of throttling (one access key makes every call).
export WELLOPS_RATE_LIMIT=0 WELLOPS_LOG_FORMAT=json

# run STORE DSN: starts wellops on DSN, makes an access key and runs the load against it.
run() {
	local store=$1 rc=0
	serve_start "$store" "$2" || exit 1
	AWS_ACCESS_KEY_ID=$SERVE_AKID AWS_SECRET_ACCESS_KEY=$SERVE_SECRET "$tmp/wellops-load" -url "$SERVE_URL" -store "$store" \
		-duration "${BENCH_LOAD_TIME:-60s}" -clients "${BENCH_LOAD_CLIENTS:-64}" -workloads "${BENCH_LOAD_WORKLOADS:-16}" || rc=$?
	echo "$store: server errors logged: $(grep -c '"level":"ERROR"' "$SERVE_LOG" || true)"
	serve_stop
	return "$rc"
}

echo "bench/load.sh: $(go version | cut -d' ' -f3-), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
run sqlite "$tmp/wellops.db"
rc=0
pg_start >/dev/null || rc=$?
if [ "$rc" = 0 ]; then
	# pg.sh starts PostgreSQL with fsync=off, which suits tests; restart it with fsync=on so
	# that writes are flushed to disk as a real server flushes them (SQLite's are too).
	port=${WELLOPS_TEST_POSTGRES##*:}
	port=${port%%/*}
	pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
		-o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=200" restart >/dev/null
	echo
	echo "PostgreSQL (fsync=$("$PG_BIN/psql" "$WELLOPS_TEST_POSTGRES" -qAt -c 'SHOW fsync')):"
	run postgres "$WELLOPS_TEST_POSTGRES"
else
	echo "bench/load.sh: PostgreSQL is not installed; SQLite only" >&2
fi
