#!/bin/sh
# tui-many.sh -- the people list and the groups list searched when a
# search finds more than the screen counts at each key (1,000): it says
# "more than 1000", moves as usual, and counts the rest when the selection
# goes to the end.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape demo
status_is 0 "the demo data loads"
# 1,500 people of one surname, written behind lape's back
sql_rows "$LAPE_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
	FROM n WHERE i < 1500) INSERT INTO person(id, surname, given_names)
	SELECT 5000000 + i, 'Monilainen', 'Testi ' || i FROM n" >/dev/null
is "$(sql_rows "$LAPE_DB" "SELECT count(*) FROM person WHERE surname = 'Monilainen'")" \
	1500 "1,500 people added"

tui_start
expect "overview by region" "the overview"
keys p
expect "People" "p opens people"
keys /
type_text "monil"
expect "Search: monil  (more than 1000)" "a search finding 1,500 says more than 1000"
like "$SCREEN" "Monilainen" "and lists them"
keys Enter
keys Down Down
expect "Search: monil  (more than 1000)" "moving a row keeps the count as it was"
keys End
expect "Search: monil  (1500)" "End counts them all"
like "$SCREEN" "> Testi 999 Monilainen" "and goes to the last of them"
keys Home /
keys C-u
type_text "testi 14"
expect "Search: testi 14  (111)" "a search finding fewer is counted exactly"
keys Escape q Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"
is "$(cat "$T/tui-stderr")" "" "nothing on stderr"

# the groups: 1,500 of one name
sql_rows "$LAPE_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
	FROM n WHERE i < 1500) INSERT INTO lape_group(id, level, name,
	region_code) SELECT 6000000 + i, 'regional', 'Monialainen ' || i, '01'
	FROM n" >/dev/null
tui_start
expect "overview by region" "the overview again"
keys l
expect "Groups — all regions" "l opens all groups"
keys /
type_text "monia"
expect "Search: monia  (more than 1000)" "groups: a search finding 1,500 says more than 1000"
like "$SCREEN" "Monialainen" "and lists them"
keys Enter
keys Down Down
expect "Search: monia  (more than 1000)" "groups: moving a row keeps the count"
keys End
expect "Search: monia  (1500)" "groups: End counts them all"
like "$SCREEN" "Monialainen 999" "and goes to the last of them"
keys Home /
keys C-u
type_text "monialainen 14"
expect "Search: monialainen 14  (111)" "groups: a search finding fewer is counted exactly"
keys Escape q Q
tui_exit_status
is "$TUI_STATUS" 0 "exit 0"

# in Finnish and Swedish
for l in "fi:Haku: monil  (yli 1000)" "sv:Sök: monil  (över 1000)"; do
	tui_start -- --lang "${l%%:*}"
	expect "LAPE" "${l%%:*}: the overview"
	keys p /
	type_text "monil"
	expect "${l#*:}" "${l%%:*}: $(printf '%s' "${l#*:}")"
	keys Escape q Q
	tui_exit_status
done
for l in "fi:Haku: monia  (yli 1000)" "sv:Sök: monia  (över 1000)"; do
	tui_start -- --lang "${l%%:*}"
	expect "LAPE" "${l%%:*}: the overview, groups"
	keys l /
	type_text "monia"
	expect "${l#*:}" "${l%%:*}: groups: $(printf '%s' "${l#*:}")"
	keys Escape q Q
	tui_exit_status
done

done_testing
