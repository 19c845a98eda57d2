#!/bin/sh
# cli-completion.sh -- the bash completion (share/bash-completion/lape),
# driven in bash as bash-completion calls it: COMP_WORDS and COMP_CWORD
# in, COMPREPLY out.  Names come from the data file, quoted for the shell,
# and nothing a user typed is ever run.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
comp=$TESTS_BUILDDIR/../share/bash-completion/lape
if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash is not installed"
	exit 0
fi
if [ ! -r "$comp" ]; then
	echo "1..0 # SKIP share/bash-completion/lape is not built"
	exit 0
fi
mkdir -p "$T/bin"
ln -s "$LAPE" "$T/bin/lape"
PATH=$T/bin:$PATH
export PATH
cd "$T" || exit 99

# complete WORD...: the completions of the last WORD (as typed, quotes
# and all) after the others, one a line, in $OUT.
complete() {
	run bash -c '
compopt() { :; }  # only readline may call it
. "$0"
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_lape
printf "%s\n" "${COMPREPLY[@]}"' "$comp" "$@"
}
# has WORD...: every WORD is a line of $OUT
has() {
	for w in "$@"; do
		printf '%s\n' "$OUT" | grep -qxF -- "$w" || return 1
	done
}

ok "the completion file loads in bash" \
	bash -c '. "$0" && complete -p lape' "$comp"

# commands and options, from lape --help
complete lape ""
for c in $("$LAPE" --lang en --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'); do
	ok "lape <Tab> offers the command $c" has "$c"
done
complete lape ch
is "$OUT" "check" "lape ch<Tab> is check"
complete lape --
ok "lape --<Tab> offers the global options" has --db --config --lang --help --version
complete lape check --
ok "lape check --<Tab> offers its options" has --region --format --all --help
complete lape --lang ""
is "$OUT" "fi
sv
en" "--lang offers fi, sv and en"
complete lape check --format ""
ok "check --format offers text, csv and json" has text csv json
complete lape list ""
ok "list offers what it lists" has groups people agents regions municipalities
complete lape init --year ""
years=$(cd "$LAPE_SHARE/refdata" && ls municipalities_*.csv | sed 's/.*_\([0-9]*\)\.csv/\1/')
is "$OUT" "$years" "init --year offers the years shipped"
complete lape --lang fi check --fo
is "$OUT" "--format" "the options of a command after a global option"
complete lape --db "$T/lape.db" --lang fi check --format c
is "$OUT" "csv" "the values of an option after --db FILE"

# names from the data file, quoted
lape init --year 2016
lape demo
complete lape show Va
is "$OUT" 'Vantaan\ LAPE-ryhmä' "a group name is completed with its blank escaped"
complete lape show '"Va'
is "$OUT" 'Vantaan LAPE-ryhmä' "inside an opened quote, as it is (bash closes the quote)"
complete lape show 'Vantaan\ L'
is "$OUT" 'Vantaan\ LAPE-ryhmä' "after an escaped blank"
complete lape check Helsingin Va
is "$OUT" 'Vantaan\ LAPE-ryhmä' "check takes several groups"
complete lape --lang sv check --region Ö
is "$OUT" "Österbotten" "a region by its Swedish name"
complete lape check --region 1
ok "a region by its code" has 15 16 17 18 19
complete lape add member "Vantaan\\ LAPE-ryhmä" ""
ok "add member GROUP <Tab> offers people" has 'Aino\ Mäkelä'
complete lape add member x y --sector ""
ok "--sector offers the sector keys" has social_health youth_rep
complete lape add member x y --role ""
ok "--role offers the roles" has chair vice-chair secretary member
complete lape add group --name ""
is "$OUT" "" "a new group's --name offers nothing (it is new)"
complete lape --db "$T/nothing.db" show ""
is "$OUT" "" "no names from a data file that is not there"

# hostile names: quoted, never run
if have_python; then
	run py "$PY_OPEN"'
con.execute("UPDATE lape_group SET name = ? WHERE name LIKE ?",
            ("Kunta \"A\" $(touch ran) `touch ran` ;x&y", "Vantaan%"))
con.execute("UPDATE person SET surname = ?, given_names = \x27\x27 WHERE id = (SELECT min(id) FROM person)",
            ("O'\''Brien, Åsa $HOME",))
con.commit()
' "$LAPE_DB"
	complete lape show Kun
	is "$OUT" 'Kunta\ \"A\"\ \$\(touch\ ran\)\ \`touch\ ran\`\ \;x\&y' \
		"a group name with quotes, \$( ), backquotes, ; and & is escaped"
	eval "set -- $OUT"
	is "$1" 'Kunta "A" $(touch ran) `touch ran` ;x&y' \
		"the shell reads the escaped name back as the name"
	complete lape show '$(touch ran)'
	complete lape --db '$(touch ran)' show ""
	complete lape --db '`touch ran`' check --format ""
	ok "nothing typed or stored is run" test ! -e ran
	complete lape --lang sv show "Kunta\\ \\\"A"
	is "$OUT" 'Kunta\ \"A\"\ \$\(touch\ ran\)\ \`touch\ ran\`\ \;x\&y' \
		"after an escaped quote"
	run bash -c '. "$0"; _lape_prog=(lape); _lape_reply "O\\'\''" < <(_lape_values PERSON); printf "%s\n" "${COMPREPLY[@]}"' "$comp"
	is "$OUT" "O\\'Brien\\,\\ Åsa\\ \\\$HOME" "person names, quoted (PERSON)"
else
	for i in 1 2 3 4 5; do skip "hostile names" "no python3"; done
fi

# sector keys from the rules file in use
want=$(sed -n 's/^\[sector \([a-z_0-9]*\)\]/\1/p' "$LAPE_SHARE/rules.ini" | sort)
run bash -c '. "$0"; _lape_values SECTOR | sort' "$comp"
is "$OUT" "$want" "sector keys from the shipped rules"
ok "the sector keys include youth_rep" has youth_rep
sed 's/^\[sector youth_rep\]/[sector nuoret_edustaja]/' "$LAPE_SHARE/rules.ini" >"$T/my-rules.ini"
printf '[lape]\nrules = %s ; mine\n' "$T/my-rules.ini" >"$T/lape.ini"
run bash -c '. "$0"; _lape_config=$1 _lape_values SECTOR' "$comp" "$T/lape.ini"
ok "sector keys from the rules file of --config" has nuoret_edustaja

done_testing
