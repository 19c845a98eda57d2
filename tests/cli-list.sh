#!/bin/sh
# cli-list.sh -- lape list: every kind, every format, read back by parsers;
# columns aligned by display width; Finnish/Swedish order in any locale.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# csv_rows: the number of data rows of the CSV in $OUT, counted by a parser.
csv_rows() {
	printf '%s\n' "$OUT" >"$T/rows.csv"
	py '
import csv, sys
print(len(list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))
' "$T/rows.csv"
}

json_rows() {
	printf '%s\n' "$OUT" >"$T/rows.json"
	py '
import json, sys
print(len(json.load(open(sys.argv[1], encoding="utf-8"))))
' "$T/rows.json"
}

lape init --year 2016
status_is 0 "init --year 2016"

# An empty file: a message in text, an empty array in JSON.
lape list groups
status_is 0 "list groups on a file without groups exits 0"
is "$OUT" "No groups." "list says there are none"
lape list people --format json
is "$OUT" "[]" "an empty list in JSON is []"
lape list agents --format csv
is "$(printf '%s\n' "$OUT" | tr -d '\r')" "id,uuid,name,region,region_name,employer,start_date,end_date,funding_share,status" \
	"an empty list in CSV is its header line"

lape demo
status_is 0 "demo into the initialised file"

for kind in groups people agents regions municipalities; do
	lape list "$kind"
	status_is 0 "list $kind exits 0"
	for fmt in csv json; do
		lape list "$kind" --format "$fmt"
		if [ "$STATUS" -ne 0 ]; then
			fail "list $kind --format $fmt parses" "$ERR"
		elif ! have_python; then
			skip "list $kind --format $fmt parses" "no python3"
		else
			n=$("${fmt}_rows" 2>&1)
			case $kind in
			groups) want=9 ;; people) want=47 ;; agents) want=2 ;;
			regions) want=19 ;; municipalities) want=313 ;;
			esac
			is "$n" "$want" "list $kind --format $fmt parses: $want rows"
		fi
	done
done

# Filters by region, by code or by name.
lape list groups --region 15 --format csv
is "$(csv_rows)" 2 "list groups --region 15"
lape list groups --region Uusimaa --format csv
is "$(csv_rows)" 7 "list groups --region Uusimaa (the dissolved one too)"
lape list municipalities --region Österbotten --format csv
want=$(grep -c ',15$' "$LAPE_SHARE/refdata/municipalities_2016.csv")
is "$(csv_rows)" "$want" "list municipalities --region Österbotten"
lape list agents --region 01 --format csv
is "$(csv_rows)" 1 "list agents --region 01"
lape list regions --region 99
status_is 2 "an unknown region exits 2"
one_line_error "the unknown region is one line"

# JSON types: numbers, booleans, arrays, null.
lape list groups --format json
printf '%s\n' "$OUT" >"$T/groups.json"
if have_python; then
	run py '
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
s = [x for x in g if x["name"] == "Sydösterbottens LAPE-grupp"][0]
assert isinstance(s["id"], int), s
assert s["municipality_names"] == ["Närpiö", "Kaskinen", "Kristiinankaupunki"], s
assert s["existing_body"] is False and s["end_date"] is None, s
assert s["level"] == "municipal" and s["status"] == "active", s
h = [x for x in g if x["name"].startswith("Helsingin")][0]
assert h["existing_body"] is True, h
k = [x for x in g if x["name"] == "Kauniaisten LAPE-työryhmä"][0]
assert k["status"] == "dissolved" and k["end_date"] == "2017-01-31", k
print("ok")
' "$T/groups.json"
	is "$OUT$ERR" "ok" "JSON fields have their types"
else
	skip "JSON fields have their types" "no python3"
fi
lape --lang sv list municipalities --region 15 --format json
like "$OUT" '"name_sv": "Närpes"' "JSON keys stay untranslated in any language"

# Text columns line up by display width (å ä ö are one column each).
# aligned FILE: every line has its columns where the header has them.
aligned() {
	py '
import sys, unicodedata, re
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\n")
head = lines[0]
starts = [m.start() for m in re.finditer(r"(?<=  )\S", head)]
for line in lines[1:]:
    for s in starts:
        # the prefix up to the column start, measured in columns
        i, w = 0, 0
        while i < len(line) and w < s:
            w += width(line[i]); i += 1
        if i >= len(line):
            continue
        if w != s or line[i - 2:i] != "  ":
            print("misaligned:", line); sys.exit(1)
' "$1"
}
if have_python; then
	for kind in people groups municipalities agents; do
		lape list "$kind"
		printf '%s\n' "$OUT" >"$T/list.txt"
		run aligned "$T/list.txt"
		is "$STATUS$OUT" "0" "list $kind: columns aligned by display width"
	done
else
	skip "columns aligned by display width" "no python3"
fi
lape list people
unlike "$OUT" ' $' "no line ends in blanks"

# Finnish/Swedish order: case and accents ignored, then z < å < ä < ö,
# in any locale.  Renames some people directly in the file (no command
# renames yet).
if have_python; then
	py "$PY_OPEN"'
names = ["aaro Aalto", "Émile Eskola", "Zacharias Zittra", "Åke Åström",
         "Ärla Äijö", "Örjan Öst", "Valter Vik", "Wilhelm Wik"]
ids = [r[0] for r in con.execute("SELECT id FROM person ORDER BY id LIMIT 8")]
for i, n in zip(ids, names):
    given, surname = n.split(" ")
    con.execute("UPDATE person SET given_names = ?, surname = ? WHERE id = ?", (given, surname, i))
con.commit()
' "$LAPE_DB"
	expect="aaro Aalto
Émile Eskola
Valter Vik
Wilhelm Wik
Zacharias Zittra
Åke Åström
Ärla Äijö
Örjan Öst"
	for loc in C.UTF-8 C POSIX; do
		LC_ALL=$loc lape list people --format csv
		got=$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f3 |
			grep -E '^(aaro|Émile|Valter|Wilhelm|Zacharias|Åke|Ärla|Örjan) ')
		is "$got" "$expect" "Finnish order in the $loc locale"
	done
else
	skip "Finnish order" "no python3"
fi

done_testing
