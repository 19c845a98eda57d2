# tests/lib.sh -- TAP helpers for the shell tests of the command line.
# Source it from a test (`. "$TESTS_SRCDIR/lib.sh"`), then use run/lape,
# ok, is, like, skip ... and finish with done_testing, which prints the
# plan.  make check sets LAPE, LAPE_SHARE, LAPE_TODAY, TESTS_SRCDIR and
# PYTHON3 (tests/Makefile.inc); each test gets its own temporary directory
# $T, removed on exit, and a data file $T/lape.db named by LAPE_DB.

: "${LAPE:?LAPE must name the lape program (make check sets it)}"
: "${LAPE_SHARE:?LAPE_SHARE must name share/lape}"
: "${LAPE_TODAY:=2017-06-01}"
: "${PYTHON3:=python3}"
export LAPE_SHARE LAPE_TODAY

T=$(mktemp -d "${TMPDIR:-/tmp}/lape-test.XXXXXX") || exit 99
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 130' HUP INT TERM

# A machine of our own: no user settings, English, UTF-8.
HOME=$T/home
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
LAPE_DB=$T/lape.db
LC_ALL=C.UTF-8
export HOME XDG_DATA_HOME XDG_CONFIG_HOME LAPE_DB LC_ALL
unset LANGUAGE LANG NO_COLOR LAPE_BUSY_TIMEOUT
mkdir -p "$HOME"

tap_n=0
tap_failed=0

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

pass() {
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s\n' "$tap_n" "$1"
}

fail() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	printf 'not ok %d - %s\n' "$tap_n" "$1"
	shift
	[ $# -gt 0 ] && diag "$@"
	return 0
}

# skip DESCRIPTION REASON
skip() {
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}

# ok DESCRIPTION COMMAND...: passes when COMMAND succeeds.
ok() {
	tap_desc=$1
	shift
	if "$@"; then pass "$tap_desc"; else fail "$tap_desc" "failed: $*"; fi
}

# is ACTUAL EXPECTED DESCRIPTION: exact comparison, with a diff if not.
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
		return 0
	fi
	printf '%s\n' "$2" >"$T/.expected"
	printf '%s\n' "$1" >"$T/.actual"
	fail "$3" "$(diff -u "$T/.expected" "$T/.actual" | sed 1,2d)"
}

# like TEXT REGEX DESCRIPTION: TEXT has a line matching the extended REGEX.
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3" "no line matches: $2" "in:" "$1"
	fi
}

# unlike TEXT REGEX DESCRIPTION
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		fail "$3" "a line matches: $2" "in:" "$1"
	else
		pass "$3"
	fi
}

# run COMMAND...: stdout in $OUT ($T/out), stderr in $ERR ($T/err), the exit
# status in $STATUS.  Never fails itself.
run() {
	"$@" >"$T/out" 2>"$T/err"
	STATUS=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	return 0
}

# lape ARGS...: run the program under test.
lape() {
	run "$LAPE" "$@"
}

# status_is EXPECTED DESCRIPTION: the exit status of the last run.
status_is() {
	if [ "$STATUS" = "$1" ]; then
		pass "$2"
	else
		fail "$2" "exit status $STATUS, expected $1" "stderr: $ERR"
	fi
}

# one_line DESCRIPTION: stderr of the last run is one line starting
# "lape: ", as every error message must be.
one_line_error() {
	if [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] &&
		printf '%s\n' "$ERR" | grep -q '^lape: '; then
		pass "$1"
	else
		fail "$1" "stderr: $ERR"
	fi
}

have_python() {
	command -v "$PYTHON3" >/dev/null 2>&1
}

# py SCRIPT [ARGS...]: run a Python 3 snippet; its exit status is returned.
py() {
	tap_py=$1
	shift
	"$PYTHON3" -c "$tap_py" "$@"
}

is_root() {
	[ "$(id -u)" -eq 0 ]
}

# as_user COMMAND...: as root, run COMMAND as the user nobody, for the cases
# only another user can show (root reads and writes whatever the mode says).
as_user() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# can_drop_root: whether as_user works here and nobody can run lape and read
# its share directory (a build under a private home may not allow that).
can_drop_root() {
	command -v setpriv >/dev/null 2>&1 &&
		as_user "$LAPE" --version >/dev/null 2>&1 &&
		as_user test -r "$LAPE_SHARE/rules.ini"
}

# checksum FILE: a digest of FILE's bytes, to prove it was left untouched.
checksum() {
	cksum <"$1"
}

# A Python 3 prologue for scripts that change a data file the way no lape
# command can yet (hostile names, invalid UTF-8): opens sys.argv[1] with the
# SQL functions the triggers need.
PY_OPEN='
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.create_function("lape_user", 0, lambda: "test")
con.create_function("lape_key", 1, lambda s: s.lower() if isinstance(s, str) else s)
'

# wait_for FILE: until FILE is there (a helper in the background has got as
# far), for ten seconds at the most.
wait_for() {
	tap_i=0
	while [ ! -e "$1" ] && [ $tap_i -lt 100 ]; do
		sleep 0.1
		tap_i=$((tap_i + 1))
	done
}

# sql_rows FILE SQL [ARG...]: the rows of a query on FILE (read behind
# lape's back), one a line, fields joined by '|', NULL as empty.
sql_rows() {
	"$PYTHON3" -c '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2], sys.argv[3:]):
    print("|".join("" if v is None else str(v) for v in row))
' "$@"
}

# tests/lapeedit makes a change the way lape would, journaled as lape's.
LAPEEDIT=${TESTS_BUILDDIR:-$(dirname "$LAPE")/../tests}/lapeedit

# need_lapeedit WHAT: the whole test is skipped (WHAT named) without python3
# or tests/lapeedit.
need_lapeedit() {
	if ! have_python || [ ! -x "$LAPEEDIT" ]; then
		skip "$1" "no python3 or no tests/lapeedit"
		done_testing
	fi
}

# edit_as USER FILE SQL [ARG...]: one change by USER, journaled as lape's.
edit_as() {
	tap_user=$1
	shift
	LAPEEDIT_USER=$tap_user "$LAPEEDIT" "$@"
}

done_testing() {
	printf '1..%d\n' "$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}
