#!/bin/sh
# cli-migrate.sh -- a data file of format 1, made by the lape of December
# 2026 (`lape demo`, then six people with awkward names written in with
# sqlite3: one word, extra blanks, four words with "von", "Surname, Given",
# a decomposed "Zoë", "af Forselles"), upgraded to the newest format (through the
# overview's state, the journal and the agents without a person, 2 to 4,
# to the names): nothing lost,
# a copy of the old file kept, every name split as a coordinator would.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

old=$TESTS_SRCDIR/data/schema1-demo.db
db=$T/old.db
cp "$old" "$db"
chmod 0600 "$db"

lape --db "$db" list people --format csv
status_is 0 "an old file is upgraded on first use"
is "$ERR" "" "without a word on stderr"
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 53 \
	"all 53 people are listed"
ok "the old file is kept as old.db.v1.bak" test -f "$T/old.db.v1.bak"
ok "the copy is as private as the file" \
	sh -c "[ \"\$(stat -c %a '$T/old.db.v1.bak')\" = 600 ]"

if have_python; then
	# Every row of every table is as it was, but for the person's name;
	# every old name is its given names and surname, or is in the notes.
	run py '
import sqlite3, sys, unicodedata
old = sqlite3.connect(sys.argv[1])
new = sqlite3.connect(sys.argv[2])
bak = sqlite3.connect(sys.argv[3])
def rows(con, t):
    return con.execute("SELECT * FROM %s ORDER BY rowid" % t).fetchall()
newest = int(open(sys.argv[4]).read().split("#define LAPE_SCHEMA_VERSION ")[1].split()[0])
assert new.execute("PRAGMA user_version").fetchone()[0] == newest
assert bak.execute("PRAGMA user_version").fetchone()[0] == 1
tables = [r[0] for r in old.execute(
    "SELECT name FROM sqlite_master WHERE type = \"table\" ORDER BY name")]
for t in tables:
    if t in ("person", "audit"):
        continue
    if t == "meta":  # format 3 gives the file its identity: added rows
        assert set(rows(old, t)) <= set(rows(new, t)), t
    else:
        assert rows(old, t) == rows(new, t), t
    assert rows(old, t) == rows(bak, t), t
assert rows(old, "audit") == rows(new, "audit")
o = {r[0]: r for r in old.execute(
    "SELECT id, name, organisation, email, phone, notes, version, uuid, "
    "created, updated FROM person")}
n = {r[0]: r for r in new.execute(
    "SELECT id, surname, given_names, gender, organisation, email, phone, "
    "notes, version, uuid, created, updated FROM person")}
assert sorted(o) == sorted(n), (len(o), len(n))
for i, (pid, name, org, email, phone, notes, ver, uuid, cr, up) in o.items():
    _, sur, given, gender, org2, email2, phone2, notes2, ver2, uuid2, cr2, up2 = n[i]
    assert (org, email, phone, ver, uuid, cr, up) == \
        (org2, email2, phone2, ver2, uuid2, cr2, up2), name
    assert gender == "", name
    assert sur and sur == sur.strip(), name
    assert unicodedata.normalize("NFC", sur) == sur, name
    words = unicodedata.normalize("NFC", name).split()
    if notes2 == notes:  # a clear split: the name is its two parts
        assert " ".join(words) == given + " " + sur, name
        assert 2 <= len(words) <= 3 and "," not in name, name
    else:                # a guess: the old name is kept in the notes
        assert name in notes2, (name, notes2)
        assert notes2.startswith(notes or ""), name
print("ok")
' "$old" "$db" "$T/old.db.v1.bak" "$TESTS_SRCDIR/../include/lape/db.h"
	is "$OUT$ERR" "ok" "every row is kept; each name split or kept in the notes"

	run py '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute("SELECT given_names, surname, notes FROM person "
                       "WHERE id > 47 ORDER BY id"):
    print("|".join(x or "" for x in row).replace("\n", "/"))
' "$db"
	is "$OUT" "|Madonna|Name before the split into surname and given names: Madonna
Anna-Liisa Marja|Virtanen-Korhonen|Puhelin vain iltaisin
Georg Henrik|von Wright|Name before the split into surname and given names: Georg Henrik von Wright
Karl-Erik|Lindqvist|Name before the split into surname and given names: Lindqvist, Karl-Erik
Zoë|Ahlström|
Ebba|af Forselles|Name before the split into surname and given names: Ebba af Forselles" \
		"the awkward names: split, trimmed, in NFC, the guesses noted"
else
	skip "every row is kept" "no python3"
	skip "the awkward names" "no python3"
fi

# The upgraded file works: found by either part, sorted by surname.
lape --db "$db" list people --format csv
first=$(printf '%s\n' "$OUT" | sed -n 2p | cut -d, -f3)
is "$first" "Matti Aaltonen" "sorted by surname: Aaltonen first"
lape --db "$db" check --format json
status_is 1 "check on the upgraded file (some groups incomplete)"
like "$OUT" '"Helena Suominen"' "members are shown by given name and surname"

# A second run upgrades nothing and makes no second copy.
lape --db "$db" list groups
status_is 0 "the upgraded file opens again"
ok "no second copy" test ! -e "$T/old.db.v1.bak.2"

# The fixture itself is untouched (read-only source, a copy was upgraded).
if have_python; then
	run py '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])
' "$old"
	is "$OUT" 1 "the fixture stays at format 1"
else
	skip "the fixture stays at format 1" "no python3"
fi

done_testing
