#!/bin/sh
# cli-withheld.sh -- a member whose name is withheld (issue 10): the check,
# show, report and the exports show the seat, "youth representative (name
# withheld)", and neither the name, the e-mail nor the phone; person export
# shows everything; --name-withheld no brings the name back.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

lape init
status_is 0 "init"
lape add group --level municipal --name "Testilän LAPE" --municipality Vantaa
status_is 0 "a group"
lape add person --surname Salmi --given-names Aino --email aino.salmi@example.fi \
	--phone 040-7654321
status_is 0 "the person"
lape add person --surname Virta --given-names Pekka
lape add member "Testilän LAPE" "Aino Salmi" --sector youth_rep --name-withheld \
	--format json
status_is 0 "add member --name-withheld"
like "$OUT" '"name_withheld": true' "its JSON says the name is withheld"
lape add member "Testilän LAPE" "Pekka Virta" --sector youth --role chair \
	--deputy-of "Aino Salmi"
status_is 0 "a member who deputises for her"

# secret DESCRIPTION: the output of the last run has the seat, not the person.
secret() {
	unlike "$OUT" 'Aino|Salmi|aino\.salmi|7654321' "$1: no name, e-mail or phone"
	like "$OUT" 'name withheld' "$1: the seat, name withheld"
}

lape check
secret "check"
like "$OUT" 'youth representative +\(name withheld\)' \
	"check: the seat counts as filled"
lape check --format json
secret "check --format json"
lape check --format csv
unlike "$OUT" 'Aino|Salmi|aino\.salmi|7654321' "check --format csv: no name"
lape check --format csv --excel
unlike "$OUT" 'Aino|Salmi|aino\.salmi|7654321' "check --format csv --excel: no name"
lape show "Testilän LAPE"
secret "show"
like "$OUT" 'deputy of .*\(name withheld\)' "show: the deputy's line too"
lape show "Testilän LAPE" --format csv
secret "show --format csv"
lape show "Testilän LAPE" --format csv --excel
secret "show --format csv --excel"
lape show "Testilän LAPE" --format json
secret "show --format json"
lape report
secret "report"
lape report --format html
secret "report --format html"

lape person export "Aino Salmi"
status_is 0 "person export"
like "$OUT" 'Aino' "person export: her own name"
like "$OUT" 'aino\.salmi@example\.fi' "person export: her e-mail"

lape edit member "Testilän LAPE" "Aino Salmi" --name-withheld maybe
status_is 1 "--name-withheld maybe is refused"
one_line_error "in one line"
lape edit member "Testilän LAPE" "Aino Salmi" --name-withheld no --format json
status_is 0 "edit member --name-withheld no"
like "$OUT" '"name_withheld": false' "its JSON says so"
lape show "Testilän LAPE"
like "$OUT" 'Aino Salmi' "show: the name is back"
unlike "$OUT" 'name withheld' "show: nothing withheld"
lape log
like "$OUT" 'name withheld: yes (→|->) no' "the log shows the change"
lape edit member "Testilän LAPE" "Aino Salmi" --name-withheld kyllä
status_is 0 "--name-withheld kyllä (Finnish yes)"
lape report
secret "report after withholding again"

done_testing
