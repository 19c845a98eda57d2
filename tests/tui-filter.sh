#!/bin/sh
# tui-filter.sh -- a pick list's filter compares as the command line's
# lookups do (utf8_key: case and accents aside): "ORDFÖRANDE" finds the
# role "ordförande", "KIRKKO" Kirkkonummi, "PAIJAT-HAME" Päijät-Häme, and
# a name that starts with the filter ("SO": Sören) comes before one that
# only contains it.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"

# The row of $SCREEN (1-based) where the text $1 first stands, 0 if none.
row_of() {
	printf '%s\n' "$SCREEN" | awk -v s="$1" 'index($0, s) { print NR; f = 1; exit }
		END { if (!f) print 0 }'
}

tui_start
expect "overview by region" "the overview"
keys l
keys n
expect "New group" "the group form"
type_text "Filter test"
keys Tab m
expect "municipal" "the level list"
keys Enter Tab
type_text "KIRKKO"
expect "Kirkkonummi (Kyrkslätt)" "upper case finds Kirkkonummi"
keys C-u
type_text "kyrkSLÄTT"
expect "Kirkkonummi (Kyrkslätt)" "and its Swedish name, in any case"
keys C-u
type_text "AHTARI"
expect "Ähtäri (Etseri)" "no accents typed: Ähtäri found"
keys Escape
expect_gone "Type to filter" "the list closed"
keys BTab BTab
expect "Level *  municipal" "back on the level"
keys r
expect "regional" "the level list"
keys Enter
type_text "PAIJAT-HAME"
expect "Päijät-Häme (Päijänne-Tavastland)" \
	"no accents typed, in capitals: Päijät-Häme found"
tui_kill

# Swedish: the role list filtered in capitals with an accent.
tui_start -- --lang sv
expect "Nyland" "sv: the overview"
keys Enter Enter
expect "Medlemmar" "sv: a group"
keys n
expect "Ny medlem" "sv: the member form"
# names that start with the filter first, accents aside ("PA": Päivi,
# "SO": Sören), before those that only contain it (Sara Holmström, of
# Socca, whose surname comes first otherwise)
type_text "PA"
expect "Sara Holmström" "sv: the person list filtered"
paivi=$(row_of "Päivi Kääriäinen")
ok "sv: \"PA\": Päivi Kääriäinen first" \
	[ "$paivi" -gt 0 -a "$paivi" -lt "$(row_of "Sara Holmström")" ]
keys C-u
type_text "SO"
expect "Sören Wallin" "sv: the person list filtered again"
ok "sv: \"SO\": Sören Wallin first" \
	[ "$(row_of "Sören Wallin")" -lt "$(row_of "Sara Holmström")" ]
keys Escape
keys Tab Tab
type_text "ORDFÖRANDE"
keys Enter
expect "Roll *  ordförande" "sv: ORDFÖRANDE in the role list finds ordförande"
tui_kill

# The command line takes the same words.
lape add group --level municipal --name "Kirkkonummen ryhmä" \
	--municipality KIRKKONUMMI
status_is 0 "cli: KIRKKONUMMI is Kirkkonummi"
lape add person --surname Filter --given-names Test
status_is 0 "cli: a person"
lape add member "Kirkkonummen ryhmä" "Test Filter" --sector social_health \
	--role ORDFÖRANDE
status_is 0 "cli: ORDFÖRANDE is a role"
lape show "Kirkkonummen ryhmä"
like "$OUT" 'chair' "cli: the chair"
done_testing
