#!/bin/sh
# tui-merge.sh -- a laptop's copy merged into the server's file from the
# screens: M asks for the file and shows what the merge brings before
# anything is written; each conflict shows both values with who made
# them and when, and is decided one by one (s: the server's, l: the
# laptop's); w writes it all once every conflict is decided.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

edit() {
	edit_as "$@" >/dev/null
}

lape demo
status_is 0 "the server's file"
lap=$T/laptop.db
lape copy "$lap"
status_is 0 "a copy for the laptop"
# the same field on both sides: a conflict; another field: no question
edit liisa "$lap" "UPDATE lape_group SET mandate_body = ?1, version = version + 1 WHERE name LIKE 'Vantaan%'" "Vantaan sivistyslautakunta"
edit marja "$LAPE_DB" "UPDATE lape_group SET mandate_body = ?1, version = version + 1 WHERE name LIKE 'Vantaan%'" "Vantaan hallitus"
edit liisa "$lap" "UPDATE lape_group SET notes = ?1, version = version + 1 WHERE name LIKE 'Espoon%'" "laptop note"
sum0=$(checksum "$LAPE_DB")

tui_start
expect "overview by region" "the overview"
keys M
expect "Merge the file (a laptop's copy):" "M asks for the file"
type_text "$T/no-such.db"
keys Enter
expect "no-such.db" "a missing file: named, no merge"
unlike "$SCREEN" "Merge: " "no merge screen"
keys M
type_text "$lap"
keys Enter
expect "Merge: $lap" "the merge of the laptop's file"
like "$SCREEN" "1 change goes in without a question; 1 conflict, 1 undecided." \
	"what it brings, before anything is written"
like "$SCREEN" "changed on both sides" "the conflict's kind"
like "$SCREEN" "server: Vantaan hallitus — marja, [0-9-]+ [0-9:]+" \
	"the server's value, who and when"
like "$SCREEN" "laptop: Vantaan sivistyslautakunta — liisa, [0-9-]+ [0-9:]+" \
	"the laptop's value, who and when"
like "$SCREEN" "laptop note" "the change without a question"
is "$(checksum "$LAPE_DB")" "$sum0" "nothing written yet"
keys w
expect "1 conflict is not decided yet: nothing written." \
	"w refuses while a conflict is undecided"
keys l
expect "1 conflict, 0 undecided." "l takes the laptop's"
like "$SCREEN" '\* laptop: Vantaan sivistyslautakunta' "marked as chosen"
keys s
expect '* server: Vantaan hallitus' "s changes the mind: the server's"
keys l
expect '* laptop: Vantaan sivistyslautakunta' "and back to the laptop's"
keys w
expect "Merged: 2 changes written in one transaction." "w merges"
expect "overview by region" "back on the overview"
lape show "Vantaan LAPE-ryhmä"
like "$OUT" "Vantaan sivistyslautakunta" "the laptop's value is in the file"
lape show "Espoon ja Kauniaisten LAPE-ryhmä"
like "$OUT" "laptop note" "and the change without a question"

# Merging the same file again brings nothing.
keys M
type_text "$lap"
keys Enter
expect "Nothing to merge: this file already has all of it." \
	"the same file again: nothing to merge"
keys q Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
