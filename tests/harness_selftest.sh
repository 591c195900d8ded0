#!/bin/sh
# harness_selftest.sh - proves that the test harness can fail: a script with one passing and
# one failing check of each kind must report them and exit 1; and no test script may hold a
# check whose condition goes on after the check's command ('check N [ a ] && [ b ]': the second
# test runs outside check and its failure is never counted).
# Usage: sh tests/harness_selftest.sh        (run from the repository root)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
status=0
say() { echo "harness: $*"; }

cat >"$T/probe.sh" <<'PROBE'
. tests/harness.sh
T=$1
check "passes" true
check "fails" false
rc=0; printf 'a\nb\n' >"$T/out"
check_rc_lines "right lines" 0 2
check_rc_lines "wrong lines" 0 3
rc=1
check_rc_lines "wrong status" 0 2
check_between "inside" 4 3 6
check_between "above" 7 3 6
check_between "below" 2 3 6
finish probe
PROBE
out=$(sh "$T/probe.sh" "$T")
code=$?
want='FAIL: fails
FAIL: wrong lines (exit 0, 2 lines; expected exit 0, 3 lines)
FAIL: wrong status (exit 1, 2 lines; expected exit 0, 2 lines)
FAIL: above (7 is not in 3..6)
FAIL: below (2 is not in 3..6)
probe: 3 passed, 5 failed'
if [ "$out" = "$want" ] && [ "$code" -eq 1 ]; then
    say "ok: failing checks are counted and the script exits 1"
else
    say "FAIL: the probe gave exit $code and:"; echo "$out"; status=1
fi

# The shape that cannot fail: '&&' or '||' after a check's command, outside quotes. Lines
# continued with '\' are joined first. (python3 is a test dependency already: json.sh.)
python3 - tests/*.sh <<'PY' || status=1
import re, shlex, sys
bad = 0
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read().replace("\\\n", " ")
    for no, line in enumerate(text.split("\n"), 1):
        if not re.match(r"\s*check(_[a-z_]+)?\s", line):
            continue
        lex = shlex.shlex(line, posix=True, punctuation_chars=True)
        lex.whitespace_split = True
        try:
            tokens = list(lex)
        except ValueError:
            continue
        if any(t in ("&&", "||", ";", "|") for t in tokens):
            print(f"harness: FAIL: {path}: a check whose condition runs on outside it: {line.strip()}")
            bad += 1
if bad == 0:
    print(f"harness: ok: no check in {len(sys.argv) - 1} scripts continues outside its command")
sys.exit(1 if bad else 0)
PY
exit "$status"
