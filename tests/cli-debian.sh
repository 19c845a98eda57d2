#!/bin/sh
# cli-debian.sh -- what a packager checks: the GNU --version, the licence,
# what make install puts where (documents under $docdir, the manual).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
top_srcdir=$(cd "$TESTS_SRCDIR/.." && pwd)
top_builddir=$(cd "$TESTS_BUILDDIR/.." && pwd)

# --version in the GNU form: name and version, copyright, licence, no
# warranty; then the attribution of the reference data.
lape --version
status_is 0 "--version exits 0"
is "$(printf '%s\n' "$OUT" | sed -n 1p)" "lape $(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")" \
	"--version: first line is the name and the version of configure"
like "$(printf '%s\n' "$OUT" | sed -n 2p)" '^Copyright \(C\) 20[0-9]{2}(-20[0-9]{2})? The lape developers$' \
	"--version: second line is the copyright"
like "$OUT" '^License GPLv3\+: GNU GPL version 3 or later <https://gnu\.org/licenses/gpl\.html>\.$' \
	"--version names the licence"
like "$OUT" '^There is NO WARRANTY, to the extent permitted by law\.$' \
	"--version says there is no warranty"
unlike "$OUT" 'example\.invalid' "--version has no made-up address"
lape --help
unlike "$OUT" 'example\.invalid' "--help has no made-up address"
# nor do the translations, the gettext settings or the manual: the
# project has no public address (lape(1), REPORTING BUGS, says where)
for f in po/fi.po po/sv.po po/Makevars configure.ac share/man/lape.1.in \
	share/man/lape.ini.5.in share/man/lape-rules.ini.5.in README; do
	ok "$f has no made-up bug address" \
		sh -c '! grep -q "example\.invalid" "$1"' sh "$top_srcdir/$f"
done
like "$(sed -n 's/^"Report-Msgid-Bugs-To: \(.*\)\\n"$/[\1]/p' "$top_srcdir/po/fi.po")" '^\[\]$' \
	"fi.po: Report-Msgid-Bugs-To is left empty"
lape --lang fi --version
like "$OUT" '^Copyright \(C\) ' "the copyright line is not translated"
like "$OUT" '^Lisenssi GPLv3\+' "the licence line is translated"

# The licence itself, and a notice that points to it in every source file.
ok "COPYING is the GNU GPL version 3" \
	grep -q 'GNU GENERAL PUBLIC LICENSE' "$top_srcdir/COPYING"
ok "COPYING is version 3" grep -q '^ *Version 3, 29 June 2007' "$top_srcdir/COPYING"
run sh "$top_srcdir/tools/licence-headers" --check
status_is 0 "every C file has the licence notice (tools/licence-headers --check)"
is "$OUT" "" "tools/licence-headers --check names no file"

# ---- the manual pages: made by configure, clean for mandoc, complete
man1=$top_builddir/share/man/lape.1
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
for page in "$man1" "$top_builddir/share/man/lape.ini.5" \
	"$top_builddir/share/man/lape-rules.ini.5"; do
	name=${page##*/}
	like "$(sed -n '/^\.TH /p' "$page")" "^\.TH [-A-Z.\\]+ [15] \"[0-9]{4}-[0-9]{2}-[0-9]{2}\" \"lape $version\"" \
		"$name: version and date from configure"
	unlike "$(cat "$page")" '@[A-Z_]+@' "$name: nothing left unsubstituted"
	if command -v mandoc >/dev/null 2>&1; then
		run mandoc -Tlint -Wstyle "$page"
		is "$OUT$ERR" "" "$name: mandoc -Tlint is clean"
	else
		skip "$name: mandoc -Tlint is clean" "mandoc is not installed"
	fi
done
# the part of lape(1) between two section headings
man_section() {
	sed -n "/^\.SH \"*$1\"*\$/,/^\.SH /p" "$man1"
}
commands=$("$LAPE" --lang en --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
ok "lape --help lists commands" test -n "$commands"
# the body: every section after the synopsis (COMMANDS, WRITING, ...)
cmds_man=$(sed -n '/^\.SH DESCRIPTION/,$p' "$man1")
for c in $commands; do
	like "$cmds_man" "^\.B[IR]? \"?$c( |\"|$)" "lape(1) describes the command $c"
	like "$(man_section SYNOPSIS)" "^\.B $c\$" "lape(1) SYNOPSIS has $c"
done
for o in $("$LAPE" --lang en --help | sed -n '/^Options:/,/^$/p' |
	grep -o -- '--[a-z][a-z-]*\|^ *-[a-zA-Z]\b' | tr -d ' ' | sort -u); do
	mo=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	like "$(man_section OPTIONS)" "$mo" "lape(1) OPTIONS has $o"
done
env_man=$(man_section ENVIRONMENT)
for v in $(cd "$top_srcdir" && grep -oh 'getenv("[A-Z_]*")' src/*.c |
	sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	case $v in
	HOME | LAPE_CHECK_*) continue ;; # HOME: any program's; the tests'
	esac
	like "$env_man" "^\.(B|BR) (.* )?\"?$v\"?( |,|$)" "lape(1) ENVIRONMENT has $v"
done
for s in SCREENS "REPORTING BUGS" COPYRIGHT "SEE ALSO"; do
	like "$(man_section "$s")" '.' "lape(1) has the section $s"
done
like "$(man_section SCREENS)" "^\.SS Forms" "lape(1) SCREENS has the keys of the forms"
like "$(man_section "SEE ALSO")" 'lape\.ini \(5\)' "lape(1) points to lape.ini(5)"
like "$(man_section "SEE ALSO")" 'lape\\-rules\.ini \(5\)' \
	"lape(1) points to lape-rules.ini(5)"
# every key the configuration takes, and every section of the rules
for k in $(cd "$top_srcdir" && sed -n 's/^ *"lape:\([a-z]*\)",$/\1/p' src/config.c); do
	like "$(cat "$top_builddir/share/man/lape.ini.5")" "^\.BI $k " \
		"lape.ini(5) has the key $k"
done
for k in $(sed -n 's/^\([a-z_]*\) *=.*/\1/p' "$top_srcdir/share/lape/rules.ini" | sort -u); do
	case $k in fi | sv | en) continue ;; esac
	like "$(cat "$top_builddir/share/man/lape-rules.ini.5")" "^\.BI $k " \
		"lape-rules.ini(5) has the key $k"
done

# make install: the program, its manual, its data, and README, ChangeLog
# and COPYING under $docdir.
dest=$T/inst
prefix=$(sed -n 's/^prefix = //p' "$top_builddir/Makefile")
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$top_builddir" \
	install DESTDIR="$dest" \
	>"$T/install.log" 2>&1; then
	pass "make install DESTDIR=... works"
else
	fail "make install DESTDIR=... works" "$(tail -n 20 "$T/install.log")"
fi
for f in README ChangeLog COPYING; do
	ok "make install puts $f under \$docdir" \
		cmp -s "$top_srcdir/$f" "$dest$prefix/share/doc/lape/$f"
done
ok "make install puts the bash completion where bash-completion looks" \
	test -s "$dest$prefix/share/bash-completion/completions/lape"
ok "the installed completion knows the installed rules" \
	grep -q "^_lape_pkgdatadir='$prefix/share/lape'$" \
	"$dest$prefix/share/bash-completion/completions/lape"
ok "make install puts lape(1) in man1" test -s "$dest$prefix/share/man/man1/lape.1"
ok "make install puts lape.ini(5) in man5" \
	test -s "$dest$prefix/share/man/man5/lape.ini.5"
ok "make install puts lape-rules.ini(5) in man5" \
	test -s "$dest$prefix/share/man/man5/lape-rules.ini.5"
ok "make install puts the rules in \$pkgdatadir" \
	test -s "$dest$prefix/share/lape/rules.ini"
ok "make install puts the Finnish catalogue in \$localedir" \
	test -s "$dest$prefix/share/locale/fi/LC_MESSAGES/lape.mo"
ok "make install puts the Swedish catalogue in \$localedir" \
	test -s "$dest$prefix/share/locale/sv/LC_MESSAGES/lape.mo"

done_testing
