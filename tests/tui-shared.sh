#!/bin/sh
# tui-shared.sh -- another coordinator changes the file under open
# screens: the change shows within a second or two while the screen sits
# idle, the selection stays on the same record (by id), a screen whose
# record was deleted says so and goes back, Ctrl-L reads anew, and no read
# transaction is kept open between keys (the -wal file can be reset).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data"

# other SQL [ARGS...]: another coordinator's change, in its own process
other() {
	py "$PY_OPEN"'
con.execute("PRAGMA foreign_keys = ON")
con.execute(sys.argv[2], sys.argv[3:])
con.commit()' "$LAPE_DB" "$@"
}

# idle TEXT DESCRIPTION: the screen comes to show TEXT with no key pressed
idle() {
	if tui_wait "$1" 5; then
		pass "$2"
	else
		fail "$2" "the screen never showed: $1" "screen:" "$SCREEN"
	fi
}

# wal_reset DESCRIPTION: another process can checkpoint and truncate the
# -wal file (no reader holds it)
wal_reset() {
	other "UPDATE meta SET value = value WHERE key = 'refdata_year'"
	if py "$PY_OPEN"'
import os
busy, log, done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
size = os.path.getsize(sys.argv[1] + "-wal")
sys.exit(0 if busy == 0 and size == 0 else 1)' "$LAPE_DB"; then
		pass "$1"
	else
		fail "$1" "the -wal file could not be reset"
	fi
}

tui_start
expect "overview by region" "the overview"
keys l
expect "Groups — all regions" "the groups"
keys G
expect "> ✗ 1    Österbottens LAPE-grupp" "the last group selected"
wal_reset "a list open: the -wal file can be reset"

# A group renamed elsewhere: the list shows it, the selection follows it.
other "UPDATE lape_group SET name = ?, version = version + 1 WHERE name = ?" \
	"Aaltoryhmä" "Österbottens LAPE-grupp"
idle "> ✗ 1    Aaltoryhmä" \
	"renamed elsewhere: shown at once while idle, still selected (by id)"
like "$SCREEN" '^  .*Espoon ja Kauniaisten' "and sorted to its new place"

# Another group renamed elsewhere.
other "UPDATE lape_group SET name = ?, version = version + 1 WHERE name = ?" \
	"Bättre gruppen" "Keravan LAPE-ryhmä"
idle "Bättre gruppen" "a change elsewhere shows in the list"
like "$SCREEN" '^> ✗ 1    Aaltoryhmä' "the selection stays on its group"

# The group screen: a member removed elsewhere.
keys /
type_text "vantaan"
keys Enter
expect "> ✗ 2    Vantaan LAPE-ryhmä" "found"
keys Enter
expect "Group: Vantaan LAPE-ryhmä" "its screen"
expect "Members (5)" "five members"
keys j j
expect "> Pekka Järvinen" "the third member selected"
wal_reset "a group open: the -wal file can be reset"
other "DELETE FROM membership WHERE person_id = (SELECT id FROM person WHERE given_names || ' ' || surname = ?)" \
	"Henna Salo"
idle "Members (4)" "a member removed elsewhere: shown while idle"
unlike "$SCREEN" "Henna Salo" "she is gone from the screen"
like "$SCREEN" "^> Pekka Järvinen" "the selection stays on the same member"
other "DELETE FROM membership WHERE person_id = (SELECT id FROM person WHERE given_names || ' ' || surname = ?)" \
	"Pekka Järvinen"
idle "Members (3)" "the selected member removed elsewhere"
like "$SCREEN" "^> Päivi Kääriäinen" "the selection on the nearest row"
keys d
expect "Remove Päivi Kääriäinen" "d acts on the member shown (it failed)"
keys n

# Ctrl-L reads anew as well as redraws.
other "UPDATE lape_group SET mandate_body = ?, version = version + 1 WHERE name = ?" \
	"Vantaan kaupunginvaltuusto" "Vantaan LAPE-ryhmä"
keys C-l
expect "Mandate: Vantaan kaupunginvaltuusto" "Ctrl-L shows the change"

# The group deleted elsewhere: the screen says so and goes back.
other "DELETE FROM lape_group WHERE name = ?" "Vantaan LAPE-ryhmä"
idle 'The group "Vantaan LAPE-ryhmä" was deleted.' \
	"the group deleted elsewhere: said so"
like "$SCREEN" "Groups — all regions" "and back on the list"
like "$SCREEN" "No groups here" "where it is gone"

# A form open on a record deleted elsewhere keeps what was typed.
keys c
expect "Search: -" "the filters cleared"
keys g Enter
expect "Group: Aaltoryhmä" "a group"
keys e
expect "Edit group" "its form"
keys C-u
type_text "Meidän nimemme"
other "DELETE FROM lape_group WHERE name = ?" "Aaltoryhmä"
keys C-s
expect "no longer exists" "saving says it no longer exists"
like "$SCREEN" "Name \\*  Meidän nimemme" "and the form keeps what was typed"
keys Escape
expect "Discard your changes?" "Esc asks"
keys y
expect "was deleted." "the group's screen says it was deleted"
expect "Groups — all regions" "and goes back"

# People: a person renamed elsewhere, and one deleted.
keys q p
expect "Search: -  (47)" "the people"
keys j j j
expect "> Karin Björklund" "a person selected (by surname)"
other "UPDATE person SET given_names = ?, version = version + 1 WHERE given_names || ' ' || surname = ?" \
	"Aapeli" "Karin Björklund"
idle "> Aapeli Björklund" "renamed elsewhere: still selected"
keys Enter
expect "Person: Aapeli Björklund" "the person's screen"
wal_reset "a person open: the -wal file can be reset"
other "DELETE FROM change_agent WHERE person_id = (SELECT id FROM person WHERE given_names || ' ' || surname = ?)" \
	"Aapeli Björklund"
other "DELETE FROM membership WHERE person_id = (SELECT id FROM person WHERE given_names || ' ' || surname = ?)" \
	"Aapeli Björklund"
other "DELETE FROM person WHERE given_names || ' ' || surname = ?" "Aapeli Björklund"
idle "Aapeli Björklund was deleted." "deleted elsewhere: said so"
like "$SCREEN" "Search: -  \\(46\\)" "back on the list, without them"

# Forms, pick lists and prompts hold no read transaction either.
keys n
expect "New person" "a form"
wal_reset "a form open: the -wal file can be reset"
keys Escape q l g Enter n
expect "New member of" "a member form"
keys Enter
expect "+ New person..." "a pick list"
wal_reset "a pick list open: the -wal file can be reset"
keys Escape Escape
expect_gone "New member of" "left"
keys x
expect "Term ends on:" "a prompt"
wal_reset "a prompt open: the -wal file can be reset"
keys Escape
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
