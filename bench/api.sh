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
SERVE_BIN="$tmp/wellops" SERVE_TMP=$tmp
. scripts/serve.sh
cleanup() {
	serve_stop
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
	local store=$1
	serve_start "$store" "$2" || exit 1
	"$tmp/apibench" -url "$SERVE_URL" -akid "$SERVE_AKID" -secret "$SERVE_SECRET" -store "$store" \
		-duration "${BENCH_API_TIME:-5s}" -clients "${BENCH_API_CLIENTS:-1,32}"
	serve_stop
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
