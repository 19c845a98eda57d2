#!/bin/sh
# cli-history.sh -- lape log and lape undo on the journal: old and new
# values in the user's language, a group's and a person's history, --since
# and the machine formats; undo of a save and of a removal, refused over
# someone else's later change, itself in the history; a merge keeps the
# laptop's author.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_lapeedit "history"

db=$T/lape.db
lape demo
status_is 0 "the demo is loaded"
me=$(id -un)
pname() { # the name of person $1 as lape shows it
	if [ -n "$(sql_rows "$db" "SELECT 1 FROM pragma_table_info('person') WHERE name = 'surname'")" ]; then
		sql_rows "$db" "SELECT trim(given_names || ' ' || surname) FROM person WHERE id = ?1" "$1"
	else
		sql_rows "$db" "SELECT name FROM person WHERE id = ?1" "$1"
	fi
}
g=$(sql_rows "$db" "SELECT id FROM lape_group ORDER BY id LIMIT 1")
gname=$(sql_rows "$db" "SELECT name FROM lape_group WHERE id = ?1" "$g")
m=$(sql_rows "$db" "SELECT id FROM membership WHERE group_id = ?1 AND role = 'chair'" "$g")
p1=$(sql_rows "$db" "SELECT person_id FROM membership WHERE id = ?1" "$m")
p2=$(sql_rows "$db" "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM membership WHERE group_id = ?1 AND person_id IS NOT NULL) ORDER BY id LIMIT 1" "$g")

# ---- lape log -------------------------------------------------------------
lape log
status_is 0 "lape log exits 0"
like "$OUT" "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} $me: added group " \
	"the demo's additions are in the history, with who and when"
edit_as anna "$db" "UPDATE membership SET person_id = ?1 WHERE id = ?2" "$p2" "$m"
lape log "$gname"
like "$OUT" "^[0-9-]+ [0-9:]+ anna: $gname: chair $(pname "$p1") → $(pname "$p2")\$" \
	"a new chair reads as the issue has it"
edit_as anna "$db" "UPDATE person SET phone = '040 111' WHERE id = ?1" "$p2"
edit_as bertil "$db" "UPDATE person SET phone = '050 222' WHERE id = ?1" "$p2"
lape log "$(pname "$p2")"
like "$OUT" "bertil: person $(pname "$p2"): phone: 040 111 → 050 222\$" \
	"a field's old and new value"
like "$OUT" "anna: person $(pname "$p2"): phone: \(empty\) → 040 111\$" \
	"an empty old value is shown as empty"
like "$OUT" "anna: $gname: chair .* → $(pname "$p2")" \
	"a person's history includes the seats they took"
lape log "$gname"
unlike "$OUT" "phone" "a group's history leaves out its members' own fields"
lape --lang fi log "$(pname "$p2")"
like "$OUT" "henkilö $(pname "$p2"): puhelin: 040 111 → 050 222" \
	"in Finnish"
lape --lang sv log "$(pname "$p2")"
like "$OUT" "person $(pname "$p2"): telefon: 040 111 → 050 222" \
	"in Swedish"
lape log --since 2999-01-01
is "$OUT" "" "--since a later day shows nothing"
lape log --since 2000-01-01
like "$OUT" "bertil" "--since an earlier day shows all"
lape log --since yesterday
status_is 2 "--since takes a date"
lape log "no such thing"
status_is 2 "an unknown group or person exits 2"
one_line_error "and says so in one line"
lape log "$(pname "$p2")" --format csv
like "$OUT" "^at,user,group,table,record,action,field,old,new,kind,merged_from" \
	"CSV has a header of keys"
like "$OUT" ",person,.*,change,phone,040 111,050 222,change," "a CSV row"
lape log "$(pname "$p2")" --format json
ok "the JSON is valid" py 'import json,sys; d=json.loads(sys.argv[1]); assert d[-1]["new"] == "050 222" and d[-1]["user"] == "bertil"' "$OUT"

# ---- lape undo ------------------------------------------------------------
# Undo acts for the OS user: this test's changes are made as that user.
edit_as "$me" "$db" "UPDATE person SET email = 'x@example.fi' WHERE id = ?1" "$p2"
lape undo </dev/null
status_is 1 "undo without --yes and no terminal asks and does nothing"
like "$OUT" "e-mail: .* → x@example.fi" "it says what it would undo"
is "$(sql_rows "$db" "SELECT email FROM person WHERE id = ?1" "$p2")" "x@example.fi" \
	"nothing is undone without a yes"
lape undo --yes
status_is 0 "undo --yes exits 0"
like "$OUT" "^Undone: person .*e-mail" "it says what it undid"
ok "the e-mail is back as it was" [ "$(sql_rows "$db" "SELECT email FROM person WHERE id = ?1" "$p2")" != "x@example.fi" ]
lape log "$(pname "$p2")"
like "$OUT" "$me: person .*: e-mail: x@example.fi → .* \(undo\)\$" \
	"an undo is itself a change in the history"

# A removal: the group and its members come back.
g2=$(sql_rows "$db" "SELECT id FROM lape_group ORDER BY id DESC LIMIT 1")
before=$(sql_rows "$db" "SELECT * FROM membership WHERE group_id = ?1 ORDER BY id" "$g2")
n=$(sql_rows "$db" "SELECT count(*) FROM membership WHERE group_id = ?1" "$g2")
edit_as "$me" "$db" "DELETE FROM lape_group WHERE id = ?1" "$g2"
is "$(sql_rows "$db" "SELECT count(*) FROM membership WHERE group_id = ?1" "$g2")" "0" \
	"removing a group removes its memberships"
lape undo --yes
status_is 0 "undo of a removal"
is "$(sql_rows "$db" "SELECT count(*) FROM lape_group WHERE id = ?1" "$g2")" "1" \
	"the group comes back"
is "$(sql_rows "$db" "SELECT * FROM membership WHERE group_id = ?1 ORDER BY id" "$g2")" \
	"$before" "with all its $n memberships as they were"
is "$(sql_rows "$db" "PRAGMA foreign_key_check")" "" "no dangling reference"

# Someone else's later change: refused, naming it.
edit_as "$me" "$db" "UPDATE person SET organisation = 'Mine Oy' WHERE id = ?1" "$p1"
edit_as anna "$db" "UPDATE person SET organisation = 'Annas Oy' WHERE id = ?1" "$p1"
lape undo --yes
status_is 1 "undo over someone else's later change is refused"
like "$ERR" "^lape: undo refused: person $(pname "$p1"): organisation was changed afterwards by anna at [0-9-]+ [0-9:]+" \
	"the refusal names who changed what and when"
is "$(sql_rows "$db" "SELECT organisation FROM person WHERE id = ?1" "$p1")" "Annas Oy" \
	"nothing is undone"

# Repeated, undo walks back; a redo is not offered by the command line.
edit_as "$me" "$db" "UPDATE person SET notes = 'one' WHERE id = ?1" "$p2"
edit_as "$me" "$db" "UPDATE person SET notes = 'two' WHERE id = ?1" "$p2"
lape undo --yes
is "$(sql_rows "$db" "SELECT notes FROM person WHERE id = ?1" "$p2")" "one" "undo once"
lape undo --yes
is "$(sql_rows "$db" "SELECT coalesce(notes, '') FROM person WHERE id = ?1" "$p2")" "" \
	"undo again walks back further"

# ---- the plain sqlite3 shell ----------------------------------------------
# No audit triggers call lape_user() any more: a program without lape's SQL
# functions can write (issue 11).
ok "a plain SQLite connection can change the file" py '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("UPDATE lape_group SET notes = ? WHERE id = ?", ("shell", int(sys.argv[2])))
con.commit()' "$db" "$g"
is "$(sql_rows "$db" "SELECT notes FROM lape_group WHERE id = ?1" "$g")" "shell" \
	"and the change is there"

# ---- a merge keeps the laptop's author --------------------------------------
lape copy "$T/laptop.db"
edit_as pekka "$T/laptop.db" "UPDATE person SET phone = '045 9' WHERE id = ?1" "$p1"
lape merge "$T/laptop.db"
status_is 0 "a laptop's change is merged"
lape log "$(pname "$p1")"
like "$OUT" "pekka: person .*: phone: .* → 045 9 \(merged\)\$" \
	"the history names the laptop's author and says it came by a merge"

# ---- an entry whose rows refer to each other -------------------------------
# The demo is one change of 121 rows, deputies among them: removing one
# member clears its deputy's reference, which is no change by anyone else.
lape --db "$T/demo-undo.db" demo
lape --db "$T/demo-undo.db" undo --yes
status_is 0 "undo of an entry with a member and its deputy"
is "$(sql_rows "$T/demo-undo.db" "SELECT count(*) FROM membership")" 0 \
	"and all of its rows are gone"

done_testing
