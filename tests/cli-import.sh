#!/bin/sh
# cli-import.sh -- lape import: a Windows-1252 ';' file with Finnish
# headers, a UTF-8-BOM file with Swedish headers, a file with errors on some
# lines (nothing written), re-import (nothing changes), a possible
# duplicate, and bad files with one-line messages.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

D=$TESTS_SRCDIR/data/import
KERAVA="Keravan LAPE-ryhmä"

# count SQL: a number from the data file.
count() {
	py '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])
' "$LAPE_DB" "$1"
}

lape demo
status_is 0 "demo"
people0=$(count "SELECT count(*) FROM person")
seats0=$(count "SELECT count(*) FROM membership")
sum0=$(checksum "$LAPE_DB")

# ---- Windows-1252, ';', Finnish headers, a quoted newline
lape import "$D/fi-cp1252.csv" --group "$KERAVA"
status_is 0 "dry run of a good file exits 0"
like "$OUT" "3 rows, read as Windows-1252, columns separated by ';'" \
	"says it took the file as Windows-1252 and found ';'"
like "$OUT" "line 2: new person Sirpa Häkkinen" "decodes ä from Windows-1252"
like "$OUT" "line 5: new person Åsa Ärvelä" \
	"a quoted newline on line 3-4: the next row is line 5"
like "$OUT" "column 'Huomautus' is not known: ignored" "unknown column reported"
like "$OUT" "Dry run: nothing written" "a dry run says so"
is "$(count "SELECT count(*) FROM person")" "$people0" "dry run adds nobody"
lape import "$D/fi-cp1252.csv" --group "$KERAVA" --dry-run
status_is 0 "--dry-run is the default made explicit"

lape import "$D/fi-cp1252.csv" --group "$KERAVA" --apply
status_is 0 "--apply of a good file exits 0"
like "$OUT" "People: 3 new, 0 changed.  Memberships: 3 new" "counts what it wrote"
is "$(count "SELECT count(*) FROM person")" "$((people0 + 3))" "three people added"
is "$(count "SELECT role || ' ' || sectors || ' ' || start_date || ' ' || end_date FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = 'sirpa.hakkinen@kerava.example'")" \
	"chair education 2016-10-01 2018-12-31" "role and sector by Finnish label, dates 1.10.2016 as ISO"
is "$(count "SELECT sectors FROM membership m JOIN person p ON p.id = m.person_id WHERE ltrim(p.given_names || ' ' || p.surname) = 'Åsa Ärvelä'")" \
	"youth_rep youth" "two sectors in one cell, by label"
is "$(count "SELECT phone FROM person WHERE email = 'sirpa.hakkinen@kerava.example'")" \
	"040 123 4567" "a phone with a leading zero kept as text"

# ---- importing the same file again changes nothing
sum1=$(checksum "$LAPE_DB")
audit1=$(count "SELECT count(*) FROM audit")
lape import "$D/fi-cp1252.csv" --group "$KERAVA" --apply
status_is 0 "re-import exits 0"
like "$OUT" "Rows that change nothing: 3" "every row is already there"
like "$OUT" "Nothing to write" "says there is nothing to write"
is "$(count "SELECT count(*) FROM audit")" "$audit1" "re-import writes nothing to the audit"
is "$(count "SELECT count(*) FROM person")" "$((people0 + 3))" "nobody doubled"

# ---- UTF-8 with BOM, ',', Swedish headers in another order
lape import "$D/sv-bom.csv" --group "Sydösterbottens LAPE-grupp" --apply
status_is 0 "Swedish file applied"
like "$OUT" "read as UTF-8 with BOM, columns separated by ','" "BOM and ',' found"
is "$(count "SELECT group_concat(x, '|') FROM (SELECT ltrim(p.given_names || ' ' || p.surname) || ':' || m.role || ':' || m.sectors AS x FROM membership m JOIN person p ON p.id = m.person_id JOIN lape_group g ON g.id = m.group_id WHERE g.name = 'Sydösterbottens LAPE-grupp' AND p.email IN ('karin.sjoberg@narpes.example', 'bjorn.akerlund@kaskö.example') ORDER BY p.email)")" \
	"Björn Åkerlund:member:education youth|Karin Sjöberg:chair:social_health" \
	"Swedish roles and sectors by label, ';' between sectors inside a cell"

# ---- a file with errors on some lines: nothing written
sum2=$(checksum "$LAPE_DB")
lape import "$D/errors.csv" --apply
status_is 1 "a file with wrong rows exits 1"
like "$OUT" "line 3, column 'E-mail': not an e-mail address" "bad e-mail: line and column"
like "$OUT" "line 4, column 'Group': no group 'No such group'" "unknown group named"
like "$OUT" "line 5, column 'Sectors': no sector 'astronomy' in the rules" "unknown sector named"
unlike "$OUT" "line 5, column 'Sectors': choose at least one" "one reason per wrong sector cell"
like "$OUT" "line 6, column 'Term start': not a date" "31.2.2017 is no date"
like "$OUT" "line 7, column 'Role': 'boss' is not a role" "unknown role named"
like "$OUT" "line 7, column 'Term end': ends before it starts" "the store's own check of terms"
like "$OUT" "Nothing written: 6 problems" "nothing written, and why"
is "$(checksum "$LAPE_DB")" "$sum2" "the data file is untouched"
lape import "$D/errors.csv"
status_is 1 "the dry run of it exits 1 too"
like "$OUT" "line 2: Gertrud Good joins Vantaan LAPE-ryhmä" "the good row is shown with its group"

# ---- a possible duplicate: same name, other e-mail
printf 'Sukunimi;Etunimet;Sähköposti;Sektori\nHäkkinen;Sirpa;sirpa@toinen.example;nuorisotoimi\n' >"$T/dup.csv"
lape import "$T/dup.csv" --group "Vantaan LAPE-ryhmä"
status_is 0 "a possible duplicate is no error"
like "$OUT" "a person of the same name is already in the file with another e-mail" \
	"a possible duplicate is reported"
# matched by name and organisation when there is no e-mail
printf 'Sukunimi;Etunimet;Organisaatio;Puhelin\nHäkkinen;Sirpa;Keravan kaupunki;09 555 1234\n' >"$T/byname.csv"
lape import "$T/byname.csv" --group "$KERAVA" --apply
status_is 0 "matched by name and organisation"
like "$OUT" "line 2: Sirpa Häkkinen: changes phone" "the phone change is named"
is "$(count "SELECT count(*) FROM person WHERE ltrim(given_names || ' ' || surname) = 'Sirpa Häkkinen'")" "1" "not doubled"

# ---- lone CR line ends (old Macs): each row keeps its own line number
printf 'Sukunimi;Sektori\rYksi;education\rKaksi;astronomy\r' >"$T/cr.csv"
lape import "$T/cr.csv" --group "$KERAVA"
like "$OUT" "line 3, column 'Sektori': no sector 'astronomy'" "a lone CR ends a line"

# ---- one name column, split as lape splits one; a gender column
printf 'Nimi;Sukupuoli;Sektori\nAnna-Liisa Väätäinen;nainen;nuorisotoimi\nBo Ek;robot;nuorisotoimi\n' >"$T/fullname.csv"
lape import "$T/fullname.csv" --group "$KERAVA" --apply
status_is 1 "an unknown gender is a wrong row"
like "$OUT" "line 3, column 'Sukupuoli': 'robot' is not a gender" "names the gender column"
printf 'Nimi;Sukupuoli;Sektori\nAnna-Liisa Väätäinen;nainen;nuorisotoimi\n' >"$T/fullname.csv"
lape import "$T/fullname.csv" --group "$KERAVA" --apply
status_is 0 "one name column and a gender"
is "$(count "SELECT given_names || '|' || surname || '|' || gender FROM person WHERE surname = 'Väätäinen'")" \
	"Anna-Liisa|Väätäinen|woman" "given names, surname and a Finnish gender label"

# ---- whole-file problems
printf 'Nimi;Sähköposti\n' >"$T/nogroup.csv"
lape import "$T/nogroup.csv"
status_is 1 "no group column and no --group"
like "$OUT" "no group column" "says a group is needed"
printf 'Sukunimi;Etunimet\n"Auki;Jää\n' >"$T/quote.csv"
lape import "$T/quote.csv" --group "$KERAVA"
status_is 1 "an unclosed quote"
one_line_error "an unclosed quote is one line"
like "$ERR" "quote.csv: line 2: a quote is not closed" "names the line"
lape import "$T/missing.csv"
status_is 1 "a missing file"
like "$ERR" "^lape: .*missing.csv: No such file" "names the file"
printf '\377\376S\000' >"$T/utf16.csv"
lape import "$T/utf16.csv" --group "$KERAVA"
status_is 1 "UTF-16 refused"
like "$ERR" "UTF-16 is not read" "says what to save instead"
lape import "$D/sv-bom.csv" --group "No such group"
status_is 2 "--group of no group"
one_line_error "--group of no group: one line"
lape import "$D/sv-bom.csv" --apply --dry-run
status_is 2 "--apply with --dry-run refused"
# a value from the file cannot drive the terminal
printf 'Sukunimi;Sektori\n"\033]0;x\007Evil";education\n' >"$T/esc.csv"
lape import "$T/esc.csv" --group "$KERAVA"
unlike "$OUT" "$(printf '\033')" "no escape byte from the file reaches the terminal"

done_testing
