#!/bin/sh
# tui-labels.sh -- the main screens at 80x24 in English, Finnish and
# Swedish: no label is cut (region names, sector names, the agents'
# employers); a list field too long for its width shows whole items and
# how many more, never a trailing comma; a municipal member's sector list
# offers its level's sectors (the others behind "show all"), and the
# membership's organisation comes from the person's.  At the end, the
# group screen's own block: no word cut on it in any language.
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
	members=$(printf '%s\n' "$SCREEN" | sed -n '6,$p' | cut -c1-48)
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

# ---- the group screen (h-group) -----------------------------------------
# At 80x24 in every language the group's screen gives way at words: no
# text ends in "…" straight after a letter (a cut word), the check's
# sectors all show, and the key line is there.  A municipal group whose
# 7 members all show, the regional group of Uusimaa (11 members, down to
# the last), and the Swedish-named groups of Ostrobothnia.
# group_screen_ok LANG WHAT: the checks on $SCREEN.
group_screen_ok() {
	unlike "$SCREEN" "[[:alnum:]]$ell" "$1: $2: no word cut"
	unlike "$SCREEN" "[[:alnum:]]~" "$1: $2: no word cut (ASCII)"
	last=$(printf '%s\n' "$SCREEN" | tail -n 1)
	like "$last" '^n:.* q:' "$1: $2: the key line shows"
}
# open_group LANG DOWNS NAME: the groups list, DOWNS rows down, Enter.
open_group() {
	keys q l
	sleep 0.2
	keys g
	i=0
	while [ "$i" -lt "$2" ]; do
		keys j
		i=$((i + 1))
	done
	keys Enter
	tui_wait "$3" || fail "$1: the group $3" "$SCREEN"
	tui_settle
}
for lang in en fi sv; do
	tui_start -- --lang "$lang"
	tui_wait "3/26" || fail "$lang: the overview" "$SCREEN"
	keys l
	sleep 0.2
	open_group "$lang" 0 "Espoon ja Kauniaisten"
	group_screen_ok "$lang" "Espoo's group"
	for who in "Jukka Hämäläinen" "Niklas Åström"; do
		like "$SCREEN" "^[> ] $who " "$lang: Espoo: $who's row shows"
	done
	marks=$(printf '%s\n' "$SCREEN" | grep -o '✓' | wc -l)
	ok "$lang: Espoo: the check and its 6 sectors show ($marks ✓)" \
		[ "$marks" -ge 7 ]
	like "$SCREEN" "(Muutosagentti|Förändringsagent|Change agent): Riikka Väisänen" \
		"$lang: Espoo: the change agent whole"
	like "$SCREEN" "Uudenmaan LAPE-ryhmä \\(" \
		"$lang: Espoo: the regional group whole"
	open_group "$lang" 6 "Uudenmaan LAPE-ryhmä"
	group_screen_ok "$lang" "Uusimaa's regional group"
	marks=$(printf '%s\n' "$SCREEN" | grep -o '✓' | wc -l)
	ok "$lang: Uusimaa: its 7 sectors show ($marks ✓)" [ "$marks" -ge 8 ]
	keys G
	tui_wait "> Anni Zetterberg" || fail "$lang: Uusimaa: the last member" \
		"$SCREEN"
	group_screen_ok "$lang" "Uusimaa's last members"
	like "$SCREEN" "Mannerheimin Lastensuojeluliitto" \
		"$lang: Uusimaa: a long organisation shows its words"
	open_group "$lang" 5 "Sydösterbottens LAPE-grupp"
	group_screen_ok "$lang" "a Swedish-named group"
	like "$SCREEN" "(Närpiö|Närpes), (Kaskinen|Kaskö), (Kristiinankaupunki|Kristinestad)" \
		"$lang: its municipalities whole"
	open_group "$lang" 8 "Österbottens LAPE-grupp"
	group_screen_ok "$lang" "a Swedish-named regional group"
	like "$SCREEN" "✗ [^✓✗]*(nuorten edustaja|representant för de unga|youth representative)" \
		"$lang: Österbotten: the missing sector shows"
	keys Q
	tui_exit_status
done

done_testing
