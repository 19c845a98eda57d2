#!/bin/sh
# cli-fit.sh -- text output fits the terminal when stdout is one (COLUMNS,
# else the terminal's width, else 80) and is never cut in a pipe.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! have_python; then
	skip "text fits the terminal" "no python3"
	done_testing
fi

# on_tty COLS ARGS...: run lape with stdout a terminal of COLS columns
# (0: a terminal that tells no width); its output in $OUT.
on_tty() {
	tty_cols=$1
	shift
	OUT=$(py '
import os, pty, sys, fcntl, termios, struct
cols = int(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
out = b""
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    out += b
os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace").replace("\r\n", "\n"))
' "$tty_cols" "$LAPE" "$@")
}

# widest: the widest line of $OUT in display columns.
widest() {
	printf '%s\n' "$OUT" >"$T/w.txt"
	py '
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")))
' "$T/w.txt"
}

lape demo
status_is 0 "demo"

# The ones wider than 80 columns before: 94 to 121.
for c in "check" "check --region 01" "list groups" "list people" \
	"list agents" "show 3" "show 1" "add group --help"; do
	# shellcheck disable=SC2086
	unset COLUMNS
	on_tty 80 $c
	w=$(widest)
	if [ "$w" -le 80 ]; then
		pass "lape $c fits a terminal of 80 columns ($w)"
	else
		fail "lape $c fits a terminal of 80 columns" "widest line: $w"
	fi
	# shellcheck disable=SC2086
	COLUMNS=60 on_tty 200 $c
	w=$(widest)
	if [ "$w" -le 60 ]; then
		pass "lape $c fits COLUMNS=60 before the terminal's width ($w)"
	else
		fail "lape $c fits COLUMNS=60" "widest line: $w"
	fi
done

# A terminal that tells no width: 80.
unset COLUMNS
on_tty 0 list people
w=$(widest)
ok "a terminal without a width gets 80 columns ($w)" [ "$w" -le 80 ]

# In a pipe nothing is cut, however narrow COLUMNS says the terminal is.
COLUMNS=40 lape list people
unlike "$OUT" "…" "no cell is cut in a pipe"
like "$OUT" "anders.storbacka@vshp.example" "a long address is whole"
w=$(widest)
ok "the lines are as wide as they need in a pipe ($w)" [ "$w" -gt 80 ]
COLUMNS=40 lape show 3
like "$OUT" "Olemassa oleva johtoryhmä valtuutettu toimimaan LAPE-ryhmänä\.$" \
	"notes stay on one line in a pipe"

# What a terminal cuts still says what it is: cut with an ellipsis,
# aligned.
unset COLUMNS
on_tty 80 list groups
like "$OUT" "…" "a cell too wide for the terminal ends with an ellipsis"
head=$(printf '%s\n' "$OUT" | head -1)
like "$head" "^ID  NAME +LEVEL +REGION +MUNICIPALITIES +STATUS$" \
	"every column keeps its header"
on_tty 80 check
like "$OUT" "^  ✓ educational institutions +Outi Kivelä, Eero Räsänen,$" \
	"a long list of who covers a sector wraps"
like "$OUT" "^ +Oskar Wikström$" "under the names"

done_testing
