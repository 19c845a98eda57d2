#!/bin/sh
# tests/bench-import.sh -- part of `make bench`: lape import of a 10,000-row
# Windows-1252 member list into the demo data set: the dry run, the apply
# and the re-import (which changes nothing), whole process, each <= 1 s.
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

missed=0
# step NAME ARGS...: one timed run, one row of the table.
step() {
	name=$1
	shift
	"$PYTHON3" - "$name" "$LAPE" --db "$tmp/b.db" import "$tmp/big.csv" "$@" <<'PY' || missed=1
import subprocess, sys, time
name, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
r = subprocess.run(cmd, stdout=subprocess.DEVNULL)
t = time.perf_counter() - t0
if r.returncode != 0:
    sys.exit("bench: %s exited %d" % (" ".join(cmd), r.returncode))
ok = t <= 1.0
print("%-22s %9s  %-10s %s" % (name, "%.0f ms" % (t * 1000), "<= 1 s",
                               "ok" if ok else "MISSED"))
sys.exit(0 if ok else 1)
PY
}
echo
echo "lape import of 10,000 rows (Windows-1252, ';'), whole process"
printf '%-22s %9s  %-10s %s\n' step time target result
step "dry run"
step "apply" --apply
step "re-import (no change)" --apply
exit $missed
