#!/bin/sh
# tui-keys.sh -- keys and bytes as real terminals send them: a byte from
# a Latin-1 terminal, the escape sequences of xterm, PuTTY, rxvt, the linux
# console and vt100/vt220 whatever TERM says (normal and application mode,
# modified arrows), unknown sequences, and an ESC that arrives apart from
# the rest of its sequence (a slow SSH link).  Bytes go in raw.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data"

# leave_form: Esc, and yes if asked to discard
leave_form() {
	keys Escape
	if tui_wait "Discard your changes" 2; then keys y; fi
}

# ---- a byte that is not UTF-8 ---------------------------------------------
tui_start
expect "overview by region" "the overview"
raw '\344'
expect "ignored a byte that is not UTF-8 (is the terminal set to UTF-8?)" \
	"a Latin-1 ä on a screen: said so"
keys j
expect "> Varsinais-Suomi" "and the next key works (it froze for good)"
keys p n
expect "New person" "a form"
type_text "abc"
raw '\344'
expect "ignored a byte that is not UTF-8" "in a form: said so"
type_text "d"
expect "Surname *  abcd" "typing goes on, the byte dropped"
raw '\344e'
expect "Surname *  abcde" "a Latin-1 byte right before a letter: the letter stays"
raw '\200\300\377f'
expect "Surname *  abcdef" "stray continuation, C0 and FF bytes are dropped"
raw '\303\244\342\202\254'
expect "Surname *  abcdefä€" "real UTF-8 is typed"
raw '\360\237\231'
raw 'g'
expect "Surname *  abcdefä€g" "a character cut short is dropped"
keys C-s
expect "Person saved." "and the form saves"
lape list people --format csv
like "$OUT" ",abcdefä€g," "with the text typed"
raw '\344'
keys C-c
tui_exit_status
is "$TUI_STATUS" 0 "Ctrl-C after such a byte quits (it did not)"

# ---- the sequences of common terminals, whatever TERM says ---------------
rm -f "$LAPE_DB" "$LAPE_DB-wal" "$LAPE_DB-shm"
lape demo
status_is 0 "the demo data again"
# In a text field: Home, End, Left, Right, Delete and modified arrows in
# their xterm, PuTTY, rxvt, linux and vt100/vt220 forms; unknown ones and
# PgUp/PgDn type nothing.
edit_seqs() {
	raw '\033[1~a\033[4~b\033[7~c\033[8~d\033[He\033[Ff\033[Dg'
	raw '\033OHh\033[Ci\033OFj\033ODk\033[1;5Dl\033[3~\033[1;2Cm'
	raw '\033[99~\033[?1;2c\033[5~\033[6~\033[2~\033[200~\033[1;5R'
	raw '\033[E\033[G\033[I\033[O\033Oun'
}
edited="heicamidbdgfljm5n"

for term in xterm-256color putty rxvt linux vt100 vt220; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		skip "TERM=$term: keys in a form" "no terminfo for $term"
		skip "TERM=$term: keys in a list" "no terminfo for $term"
		continue
	fi
	tui_start TERM="$term"
	tui_wait "overview by region" || fail "TERM=$term: the overview"
	keys p n
	tui_wait "New person" || fail "TERM=$term: the form"
	type_text "mid"
	edit_seqs
	if tui_wait "Surname *  $edited" 5; then
		pass "TERM=$term: keys in a form"
	else
		fail "TERM=$term: keys in a form" "expected Surname *  $edited" \
			"$SCREEN"
	fi
	leave_form
	tui_wait "Search: -" || fail "TERM=$term: back on the list"
	raw '\033[B'
	tui_wait "> Teemu Ahonen" || fail "TERM=$term: ESC [B"
	raw '\033OB\033[6~\033[5~\033[1;5B'
	tui_wait "> Karin Björklund" || fail "TERM=$term: ESC OB, PgDn, PgUp"
	raw '\033[4~'
	tui_wait "> Venla Öhman" || fail "TERM=$term: ESC [4~ (End)"
	raw '\033[1~'
	if tui_wait "> Matti Aaltonen"; then
		pass "TERM=$term: keys in a list"
	else
		fail "TERM=$term: keys in a list" "$SCREEN"
	fi
	unlike "$SCREEN" "No action on this key" \
		"TERM=$term: no sequence was read as keys"
	keys Q
done

# F1 in its forms: help in a form.
tui_start
expect "overview by region" "the overview"
keys p n
expect "New person" "a form"
for f1 in '\033OP' '\033[11~' '\033[[A' '\033[1;2P'; do
	raw "$f1"
	if tui_wait "Keys in a form" 3; then
		pass "F1 as $f1 shows the form's keys"
	else
		fail "F1 as $f1 shows the form's keys" "$SCREEN"
	fi
	keys Escape
	tui_wait_gone "Keys in a form"
	tui_wait "Surname *"
done
tui_screen >/dev/null
like "$SCREEN" "Surname \*$" "nothing was typed into the field"
leave_form

# ---- an ESC that arrives apart from its sequence -------------------------
keys Home
expect "> Matti Aaltonen" "the first person"
raw '\033'
sleep 0.05
raw 'OB'
expect "> Teemu Ahonen" "ESC, 50 ms, O B: Down"
raw '\033'
sleep 0.15
raw '[B'
expect "> Maria Backlund" "ESC, 150 ms, [ B: Down"
raw '\033['
sleep 0.1
raw 'A'
expect "> Teemu Ahonen" "ESC [, 100 ms, A: Up"
# Longer than the escape delay: the Esc acts (back to the overview) but
# the rest is swallowed, not run as keys.
raw '\033'
sleep 0.4
raw '[A'
expect "overview by region" "ESC, 400 ms, [ A: the Esc acts"
sleep 0.3
unlike "$SCREEN" "No action on this key" "and [ A is swallowed"
like "$SCREEN" "^> Uusimaa" "the overview's selection did not move"
keys p
expect "Search: -" "the people again"
raw '\033['
sleep 0.4
raw '1;5B'
expect "overview by region" "ESC [, 400 ms, 1;5B: the Esc acts"
sleep 0.3
tui_screen >/dev/null
like "$SCREEN" "^> Uusimaa" "and the rest is swallowed as well"
raw 'j'
expect "> Varsinais-Suomi" "the next key works"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
