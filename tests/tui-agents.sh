#!/bin/sh
# tui-agents.sh -- change agents (one per region, "not yet eligible"), people
# (new, edit, delete refused while a member) and linking a municipal group
# to a regional group, through the screens.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data"

tui_start
expect "overview by region" "the overview"

# ---- change agents ----------------------------------------------------------
keys a
expect "Change agents — one per region" "the agents screen"
expect "- not yet eligible" "regions not yet eligible"
like "$SCREEN" '^  Varsinais-Suomi +- not yet eligible' "Varsinais-Suomi has no groups"
# Uusimaa has an agent but groups in only 6 of its 26 municipalities.
like "$SCREEN" '^> Uusimaa .* ! active' "an agent in a region not yet eligible is marked !"
like "$SCREEN" "^  ! not yet eligible: the region's groups are not in place" \
	"the legend says what ! means"
keys q
expect "overview by region" "back on the overview"
like "$SCREEN" '^> Uusimaa .* ! Riikka Väisänen' \
	"the overview marks the agent of a region not eligible, too"
like "$SCREEN" "^  ! not yet eligible: the region's groups are not in place" \
	"with the same legend"
keys a
expect "Change agents — one per region" "the agents screen again"
keys j Enter
expect "is not yet eligible for a change agent" "assigning one there asks first"
keys n
expect_gone "Confirm" "n: nothing happens"
keys Enter
expect "not yet eligible" "asked again"
keys y
expect "Change agent of Varsinais-Suomi" "y: the agent form"
type_text "Sari Mäkinen"
expect "+ New person..." "a new person can be created here"
keys Enter
expect "New person (saved with this form)" "the person's form"
like "$SCREEN" "Surname \\* +Mäkinen" "the typed name's last word is the surname"
like "$SCREEN" "Given names +\\[?Sari" "and the rest the given names"
keys Tab Tab Tab
type_text "Turun kaupunki"
keys C-s
expect "Sari Mäkinen (new)" "back in the agent form"
type_text "Turun kaupunki"
keys Tab
type_text "1.10.2016"
keys Tab Tab Tab
type_text "a"
expect "> active" "statuses that start with a come first"
keys Enter C-s
expect "Change agent saved." "saved"
like "$SCREEN" 'Varsinais-Suomi +Sari Mäkinen +Turun kaupu.* ! active' \
	"the agent's row"
lape list agents --format csv
like "$OUT" 'Sari Mäkinen' "the agent is in the data file"
lape list people --format csv
like "$OUT" 'Sari Mäkinen,Turun kaupunki,.*,Mäkinen,Sari,' "and the new person with her organisation, by surname and given names"

# A second agent for the same region is refused beside its field.
keys Enter
expect "Change agent of Varsinais-Suomi" "Enter edits the agent"
keys Tab Tab Tab
type_text "31.12.2015"
keys C-s
expect "ends before it starts" "an end before the start is refused"
keys Escape
expect "Discard your changes?" "Esc on a changed form asks first"
keys y
expect "Change agents — one per region" "y leaves it"
keys d
expect "Remove Sari Mäkinen as the change agent" "d asks first"
keys y
expect "Change agent removed." "removed"
keys q

# ---- people -------------------------------------------------------------------
keys p
expect "People" "people"
keys n
expect "New person" "n: a new person"
type_text "Öhman"
keys Tab
type_text "Östen"
keys Tab Tab Tab
type_text "osten.ohman"
keys C-s
expect "not an e-mail address" "a malformed e-mail is refused beside the field"
type_text "@narpes.fi"
keys C-s
expect "Person saved." "saved"
lape list people --format csv
like "$OUT" ',Öhman,Östen,' "in the data file"
keys /
type_text "helena"
keys Enter
expect "> Helena Suominen" "search"
keys d
expect "Helena Suominen still has 2 memberships" \
	"a member cannot be deleted: it says so before asking"
like "$SCREEN" 'memberships \(Helsingin lapsi' "and names a group"
unlike "$SCREEN" 'Delete Helena Suominen\?' "no question asked"
lape list people --format csv
like "$OUT" 'Helena Suominen' "she is still in the data file"
# a change agent neither
keys / C-u
type_text "riikka"
keys Enter
expect "> Riikka Väisänen" "the agent found"
keys d
expect "Riikka Väisänen is the change agent of Uusimaa" \
	"an agent cannot be deleted: it says so before asking"
unlike "$SCREEN" 'Delete Riikka' "no question asked"
# one in no group: asked, and deleted
keys n
expect "New person" "a person of no group"
type_text "Poistettava Pekka"
keys C-s
expect "Person saved." "saved"
keys / C-u
type_text "poistettava"
keys Enter
expect "> Poistettava Pekka" "found"
keys d
expect "Delete Poistettava Pekka?" "one in no group: asked"
keys y
expect "Person deleted." "y deletes"
lape list people --format csv
unlike "$OUT" 'Poistettava' "gone from the data file"
keys / C-u
type_text "helena"
keys Enter
expect "> Helena Suominen" "search"
keys Enter
expect "Person: Helena Suominen" "her screen"
expect "> Helsingin lapsi- ja perhepalve" "her groups"
keys e
expect "Edit person" "e edits her"
keys Tab Tab Tab
keys C-u
type_text "Helsingin kaupunki, sote"
keys C-s
expect "Organisation: Helsingin kaupunki, sote" "the edit shows"
keys Enter
expect "Group: Helsingin lapsi- ja perhepalveluiden" "Enter opens the group"

# ---- link to a regional group ---------------------------------------------
keys r
expect "(the one of its region)" "r: regional groups to pick from"
type_text "Österbottens"
keys Enter
expect "Regional group: Österbottens LAPE-grupp ·" "set by hand"
lape show "Helsingin lapsi- ja perhepalveluiden johtoryhmä"
like "$OUT" 'Regional group: +Österbottens LAPE-grupp' "in the data file"
keys r
expect "(the one of its region)" "again"
keys Enter
expect "Regional group: Uudenmaan LAPE-ryhmä (by region)" "back to its region's"

keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
