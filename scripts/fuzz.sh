#!/usr/bin/env bash
# Runs every Fuzz* target of every module in the repository (the server's and e2e/) for a
# short time each (default 10s); CI runs it after make test with 5s (.ci/run). The first
# failure stops the run; the fuzzer leaves the failing input under the package's
# testdata/fuzz/ for `go test -run` to replay.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-10s}
n=0
mods=$(git ls-files -co --exclude-standard '*go.mod' 2>/dev/null || find . -name go.mod -not -path './.git/*')
for mod in $(echo "$mods" | grep -v '/testdata/'); do
	dir=$(dirname "$mod")
	for pkg in $(cd "$dir" && go list ./...); do
		pdir=$(cd "$dir" && go list -f '{{.Dir}}' "$pkg")
		for f in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$pdir"/*_test.go 2>/dev/null | awk '{print $2}' | sort -u); do
			echo "== $pkg $f ($t)"
			(cd "$dir" && go test -run '^$' -fuzz "^$f\$" -fuzztime "$t" "$pkg")
			n=$((n + 1))
		done
	done
done
echo "fuzz.sh: $n fuzz targets ran for $t each"
