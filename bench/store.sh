#!/usr/bin/env bash
# Store benchmarks (issue 3) on SQLite and on a throwaway PostgreSQL: an answer update by 1 and
# by 16 concurrent writers, the dashboard page of 50 out of 10,000 workloads sorted by HIGH
# count, and a milestone of a workload with five lens reviews. Prints the figures; the "Store"
# section of bench/README.md records one run. Takes a few minutes.
#
#   bench/store.sh              (BENCH_UPDATE_TIME=5s and BENCH_RUNS=1000 by default)
#
# With WELLOPS_TEST_POSTGRES already set, that server is used as it is; otherwise scripts/pg.sh
# starts one from the PostgreSQL binaries on the machine (none: SQLite only).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg.sh

if [ -z "${WELLOPS_TEST_POSTGRES:-}" ]; then
	rc=0
	pg_start || rc=$?
	if [ "$rc" = 1 ]; then
		echo "bench/store.sh: PostgreSQL is not installed; SQLite only" >&2
	elif [ "$rc" != 0 ]; then
		exit "$rc"
	else
		trap pg_stop EXIT
		# pg.sh starts the server with fsync=off, which suits tests; restart it without, so that
		# writes are measured as a real server does them, flushed to disk like SQLite's
		# synchronous=FULL.
		port=${WELLOPS_TEST_POSTGRES##*:}
		port=${port%%/*}
		pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
			-o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=200" restart >/dev/null
		echo "bench/store.sh: PostgreSQL fsync=$("$PG_BIN/psql" "$WELLOPS_TEST_POSTGRES" -qAt -c 'SHOW fsync')"
	fi
fi

echo "bench/store.sh: $(go version | cut -d' ' -f3-), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
bench() {
	go test ./sqldb/ -run '^$' -count=1 -timeout 30m -bench "$1" -benchtime "$2" |
		grep -E '^(Benchmark|FAIL|--- FAIL|panic)' || true
}
bench 'BenchmarkStoreUpdateAnswer' "${BENCH_UPDATE_TIME:-5s}"
bench 'BenchmarkStoreDashboard' "${BENCH_RUNS:-1000}x"
bench 'BenchmarkStoreCreateMilestone' "${BENCH_RUNS:-1000}x"
