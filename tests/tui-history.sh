#!/bin/sh
# tui-history.sh -- h shows who changed a group or a person and when; u
# undoes the user's last change since lape started and says what it undid,
# repeated it walks back, ^R redoes; a read-only data file says so on the
# top line and the editing keys say why they do nothing.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"
me=$(id -un)

tui_start
expect "overview by region" "the overview"
# what was done before lape started is not this session's to undo
keys u
expect "Nothing of yours to undo since lape started." \
	"u with nothing done since lape started"

# A person added, undone, redone.
keys p
expect "People" "people"
keys n
expect "New person" "the person form"
type_text "Kumottava Kaisa"
keys C-s
expect "Person saved." "saved"
lape list people --format csv
like "$OUT" "Kumottava Kaisa" "she is in the file"
keys u
expect "Undone: " "u undoes it and says what"
like "$SCREEN" "Undone: .*Kumottava Kaisa" "naming the record"
lape list people --format csv
unlike "$OUT" "Kumottava Kaisa" "she is gone from the file"
keys C-r
expect "Redone: " "^R redoes it"
lape list people --format csv
like "$OUT" "Kumottava Kaisa" "she is back"

# A group renamed twice: u walks back one change at a time.
keys q Enter
expect "Groups — Uusimaa" "Uusimaa's groups"
keys /
type_text "vant"
keys Enter Enter
expect "Group: Vantaan LAPE-ryhmä" "Vantaa's group"
keys e
expect "Edit group" "the group form"
keys C-u
type_text "Vantaa yksi"
keys C-s
expect "Group: Vantaa yksi" "renamed once"
keys e
expect "Edit group" "the group form again"
keys C-u
type_text "Vantaa kaksi"
keys C-s
expect "Group: Vantaa kaksi" "renamed twice"

# Its history, newest first, with who and when.
keys h
expect "History: Vantaa kaksi" "h shows the group's history"
like "$SCREEN" "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} $me" \
	"each change with when and who"
like "$SCREEN" "Vantaa yksi → Vantaa kaksi" "the newest change: old and new value"
first=$(printf '%s\n' "$SCREEN" | grep -n 'Vantaa yksi → Vantaa kaksi' | cut -d: -f1)
second=$(printf '%s\n' "$SCREEN" | grep -n 'Vantaan LAPE-ryhmä → Vantaa yksi' | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] &&
	pass "the newest first" || fail "the newest first" "$SCREEN"
keys q
expect "Group: Vantaa kaksi" "back on the group"
keys u
expect "Group: Vantaa yksi" "u takes back the last rename"
like "$SCREEN" "Undone: " "and says so"
keys u
expect "Group: Vantaan LAPE-ryhmä" "u again walks back further"
keys C-r
expect "Group: Vantaa yksi" "^R redoes"

# A person's history from her screen.
keys q q p /
type_text "kumottava"
keys Enter Enter
expect "Person: Kumottava Kaisa" "her screen"
keys h
expect "History: Kumottava Kaisa" "h shows the person's history"
like "$SCREEN" "added person Kumottava Kaisa" "her addition"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

# ---- read-only ----------------------------------------------------------
if is_root && can_drop_root; then
	chmod 0644 "$LAPE_DB"
	for f in "$LAPE_DB-wal" "$LAPE_DB-shm"; do
		[ -e "$f" ] && chmod 0644 "$f"
	done
	chmod 0755 "$T" "$HOME"
	chmod 0777 "$T"
	: >"$T/tui-stderr"
	chmod 0666 "$T/tui-stderr"
	TUI_WRAP="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	tui_start
	TUI_WRAP=
	expect "overview by region" "read-only: the overview opens"
	like "$SCREEN" "overview by region .* read-only" \
		"the top line says read-only"
	keys n
	expect "The data file is read-only: nothing can be changed here." \
		"an editing key says why it does nothing"
	unlike "$SCREEN" "New group" "no form opened"
	keys u
	expect "read-only: nothing can be changed" "nor does undo"
	keys Q
	tui_exit_status
	is "$TUI_STATUS" 0 "read-only: exit 0"
else
	skip "read-only: needs root and setpriv to play another user" 6
fi

done_testing
