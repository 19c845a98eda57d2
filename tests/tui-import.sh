#!/bin/sh
# tui-import.sh -- from a group's screen: i imports a CSV file into the
# group, showing the dry run before anything is written (w writes it, q
# leaves with nothing written; a file with wrong rows writes nothing);
# R writes the meeting report of a group or a region to a file and says
# where.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"
printf 'Sukunimi;Etunimet;Sähköposti;Sektori;Rooli\nTuonti;Tiina;tiina@example.fi;seurakunnat;jäsen\nTuonti;Teemu;teemu@example.fi;nuorisotoimi;\n' \
	>"$T/good.csv"
printf 'Sukunimi;Etunimet;Sähköposti;Sektori\nHyvä;Heikki;heikki@example.fi;nuorisotoimi\nHuono;Hanna;ei-osoite;nuorisotoimi\n' \
	>"$T/bad.csv"
sum0=$(checksum "$LAPE_DB")

tui_start
expect "overview by region" "the overview"
keys Enter
expect "Groups — Uusimaa" "Uusimaa's groups"
keys /
type_text "vant"
keys Enter Enter
expect "Group: Vantaan LAPE-ryhmä" "Vantaa's group"
expect "Missing (2)" "two sectors missing"

# A file with a wrong row: shown, nothing can be written.
keys i
expect "Import a CSV file into the group:" "i asks for the file"
type_text "$T/bad.csv"
keys Enter
expect "Import into Vantaan LAPE-ryhmä" "the dry run of the file"
expect "line 3, column 'Sähköposti': not an e-mail address" \
	"the wrong row with its line, column and reason"
like "$SCREEN" "line 2: Heikki Hyvä joins Vantaan LAPE-ryhmä" \
	"the good row is shown with what it would do"
like "$SCREEN" "Nothing written: 1 problem to fix first" "nothing written, and why"
keys w
expect "Nothing written: 1 problem" "w refuses while a row is wrong"
keys q
expect "Group: Vantaan LAPE-ryhmä" "q goes back"
is "$(checksum "$LAPE_DB")" "$sum0" "the data file is untouched"

# A file that is not there: one line, no screen.
keys i
type_text "$T/no-such.csv"
keys Enter
expect "no-such.csv:" "a missing file is named on the message line"
like "$SCREEN" "Group: Vantaan LAPE-ryhmä" "still on the group"

# A good file: the dry run, then w writes it.
keys i
type_text "$T/good.csv"
keys Enter
expect "Would be written:" "the dry run says what would be written"
like "$SCREEN" "line 2: new person Tiina Tuonti" "a new person"
like "$SCREEN" "line 3: Teemu Tuonti joins Vantaan LAPE-ryhmä" "a new membership"
like "$SCREEN" "People: 2 new, 0 changed.  Memberships: 2 new" "the counts"
like "$SCREEN" "Dry run: nothing written yet. Press w to write it." "how to write it"
is "$(checksum "$LAPE_DB")" "$sum0" "the dry run wrote nothing"
keys w
expect "Imported: 2 people new, 0 changed; 2 memberships new, 0 changed." \
	"w writes it and says what"
expect "Group: Vantaan LAPE-ryhmä" "back on the group"
expect "Tiina Tuonti" "the new member is listed"
expect "Missing (1)" "parishes are covered now"
like "$SCREEN" "✓ parishes" "by the new member"
lape list people --format csv
like "$OUT" "Tiina" "she is in the data file"

# The same file again changes nothing.
keys i
type_text "$T/good.csv"
keys Enter
expect "Nothing to write: the data file already holds all of it." \
	"importing the same file again changes nothing"
keys q

# R writes the group's report and says where.
keys R
expect "Write the report (.html, .txt or .xlsx) to:" "R asks where"
keys C-u
type_text "$T/vantaa.txt"
keys Enter
expect "Report written to $T/vantaa.txt." "the message line names the file"
like "$(cat "$T/vantaa.txt")" "Vantaan LAPE-ryhmä" "the report is of the group"
like "$(cat "$T/vantaa.txt")" "Tiina Tuonti" "with its members"
keys R C-u
type_text "$T/vantaa.txt"
keys Enter
expect "exists. Write over it?" "an existing file: asked first"
keys n
keys q q
expect "overview by region" "the overview"
# a region's report from the overview
keys R C-u
type_text "$T/uusimaa.html"
keys Enter
expect "Report written to $T/uusimaa.html." "the region's report"
like "$(cat "$T/uusimaa.html")" "Uusimaa" "of the region"
is "$(stat -c %a "$T/uusimaa.html")" 600 "written 0600 (personal data)"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
