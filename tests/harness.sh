# harness.sh - the checks of the end-to-end test scripts (sourced by tests/cli.sh, cli_lang.sh,
# batch.sh, install.sh; proven to count a failure by tests/harness_selftest.sh).
#
#   check NAME COMMAND...     passes when COMMAND succeeds. COMMAND is one command: a check
#                             written 'check NAME [ a ] && [ b ]' would run '[ b ]' outside the
#                             check, where its failure counts for nothing. Use two checks, or a
#                             helper below, or 'sh -c' with the whole condition quoted.
#   check_rc_lines NAME RC N  the last run exited RC and printed exactly N lines ($rc, $T/out)
#   check_between NAME X LO HI    LO <= X <= HI (integers)
#   finish LABEL              prints 'LABEL: P passed, F failed' and exits 1 if any failed
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {
    name=$1
    shift
    if "$@"; then ok; else bad "$name"; fi
}
check_rc_lines() {
    if [ "$rc" -eq "$2" ] && [ "$(wc -l <"$T/out")" -eq "$3" ]; then
        ok
    else
        bad "$1 (exit $rc, $(wc -l <"$T/out") lines; expected exit $2, $3 lines)"
    fi
}
check_between() {
    if [ "$2" -ge "$3" ] && [ "$2" -le "$4" ]; then ok; else bad "$1 ($2 is not in $3..$4)"; fi
}
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
}
