#!/bin/sh
# tests/bench-import.sh -- part of `make bench`: lape import of a 10,000-row
# Windows-1252 member list into the demo data set: the dry run, the apply
# and the re-import (which changes nothing), whole process, each <= 1 s
# of CPU.
# Prints rows for bench.sh's table; exits 1 when a target is missed.

: "${LAPE:?LAPE must name the lape program (make bench sets it)}"
: "${LAPE_SHARE:?LAPE_SHARE must name share/lape}"
: "${PYTHON3:=python3}"
export LAPE_SHARE LAPE_TODAY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lape-bench-import.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
"$LAPE" --db "$tmp/b.db" demo >/dev/null || exit 2
"$PYTHON3" - "$tmp/big.csv" <<'PY' || exit 2
import sys
groups = ["Keravan LAPE-ryhmä", "Vantaan LAPE-ryhmä", "Uudenmaan LAPE-ryhmä",
          "Espoon ja Kauniaisten LAPE-ryhmä"]
sect = ["sivistystoimi", "nuorisotoimi", "järjestöt", "seurakunnat",
        "nuorten edustaja", "sosiaali- ja terveystoimi (sote)"]
with open(sys.argv[1], "w", encoding="cp1252", newline="") as f:
    f.write("Sukunimi;Etunimet;Organisaatio;Sähköposti;Puhelin;Ryhmä;"
            "Sektori;Rooli;Kausi alkaa;Kausi päättyy\r\n")
    for i in range(10000):
        g = groups[i % 4]
        s = "järjestöt" if g.startswith("Uudenmaan") else sect[i % 6]
        f.write("Möttönen%d;Äijä;Org %d;p%d@example.fi;040 %07d;%s;%s;"
                "jäsen;1.10.2016;31.12.2018\r\n" % (i, i % 50, i, i, g, s))
PY

# Each step three times on its own copy of the file (a dry run changes
# nothing, an apply its copy), the median of the process's CPU time
# (user + system) against the target, the wall clock's beside it.
"$PYTHON3" - "$LAPE" "$tmp" <<'PY'
import os, shutil, statistics, subprocess, sys, time
lape, tmp = sys.argv[1:3]
db, csv = os.path.join(tmp, "b.db"), os.path.join(tmp, "big.csv")
def run(path, args):
    cmd = [lape, "--db", path, "import", csv] + args
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: %s failed" % " ".join(cmd))
    return ru.ru_utime + ru.ru_stime, wall
def copy(src, dst):
    for end in ("", "-wal", "-shm"):
        if os.path.exists(dst + end):
            os.unlink(dst + end)
    shutil.copyfile(src, dst)
steps = {"dry run": [], "apply": [], "re-import (no change)": []}
for i in range(3):
    work = os.path.join(tmp, "run.db")
    copy(db, work)
    steps["dry run"].append(run(work, []))
    steps["apply"].append(run(work, ["--apply"]))
    steps["re-import (no change)"].append(run(work, ["--apply"]))
print()
print("lape import of 10,000 rows (Windows-1252, ';'), whole process, CPU")
print("%-22s %9s  %9s  %-10s %s" % ("step", "cpu med.", "wall med.",
                                   "target", "result"))
missed = 0
for name, times in steps.items():
    cpu = statistics.median(t for t, _ in times)
    wall = statistics.median(w for _, w in times)
    ok = cpu <= 1.0
    missed |= not ok
    print("%-22s %9s  %9s  %-10s %s" % (name, "%.0f ms" % (cpu * 1000),
                                       "%.0f ms" % (wall * 1000), "<= 1 s",
                                       "ok" if ok else "MISSED"))
sys.exit(missed)
PY
