#!/bin/sh
# cli-basic.sh -- the program's surface: --help, --version, global options
# before and after the command, bad commands and options, languages.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# --help lists every command with its summary, and the global options.
lape --help
status_is 0 "--help exits 0"
for c in init demo check list show verify; do
	like "$OUT" "^  $c +[A-Z]" "--help lists the command $c with a summary"
done
for o in --db --config --lang --help --version; do
	like "$OUT" "^ +(-[a-zA-Z], )?$o( |$)" "--help lists the option $o"
done
is "$ERR" "" "--help prints nothing on stderr"
help=$OUT
lape -h
is "$OUT" "$help" "-h is --help"

# --version: name, version, and the attribution of the reference data.
lape --version
status_is 0 "--version exits 0"
like "$(printf '%s\n' "$OUT" | head -n 1)" '^lape [0-9]+\.[0-9]+\.[0-9]+$' \
	"--version starts with the name and version"
like "$OUT" '^Reference data: Statistics Finland, CC BY 4\.0$' \
	"--version names the source and licence of the reference data"

# Unknown command and options: exit 2 with one clear line.
lape frobnicate
status_is 2 "an unknown command exits 2"
is "$ERR" "lape: 'frobnicate' is not a lape command; see 'lape --help'" \
	"an unknown command is named in one line"
is "$OUT" "" "an unknown command prints nothing on stdout"

lape --frobnicate
status_is 2 "an unknown global option exits 2"
like "$ERR" "^lape: .*'--frobnicate'" "the unknown option is named"

lape check --frobnicate
status_is 2 "an unknown option of a command exits 2"
like "$ERR" "lape check --help" "the hint names the command's help"

lape --db
status_is 2 "--db without a value exits 2"
like "$ERR" "^lape: .*'--db'.*argument" "the message says --db needs a value"

lape --lang xx --version
status_is 2 "--lang with an unknown language exits 2"
like "$ERR" "^lape: --lang: 'xx'" "the bad language is named"

lape list
status_is 2 "list without what to list exits 2"
lape list frobs
status_is 2 "list with an unknown kind exits 2"
like "$ERR" "'frobs'" "the unknown kind is named"
lape show
status_is 2 "show without a group exits 2"

# Each command has its own --help.
for c in init demo check list show verify; do
	lape "$c" --help
	if [ "$STATUS" -eq 0 ] &&
		printf '%s\n' "$OUT" | grep -q "^Usage: lape $c"; then
		pass "lape $c --help shows its usage"
	else
		fail "lape $c --help shows its usage" "$STATUS: $OUT $ERR"
	fi
done

# Global options are accepted before and after the command name.
lape --db "$T/a.db" init
status_is 0 "--db before the command"
lape init --db "$T/b.db"
status_is 0 "--db after the command"
ok "both files exist" test -f "$T/a.db" -a -f "$T/b.db"
lape list regions --db "$T/a.db" --format csv
first=$OUT
lape --db="$T/b.db" list --format=csv regions
is "$OUT" "$first" "--db=FILE and --format=FMT forms, in any order"
ok "LAPE_DB was not touched while --db was given" test ! -e "$LAPE_DB"

# LAPE_DB names the file when --db is absent; --db wins over it.
LAPE_DB=$T/a.db lape list regions --format csv
is "$OUT" "$first" "LAPE_DB names the data file"
LAPE_DB=$T/none.db lape --db "$T/a.db" list regions --format csv
is "$OUT" "$first" "--db overrides LAPE_DB"

# A config file names the data file; --config picks it.
printf '[lape]\ndatabase = %s\n' "$T/a.db" >"$T/lape.ini"
LAPE_DB= lape --config "$T/lape.ini" list regions --format csv
is "$OUT" "$first" "--config FILE: [lape] database names the data file"

# Languages: --lang, the config file and the environment (a locale the
# machine need not have installed: servers often have only C.UTF-8).
lape --lang en --help
status_is 0 "--lang en works"
like "$OUT" '^Commands:' "--lang en gives English"
lape --lang fi --help
like "$OUT" '^Käyttö: lape' "--lang fi gives Finnish"
like "$OUT" '^Komennot:' "--lang fi: the commands heading"
lape --help --lang sv
like "$OUT" '^Användning: lape' "--lang sv after --help gives Swedish"
LANG=fi_FI.UTF-8 LC_ALL= lape --help
like "$OUT" '^Komennot:' "LANG=fi_FI.UTF-8 gives Finnish without that locale installed"
printf '[lape]\nlanguage = sv\n' >"$T/sv.ini"
lape --config "$T/sv.ini" --help
like "$OUT" '^Kommandon:' "language = sv in the config file gives Swedish"
lape --config "$T/sv.ini" --lang fi --help
like "$OUT" '^Komennot:' "--lang wins over the config file"

printf '[lape\n' >"$T/broken.ini"
lape --config "$T/broken.ini" --help
status_is 0 "--help works even with a broken config file"
lape --config "$T/broken.ini" list regions
status_is 2 "a command with a broken config file exits 2"

# Errors about the options are in the language asked for too.
lape --lang fi --no-such-option
status_is 2 "an unknown option exits 2 in Finnish too"
like "$ERR" "tuntematon valitsin '--no-such-option'" "the message is in Finnish"
lape --lang=sv frobnicate
like "$ERR" "'frobnicate' är inget lape-kommando" "an unknown command in Swedish"

done_testing
