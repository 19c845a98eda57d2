#!/bin/sh
# cli-shared.sh -- a data file shared on a server by the coordinators of
# one Unix group: the system configuration names it, lape init --shared
# makes it 0660 in a 2770 setgid directory, two real users write it at the
# same time, the files beside it get the group, a third user is refused,
# a user with read access only reads, and a shared file every user could
# read is refused.  Needs root (useradd); skipped otherwise.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# ---- the system configuration (any user) -------------------------------
mkdir -p "$T/etc/lape" "$T/sys"
printf '[lape]\ndatabase = %s\nlanguage = fi\n' "$T/sys/lape.db" \
	>"$T/etc/lape/lape.ini"
LAPE_SYSCONFDIR=$T/etc
export LAPE_SYSCONFDIR
unset LAPE_DB
lape init --year 2016
status_is 0 "init with the system configuration only"
ok "the file is where the system configuration says" [ -f "$T/sys/lape.db" ]
like "$OUT" "^Luotiin $T/sys/lape.db" "in the language it says"
mkdir -p "$HOME/.config/lape"
printf '[lape]\nlanguage = sv\n' >"$HOME/.config/lape/lape.ini"
lape list regions
status_is 0 "the user's configuration adds to the system's"
like "$OUT" "^KOD +FINSKA +SVENSKA" "the user's key wins (Swedish)"
rm -r "$HOME/.config/lape"
printf '[lape]\nnonsense = 1\n' >"$T/etc/lape/lape.ini"
lape list regions
status_is 2 "a mistake in the system configuration stops lape"
is "$ERR" "lape: $T/etc/lape/lape.ini: [lape] nonsense: unknown key" \
	"naming the file and the key"
LAPE_SYSCONFDIR=
lape --db "$T/sys/lape.db" list regions
status_is 0 "an empty LAPE_SYSCONFDIR reads no system configuration"

# ---- --read-only by choice (any user) ----------------------------------
db=$T/own/lape.db
lape --db "$db" init --year 2016
sum=$(checksum "$db")
lape --db "$db" --read-only demo
status_is 1 "--read-only refuses a write"
is "$ERR" "lape: $db: opened read-only (--read-only)" "and says why"
is "$(checksum "$db")" "$sum" "the file is untouched"
lape --read-only --db "$db" list regions --format csv
status_is 0 "--read-only reads"
lape --read-only --db "$T/none.db" init
status_is 1 "init with --read-only is refused"
ok "and makes nothing" [ ! -e "$T/none.db" ]

# ---- several Unix users ------------------------------------------------
if ! is_root || ! command -v useradd >/dev/null 2>&1 ||
	! command -v setpriv >/dev/null 2>&1; then
	skip "two users sharing a file" "needs root, useradd and setpriv"
	done_testing
fi
G=lapesh$$
A=lapea$$
B=lapeb$$
C=lapec$$
cleanup() {
	for u in "$A" "$B" "$C"; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
if ! groupadd "$G" || ! useradd -M -N -g nogroup -G "$G" -s /bin/sh "$A" ||
	! useradd -M -N -g nogroup -G "$G" -s /bin/sh "$B" ||
	! useradd -M -N -g nogroup -s /bin/sh "$C"; then
	skip "two users sharing a file" "cannot add users here"
	done_testing
fi
# as USER COMMAND...: run COMMAND as USER with the groups /etc/group gives.
as() {
	tap_u=$1
	shift
	run setpriv --reuid="$tap_u" --regid=nogroup --init-groups \
		env HOME="$T/home-$tap_u" "$@"
}
if ! setpriv --reuid="$A" --regid=nogroup --init-groups "$LAPE" --version \
	>/dev/null 2>&1 ||
	! setpriv --reuid="$A" --regid=nogroup --init-groups \
		test -r "$LAPE_SHARE/rules.ini"; then
	skip "two users sharing a file" "the users cannot run this lape"
	done_testing
fi
chmod 711 "$T"

# The administrator makes /srv/lape for the group and the system
# configuration; a coordinator runs init --shared.
mkdir -p "$T/srv"
chgrp "$G" "$T/srv"
chmod 2770 "$T/srv"
db=$T/srv/lape.db
printf '[lape]\ndatabase = %s\n' "$db" >"$T/etc/lape/lape.ini"
LAPE_SYSCONFDIR=$T/etc
as "$A" "$LAPE" init --shared "$G"
status_is 0 "a coordinator makes the shared file"
like "$OUT" "shared by the group $G" "init says it is shared"
is "$(stat -c '%a %G %U' "$db")" "660 $G $A" "the file is 0660, the group's"
is "$(stat -c '%a %G' "$T/srv")" "2770 $G" "its directory is 2770, setgid"
as "$A" "$LAPE" demo
status_is 0 "the first coordinator writes"

# Both write at once: each erases people of their own, one at a time.
ids=$(py "$PY_OPEN"'
print(" ".join(str(r[0]) for r in con.execute(
    "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM "
    "change_agent) ORDER BY id LIMIT 12")))' "$db")
set -- $ids
a_ids="$1 $3 $5 $7 $9 ${11}"
b_ids="$2 $4 $6 $8 ${10} ${12}"
before=$(py "$PY_OPEN"'print(con.execute("SELECT count(*) FROM person").fetchone()[0])' "$db")
(
	for i in $a_ids; do
		setpriv --reuid="$A" --regid=nogroup --init-groups \
			"$LAPE" person erase "$i" --yes >/dev/null || echo "A $i"
	done
) >"$T/a.err" 2>&1 &
pa=$!
(
	for i in $b_ids; do
		setpriv --reuid="$B" --regid=nogroup --init-groups \
			"$LAPE" person erase "$i" --yes >/dev/null || echo "B $i"
	done
) >"$T/b.err" 2>&1 &
pb=$!
wait $pa
wait $pb
is "$(cat "$T/a.err" "$T/b.err")" "" "both users' writes all succeed"
after=$(py "$PY_OPEN"'print(con.execute("SELECT count(*) FROM person").fetchone()[0])' "$db")
is "$after" "$((before - 12))" "every erase of both users is in the file"
is "$(py "$PY_OPEN"'print(" ".join(sorted({r[0] for r in con.execute(
    "SELECT os_user FROM journal WHERE note = '"'erase'"'")})))' "$db")" \
	"$(printf '%s\n' "$A" "$B" | sort | tr '\n' ' ' | sed 's/ $//')" \
	"the history names both users"
as "$B" "$LAPE" verify
status_is 0 "the file is whole"
is "$(stat -c '%a %G' "$db")" "660 $G" "the file is still 0660, the group's"

# While a coordinator has it open, the -wal and -shm lape makes beside it
# are the group's too: B waits at the erase question on a terminal.
pyask='
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
end = time.time() + 20
while b"[y/N]" not in out and time.time() < end:
    try:
        out += os.read(fd, 1024)
    except OSError:
        break
os.system("stat -c \"%n %a %G\" " + os.environ["DB"] + "-wal " +
          os.environ["DB"] + "-shm > " + os.environ["T"] + "/sidecars 2>&1")
os.write(fd, b"n\n")
while True:
    try:
        if not os.read(fd, 1024):
            break
    except OSError:
        break
os.waitpid(pid, 0)
'
rm -f "$db-wal" "$db-shm"
person=$(py "$PY_OPEN"'print(con.execute("SELECT min(id) FROM person").fetchone()[0])' "$db")
DB=$db T=$T "$PYTHON3" -c "$pyask" setpriv --reuid="$B" --regid=nogroup \
	--init-groups "$LAPE" person erase "$person" >/dev/null 2>&1
is "$(cat "$T/sidecars")" "$db-wal 660 $G
$db-shm 660 $G" "the -wal and -shm lape makes are 0660, the group's"

# A copy saved before an upgrade gets the group and the mode.
if [ -f "$TESTS_SRCDIR/data/schema1-demo.db" ]; then
	old=$T/srv/old.db
	cp "$TESTS_SRCDIR/data/schema1-demo.db" "$old"
	chgrp "$G" "$old"
	chmod 660 "$old"
	as "$B" "$LAPE" --db "$old" list groups
	status_is 0 "the other coordinator upgrades an old file"
	is "$(stat -c '%a %G' "$old.v1.bak")" "660 $G" \
		"the copy saved before it is 0660, the group's"
else
	skip "a copy before an upgrade" "no old-format file in tests/data"
fi

# A user outside the group: permission denied, nothing made.
files=$(ls -a "$T/srv" | tr '\n' ' ')
as "$C" "$LAPE" list groups
status_is 2 "a user outside the group is refused"
is "$ERR" "lape: $db: Permission denied" "with permission denied"
as "$C" "$LAPE" demo
status_is 2 "and cannot write"
is "$(ls -a "$T/srv" | tr '\n' ' ')" "$files" "nothing was made beside it"

# Read access only: the group may read but not write.
chmod 640 "$db"
sum=$(checksum "$db")
as "$B" "$LAPE" check
status_is 1 "a coordinator who may only read can check"
like "$OUT" "groups checked" "and sees the groups"
as "$B" "$LAPE" person erase "$person" --yes
status_is 1 "a write is refused"
is "$ERR" "lape: $db: the data file is read-only" "saying so"
is "$(checksum "$db")" "$sum" "the file is untouched"
chmod 660 "$db"
# B's reading made the -wal and -shm as the file was then, 0640.
rm -f "$db-wal" "$db-shm"

# A shared file every user could read is refused, naming the problem.
chmod 664 "$db"
as "$A" "$LAPE" list groups
status_is 2 "a shared file readable by everyone is refused"
is "$ERR" "lape: $db: refused: a shared data file, and every user of this machine can read it (mode 0664); chmod o-rwx it" \
	"the message names the mode and the fix"
as "$A" "$LAPE" init --shared "$G"
status_is 0 "init --shared mends it"
is "$(stat -c '%a' "$db")" "660" "back to 0660"

# shared_group in the system configuration: a new file is made shared
# without --shared.
printf '[lape]\ndatabase = %s\nshared_group = %s\n' "$T/srv/new/lape.db" \
	"$G" >"$T/etc/lape/lape.ini"
as "$A" "$LAPE" init --year 2016
status_is 0 "init with shared_group in the system configuration"
is "$(stat -c '%a %G' "$T/srv/new/lape.db")" "660 $G" "the new file is 0660"
is "$(stat -c '%a %G' "$T/srv/new")" "2770 $G" "in a 2770 directory"
as "$B" "$LAPE" demo
status_is 0 "the other coordinator writes it"

done_testing
