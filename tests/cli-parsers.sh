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

# ---- the reference-data CSV reader --------------------------------------

mkdir -p "$T/share"
cp -R "$LAPE_SHARE/rules.ini" "$LAPE_SHARE/refdata" "$T/share/"
REG=$T/share/refdata/regions.csv
cp "$REG" "$T/regions.csv"

# regions LINE3: the shipped regions.csv with its third line replaced by the
# bytes printf makes of LINE3 (the first region record is line 2).
regions() {
	{
		head -n 2 "$T/regions.csv"
		printf "$1"
		tail -n +4 "$T/regions.csv"
	} >"$REG"
}

# init_fails DESCRIPTION REGEX: lape init on the share copy exits 2 with
# one line matching REGEX, and never crashes.
init_fails() {
	rm -f "$T/csv.db" "$T/csv.db-wal" "$T/csv.db-shm"
	LAPE_SHARE=$T/share lape --db "$T/csv.db" init --year 2016
	not_crashed "$1: no crash"
	status_is 2 "$1: exit 2"
	one_line_error "$1: one line"
	like "$ERR" "$2" "$1: the message"
}

init_works() {
	rm -f "$T/csv.db" "$T/csv.db-wal" "$T/csv.db-shm"
	LAPE_SHARE=$T/share lape --db "$T/csv.db" init --year 2016
	status_is 0 "$1: loads"
}

f17='02,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o'
regions "$f17,\"p\"\n"
init_fails "17 fields, the last quoted" \
	"regions\\.csv:3: too many fields \\(at most 16\\)\$"
regions "$f17,p\n"
init_fails "17 fields" "regions\\.csv:3: too many fields \\(at most 16\\)\$"
regions "$f17,\"p\",\"q\"\n"
init_fails "18 fields" "regions\\.csv:3: too many fields \\(at most 16\\)\$"
regions "$f17\n"
init_fails "16 fields" "regions\\.csv:3: the header has 3 fields, this line 16\$"
regions '02,Varsinais-Suomi\n'
init_fails "too few fields" "regions\\.csv:3: the header has 3 fields, this line 2\$"
regions '02,"Varsinais-Suomi,Egentliga Finland\n'
init_fails "an unterminated quote" "regions\\.csv:3: a quoted field is not closed\$"
regions '02,Varsinais"-Suomi,Egentliga Finland\n'
init_fails "a quote inside an unquoted field" \
	"regions\\.csv:3: a quote inside an unquoted field\$"
regions '02,"Varsinais"-Suomi,Egentliga Finland\n'
init_fails "text after a closing quote" "regions\\.csv:3: text after a closing quote\$"
regions '02,Varsinais-Suomi,Egentliga Finland\r03,Satakunta,Satakunta\n'
init_fails "a lone CR" "regions\\.csv:3: a carriage return inside a line\$"
regions '02,Varsinais\000-Suomi,Egentliga Finland\n'
init_fails "a NUL byte" "regions\\.csv:3: contains a NUL byte\$"
regions '02,Varsinais-Suomi,Egentliga \344Finland\n'
init_fails "invalid UTF-8" "regions\\.csv:3: not valid UTF-8 text\$"
regions "02,$(printf '%020000d' 0),Egentliga Finland\n"
init_fails "a line of 20,000 bytes" "regions\\.csv:3: too long \\(at most 16384 bytes\\)\$"
regions '02,"Varsinais-Suomi\n'
printf '%020000d\n' 0 >>"$REG"
init_fails "a quote never closed" "regions\\.csv:3: "
: >"$REG"
init_fails "an empty file" "regions\\.csv: the file is empty\$"
head -n 1 "$T/regions.csv" >"$REG"
init_fails "a header only" "regions\\.csv: no regions\$"
cp "$T/regions.csv" "$REG"
M=$T/share/refdata/municipalities_2016.csv
cp "$M" "$T/muni.csv"
head -n 1 "$T/muni.csv" >"$M"
init_fails "municipalities: a header only" "municipalities_2016\\.csv: no municipalities\$"
cp "$T/muni.csv" "$M"

sed 's/$/\r/' "$T/regions.csv" >"$REG"
init_works "CRLF line ends"
printf '\357\273\277' >"$REG"
cat "$T/regions.csv" >>"$REG"
init_works "a byte order mark"
regions '02,"Varsinais-Suomi","Egentliga ""Finland"""\n'
init_works "quoted fields with quotes"
LAPE_SHARE=$T/share lape --db "$T/csv.db" list regions
like "$OUT" 'Egentliga "Finland"' "a doubled quote is one quote"
head -c -1 "$T/regions.csv" >"$REG"
init_works "no newline at the end"
last=$(tail -n 1 "$T/regions.csv" | cut -d, -f2)
LAPE_SHARE=$T/share lape --db "$T/csv.db" list regions
like "$OUT" "$last" "the last line without a newline is loaded"
cp "$T/regions.csv" "$REG"

done_testing
