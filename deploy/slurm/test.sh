#!/usr/bin/env bash
# Runs the shipped sweep.sbatch, unchanged, as a job array on a one-node
# Slurm cluster started here, merges the parts and checks that the report
# is byte for byte the one the same sweep gives on one machine.
#
#   make test-slurm            (builds bin/ccsim, installs Slurm if missing)
#   deploy/slurm/test.sh [CCSIM_BINARY]
#
# Needs root (munged, slurmctld and slurmd run as root) and Debian's
# slurm-wlm and munge packages. Everything the cluster writes (its config,
# state, spool, logs, munge key and socket) lives in one temporary
# directory, on its own ports and munge socket, so a Slurm or munge already
# on the machine is neither used nor disturbed. Every daemon and job this
# script started is stopped, by its pid, when it exits, on failure too.
# KEEP=1 keeps the temporary directory for a look at the logs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
script=$here/sweep.sbatch
ccsim=$(realpath "${1:-$repo/bin/ccsim}")
ctld_port=${SLURMCTLD_PORT:-16817}
slurmd_port=${SLURMD_PORT:-16818}
timeout=${TIMEOUT:-600} # seconds the array may take

say() { printf 'test-slurm: %3ss %s\n' "$SECONDS" "$*"; }
fail() { printf 'test-slurm: FAIL: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root: munged, slurmctld and slurmd run as root (sudo make test-slurm)"
[ -x "$ccsim" ] || fail "$ccsim is not built (make build)"
for c in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
	command -v "$c" >/dev/null || fail "$c is missing: make slurm (or apt-get install slurm-wlm munge) as root"
done

tmp=$(mktemp -d /tmp/ccsim-slurm.XXXXXX)
pids=()  # daemons, in start order
jobid=""
mysid=$(ps -o sid= -p $$ | tr -d ' ')
t0=$(date +%s)

# strays lists the processes outside this script's session that carry
# this cluster's SLURM_CONF: those Slurm started for its jobs.
strays() {
	local d sid
	[ -n "${SLURM_CONF:-}" ] || return 0
	for d in /proc/[0-9]*; do
		grep -qzxF "SLURM_CONF=$SLURM_CONF" "$d/environ" 2>/dev/null || continue
		sid=$(ps -o sid= -p "${d#/proc/}" 2>/dev/null) || continue
		[ "${sid// /}" = "$mysid" ] || echo "${d#/proc/}"
	done
}

# running PID: the process is there and not a zombie.
running() {
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[[ $st != Z* ]]
}

# end PID...: SIGTERM, then SIGKILL what still runs 10 s later.
end() {
	local pid i
	for pid; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid; do
		for ((i = 0; i < 50; i++)); do
			running "$pid" || break
			sleep 0.2
		done
		if running "$pid"; then
			say "pid $pid did not stop on SIGTERM: SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
}

# stop ends what this script started, on success and on failure: the
# array's tasks (through Slurm, while it still runs), what slurmd started
# for them, then each daemon by its pid, newest first.
stop() {
	local status=$? pid i
	trap - EXIT INT TERM
	if [ -n "$jobid" ] && [ -n "$(squeue -h -j "$jobid" 2>/dev/null)" ]; then
		say "cancelling job $jobid"
		scancel "$jobid" 2>/dev/null || true
		for ((i = 0; i < 20; i++)); do
			[ -z "$(squeue -h -j "$jobid" 2>/dev/null)" ] && break
			sleep 0.5
		done
	fi
	# slurmstepd and the job script under it run in sessions of their
	# own, outside pids: give them a moment to finish, then end them.
	for ((i = 0; i < 20; i++)); do
		[ -z "$(strays)" ] && break
		sleep 0.5
	done
	for pid in $(strays); do
		say "stopping job process $pid: $(ps -o args= -p "$pid" || true)"
		end "$pid"
	done
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		end "${pids[i]}"
		wait "${pids[i]}" 2>/dev/null || true
	done
	if [ "$status" != 0 ]; then
		for f in "$tmp"/*.log "$tmp"/work/*.log; do
			[ -f "$f" ] || continue
			printf '\n== %s (last lines)\n' "$f" >&2
			tail -n 20 "$f" >&2
		done
	fi
	if [ "${KEEP:-}" = 1 ] || [ "$status" != 0 ]; then
		say "kept $tmp"
	else
		rm -rf "$tmp"
	fi
	exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

# waitfor SECONDS WHAT COMMAND...: polls COMMAND until it succeeds.
waitfor() {
	local secs=$1 what=$2 i
	shift 2
	for ((i = 0; i < secs * 4; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.25
	done
	fail "$what: not after ${secs}s"
}
alive() { kill -0 "$1" 2>/dev/null || fail "$2 exited (see $tmp/$2.log)"; }

# munge, with its own key and socket.
mkdir -m 0700 "$tmp/munge" "$tmp/state" "$tmp/spool"
mungekey --create --keyfile="$tmp/munge/munge.key"
munged --foreground --force \
	--key-file="$tmp/munge/munge.key" --socket="$tmp/munge/munge.socket" \
	--pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munged.log" \
	--seed-file="$tmp/munge/munged.seed" >"$tmp/munged.stderr.log" 2>&1 &
pids+=($!)
waitfor 10 "munged's socket" test -S "$tmp/munge/munge.socket"

# A one-node cluster: this host, as slurmd -C describes it.
node=$(hostname -s)
nodeline=$(slurmd -C | head -n 1)
case $nodeline in NodeName=*) ;; *) fail "slurmd -C: $nodeline" ;; esac
export SLURM_CONF=$tmp/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=ccsimtest
SlurmctldHost=$node
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
ReturnToService=2
KillWait=5
# Start array tasks as soon as CPUs free up (the defaults space them ~3 s apart).
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MinJobAge=600
$nodeline State=UNKNOWN
PartitionName=ccsim Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i >"$tmp/slurmctld.log" 2>&1 &
pids+=($!)
waitfor 30 "slurmctld answering scontrol ping" sh -c 'scontrol ping | grep -q UP'
alive "${pids[-1]}" slurmctld
slurmd -D -N "$node" >"$tmp/slurmd.log" 2>&1 &
pids+=($!)
waitfor 60 "node $node idle" sh -c "sinfo -h -n '$node' -o %t | grep -qx idle"
alive "${pids[-1]}" slurmd
say "cluster up in $(($(date +%s) - t0))s: $nodeline"

# The shipped script, unchanged, submitted as its usage says, from an
# empty directory, with bin/ccsim first on its PATH.
work=$tmp/work
mkdir "$work"
bindir=$(dirname "$ccsim")
t1=$(date +%s)
jobid=$(PATH="$bindir:$PATH" sbatch --parsable --export=ALL --chdir="$work" "$script")
jobid=${jobid%%;*}
say "submitted $script as job array $jobid"
for ((i = 0; ; i++)); do
	[ -z "$(squeue -h -j "$jobid" 2>/dev/null)" ] && break
	[ "$i" -lt $((timeout * 2)) ] || fail "job $jobid not done after ${timeout}s"
	alive "${pids[1]}" slurmctld
	alive "${pids[2]}" slurmd
	sleep 0.5
done
say "array done in $(($(date +%s) - t1))s"

# Every task must have completed with status 0.
scontrol -o show job "$jobid" >"$tmp/jobs.txt"
tasks=$(grep -c . "$tmp/jobs.txt")
bad=$(grep -v 'JobState=COMPLETED .*ExitCode=0:0' "$tmp/jobs.txt" || true)
[ -z "$bad" ] || fail "tasks not completed with status 0:
$bad"
parts=("$work"/sweep/part-*.json)
say "$tasks tasks completed, ${#parts[@]} parts"
[ "${#parts[@]}" = "$tasks" ] || fail "$tasks tasks but ${#parts[@]} parts"

# The same sweep on one machine: the script's own ccsim compare line,
# without --partial.
line=$(awk '/^ccsim compare/ { on = 1 } on { print } on && !/\\$/ { exit }' "$script" |
	sed -e 's/\\$//' | tr '\n' ' ' | sed -e 's/--partial [^ ]*//' -e 's/  */ /g' -e 's/ $//')
case $line in *[\"\'\$\`]*) fail "cannot read the sweep from $script: $line" ;; esac
read -ra words <<<"$line"
[ "${words[0]:-}" = ccsim ] && [ "${words[1]:-}" = compare ] || fail "no ccsim compare line in $script"
say "reference: $line"
(cd "$work" && "$ccsim" "${words[@]:1}" --quiet --html single.html >single.txt)
(cd "$work" && "$ccsim" merge sweep/part-*.json --html merged.html >merged.txt 2>merge.log)
cmp "$work/single.txt" "$work/merged.txt" || fail "merged report differs from the single-machine one"
cmp "$work/single.html" "$work/merged.html" || fail "merged HTML differs from the single-machine one"
say "PASS: $tasks-task array merged byte-identical to one machine ($(wc -l <"$work/single.txt") lines, and the HTML page), $(($(date +%s) - t0))s in all"
