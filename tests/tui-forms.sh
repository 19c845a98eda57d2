#!/bin/sh
# tui-forms.sh -- the forms, end to end: create a regional and a municipal
# group (Närpiö/Närpes), add members sector by sector (new people created
# in the same flow) and watch the checklist turn complete, edit, end and
# remove a membership, delete a group; each checked in the data file too.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape init --year 2016
status_is 0 "an empty data file"

tui_start
expect "overview by region" "the overview"
keys l
expect "No groups here" "no groups yet"

# A regional group: level and region picked from lists filtered as typed
# (the region by its Swedish name).
keys n
expect "New group" "n opens the group form"
type_text "Pohjanmaan LAPE-ryhmä"
keys Tab
sleep 0.3
level_y=$(tmx display-message -p -t t '#{cursor_y}')
keys r
expect "Type to filter: r" "typing on the level field opens its list"
keys Escape
expect_gone "Type to filter" "Esc closes the list"
is "$(tmx display-message -p -t t '#{cursor_y}')" "$level_y" \
	"after Esc in a list the cursor stays on its field"
keys r
expect "regional" "the level list again"
keys Enter
sleep 0.3
ok "after a choice the cursor moves on to the next field" \
	[ "$(tmx display-message -p -t t '#{cursor_y}')" -gt "$level_y" ]
type_text "Österb"
expect "Pohjanmaa (Österbotten)" "the region list filters by the Swedish name"
keys Enter
expect "Region (regional group)  Pohjanmaa" "the region is chosen"
keys F1
expect "Keys in a form" "F1 in a form shows its keys"
keys Escape
expect_gone "Keys in a form" "any key closes them"
expect "Region (regional group)  Pohjanmaa" "the form is back, values and all"
keys C-s
expect "Group saved. Press n to add its members." "the regional group is saved"
expect "Group: Pohjanmaan LAPE-ryhmä" "and its screen opens at once"
like "$SCREEN" 'n:new member' "whose bottom line says n adds a member"
keys q
expect "Groups — all regions" "q: back to the list"
like "$SCREEN" '^> ✗ 7 +Pohjanmaan LAPE-ryhmä +regional +Pohjanmaa' \
	"it is listed, with 7 sectors missing"
like "$(csv_groups)" 'Pohjanmaan LAPE-ryhmä,regional' "it is in the data file"

# A municipal group of Närpiö/Närpes; a bad date is refused beside its
# field, then corrected.
keys n
expect "New group" "a second group"
type_text "Närpes LAPE"
keys Tab m
expect "municipal" "level list"
keys Enter Tab
type_text "Närpe"
expect "[ ] Närpiö (Närpes)" "the municipality list filters by the Swedish name"
keys Tab
expect "[x] Närpiö (Närpes)" "Tab marks it"
keys Enter
expect "Municipalities  Närpiö (Närpes)" "the municipality is chosen"
keys Tab
type_text "1.13.2016"
keys C-s
expect "not a date: write 2016-10-01 or 1.10.2016" \
	"an impossible date is refused with the message beside the field"
like "$SCREEN" 'Mandate date  1\.13\.2016 +not a date' "beside the field"
keys C-u
type_text "1.10.2016"
keys C-s
expect "Group: Närpes LAPE" "the municipal group is saved and opened"
keys q
expect "Groups — all regions" "q: back to the list"
expect "Närpes LAPE" "and listed"
like "$(csv_groups)" 'Närpes LAPE,municipal' "it is in the data file"

# Its members, sector by sector; the checklist turns complete.
keys g Enter
expect "Group: Närpes LAPE" "the group screen"
expect "Missing (6)" "6 sectors missing"
like "$SCREEN" 'Regional group: Pohjanmaan LAPE-ryhmä \(by region\)' \
	"linked to its region's group"

# add_member NAME SECTOR-FILTER MISSING-AFTER [ROLE-FILTER]
add_member() {
	keys n # n: new member (a too, as the vt100 test in tui-term.sh uses)
	tui_wait "New member of" || fail "member form for $1"
	type_text "$1"
	tui_wait "+ New person..." || fail "new person offered for $1"
	keys Enter
	tui_wait "New person (saved with this form)" ||
		fail "person form for $1" "$SCREEN"
	keys C-s
	tui_wait "$1 (new)" || fail "the new person $1 is in the form" "$SCREEN"
	type_text "$2"
	tui_wait "[ ]" || fail "sector list for $2" "$SCREEN"
	keys Tab Enter
	if [ -n "${4:-}" ]; then
		type_text "$4"
		keys Enter
	fi
	keys C-s
	expect "$3" "after adding $1: $3"
}
add_member "Aino Kähkönen" sosiaali "Missing (5)" ch
like "$SCREEN" 'Aino Kähkönen +chair' "the member is listed with her role"
# (a row a member while the rows are short enough, else two)
like "$SCREEN" '(Aino Kähkönen .* |^    )social and health services( · |$)' \
	"her sector whole, on her row or the row below"
like "$SCREEN" '✓ social and health services' "her sector is checked"
add_member "Östen Öhman" bildning "Missing (4)"
add_member "Åsa Åberg" nuoriso "Missing (3)"
add_member "Ylva Lindqvist" järjest "Missing (2)"
add_member "Jussi Nyström" seurakun "Missing (1)"
add_member "Pia Väänänen" edustaja "✓ Complete"
lape check "Närpes LAPE"
status_is 0 "lape check agrees: the group is complete"
lape list people --format csv
like "$OUT" 'Aino Kähkönen,.*,Kähkönen,Aino,' "the new people are in the data file"

# Edit the group's name.
keys e
expect "Edit group" "e edits the group"
keys C-u
type_text "Närpiön LAPE-ryhmä – Närpes LAPE-grupp"
keys C-s
expect "Group: Närpiön LAPE-ryhmä – Närpes LAPE-grupp" "the new name shows"
like "$(csv_groups)" 'Närpiön LAPE-ryhmä – Närpes LAPE-grupp' \
	"the new name is in the data file"

# Edit a membership: the first member (sorted: chair first).
keys g Enter
expect "Edit membership in" "Enter edits the membership"
keys Tab Tab Tab Tab
type_text "Närpes stad"
keys C-s
expect "    Närpes stad" "the organisation shows under the member"

# End a membership: the term ends today, the sector is no longer covered.
keys j
expect "> Ylva Lindqvist" "j selects the next member (Finnish order)"
keys G
expect "> Östen Öhman" "G selects the last one"
keys x
expect "Term ends on:" "x asks for the end date"
keys C-u
type_text "31.12.2016"
keys Enter
expect "Membership ends on 2016-12-31." "the end is saved"
expect "Missing (1)" "an ended term no longer covers education"

# Remove with confirmation: n keeps, y removes.
keys d
expect "Remove Östen Öhman" "d asks before removing"
keys n
expect "Members (6)" "n keeps the member"
keys d
expect "Remove Östen Öhman" "asked again"
keys y
expect "Member removed." "y removes"
expect "Members (5)" "five members left"
lape show "Närpiön LAPE-ryhmä – Närpes LAPE-grupp"
unlike "$OUT" 'Öhman' "the membership is gone from the data file"

# Delete a group from the list, with confirmation.
keys q
expect "Groups — all regions" "back to the groups"
keys G
expect "> ✗ 7    Pohjanmaan LAPE-ryhmä" "G selects the last group"
keys d
expect "Delete the group" "d asks first"
keys y
expect "Group deleted." "deleted"
unlike "$(csv_groups)" 'Pohjanmaan LAPE-ryhmä' "gone from the data file"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
