#!/bin/sh
# tui-erase.sh -- E on a person's screen erases the person's data
# everywhere, after a confirmation that says what will go; n keeps it.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"

tui_start
expect "overview by region" "the overview"
keys p /
type_text "helena"
keys Enter Enter
expect "Person: Helena Suominen" "her screen"
keys E
expect "Erase Helena Suominen for good? This cannot be undone." \
	"E asks, naming her"
like "$SCREEN" "vacant" "the confirmation says her seats stay vacant"
keys n
expect "Nothing erased." "n keeps her"
lape list people --format csv
like "$OUT" "Helena Suominen" "she is still in the file"
keys E
expect "This cannot be undone." "asked again"
keys y
expect "Erased Helena Suominen; 2 seats are now vacant." "y erases and says so"
expect_gone "Person: Helena Suominen" "her screen is gone"
keys Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
lape list people --format csv
unlike "$OUT" "Helena Suominen" "she is gone from the file"
if grep -q "Helena Suominen" "$LAPE_DB" "$LAPE_DB-wal" 2>/dev/null; then
	fail "her name is nowhere in the file's bytes"
else
	pass "her name is nowhere in the file's bytes"
fi

done_testing
