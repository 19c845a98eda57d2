#!/bin/sh
# cli-write.sh -- lape add, edit, end and remove: each validation rule and
# each conflict through the command line, with the store's message naming
# the option at fault; exit 0 written, 1 refused, 2 error; nothing half
# written.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# json EXPR: evaluate the Python expression EXPR over the JSON in $OUT
# (bound to j) and print it.
json() {
	printf '%s\n' "$OUT" >"$T/out.json"
	py "
import json, sys
j = json.load(open(sys.argv[1], encoding='utf-8'))
print($1)
" "$T/out.json"
}

# refused OPTION DESCRIPTION: the last run exited 1 with one line naming
# OPTION ("lape: --email: ...").
refused() {
	if [ "$STATUS" = 1 ] && [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] &&
		printf '%s\n' "$ERR" | grep -q -- "^lape: $1: "; then
		pass "$2"
	else
		fail "$2" "status $STATUS, stderr: $ERR"
	fi
}

count() {
	lape list "$1" --format json
	json 'len(j)'
}

lape init --year 2016
status_is 0 "init"

# ---- the global options, with getopt_long ----------------------------------

lape --vers
status_is 0 "--vers is --version abbreviated"
like "$OUT" "^lape [0-9]" "and shows the version"
lape -hV
status_is 0 "-hV: short options joined"
like "$OUT" "^Usage: lape" "the help comes first"
lape -- check
status_is 0 "lape -- check: -- ends the global options"
like "$OUT" "No groups to check" "and the command runs"
lape check --db="$T/lape.db" --lang=sv
status_is 0 "global options after the command, with ="
like "$OUT" "Inga grupper" "--lang after the command applies"
lape --d "$T/lape.db" check
status_is 0 "--d is --db abbreviated"
lape add group --level municipal --m Vantaa --name X
status_is 2 "an abbreviation of several options (--municipality, --mandate-...) is refused"
like "$ERR" "^lape: unrecognized option '--m'" "and named"
lape add group --level municipal --muni Vantaa --name "Abbr" --format json
status_is 0 "an unambiguous abbreviation of a command's option"
is "$(json 'j["municipalities"]')" "['092']" "is that option"
lape remove group Abbr --yes

# ---- groups --------------------------------------------------------------

lape add group --level municipal --name "Vantaan LAPE-ryhmä" \
	--municipality Vantaa --mandate-body Kaupunginhallitus \
	--mandate-date 1.10.2016 --start 2016-11-01 --notes "Perustettu"
status_is 0 "add group exits 0"
like "$OUT" "^Added group 1: Vantaan LAPE-ryhmä$" "add group says what it added"
lape show 1 --format json
is "$(json 'j["municipalities"], j["mandate_date"], j["start_date"], j["mandate_body"]')" \
	"['092'] 2016-10-01 2016-11-01 Kaupunginhallitus" \
	"the group is written with its fields (dates in ISO form)"

lape add group --level kommun --name "Espoo" --municipality Esbo --format json
status_is 0 "a level by its Swedish label, a municipality by its Swedish name"
is "$(json 'j["level"], j["municipalities"], j["id"]')" "municipal ['049'] 2" \
	"--format json prints the record written"

lape add group --level MAAKUNTA --name "Uudenmaan LAPE-ryhmä" --region Nyland
status_is 0 "a level by its Finnish label in capitals, a region by its Swedish name"

lape add group --level provincial --name X --municipality 092
status_is 1 "an unknown level is refused"
like "$ERR" "^lape: --level: 'provincial' is not one of" "the level's option is named"

lape add group --level municipal --municipality 092
refused --name "a group without a name is refused, naming --name"
lape add group --level municipal --name "$(printf 'a\nb')" --municipality 092
refused --name "a name on two lines is refused"
lape add group --level municipal --name "$(printf '%0301d' 0)" \
	--municipality 092
refused --name "a name over 300 characters is refused"
lape add group --level municipal --name X
refused --municipality "a municipal group without a municipality is refused"
lape add group --level municipal --name X --municipality 092 \
	--municipality Vanda
refused --municipality "a municipality listed twice is refused"
lape add group --level regional --name X
refused --region "a regional group without its region is refused"
lape add group --level regional --name X --region 01 --municipality Vaasa
refused --municipality "a municipality outside the region is refused"
lape add group --level municipal --name X --municipality 092 \
	--mandate-date 31.2.2016
refused --mandate-date "an impossible mandate date is refused"
lape add group --level municipal --name X --municipality 092 --start soon
refused --start "a start that is not a date is refused"
lape add group --level municipal --name X --municipality 092 \
	--notes "$(head -c 10001 /dev/zero | tr '\0' x)"
refused --notes "notes over 10,000 characters are refused"
lape add group --level municipal --name X --municipality Atlantis
status_is 2 "an unknown municipality is an error"
like "$ERR" "^lape: Atlantis: no such municipality$" "the municipality is named"
is "$(count groups)" 3 "no refused group was written"

lape edit group 1 --start 2017-01-01 --end 2016-12-31
refused --end "an end before the start is refused, naming --end"
lape edit group 1 --status gone
status_is 1 "an unknown status is refused"
lape edit group 3 --regional-group 1
refused --regional-group "a regional group linked to a group is refused"
lape edit group 1 --status lakkautettu --end 2017-05-31 --format json
status_is 0 "edit group by a Finnish status label"
is "$(json 'j["status"], j["end_date"], j["version"]')" "dissolved 2017-05-31 2" \
	"edit writes the fields given and a new version"
lape edit group 1
status_is 2 "edit without fields is an error of usage"
like "$ERR" "nothing to change" "it says there is nothing to change"

# --if-version: the stale-edit protection of the forms.
lape edit group 1 --notes "one" --if-version 1
refused 1 "an edit of a version that is no longer there is refused"
lape show 1 --format json
is "$(json 'j["notes"], j["version"]')" "Perustettu 2" "and nothing was written"
lape edit group 1 --notes "one" --if-version 2
status_is 0 "an edit of the version there is written"
lape edit group 1 --notes "two" --if-version x
status_is 1 "a version that is not a number is refused"

# ---- people --------------------------------------------------------------

lape add person --surname Salo --given-names "Anna Maria" \
	--organisation "Vantaan kaupunki" --email anna.salo@vantaa.example \
	--phone "+358 40 000 0001"
status_is 0 "add person exits 0"
lape list people --format json
is "$(json '[(p["surname"], p["given_names"]) for p in j]')" "[('Salo', 'Anna Maria')]" \
	"the surname and the given names are kept apart"
lape add person --given-names Ville
refused --surname "a person without a surname is refused, naming --surname"
lape add person --surname Virta --given-names "$(printf 'a\nb')"
refused --given-names "given names on two lines are refused"
lape add person --surname Virta --given-names Ville --gender robot
status_is 1 "an unknown gender is refused"
like "$ERR" "^lape: --gender: 'robot' is not one of" "the gender's option is named"
lape add person --surname Virta --given-names Ville --email ville@x
refused --email "an e-mail address without a domain is refused"
lape add person --surname Virta --given-names Ville --phone "$(printf '1\n2')"
refused --phone "a phone number on two lines is refused"
lape add person --surname Virta --given-names Ville \
	--organisation "$(printf '%0301d' 0)"
refused --organisation "an organisation over 300 characters is refused"
lape add person --surname Virta --given-names Ville \
	--notes "$(head -c 10001 /dev/zero | tr '\0' x)"
refused --notes "a person's notes over 10,000 characters are refused"
is "$(count people)" 1 "no refused person was written"
lape add person --surname "  Virta " --given-names Ville --gender kvinna \
	--format json
status_is 0 "a second person, the gender by its Swedish label"
is "$(json 'j["id"], j["surname"], j["gender"], j["name"]')" \
	"2 Virta woman Ville Virta" "its record in JSON: trimmed, the gender's key"
lape edit person 2 --gender "" --format json
is "$(json 'j["gender"]')" "" "--gender \"\" is not stated"
lape edit person "Ville Virta" --gender mies --format json
is "$(json 'j["gender"]')" "man" "edit person by its whole name"

# ---- members -------------------------------------------------------------

lape add member 2 1 --sector education --sector nuorisotoimi --role ORDFÖRANDE \
	--format json
status_is 0 "add member by ids, sectors by key and Finnish label, role in Swedish capitals"
is "$(json 'j["sectors"], j["role"], j["group_id"], j["person_id"]')" \
	"['education', 'youth'] chair 2 1" "the seat is written as given"
lape add member 2 2
refused --sector "a seat without a sector is refused"
lape add member 2 2 --sector astrology
refused --sector "an unknown sector is refused"
lape add member 2 2 --sector social_health --sector education --sector youth \
	--sector organisations --sector parishes --sector youth_rep \
	--sector municipalities --sector hospital_district --sector competence_centre
refused --sector "more sectors than a seat takes are refused"
lape add member 2 2 --sector youth --role boss
status_is 1 "an unknown role is refused"
like "$ERR" "^lape: --role: 'boss' is not one of" "the role's option is named"
lape add member 2 2 --sector youth --start 2017-02-01 --end 2017-01-01
refused --end "a term that ends before it starts is refused"
lape add member 2 2 --sector youth --start 1.13.2017
refused --start "a term start that is not a date is refused"
lape add member 2 2 --sector youth --deputy-of 2
refused --deputy-of "a deputy of someone not in the group is refused"
lape add member 2 2 --sector youth --organisation "$(printf 'a\nb')"
refused --organisation "an organisation on two lines is refused"
lape add member 99 2 --sector youth
status_is 2 "a seat in a group that does not exist is an error"
like "$ERR" "^lape: 99: no such group$" "the group is named"
lape add member 2 2 --sector youth --deputy-of 1 --role vice_chair
status_is 0 "a deputy of a member of the group"
lape edit member 2 --deputy-of 2
refused --deputy-of "a member deputising for themselves is refused"
lape add member 2 2 --sector parishes
status_is 0 "a second seat of the same person"
lape edit member 2 2 --role secretary
status_is 2 "GROUP PERSON with two seats is ambiguous: exit 2"
like "$ERR" "several seats" "it says so"
lape edit member 2 --role sihteeri --format json
is "$(json 'j["role"], j["deputy_of"]')" "secretary 1" "edit member by seat id"
lape edit member 1 --sector education --sector Bildningsväsendet \
	--sector youth --format json
is "$(json 'j["sectors"]')" "['education', 'youth']" \
	"a sector given twice (by key and label) counts once"
lape end member 2 1 --date 2017-05-31 --format json
status_is 0 "end member by GROUP PERSON"
is "$(json 'j["end_date"]')" "2017-05-31" "the term ends on the date given"
lape end member 3
status_is 0 "end member without a date"
lape show 2 --format json
is "$(json '[m["end_date"] for m in j["members"] if m["id"] == 3][0]')" \
	"$LAPE_TODAY" "the term ends today"

# ---- change agents -------------------------------------------------------

lape add agent Uusimaa 1 --employer "Helsingin kaupunki" --start 2016-10-01 \
	--funding-share 100 --status active --format json
status_is 0 "add agent to a region by name"
is "$(json 'j["region"], j["funding_share"], j["status"]')" "01 100 active" \
	"the agent is written"
lape add agent 01 2
status_is 1 "a second current agent of a region is refused"
like "$ERR" "^lape: 01: the region already has a change agent$" \
	"the region is named"
lape add agent 02 2 --funding-share 120
refused --funding-share "a funding share over 100 is refused"
lape add agent 02 2 --funding-share half
status_is 1 "a funding share that is not a number is refused"
lape add agent 02 2 --status hired
status_is 1 "an unknown agent status is refused"
lape add agent 02 2 --start 2017-01-01 --end 2016-01-01
refused --end "an agent's end before the start is refused"
is "$(count agents)" 1 "no refused agent was written"
lape edit agent Uusimaa --employer "Vantaan kaupunki" --format json
is "$(json 'j["employer"]')" "Vantaan kaupunki" "edit agent by its region"
lape end agent 01 --date 2017-04-30 --format json
is "$(json 'j["status"], j["end_date"]')" "ended 2017-04-30" \
	"end agent ends the work and the status"
lape add agent 01 2 --status planned
status_is 0 "a region whose agent has ended can have a new one"

# ---- remove --------------------------------------------------------------

lape remove person 1 --yes
refused 1 "a person who still sits in a group is not removed"
like "$ERR" "still sits in a group" "it says why"
lape remove person 1 </dev/null
refused 1 "it says so before asking, without --yes too"
like "$ERR" "still sits in a group" "the reason, not the question"
lape remove member 2 </dev/null
refused 2 "without --yes and no terminal nothing is removed"
like "$ERR" "give --yes" "it says how"
lape show 2 --format json
is "$(json 'len(j["members"])')" 3 "the seat is still there"
lape remove member 2 --yes
status_is 0 "remove member --yes"
like "$OUT" "^Removed member 2: " "it says what it removed"
lape remove member 2 --yes
status_is 2 "removing it again: no such seat"
lape remove group 2 --yes --format json
is "$(json 'j["removed"], j["id"]')" "group 2" "remove group in JSON"
lape show 2
status_is 2 "the group is gone"
lape remove agent 01 --yes
status_is 0 "remove the region's current agent"

# ---- lookups -------------------------------------------------------------

lape add group --level municipal --name "Vantaan LAPE-ryhmä" \
	--municipality Vantaa
lape edit group "Vantaan LAPE-ryhmä" --notes x
status_is 2 "a name that several groups have is ambiguous: exit 2"
like "$ERR" "^lape: Vantaan LAPE-ryhmä: several match" "it says so"
like "$ERR" "^  1  Vantaan LAPE-ryhmä" "and lists them"
lape add person --surname Äijälä --given-names Pekka
lape edit person aijala --phone 1 --format json
status_is 0 "a person by part of the name, without regard to case or accents"
is "$(json 'j["surname"], j["phone"]')" "Äijälä 1" "is that person"
lape add member vantaan äijälä --sector youth
status_is 2 "add member with a group name that two groups share: exit 2"
lape remove group 1 --yes
lape add member vantaan äijälä --sector youth --format json
status_is 0 "add member GROUP PERSON by parts of their names"
lape remove member VANTAAN aijala --yes
status_is 0 "remove member GROUP PERSON by parts of their names (lape remove member vantaa salo)"
lape edit group "No Such Group" --notes x
status_is 2 "a group that is not there: exit 2"
one_line_error "in one line"

# ---- help ----------------------------------------------------------------

for c in "add group" "add person" "add member" "add agent" "edit group" \
	"edit person" "edit member" "edit agent" "end member" "end agent" \
	"remove group" "remove person" "remove member" "remove agent"; do
	# shellcheck disable=SC2086
	lape $c --help
	usage=$(printf '%s\n' "$OUT" | sed -n '/^Usage:/,/^[^ U]/p')
	missing=
	for o in $(printf '%s\n' "$usage" | grep -o -- '--[a-z-]*' | sort -u); do
		printf '%s\n' "$OUT" | grep -Eq "^ +(-[a-z], )?$o( |$)" ||
			missing="$missing $o"
	done
	if [ "$STATUS" = 0 ] && [ -z "$missing" ]; then
		pass "lape $c --help describes every option of its usage"
	else
		fail "lape $c --help describes every option of its usage" \
			"status $STATUS, not described:$missing"
	fi
done

# The manual documents every option of every command.
man=$TESTS_SRCDIR/../share/man/lape.1
[ -f "$man" ] || man=$TESTS_SRCDIR/../share/man/lape.1.in
for c in "add group" "add person" "add member" "add agent" "edit group" \
	"edit person" "edit member" "edit agent" "end member" "end agent" \
	"remove group" "remove person" "remove member" "remove agent" \
	check list show init demo verify copy merge import report log undo; do
	# shellcheck disable=SC2086
	lape $c --help
	missing=
	for o in $(printf '%s\n' "$OUT" | sed -n '/^Options:/,$p' |
		grep -o -- '--[a-z][a-z-]*' | sort -u); do
		m=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
		grep -q -- "$m\\>" "$man" || missing="$missing $o"
	done
	if [ -z "$missing" ]; then
		pass "lape(1) documents every option of lape $c"
	else
		fail "lape(1) documents every option of lape $c" "missing:$missing"
	fi
done

done_testing
