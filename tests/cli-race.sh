#!/bin/sh
# cli-race.sh -- several lapes at once on a data file that does not exist
# yet, and on one left empty (0 bytes, format 0, so every lape that opens
# it to write upgrades it): init, demo and a plain read started together,
# RACE_ROUNDS times each (make crashtest runs more).  The file must always
# be there at the end, pass PRAGMA integrity_check and hold one copy of the
# reference data and at most one of the example, and every message must be
# true.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

rounds=${RACE_ROUNDS:-16}

# The three processes of round I: init, demo or a read, by turns, so that
# every mix of them meets.
mix() {
	case $(($1 % 6)) in
	0) echo "init demo read" ;;
	1) echo "demo demo demo" ;;
	2) echo "init init init" ;;
	3) echo "init demo demo" ;;
	4) echo "demo read read" ;;
	5) echo "init init demo" ;;
	esac
}

start() { # start KIND DB OUT
	case $1 in
	init) "$LAPE" --db "$2" init >"$3.out" 2>"$3.err" ;;
	demo) "$LAPE" --db "$2" demo >"$3.out" 2>"$3.err" ;;
	read) "$LAPE" --db "$2" list regions --format csv >"$3.out" 2>"$3.err" ;;
	esac
	echo $? >"$3.status"
}

i=0
while [ $i -lt $((2 * rounds)) ]; do
	dir=$T/r$i
	mkdir "$dir"
	if [ $i -ge "$rounds" ]; then # the second half: an empty file
		mkdir "$dir/sub"
		: >"$dir/sub/lape.db"
	fi
	k=0
	for kind in $(mix $i); do
		start "$kind" "$dir/sub/lape.db" "$dir/$k.$kind" &
		k=$((k + 1))
	done
	wait
	i=$((i + 1))
done

# Every round's file and messages, judged in one go.
if ! have_python; then
	skip "the races" "no python3"
	done_testing
fi
run py '
import glob, os, re, sqlite3, sys
T, rounds = sys.argv[1], int(sys.argv[2])
bad = []
for i in range(2 * rounds):
    empty = i >= rounds
    d = "%s/r%d" % (T, i)
    db = d + "/sub/lape.db"
    def no(what):
        bad.append("round %d: %s" % (i, what))
    if not os.path.isfile(db):
        no("the data file is gone")
        continue
    left = [f for f in os.listdir(d + "/sub") if ".new-" in f]
    if left:
        no("temporary files left: %s" % left)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    q = lambda sql: con.execute(sql).fetchone()[0]
    if q("PRAGMA integrity_check") != "ok":
        no("integrity_check fails")
    year = int(q("SELECT value FROM meta WHERE key = \"refdata_year\""))
    munis = {2016: 313, 2017: 311, 2026: 308}[year]
    if (q("SELECT count(*) FROM region"), q("SELECT count(*) FROM municipality")) != (19, munis):
        no("not one copy of the reference data of %d" % year)
    example = q("SELECT count(*) FROM meta WHERE key = \"example\"")
    groups, people = q("SELECT count(*) FROM lape_group"), q("SELECT count(*) FROM person")
    kinds = [os.path.basename(f).split(".")[1] for f in sorted(glob.glob(d + "/*.status"))]
    if "demo" in kinds and (example, groups, people) != (1, 9, 47):
        no("not one copy of the example: %d groups, %d people" % (groups, people))
    if "demo" not in kinds and (example, groups, people) != (0, 0, 0):
        no("records no one loaded")
    con.close()
    created = loaded = 0
    for f in sorted(glob.glob(d + "/*.status")):
        base = f[:-len(".status")]
        kind = os.path.basename(base).split(".")[1]
        status = int(open(f).read())
        out = open(base + ".out", encoding="utf-8").read()
        err = open(base + ".err", encoding="utf-8").read()
        def wrong(what):
            no("%s: %s (exit %d, out %r, err %r)" % (kind, what, status, out[:200], err))
        if kind == "read":
            if status == 0:
                if len(out.splitlines()) != 20:
                    wrong("not every region was listed")
            elif err != "lape: %s: %s\n" % (db, "an empty data file without reference data; run lape init" if empty else "no such data file; create it with lape init"):
                wrong("a read that failed must say the file is not there yet, or empty")
            continue
        if status != 0 or err:
            wrong("it failed")
            continue
        if kind == "init":
            if out == "%s with 19 regions and %d municipalities (%d)\n" % ("Created " + db, munis, year) and not empty:
                created += 1
            elif out == "Loaded 19 regions and %d municipalities (%d) into %s\n" % (munis, year, db) and empty:
                created += 1
            elif out != "%s is already initialised with the reference data of %d\n" % (db, year):
                wrong("untrue message")
        else:
            m = re.match(r"Loaded the example into (.*): 9 groups and 47 people in Uusimaa and Ostrobothnia \(reference data (\d+)\)\.\n", out)
            if m and m.group(1) == db and int(m.group(2)) == year:
                loaded += 1
            elif out != "The example is already loaded into %s.\n" % db:
                wrong("untrue message")
    if created > 1:
        no("%d processes say they created the file" % created)
    if "demo" in kinds and loaded != 1:
        no("%d processes say they loaded the example" % loaded)
for b in bad[:20]:
    print(b)
print("%d rounds, %d problems" % (2 * rounds, len(bad)))
' "$T" "$rounds"
is "$OUT$ERR" "$((2 * rounds)) rounds, 0 problems" \
	"$((2 * rounds)) rounds of three lapes at once on a new or empty file: nothing lost, every message true"

done_testing
