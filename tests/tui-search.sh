#!/bin/sh
# tui-search.sh -- / on the overview searches groups and people from the
# first screen; Enter opens the one marked.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"

tui_start
expect "overview by region" "the overview"
keys /
expect "Search groups and people:" "/ asks what to search"
type_text "vant"
keys Enter
expect "Search: vant" "the results"
like "$SCREEN" "Group +Vantaan LAPE-ryhmä" "a group found"
keys Escape
expect "overview by region" "back"
keys /
type_text "helena"
keys Enter
expect "Person  Helena Suominen" "a person found"
keys Enter
expect "Person: Helena Suominen" "Enter opens her screen"
keys q q /
type_text "no such thing"
keys Enter
expect "Nothing matches." "nothing found says so"
like "$SCREEN" "0 groups, 0 people" "with the counts"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

done_testing
