#!/bin/sh
# tui-withheld.sh -- a member whose name is withheld (issue 10): the group's
# screen shows "(name withheld)", the sectors below it; the
# member's own form shows the name and the yes of "Name withheld".
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui-lib.sh"

lape init
lape add group --level municipal --name "Testila LAPE" --municipality Vantaa
lape add person --surname Salmi --given-names Aino
lape add member "Testila LAPE" "Aino Salmi" --sector youth_rep --name-withheld
status_is 0 "a member whose name is withheld"

tui_start
tui_wait "Uusimaa" || fail "the overview" "$SCREEN"
keys Enter
tui_wait "Testila LAPE" || fail "the region's groups" "$SCREEN"
keys Enter
expect "Group: Testila LAPE" "the group screen"
like "$SCREEN" "\\(name withheld\\)" "the seat, name withheld"
unlike "$SCREEN" 'Aino|Salmi' "and not the name"
keys Enter
tui_wait "Aino Salmi" || fail "the member's form" "$SCREEN"
like "$SCREEN" 'Aino Salmi' "the member's own form shows the name"
like "$SCREEN" 'Name withheld.*yes' "and that it is withheld"
keys Escape
keys Q
tui_exit_status

done_testing
