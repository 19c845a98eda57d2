#!/bin/sh
# cli-files.sh -- what is around the data file: read-only files and
# directories in every combination, -wal and -shm files another user left
# with other permissions.  Reading works wherever SQLite allows it without
# risk; a refused write names what is read-only, the file or the directory.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# root reads and writes whatever the modes say: these cases run as nobody.
if ! is_root; then
	as=
elif can_drop_root; then
	as=as_user
else
	skip "permissions" "running as root and cannot act as nobody here"
	done_testing
fi
chmod 711 "$T"

# mkfile DIR: a data file with reference data and no groups, in DIR (made
# writable for everyone meanwhile), so that demo has to write to it.
mkfile() {
	mkdir -p "$1"
	chmod 777 "$1"
	rm -f "$1/lape.db"
	run "$LAPE" --db "$1/lape.db" init --year 2016
	chmod 666 "$1/lape.db"
}
# reads DB WHAT: as the user, check and list work on DB.
reads() {
	run $as "$LAPE" --db "$1" check
	status_is 0 "check works: $2"
	is "$OUT" "No groups to check." "check reads the file: $2"
	run $as "$LAPE" --db "$1" list regions --format csv
	is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 19 \
		"list reads the file: $2"
}
# refused DB MESSAGE WHAT: as the user, demo is refused with MESSAGE and
# the file is left as it was.
refused() {
	sum=$(checksum "$1")
	run $as "$LAPE" --db "$1" demo
	status_is 1 "writing is refused: $3"
	is "$ERR" "lape: $1: $2" "the refusal says what is read-only: $3"
	is "$(checksum "$1")" "$sum" "the file is left as it was: $3"
}
# nothing_beside DIR WHAT: no -wal, -shm or journal was left in DIR.
nothing_beside() {
	is "$(ls "$1")" "lape.db" "nothing is made beside the file: $2"
}

# A read-only file in a writable directory.
d=$T/ro-file
mkfile "$d"
chmod 444 "$d/lape.db"
reads "$d/lape.db" "read-only file"
refused "$d/lape.db" "the data file is read-only" "read-only file"

# A writable file in a read-only directory: SQLite cannot make the -wal
# and -shm it needs, so the file is read as immutable.
d=$T/ro-dir
mkfile "$d"
chmod 755 "$d"
reads "$d/lape.db" "read-only directory"
refused "$d/lape.db" "the directory $d is read-only" "read-only directory"
nothing_beside "$d" "read-only directory"

# Both read-only.
d=$T/ro-both
mkfile "$d"
chmod 444 "$d/lape.db"
chmod 755 "$d"
reads "$d/lape.db" "both read-only"
refused "$d/lape.db" "the data file and its directory $d are read-only" \
	"both read-only"
nothing_beside "$d" "both read-only"

# A new file in a read-only directory.
run $as "$LAPE" --db "$T/ro-dir/new.db" init
status_is 2 "init in a read-only directory exits 2"
is "$ERR" "lape: $T/ro-dir/new.db: cannot create the data file: the directory $T/ro-dir is read-only" \
	"init in a read-only directory names the directory"

if ! have_python; then
	skip "-wal and -shm of another user" "no python3"
	done_testing
fi

# leave DB MODE: the -wal and -shm of a lape of root's that was killed,
# with MODE.
leave() {
	"$PYTHON3" -c "$PY_OPEN"'
import os
con.execute("SELECT count(*) FROM person").fetchall()
for s in ("-wal", "-shm"):
    os.chmod(sys.argv[1] + s, int(sys.argv[2], 8))
os._exit(0)
' "$1" "$2"
}

# Another user's -wal and -shm that this user cannot read.
d=$T/other-600
mkfile "$d"
leave "$d/lape.db" 600
run $as "$LAPE" --db "$d/lape.db" check
status_is 2 "another user's unreadable -shm exits 2"
is "$ERR" "lape: $d/lape.db: cannot read $d/lape.db-shm: it belongs to root and is not readable by you" \
	"the message names the -shm file and its owner"

# ... that this user can read but not write: reading works, writing says
# which file is in the way.
d=$T/other-644
mkfile "$d"
leave "$d/lape.db" 644
reads "$d/lape.db" "another user's read-only -wal and -shm"
refused "$d/lape.db" "cannot write $d/lape.db-shm: it belongs to root and is read-only to you" \
	"another user's read-only -wal and -shm"

# A read-only directory where a lape of root's has the file open: its
# -wal and -shm are there, so this user reads and writes through them.
d=$T/ro-dir-open
mkfile "$d"
chmod 755 "$d"
"$PYTHON3" -c "$PY_OPEN"'
import os, time
con.execute("SELECT count(*) FROM person").fetchall()
os.chmod(sys.argv[1] + "-wal", 0o666)
os.chmod(sys.argv[1] + "-shm", 0o666)
open(sys.argv[2], "w").close()
for _ in range(200):
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.05)
' "$d/lape.db" "$T/open.ready" "$T/open.done" &
holder=$!
wait_for "$T/open.ready"
run $as "$LAPE" --db "$d/lape.db" demo
status_is 0 "demo writes through root's -wal and -shm in a read-only directory"
run $as "$LAPE" --db "$d/lape.db" list groups --format csv
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 9 \
	"the example is there"
: >"$T/open.done"
wait "$holder"
run "$PYTHON3" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])
' "$d/lape.db"
is "$OUT" "ok" "the file passes integrity_check afterwards"

done_testing
