#!/bin/sh
# format.sh -- every C source and header is laid out as the checked-in
# .clang-format says, so that no review is about spaces.  It runs
# clang-format --dry-run --Werror over src/, include/, tests/*.c and
# tests/fuzz/ and names each file that differs.  In a git checkout the
# files are the ones git tracks, and new ones it does not ignore; elsewhere
# (a dist tarball) the same globs on the source tree.  Skipped where
# clang-format is not installed.  Runs alone too: sh tests/format.sh
top=$(cd "${TESTS_SRCDIR:-$(dirname "$0")}/.." && pwd) || exit 99
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}

if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
	echo "1..0 # SKIP $CLANG_FORMAT is not installed"
	exit 0
fi
# --dry-run and --Werror came with clang-format 10
if ! printf 'int x;\n' | "$CLANG_FORMAT" --dry-run --Werror \
	--assume-filename=x.c >/dev/null 2>&1; then
	echo "1..0 # SKIP $CLANG_FORMAT has no --dry-run --Werror (before 10)"
	exit 0
fi
if [ ! -r "$top/.clang-format" ]; then
	echo "1..1"
	echo "not ok 1 - $top/.clang-format is missing"
	exit 1
fi
cd "$top" || exit 99

# the files: what git tracks when this is the top of a checkout (not a
# tarball unpacked inside one, as make distcheck does), else the globs
if command -v git >/dev/null 2>&1 &&
	[ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$(pwd -P)" ]; then
	files=$(git ls-files -co --exclude-standard -- ':(glob)src/*.[ch]' ':(glob)include/**/*.h' \
		':(glob)tests/*.[ch]' ':(glob)tests/fuzz/*.[ch]' | sort -u)
	from="git ls-files"
else
	files=$(ls src/*.[ch] include/lape/*.h tests/*.[ch] tests/fuzz/*.[ch] \
		2>/dev/null | sort -u)
	from="the source tree"
fi

echo "1..2"
n=$(printf '%s\n' "$files" | grep -c .)
if [ "$n" -gt 0 ]; then
	echo "ok 1 - $n C files from $from"
else
	echo "not ok 1 - no C files found from $from in $top"
fi

bad=
for f in $files; do
	[ -f "$f" ] || continue # deleted in the working tree, not yet in git
	"$CLANG_FORMAT" --dry-run --Werror --style=file "$f" >/dev/null 2>&1 ||
		bad="$bad $f"
done
if [ -z "$bad" ]; then
	echo "ok 2 - every C file matches .clang-format"
	[ "$n" -gt 0 ]
	exit $?
fi
echo "not ok 2 - C files that differ from .clang-format"
for f in $bad; do
	echo "#   $f"
done
echo "# to see what differs: clang-format --dry-run FILE"
echo "# to fix: clang-format -i FILE, here: (cd $top && clang-format -i$bad)"
exit 1
