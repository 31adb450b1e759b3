#!/usr/bin/env bash
# bench.sh: the figures of "make bench", measured in one run, side by side,
# and printed as one summary table at the end.
#
#   engine      contacts/s and events/s of the engine on M/M/100
#               (BenchmarkMMC in sim), the bare-loop ceiling on the same
#               model (../shared/tools/eventlimit, when it is there) and
#               the ratio ceiling / engine, medians of ROUNDS rounds taken
#               in turn; the cost per event at 100 and 20,000 agents
#               (BenchmarkMMCAgents);
#   records     the record writer alone, records/s and allocations per
#               record (BenchmarkRecordWriter in reports), and records/s of
#               a run writing every record (BenchmarkRecordsYear/4weeks);
#   sweep       `ccsim compare planning-week` with 5 variants (and the
#               baseline) x 20 replications through the CLI on 1 and 2
#               workers, and the parallel efficiency t1 / (2 t2);
#   startup     wall time of `ccsim version` and of a small run
#               (`ccsim run mmc --reps 1 -q`, about 8,600 contacts).
#
# Times of whole processes are medians of several runs, the commands
# compared taking turns (A B A B ...) so that a machine whose speed drifts
# moves both alike. Run from the repository root after `make build`:
#
#   scripts/bench.sh            (BIN=bin/ccsim GO=go RUNS=... ROUNDS=... to change)
set -euo pipefail

GO=${GO:-go}
BIN=${BIN:-bin/ccsim}
RUNS=${RUNS:-7}                 # runs of each sweep
ROUNDS=${ROUNDS:-3}             # rounds of engine and ceiling
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

# The engine and the ceiling are measured in turn, ROUNDS times each
# (engine, ceiling, engine, ceiling ...), from binaries built first, and
# each figure is the median of its rounds: a machine whose speed drifts
# moves both alike, and the ratio compares like with like.
echo "== engine against ceiling: BenchmarkMMC (sim) and eventlimit -contacts 10000000 -agents 100 -rho 0.9, $ROUNDS rounds in turn"
$GO test -c -o "$tmp/sim.test" ./sim
have_limit=false
if [ -f "$EVENTLIMIT/main.go" ]; then
	(cd "$EVENTLIMIT" && $GO build -o "$tmp/eventlimit" .) && have_limit=true
else
	echo "eventlimit not found at $EVENTLIMIT (set EVENTLIMIT=DIR): ceiling and ratio left out"
fi
: >"$tmp/eng_c"; : >"$tmp/eng_e"; : >"$tmp/lim_c"; : >"$tmp/lim_e"
for ((r = 0; r < ROUNDS; r++)); do
	"$tmp/sim.test" -test.run '^$' -test.bench '^BenchmarkMMC$' -test.benchtime 3x -test.count 1 | tee "$tmp/mmc.txt"
	metric "$tmp/mmc.txt" BenchmarkMMC contacts/s >>"$tmp/eng_c"
	metric "$tmp/mmc.txt" BenchmarkMMC events/s >>"$tmp/eng_e"
	if $have_limit; then
		"$tmp/eventlimit" -contacts 10000000 -agents 100 -rho 0.9 | tee "$tmp/limit.txt"
		sed -n 's/.*contacts\/s=\([^ ]*\).*/\1/p' "$tmp/limit.txt" >>"$tmp/lim_c"
		sed -n 's/.*events\/s=\([^ ]*\).*/\1/p' "$tmp/limit.txt" >>"$tmp/lim_e"
	fi
done
eng_c=$(median <"$tmp/eng_c")
eng_e=$(median <"$tmp/eng_e")
lim_c="" lim_e=""
if $have_limit; then
	lim_c=$(median <"$tmp/lim_c")
	lim_e=$(median <"$tmp/lim_e")
fi

echo "== cost per event with many agents: BenchmarkMMCAgents (sim)"
"$tmp/sim.test" -test.run '^$' -test.bench '^BenchmarkMMCAgents$' -test.benchtime 3x -test.count 1 | tee "$tmp/agents.txt"
ns100=$(metric "$tmp/agents.txt" 'BenchmarkMMCAgents/agents=100' ns/event)
ns20k=$(metric "$tmp/agents.txt" 'BenchmarkMMCAgents/agents=20000' ns/event)

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
ns_row=n/a
if [ -n "$ns100" ] && [ -n "$ns20k" ]; then
	ns_row=$(awk -v a="$ns100" -v b="$ns20k" 'BEGIN { printf "%.0f / %.0f ns (%.2fx)", a, b, b / a }')
fi
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
row "cost per event, 100 / 20,000 agents" "$ns_row"
row "records/s, writer alone, to a file" "$(fmt_si "$rec_s")"
row "allocations per record" "$([ -n "$rec_a" ] && awk -v x="$rec_a" 'BEGIN { printf "%.2f", x }' || echo n/a)"
row "records/s, run writing records (4 weeks)" "$(fmt_si "$run_s")"
row "peak heap, run writing records" "${run_h:-n/a} MB"
row "CLI sweep 5x20, 1 worker (median of $RUNS)" "$(secs "$t1")"
row "CLI sweep 5x20, 2 workers (median of $RUNS)" "$(secs "$t2")"
row "CLI sweep parallel efficiency t1 / (2 t2)" "$eff"
row "startup: ccsim version (median of $STARTUP_RUNS)" "$(ms "$t_ver")"
row "small run: run mmc --reps 1 -q (median of $STARTUP_RUNS)" "$(ms "$t_small")"
