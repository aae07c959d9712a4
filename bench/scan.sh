#!/usr/bin/env bash
# Measures `wellops scan` against `rg -uu -c ZZZZ` (ripgrep reading every byte of every file)
# on three trees, in the same run: the Go toolchain's source ($(go env GOROOT)), the module
# cache after `go mod download`, and a generated tree that repeats ../shared/corpus to 50,000
# files. Reports the best wall time and the best CPU time (user + system) of N runs of each
# tool, and wellops' peak RSS.
#
#   bench/scan.sh [RUNS]        (default 5; needs ripgrep: apt-get install -y ripgrep)
#
# Uses hyperfine for the wall time when it is installed, /usr/bin/time otherwise (it always
# uses /usr/bin/time for CPU time and peak RSS). WELLOPS_BIN=path measures a wellops binary
# built elsewhere (an older commit, to compare). Nothing here is needed by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${WELLOPS_CORPUS:-../shared/corpus}

command -v rg >/dev/null || { echo "bench/scan.sh: ripgrep is needed (apt-get install -y ripgrep)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/scan.sh: /usr/bin/time is needed (apt-get install -y time)" >&2; exit 1; }
[ -d "$corpus" ] || { echo "bench/scan.sh: no corpus at $corpus" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
if [ -n "${WELLOPS_BIN:-}" ]; then cp "$WELLOPS_BIN" "$work/wellops"; else go build -o "$work/wellops" ./cmd/wellops; fi
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

measure() { # one run of "$@": "wall-seconds peak-RSS-KB cpu-seconds" (/usr/bin/time writes to a file, not stderr)
	/usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>&1 || true
	tail -1 "$work/time" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
}
best() { # best wall seconds and best CPU seconds (user + system) of $runs runs of "$@"
	local bw="" bc=""
	for _ in $(seq "$runs"); do
		local w c
		read -r w _ c < <(measure "$@")
		if [ -z "$bw" ] || awk "BEGIN{exit !($w < $bw)}"; then bw=$w; fi
		if [ -z "$bc" ] || awk "BEGIN{exit !($c < $bc)}"; then bc=$c; fi
	done
	echo "$bw $bc"
}
rss() { # peak RSS in MB of one run of "$@"
	measure "$@" | awk '{printf "%.0f", $2/1024}'
}

# Wall time depends on what else the machine runs; CPU time (user + system) much less, so
# both are shown. On 2 CPUs both tools use both.
echo "| tree | files | rg -uu -c ZZZZ | wellops scan | ratio | rg CPU | wellops CPU | CPU ratio | wellops peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for i in "${!trees[@]}"; do
	t=${trees[$i]}
	n=$(find "$t" -type f | wc -l)
	scan=("$work/wellops" scan "$t" --format json --no-git --output "$work/out.json")
	grep=(rg -uu -c ZZZZ "$t")
	"${grep[@]}" >/dev/null 2>&1 || true # warm the page cache for both
	"${scan[@]}"
	read -r rgt rgc < <(best "${grep[@]}")
	read -r wt wc < <(best "${scan[@]}")
	if command -v hyperfine >/dev/null; then
		hyperfine -N -w 1 -r "$runs" --export-json "$work/h.json" -i "${grep[*]}" "${scan[*]}" >/dev/null
		rgt=$(python3 -c "import json;print(round(min(json.load(open('$work/h.json'))['results'][0]['times']),3))")
		wt=$(python3 -c "import json;print(round(min(json.load(open('$work/h.json'))['results'][1]['times']),3))")
	fi
	[ "$t" = "$gen" ] && genrg=$rgt
	ratio=$(awk "BEGIN{printf \"%.2f\", $wt / $rgt}")
	cratio=$(awk "BEGIN{printf \"%.2f\", $wc / $rgc}")
	echo "| ${names[$i]} | $n | ${rgt} s | ${wt} s | ${ratio}x | ${rgc} s | ${wc} s | ${cratio}x | $(rss "${scan[@]}") MB |"
done
# The floor on the corpus tree: the walk's own listing and reading system calls for every
# file, with no classification, parse or checks (BenchmarkScanLarge/readall, mean of 5).
floor=$(WELLOPS_BENCH_TREE="$gen" go test -run '^$' -bench 'ScanLarge/^readall$' -benchtime 5x ./scan/ | awk '/readall/ {printf "%.2f", $3/1e9}')
echo
echo "floor on corpus x50k (every file listed and read by the walk's system calls, nothing else): ${floor} s = $(awk "BEGIN{printf \"%.2f\", $floor / $genrg}")x ripgrep"
echo
echo "$(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg); $(go version); ripgrep $(rg --version | head -1 | awk '{print $2}'); best of $runs runs after one warm-up"
