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

# ---- one word per idea, the words Finnish and Swedish municipalities use
msgstrs() { # the translations of po/LANG.po in use by the sources, one a line
	f=$po/$1.po
	[ -s "$T/$1.po" ] && f=$T/$1.po  # merged with the sources' messages
	msgattrib --no-obsolete --no-wrap "$f" |
		sed -n 's/^msgstr\(\[[0-9]\]\)\{0,1\} "\(.*\)"$/\2/p'
}
if command -v msgattrib >/dev/null 2>&1; then
	fi_all=$(msgstrs fi)
	sv_all=$(msgstrs sv)
	unlike "$fi_all" 'Nykyinen toimielin|nykyinen toimielin' \
		"fi: an existing body is \"olemassa oleva toimielin\""
	unlike "$fi_all" 'maak\.|seur\.|r:linkki|\(regional\)' \
		"fi: no cryptic abbreviations"
	unlike "$fi_all" 'toimeksian' "fi: a mandate is a valtuutus"
	unlike "$fi_all" '[Pp]eru(ttu|minen|mista|ttavaa|it\b| viimeisin| kysymättä|a\.)' \
		"fi: undo is kumota (peruuttaa is cancel)"
	unlike "$sv_all" '[Ss]uppleant' "sv: a deputy is an ersättare"
	unlike "$sv_all" 'Ej grupp' "sv: without a group is \"Utan grupp\""
	unlike "$sv_all" 'Landskapsnivå|\(regional\)' \
		"sv: the regional group is \"Landskapets grupp\""
	unlike "$sv_all" '[Kk]omplett' "sv: complete is fullständig"
	unlike "$sv_all" 'x:avsluta' "sv: ending a membership is not quitting"
fi
fi_of() { LANGUAGE=fi TEXTDOMAINDIR=$LAPE_LOCALEDIR "$@"; }
fi_term() { # fi_term MSGID TRANSLATION
	is "$(LANGUAGE=$lang TEXTDOMAINDIR=$LAPE_LOCALEDIR gettext -d lape "$1")" "$2" \
		"$lang: \"$1\" is \"$2\""
}
if command -v gettext >/dev/null 2>&1 && [ -d "$LAPE_LOCALEDIR/fi" ]; then
	lang=fi
	fi_term "Complete" "Kunnossa"
	fi_term "complete" "kunnossa"
	fi_term "Done" "Kunnossa"
	fi_term "Existing body" "Olemassa oleva toimielin"
	fi_term "Existing body:" "Olemassa oleva toimielin:"
	fi_term "Undo your last change" "Kumoa viimeisin muutoksesi"
	fi_term "Undone: %s" "Kumottu: %s"
	fi_term "cancel" "peruuta"
	lang=sv
	fi_term "Complete" "Fullständig"
	fi_term "complete" "fullständig"
	fi_term "Done" "Fullständig"
	fi_term "Regional" "Landskapets grupp"
	fi_term "No group" "Utan grupp"
	fi_term "Without a group:" "Utan grupp:"
	fi_term "Deputy of" "Ersättare för"
	fi_term "Region (regional group)" "Landskap (landskapets grupp)"
	fi_term "Done: written in one transaction." "Klart: skrivet i en enda transaktion."
	# plural forms where a count is shown
	for n in 1 2; do
		for l in fi sv; do
			eval "got_$l=\"\$(LANGUAGE=$l TEXTDOMAINDIR=\$LAPE_LOCALEDIR ngettext -d lape '%zu region' '%zu regions' $n)\""
		done
		if [ $n = 1 ]; then
			is "$got_fi / $got_sv" "%zu maakunta / %zu landskap" "one region"
		else
			is "$got_fi / $got_sv" "%zu maakuntaa / %zu landskap" "two regions"
		fi
	done
	is "$(LANGUAGE=sv TEXTDOMAINDIR=$LAPE_LOCALEDIR ngettext -d lape '%zu municipality' '%zu municipalities' 1)" \
		"%zu kommun" "sv: one municipality"
	is "$(LANGUAGE=fi TEXTDOMAINDIR=$LAPE_LOCALEDIR ngettext -d lape '%zu person' '%zu people' 1)" \
		"%zu henkilö" "fi: one person"
else
	skip "the terms in the catalogues" "gettext or the built catalogues are missing"
fi

lape --lang fi init --year 2016
is "$OUT" "Luotiin $LAPE_DB: 19 maakuntaa ja 313 kuntaa (2016)" \
	"fi: init counts regions and municipalities in the partitive"
lape --lang sv demo
like "$OUT" "^Exemplet har lästs in i .*: 9 grupper och 47 personer i Nyland" \
	"sv: demo counts groups and people"
lape --lang sv check --region 01
like "$OUT" "^  Kommuner: +[0-9]+ av 26 har en grupp, [0-9]+ en fullständig$" \
	"sv: the region's summary says fullständig"
lape --lang sv show "Vantaan LAPE-ryhmä"
unlike "$OUT" "suppleant" "sv: show says ersättare"
lape --lang fi show "Helsingin lapsi- ja perhepalveluiden johtoryhmä"
like "$OUT" "^ *Olemassa oleva toimielin: " "fi: show says olemassa oleva toimielin"

# ---- the yes of a question on the command line, typed in either case
# pty_answer ANSWER ARGS...: run lape ARGS on a terminal, type ANSWER and
# Enter at its question; everything it printed in $OUT.
pty_answer() {
	pa_answer=$1
	shift
	run "$PYTHON3" -c '
import os, pty, sys, select, time
answer = sys.argv[1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
out = b""
def read(until):
    global out
    end = time.time() + 10
    while time.time() < end and until not in out:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                d = os.read(fd, 4096)
            except OSError:
                return
            if not d:
                return
            out += d
read(b"/E]")
os.write(fd, answer + b"\n")
read(b"\x00")
os.waitpid(pid, 0)
sys.stdout.write(out.decode())
' "$pa_answer" "$LAPE" "$@"
}
if have_python; then
	pty_answer k --lang fi undo
	like "$OUT" "Kumotaanko\? \[k/E\]" "fi: lape undo asks in Finnish"
	unlike "$OUT" "mitään ei kumottu" "fi: a lower-case k is yes to undo (the screens' yes is K)"
	"$LAPE" add person --surname Testinen --given-names Tero >/dev/null
	pty_answer k --lang fi remove person "Tero Testinen"
	like "$OUT" "Poistetaanko .*\[k/E\]" "fi: lape remove asks in Finnish"
	lape list people
	unlike "$OUT" "Tero Testinen" "fi: a lower-case k is yes to remove"
else
	for i in 1 2 3 4; do skip "the yes of lape undo and remove" "no python3"; done
fi

# ---- names sorted as they are shown
lape --lang sv list municipalities --format csv
sv_names=$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f3)
sorted=$(printf '%s\n' "$sv_names" | "$PYTHON3" -c '
import sys
order = "abcdefghijklmnopqrstuvwxyzåäö"
names = sys.stdin.read().splitlines()
# by the first letter, in the Swedish alphabet (å, ä, ö after z)
key = lambda s: order.index(s[0].lower()) if s[0].lower() in order else -1
print("\n".join(sorted(names, key=key)))
' 2>/dev/null)
is "$sv_names" "$sorted" "--lang sv list municipalities sorts by the Swedish name"
lape --lang sv list municipalities
like "$(printf '%s\n' "$OUT" | tail -n 1)" "Övertorneå" \
	"the Swedish list ends with Övertorneå"
lape --lang fi list municipalities
like "$(printf '%s\n' "$OUT" | tail -n 1)" "^[0-9]+ +Äänekoski" \
	"the Finnish list ends with Äänekoski"

done_testing
