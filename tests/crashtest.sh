#!/bin/sh
# tests/crashtest.sh -- `make crashtest`: kill -9 at random moments, then
# look at what is left.  Not part of make check (half a minute).
#
#  1. lape demo and lape init into new files, killed at a random moment
#     of their run: the file is either not there or whole (the reference
#     data whole or none, the example whole or none), and it passes
#     PRAGMA integrity_check; a new lape then works on it.
#  2. lape demo into an existing file, and lape init on an empty one,
#     killed likewise: the example, or the reference data, whole or none.
#  3. Three writers (tests/dbwriter, through the store) saving groups of
#     four members each, killed one at a time at random and started again:
#     the file passes integrity_check and lape verify, and every save is
#     whole or not there.
#  4. tests/cli-race.sh with more rounds.
#
# CRASH_RUNS (default 150) sets the runs of 1 and 2, CRASH_KILLS (default
# 150) the kills of 3.  Prints the figures and exits 1 on any failure.

: "${LAPE:?LAPE must name the lape program (make crashtest sets it)}"
: "${LAPE_SHARE:?LAPE_SHARE must name share/lape}"
: "${TESTS_BUILDDIR:=$(dirname "$LAPE")/../tests}"
: "${TESTS_SRCDIR:=$(dirname "$0")}"
: "${PYTHON3:=python3}"
export LAPE LAPE_SHARE TESTS_BUILDDIR

if ! command -v "$PYTHON3" >/dev/null 2>&1; then
	echo "crashtest: python3 is needed" >&2
	exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lape-crash.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
unset LAPE_DB XDG_CONFIG_HOME
HOME=$tmp/home
LC_ALL=C.UTF-8
export HOME LC_ALL

"$PYTHON3" - "$tmp" "${CRASH_RUNS:-150}" "${CRASH_KILLS:-150}" <<'EOF' || exit 1
import os, random, signal, sqlite3, subprocess, sys, time

tmp, runs, kills = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lape = os.environ["LAPE"]
dbwriter = os.path.join(os.environ["TESTS_BUILDDIR"], "dbwriter")
rng = random.Random(int(os.environ.get("CRASH_SEED", "0")) or None)
failures = []
MUNIS = {2016: 313, 2017: 311, 2026: 308}

def run(*args, **kw):
    return subprocess.run([lape] + list(args), capture_output=True, text=True, **kw)

def connect(db):
    con = sqlite3.connect(db)
    con.create_function("lape_user", 0, lambda: "crashtest")
    con.create_function("lape_key", 1, lambda s: s.lower() if isinstance(s, str) else s)
    return con

# The example as a whole file holds it: the counts to compare with.
ref = os.path.join(tmp, "reference.db")
run("--db", ref, "demo")
con = connect(ref)
EXAMPLE = tuple(con.execute("SELECT (SELECT count(*) FROM lape_group), "
                            "(SELECT count(*) FROM person), (SELECT count(*) FROM membership), "
                            "(SELECT count(*) FROM change_agent), "
                            "(SELECT count(*) FROM group_municipality)").fetchone())
con.close()

def state(db):
    """What a file holds: 'absent', or (refdata, example) each 'whole' or
    'none'; anything else is a failure, returned as a string."""
    try:
        return state_of(db)
    except Exception as e:
        return "%s: %s: %s" % (db, type(e).__name__, e)

def state_of(db):
    if not os.path.exists(db):
        return "absent"
    if os.path.getsize(db) == 0:
        return ("none", "none")
    con = connect(db)
    try:
        q = lambda sql: con.execute(sql).fetchone()[0]
        if q("PRAGMA integrity_check") != "ok":
            return "integrity_check fails"
        if q("PRAGMA user_version") == 0:
            return ("none", "none") if q("SELECT count(*) FROM sqlite_master") == 0 \
                else "format 0 with tables"
        row = con.execute("SELECT value FROM meta WHERE key = 'refdata_year'").fetchone()
        year = row[0] if row else None
        regions, munis = q("SELECT count(*) FROM region"), q("SELECT count(*) FROM municipality")
        if year is None:
            refdata = "none" if (regions, munis) == (0, 0) else "half the reference data"
        else:
            refdata = "whole" if (regions, munis) == (19, MUNIS[int(year)]) else "half the reference data"
        counts = tuple(con.execute("SELECT (SELECT count(*) FROM lape_group), "
                                   "(SELECT count(*) FROM person), (SELECT count(*) FROM membership), "
                                   "(SELECT count(*) FROM change_agent), "
                                   "(SELECT count(*) FROM group_municipality)").fetchone())
        marked = q("SELECT count(*) FROM meta WHERE key = 'example'")
        if counts == EXAMPLE and marked:
            example = "whole"
        elif counts == (0, 0, 0, 0, 0) and not marked:
            example = "none"
        else:
            example = "half the example %r" % (counts,)
        if refdata != "whole" and refdata != "none":
            return refdata
        if not example in ("whole", "none"):
            return example
        return (refdata, example)
    finally:
        con.close()

def killed_run(args, max_ms):
    p = subprocess.Popen([lape] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(rng.uniform(0, max_ms) / 1000)
    p.send_signal(signal.SIGKILL)
    _, err = p.communicate()
    return p.returncode, err.decode("utf-8", "replace")

def timed(args, again=None):
    """The median time of five runs of ARGS, in ms; AGAIN undoes a run."""
    times = []
    for _ in range(5):
        t0 = time.monotonic()
        run(*args)
        times.append((time.monotonic() - t0) * 1000)
        if again:
            again()
    return sorted(times)[2]

def remove(*paths):
    for p in paths:
        for s in ("", "-wal", "-shm"):
            if os.path.exists(p + s):
                os.remove(p + s)

tally = {}
def count(what):
    tally[what] = tally.get(what, 0) + 1

# 1. New files.
t1, t2 = os.path.join(tmp, "t1.db"), os.path.join(tmp, "t2.db")
span = {"demo": timed(["--db", t1, "demo"], lambda: remove(t1)),
        "init": timed(["--db", t2, "init"], lambda: remove(t2))}
leftovers = 0
for i in range(runs):
    kind = rng.choice(["demo", "init"])
    d = os.path.join(tmp, "new%d" % i)
    db = os.path.join(d, "lape.db")
    code, err = killed_run(["--db", db, kind], span[kind] * 1.3)
    s = state(db)
    outcome = "finished" if code == 0 else "killed"
    if isinstance(s, str) and s != "absent":
        failures.append("new file, %s %s: %s" % (kind, outcome, s))
        continue
    if s != "absent" and (s[0] != "whole" or (kind == "demo" and s[1] != "whole")):
        failures.append("new file, %s %s: a file that is not whole: %r" % (kind, outcome, s))
        continue
    count("1. %s into a new file, %s: %s" % (kind, outcome, "no file" if s == "absent" else "whole file"))
    left = [f for f in os.listdir(d) if ".new-" in f] if os.path.isdir(d) else []
    leftovers += len([f for f in left if not f.endswith("-journal")])
    # A new lape works on whatever is left, and clears what a killed
    # builder left once it is a minute old.
    for f in left:
        old = time.time() - 120
        os.utime(os.path.join(d, f), (old, old))
    if os.path.exists(db):
        os.rename(db, db + ".kept")
    r = run("--db", db, "demo")
    if r.returncode != 0 or state(db) != ("whole", "whole"):
        failures.append("new file, %s %s: demo afterwards: %s %r" % (kind, outcome, r.stderr, state(db)))
    left = [f for f in os.listdir(d) if ".new-" in f]
    if left:
        failures.append("new file, %s %s: left after the next lape: %s" % (kind, outcome, left))

# 2. Existing files: demo into an initialised one, init on an empty one.
base = os.path.join(tmp, "base.db")
def fresh_base():
    remove(base)
    run("--db", base, "init", "--year", "2016")
fresh_base()
span["demo-existing"] = timed(["--db", base, "demo"], fresh_base)
for i in range(runs):
    kind = rng.choice(["demo", "init"])
    db = os.path.join(tmp, "old%d.db" % i)
    if kind == "demo":
        with open(base, "rb") as f, open(db, "wb") as g:
            g.write(f.read())
        max_ms = span["demo-existing"] * 1.3
    else:
        open(db, "wb").close()
        max_ms = span["init"] * 1.3
    code, err = killed_run(["--db", db, kind], max_ms)
    s = state(db)
    outcome = "finished" if code == 0 else "killed"
    if isinstance(s, str):
        failures.append("existing file, %s %s: %s" % (kind, outcome, s))
        continue
    if kind == "demo" and s[0] != "whole":
        failures.append("existing file, demo %s: the reference data went: %r" % (outcome, s))
        continue
    count("2. %s into an existing file, %s: reference data %s, example %s" % ((kind, outcome) + s))
    r = run("--db", db, kind)
    if r.returncode != 0:
        failures.append("existing file, %s %s: %s afterwards: %s" % (kind, outcome, kind, r.stderr))

# 3. Writers killed one at a time.
wdb = os.path.join(tmp, "writers.db")
run("--db", wdb, "init", "--year", "2016")
incarnation = [0]
def start(slot):
    incarnation[0] += 1
    tag = "w%d" % incarnation[0]
    return subprocess.Popen([dbwriter, "write", wdb, "600", tag],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
writers = [start(k) for k in range(3)]
time.sleep(0.3)
writer_errors = []
for i in range(kills):
    time.sleep(rng.uniform(0.005, 0.06))
    k = rng.randrange(3)
    writers[k].send_signal(signal.SIGKILL)
    _, err = writers[k].communicate()
    if err:
        writer_errors.append(err.decode("utf-8", "replace").strip())
    writers[k] = start(k)
for w in writers:
    w.send_signal(signal.SIGKILL)
    w.communicate()
con = connect(wdb)
integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
units = con.execute("SELECT count(*) FROM lape_group WHERE name GLOB 'w[0-9]* [0-9]*'").fetchone()[0]
con.close()
check = subprocess.run([dbwriter, "check", wdb], capture_output=True, text=True)
verify = run("--db", wdb, "verify")
walsize = os.path.getsize(wdb + "-wal") if os.path.exists(wdb + "-wal") else 0
if integrity != "ok":
    failures.append("writers: integrity_check: %s" % integrity)
if check.returncode != 0:
    failures.append("writers: saves not whole: %s" % check.stdout.strip())
if verify.returncode != 0:
    failures.append("writers: lape verify: %s %s" % (verify.stdout.strip(), verify.stderr.strip()))
if writer_errors:
    failures.append("writers: errors: %s" % writer_errors[:3])

print("crashtest: kill -9 at random moments")
print("  1, 2: %d runs each, killed within %.0f ms (demo), %.0f ms (init), %.0f ms (demo into a file)"
      % (runs, span["demo"] * 1.3, span["init"] * 1.3, span["demo-existing"] * 1.3))
for what in sorted(tally):
    print("    %4d  %s" % (tally[what], what))
print("    %4d  temporary files (.new-XXXXXX) left by the runs killed while building,"
      " all removed by the next lape there once a minute old" % leftovers)
print("  3: %d writers killed and started again; %d saves in the file, every one whole: %s;"
      % (kills, units, "yes" if check.returncode == 0 else "NO"))
print("     integrity_check: %s; lape verify: %s; -wal left: %d bytes"
      % (integrity, "ok" if verify.returncode == 0 else "FAILED", walsize))
for f in failures[:30]:
    print("FAIL: " + f)
print("crashtest: %d failures" % len(failures))
sys.exit(1 if failures else 0)
EOF

# 4. More rounds of three lapes at once.
RACE_ROUNDS=${CRASH_RACE_ROUNDS:-100} TESTS_SRCDIR=$TESTS_SRCDIR \
	"${SHELL:-/bin/sh}" "$TESTS_SRCDIR/cli-race.sh" | tee "$tmp/race.out"
grep -q '^not ok' "$tmp/race.out" && exit 1
exit 0
