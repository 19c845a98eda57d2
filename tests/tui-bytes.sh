#!/bin/sh
# tui-bytes.sh -- what the screens cost over a slow link, measured on a
# pseudo-terminal by ptybytes.py: the first screen at most 2,500 bytes,
# moving the selection one row at most 48, scrolling a group's members
# (two rows a member) at most 170.  (Times are for make bench:
# they mean nothing under the sanitizers make check may use.)
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! have_python; then
	echo "1..0 # SKIP python3 is not installed"
	exit 0
fi
# Under LeakSanitizer: the panel library's own PANEL for stdscr, never
# freed by delscreen() (see tui-lib.sh).  Not ours.
printf 'leak:new_panel\n' >"$T/lsan.supp"
LSAN_OPTIONS="suppressions=$T/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
lape demo
status_is 0 "the demo data"

# measure NAME BEFORE-KEYS: first screen and one row down (j) and up (k)
measure() {
	run "$PYTHON3" "$TESTS_SRCDIR/ptybytes.py" --lape "$LAPE" \
		--before "$2" --keys jjk --settle 300
	status_is 0 "$1: lape ran on a pseudo-terminal"
	diag "$1: $(printf '%s' "$OUT" | tr '\n' ' ')"
	first=$(printf '%s\n' "$OUT" | awk '$1 == "first_screen_bytes" { print $2 }')
	ok "$1: the first screen is at most 2500 bytes ($first)" \
		[ "${first:-99999}" -le 2500 ]
	printf '%s\n' "$OUT" | awk '$1 == "key_bytes" { print $3 }' >"$T/keys"
	max=$(sort -n "$T/keys" | tail -n 1)
	ok "$1: moving one row writes at most 48 bytes ($max)" \
		[ "${max:-99999}" -le 48 ]
}
measure "overview" ""
measure "groups of a region" "<Enter>"
measure "all groups" "l"
measure "a group's members" "l<Enter>"
measure "people" "p"

# Scrolling a group's members (issue 12): the regional group of Uusimaa
# has 11 members, two rows each, 7 on the screen.  A one-row move that
# scrolls is a terminal scroll plus the member that comes into view (and
# the marker): 140-155 bytes in English, where rewriting the rows beside
# the checklist cost 730-760.  A member is two rows of text, 80-100
# bytes of its own, so the bound is 170 rather than a single row's 120.
run "$PYTHON3" "$TESTS_SRCDIR/ptybytes.py" --lape "$LAPE" \
	--before "ljjjjjj<Enter>jjjjjj" --keys jjjjkkkkkk --settle 300
status_is 0 "a group's members, scrolling: lape ran"
diag "a group's members, scrolling: $(printf '%s' "$OUT" | tr '\n' ' ')"
printf '%s\n' "$OUT" | awk '$1 == "key_bytes" { print $3 }' >"$T/keys"
max=$(sort -n "$T/keys" | tail -n 1)
ok "a group's members: a move that scrolls writes at most 170 bytes ($max)" \
	[ "${max:-99999}" -le 170 ]

# Pasted text of 10,000 characters (a tenth of them 2-byte) into a form's
# field, its notes, a search prompt and a pick list's filter: absorbed
# whole, the screen drawn once at the end.  The time is for the log (a
# figure for make bench, not a test).
paste() {
	run "$PYTHON3" "$TESTS_SRCDIR/ptybytes.py" --lape "$LAPE" \
		--before "$2" --keys "" --paste 10000 --settle 300 --quit "$3"
	status_is 0 "a paste into $1: lape ran"
	ms=$(printf '%s\n' "$OUT" | awk '$1 == "paste_ms" { print $2 }')
	bytes=$(printf '%s\n' "$OUT" | awk '$1 == "paste_bytes" { print $2 }')
	diag "a paste of 10,000 characters into $1: ${ms} ms, ${bytes} bytes"
	ok "a paste into $1: drawn once, not per key ($bytes bytes)" \
		[ "${bytes:-99999}" -le 5000 ]
}
paste "a person's name" "pn" "<Esc>yQ"
paste "a person's notes" "pn<Tab><Tab><Tab><Tab>" "<Esc>yQ"
paste "the people's search" "p/" "<Esc>Q"
paste "a member's person list" "l<Enter>n" "<Esc><Esc>yQ"

# Sitting idle, lape looks for changes by others once a second: that
# sends nothing to the terminal while nothing changed.
run "$PYTHON3" "$TESTS_SRCDIR/ptybytes.py" --lape "$LAPE" --before l \
	--keys j --idle 3.5 --settle 300
status_is 0 "idle: lape ran"
like "$OUT" '^idle_bytes 0$' "3.5 s idle on a list: not a byte sent"

# A terminal that hangs up (an SSH connection dropped): lape leaves at once
# instead of spinning on reads that fail.
run "$PYTHON3" "$TESTS_SRCDIR/ptybytes.py" --lape "$LAPE" --keys j --hangup \
	--settle 300
like "$OUT" '^hangup_exit 2$' "a hung-up terminal: lape leaves (exit 2)"

done_testing
