#!/bin/sh
# tui-term.sh -- terminals and languages: resizing (in a form too) and a
# terminal too small, vt100, NO_COLOR, an ASCII locale, Finnish and
# Swedish screens.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data"
before=$("$LAPE" list groups --format csv)

# ---- resizing -----------------------------------------------------------
tui_start
expect "overview by region" "the overview"
tui_resize 60 20
expect "Enlarge the terminal (80x24 needed)" "60x20 asks for a larger terminal"
tui_resize 80 24
expect_gone "Enlarge the terminal" "back at 80x24 lape redraws"
expect "overview by region" "back at 80x24 the overview returns"
like "$SCREEN" '^> Uusimaa' "with the selection where it was"

keys l n
expect "New group" "a form"
type_text "Kähkösen ryhmä"
tui_resize 60 20
expect "Enlarge the terminal (80x24 needed)" "resized mid-form: enlarge"
tui_resize 80 24
expect_gone "Enlarge the terminal" "back at 80x24 the form is redrawn"
expect "Name *  Kähkösen ryhmä" "the typed value survives the resize"
type_text " 2"
expect "Name *  Kähkösen ryhmä 2" "and typing goes on in the same field"
tui_resize 100 30
expect "Name *  Kähkösen ryhmä 2" "a larger terminal: the form again"
tui_resize 80 24
sleep 0.3
keys Tab m
expect "municipal" "a pick list"
tui_resize 70 24
expect "Enlarge the terminal" "resized with a pick list open"
tui_resize 80 24
expect_gone "Enlarge the terminal" "the pick list is redrawn"
expect "Type to filter: m" "with its filter"
like "$SCREEN" "Name \*  Kähkösen ryhmä 2" "over the form, value and all"
keys Escape
expect_gone "Type to filter" "Esc closes the pick list"
like "$SCREEN" "New group" "the form stays"
keys Escape
expect "Discard your changes?" "Esc on the changed form asks first"
tui_resize 60 20
expect "Enlarge the terminal (80x24 needed)" "resized with the question open"
tui_resize 80 24
expect "Discard your changes?" "the question is asked again"
keys y
expect_gone "New group" "y closes the form"
expect "Groups — all regions" "the list"
is "$("$LAPE" list groups --format csv)" "$before" "nothing was written"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0 after resizing"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

# ---- colour: marks carry the meaning, colour only repeats it ----------------
colours() {
	tmx capture-pane -p -e -t t | grep -c "$(printf '\033')\[3[0-7]m" || :
}
tui_start
expect "✓ complete" "xterm-256color: the overview with marks"
ok "xterm-256color: the marks are coloured" [ "$(colours)" -gt 0 ]
keys Q
tui_start NO_COLOR=1
expect "✓ complete" "NO_COLOR: the marks are there"
is "$(colours)" 0 "NO_COLOR: no colour at all"
keys Q
tui_start TERM=vt100
expect "✓ complete" "vt100: the overview"
is "$(colours)" 0 "vt100: no colour"
keys Enter
expect "Groups — Uusimaa" "vt100: the groups"
keys Enter
expect "Group: Espoon ja Kauniaisten" "vt100: a group"
keys a
expect "New member of" "vt100: a form"
keys Tab Enter
expect "Tab:mark" "vt100: a pick list (ACS lines fall back)"
keys Escape Escape
expect "Group: Espoon ja Kauniaisten" "vt100: back"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "vt100: exit 0"

# An ASCII terminal: LC_ALL=C (lape keeps it: it means ASCII) on a vt100.
# [x] and [ ] instead of the marks, and nothing but ASCII on the screen:
# dashes, separators and the ellipsis too (letters such as ä lose their
# accents rather than show as bytes).
ascii_only() {
	! printf '%s\n' "$SCREEN" | LC_ALL=C grep -q '[^ -~]'
}
tui_start LC_ALL=C TERM=vt100
expect "[x] complete" "LC_ALL=C: [x] marks"
like "$SCREEN" '\[ \] incomplete' "LC_ALL=C: [ ] marks"
like "$SCREEN" '^> Uusimaa' "LC_ALL=C: the marker"
ok "LC_ALL=C: the overview is ASCII only" ascii_only
like "$SCREEN" 'LAPE groups - overview by region' "LC_ALL=C: the title's dash"
keys l
expect "Groups - all regions" "LC_ALL=C: the groups"
ok "LC_ALL=C: the list is ASCII only" ascii_only
keys Enter
expect "Group: " "LC_ALL=C: a group"
like "$SCREEN" 'municipal group - ' "LC_ALL=C: separators in ASCII"
ok "LC_ALL=C: the group is ASCII only" ascii_only
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "LC_ALL=C: exit 0"

# ---- terminals that cannot show the screens -------------------------------
# refused SETUP: lape started in a pane after the shell lines SETUP; waits
# for it to exit.
refused() {
	tui_kill
	TUI_N=$((TUI_N + 1))
	TUI_SOCK=lape-test-$$-$TUI_N
	rm -f "$T/tui-status"
	printf '#!/bin/sh\n%s\n"%s" 2>"%s"\necho $? >"%s"\n' "$1" "$LAPE" \
		"$T/tui-stderr" "$T/tui-status" >"$T/tui-run.sh"
	chmod +x "$T/tui-run.sh"
	tmx -f /dev/null new-session -d -s t -x 80 -y 24 "$T/tui-run.sh"
	tmx set-option -t t remain-on-exit on >/dev/null 2>&1
	tui_exit_status
}
refused 'TERM=dumb; export TERM'
is "$TUI_STATUS" 2 "TERM=dumb: exit 2 (it showed a blank screen, exit 0)"
is "$(cat "$T/tui-stderr")" \
	"lape: TERM=dumb: this terminal cannot show the screens; use the commands (lape --help)" \
	"TERM=dumb: one line says why and what to use"
refused 'unset TERM'
is "$TUI_STATUS" 2 "TERM unset: exit 2"
is "$(cat "$T/tui-stderr")" \
	"lape: TERM is not set, so the screens cannot draw; set it (export TERM=xterm-256color) or use the commands (lape --help)" \
	"TERM unset: one line says so"
refused "TERM=\$(printf 'no-such\\033[31m'); export TERM"
is "$TUI_STATUS" 2 "an unknown TERM: exit 2"
is "$(cat "$T/tui-stderr")" \
	"lape: TERM=no-such?[31m: unknown terminal type; try TERM=xterm-256color, or use the commands (lape --help)" \
	"an unknown TERM: named, its escape byte shown as ?"

# ---- languages ------------------------------------------------------------
tui_start -- --lang sv
expect "Nyland" "--lang sv: regions by their Swedish names"
keys Enter
expect "Espoon ja Kauniaisten" "--lang sv: a region's groups"
keys Enter
expect "✓ bildningsväsendet" \
	"--lang sv: sector labels in Swedish on the checklist"
keys Q
tui_start -- --lang fi
expect "Uusimaa" "--lang fi: regions by their Finnish names"
keys Enter Enter
expect "sosiaali- ja terveystoimi" \
	"--lang fi: sector labels in Finnish on the checklist"
# The screens' own words in Finnish, not only the data's.
expect "Jäsenet (7)" "--lang fi: the screen's words in Finnish"
unlike "$SCREEN" 'Members \(' "--lang fi: not in English"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"

done_testing
