#!/bin/sh
# tui-cancel.sh -- what the forms must never do: write on Esc, overwrite
# another coordinator's change silently, or freeze on a locked file.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data"

snapshot() {
	"$LAPE" list groups --format csv
	"$LAPE" list people --format csv
	"$LAPE" check --format csv
	"$LAPE" list agents --format csv
}
before=$(snapshot)

tui_start
expect "overview by region" "the overview"

# A half-filled new group, then Esc.
keys l
expect "Groups — all regions" "all groups"
keys n
expect "New group" "the group form"
type_text "Kähkösen keskeneräinen ryhmä"
keys Tab m Enter Tab
type_text "Närp"
expect "Närpiö (Närpes)" "a municipality list is open"
keys Tab Enter
expect "Municipalities  Närpiö (Närpes)" "a municipality is chosen"
keys Escape
expect "Discard your changes?" "Esc on a changed form asks first"
keys n
expect_gone "Discard your changes?" "n: no"
like "$SCREEN" "Name \*  Kähkösen keskeneräinen ryhmä" "the form is kept, values and all"
keys Escape
expect "Discard your changes?" "asked again"
keys Escape
expect_gone "Discard your changes?" "Esc: no as well"
like "$SCREEN" "Municipalities  Närpiö \(Närpes\)" "the values are kept"
# What is typed right after an Esc (an Alt-key, the rest of a paste) does
# not answer the question.
raw '\033y'
expect "Discard your changes?" "ESC y in one burst: asked"
sleep 0.3
tui_screen >/dev/null
like "$SCREEN" "Discard your changes\?" "the y that came with it did not answer"
keys y
expect_gone "New group" "y leaves the form"
expect "Groups — all regions" "back on the list"
is "$(snapshot)" "$before" "nothing was written"

# A new member with a new person created in the same flow, then Esc: the
# person is not written either (one transaction with the membership).
keys /
type_text "vantaan"
keys Enter Enter
expect "Group: Vantaan LAPE-ryhmä" "a group"
keys a
expect "New member of" "the member form"
type_text "Kähkönen Keskeneräinen"
keys Enter
expect "New person (saved with this form)" "the new person's form"
keys C-s
expect "Kähkönen Keskeneräinen (new)" "back in the member form"
type_text "seurakun"
keys Tab Enter
expect "Sectors *  parishes" "a sector is chosen"
keys Escape
expect "Discard your changes?" "asked before the member form is left"
keys y
expect "Group: Vantaan LAPE-ryhmä" "Esc leaves the member form"
expect "Missing (2)" "the checklist is unchanged"
is "$(snapshot)" "$before" "neither the person nor the membership was written"

# An unchanged form leaves on one Esc.
keys e
expect "Edit group" "the edit form"
keys Escape
expect "Group: Vantaan LAPE-ryhmä" "an unchanged form: one Esc leaves"
unlike "$SCREEN" "Discard" "without asking"

# Editing, then Esc: unchanged.
keys e
expect "Edit group" "the edit form"
keys C-u
type_text "Ei tallenneta"
keys Escape
expect "Discard your changes?" "asked"
keys y
expect "Group: Vantaan LAPE-ryhmä" "Esc keeps the old name"
is "$(snapshot)" "$before" "nothing was written"

# Someone else saves the group while our form is open: saving says so and
# shows both versions; d discards ours, o overwrites with ours.
other_saves() {
	py "$PY_OPEN"'
con.execute("UPDATE lape_group SET name = ?, version = version + 1 WHERE name LIKE ?", (sys.argv[2], sys.argv[3]))
con.commit()' "$LAPE_DB" "$1" "$2"
}
keys e
expect "Edit group" "the edit form again"
other_saves "Vantaa (muutettu)" "Vantaa%"
keys C-u
type_text "Vantaa (meidän)"
keys C-s
expect "Changed by someone else" "saving after another's change says so"
like "$SCREEN" '\* Name +Vantaa \(meidän\) +Vantaa \(muutettu\)' \
	"both versions are shown, side by side"
keys d
expect "Group: Vantaa (muutettu)" "d discards ours: theirs stays"
like "$(csv_groups)" 'Vantaa \(muutettu\)' "theirs is in the file"

keys e
expect "Edit group" "edit once more"
# this time another coordinator saves it through lape: the dialog names
# her and when
LAPEEDIT_USER=marja "$TESTS_BUILDDIR/lapeedit" "$LAPE_DB" \
	"UPDATE lape_group SET name = ?1, version = version + 1 WHERE name LIKE ?2" \
	"Vantaa (taas)" "Vantaa%" >/dev/null
keys C-u
type_text "Vantaa (meidän)"
keys C-s
expect "Changed by someone else" "the change is noticed again"
like "$SCREEN" 'marja saved it on [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\.' \
	"the dialog names who made the other change, and when"
keys o
expect "Group: Vantaa (meidän)" "o overwrites with ours"
like "$(csv_groups)" 'Vantaa \(meidän\)' "ours is in the file"

# A locked file: "busy, retrying" on the message line, then the save goes
# through when the lock is released.  Nothing freezes meanwhile.
keys e
expect "Edit group" "the edit form, for the lock"
keys C-u
type_text "Vantaan LAPE-ryhmä"
"$PYTHON3" -c '
import sqlite3, sys, time, os
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(4)
con.execute("ROLLBACK")' "$LAPE_DB" "$T/locked" &
lock_pid=$!
while [ ! -e "$T/locked" ]; do sleep 0.05; done
keys C-s
expect "busy, retrying" "a locked file shows busy, retrying"
keys Escape
expect "nothing was saved" "Esc gives up, and says nothing was saved"
like "$SCREEN" 'Edit group' "the form is still open, with what was typed"
wait $lock_pid
keys C-s
expect "Group: Vantaan LAPE-ryhmä" "once the lock is gone, the save goes through"
like "$(csv_groups)" ',Vantaan LAPE-ryhmä,' "saved"

keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
