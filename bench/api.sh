#!/usr/bin/env bash
# API benchmark (the AWS-compatible API issue): GetAnswer and UpdateAnswer over HTTP, signed
# with SigV4 by the AWS SDK for Go v2, with 1 and 32 concurrent clients, on SQLite and on a
# throwaway PostgreSQL, each next to a bare net/http handler on loopback that answers the same
# requests with a body of the same size, measured in the same run by the same client. The
# target: GetAnswer at 40% or more of the bare handler's throughput. The "API" section of
# bench/README.md records one run.
#
#   bench/api.sh                (BENCH_API_TIME=5s per measurement, BENCH_API_CLIENTS=1,32)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg.sh

tmp=$(mktemp -d /tmp/wellops-apibench.XXXXXX)
pid=
stop_server() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=
	fi
}
cleanup() {
	stop_server
	pg_stop
	rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/wellops" ./cmd/wellops
(cd e2e && go build -o "$tmp/apibench" ./api/apibench)
export WELLOPS_SECRET_KEY
WELLOPS_SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
# Production settings but for the rate limit, which would otherwise be what is measured.
export WELLOPS_RATE_LIMIT=0 WELLOPS_LOG_FORMAT=json

# run STORE DSN: starts wellops on DSN, makes an access key and runs apibench against it.
run() {
	local store=$1 dsn=$2 url=
	"$tmp/wellops" serve --addr 127.0.0.1:0 --db "$dsn" 2>"$tmp/serve-$store.log" &
	pid=$!
	for _ in $(seq 1 600); do
		url=$(sed -n 's/.*serving the API at \(http:\/\/[0-9.:]*\).*/\1/p' "$tmp/serve-$store.log" | head -n 1)
		[ -n "$url" ] && break
		sleep 0.1
	done
	[ -n "$url" ] || { cat "$tmp/serve-$store.log" >&2; exit 1; }
	"$tmp/wellops" key create admin --db "$dsn" --json >"$tmp/key.json"
	local akid secret
	akid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ID"])' "$tmp/key.json")
	secret=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Secret"])' "$tmp/key.json")
	"$tmp/apibench" -url "$url" -akid "$akid" -secret "$secret" -store "$store" \
		-duration "${BENCH_API_TIME:-5s}" -clients "${BENCH_API_CLIENTS:-1,32}"
	stop_server
}

echo "bench/api.sh: $(go version | cut -d' ' -f3-), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "SQLite:"
run sqlite "$tmp/wellops.db"
rc=0
pg_start >/dev/null || rc=$?
if [ "$rc" = 0 ]; then
	echo
	echo "PostgreSQL:"
	run postgres "$WELLOPS_TEST_POSTGRES"
else
	echo "bench/api.sh: PostgreSQL is not installed; SQLite only" >&2
fi
