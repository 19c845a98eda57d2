#!/bin/sh
# tui-labels.sh -- the main screens at 80x24 in English, Finnish and
# Swedish: no label is cut (region names, sector names, the agents'
# employers), and where a text must be shortened it ends after a whole
# word, on the agents, people, person, form, history, merge, import and
# conflict screens; e-mail addresses whole; a list field too long for its width shows whole items and
# how many more, never a trailing comma; a municipal member's sector list
# offers its level's sectors (the others behind "show all"), and the
# membership's organisation comes from the person's.  At the end, the
# group screen's own block: no word cut on it in any language.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"
ell='…'

# Longer values than the demo's, for the merge, import and history screens:
# a laptop's copy with a long mandate body against another long one here.
EDIT=$TESTS_BUILDDIR/lapeedit
lap=$T/laptop.db
lape copy "$lap"
status_is 0 "a laptop's copy"
LAPEEDIT_USER=liisa "$EDIT" "$lap" "UPDATE lape_group SET mandate_body = ?1, version = version + 1 WHERE name LIKE 'Vantaan%'" "Vantaan kasvatus- ja opetuslautakunnan nuorisojaosto" >/dev/null
LAPEEDIT_USER=liisa "$EDIT" "$lap" "UPDATE person SET organisation = ?1, version = version + 1 WHERE surname = 'Holm'" "Vasa svenska församling och Korsholms svenska församling" >/dev/null
LAPEEDIT_USER=marja "$EDIT" "$LAPE_DB" "UPDATE lape_group SET mandate_body = ?1, version = version + 1 WHERE name LIKE 'Vantaan%'" "Vantaan kaupunginhallituksen konsernijaosto ja sivistyslautakunta" >/dev/null
printf 'Sukunimi;Etunimet;Sähköposti;Sektori;Rooli\nTuonti;Tiina;tiina@example.fi;sosiaali- ja terveystoimi;jäsen\nTuonti;Teemu;teemu@example.fi;nuorisotoimi;\n' \
	>"$T/import.csv"

conflict_note="Toinen muutos, niin pitkä ettei se mahdu yhdelle riville tässä ikkunassa"

# words LANG: every word of the data and of the reference names as lape
# shows them in LANG, one a line, into $T/words-LANG.
words() {
	: >"$T/words-$1"
	for what in people groups agents regions municipalities; do
		lape --lang "$1" list "$what"
		printf '%s\n' "$OUT" >>"$T/words-$1"
	done
	lape --lang "$1" check
	printf '%s\n' "$OUT" >>"$T/words-$1"
	# the laptop's values and the merge's words
	lape --lang "$1" merge --dry-run "$lap"
	printf '%s\n' "$OUT" >>"$T/words-$1"
	printf '%s\n' "$conflict_note" >>"$T/words-$1"
	for g in "Vantaan LAPE-ryhmä" "Espoon ja Kauniaisten LAPE-ryhmä" \
		"Uudenmaan LAPE-ryhmä"; do
		lape --lang "$1" show "$g"
		printf '%s\n' "$OUT" >>"$T/words-$1"
	done
	tr ' \t,;:()' '\n\n\n\n\n\n\n' <"$T/words-$1" | sort -u >"$T/w" &&
		mv "$T/w" "$T/words-$1"
}

# whole_words LANG DESCRIPTION: where the screen shortens a text ("…"),
# it ends after a whole word ("Mannerheimin…"), or after a compound's
# hyphen ("Laurea-…"), never inside a word ("Mannerheimin Lastensuoje…").
# One word too long for its column alone may be cut: an e-mail address.
whole_words() {
	ww_bad=
	for ww in $(printf '%s\n' "$SCREEN" | grep -o "[^ (]*$ell" |
		sed "s/$ell\$//; s/[,;:)]\$//"); do
		case $ww in
		'' | *@*) continue ;;
		*-) grep -q "^$ww" "$T/words-$1" && continue ;;
		*) grep -Fqx -- "$ww" "$T/words-$1" && continue ;;
		esac
		ww_bad="$ww_bad $ww$ell"
	done
	if [ -z "$ww_bad" ]; then
		pass "$2"
	else
		fail "$2" "cut inside a word:$ww_bad" "screen:" "$SCREEN"
	fi
}

for lang in en fi sv; do
	words "$lang"
	tui_start -- --lang "$lang"
	tui_wait "3/26" || fail "$lang: the overview" "$SCREEN"
	unlike "$SCREEN" "$ell" "$lang: nothing cut on the overview"
	keys a
	tui_wait "Uusimaa" || tui_wait "Nyland" ||
		fail "$lang: the agents" "$SCREEN"
	tui_settle
	like "$SCREEN" "Riikka Väisänen +Helsingin kaupunki " \
		"$lang: the agents: the employer whole"
	like "$SCREEN" "Johanna Storm +Vasa stad " \
		"$lang: the agents: another employer whole"
	whole_words "$lang" "$lang: the agents: no word cut"
	head=$(printf '%s\n' "$SCREEN" | sed -n 3p)
	unlike "$head" "$ell" "$lang: the agents: no heading cut"
	keys q Enter Enter
	tui_wait "Espoon ja Kauniaisten" || fail "$lang: a group" "$SCREEN"
	tui_settle
	# the member rows: sector names whole (the checklist wraps its own)
	members=$(printf '%s\n' "$SCREEN" | sed -n '6,$p' | grep '^    ' |
		cut -c1-48)
	unlike "$members" "$ell" "$lang: the members' sectors whole"
	# the group's form: every value whole (municipalities too)
	keys e
	tui_wait "Espoon kaupunginhallitus" ||
		fail "$lang: the group's form" "$SCREEN"
	form=$(printf '%s\n' "$SCREEN" | sed -n '3,17p')
	unlike "$form" "$ell" "$lang: the group's form: no label or value cut"
	like "$form" "(Espoo \(Esbo\), Kauniainen \(Grankulla\)|Esbo \(Espoo\), Grankulla \(Kauniainen\))\$" \
		"$lang: the group's form: both municipalities whole"
	keys Escape
	tui_wait_gone "Espoon kaupunginhallitus"
	# its history: the words whole
	keys h
	tui_wait "Espoon ja Kauniaisten LAPE-ryhmä" ||
		fail "$lang: the group's history" "$SCREEN"
	tui_settle
	whole_words "$lang" "$lang: the group's history: no word cut"
	keys q q q
	tui_wait "3/26" || fail "$lang: back on the overview" "$SCREEN"
	# the people: e-mail addresses whole, organisations after a word
	keys p
	tui_wait "matti.aaltonen" || fail "$lang: the people" "$SCREEN"
	tui_settle
	like "$SCREEN" "matti\.aaltonen@hus\.example\$" \
		"$lang: the people: an e-mail address whole"
	like "$SCREEN" "paivi\.kaariainen@mll\.example\$" \
		"$lang: the people: beside a long organisation too"
	like "$SCREEN" "Gunnel Holm +Vasa svenska församling\$" \
		"$lang: the people: an organisation whole where there is room"
	whole_words "$lang" "$lang: the people: no word cut"
	keys /
	type_text "Sara"
	keys Enter Enter
	tui_wait "Socca" || fail "$lang: a person" "$SCREEN"
	tui_settle
	unlike "$SCREEN" "$ell" "$lang: the person: nothing cut"
	like "$SCREEN" "(competence centre|osaamiskeskus|kompetenscentrum)" \
		"$lang: the person: the sector whole"
	keys e
	tui_wait "sara.holmstrom@socca.example" ||
		fail "$lang: the person's form" "$SCREEN"
	like "$SCREEN" "Socca – pääkaupunkiseudun sosiaalialan osaamiskeskus\$" \
		"$lang: the person's form: a long organisation whole"
	like "$SCREEN" "(not stated|ei ilmoitettu|inte angivet)\$" \
		"$lang: the person's form: the gender whole"
	keys Escape
	tui_wait_gone "sara.holmstrom@socca.example  "
	keys h
	tui_wait "Sara Holmström" || fail "$lang: the person's history" "$SCREEN"
	tui_settle
	whole_words "$lang" "$lang: the person's history: no word cut"
	keys q q q
	tui_wait "3/26" || fail "$lang: the overview again" "$SCREEN"
	# the merge of a laptop's copy: values shortened after a word, who
	# and when whole
	keys M
	type_text "$lap"
	keys Enter
	tui_wait "liisa" || fail "$lang: the merge" "$SCREEN"
	tui_settle
	whole_words "$lang" "$lang: the merge: no word cut"
	like "$SCREEN" "— marja, [0-9-]+ [0-9:]+\$" \
		"$lang: the merge: who and when whole"
	like "$SCREEN" "Vasa svenska församling och Korsholms svenska församling\$" \
		"$lang: the merge: the new value whole"
	head=$(printf '%s\n' "$SCREEN" | sed -n '2,4p')
	unlike "$head" "$ell" "$lang: the merge: what to do whole"
	keys q
	tui_wait "3/26" || fail "$lang: the overview once more" "$SCREEN"
	# an import's dry run: its lines wrap, nothing is cut
	keys Enter /
	type_text "vant"
	keys Enter Enter
	tui_wait "Vantaan LAPE-ryhmä" || fail "$lang: Vantaa's group" "$SCREEN"
	keys i
	type_text "$T/import.csv"
	keys Enter
	tui_wait "Tiina" || tui_wait "Teemu Tuonti" ||
		fail "$lang: the import" "$SCREEN"
	tui_settle
	unlike "$SCREEN" "$ell" "$lang: the import: nothing cut"
	like "$SCREEN" "terveystoimi" "$lang: the import: the wrong row's reason whole"
	keys Q
	tui_exit_status
done

# The conflict dialog: the labels whole, values after a word.
if have_python; then
	for lang in en sv; do
		tui_start -- --lang "$lang"
		tui_wait "3/26" || fail "$lang: the overview" "$SCREEN"
		keys l
		tui_wait "Espoon ja Kauniaisten" ||
			fail "$lang: the groups" "$SCREEN"
		keys /
		type_text "Espoon ja"
		keys Enter Enter e
		tui_wait "Espoon kaupunginhallitus" ||
			fail "$lang: the group's form" "$SCREEN"
		py "$PY_OPEN"'
con.execute("UPDATE lape_group SET notes = ?, version = version + 1 WHERE name LIKE ?", (sys.argv[2], "Espoon%"))
con.commit()' "$LAPE_DB" "$conflict_note"
		keys C-s
		tui_wait "Toinen muutos" || fail "$lang: the conflict" "$SCREEN"
		like "$SCREEN" "(Mandate given by|Fullmakt given av) +Espoon kaupunginhallitus " \
			"$lang: the conflict: a label and a value whole"
		whole_words "$lang" "$lang: the conflict: no word cut"
		keys Escape Escape
		tui_wait "Discard" 3 && keys y
		keys Q
		tui_exit_status
	done
else
	for i in 1 2 3 4; do skip "the conflict dialog" "no python3"; done
fi

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
# At 80x24 in every language the group's screen gives way at words (what
# is shortened ends after a whole word: whole_words), the check's sectors
# all show, and the key line is there.  A municipal group whose
# 7 members all show, the regional group of Uusimaa (11 members, down to
# the last), and the Swedish-named groups of Ostrobothnia.
# group_screen_ok LANG WHAT: the checks on $SCREEN.
group_screen_ok() {
	[ -s "$T/words-$1" ] || words "$1"
	whole_words "$1" "$1: $2: no word cut"
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

# A wider terminal shows more: a member a row, the organisation whole,
# and who covers each sector.
TUI_COLS=140 TUI_LINES=30 tui_start -- --lang fi
tui_wait "3/26" || fail "fi, 140x30: the overview" "$SCREEN"
keys l
sleep 0.2
open_group fi 6 "Uudenmaan LAPE-ryhmä"
like "$SCREEN" "Päivi Kääriäinen +jäsen +Mannerheimin Lastensuojeluliitto, Uudenmaan piiri +järjestöt · 1.11.2016" \
	"fi, 140x30: a member a row, the organisation whole"
like "$SCREEN" "✓ oppilaitokset: Outi Kivelä, Eero Räsänen, Oskar Wikström" \
	"fi, 140x30: who covers a sector"
whole_words fi "fi, 140x30: no word cut"
keys Q
tui_exit_status

done_testing
