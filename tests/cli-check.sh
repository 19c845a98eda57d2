#!/bin/sh
# cli-check.sh -- lape demo and lape check: exit statuses, text, CSV and JSON
# read back by real parsers, region summaries, alignment and order.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# check needs a data file.
lape check
status_is 2 "check without a data file exits 2"
one_line_error "the missing file is one line"
ok "check does not create the file" test ! -e "$LAPE_DB"

lape demo
status_is 0 "demo exits 0"
like "$OUT" "^Loaded the example into $LAPE_DB: 9 groups" "demo says what it loaded"
like "$OUT" "lape check" "demo suggests the next commands"
lape list groups --format csv
groups_before=$OUT

lape demo
status_is 0 "demo again exits 0"
is "$OUT" "The example is already loaded into $LAPE_DB." \
	"demo again says the example is there already"
is "$ERR" "" "demo again prints nothing on stderr"
lape list groups --format csv
is "$OUT" "$groups_before" "demo again changed nothing"

# Groups that are not the example: demo refuses to mix them.
cp "$LAPE_DB" "$T/other.db"
if have_python; then
	run py "$PY_OPEN"'
con.execute("DELETE FROM meta WHERE key = ?", ("example",))
con.commit()
' "$T/other.db"
	lape --db "$T/other.db" demo
	status_is 2 "demo on a file with other groups exits 2"
	one_line_error "the refusal is one line"
	like "$ERR" "already holds groups" "the refusal says why"
	lape --db "$T/other.db" list groups --format csv
	is "$OUT" "$groups_before" "the refused demo changed nothing"
else
	for i in 1 2 3 4; do skip "demo on other groups" "no python3"; done
fi

# All active groups: some incomplete, so exit 1.
lape check
status_is 1 "check of the example exits 1 (some incomplete)"
like "$OUT" '^8 groups checked: 4 complete, 4 incomplete$' "the totals line"
like "$OUT" '^✗ Vantaan LAPE-ryhmä  \(municipal, Uusimaa\)  incomplete: 2 missing$' \
	"an incomplete group says how many sectors it misses"
like "$OUT" '^  ✗ parishes +missing$' "a missing sector is marked"
like "$OUT" '^  ✓ education +Åsa Lindholm$' "a present sector names who covers it"
like "$OUT" '^  ! no chair$' "a group without a chair is warned about"
like "$OUT" '^  ! Ilona Sjöberg: term ended' "an ended term is warned about"
like "$OUT" '^  ! vacant seat' "a vacant seat is warned about"
unlike "$OUT" 'Kauniaisten LAPE-työryhmä' "dissolved groups are left out"
lape check --all
like "$OUT" '^9 groups checked' "--all includes the dissolved group"

# One complete group, by name, by id, by uuid prefix.
lape check "Helsingin lapsi- ja perhepalveluiden johtoryhmä"
status_is 0 "checking one complete group exits 0"
like "$OUT" '^1 group checked: 1 complete, 0 incomplete$' "one group is checked"
lape check "helsingin LAPSI- ja perhepalveluiden johtoryhmä"
status_is 0 "group names are matched without regard to case"
lape check --format csv
id=$(printf '%s\n' "$OUT" | grep 'Vantaan' | cut -d, -f1)
lape check "$(printf '%s' "$id" | cut -c1-8)"
status_is 1 "a group by uuid prefix (incomplete: exit 1)"
like "$OUT" '^✗ Vantaan' "the uuid prefix finds the group"
lape check "Vantaan LAPE-ryhmä" "Sydösterbottens LAPE-grupp"
status_is 1 "two groups, one incomplete: exit 1"
like "$OUT" '^2 groups checked: 1 complete, 1 incomplete$' "both are checked"
lape check "No such group"
status_is 2 "an unknown group exits 2"
is "$ERR" "lape: No such group: no such group" "the unknown group is named"
lape check --format xml
status_is 2 "an unknown format exits 2"

# A region: its summary first, then its groups.
lape check --region 01
status_is 1 "check --region 01 exits 1"
like "$OUT" '^Uusimaa \(01\)$' "the region is named"
like "$OUT" '^  Regional group: +Uudenmaan LAPE-ryhmä: complete$' \
	"the regional group's state"
like "$OUT" '^  Municipalities: +6 of 26 have a group, 3 a complete one$' \
	"how many municipalities have a (complete) group"
like "$OUT" 'Askola, Hanko' "the municipalities without a group"
like "$OUT" '^  Change agent: +Riikka Väisänen \(Helsingin kaupunki\), active$' \
	"the change agent"
like "$OUT" '^  Eligible for a change agent: +no$' "eligibility"
unlike "$OUT" 'Österbottens' "only the region's groups"
like "$OUT" '^6 groups checked' "the region's six active groups"
lape check --region Nyland --format csv
status_is 1 "a region by its Swedish name"
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 6 "six rows for Uusimaa"
lape check --region Atlantis
status_is 2 "an unknown region exits 2"
one_line_error "the unknown region is one line"

# Alignment by display width: in each block the names start in one column
# whatever å, ä, ö the labels hold.
lape check
if have_python; then
	printf '%s\n' "$OUT" >"$T/check.txt"
	py '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
block = []
bad = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n") + [""]:
    if line.startswith("  ✓ ") or line.startswith("  ✗ "):
        # the label ends where two blanks precede the names
        i = line.index("  ", 4)
        while line[i] == " ":
            i += 1
        block.append(width(line[:i]))
    else:
        if len(set(block)) > 1:
            bad.append(block)
        block = []
sys.exit(1 if bad else 0)
' "$T/check.txt"
	ok "sector lines are aligned by display width" test $? -eq 0
else
	skip "sector lines are aligned by display width" "no python3"
fi

# CSV read back by Python's csv module.
lape check --format csv
status_is 1 "check --format csv exits 1"
if have_python; then
	printf '%s\n' "$OUT" >"$T/check.csv"
	run py '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 8, len(rows)
assert set(rows[0]) == {"uuid", "name", "level", "region", "complete", "missing", "warnings"}, rows[0].keys()
v = [r for r in rows if r["name"] == "Vantaan LAPE-ryhmä"][0]
assert v["complete"] == "false" and v["missing"] == "parishes youth_rep", v
assert v["level"] == "municipal" and v["region"] == "01", v
k = [r for r in rows if r["name"] == "Keravan LAPE-ryhmä"][0]
assert "no chair" in k["warnings"] and "Ilona Sjöberg" in k["warnings"], k
assert sum(r["complete"] == "true" for r in rows) == 4
print("ok")
' "$T/check.csv"
	is "$OUT$ERR" "ok" "the CSV parses and holds the facts"
else
	skip "the CSV parses and holds the facts" "no python3"
fi

# JSON read back by Python's json module.
lape check --format json
status_is 1 "check --format json exits 1"
if have_python; then
	printf '%s\n' "$OUT" >"$T/check.json"
	run py '
import json, sys
groups = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(groups, list) and len(groups) == 8, len(groups)
v = [g for g in groups if g["name"] == "Vantaan LAPE-ryhmä"][0]
assert v["complete"] is False and v["missing"] == ["parishes", "youth_rep"], v
s = {x["key"]: x for x in v["sectors"]}
assert s["youth_rep"]["present"] is False and s["youth_rep"]["covered_by"] == []
assert s["education"]["covered_by"] == ["Pekka Järvinen"], s["education"]
assert [w["kind"] for w in v["warnings"]] == ["vacant_seat"], v["warnings"]
k = [g for g in groups if g["name"] == "Keravan LAPE-ryhmä"][0]
assert {w["kind"] for w in k["warnings"]} == {"no_chair", "term_ended"}, k["warnings"]
e = [g for g in groups if g["name"].startswith("Espoon")][0]
assert e["municipalities"] == ["049", "235"] and e["complete"] is True
print("ok")
' "$T/check.json"
	is "$OUT$ERR" "ok" "the JSON parses and holds the facts"
	lape check --region 15 --format json
	printf '%s\n' "$OUT" >"$T/region.json"
	run py '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
r = d["region"]
assert r["code"] == "15" and r["name_sv"] == "Österbotten", r
assert r["regional_group"]["state"] == "incomplete", r
assert r["with_group"] == 3 and r["complete"] == 3, r
assert r["change_agent"]["status"] == "planned" and r["eligible"] is False, r
assert [g["name"] for g in d["groups"]] == ["Sydösterbottens LAPE-grupp", "Österbottens LAPE-grupp"]
print("ok")
' "$T/region.json"
	is "$OUT$ERR" "ok" "check --region --format json holds the summary"
else
	skip "the JSON parses and holds the facts" "no python3"
	skip "check --region --format json holds the summary" "no python3"
fi

# Finnish/Swedish order: Ö after V (and after z), whatever the locale.
lape check --format csv
names=$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f2)
is "$(printf '%s\n' "$names" | tail -n 2)" "Vantaan LAPE-ryhmä
Österbottens LAPE-grupp" "groups in Finnish order (Ö last)"
LC_ALL=C lape check --format csv
is "$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f2)" "$names" \
	"the same order in the C locale"

# Without UTF-8 the marks are ASCII.  lape turns plain C into C.UTF-8, so
# this needs a real locale of another character set (e.g. fi_FI.ISO-8859-1).
latin=
for l in $(locale -a 2>/dev/null); do
	case $(LC_ALL=$l locale charmap 2>/dev/null) in
	UTF-8 | ANSI_X3.4-1968 | "") ;;
	*) latin=$l; break ;;
	esac
done
if [ -z "$latin" ] && command -v localedef >/dev/null 2>&1 && mkdir -p "$T/loc" &&
	localedef -i fi_FI -f ISO-8859-1 "$T/loc/fi_FI.ISO-8859-1" \
		>/dev/null 2>&1; then
	latin=fi_FI.ISO-8859-1
	LOCPATH=$T/loc
	export LOCPATH
fi
if [ -n "$latin" ]; then
	LC_ALL=$latin lape --lang en check "Vantaan LAPE-ryhmä"
	like "$OUT" '^\[ \] Vantaan' "[ ] without UTF-8 ($latin)"
	like "$OUT" '^  \[x\] education' "[x] without UTF-8 ($latin)"
else
	skip "[ ] without UTF-8" "no locale of another character set"
	skip "[x] without UTF-8" "no locale of another character set"
fi
unset LOCPATH

# A check of many groups reads them in the file's order and prints them in
# name order from a temporary file (from LAPE_CHECK_BY_FILE groups on,
# 100,000 unless set): the same text, exit status and totals.  The demo's
# groups are renamed so that the file's order is not the names'.
cp "$LAPE_DB" "$T/byfile.db"
if have_python; then
	run py "$PY_OPEN"'
con.execute("UPDATE lape_group SET name = char(90 - id) || name")
con.commit()
' "$T/byfile.db"
fi
for args in "" "-a" "--region 01" "--region 07 -a" "--format json" \
	"--format json --region 01" "--format json --region 07"; do
	# shellcheck disable=SC2086 # the arguments are words
	LAPE_CHECK_BY_FILE=1000000 lape --db "$T/byfile.db" check $args
	by_name=$OUT by_name_status=$STATUS
	# shellcheck disable=SC2086
	LAPE_CHECK_BY_FILE=1 lape --db "$T/byfile.db" check $args
	is "$OUT" "$by_name" "check $args in the file's order: the same text"
	is "$STATUS" "$by_name_status" "check $args in the file's order: the same exit status"
done
LAPE_CHECK_BY_FILE=1 lape --db "$T/byfile.db" check
like "$OUT" "groups checked: [0-9]+ complete" "the file's order has the totals"
# Read-only, with the names' order out of date: in name order, by SQL.
if have_python; then
	run py "$PY_OPEN"'
con.execute("UPDATE lape_group SET name = char(65 + id) || name")
con.commit()
' "$T/byfile.db"
	LAPE_CHECK_BY_FILE=1000000 lape --db "$T/byfile.db" --read-only check -a
	by_name=$OUT
	LAPE_CHECK_BY_FILE=1 lape --db "$T/byfile.db" --read-only check -a
	status_is 1 "read-only with the order out of date: checked"
	is "$OUT" "$by_name" "read-only with the order out of date: in name order"
	run py "$PY_OPEN"'
print(con.execute("SELECT count(*) FROM group_key_dirty").fetchone()[0])
' "$T/byfile.db"
	ok "read-only: the order is still out of date" test "$OUT" -gt 0
else
	skip "read-only with the order out of date: checked" "no python3"
	skip "read-only with the order out of date: in name order" "no python3"
	skip "read-only: the order is still out of date" "no python3"
fi

# show: details, members and the check.
lape show "Vantaan LAPE-ryhmä"
status_is 0 "show exits 0"
like "$OUT" '^  Municipalities: +Vantaa$' "show lists the municipalities"
like "$OUT" '^  Regional group: +Uudenmaan LAPE-ryhmä' "show names the regional group"
like "$OUT" '^5 members$' "show counts the members"
like "$OUT" '^\(vacant seat\) ' "show marks a vacant seat"
like "$OUT" '^✗ Vantaan LAPE-ryhmä' "show ends with the check"
lape show "Helsingin lapsi- ja perhepalveluiden johtoryhmä"
like "$OUT" 'deputy of Helena Suominen' "show names whom a deputy stands for"
like "$OUT" 'Existing body: +yes' "show tells an existing body was authorised"
lape show "Nothing like it"
status_is 2 "show of an unknown group exits 2"

done_testing
