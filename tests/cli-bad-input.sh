#!/bin/sh
# cli-bad-input.sh -- hostile and broken input: each gets one clear line on
# stderr, exit status 2, and loses nothing.  Missing, unreadable, read-only,
# locked and corrupt data files; a missing share directory; bad rules and
# config files; quotes and SQL in names, 10,000-character fields, invalid
# UTF-8 and empty values.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# ---- the data file ------------------------------------------------------

lape --db "$T/missing.db" check
status_is 2 "a missing data file exits 2"
one_line_error "a missing data file is one line"
like "$ERR" "^lape: $T/missing.db: " "the message names the file"
ok "the missing file is not created by check" test ! -e "$T/missing.db"
lape --db "$T/missing.db" list groups
status_is 2 "list on a missing data file exits 2"

# A data file that is not there is made only by init, demo and the first
# plain lape on the default path: a typo in --db, LAPE_DB or the config
# must not start an empty registry.
nofile() { # nofile PATH DESCRIPTION
	status_is 2 "$2 exits 2"
	is "$ERR" "lape: $1: no such data file; create it with lape init" \
		"$2 says there is no such file and how to make one"
	ok "$2 creates nothing" test ! -e "$1"
}
lape --db "$T/typo.db" </dev/null
nofile "$T/typo.db" "lape --db on a missing file"
LAPE_DB=$T/typo.db lape </dev/null
nofile "$T/typo.db" "lape with LAPE_DB naming a missing file"
printf '[lape]\ndatabase = %s/typo.db\n' "$T" >"$T/typo.conf"
LAPE_DB= lape --config "$T/typo.conf" </dev/null
nofile "$T/typo.db" "lape with the config naming a missing file"
lape --db "$T/typo.db" show 1
nofile "$T/typo.db" "show on a missing file"
LAPE_DB= lape </dev/null
ok "the first plain lape makes the default file" \
	test -f "$XDG_DATA_HOME/lape/lape.db"
LAPE_DB= lape list regions --format csv
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 19 \
	"the default file has the reference data"

# A link to nowhere says so, and nothing is made at its target.
ln -s "$T/nowhere.db" "$T/link.db"
for cmd in check init demo; do
	lape --db "$T/link.db" $cmd
	status_is 2 "$cmd through a dangling link exits 2"
	is "$ERR" "lape: $T/link.db: a link to $T/nowhere.db, which does not exist" \
		"$cmd through a dangling link names the link and its target"
done
ok "nothing is made at the link's target" test ! -e "$T/nowhere.db"

# A directory where the file should be.
mkdir "$T/dir.db"
lape --db "$T/dir.db" check
status_is 2 "a directory as the data file exits 2"
one_line_error "a directory as the data file is one line"
lape --db "$T/dir.db" init
status_is 2 "init onto a directory exits 2"
one_line_error "init onto a directory is one line"

# A corrupt file: random bytes, and text.  Left untouched.
head -c 65536 /dev/urandom >"$T/random.db"
printf 'Aino Mäkelä, Helsingin kaupunki\n' >"$T/text.db"
for f in random text; do
	sum=$(checksum "$T/$f.db")
	for cmd in check "list groups" demo init; do
		# shellcheck disable=SC2086
		lape --db "$T/$f.db" $cmd
		status_is 2 "$cmd on a $f file exits 2"
		one_line_error "$cmd on a $f file is one line"
	done
	is "$(checksum "$T/$f.db")" "$sum" "the $f file is left untouched"
	ok "no journal is left beside the $f file" \
		test ! -e "$T/$f.db-wal" -a ! -e "$T/$f.db-journal"
done

# A truncated lape file.
lape --db "$T/good.db" demo
head -c 4096 "$T/good.db" >"$T/trunc.db"
sum=$(checksum "$T/trunc.db")
lape --db "$T/trunc.db" check
status_is 2 "a truncated data file exits 2"
one_line_error "a truncated data file is one line"
is "$(checksum "$T/trunc.db")" "$sum" "the truncated file is left untouched"

# Unreadable and read-only files.  root reads and writes whatever the mode
# says, so as root these cases run as the user nobody.
# The read-only file has reference data but no groups, so that lape demo
# really has to write to it.
lape --db "$T/ro.db" demo
mkdir "$T/perm"
cp "$T/ro.db" "$T/perm/unreadable.db"
lape --db "$T/perm/ro.db" init --year 2016
chmod 000 "$T/perm/unreadable.db"
chmod 444 "$T/perm/ro.db"
as=
if is_root; then
	chmod 711 "$T"
	chmod 777 "$T/perm" # sqlite may need its -shm file beside the data
	can_drop_root && as=as_user
fi
if is_root && [ -z "$as" ]; then
	for d in "an unreadable data file exits 2" \
		"an unreadable data file is one line" \
		"a read-only data file can be read" \
		"writing to a read-only data file is refused: exit 1" \
		"the message says the file is read-only" \
		"the read-only file is left untouched"; do
		skip "$d" "running as root and cannot act as nobody here"
	done
else
	run $as "$LAPE" --db "$T/perm/unreadable.db" check
	status_is 2 "an unreadable data file exits 2"
	one_line_error "an unreadable data file is one line"
	sum=$(checksum "$T/perm/ro.db")
	run $as "$LAPE" --db "$T/perm/ro.db" list municipalities --region 01
	status_is 0 "a read-only data file can be read"
	run $as "$LAPE" --db "$T/perm/ro.db" demo
	status_is 1 "writing to a read-only data file is refused: exit 1"
	like "$ERR" "read-only" "the message says the file is read-only"
	is "$(checksum "$T/perm/ro.db")" "$sum" "the read-only file is left untouched"
fi
chmod 700 "$T"

# A file another process holds locked: lape waits LAPE_BUSY_TIMEOUT ms,
# then says the file is busy; nothing is lost.
if have_python; then
	lape --db "$T/locked.db" init --year 2016
	"$PYTHON3" -c "$PY_OPEN"'
import os, time
con.isolation_level = None
con.execute("BEGIN EXCLUSIVE")
con.execute("INSERT INTO meta(key, value) VALUES (?, ?)", ("lock-test", "1"))
open(sys.argv[2], "w").close()
for _ in range(300):
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.05)
con.execute("COMMIT")
' "$T/locked.db" "$T/locked.ready" "$T/locked.done" &
	holder=$!
	wait_for "$T/locked.ready"
	LAPE_BUSY_TIMEOUT=200 lape --db "$T/locked.db" demo
	status_is 2 "demo on a locked file exits 2"
	one_line_error "the locked file is one line"
	like "$ERR" "busy" "the message says the file is busy"
	: >"$T/locked.done"
	wait "$holder"
	lape --db "$T/locked.db" list groups
	is "$OUT" "No groups." "nothing half-written by the refused demo"
	run py "$PY_OPEN"'
print(con.execute("SELECT value FROM meta WHERE key = ?", ("lock-test",)).fetchone()[0])
' "$T/locked.db"
	is "$OUT" "1" "the other process's write is kept"
	lape --db "$T/locked.db" demo
	status_is 0 "demo works once the lock is gone"
else
	for i in 1 2 3 4 5 6; do skip "locked data file" "no python3"; done
fi

# ---- share directory, rules and config ---------------------------------

LAPE_SHARE=/nonexistent lape --db "$T/good.db" check
status_is 2 "check with a missing share directory exits 2"
one_line_error "the missing share directory is one line"
like "$ERR" "/nonexistent" "the message names the missing place"
LAPE_SHARE=/nonexistent lape --db "$T/noshare.db" demo
status_is 2 "demo with a missing share directory exits 2"
ok "no data file is left behind" test ! -e "$T/noshare.db"

# config: --config FILE naming rules.
config() {
	printf '[lape]\nrules = %s\n' "$1" >"$T/rules.conf"
	lape --config "$T/rules.conf" --db "$T/good.db" check
}
cp "$LAPE_SHARE/rules.ini" "$T/rules.ini"
config "$T/rules.ini"
status_is 1 "a copy of the shipped rules works through --config"

sed 's/^sectors *=.*youth_rep$/sectors = social_health education no_such_sector/' \
	"$LAPE_SHARE/rules.ini" >"$T/bad-sector.ini"
if cmp -s "$LAPE_SHARE/rules.ini" "$T/bad-sector.ini"; then
	printf '[municipal]\nsectors = no_such_sector\n' >"$T/bad-sector.ini"
fi
config "$T/bad-sector.ini"
status_is 2 "rules naming an unknown sector exit 2"
one_line_error "the bad rules file is one line"
like "$ERR" "^lape: $T/bad-sector.ini: \\[[a-z_ ]+\\] sectors: " \
	"the message names the rules file, section and key"

printf '[municipal\nsectors = education\n' >"$T/bad-syntax.ini"
config "$T/bad-syntax.ini"
status_is 2 "a rules file with a syntax error exits 2"
like "$ERR" "^lape: $T/bad-syntax.ini: " "the message names the rules file"

config "$T/no-such-rules.ini"
status_is 2 "a missing rules file exits 2"
like "$ERR" "^lape: $T/no-such-rules.ini: " "the message names the missing rules file"

printf '[lape]\nlanguage = klingon\n' >"$T/bad-lang.conf"
lape --config "$T/bad-lang.conf" --db "$T/good.db" check
status_is 2 "a bad language in the config exits 2"
one_line_error "the bad config is one line"
like "$ERR" "^lape: $T/bad-lang.conf: \\[lape\\] language: " \
	"the message names the config file, section and key"

printf '[lape]\ncolour = yes\n' >"$T/bad-key.conf"
lape --config "$T/bad-key.conf" --db "$T/good.db" check
status_is 2 "an unknown config key exits 2"
like "$ERR" "^lape: $T/bad-key.conf: \\[lape\\] colour: " "the unknown key is named"

lape --config "$T/no-such.conf" --db "$T/good.db" check
status_is 2 "a missing config file exits 2"
like "$ERR" "^lape: $T/no-such.conf: " "the missing config file is named"

# ---- hostile data ------------------------------------------------------
# No command edits records yet, so Python writes them into a demo file.

lape --db "$T/hostile.db" demo
if have_python; then
	run py "$PY_OPEN"'
con.execute("UPDATE person SET surname = ?, given_names = \x27\x27 WHERE given_names || \x27 \x27 || surname = ?",
            ("Robert\x27); DROP TABLE person;--", "Henna Salo"))
con.execute("UPDATE person SET organisation = ? WHERE given_names || \x27 \x27 || surname = ?",
            ("Ö" * 10000, "Pekka Järvinen"))
con.execute("UPDATE person SET surname = CAST(? AS TEXT), given_names = \x27\x27 WHERE given_names || \x27 \x27 || surname = ?",
            (b"Bad \xff\xfe UTF-8 \xc3", "Sanna Koskinen"))
con.execute("UPDATE person SET surname = ?, given_names = \x27\x27 WHERE given_names || \x27 \x27 || surname = ?",
            ("Tab\there, \"quoted\",\nnew line \x1b[31m", "Päivi Kääriäinen"))
con.execute("UPDATE lape_group SET name = ? WHERE name = ?",
            ("Vantaa \"x\", \x27y\x27; DELETE FROM lape_group; --", "Vantaan LAPE-ryhmä"))
con.commit()
print("ok")
' "$T/hostile.db"
	is "$OUT$ERR" "ok" "hostile values are in the file"

	lape --db "$T/hostile.db" check --format json
	status_is 1 "check with hostile values exits 1"
	printf '%s\n' "$OUT" >"$T/h.json"
	run py '
import json, sys
raw = open(sys.argv[1], "rb").read()
g = json.loads(raw.decode("utf-8"))
v = [x for x in g if x["name"].startswith("Vantaa \"x\"")][0]
names = [n for s in v["sectors"] for n in s["covered_by"]]
assert "Robert\x27); DROP TABLE person;--" in names, names
assert any(n.startswith("Bad \ufffd\ufffd UTF-8 \ufffd") for n in names), names
assert any("\t" in n and "\n" in n for n in names), names
assert len(g) == 8
print("ok")
' "$T/h.json"
	is "$OUT$ERR" "ok" "the JSON stays valid and keeps every value"

	lape --db "$T/hostile.db" list people --format csv
	printf '%s\n' "$OUT" >"$T/h.csv"
	run py '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8", errors="strict")))
assert len(rows) == 47, len(rows)
by = {r["surname"]: r for r in rows}
assert "Robert\x27); DROP TABLE person;--" in by
assert [r for r in rows if r["organisation"] == "Ö" * 10000]
assert [r for r in rows if r["surname"].startswith("Tab\there, \"quoted\",\nnew line")]
print("ok")
' "$T/h.csv"
	is "$OUT$ERR" "ok" "the CSV stays valid UTF-8 and keeps every value"

	lape --db "$T/hostile.db" list people --format json
	printf '%s\n' "$OUT" >"$T/hp.json"
	run py '
import json, sys
p = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
assert len(p) == 47 and any(len(x["organisation"] or "") == 10000 for x in p)
print("ok")
' "$T/hp.json"
	is "$OUT$ERR" "ok" "the people JSON keeps the 10,000-character field"

	lape --db "$T/hostile.db" list people
	status_is 0 "the text list with hostile values exits 0"
	printf '%s\n' "$OUT" >"$T/h.txt"
	run py '
import sys, re
text = open(sys.argv[1], "rb").read().decode("utf-8")
assert "\x1b" not in text, "escape sequence passed through"
lines = text.rstrip("\n").split("\n")
assert len(lines) == 48, len(lines)
# in a pipe nothing is cut: the 10,000-character organisation is whole
assert max(len(l) for l in lines) > 10000, max(len(l) for l in lines)
assert "\u2026" not in text, "a cell was cut in a pipe"
head = lines[0]
starts = [m.start() for m in re.finditer(r"(?<=  )\S", head)]
for l in lines[1:]:
    for s in starts:
        if len(l) > s and l[s - 2:s] != "  ":
            print("misaligned:", l); sys.exit(1)
print("ok")
' "$T/h.txt"
	is "$OUT$ERR" "ok" "text stays one line per row, aligned, whole in a pipe, without escapes"

	lape --db "$T/hostile.db" show "Vantaa \"x\", 'y'; DELETE FROM lape_group; --"
	status_is 0 "show finds a group whose name holds quotes and SQL"
	lape --db "$T/hostile.db" list groups --format csv
	is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 9 "no group was lost"
	lape --db "$T/hostile.db" list people --format csv
	like "$OUT" "DROP TABLE person" "the person table is still there"
else
	for i in 1 2 3 4 5 6 7 8 9 10 11; do skip "hostile data" "no python3"; done
fi

# ---- empty values -------------------------------------------------------

lape --db "$T/good.db" check ""
status_is 2 "an empty group name exits 2"
one_line_error "an empty group name is one line"
lape --db "$T/good.db" show ""
status_is 2 "show with an empty group name exits 2"
lape --db "$T/good.db" check --region ""
status_is 2 "an empty region exits 2"
lape --db "$T/good.db" check --format ""
status_is 2 "an empty format exits 2"
lape --db "$T/e.db" init --year ""
status_is 2 "an empty year exits 2"
ok "no file for an empty year" test ! -e "$T/e.db"
lape --db "" check
status_is 2 "an empty --db exits 2"
one_line_error "an empty --db is one line"

# ---- escape bytes in arguments and values -------------------------------
# Nothing from outside reaches the terminal raw: control characters and
# bytes that are not UTF-8 are shown as \xNN, valid UTF-8 stays.

esc=$(printf '\033')
bel=$(printf '\007')
# no_raw DESCRIPTION: stdout and stderr of the last run hold no control
# character but the newline.
no_raw() {
	if printf '%s%s' "$OUT" "$ERR" | LC_ALL=C grep -q "[$esc$bel]"; then
		fail "$1" "raw control bytes in: $ERR"
	else
		pass "$1"
	fi
}
lape "$(printf '\033]2;pwned\007')"
status_is 2 "a command name with an OSC sequence exits 2"
no_raw "the unknown command is shown without its escape bytes"
like "$ERR" '\\x1b\]2;pwned\\x07' "the escape bytes are shown as \\xNN"
lape --db "$T/good.db" show "$(printf '\033[31mX')"
no_raw "a group name with CSI is shown escaped"
like "$ERR" '^lape: \\x1b\[31mX: no such group$' "the group is named, escaped"
lape --db "$T/good.db" show "$(printf 'Ä\377\303x\302\233y')"
like "$ERR" '^lape: Ä\\xff\\xc3x\\xc2\\x9by: no such group$' \
	"invalid bytes and a C1 control are escaped, UTF-8 is kept"
LC_ALL=C lape --db "$T/good.db" show "$(printf 'Ä')"
like "$ERR" '^lape: \\xc3\\x84: no such group$' \
	"outside a UTF-8 locale every byte past ASCII is escaped"
lape --db "$T/good.db" "$(printf -- '--\033[2J')"
no_raw "an unknown option is shown escaped"
lape --db "$(printf '%s/\033[1mx' "$T")" check
no_raw "a data file name with escapes is shown escaped (from the core)"
like "$ERR" "^lape: $T/\\\\x1b\\[1mx: " "the data file is named, escaped"
printf '[lape]\ndatabase = %s/\033[31mq\n' "$T" >"$T/esc.conf"
LAPE_DB= lape --config "$T/esc.conf" check
no_raw "a data file named in the config is shown escaped"
like "$ERR" "^lape: $T/\\\\x1b\\[31mq: " "the configured data file is named, escaped"
printf '[lape]\nrules = %s/\033]0;t\007r.ini\n' "$T" >"$T/esc-rules.conf"
lape --config "$T/esc-rules.conf" --db "$T/good.db" check
no_raw "a rules file named in the config is shown escaped"
printf '[lape]\nlanguage = \033[5m\n' >"$T/esc-lang.conf"
lape --config "$T/esc-lang.conf" --db "$T/good.db" check
no_raw "a bad value in the config is shown escaped"
lape --db "$T/good.db" check --format "$(printf '\033[H')"
no_raw "a bad --format is shown escaped"
lape --db "$T/good.db" list groups --region "$(printf '\033[H')"
no_raw "a bad --region is shown escaped"
lape --db "$T/e.db" init --year "$(printf '\033[H')"
no_raw "a bad --year is shown escaped"
lape --lang "$(printf '\033[H')" check
no_raw "a bad --lang is shown escaped"

done_testing
