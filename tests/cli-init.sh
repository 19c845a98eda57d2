#!/bin/sh
# cli-init.sh -- lape init: creating the data file, its permissions, the
# reference data of each year, and what happens on a second run.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

db=$T/new/dir/lape.db

# The default year is the newest shipped.
lape --db "$db" init
status_is 0 "init exits 0"
is "$OUT" "Created $db with 19 regions and 308 municipalities (2026)" \
	"init says what it created"
is "$ERR" "" "init prints nothing on stderr"
ok "the data file exists" test -f "$db"
is "$(stat -c %a "$db")" 600 "the data file has mode 0600"
is "$(stat -c %a "$T/new/dir")" 700 "its new directory has mode 0700"

lape --db "$db" list municipalities --format csv
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 308 \
	"308 municipalities are listed"
lape --db "$db" list regions --format csv
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 19 \
	"19 regions are listed"

# Again: nothing to do.
sum=$(checksum "$db")
lape --db "$db" init
status_is 0 "init again exits 0"
like "$OUT" "already initialised.*2026" "init again says it is done already"
lape --db "$db" init --year 2026
status_is 0 "init again with the same year exits 0"
is "$(checksum "$db")" "$sum" "init again leaves the file as it was"

# Another year on an initialised file is refused.
lape --db "$db" init --year 2016
status_is 2 "init with another year exits 2"
one_line_error "the refusal is one line"
like "$ERR" "^lape: $db: .*2026" "the refusal names the file and its year"
is "$(checksum "$db")" "$sum" "the refused init leaves the file as it was"

# The LAPE year 2016.
lape --db "$T/y2016.db" init --year 2016
status_is 0 "init --year 2016 exits 0"
is "$OUT" "Created $T/y2016.db with 19 regions and 313 municipalities (2016)" \
	"2016 has 313 municipalities"
lape --db "$T/y2017.db" init --year=2017
like "$OUT" "311 municipalities \\(2017\\)" "2017 has 311 municipalities"

# An unknown year: a clear message listing the available ones, no file.
lape --db "$T/y1999.db" init --year 1999
status_is 2 "init with an unknown year exits 2"
one_line_error "the unknown year is one line"
like "$ERR" "1999.*2026, 2017, 2016" "the message lists the years shipped"
ok "no file is created for an unknown year" test ! -e "$T/y1999.db"
lape --db "$T/yabc.db" init --year abc
status_is 2 "init with a year that is no number exits 2"
ok "no file is created for a bad year" test ! -e "$T/yabc.db"

# The default data file under XDG_DATA_HOME, and LAPE_DB.
LAPE_DB= lape init
status_is 0 "init with no --db nor LAPE_DB"
ok "the file is created under XDG_DATA_HOME" \
	test -f "$XDG_DATA_HOME/lape/lape.db"
lape init
like "$OUT" "^Created $LAPE_DB " "LAPE_DB names the file to create"

# No reference data to load: nothing is left behind.
LAPE_SHARE=$T/nonexistent lape --db "$T/noshare.db" init
status_is 2 "init without the share directory exits 2"
one_line_error "the missing share directory is one line"
like "$ERR" "$T/nonexistent" "the message names the directory"
ok "no file is left behind" test ! -e "$T/noshare.db"

# An init that an older lape did not finish leaves an empty file (0 bytes)
# or the schema alone: every command that needs the reference data says
# what the file is and how to finish it, and init finishes it.
: >"$T/empty.db"
if have_python; then
	lape --db "$T/schema.db" init --year 2016
	run py "$PY_OPEN"'
con.execute("DELETE FROM municipality")
con.execute("DELETE FROM region")
con.execute("DELETE FROM meta")
con.commit()
con.close()
' "$T/schema.db"
	files="empty schema"
else
	skip "a file with the schema only" "no python3"
	files=empty
fi
for f in $files; do
	db=$T/$f.db
	sum=$(checksum "$db")
	for cmd in check "list groups" "list regions" "show 1"; do
		# shellcheck disable=SC2086
		lape --db "$db" $cmd
		status_is 2 "$cmd on the $f file exits 2"
		is "$ERR" "lape: $db: an empty data file without reference data; run lape init" \
			"$cmd on the $f file says what it is and what to do"
	done
	lape --db "$db" </dev/null
	is "$ERR" "lape: $db: an empty data file without reference data; run lape init" \
		"the screens on the $f file say so too"
	is "$(checksum "$db")" "$sum" "the $f file is left as it was"
	lape --db "$db" init
	status_is 0 "init finishes the $f file"
	is "$OUT" "Loaded 19 regions and 308 municipalities (2026) into $db" \
		"init says what it loaded into the $f file"
	lape --db "$db" check
	status_is 0 "check works on the finished $f file"
	is "$OUT" "No groups to check." "the finished $f file has no groups"
done
: >"$T/empty-demo.db"
lape --db "$T/empty-demo.db" demo
status_is 0 "demo fills an empty file"
like "$OUT" "^Loaded the example into $T/empty-demo.db: 9 groups" \
	"demo says it loaded the example into the empty file"

done_testing
