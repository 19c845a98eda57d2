#!/bin/sh
# cli-disk.sh -- no room to write: past the file size limit (ulimit -f)
# lape is not killed by SIGXFSZ but says so, and on a full disk (a small
# tmpfs, when this user may mount one) it says the disk is full.  Either
# way the write is undone whole and nothing is lost.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

disk=$T/disk
trap 'umount "$disk" 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

# intact DB GROUPS WHAT: DB passes integrity_check and holds GROUPS groups.
intact() {
	if have_python; then
		run "$PYTHON3" -c '
import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(con.execute("PRAGMA integrity_check").fetchone()[0],
      con.execute("SELECT count(*) FROM lape_group").fetchone()[0])
' "$1"
		is "$OUT" "ok $2" "the file is whole, with $2 groups: $3"
	else
		skip "the file is whole: $3" "no python3"
	fi
}

# The shell's unit for ulimit -f: 512 bytes (POSIX) or 1024 (bash).
(
	ulimit -f 1
	trap '' XFSZ
	dd if=/dev/zero of="$T/probe" bs=100 count=30 2>/dev/null
)
unit=$(wc -c <"$T/probe" | tr -d ' ')
blocks=$((131072 / unit)) # 128 KiB: less than the example needs

db=$T/limit.db
lape --db "$db" init --year 2016
run sh -c 'ulimit -f "$1"; exec "$2" --db "$3" demo' sh "$blocks" "$LAPE" "$db"
status_is 2 "demo past the file size limit exits 2 (not killed by SIGXFSZ)"
is "$ERR" "lape: $db: the file size limit (ulimit -f) was reached" \
	"demo past the file size limit says so"
intact "$db" 0 "past the file size limit"
lape --db "$db" demo
status_is 0 "demo works without the limit"
intact "$db" 9 "after the limit is gone"

mkdir "$T/new"
run sh -c 'ulimit -f "$1"; exec "$2" --db "$3" init' sh "$blocks" "$LAPE" \
	"$T/new/lape.db"
status_is 2 "init of a new file past the limit exits 2"
is "$ERR" "lape: $T/new/lape.db: the file size limit (ulimit -f) was reached" \
	"init of a new file past the limit says so"
is "$(ls "$T/new")" "" "nothing is left of the new file"

# A full disk: a 1 MiB tmpfs, filled up after init.
mkdir "$disk"
if ! is_root || ! mount -t tmpfs -o size=1m tmpfs "$disk" 2>/dev/null; then
	for i in 1 2 3 4 5 6 7 8 9 10; do
		skip "a full disk" "cannot mount a tmpfs here"
	done
	done_testing
fi
db=$disk/lape.db
lape --db "$db" init --year 2016
dd if=/dev/zero of="$disk/filler" bs=4096 2>/dev/null
lape --db "$db" demo
status_is 2 "demo on a full disk exits 2"
is "$ERR" "lape: $db: the disk is full" "demo on a full disk says so"
lape --db "$disk/new.db" init
status_is 2 "init on a full disk exits 2"
is "$ERR" "lape: $disk/new.db: the disk is full" "init on a full disk says so"
ok "nothing is left of the new file" test -z "$(ls "$disk" | grep new)"
rm "$disk/filler"
intact "$db" 0 "on a full disk"
lape --db "$db" demo
status_is 0 "demo works once there is room"
intact "$db" 9 "once there is room"
lape --db "$db" check
status_is 1 "check works on it"
umount "$disk"
ok "the tmpfs is gone" test ! -e "$db"

done_testing
