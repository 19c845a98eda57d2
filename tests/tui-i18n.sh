#!/bin/sh
# tui-i18n.sh -- the screens in Finnish, Swedish and English at 80x24:
# no heading or label cut ("…") on the main screens and the forms, the
# words of issue 11, and NO_COLOR as no-color.org says.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "$TESTS_SRCDIR/tui-lib.sh"

lape init --year 2016
lape demo

# line N of the screen (1 is the top)
line() { printf '%s\n' "$SCREEN" | sed -n "${1}p"; }

for l in fi sv en; do
	tui_start -- --lang "$l"
	case $l in
	fi) title="LAPE-ryhmät" complete="Kunnossa" regional="Maakuntaryhmä"
	    nogroup="Ei ryhmää" mun="Kunnat" existing="Olemassa oleva toimielin" ;;
	sv) title="LAPE-grupper" complete="Fullständig" regional="Landskapets grupp"
	    nogroup="" mun="Kommuner" existing="Befintligt organ" ;;
	en) title="LAPE groups" complete="Complete" regional="Regional"
	    nogroup="No group" mun="Municipalities" existing="Existing body" ;;
	esac
	expect "$title" "$l: the overview"
	# the headings of the overview, whole
	head=$(printf '%s\n' "$SCREEN" | grep -F "$regional" | head -n 1)
	unlike "$head" '…' "$l: no heading of the overview is cut"
	like "$head" "$complete" "$l: the overview's heading says $complete"
	[ -n "$nogroup" ] && like "$head" "$nogroup" "$l: and $nogroup"
	# every region's name whole
	names=$(lape --lang "$l" list regions --format csv | sed 1d | cut -d, -f2,3)
	miss=
	for r in $(printf '%s\n' "$names" | tr ' ' '_'); do
		case $l in sv) n=${r#*,} ;; *) n=${r%,*} ;; esac
		n=$(printf '%s' "$n" | tr '_' ' ')
		printf '%s\n' "$SCREEN" | grep -qF "$n" || miss="$miss [$n]"
	done
	# the first 18 regions fit on the screen (Ahvenanmaa is not in LAPE)
	miss=$(printf '%s' "$miss" | sed 's/ \[\(Ahvenanmaa\|Åland\)\]//')
	is "$miss" "" "$l: every region's name is shown whole"

	done_w=$complete
	[ $l = en ] && done_w=Done
	keys l
	expect "$done_w" "$l: the groups"
	head=$(printf '%s\n' "$SCREEN" | grep -F "$done_w" | head -n 1)
	unlike "$head" '…' "$l: no heading of the groups is cut"

	keys Enter
	tui_wait "$(lape --lang "$l" list groups --format csv | sed -n 2p | cut -d, -f3)" >/dev/null
	tui_settle
	# a sector's name is cut only after a whole word
	unlike "$SCREEN" 'sosiaali- j…|social- och h…|sivistystoi…|bildningsväse…' \
		"$l: no sector's name is cut in the middle of a word"
	keyline=$(printf '%s\n' "$SCREEN" | grep -v '^ *$' | tail -n 1)
	dup=$(printf '%s\n' "$keyline" | grep -o ':[^: ]*' | sort | uniq -d)
	is "$dup" "" "$l: no two keys of the group screen say the same ($keyline)"
	keys e
	expect "$mun" "$l: the group's form"
	form=$(printf '%s\n' "$SCREEN" | sed -n '3,20p')
	like "$form" "^ *$existing  " "$l: the form's label \"$existing\" is whole"
	like "$form" "$mun  .*(…|\\)$)" "$l: the municipalities end whole or with …"
	unlike "$form" ',$' "$l: no list field ends in a bare comma"
	labels=$(printf '%s\n' "$form" | cut -c1-30)
	unlike "$labels" '…' "$l: no label of the form is cut"
	keys Escape
	tui_wait_gone "$mun" >/dev/null
	# the change agents: the employer whole (the term gives way to it)
	keys q q
	tui_wait "$title" >/dev/null
	keys a
	expect "Riikka Väisänen" "$l: the change agents"
	head=$(printf '%s\n' "$SCREEN" | sed -n 3p)
	unlike "$head" '…' "$l: no heading of the change agents is cut"
	if [ $l != sv ]; then
		like "$SCREEN" "Riikka Väisänen +Helsingin kaupunki " \
			"$l: the employer is shown whole"
	fi
	keys Q
	tui_exit_status
	is "$TUI_STATUS" 0 "$l: lape quits"
done

# ---- the dialog of a record saved by someone else meanwhile: its labels
# whole in Finnish ("Valtuutuksen antaja", "Olemassa oleva toimielin")
if have_python; then
	tui_start -- --lang fi
	expect "LAPE-ryhmät" "fi: the overview again"
	keys l
	expect "Kunnossa" "fi: the groups"
	keys Enter e
	expect "Muokkaa ryhmää" "fi: the group's form"
	py "$PY_OPEN"'
con.execute("UPDATE lape_group SET notes = ?, version = version + 1 WHERE name = ?", ("muutettu", "Espoon ja Kauniaisten LAPE-ryhmä"))
con.commit()' "$LAPE_DB"
	keys C-s
	expect "Joku muu on muuttanut tietoja" "fi: the conflict is shown"
	like "$SCREEN" "Valtuutuksen antaja " "fi: the conflict's label \"Valtuutuksen antaja\" is whole"
	like "$SCREEN" "Olemassa oleva toimielin " "fi: and \"Olemassa oleva toimielin\""
	keys Escape Escape
	keys Q
	tui_exit_status
else
	for i in 1 2 3 4 5 6; do skip "the conflict dialog in Finnish" "no python3"; done
fi

# ---- NO_COLOR: set and not empty turns colour off, empty keeps it
colour_of() { # colour_of [VAR=VALUE]: whether the overview uses colour
	tui_start "$@" -- --lang en
	tui_wait "LAPE groups" >/dev/null
	COLOURED=$(tmx capture-pane -p -e -t t | grep -c "$(printf '\033')\\[3[12]m")
	keys Q
	tui_exit_status
}
colour_of
ok "without NO_COLOR the marks are in colour" test "$COLOURED" -gt 0
colour_of NO_COLOR=1
is "$COLOURED" 0 "NO_COLOR=1 turns colour off"
colour_of NO_COLOR=
ok "NO_COLOR set but empty keeps colour (no-color.org)" test "$COLOURED" -gt 0

done_testing
