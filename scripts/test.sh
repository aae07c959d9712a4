#!/usr/bin/env bash
# The project's test command (make test): formatting, vet, and every test with the race
# detector, against real SQLite and a throwaway PostgreSQL. With CI=true a missing PostgreSQL
# is an error, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg.sh

files=$(git ls-files -co --exclude-standard '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*')
unformatted=$(gofmt -l $files)
if [ -n "$unformatted" ]; then
	echo "gofmt would change:" >&2
	echo "$unformatted" >&2
	exit 1
fi

go vet ./...
(cd e2e && go vet ./...)

if [ -z "${WELLOPS_TEST_POSTGRES:-}" ]; then
	rc=0
	pg_start || rc=$?
	if [ "$rc" = 1 ]; then
		if [ "${CI:-}" = true ]; then
			echo "test.sh: PostgreSQL is not installed and CI=true: the PostgreSQL tests must run" >&2
			exit 1
		fi
		echo "test.sh: PostgreSQL not installed; its tests will be skipped" >&2
	elif [ "$rc" != 0 ]; then
		exit "$rc"
	fi
	trap pg_stop EXIT
fi

go test -race -count=1 -timeout 30m ${GOTESTFLAGS:-} ./...
# The end-to-end suite drives the real binary with the real AWS SDK and a real browser; it is
# its own module (e2e/go.mod) to keep those dependencies out of the server's.
(cd e2e && go test -race -count=1 -timeout 30m ${GOTESTFLAGS:-} ./...)

# The AWS CLI drives the API through a whole review (scripts/awscli-smoke.sh); CI must have it.
if command -v aws >/dev/null 2>&1; then
	scripts/awscli-smoke.sh
elif [ "${CI:-}" = true ]; then
	echo "test.sh: the AWS CLI (aws) is missing and CI=true: the AWS CLI smoke test must run" >&2
	exit 1
else
	echo "test.sh: aws not found; skipping scripts/awscli-smoke.sh" >&2
fi
