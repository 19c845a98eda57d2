#!/bin/sh
# tests/bench.sh -- `make bench`: whole-process time and peak memory of
# `lape check` over every group of a national data set (every municipality
# and region with a group, 8-20 members each) and of one 100 times larger.
# Targets: national <= 20 ms and <= 16 MB peak RSS; 100x <= 1 s.  Prints a
# table (also into bench.out) and exits 1 when a target is missed.  The
# screens' figures follow when tests/bench-tui.sh and tests/ptybytes.py are
# there.

: "${LAPE:?LAPE must name the lape program (make bench sets it)}"
: "${LAPE_SHARE:?LAPE_SHARE must name share/lape}"
: "${TESTS_BUILDDIR:=$(dirname "$LAPE")/../tests}"
: "${TESTS_SRCDIR:=$(dirname "$0")}"
: "${PYTHON3:=python3}"
BENCHGEN=${BENCHGEN:-$TESTS_BUILDDIR/benchgen}
RUNS_NATIONAL=${RUNS_NATIONAL:-20}
RUNS_X100=${RUNS_X100:-5}
export LAPE_SHARE LAPE_TODAY

if ! command -v "$PYTHON3" >/dev/null 2>&1; then
	echo "bench: python3 is needed to measure" >&2
	exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lape-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
out=bench.out

echo "bench: generating the data sets in $tmp ..."
"$BENCHGEN" "$tmp/national.db" 1 >"$tmp/national.txt" || exit 2
"$BENCHGEN" "$tmp/x100.db" 100 >"$tmp/x100.txt" || exit 2

# Peak RSS is the process's own only when it is started from a small
# launcher: a child forked from Python inherits Python's high-water mark.
# GNU time is such a launcher; without it the figure is an upper bound.
TIME_BIN=
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	TIME_BIN=/usr/bin/time
fi

# measure NAME RUNS TIME_TARGET_S RSS_TARGET_MB FILE: one row of the table.
measure() {
	"$PYTHON3" - "$@" "$LAPE" "$TIME_BIN" <<'EOF'
import os, subprocess, sys, time, statistics
name, runs, t_max, rss_max, db, lape, time_bin = sys.argv[1:8]
runs, t_max, rss_max = int(runs), float(t_max), float(rss_max)
cmd = [lape, "check", "--db", db]
def run_once():
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    t = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("bench: %s exited %d" % (" ".join(cmd), code))
    return t, ru.ru_maxrss / 1024.0
def rss_once():
    r = subprocess.run([time_bin, "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1]) / 1024.0
run_once()                                   # warm the page cache
runs_done = [run_once() for _ in range(runs)]
times = [t for t, _ in runs_done]
if time_bin:
    peak, mark = max(rss_once() for _ in range(3)), ""
else:
    peak, mark = max(r for _, r in runs_done), "<"
best, med = min(times), statistics.median(times)
def fmt(s):
    return "%.1f ms" % (s * 1000) if s < 1 else "%.2f s" % s
target = "<= " + fmt(t_max)
if rss_max > 0:
    target += ", <= %.0f MB" % rss_max
ok = med <= t_max and (rss_max <= 0 or peak <= rss_max)
print("%-10s %5d  %9s  %9s  %1s%7.1f MB  %-20s %s" % (
    name, runs, fmt(best), fmt(med), mark, peak, target,
    "ok" if ok else "MISSED"))
sys.exit(0 if ok else 1)
EOF
}

missed=0
{
	echo
	echo "lape check over every group, whole process (median against the target)"
	printf '  national: %s\n' "$(cat "$tmp/national.txt")"
	printf '  100x:     %s\n' "$(cat "$tmp/x100.txt")"
	echo
	printf '%-10s %5s  %9s  %9s  %11s  %-20s %s\n' \
		"data set" runs best median "peak RSS" target result
	[ -n "$TIME_BIN" ] || echo "(no GNU time: peak RSS is an upper bound, marked <)"
} | tee "$out"
measure national "$RUNS_NATIONAL" 0.020 16 "$tmp/national.db" | tee -a "$out"
[ "$(tail -n 1 "$out" | awk '{print $NF}')" = ok ] || missed=1
measure 100x "$RUNS_X100" 1.0 0 "$tmp/x100.db" | tee -a "$out"
[ "$(tail -n 1 "$out" | awk '{print $NF}')" = ok ] || missed=1

# lape import of a 10,000-row member list (tests/bench-import.sh).
if [ -f "$TESTS_SRCDIR/bench-import.sh" ]; then
	sh "$TESTS_SRCDIR/bench-import.sh" | tee -a "$out"
	grep -q MISSED "$out" && missed=1
fi

# The screens' part (written by the screens engineer), on the same files.
if [ -f "$TESTS_SRCDIR/ptybytes.py" ] && [ -f "$TESTS_SRCDIR/bench-tui.sh" ]; then
	BENCH_NATIONAL_DB=$tmp/national.db BENCH_X100_DB=$tmp/x100.db \
		sh "$TESTS_SRCDIR/bench-tui.sh" | tee -a "$out" || missed=1
fi

echo
if [ $missed -eq 0 ]; then
	echo "bench: every target met" | tee -a "$out"
else
	echo "bench: some target MISSED" | tee -a "$out"
fi
exit $missed
