#!/bin/sh
# tui-long.sh -- long text in the forms: a value over its field's limit
# (the store's) is refused beside the field with the store's message and
# nothing typed is lost; nothing is cut without a word, in a field, a
# pick list's filter or a prompt.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data"

# long N [CHAR]: N characters (a letter, or CHAR)
long() {
	"$PYTHON3" -c 'import sys; print(sys.argv[2] * int(sys.argv[1]))' \
		"$1" "${2:-a}"
}

# still_running DESCRIPTION: lape has not exited (a crash ends the pane)
still_running() {
	if [ -s "$T/tui-status" ]; then
		fail "$1" "lape exited with $(cat "$T/tui-status")" \
			"stderr: $(cat "$T/tui-stderr")"
	else
		pass "$1"
	fi
}

# ---- too long a value: the store's message beside the field -----------
tui_start
expect "overview by region" "the overview"
keys p
expect "People" "the people"
keys n
expect "New person" "the person form"
type_text "$(long 301)"
keys C-s
expect "Surname: too long (at most 300 characters)" \
	"a 301-character name: the store's message"
still_running "and lape goes on (it crashed here)"
like "$SCREEN" 'Surname \* .*too long' "beside the field"
keys BSpace C-s
expect "Person saved." "300 characters are taken"
lape list people --format csv
like "$OUT" "$(long 300)" "the whole name is in the data file"

# The organisation, in the same form.
keys n
expect "New person" "the person form again"
type_text "Pitkä Organisaatio"
keys Tab Tab Tab
type_text "$(long 301 ö)"
keys C-s
expect "Organisation: too long (at most 300 characters)" \
	"a 301-character organisation (ö: 2 bytes each) is refused"
still_running "lape goes on"
keys Escape
tui_wait "Discard" 3 && keys y
expect "People" "back on the list"

# A group's name and its mandating body.
keys q l n
expect "New group" "the group form"
type_text "$(long 301)"
keys Tab m Enter Tab
type_text "Närp"
expect "Närpiö (Närpes)" "a municipality"
keys Tab Enter
keys C-s
expect "Name: too long (at most 300 characters)" \
	"a 301-character group name: the store's message"
unlike "$SCREEN" '\(null\)' "not (null)"
still_running "lape goes on"
keys C-u
type_text "Pitkän valtuutuksen ryhmä"
keys Down Down Down Down
type_text "$(long 301 b)"
keys C-s
expect "Mandate given by: too long (at most 300 characters)" \
	"a 301-character mandating body: the store's message"
still_running "lape goes on"
keys BSpace C-s
expect "Group: Pitkän valtuutuksen ryhmä" "300 characters are saved"

# The new person typed in a member's form, saved with it.
keys n
expect "New member of" "the member form"
keys Enter
expect "+ New person..." "the person list"
keys Enter
expect "New person (saved with this form)" "the new person's form"
type_text "$(long 301 c)"
keys C-s
expect "Surname: too long (at most 300 characters)" \
	"a 301-character new person from the member form"
still_running "lape goes on"
keys BSpace C-s
expect "New member of" "back in the member form"
like "$SCREEN" 'Person  ccccc' "with the new person"
keys Escape
tui_wait "Discard" 3 && keys y
expect_gone "New member of" "the member form is left"

# ---- the message comes as soon as the value goes over ------------------
keys q q
expect "overview by region" "back to the overview"
keys p n
expect "New person" "the person form"
type_text "$(long 300)"
sleep 0.3
tui_screen >/dev/null
unlike "$SCREEN" "too long" "300 characters: no message"
type_text "z"
expect "Surname: too long (at most 300 characters)" \
	"the 301st: the store's message at once, before saving"
keys BSpace
expect_gone "too long" "back at 300: the message goes"
# Typing at the start of a field after a list was used kept only the
# character typed (the form library's O_BLANK).
keys BSpace Tab Tab Tab Tab Tab Tab
type_text "muistiinpano"
keys Up Up Up Up Up Up Home
type_text "X"
expect "Surname *  Xaaaa" "typing at the start of a field keeps its text"

# Notes take 10,000 characters, pasted; one more is refused.
keys Down Down Down Down Down Down C-u
tmx set-buffer "$(long 10000 n)"
tmx paste-buffer -t t
sleep 1
tui_screen >/dev/null
unlike "$SCREEN" "too long" "10,000 characters of notes: no message"
type_text "n"
expect "Notes: too long (at most 10000 characters)" "10,001: refused at once"
keys BSpace
expect_gone "too long" "and fine again"
keys Up Up Up Up Up Up C-u
type_text "Muistiinpanija"
keys C-s
expect "Person saved." "saved"
ok "the 10,000 characters of notes are in the data file" py "$PY_OPEN"'
row = con.execute("SELECT notes FROM person WHERE surname = ?",
                  ("Muistiinpanija",)).fetchone()
sys.exit(0 if row and row[0] == "n" * 10000 else 1)' "$LAPE_DB"

# ---- the pick list's filter: nothing cut ---------------------------------
keys q
expect "overview by region" "back to the overview"
keys l g Enter n
expect "New member of" "a member form"
name200=$(long 199 ö)K
type_text "$name200"
expect "+ New person..." "the person list, filtered by the long name"
keys Enter
expect "New person (saved with this form)" "the new person's form"
keys C-s
expect "New member of" "back in the member form"
like "$SCREEN" "Person  öööö" "with the new person"
type_text "sosiaali"
tui_wait "[ ]"
keys Tab Enter C-s
expect "Member added." "the member is saved with the new person"
keys q q
expect "overview by region" "back to the overview"
keys p
lape list people --format csv
like "$OUT" ",${name200}," "whole (the list's filter cut it to 115)"

# ---- a prompt takes a long search -------------------------------------
keys /
expect "Search:" "the search prompt"
tmx set-buffer "$(long 10000 x)"
tmx paste-buffer -t t
keys Enter
expect "Nobody here" "a 10,000-character search finds nobody"
still_running "and lape goes on"
keys /
keys C-u Enter
expect "Search: -" "the search cleared"

keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"

done_testing
