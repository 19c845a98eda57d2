#!/bin/sh
# cli-sqlite3.sh -- the data file changed from a plain sqlite3 shell, as
# lape(1) says may be done: the writes work (no SQL function of lape's is
# needed, no "no such function: lape_user"), and lape sees them.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP the sqlite3 shell is not installed (Debian package sqlite3)"
	exit 0
fi

lape init --year 2016
lape demo
status_is 0 "demo loads the example"

# every kind of write a repair needs, in a plain sqlite3 session
run sqlite3 -bail "$LAPE_DB" "
UPDATE person SET surname = 'Sqlite' WHERE given_names = 'Aino' AND surname = 'Mäkelä';
UPDATE lape_group SET name = 'Vantaa (sqlite3)' WHERE name = 'Vantaan LAPE-ryhmä';
DELETE FROM membership WHERE group_id =
	(SELECT id FROM lape_group WHERE name = 'Vantaa (sqlite3)');
INSERT INTO person(surname, given_names, organisation) VALUES ('Sqlite', 'Uusi', 'Vantaan kaupunki');
"
status_is 0 "a plain sqlite3 session can update, delete and insert"
is "$ERR" "" "no 'no such function' or other error"

lape list people
like "$OUT" "Aino Sqlite" "lape sees a person renamed in sqlite3"
like "$OUT" "Uusi Sqlite" "lape sees a person added in sqlite3"
lape check "Vantaa (sqlite3)"
status_is 1 "the group emptied in sqlite3 is incomplete"
like "$OUT" "missing" "and says what is missing"
lape --lang en check --region 01
like "$OUT" "Vantaa \\(sqlite3\\)" "the region's check sees the renamed group"
lape verify
status_is 0 "lape verify finds the file whole"
lape --lang en show "Vantaa (sqlite3)"
status_is 0 "lape shows the group"

# and lape still writes the file afterwards, and its history goes on
printf 'surname,given names,e-mail,group,sectors\nSalo,Testi,testi.salo@example.fi,Vantaa (sqlite3),youth\n' >"$T/new.csv"
lape --lang en import "$T/new.csv" --apply
status_is 0 "lape writes to the file after sqlite3 did"
lape --lang en show "Vantaa (sqlite3)"
like "$OUT" "Salo Testi|Testi Salo" "the member lape added is there"
lape --lang en log
status_is 0 "lape log reads the history"
like "$OUT" "Testi" "the import is in the history"
unlike "$OUT" "Mäkelä.*Sqlite|Sqlite.*Mäkelä" "sqlite3's rename is not in lape's history (lape(1) says so)"

done_testing
