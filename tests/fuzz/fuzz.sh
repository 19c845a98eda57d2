#!/bin/sh
# fuzz.sh -- make fuzz: build the harnesses of tests/fuzz with clang and
# libFuzzer (-fsanitize=fuzzer,address,undefined) in fuzz/ of the build
# directory, apart from the normal build, and run each for FUZZ_SECONDS
# seconds, starting from its seed corpus and its regression inputs (and
# with the dictionary tests/fuzz/NAME.dict of the file's words, if any).
#
# A crash, a hang or a broken promise of a harness leaves its input in
# fuzz/artifacts/NAME/.  Once it is fixed, copy the input into
# tests/fuzz/regress/NAME/ so that make check runs it from then on.
#
# The Makefile sets abs_top_srcdir, FUZZ_CC, FUZZ_SECONDS, FUZZ_NAMES,
# FUZZ_INCLUDES, FUZZ_LOCALEDIR, FUZZ_PKGDATADIR, FUZZ_SYSCONFDIR,
# FUZZ_LIBS and FUZZ_CORE
# (the core's sources, relative to abs_top_srcdir).
set -u
: "${FUZZ_CC:=clang}" "${FUZZ_SECONDS:=60}"
: "${FUZZ_NAMES:=rules config refdata date utf8 lookup import}"
: "${abs_top_srcdir:?}" "${FUZZ_CORE:?}" "${FUZZ_INCLUDES:=}" "${FUZZ_LIBS:=}"
: "${FUZZ_LOCALEDIR:=/usr/local/share/locale}"
: "${FUZZ_PKGDATADIR:=/usr/local/share/lape}"
: "${FUZZ_SYSCONFDIR:=/usr/local/etc}"
top_srcdir=$abs_top_srcdir

out=fuzz
san='-fsanitize=address,undefined -fno-sanitize-recover=all'
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer $san"
fuzzdir=$top_srcdir/tests/fuzz

if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
	echo "make fuzz: $FUZZ_CC not found: install the Debian packages clang and libclang-rt-dev" >&2
	exit 2
fi
mkdir -p "$out/obj" || exit 2
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
	>"$out/obj/probe.c"
if ! "$FUZZ_CC" -fsanitize=fuzzer "$out/obj/probe.c" -o "$out/obj/probe" \
	>/dev/null 2>&1; then
	echo "make fuzz: $FUZZ_CC cannot link libFuzzer: install the Debian package libclang-rt-dev" >&2
	exit 2
fi

# fuzz_cc SOURCE OBJECT: compile as the Makefile would, for libFuzzer.
fuzz_cc() {
	# shellcheck disable=SC2086
	"$FUZZ_CC" $cflags -fsanitize=fuzzer-no-link $FUZZ_INCLUDES \
		-I"$fuzzdir" "-DLOCALEDIR=\"$FUZZ_LOCALEDIR\"" \
		"-DPKGDATADIR=\"$FUZZ_PKGDATADIR\"" \
		"-DSYSCONFDIR=\"$FUZZ_SYSCONFDIR\"" \
		"-DSHARE_SRCDIR=\"$top_srcdir/share/lape\"" \
		"-DTESTS_SRCDIR=\"$top_srcdir/tests\"" -c "$1" -o "$2"
}

echo "make fuzz: building with $FUZZ_CC into $out/"
objs=
for src in $FUZZ_CORE; do
	case $src in *.c) ;; *) continue ;; esac
	obj=$out/obj/$(basename "$src" .c).o
	fuzz_cc "$top_srcdir/$src" "$obj" || exit 1
	objs="$objs $obj"
done
rm -f "$out/liblape-fuzz.a"
# shellcheck disable=SC2086
ar cr "$out/liblape-fuzz.a" $objs || exit 1
fuzz_cc "$fuzzdir/fuzz-lib.c" "$out/obj/fuzz-lib.o" || exit 1
for name in $FUZZ_NAMES; do
	fuzz_cc "$fuzzdir/fuzz-$name.c" "$out/obj/fuzz-$name.o" || exit 1
	# shellcheck disable=SC2086
	"$FUZZ_CC" $cflags -fsanitize=fuzzer "$out/obj/fuzz-$name.o" \
		"$out/obj/fuzz-lib.o" "$out/liblape-fuzz.a" $FUZZ_LIBS \
		-o "$out/fuzz-$name" || exit 1
done

LAPE_SHARE=$top_srcdir/share/lape
export LAPE_SHARE
failed=0
for name in $FUZZ_NAMES; do
	work=$out/work/$name
	art=$out/artifacts/$name
	mkdir -p "$work" "$art"
	set -- "$work" "$fuzzdir/corpus/$name"
	[ -d "$fuzzdir/regress/$name" ] && set -- "$@" "$fuzzdir/regress/$name"
	[ -f "$fuzzdir/$name.dict" ] && set -- -dict="$fuzzdir/$name.dict" "$@"
	echo "make fuzz: fuzz-$name for $FUZZ_SECONDS s (log: $out/$name.log)"
	"$out/fuzz-$name" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$art/" "$@" \
		>"$out/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
	cov=$(grep -E '^#[0-9]+' "$out/$name.log" | tail -n 1 |
		sed -n 's/.* cov: \([0-9]*\).* corp: \([0-9]*\).*/\1 edges, \2 inputs/p')
	if [ "$rc" -eq 0 ]; then
		echo "fuzz-$name: ${runs:-?} runs, ${cov:-?}: nothing found"
	else
		failed=1
		echo "fuzz-$name: FOUND A PROBLEM after ${runs:-?} runs (exit $rc):"
		grep -E 'ERROR|SUMMARY|fuzz assertion|Test unit written' \
			"$out/$name.log" | head -n 5 | sed 's/^/  /'
		echo "  fix it, then copy the input into tests/fuzz/regress/$name/"
	fi
done
exit $failed
