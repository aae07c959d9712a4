#!/usr/bin/env bash
# Measures `wellops scan` against `rg -uu -c ZZZZ` (ripgrep reading every byte of every file)
# on three trees, in the same run: the Go toolchain's source ($(go env GOROOT)), the module
# cache after `go mod download`, and a generated tree that repeats ../shared/corpus to 50,000
# files. Reports the best wall time of N runs and the peak RSS of each tool.
#
#   bench/scan.sh [RUNS]        (default 5; needs ripgrep: apt-get install -y ripgrep)
#
# Uses hyperfine for the timing when it is installed, /usr/bin/time -v otherwise (it always
# uses /usr/bin/time -v for peak RSS). Nothing here is needed by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${WELLOPS_CORPUS:-../shared/corpus}

command -v rg >/dev/null || { echo "bench/scan.sh: ripgrep is needed (apt-get install -y ripgrep)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/scan.sh: /usr/bin/time is needed (apt-get install -y time)" >&2; exit 1; }
[ -d "$corpus" ] || { echo "bench/scan.sh: no corpus at $corpus" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/wellops" ./cmd/wellops
go mod download

# The generated tree: whole copies of the corpus, then part of one more, to exactly 50,000 files.
gen="$work/gen50k"
mkdir -p "$gen"
mapfile -t files < <(cd "$corpus" && find . -type f | sort)
need=50000
copy=0
while [ "$need" -gt 0 ]; do
	copy=$((copy + 1))
	for f in "${files[@]}"; do
		[ "$need" -gt 0 ] || break
		mkdir -p "$gen/c$copy/$(dirname "$f")"
		cp "$corpus/$f" "$gen/c$copy/$f"
		need=$((need - 1))
	done
done
chmod -R u+w "$gen"

trees=("$(go env GOROOT)" "$(go env GOMODCACHE)" "$gen")
names=("GOROOT" "module cache" "corpus x50k")

measure() { # one run of "$@": "wall-seconds peak-RSS-KB" (/usr/bin/time writes to a file, not stderr)
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
	tail -1 "$work/time"
}
best() { # best wall seconds of $runs runs of "$@"
	local b=""
	for _ in $(seq "$runs"); do
		local t
		t=$(measure "$@" | awk '{print $1}')
		if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
	done
	echo "$b"
}
rss() { # peak RSS in MB of one run of "$@"
	measure "$@" | awk '{printf "%.0f", $2/1024}'
}

echo "| tree | files | rg -uu -c ZZZZ | wellops scan | ratio | wellops peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
for i in "${!trees[@]}"; do
	t=${trees[$i]}
	n=$(find "$t" -type f | wc -l)
	scan=("$work/wellops" scan "$t" --format json --no-git --output "$work/out.json")
	grep=(rg -uu -c ZZZZ "$t")
	"${grep[@]}" >/dev/null 2>&1 || true # warm the page cache for both
	"${scan[@]}"
	if command -v hyperfine >/dev/null; then
		hyperfine -N -w 1 -r "$runs" --export-json "$work/h.json" -i "${grep[*]}" "${scan[*]}" >/dev/null
		rgt=$(python3 -c "import json;print(round(min(json.load(open('$work/h.json'))['results'][0]['times']),3))")
		wt=$(python3 -c "import json;print(round(min(json.load(open('$work/h.json'))['results'][1]['times']),3))")
	else
		rgt=$(best "${grep[@]}")
		wt=$(best "${scan[@]}")
	fi
	ratio=$(awk "BEGIN{printf \"%.2f\", $wt / $rgt}")
	echo "| ${names[$i]} | $n | ${rgt} s | ${wt} s | ${ratio}x | $(rss "${scan[@]}") MB |"
done
echo
echo "$(nproc) CPUs; $(go version); ripgrep $(rg --version | head -1 | awk '{print $2}'); best of $runs runs after one warm-up"
