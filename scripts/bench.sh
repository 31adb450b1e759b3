#!/usr/bin/env bash
# bench.sh: the figures of "make bench", measured in one run, side by side,
# and printed as one summary table at the end.
#
#   engine      contacts/s and events/s of the engine on M/M/100
#               (BenchmarkMMC in sim), the bare-loop ceiling on the same
#               model (../shared/tools/eventlimit, when it is there) and
#               the ratio ceiling / engine;
#   records     the record writer alone, records/s and allocations per
#               record (BenchmarkRecordWriter in reports), and records/s of
#               a run writing every record (BenchmarkRecordsYear/4weeks);
#   sweep       `ccsim compare planning-week` with 5 variants x 20
#               replications through the CLI on 1 and 2 workers, and the
#               parallel efficiency t1 / (2 t2);
#   startup     wall time of `ccsim version` and of a small run
#               (`ccsim run mmc --reps 1 -q`, about 8,600 contacts).
#
# Times of whole processes are medians of several runs, the commands
# compared taking turns (A B A B ...) so that a machine whose speed drifts
# moves both alike. Run from the repository root after `make build`:
#
#   scripts/bench.sh            (BIN=bin/ccsim GO=go RUNS=... to change)
set -euo pipefail

GO=${GO:-go}
BIN=${BIN:-bin/ccsim}
RUNS=${RUNS:-5}                 # runs of each sweep
STARTUP_RUNS=${STARTUP_RUNS:-30} # runs of each startup command
EVENTLIMIT=${EVENTLIMIT:-../shared/tools/eventlimit}

[ -x "$BIN" ] || { echo "bench.sh: $BIN is missing: run make build first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# metric FILE BENCH UNIT: the value before UNIT on BENCH's line of a go
# test -bench output.
metric() {
	awk -v b="$2" -v u="$3" '$1 ~ "^"b"(-[0-9]+)?$" { for (i = 3; i <= NF; i++) if ($i == u) { print $(i-1); exit } }' "$1"
}

# now_us: a monotonic-enough wall clock in microseconds (bash 5).
now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }

# median: the median of the numbers on stdin.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan"; exit } if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2 }'; }

# time_pair N OUT_A OUT_B -- CMD_A -- CMD_B: runs A and B in turn N times
# (after one warm-up each), writing each run's wall seconds to OUT_A and
# OUT_B. Output is thrown away; a failing command stops the script.
time_pair() {
	local n=$1 outa=$2 outb=$3; shift 3
	[ "$1" = -- ] && shift
	local a=() b=()
	while [ "$1" != -- ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	"${a[@]}" >/dev/null
	"${b[@]}" >/dev/null
	: >"$outa"; : >"$outb"
	local i t0 t1
	for ((i = 0; i < n; i++)); do
		t0=$(now_us); "${a[@]}" >/dev/null; t1=$(now_us)
		echo "$(( t1 - t0 ))" | awk '{ printf "%.6f\n", $1 / 1e6 }' >>"$outa"
		t0=$(now_us); "${b[@]}" >/dev/null; t1=$(now_us)
		echo "$(( t1 - t0 ))" | awk '{ printf "%.6f\n", $1 / 1e6 }' >>"$outb"
	done
}

echo "== engine: BenchmarkMMC (sim)"
$GO test -run '^$' -bench '^BenchmarkMMC$' -benchtime 3x -count 1 ./sim | tee "$tmp/mmc.txt"
eng_c=$(metric "$tmp/mmc.txt" BenchmarkMMC contacts/s)
eng_e=$(metric "$tmp/mmc.txt" BenchmarkMMC events/s)

echo "== ceiling: eventlimit -contacts 10000000 -agents 100 -rho 0.9"
lim_c="" lim_e=""
if [ -f "$EVENTLIMIT/main.go" ]; then
	(cd "$EVENTLIMIT" && $GO run . -contacts 10000000 -agents 100 -rho 0.9) | tee "$tmp/limit.txt"
	lim_c=$(sed -n 's/.*contacts\/s=\([^ ]*\).*/\1/p' "$tmp/limit.txt")
	lim_e=$(sed -n 's/.*events\/s=\([^ ]*\).*/\1/p' "$tmp/limit.txt")
else
	echo "eventlimit not found at $EVENTLIMIT (set EVENTLIMIT=DIR): ceiling and ratio left out"
fi

echo "== records: BenchmarkRecordWriter, BenchmarkRecordsYear/4weeks (reports)"
# Two runs: a pattern with a sub-benchmark level skips benchmarks that have none.
{
	$GO test -run '^$' -bench '^BenchmarkRecordWriter$' -count 1 ./reports
	$GO test -run '^$' -bench '^BenchmarkRecordsYear$/^4weeks$' -count 1 ./reports
} | tee "$tmp/rec.txt"
rec_s=$(metric "$tmp/rec.txt" BenchmarkRecordWriter records/s)
rec_a=$(metric "$tmp/rec.txt" BenchmarkRecordWriter allocs/record)
run_s=$(metric "$tmp/rec.txt" BenchmarkRecordsYear/4weeks records/s)
run_h=$(metric "$tmp/rec.txt" BenchmarkRecordsYear/4weeks peak-heap-MB)

sweep=("$BIN" compare planning-week --set callback.max_retries=0,1,2,3,4 --reps 20 -q)
echo "== sweep: ${sweep[*]} --workers 1 / 2, $RUNS runs each, in turn"
time_pair "$RUNS" "$tmp/w1" "$tmp/w2" -- "${sweep[@]}" --workers 1 -- "${sweep[@]}" --workers 2
t1=$(median <"$tmp/w1")
t2=$(median <"$tmp/w2")
echo "1 worker: $(tr '\n' ' ' <"$tmp/w1")s; 2 workers: $(tr '\n' ' ' <"$tmp/w2")s"

echo "== startup: $BIN version, $BIN run mmc --reps 1 -q; $STARTUP_RUNS runs each, in turn"
time_pair "$STARTUP_RUNS" "$tmp/ver" "$tmp/small" -- "$BIN" version -- "$BIN" run mmc --reps 1 -q
t_ver=$(median <"$tmp/ver")
t_small=$(median <"$tmp/small")

# fmt_si N: 3.61e+06 -> 3.61 M
fmt_si() {
	[ -n "$1" ] || { echo "n/a"; return; }
	awk -v x="$1" 'BEGIN { if (x >= 1e6) printf "%.2f M", x / 1e6; else if (x >= 1e3) printf "%.0f k", x / 1e3; else printf "%g", x }'
}
ratio=n/a
if [ -n "$lim_c" ] && [ -n "$eng_c" ]; then
	ratio=$(awk -v a="$lim_c" -v b="$eng_c" 'BEGIN { printf "%.2f", a / b }')
fi
eff=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", a / (2 * b) }')
ms() { awk -v x="$1" 'BEGIN { printf "%.1f ms", x * 1000 }'; }
secs() { awk -v x="$1" 'BEGIN { printf "%.2f s", x }'; }

row() { printf '| %-48s | %-12s |\n' "$1" "$2"; }
echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a), $(git describe --always --dirty 2>/dev/null || echo unknown))"
row figure value
row "$(printf -- '-%.0s' {1..48})" "$(printf -- '-%.0s' {1..12})"
row "engine contacts/s (BenchmarkMMC, M/M/100)" "$(fmt_si "$eng_c")"
row "engine events/s" "$(fmt_si "$eng_e")"
row "ceiling contacts/s (eventlimit)" "$(fmt_si "$lim_c")"
row "ceiling events/s" "$(fmt_si "$lim_e")"
row "ratio ceiling / engine (contacts/s)" "$ratio"
row "records/s, writer alone, to a file" "$(fmt_si "$rec_s")"
row "allocations per record" "$([ -n "$rec_a" ] && awk -v x="$rec_a" 'BEGIN { printf "%.2f", x }' || echo n/a)"
row "records/s, run writing records (4 weeks)" "$(fmt_si "$run_s")"
row "peak heap, run writing records" "${run_h:-n/a} MB"
row "CLI sweep 5x20, 1 worker (median of $RUNS)" "$(secs "$t1")"
row "CLI sweep 5x20, 2 workers (median of $RUNS)" "$(secs "$t2")"
row "CLI sweep parallel efficiency t1 / (2 t2)" "$eff"
row "startup: ccsim version (median of $STARTUP_RUNS)" "$(ms "$t_ver")"
row "small run: run mmc --reps 1 -q (median of $STARTUP_RUNS)" "$(ms "$t_small")"
