#!/bin/sh
# cli-parsers.sh -- the core's parsers through the real program: case
# folding of names with invalid bytes, the reference-data CSV reader, and
# mistakes in the rules file and lape.ini.  Each mistake stops lape with
# one line naming the file (and the line), exit status 2; nothing crashes.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# not_crashed DESCRIPTION: the last run ended by exit, not by a signal
# (an abort is 134, a segfault 139).
not_crashed() {
	if [ "$STATUS" -lt 128 ]; then
		pass "$1"
	else
		fail "$1" "exit status $STATUS" "stderr: $ERR"
	fi
}

# ---- name search with invalid bytes (lape_fold) -------------------------

lape --db "$T/demo.db" demo
status_is 0 "the demo loads"

# 17 invalid bytes fold to 51: the old buffer held 2 per byte.
bad=$(printf '04\360\360\360\360\360\360\360\360\360\360\360\360\360\360\360\360\3609')
lape --db "$T/demo.db" show "$bad"
not_crashed "show with 17 invalid bytes in the name does not crash"
status_is 2 "no group of that name: exit 2"
one_line_error "no group of that name: one line"

long=$(printf '%0300d' 0 | tr 0 '\360')
lape --db "$T/demo.db" show "$long"
not_crashed "show with 300 invalid bytes does not crash"
status_is 2 "300 invalid bytes: exit 2"

# A name of 60 bytes 0xf0 that another program wrote into the file.
if have_python; then
	run py "$PY_OPEN"'
con.execute("UPDATE lape_group SET name = CAST(? AS TEXT) "
            "WHERE name = ?", (b"\xf0" * 60, "Vantaan LAPE-ryhmä"))
con.execute("UPDATE person SET name = CAST(? AS TEXT) "
            "WHERE id = (SELECT min(id) FROM person)", (b"\xf0" * 60,))
con.commit()
' "$T/demo.db"
	is "$STATUS" 0 "a name of 60 invalid bytes is written by another program"
	lape --db "$T/demo.db" show "Keravan LAPE-ryhmä"
	not_crashed "show beside a stored name of 60 invalid bytes does not crash"
	status_is 0 "the other group is still found by name"
	lape --db "$T/demo.db" show "keravan lape-RYHMÄ"
	status_is 0 "and by its name in other case"
	lape --db "$T/demo.db" show "$long"
	not_crashed "a search of invalid bytes among invalid names does not crash"
	lape --db "$T/demo.db" list groups
	not_crashed "list groups with the invalid name does not crash"
	status_is 0 "list groups with the invalid name exits 0"
	lape --db "$T/demo.db" list people
	not_crashed "list people with the invalid name does not crash"
	lape --db "$T/demo.db" check
	not_crashed "check with the invalid name does not crash"
else
	for i in 1 2 3 4 5 6 7 8 9 10; do
		skip "stored invalid names ($i)" "python3 is missing"
	done
fi

done_testing
