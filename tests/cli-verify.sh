#!/bin/sh
# cli-verify.sh -- a damaged data file: the commands that read a damaged
# page say so and point to lape verify, which checks every page, index and
# reference and says what is wrong, one line per problem, exit 1.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

db=$T/good.db
lape --db "$db" demo
lape --db "$db" verify
status_is 0 "verify of a whole file exits 0"
is "$OUT" "$db: no problems found" "verify says the file is whole"
is "$ERR" "" "verify prints nothing on stderr"

lape --db "$T/missing.db" verify
status_is 2 "verify of a missing file exits 2"
is "$ERR" "lape: $T/missing.db: no such data file; create it with lape init" \
	"verify of a missing file says so"
lape --db "$db" verify extra
status_is 2 "verify with an argument exits 2"

if ! have_python; then
	skip "damaged files" "no python3"
	done_testing
fi

# damage DB TABLE: a copy of the demo file with the first page of TABLE
# overwritten; prints the page number.
damage() {
	cp "$db" "$1"
	"$PYTHON3" -c '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                   (sys.argv[2],)).fetchone()[0]
size = con.execute("PRAGMA page_size").fetchone()[0]
con.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((page - 1) * size)
    f.write(bytes((i * 37 + 11) % 256 for i in range(size)))
print(page)
' "$1" "$2"
}

# A page of the groups: every command that reads it says the file is
# damaged and where to look; none changes it.
page=$(damage "$T/groups.db" lape_group)
sum=$(checksum "$T/groups.db")
for cmd in check "list groups" "show 1"; do
	# shellcheck disable=SC2086
	lape --db "$T/groups.db" $cmd
	status_is 2 "$cmd on a damaged page exits 2"
	is "$ERR" "lape: $T/groups.db: the data file is damaged (database disk image is malformed); lape verify tells where" \
		"$cmd on a damaged page says so and points to lape verify"
done
lape --db "$T/groups.db" verify
status_is 1 "verify of a damaged page exits 1"
like "$OUT" "^$T/groups.db: Page $page: " "verify names the damaged page"
is "$(printf '%s\n' "$OUT" | grep -vc "^$T/groups.db: ")" 0 \
	"verify says one thing per line, each naming the file"
is "$(checksum "$T/groups.db")" "$sum" "nothing changed the damaged file"

# A page no command reads (the audit trail): only verify notices.
page=$(damage "$T/audit.db" audit)
lape --db "$T/audit.db" verify
status_is 1 "verify of a damaged audit page exits 1"
like "$OUT" "^$T/audit.db: Page $page: " "verify names the damaged audit page"

# The first page: the file cannot even be opened.
cp "$db" "$T/head.db"
"$PYTHON3" -c '
with open(__import__("sys").argv[1], "r+b") as f:
    f.seek(100)
    f.write(b"\xff" * 3996)
' "$T/head.db"
lape --db "$T/head.db" check
status_is 2 "check of a damaged first page exits 2"
like "$ERR" "^lape: $T/head.db: the data file is damaged .*lape verify" \
	"check of a damaged first page points to lape verify"
lape --db "$T/head.db" verify
status_is 1 "verify of a damaged first page exits 1"
is "$OUT" "$T/head.db: damaged where it must be read to open it" \
	"verify says the file cannot be opened"

# A reference to nothing, written by another tool with foreign keys off.
cp "$db" "$T/fk.db"
run py "$PY_OPEN"'
con.execute("PRAGMA foreign_keys = OFF")
con.execute("UPDATE membership SET person_id = 99999 WHERE id = 3")
con.commit()
' "$T/fk.db"
lape --db "$T/fk.db" verify
status_is 1 "verify of a dangling reference exits 1"
is "$OUT" "$T/fk.db: membership row 3 refers to a person row that does not exist" \
	"verify names the row and what it refers to"

done_testing
