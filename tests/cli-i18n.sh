#!/bin/sh
# cli-i18n.sh -- Finnish and Swedish: every message translated, the
# language taken from the whole LANGUAGE list, one word per idea, plurals,
# names sorted as shown, dates as people write them.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
top_srcdir=$(cd "$TESTS_SRCDIR/.." && pwd)
po=$top_srcdir/po

# ---- the catalogues: complete against the sources as they are now
if command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1; then
	# every source file with a message is listed for xgettext
	missing=
	for f in $(cd "$top_srcdir" && grep -l '_("\|ngettext(' src/*.c); do
		grep -qx "$f" "$po/POTFILES.in" || missing="$missing $f"
	done
	is "$missing" "" "po/POTFILES.in lists every source file with messages"
	opts=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$po/Makevars")
	# shellcheck disable=SC2086
	(cd "$top_srcdir" && xgettext -o "$T/lape.pot" $opts \
		--files-from=po/POTFILES.in) 2>"$T/xgettext.err"
	ok "xgettext reads the sources" test -s "$T/lape.pot"
	for l in $(cat "$po/LINGUAS"); do
		msgmerge -q --no-fuzzy-matching -o "$T/$l.po" "$po/$l.po" \
			"$T/lape.pot" 2>/dev/null
		stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null \
			"$T/$l.po" 2>&1)
		like "$stats" '^[0-9]+ translated messages\.$' \
			"po/$l.po: every message translated, none fuzzy ($stats)"
		stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null \
			"$po/$l.po" 2>&1)
		like "$stats" '^[0-9]+ translated messages\.$' \
			"po/$l.po as shipped: complete and valid ($stats)"
	done
else
	skip "the catalogues are complete" "gettext tools are missing"
fi

# ---- the language: --lang, then the whole LANGUAGE list, then the locale
usage_is() { # usage_is LANGUAGE-WORD DESCRIPTION [VAR=VALUE...]
	want=$1 desc=$2
	shift 2
	run env "$@" "$LAPE" --help
	like "$(printf '%s\n' "$OUT" | head -n 1)" "^$want: lape" "$desc"
}
usage_is Användning "LANGUAGE=de:sv gives Swedish" LANGUAGE=de:sv
usage_is Käyttö "LANGUAGE=fr:fi_FI:sv gives Finnish" LANGUAGE=fr:fi_FI:sv
usage_is Usage "LANGUAGE=de:en:fi gives English" LANGUAGE=de:en:fi
usage_is Användning "LANGUAGE=sv_FI.UTF-8 gives Swedish" LANGUAGE=sv_FI.UTF-8
usage_is Käyttö "an empty LANGUAGE leaves it to the locale" LANGUAGE= \
	LC_ALL=fi_FI.UTF-8
usage_is Käyttö "a LANGUAGE without fi, sv or en leaves it to the locale" \
	LANGUAGE=de:fr LANG=fi_FI.UTF-8 LC_ALL=
usage_is Usage "a locale of another language is English" LANGUAGE= \
	LC_ALL=de_DE.UTF-8 LANG=fi_FI.UTF-8
usage_is Usage "svenska is not sv" LANGUAGE=svx LC_ALL=C.UTF-8
run env LANGUAGE=fi "$LAPE" --lang sv --help
like "$(printf '%s\n' "$OUT" | head -n 1)" "^Användning: lape" \
	"--lang wins over LANGUAGE"

done_testing
