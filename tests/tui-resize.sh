#!/bin/sh
# tui-resize.sh -- resizes at any moment, down to 10x5 and back: on a list,
# the help screen, a form, a pick list, a question, a prompt and while too
# small already.  Nothing crashes and nothing typed is lost.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data"

# squeeze WHAT: down to 10x5 (and 1x1, 30x8 between), then back to 80x24
squeeze() {
	tui_resize 10 5
	sleep 0.3
	tui_resize 1 1
	sleep 0.2
	tui_resize 30 8
	sleep 0.2
	tui_resize 10 5
	tui_wait "Enlarg" 5 || tui_wait "Enl" 2
	if [ -s "$T/tui-status" ]; then
		fail "$1: 10x5 and smaller" "lape exited with $(cat "$T/tui-status")" \
			"stderr: $(cat "$T/tui-stderr")"
	else
		pass "$1: 10x5 and smaller"
	fi
	tui_resize 80 24
	tui_wait_gone "Enlarge the terminal"
}

tui_start
expect "overview by region" "the overview"
squeeze "the overview"
expect "overview by region" "the overview is back"

keys ?
expect "Help: keys of the Overview screen" "the help screen"
squeeze "the help screen"
expect "Help: keys of the Overview screen" "the help is back"
keys q

keys l n
expect "New group" "a form"
type_text "Pieni ikkuna"
squeeze "a form"
expect "Name *  Pieni ikkuna" "the form is back, with what was typed"
type_text " 2"
expect "Name *  Pieni ikkuna 2" "typing goes on"

keys Tab
type_text "mu"
expect "Type to filter: mu" "a pick list"
squeeze "a pick list"
expect "Type to filter: mu" "the pick list is back, with its filter"
keys Enter
expect "Level *  municipal" "and it chooses"

keys Escape
expect "Discard your changes?" "a question"
squeeze "a question"
expect "Discard your changes?" "the question is back"
keys n
expect "Name *  Pieni ikkuna 2" "the form again, values and all"
keys Escape
expect "Discard your changes?" "asked"
keys y
expect_gone "New group" "left"

keys /
expect "Search:" "a prompt"
type_text "espoo"
squeeze "a prompt"
expect "Search: espoo" "the prompt is back, with what was typed"
keys Enter
expect "Espoon ja Kauniaisten" "the search ran"

# Small while small: keys are ignored, Ctrl-C still quits.
tui_resize 10 5
tui_wait "Enl" 5
keys j j q
sleep 0.3
tui_resize 80 24
expect "Espoon ja Kauniaisten" "keys while too small did nothing"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
