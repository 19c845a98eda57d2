#!/bin/sh
# tui-keymap.sh -- each screen's one keymap: the help and the key line are
# made from it with the key names in the language in use, no key and no
# key-line word serves two actions (LAPE_CHECK_KEYS, set by tui-lib.sh,
# makes lape refuse to start otherwise), the answer to a question is not
# a key that moves in lists, and Space goes into a pick list's filter once
# it has text.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"
groups_before=$(csv_groups)

# The words of the key line (the last row) of $SCREEN, one a line.
keyline_words() {
	printf '%s\n' "$SCREEN" | tail -n 1 | tr ' ' '\n' |
		sed -n 's/^[^:]*:\(.*\)$/\1/p'
}

# The key line's KEY:word items each name one action: no word twice.
# Words of several blanks ("ny medlem") are split; a word shown twice is
# still caught unless all its parts repeat apart.
keyline_unique() {
	dup=$(printf '%s\n' "$SCREEN" | tail -n 1 |
		sed 's/ \([^ :]*:\)/\n\1/g' | sed -n 's/^[^:]*://p' |
		sed 's/ *$//' | sort | uniq -d)
	if [ -z "$dup" ]; then
		pass "$1"
	else
		fail "$1" "said twice: $dup" "$(printf '%s\n' "$SCREEN" | tail -n 1)"
	fi
}

for lang in en fi sv; do
	tui_start -- --lang "$lang"
	tui_wait "3/26" || fail "$lang: the overview" "$SCREEN" \
		"$(cat "$T/tui-stderr")"
	is "$(cat "$T/tui-stderr")" "" \
		"$lang: every keymap holds each key and word once"
	keyline_unique "$lang: overview key line, one word per action"
	keys Enter
	tui_wait "Espoon ja Kauniaisten" || fail "$lang: groups" "$SCREEN"
	keyline_unique "$lang: groups key line, one word per action"
	keys Enter
	tui_wait "Espoon ja Kauniaisten" || fail "$lang: group" "$SCREEN"
	tui_settle
	keyline_unique "$lang: group key line, one word per action"
	keys Q
	tui_exit_status
	is "$TUI_STATUS" 0 "$lang: exit 0"
done

# Finnish: the key names are Finnish in the help and on the key line.
tui_start -- --lang fi
expect "Uusimaa" "fi: the overview"
like "$SCREEN" 'Enter:avaa .*\?:ohje q:lopeta' "fi: the key line in Finnish"
keys Enter
expect "Ryhmät" "fi: the groups"
keys '?'
expect "Ohje" "fi: ? opens the help"
like "$SCREEN" 'j, Alas, \^N +alas' "fi: Down is Alas"
like "$SCREEN" 'Sivu alas, \^F, Välilyönti +sivu alas' \
	"fi: PgDn and Space are Sivu alas and Välilyönti"
like "$SCREEN" '\?, F1 +tämä ohje' "fi: this help"
unlike "$SCREEN" 'PgDn|Down|Space' "fi: no English key names in the help"
# End is the key, not the end of a term ("Päättyy")
like "$SCREEN" 'End' "fi: End names the key"
unlike "$SCREEN" 'Päättyy' "fi: not the end of a term"
# h is no longer a second key for help
keys q
expect_gone "Ohje:" "fi: q closes the help"
# k moves in lists: it does not answer a question (yes is K)
keys d
expect "K: kyllä" "fi: delete asks, yes is K"
keys k
tui_settle
like "$SCREEN" 'K: kyllä' "fi: k does not answer the question"
keys n
expect_gone "K: kyllä" "fi: n answers no"
is "$(csv_groups)" "$groups_before" "fi: nothing was deleted"
keys Q
tui_exit_status

# Swedish: a multiple choice's filter takes a blank once it has text
# ("representant för" can be searched); Tab marks.
tui_start -- --lang sv
expect "Nyland" "sv: the overview"
keys Enter Enter
expect "Medlemmar" "sv: a group"
keys n
expect "Ny medlem" "sv: the member form"
keys Tab
type_text "representant för"
expect "representant för de unga" "sv: the filter holds a blank"
like "$SCREEN" 'Tabb:markera Retur:klar Esc:avbryt' \
	"sv: the pick list's keys in Swedish"
unlike "$SCREEN" '\[x\]' "sv: Space was typed, nothing marked"
keys Tab
expect "[x] representant för de unga" "sv: Tab marks"
keys Escape Escape
tui_wait "Förkasta" 2 && keys n
keys Escape
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "sv: exit 0"

done_testing
