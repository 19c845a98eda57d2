#!/bin/sh
# tui-basic.sh -- the screens on the demo data: the overview, a region's
# groups, a group with its checklist, help, people, change agents, moving
# the selection, redraw and quitting.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"

# Without a terminal the screens refuse with one line, exit 2.
run "$LAPE" </dev/null
status_is 2 "no terminal: exit 2"
one_line_error "no terminal: one line on stderr"

tui_start
expect "overview by region" "the first screen is the overview"
expect "Uusimaa" "the overview lists Uusimaa"
like "$SCREEN" '^> Uusimaa +✓ complete +! Riikka Väisänen +3/26 +20$' \
	"Uusimaa's row: complete regional group, agent (region not eligible), 3 of 26, 20 with none"
like "$SCREEN" '^  Pohjanmaa +✗ incomplete +! Johanna Storm' \
	"Pohjanmaa's regional group is incomplete, with its agent"
like "$SCREEN" '^  Lappi +- none +\(not eligible\) +0/21 +21$' \
	"a region with no groups is not eligible for an agent"
like "$SCREEN" '^ *Enter:open .*\?:help' "the bottom line shows the main keys"
[ "$(printf '%s\n' "$SCREEN" | wc -l)" -le 24 ] && pass "fits 24 lines" ||
	fail "fits 24 lines"

# Help lists the keys of the screen it came from.
keys '?'
expect "Help: keys of the Overview screen" "? opens help for the overview"
like "$SCREEN" 'open the region.s groups' "help names Enter's action"
keys q
expect "overview by region" "q closes help"

# Moving: j moves the marker, k back.
keys j
expect "> Varsinais-Suomi" "j moves the selection down"
keys k
expect "> Uusimaa" "k moves it back up"

# Enter opens the region's groups, sorted in Finnish order.
keys Enter
expect "Groups — Uusimaa" "Enter opens the region's groups"
like "$SCREEN" '^> ✓ +Espoon ja Kauniaisten' "the first group, complete"
like "$SCREEN" '^  ✗ 2 +Vantaan LAPE-ryhmä' \
	"an incomplete group shows how many sectors are missing"
keys f
expect "Level: municipal" "f filters by level"
keys f
expect "Level: regional" "f again: regional"
like "$SCREEN" 'Uudenmaan LAPE-ryhmä' "the regional group is listed"
unlike "$SCREEN" 'Vantaan' "municipal groups are not"
keys c
expect "Level: all" "c clears the filters"

# Search as you type.
keys /
type_text "vant"
expect "Search: vant  (1)" "/ searches as you type"
keys Enter
like "$SCREEN" '^> ✗ 2 +Vantaan LAPE-ryhmä' "the search found Vantaa's group"

# The group screen: its check above its members.
keys Enter
expect "Group: Vantaan LAPE-ryhmä" "Enter opens the group"
expect "Missing (2)" "the checklist says what is missing"
like "$SCREEN" '✗ parishes' "a missing sector is marked"
like "$SCREEN" '✓ social and health services' "a covered sector is marked"
keys w
expect "Warnings" "w shows the warnings"
keys Escape
keys q
expect "Groups — Uusimaa" "q goes back"
keys q
expect "overview by region" "and back to the overview"

# People and change agents.
keys p
expect "People" "p opens people"
keys /
type_text "Öberg"
expect "(2)" "people search finds by name with ö (Öberg and Sjöberg)"
keys C-u
type_text "ritva"
expect "Search: ritva  (1)" "search ignores case"
keys Enter Enter
expect "Person: Ritva Öberg" "Enter opens the person"
expect "Helsingin lapsi-" "the person's groups are listed"
keys q q a
expect "Change agents — one per region" "a opens the change agents"
like "$SCREEN" 'Uusimaa +Riikka Väisänen' "Uusimaa's agent"
like "$SCREEN" 'Lappi +- not yet eligible' "Lappi is not yet eligible"
keys q

# Ctrl-L redraws; Q quits with status 0.
keys C-l
expect "overview by region" "Ctrl-L redraws"
keys q
expect "Quit lape?" "q on the overview asks first"
keys n
expect_gone "Quit lape?" "n stays"
keys q y
tui_exit_status
is "$TUI_STATUS" 0 "quitting exits 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

# The checklist at 80x24: every sector and every warning, nothing cut.
# A regional group (7 sectors) given warnings: its chair's term ends.
tui_start
expect "overview by region" "the overview again"
keys l G Enter
expect "Group: Österbottens LAPE-grupp" "the regional group"
keys x
expect "Term ends on:" "x on the chair asks for the end date"
keys C-u
type_text "31.5.2017"
keys Enter
expect "Membership ends on" "the chair's term ends"
expect "Warnings (" "the group has warnings now"
for label in "the region's municipalities" "hospital district" \
	"organisations (NGOs)" "educational institutions" \
	"(social welfare) competence" "parishes" "youth representative"; do
	like "$SCREEN" "(✓|✗) $(printf '%s' "$label" | sed 's/[()]/\\&/g')" \
		"80x24, regional: the sector '$label' shows"
done
like "$SCREEN" '✓ \(social welfare\) competence centre( |$)' \
	"a long sector label whole"
like "$SCREEN" 'Warnings \(2\): no chair · ' "80x24: the warning 'no chair' shows"
like "$SCREEN" ' · Karin Björklund: term ended 2017-05-31$' \
	"80x24: the term warning shows whole"
unlike "$SCREEN" '(✓|✗) [^:]*…$' "80x24: no sector label is cut"
unlike "$SCREEN" 'more: press w' "80x24: nothing left over"
# The dissolved group: 6 missing sectors and 3 warnings.
keys q k k k k k k Enter
expect "Group: Kauniaisten LAPE-työryhmä" "the dissolved group"
for w in "the group is dissolved" "no chair" "Emilia Grönroos: term ended"; do
	like "$SCREEN" "$w" "80x24, dissolved: the warning '$w' shows"
done
like "$SCREEN" '^    Emilia Grönroos: term ended 2017-01-31$' \
	"a warning that does not fit on the row goes to the next one, whole"
like "$SCREEN" '✗ youth representative' "the last sector shows"
keys Q
tui_exit_status

# An empty file: the overview still works.
rm -f "$LAPE_DB"*
lape init
tui_start
expect "overview by region" "an empty file shows the overview"
like "$SCREEN" '^> Uusimaa +- none' "no groups yet"
like "$SCREEN" "No groups yet: press n to create one, or run 'lape demo'" \
	"the first run says how to begin"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "Q quits at once"

done_testing
