# tests/tui-lib.sh -- drive lape's screens under tmux for the tui-*.sh
# tests: a private tmux server per test (tmux -L), a fixed 80x24 window,
# keys in with send-keys, the screen out with capture-pane.  Waits poll the
# screen until the expected text appears (generous timeouts: the suite also
# runs under ASan), so no test depends on fixed sleeps.
#
# Source it after lib.sh:  . "$TESTS_SRCDIR/lib.sh"; . "$TESTS_SRCDIR/tui-lib.sh"

: "${TMUX_BIN:=$(command -v tmux)}"
if [ -z "$TMUX_BIN" ] || ! "$TMUX_BIN" -V >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
unset TMUX TMUX_PANE
# Under LeakSanitizer: the panel library keeps a PANEL of its own for
# stdscr, made by the first new_panel(), that delscreen() does not free
# (ncurses frees it only when built with --disable-leaks).  Not ours.
printf 'leak:new_panel\n' >"$T/lsan.supp"
LSAN_OPTIONS="suppressions=$T/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
TUI_N=0
TUI_SOCK=lape-test-$$-$TUI_N
TUI_TIMEOUT=${TUI_TIMEOUT:-20}
trap 'tui_kill; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

tmx() {
	"$TMUX_BIN" -L "$TUI_SOCK" "$@"
}

tui_kill() {
	tmx kill-server >/dev/null 2>&1
	return 0
}

# tui_start [VAR=VALUE...] [-- LAPE-ARGS...]: start lape (no command) in a
# new 80x24 window with the environment given.  The pane stays after lape
# exits so that its exit status can be read.
tui_start() {
	tui_kill
	# a new server each time: the old one may still be shutting down
	TUI_N=$((TUI_N + 1))
	TUI_SOCK=lape-test-$$-$TUI_N
	{
		echo '#!/bin/sh'
		echo 'TERM=xterm-256color; export TERM'
		# no statement may be left open between keys: lape stops
		echo 'LAPE_CHECK_IDLE=1; export LAPE_CHECK_IDLE'
		# every keymap holds each key and key-line word once
		echo 'LAPE_CHECK_KEYS=1; export LAPE_CHECK_KEYS'
		while [ $# -gt 0 ] && [ "$1" != "--" ]; do
			printf "export '%s'\n" "$1"
			shift
		done
		[ "${1:-}" = "--" ] && shift
		printf '%s"%s"' "${TUI_WRAP:+$TUI_WRAP }" "$LAPE"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf ' 2>"%s"\n' "$T/tui-stderr"
		printf 'echo $? >"%s"\n' "$T/tui-status"
	} >"$T/tui-run.sh"
	rm -f "$T/tui-status"
	chmod +x "$T/tui-run.sh"
	tmx -f /dev/null new-session -d -s t -x "${TUI_COLS:-80}" \
		-y "${TUI_LINES:-24}" "$T/tui-run.sh" || return 1
	tmx set-option -t t remain-on-exit on >/dev/null
}

# tui_screen: the screen as text, in $SCREEN (and printed).
tui_screen() {
	SCREEN=$(tmx capture-pane -p -t t 2>/dev/null)
	printf '%s\n' "$SCREEN"
}

# tui_settle: wait until two captures in a row are the same (lape draws
# top to bottom: a new title may show above old rows for a moment).
tui_settle() {
	ts_prev=$SCREEN
	ts_n=0
	while [ $ts_n -lt 40 ]; do
		sleep 0.05
		SCREEN=$(tmx capture-pane -p -t t 2>/dev/null)
		[ "$SCREEN" = "$ts_prev" ] && return 0
		ts_prev=$SCREEN
		ts_n=$((ts_n + 1))
	done
}

# tui_wait TEXT [SECONDS]: wait until the screen shows TEXT (fixed string)
# and is still; $SCREEN holds the last capture.  Fails after the timeout.
tui_wait() {
	tw_end=$(($(date +%s) + ${2:-$TUI_TIMEOUT}))
	while :; do
		SCREEN=$(tmx capture-pane -p -t t 2>/dev/null)
		case $SCREEN in *"$1"*)
			tui_settle
			case $SCREEN in *"$1"*) return 0 ;; esac
			;;
		esac
		[ "$(date +%s)" -ge "$tw_end" ] && return 1
		sleep 0.05
	done
}

# tui_wait_gone TEXT [SECONDS]: wait until TEXT is no longer on screen.
tui_wait_gone() {
	tw_end=$(($(date +%s) + ${2:-$TUI_TIMEOUT}))
	while :; do
		SCREEN=$(tmx capture-pane -p -t t 2>/dev/null)
		case $SCREEN in *"$1"*) ;; *) return 0 ;; esac
		[ "$(date +%s)" -ge "$tw_end" ] && return 1
		sleep 0.05
	done
}

# expect TEXT DESCRIPTION: a TAP test that the screen comes to show TEXT.
expect() {
	if tui_wait "$1"; then
		pass "$2"
	else
		fail "$2" "the screen never showed: $1" "screen:" "$SCREEN" \
			"stderr: $(cat "$T/tui-stderr" 2>/dev/null)"
	fi
}

# expect_gone TEXT DESCRIPTION
expect_gone() {
	if tui_wait_gone "$1"; then
		pass "$2"
	else
		fail "$2" "the screen still shows: $1" "screen:" "$SCREEN"
	fi
}

# keys KEY...: tmux key names (Enter, Tab, Escape, C-s, BSpace, Down...).
# Escape is sent alone and given a moment, so that lape does not read it
# as the start of an escape sequence with the next key.
keys() {
	for k in "$@"; do
		tmx send-keys -t t "$k"
		case $k in Escape) sleep 0.2 ;; esac
	done
}

# raw FORMAT: the bytes printf(1) makes of FORMAT ('\033[1~', '\344'),
# sent as they are, as a terminal would send them.
raw() {
	tmx send-keys -t t -H $(printf "$1" | od -An -tx1)
}

# type TEXT: literal text (UTF-8 as it is).
type_text() {
	tmx send-keys -t t -l "$1"
}

# tui_resize COLS LINES
tui_resize() {
	tmx resize-window -t t -x "$1" -y "$2"
}

# tui_exit_status: wait for lape to exit; its status in $TUI_STATUS.
tui_exit_status() {
	tw_end=$(($(date +%s) + TUI_TIMEOUT))
	while [ ! -s "$T/tui-status" ]; do
		[ "$(date +%s)" -ge "$tw_end" ] && {
			TUI_STATUS=timeout
			return 1
		}
		sleep 0.05
	done
	TUI_STATUS=$(cat "$T/tui-status")
}

# csv_groups: the groups in the data file, as the command line lists them.
csv_groups() {
	"$LAPE" list groups --format csv
}
