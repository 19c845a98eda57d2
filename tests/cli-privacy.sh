#!/bin/sh
# cli-privacy.sh -- a person's rights: lape person export holds every row
# about the person; lape person erase leaves the seats vacant and the
# person's name, e-mail and phone nowhere in the data file or its -wal,
# names the copies that still hold them and removes those when asked.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! have_python; then
	skip "person export and erase" "python3 is missing"
	done_testing
fi

db=$T/lape.db
lape demo
status_is 0 "the demo file is made"

# q SQL: one value from the data file (read behind lape's back).
q() {
	py "$PY_OPEN"'
r = con.execute(sys.argv[2]).fetchone()
print("" if r is None or r[0] is None else r[0])' "$db" "$1"
}
# holds FILE TEXT: whether the bytes of FILE contain TEXT.
holds() {
	[ -f "$1" ] && grep -aqF -- "$2" "$1"
}

aino=$(q "SELECT id FROM person WHERE ltrim(given_names || ' ' || surname) = 'Aino Mäkelä'")
seats=$(q "SELECT count(*) FROM membership WHERE person_id = $aino")
ok "the demo has Aino Mäkelä in a seat" [ "$seats" -ge 1 ]

# ---- export ------------------------------------------------------------
lape person export "Aino Mäkelä" --format json
status_is 0 "export json"
printf '%s\n' "$OUT" >"$T/aino.json"
py "$PY_OPEN"'
import json
e = json.load(open(sys.argv[2]))
pid = int(sys.argv[3])
p = con.execute("SELECT * FROM person WHERE id = ?", (pid,))
cols = [d[0] for d in p.description]
row = dict(zip(cols, p.fetchone()))
assert e["person"] == row, (e["person"], row)
seats = [r[0] for r in con.execute(
    "SELECT uuid FROM membership WHERE person_id = ? ORDER BY id", (pid,))]
assert [m["uuid"] for m in e["memberships"]] == seats
assert all(m["group_name"] for m in e["memberships"])
hist = [(h["table"], h["op"], h["record"]) for h in e["history"]]
assert ("person", "add", "Aino Mäkelä") in hist, hist
assert any(h["table"] == "membership" and h["op"] == "add" and
           h["group"] for h in e["history"]), hist
assert e["audit"] == [], e["audit"]
assert e["change_agent_periods"] == []
' "$db" "$T/aino.json" "$aino"
ok "the JSON holds the person, every seat and the history about her" [ $? -eq 0 ]

agent=$(q "SELECT person_id FROM change_agent WHERE region_code = '01'")
lape person export "$agent" --format json
py '
import json, sys
e = json.loads(sys.argv[1])
assert len(e["change_agent_periods"]) == 1
assert e["change_agent_periods"][0]["region_code"] == "01"
' "$OUT"
ok "the JSON of a change agent holds the agent period" [ $? -eq 0 ]

lape person export "Aino Mäkelä"
status_is 0 "export as text"
like "$OUT" "^  Surname: Mäkelä$" "the text shows the name"
like "$OUT" "^  E-mail: aino\.makela@hel\.example$" "the text shows the e-mail"
like "$OUT" "^  Group: Helsingin lapsi- ja perhepalveluiden johtoryhmä$" \
	"the text shows the group of the seat"
like "$OUT" "^History$" "the text has the history"

lape --lang fi person export "Aino Mäkelä"
like "$OUT" "^Jäsenyydet$" "the text is in the user's language"

lape person export "Nobody Here"
status_is 2 "an unknown person is not found"
is "$ERR" "lape: Nobody Here: no such person" "and named"
lape person export "Aino Mäkelä" --format csv
status_is 2 "csv is not an export format"
one_line_error "the bad format is one line"
lape person
status_is 2 "person without export or erase"
lape person erase
status_is 2 "erase without a person"
like "$ERR" "^lape: person erase: which person\?" "says which argument is missing"

# ---- erase: refusals ---------------------------------------------------
sum=$(checksum "$db")
lape person erase "Aino Mäkelä" </dev/null
status_is 1 "erase without --yes and no terminal is refused"
like "$ERR" "nothing erased; give --yes" "and says how"
is "$(checksum "$db")" "$sum" "the file is untouched"
lape --read-only person erase "Aino Mäkelä" --yes
status_is 1 "erase under --read-only is refused"
is "$ERR" "lape: $db: opened read-only (--read-only)" "and says why"
is "$(checksum "$db")" "$sum" "the file is still untouched"
lape person erase "Aino Mäkelä" --yes --read-only
status_is 1 "--read-only after the command too"
is "$(checksum "$db")" "$sum" "and the file stays untouched"

# ---- erase ---------------------------------------------------------------
# Old values in free space: the name changed once, by a program that did
# not overwrite what it freed, and a phone number in the -wal.
py "$PY_OPEN"'
con.execute("PRAGMA secure_delete=OFF")
con.execute("UPDATE person SET surname = ?, notes = ? WHERE id = ?",
            ("Oldname-Mäkelä", "Oldname " * 1000, int(sys.argv[2])))
con.commit()
con.execute("UPDATE person SET surname = ?, notes = NULL WHERE id = ?",
            ("Mäkelä", int(sys.argv[2])))
con.commit()
' "$db" "$aino"
# holds_either TEXT: the file or its -wal holds TEXT.
holds_either() {
	holds "$db" "$1" || holds "$db-wal" "$1"
}
ok "an old name is left in the file's free space" holds_either "Oldname"
# Another process keeps the file open with a change in its -wal.
py "$PY_OPEN"'
import time
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA wal_autocheckpoint=0")
con.execute("UPDATE person SET phone = ? WHERE id = ?",
            ("+358 40 555 0199", int(sys.argv[2])))
con.commit()
open(sys.argv[3], "w").close()
time.sleep(30)
' "$db" "$aino" "$T/ready" &
holder=$!
wait_for "$T/ready"
ok "the file holds the new phone number before the erase" \
	holds_either "+358 40 555 0199"
# A copy of an upgrade holding the person, and one from before she was
# added.
cp "$db" "$db.v1.bak"
lape --db "$T/empty.db" init --year 2016
cp "$T/empty.db" "$db.v1.bak.2"
groups=$(q "SELECT count(*) FROM membership")

lape person erase "Aino Mäkelä" --yes
status_is 0 "erase with --yes"
like "$OUT" "^Erased Aino Mäkelä; 1 seat is now vacant\.$" "says what it did"
like "$OUT" "^  $db\.v1\.bak$" "lists the copy that holds her"
unlike "$OUT" "bak\.2" "and not the copy that does not"
like "$OUT" "remove (it|them) with --remove-backups" "offers to remove it"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

for f in "$db" "$db-wal"; do
	for w in "Mäkelä" "aino.makela@hel.example" "+358 40 000 0119" \
		"+358 40 555 0199" "Oldname"; do
		if holds "$f" "$w"; then
			fail "'$w' is gone from ${f##*/}"
		else
			pass "'$w' is gone from ${f##*/}"
		fi
	done
done
ok "the copy still holds her until removed" holds "$db.v1.bak" "Mäkelä"

is "$(q "SELECT count(*) FROM person WHERE id = $aino")" 0 "the person is gone"
is "$(q "SELECT count(*) FROM membership")" "$groups" "every seat stays"
is "$(q "SELECT count(*) FROM membership WHERE person_id IS NULL AND
	sectors = 'education' AND role = 'vice_chair'")" 1 \
	"her seat is vacant with its sector and role"
lape log
like "$OUT" " $(id -un): removed person \(erased\)$" \
	"the history says a person was erased, and by whom"
unlike "$OUT" "Mäkelä" "and nothing else about her"
like "$OUT" "added vice-chair vacant seat" "her seat's history stays, vacant"
is "$(q "SELECT count(*) FROM journal_row WHERE (tbl = 'person' AND
	pk = '$aino') OR person_id = $aino")" 0 "the journal holds nothing of her"
lape person export "Aino Mäkelä"
status_is 2 "she cannot be exported any more"
lape show "Helsingin lapsi- ja perhepalveluiden johtoryhmä"
like "$OUT" "^\(vacant seat\) +education +vice-chair" "show lists the vacant seat"
like "$OUT" "vacant seat: education" "the check warns about it"
lape verify
status_is 0 "the file is whole after the erase"

# A change agent: the period stays, without a person.
lape person erase "$agent" --yes
status_is 0 "erase a change agent"
is "$(q "SELECT count(*) FROM change_agent WHERE region_code = '01' AND
	person_id IS NULL")" 1 "the agent period stays without a person"
lape list agents
like "$OUT" "^ *[0-9]+ +\(person erased\) +Uusimaa" \
	"the agent list shows the period"

# The copies: removed when asked, overwritten first.
cp "$db.v1.bak" "$T/copy-before"
jari=$(q "SELECT id FROM person WHERE ltrim(given_names || ' ' || surname) = 'Jari Lähteenmäki'")
# The name in another group's notes: named, not changed.
py "$PY_OPEN"'
con.execute("UPDATE lape_group SET notes = ? WHERE name = ?",
            ("Kysy Jari Lähteenmäeltä, tai jari lähteenmäki tietää.",
             "Vantaan LAPE-ryhmä"))
con.commit()' "$db"
lape person erase "$jari" --yes --remove-backups
status_is 0 "erase with --remove-backups"
like "$OUT" "notes of .*: Vantaan LAPE-ryhmä$" \
	"names the group whose notes mention him"
is "$(q "SELECT notes FROM lape_group WHERE name = 'Vantaan LAPE-ryhmä'")" \
	"Kysy Jari Lähteenmäeltä, tai jari lähteenmäki tietää." \
	"and leaves those notes to the user"
like "$OUT" "^Removed $db\.v1\.bak$" "says which copy it removed"
ok "the copy holding the person is gone" [ ! -e "$db.v1.bak" ]
ok "the copy without the person stays" [ -e "$db.v1.bak.2" ]

done_testing
