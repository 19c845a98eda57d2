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
lape --lang fi --version
like "$OUT" '^Copyright \(C\) ' "the copyright line is not translated"
like "$OUT" '^Lisenssi GPLv3\+' "the licence line is translated"

# The licence itself, and a notice that points to it in every source file.
ok "COPYING is the GNU GPL version 3" \
	grep -q 'GNU GENERAL PUBLIC LICENSE' "$top_srcdir/COPYING"
ok "COPYING is version 3" grep -q '^ *Version 3, 29 June 2007' "$top_srcdir/COPYING"

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
ok "make install puts the rules in \$pkgdatadir" \
	test -s "$dest$prefix/share/lape/rules.ini"
ok "make install puts the Finnish catalogue in \$localedir" \
	test -s "$dest$prefix/share/locale/fi/LC_MESSAGES/lape.mo"
ok "make install puts the Swedish catalogue in \$localedir" \
	test -s "$dest$prefix/share/locale/sv/LC_MESSAGES/lape.mo"

done_testing
