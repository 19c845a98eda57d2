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

# ---- name search with invalid bytes (lape_key) -------------------------

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
con.execute("UPDATE person SET surname = CAST(? AS TEXT) "
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

# ---- the rules file -------------------------------------------------------

# with_rules FILE ARGS...: lape check through a configuration naming FILE.
with_rules() {
	tap_rules=$1
	shift
	printf '[lape]\nrules = %s\n' "$tap_rules" >"$T/rules.conf"
	lape --config "$T/rules.conf" --db "$T/demo.db" "$@"
}

# rules_fails DESCRIPTION REGEX: the last run stopped on the rules file.
rules_fails() {
	not_crashed "$1: no crash"
	status_is 2 "$1: exit 2"
	one_line_error "$1: one line"
	like "$ERR" "$2" "$1: the message"
}

R=$T/rules.ini
line_of() {
	grep -n "^\\[$1\\]" "$LAPE_SHARE/rules.ini" | head -n 1 | cut -d: -f1
}
youth=$(line_of 'sector youth')
muni=$(line_of municipal)
n=$(($(wc -l <"$LAPE_SHARE/rules.ini") + 1))

{ cat "$LAPE_SHARE/rules.ini"; printf '[sector youth]\nfi = nuoret\n'; } >"$R"
with_rules "$R" check
rules_fails "[sector youth] twice" \
	"^lape: $R: line $n: \\[sector youth\\]: given twice \\(first at line $youth\\)\$"
{ cat "$LAPE_SHARE/rules.ini"; printf '[Sector Youth]\n'; } >"$R"
with_rules "$R" check
rules_fails "[sector youth] and [Sector Youth]" \
	"^lape: $R: line $n: \\[Sector Youth\\]: given twice \\(first at line $youth\\)\$"
{ cat "$LAPE_SHARE/rules.ini"; printf '[municipal]\nrequire_chair = no\n'; } >"$R"
with_rules "$R" check
rules_fails "[municipal] twice" \
	"^lape: $R: line $n: \\[municipal\\]: given twice \\(first at line $muni\\)\$"
sed 's/^require_link = yes$/require_link = yes\nrequire_link = no/' \
	"$LAPE_SHARE/rules.ini" >"$R"
with_rules "$R" check
rules_fails "a key given twice" \
	"^lape: $R: line [0-9]+: \\[municipal\\] require_link: given twice \\(first at line [0-9]+\\)\$"
with_rules "$T" check
rules_fails "a directory as the rules file" \
	"^lape: $T: is a directory, not a rules file\$"
with_rules "$T/none.ini" check
rules_fails "a missing rules file" \
	"^lape: $T/none.ini: cannot read: No such file or directory\$"
# An unreadable rules file (as root: run as nobody, who owns a copy of
# the data file, since root reads anything).
U=$T/unreadable
mkdir "$U"
cp "$T/demo.db" "$U/demo.db"
cp "$LAPE_SHARE/rules.ini" "$U/rules.ini"
chmod 0 "$U/rules.ini"
printf '[lape]\nrules = %s\n' "$U/rules.ini" >"$U/lape.ini"
if ! is_root; then
	lape --config "$U/lape.ini" --db "$U/demo.db" check
	rules_fails "an unreadable rules file" \
		"^lape: $U/rules.ini: cannot read: Permission denied\$"
elif can_drop_root; then
	chmod 755 "$T"
	chmod 644 "$U/lape.ini"
	chown -R nobody "$U"
	run as_user "$LAPE" --config "$U/lape.ini" --db "$U/demo.db" check
	rules_fails "an unreadable rules file" \
		"^lape: $U/rules.ini: cannot read: Permission denied\$"
	chmod 700 "$T"
else
	skip "an unreadable rules file" "cannot drop root here"
fi

# ---- lape.ini ---------------------------------------------------------------

printf '[lape]\ndatabase = %s\n\nlanguage en\n' "$T/demo.db" >"$T/lape.ini"
lape --config "$T/lape.ini" check
rules_fails "a syntax error in lape.ini" \
	"^lape: $T/lape.ini: line 4: syntax error \\(expected \\[section\\], key = value or a ; comment\\)\$"
unlike "$ERR" "iniparser" "the message is lape's own"
lape --config "$T" check
rules_fails "--config DIR" "^lape: $T: is a directory, not a configuration file\$"
# a pipe would block the open and cannot be read twice
mkfifo "$T/fifo.ini"
if command -v timeout >/dev/null 2>&1; then
	run timeout 20 "$LAPE" --config "$T/fifo.ini" --db "$T/demo.db" check
else
	lape --config "$T/fifo.ini" --db "$T/demo.db" check
fi
rules_fails "--config PIPE" "^lape: $T/fifo.ini: is a pipe, not a file\$"
printf '[lape]\nlanguage = en\nlanguage = fi\n' >"$T/lape.ini"
lape --config "$T/lape.ini" --db "$T/demo.db" check
rules_fails "a key given twice in lape.ini" \
	"^lape: $T/lape.ini: line 3: \\[lape\\] language: given twice \\(first at line 2\\)\$"
printf 'database = %s\n' "$T/other.db" >"$T/lape.ini"
lape --config "$T/lape.ini" --db "$T/demo.db" check
rules_fails "a key before [lape]" \
	"^lape: $T/lape.ini: line 1: database: key outside any \\[section\\]\$"
mkdir -p "$HOME/.config/lape"
lape --db "$T/demo.db" check
status_is 1 "the default lape.ini may be missing"
printf '[lape]\nlanguage = fi\n[lape]\n' >"$HOME/.config/lape/lape.ini"
lape --db "$T/demo.db" check
rules_fails "the default lape.ini is read the same way" \
	"lape.ini: line 3: \\[lape\\]: given twice \\(first at line 1\\)\$"
rm "$HOME/.config/lape/lape.ini"

done_testing
