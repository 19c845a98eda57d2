#!/bin/sh
# cli-wal.sh -- the -wal file stays a few MiB under steady writes: three
# writers (tests/dbwriter, through the store) for WAL_SECONDS while a
# reader keeps the file open and reads it (and the screens, when tmux is
# here), and it stays small while they are open.  A benchmark in form,
# asserting sizes, not times; the figures go to the log.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

: "${TESTS_BUILDDIR:?TESTS_BUILDDIR must name the built tests}"
DBWRITER=$TESTS_BUILDDIR/dbwriter
seconds=${WAL_SECONDS:-4}
limit=$((6 * 1024 * 1024)) # "a few MiB": the log is cut at 4 MiB
db=$T/wal.db

screens=
if command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1; then
	. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"
	screens=yes
fi

lape --db "$db" init --year 2016
status_is 0 "the data file is made"

# The readers first: an open screen and a process reading every 50 ms.
if [ -n "$screens" ]; then
	tui_start "LAPE_DB=$db"
	expect "overview by region" "the screens are open on the file"
fi
"$DBWRITER" read "$db" $((seconds + 2)) >"$T/reader.out" 2>"$T/reader.err" &
reader=$!

for w in a b c; do
	"$DBWRITER" write "$db" "$seconds" "$w" >"$T/$w.out" 2>"$T/$w.err" &
	eval "writer_$w=\$!"
done

# size FILE: its size in bytes, 0 when it is not there.
size() {
	if [ -e "$1" ]; then wc -c <"$1" | tr -d ' '; else echo 0; fi
}
max=0
samples=0
while kill -0 "$writer_a" 2>/dev/null || kill -0 "$writer_b" 2>/dev/null ||
	kill -0 "$writer_c" 2>/dev/null; do
	s=$(size "$db-wal")
	[ "$s" -gt "$max" ] && max=$s
	samples=$((samples + 1))
	sleep 0.05
done
ok_writers=0
for w in a b c; do
	eval "wait \$writer_$w" && ok_writers=$((ok_writers + 1))
done
is "$ok_writers" 3 "the three writers ran to the end"
saves=$(cat "$T/a.out" "$T/b.out" "$T/c.out" | tr '\n' ' ')
after=$(size "$db-wal")
diag "writers: $seconds s, saves $saves; -wal at most $max bytes" \
	"over $samples samples; $after bytes after the writes with the" \
	"readers still open; data file $(size "$db") bytes"
ok "the -wal stays under $limit bytes ($max at most)" [ "$max" -le "$limit" ]
ok "the -wal is small while the readers stay open ($after bytes)" \
	[ "$after" -le "$limit" ]
if [ -n "$screens" ]; then
	keys C-l
	expect "overview by region" "the screens still work"
	keys q y
	tui_exit_status
	is "$TUI_STATUS" 0 "the screens quit cleanly"
fi
wait "$reader"
is "$(cat "$T/reader.err")" "" "the reader had no errors"

run "$DBWRITER" check "$db"
status_is 0 "every save is whole"
if have_python; then
	run "$PYTHON3" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])
' "$db"
	is "$OUT" "ok" "the file passes integrity_check"
else
	skip "integrity_check" "no python3"
fi

done_testing
