#!/bin/sh
# cli-merge.sh -- lape copy and lape merge with real files: a server, its
# laptops, every kind of conflict, repeated merges, two laptops, both
# directions, files that are not copies, and kill -9 during a merge.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_lapeedit "merges"

# add_person USER FILE NAME: prints the new id.
add_person() {
	if [ "$NAMECOL" = surname ]; then
		edit_as "$1" "$2" "INSERT INTO person(id, surname, given_names) VALUES (lape_new_id('person'), ?1, 'Testi')" "$3"
	else
		edit_as "$1" "$2" "INSERT INTO person(id, name) VALUES (lape_new_id('person'), ?1)" "$3"
	fi
}

# data FILE: the records of FILE, to compare two states (a record's
# version and time of change aside: each file counts its own).
data() {
	for t in person lape_group group_municipality membership change_agent; do
		cols=$(sql_rows "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t') WHERE name NOT IN ('version', 'updated')")
		sql_rows "$1" "SELECT $cols FROM $t ORDER BY 1, 2"
	done
}

srv=$T/server.db
lap=$T/laptop.db
lape --db "$srv" demo
status_is 0 "the server's file is made"
# The person's name: a single name, or surname and given names.
NAMECOL=name
[ -n "$(sql_rows "$srv" "SELECT 1 FROM pragma_table_info('person') WHERE name = 'surname'")" ] &&
	NAMECOL=surname

# ---- copy -----------------------------------------------------------------
lape --db "$srv" copy "$lap"
status_is 0 "lape copy exits 0"
like "$OUT" "lape merge" "lape copy says how to bring it back"
is "$(stat -c %a "$lap")" "600" "the copy is mode 0600"
is "$(sql_rows "$lap" "SELECT value FROM meta WHERE key = 'family'")" \
	"$(sql_rows "$srv" "SELECT value FROM meta WHERE key = 'family'")" \
	"the copy is of the server's family"
is "$(sql_rows "$lap" "SELECT value FROM meta WHERE key = 'origin'")" "1" \
	"the first copy gets its own id range"
is "$(sql_rows "$lap" "SELECT value FROM meta WHERE key = 'copied_from'")" \
	"$(sql_rows "$srv" "SELECT value FROM meta WHERE key = 'file_uuid'")" \
	"the copy remembers the file it came from"
is "$(sql_rows "$lap" "SELECT value FROM meta WHERE key = 'copy_point'")" \
	"$(sql_rows "$srv" "SELECT uuid FROM journal ORDER BY id DESC LIMIT 1")" \
	"the copy remembers the point it was copied at"
is "$(data "$lap")" "$(data "$srv")" "the copy holds the same records"
lape --db "$srv" copy "$lap"
status_is 1 "a copy over an existing file is refused"
one_line_error "the refusal is one line"

# ---- changes that do not collide ------------------------------------------
p=$(sql_rows "$srv" "SELECT id FROM person ORDER BY id LIMIT 1")
g=$(sql_rows "$srv" "SELECT id FROM lape_group ORDER BY id LIMIT 1")
edit_as anna "$srv" "UPDATE person SET phone = '040 111' WHERE id = ?1" "$p"
edit_as pekka "$lap" "UPDATE person SET email = 'p@example.fi' WHERE id = ?1" "$p"
new=$(add_person pekka "$lap" "Järvinen")
ok "a laptop's new id is in its own range" [ "$new" -gt 4294967295 ]
before=$(checksum "$srv")
lape --db "$srv" merge "$lap" --dry-run
status_is 0 "a dry run without conflicts exits 0"
like "$OUT" "^changed: person .*e-mail: .* → p@example.fi \(pekka " \
	"the dry run lists a change with its author"
like "$OUT" "^added: person .*Järvinen \(pekka " "the dry run lists a new record"
is "$(checksum "$srv")" "$before" "a dry run writes nothing"
lape --db "$srv" merge "$lap"
status_is 0 "a merge without conflicts exits 0"
like "$OUT" "Merged .*: 2 changes" "the merge says what it brought"
is "$(sql_rows "$srv" "SELECT phone, email FROM person WHERE id = ?1" "$p")" \
	"040 111|p@example.fi" "different fields of one record both stay"
is "$(sql_rows "$srv" "SELECT count(*) FROM person WHERE id = ?1" "$new")" "1" \
	"the laptop's new person is on the server"
is "$(sql_rows "$srv" "SELECT os_user FROM journal WHERE merged_from IS NOT NULL ORDER BY id")" \
	"pekka
pekka" "the history keeps the laptop's author"
is "$(sql_rows "$srv" "SELECT j.at FROM journal j WHERE merged_from IS NOT NULL ORDER BY id LIMIT 1")" \
	"$(sql_rows "$lap" "SELECT at FROM journal ORDER BY id DESC LIMIT 1 OFFSET 1")" \
	"the history keeps the laptop's time"

# ---- the same file again, and more work -----------------------------------
snap=$(data "$srv")
lape --db "$srv" merge "$lap"
status_is 0 "merging the same file again exits 0"
like "$OUT" ": 0 changes" "merging the same file again changes nothing"
is "$(data "$srv")" "$snap" "the records are as they were"
edit_as pekka "$lap" "UPDATE person SET organisation = 'Uusi Oy' WHERE id = ?1" "$new"
lape --db "$srv" merge "$lap" --dry-run
is "$(printf '%s\n' "$OUT" | grep -c '^changed\|^added\|^removed')" "1" \
	"a second merge brings only what is new"
lape --db "$srv" merge "$lap"
is "$(sql_rows "$srv" "SELECT organisation FROM person WHERE id = ?1" "$new")" \
	"Uusi Oy" "the new work arrives"

# ---- the same field on both sides -----------------------------------------
edit_as anna "$srv" "UPDATE person SET phone = '040 222' WHERE id = ?1" "$p"
edit_as pekka "$lap" "UPDATE person SET phone = '050 333' WHERE id = ?1" "$p"
before=$(checksum "$srv")
lape --db "$srv" merge "$lap"
status_is 1 "a conflict without --prefer exits 1"
like "$OUT" "^conflict: person .*: phone: changed on both sides" \
	"the conflict names the record and the field"
like "$OUT" "^  server: 040 222 \(anna [0-9-]+ [0-9:]+\)" \
	"the server's value with who and when"
like "$OUT" "^  laptop: 050 333 \(pekka [0-9-]+ [0-9:]+\)" \
	"the laptop's value with who and when"
one_line_error "the refusal is one line on stderr"
is "$(checksum "$srv")" "$before" "a refused merge writes nothing"
lape --db "$srv" merge "$lap" --dry-run
status_is 1 "a dry run with an undecided conflict exits 1"
like "$OUT" "^conflict: " "the dry run lists the conflict"
is "$(checksum "$srv")" "$before" "the dry run writes nothing"
lape --db "$srv" merge "$lap" --prefer server
status_is 0 "--prefer server merges"
is "$(sql_rows "$srv" "SELECT phone FROM person WHERE id = ?1" "$p")" "040 222" \
	"--prefer server keeps the server's value"
lape --db "$srv" merge "$lap"
status_is 0 "the decided conflict does not come back"

edit_as anna "$srv" "UPDATE person SET notes = 'srv' WHERE id = ?1" "$p"
edit_as pekka "$lap" "UPDATE person SET notes = 'lap' WHERE id = ?1" "$p"
lape --db "$srv" merge "$lap" --prefer laptop
status_is 0 "--prefer laptop merges"
is "$(sql_rows "$srv" "SELECT notes FROM person WHERE id = ?1" "$p")" "lap" \
	"--prefer laptop takes the laptop's value"
lape --db "$srv" merge "$lap" --prefer bogus
status_is 2 "--prefer takes only server or laptop"

# ---- the reverse direction ------------------------------------------------
lape --db "$srv" copy "$T/server-copy.db"
lape --db "$lap" merge "$T/server-copy.db"
status_is 0 "the laptop merges a copy of the server without a conflict"
is "$(sql_rows "$lap" "SELECT phone, notes FROM person WHERE id = ?1" "$p")" \
	"040 222|lap" "the laptop gets the server's decisions"
is "$(data "$lap")" "$(data "$srv")" "both files hold the same records"
lape --db "$srv" merge "$lap"
like "$OUT" ": 0 changes" "and merging back changes nothing"

# ---- changed on one side, removed on the other ----------------------------
m1=$(sql_rows "$srv" "SELECT id FROM membership ORDER BY id LIMIT 1")
m2=$(sql_rows "$srv" "SELECT id FROM membership ORDER BY id LIMIT 1 OFFSET 1")
edit_as anna "$srv" "UPDATE membership SET organisation = 'S Oy' WHERE id = ?1" "$m1"
edit_as pekka "$lap" "DELETE FROM membership WHERE id = ?1" "$m1"
edit_as anna "$srv" "DELETE FROM membership WHERE id = ?1" "$m2"
edit_as pekka "$lap" "UPDATE membership SET organisation = 'L Oy' WHERE id = ?1" "$m2"
lape --db "$srv" merge "$lap"
status_is 1 "changed and removed is a conflict"
like "$OUT" "^conflict: member .*removed there, changed here" \
	"removed on the laptop, changed on the server"
like "$OUT" "^conflict: member .*changed there, removed here" \
	"changed on the laptop, removed on the server"
lape --db "$srv" merge "$lap" --prefer laptop
status_is 0 "taking the laptop's side"
is "$(sql_rows "$srv" "SELECT count(*) FROM membership WHERE id = ?1" "$m1")" "0" \
	"the laptop's removal is taken"
is "$(sql_rows "$srv" "SELECT organisation FROM membership WHERE id = ?1" "$m2")" \
	"L Oy" "the record removed on the server comes back as the laptop has it"

# ---- a reference to a removed record, and a record still in use ----------
g2=$(sql_rows "$srv" "SELECT id FROM lape_group ORDER BY id DESC LIMIT 1")
p2=$(add_person anna "$srv" "Poistettava")
lape --db "$srv" copy "$T/laptop2.db"
lap2=$T/laptop2.db
edit_as anna "$srv" "DELETE FROM lape_group WHERE id = ?1" "$g2"
edit_as pekka "$lap2" "INSERT INTO membership(id, group_id, person_id, sectors) VALUES (lape_new_id('membership'), ?1, ?2, 'youth')" "$g2" "$p"
edit_as anna "$srv" "INSERT INTO membership(id, group_id, person_id, sectors) VALUES (lape_new_id('membership'), ?1, ?2, 'youth')" "$g" "$p2"
edit_as pekka "$lap2" "DELETE FROM person WHERE id = ?1" "$p2"
before=$(checksum "$srv")
lape --db "$srv" merge "$lap2"
status_is 1 "a missing reference is a conflict"
like "$OUT" "^conflict: member .*refers to a record removed here" \
	"a membership of a group removed on the server"
like "$OUT" "^conflict: person (Testi )?Poistettava.*removed there, still used here" \
	"a person removed on the laptop but a member on the server"
is "$(checksum "$srv")" "$before" "nothing is written"
lape --db "$srv" merge "$lap2" --prefer server
status_is 0 "keeping the server's side"
is "$(sql_rows "$srv" "PRAGMA foreign_key_check")" "" "no dangling reference"
is "$(sql_rows "$srv" "SELECT count(*) FROM person WHERE id = ?1" "$p2")" "1" \
	"the person still in use stays"
is "$(sql_rows "$srv" "SELECT count(*) FROM membership WHERE group_id = ?1" "$g2")" "0" \
	"the membership of the removed group is not added"

# ---- two laptops ----------------------------------------------------------
lape --db "$srv" copy "$T/a.db"
lape --db "$srv" copy "$T/b.db"
is "$(sql_rows "$T/a.db" "SELECT value FROM meta WHERE key = 'origin'") $(sql_rows "$T/b.db" "SELECT value FROM meta WHERE key = 'origin'")" \
	"4 5" "each copy gets its own range"
pa=$(add_person aino "$T/a.db" "Aaltonen")
pb=$(add_person bertil "$T/b.db" "Bergström")
edit_as aino "$T/a.db" "UPDATE person SET phone = 'A' WHERE id = ?1" "$p"
edit_as bertil "$T/b.db" "UPDATE person SET phone = 'B' WHERE id = ?1" "$p"
lape --db "$srv" merge "$T/a.db"
status_is 0 "the first laptop merges"
lape --db "$srv" merge "$T/b.db"
status_is 1 "the second laptop's change to the same field is a conflict"
like "$OUT" "^  server: A \(aino " "the server's side names the first laptop's author"
lape --db "$srv" merge "$T/b.db" --prefer laptop
is "$(sql_rows "$srv" "SELECT count(*) FROM person WHERE id IN (?1, ?2)" "$pa" "$pb")" "2" \
	"both laptops' new people are on the server"
is "$(sql_rows "$srv" "SELECT phone FROM person WHERE id = ?1" "$p")" "B" \
	"the decision is the second laptop's"

# ---- while others write ---------------------------------------------------
DBWRITER=${TESTS_BUILDDIR:-$(dirname "$LAPE")/../tests}/dbwriter
if [ -x "$DBWRITER" ]; then
	"$DBWRITER" write "$srv" 3 w1 >"$T/w1.out" 2>"$T/w1.err" &
	w1=$!
	sleep 1
	lape --db "$srv" copy "$T/during.db"
	status_is 0 "a copy while another lape writes"
	run "$DBWRITER" check "$T/during.db"
	status_is 0 "the copy holds every save whole or not at all"
	# Two laptops merged at once, while the writer goes on.
	lape --db "$srv" copy "$T/c1.db"
	lape --db "$srv" copy "$T/c2.db"
	c1=$(add_person cecilia "$T/c1.db" "Cederberg")
	c2=$(add_person dani "$T/c2.db" "Dahl")
	"$LAPE" --db "$srv" merge "$T/c1.db" >"$T/m1.out" 2>&1 &
	m1=$!
	"$LAPE" --db "$srv" merge "$T/c2.db" >"$T/m2.out" 2>&1
	s2=$?
	wait "$m1"
	s1=$?
	wait "$w1"
	is "$s1 $s2" "0 0" "two merges at once both go through"
	is "$(sql_rows "$srv" "SELECT count(*) FROM person WHERE id IN (?1, ?2)" "$c1" "$c2")" "2" \
		"nobody's work is lost"
	ok "the writer's saves went on" [ "$(cat "$T/w1.out")" -gt 0 ]
	run "$DBWRITER" check "$srv"
	status_is 0 "the writer's saves are whole"
else
	skip "copies while others write" "no tests/dbwriter"
fi

# ---- files that are not copies --------------------------------------------
lape --db "$T/other.db" demo
lape --db "$srv" merge "$T/other.db"
status_is 2 "a file of another family exits 2"
like "$ERR" "not a copy of this data file" "and says why"
one_line_error "in one line"
lape --db "$srv" merge "$srv"
status_is 2 "the data file itself exits 2"
like "$ERR" "the data file itself" "and says so"
cp "$srv" "$T/plain.db"
lape --db "$srv" merge "$T/plain.db"
status_is 2 "a plain cp of the file exits 2"
like "$ERR" "plain copy" "and says so"
printf 'not a database at all, just text\n%.0s' $(seq 1 200) >"$T/text.db"
before=$(checksum "$srv")
lape --db "$srv" merge "$T/text.db"
status_is 2 "a file of another program exits 2"
one_line_error "with one line"
lape --db "$srv" merge "$T/none.db"
status_is 2 "a missing file exits 2"
cp "$T/a.db" "$T/newer.db"
sql_rows "$T/newer.db" "PRAGMA user_version = 99" >/dev/null
lape --db "$srv" merge "$T/newer.db"
status_is 2 "a copy of a newer format exits 2"
like "$ERR" "newer" "and says it is newer"
head -c 8192 "$T/a.db" >"$T/truncated.db"
lape --db "$srv" merge "$T/truncated.db"
status_is 2 "a truncated copy exits 2"
is "$(checksum "$srv")" "$before" "the server is untouched by bad files"

# ---- kill -9 during a merge -----------------------------------------------
lape --db "$srv" copy "$T/big.db"
if [ "$NAMECOL" = surname ]; then
	ins="INSERT INTO person(id, surname, given_names) VALUES (lape_new_id('person'), 'Iso ' || ?1, 'Testi')"
else
	ins="INSERT INTO person(id, name) VALUES (lape_new_id('person'), 'Iso ' || ?1)"
fi
# 2,000 new people and 2,000 edits: a merge long enough to be killed in,
# on a fast machine too (400 took 0.04 s, and only 2 kills landed).
LAPEEDIT_USER=kalle "$LAPEEDIT" -n 2000 "$T/big.db" "$ins"
LAPEEDIT_USER=kalle "$LAPEEDIT" -n 2000 "$T/big.db" "UPDATE person SET organisation = 'Org ' || ?1 WHERE id = $p"
killed=0
torn=0
# Killed at later and later moments until one merge gets to its end.
for t in 0.005 0.01 0.02 0.03 0.04 0.06 0.08 0.1 0.12 0.15 0.2 0.25 0.3 0.4 0.5 0.7 1 1.5 2; do
	"$LAPE" --db "$srv" merge "$T/big.db" >/dev/null 2>&1 &
	pid=$!
	sleep "$t"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	got=$(sql_rows "$srv" "SELECT count(*) FROM person WHERE $NAMECOL LIKE 'Iso %'")
	[ "$(sql_rows "$srv" "PRAGMA integrity_check")" = ok ] || torn=$((torn + 1))
	[ -z "$(sql_rows "$srv" "PRAGMA foreign_key_check")" ] || torn=$((torn + 1))
	case $got in
	0) ;;
	2000) break ;;
	*) torn=$((torn + 1)) ;;
	esac
done
diag "killed $killed merges, the last after ${t}s"
ok "kill -9 at $killed moments of a merge" [ "$killed" -ge 3 ]
is "$torn" 0 "after each kill the file is whole and the merge all there or not at all"
lape --db "$srv" merge "$T/big.db"
status_is 0 "a merge after the kills goes through"
is "$(sql_rows "$srv" "SELECT count(*) FROM person WHERE $NAMECOL LIKE 'Iso %'")" "2000" \
	"and brings everything"

done_testing
