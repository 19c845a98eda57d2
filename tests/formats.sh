#!/bin/sh
# formats.sh -- every printf-like call in src/ has a literal format, so that
# a translation (or any text) with a % in it is never read as directives.
# gcc cannot tell: it sees through _() to the English literal.  clang
# warns about printf(_("...")) with no arguments (-Wformat-security), so
# this compiles each source with clang -fsyntax-only and names what it
# warns about.  The fix is "%s", _("..."), or fputs().  Skipped where clang
# is not installed.  Runs from make check, which sets LAPE_SYNTAX_FLAGS.
top=$(cd "${TESTS_SRCDIR:-$(dirname "$0")}/.." && pwd) || exit 99
CLANG=${CLANG:-clang}

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "1..0 # SKIP $CLANG is not installed"
	exit 0
fi
if [ -z "$LAPE_SYNTAX_FLAGS" ]; then
	echo "1..0 # SKIP LAPE_SYNTAX_FLAGS is not set (run from make check)"
	exit 0
fi
cd "$top" || exit 99
files=$(ls src/*.c)
echo "1..2"
n=$(printf '%s\n' "$files" | grep -c .)
if [ "$n" -gt 0 ]; then
	echo "ok 1 - $n C files in src/"
else
	echo "not ok 1 - no C files in $top/src"
fi
out=$(for f in $files; do
	# shellcheck disable=SC2086 # the flags are words
	"$CLANG" -std=c11 -fsyntax-only -Wformat -Wformat-security \
		-DLOCALEDIR='"/"' -DPKGDATADIR='"/"' -DSYSCONFDIR='"/"' \
		$LAPE_SYNTAX_FLAGS "$f" 2>&1
done | grep -E "warning: .*-Wformat|error:")
if [ -z "$out" ]; then
	echo "ok 2 - every format is a literal (clang -Wformat-security)"
	[ "$n" -gt 0 ]
	exit $?
fi
echo "not ok 2 - formats clang warns about"
printf '%s\n' "$out" | sed 's/^/#   /'
exit 1
