#!/bin/sh
# Checks 'precis rouge' against rouge.py (../shared/tools/rouge.py, the ROUGE-1.5.5 oracle):
#  (a) on the small data set in tests/data/rouge, against expected output that rouge.py produced
#      once (tests/data/rouge/expected/*.out);
#  (b) when ../shared/eval sits beside the repository, on published DUC systems, running rouge.py
#      and precis side by side and comparing every cluster's R, P and F to 1e-4.
#
# Usage: tests/rouge_oracle.sh [PRECIS]               PRECIS defaults to build/precis
#        ROUGE_REGENERATE=1 tests/rouge_oracle.sh     rewrites the expected files with rouge.py
# The last line is "N passed, N failed"; the exit status is 1 if anything failed.
set -u

bin=${1:-build/precis}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
data=tests/data/rouge
shared=$root/../shared
oracle=$shared/tools/rouge.py
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
pass=0
fail=0
tol=0.0001

if [ ! -x "$bin" ]; then
    echo "rouge_oracle: $bin is not an executable; build it first (make)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# rouge.py --per-cluster output -> precis's: "ID METRIC R:x P:x F:x" per cluster (jackknife
# instances "ID-REF" averaged into their cluster), then "METRIC R:x P:x F:x" for the means.
to_precis() {
    awk -v jk="$1" '
    $1 ~ /^#/ || $1 == "metric" { next }
    $3 ~ /^R:/ {
        id = $1
        if (jk) sub(/-[^-]*$/, "", id)
        if (!(id in seen)) { seen[id] = 1; ids[++n] = id }
        for (i = 2; i <= NF; i += 4) {
            if (!(i in mname)) { mname[i] = $i; nm = i }
            for (j = 1; j <= 3; j++) { split($(i + j), a, ":"); s[id, i, j] += a[2] }
            c[id, i]++
        }
        next
    }
    NF == 4 { avg[++na] = sprintf("%s R:%.5f P:%.5f F:%.5f", $1, $2, $3, $4) }
    END {
        for (k = 1; k <= n; k++)
            for (i = 2; i <= nm; i += 4)
                printf "%s %s R:%.5f P:%.5f F:%.5f\n", ids[k], mname[i], s[ids[k], i, 1] / c[ids[k], i],
                       s[ids[k], i, 2] / c[ids[k], i], s[ids[k], i, 3] / c[ids[k], i]
        for (k = 1; k <= na; k++) print avg[k]
    }'
}

# Compares two files of precis output line by line (same keys, numbers within $tol). Prints
# "N values, max |diff| D" and fails on a missing or extra line or a larger difference.
compare() {
    awk -v tol="$tol" '
    function key(   k, i) { k = ""; for (i = 1; i <= NF - 3; i++) k = k " " $i; return k }
    FNR == NR { want[key()] = $0; next }
    {
        k = key()
        if (!(k in want)) { printf "unexpected line: %s\n", $0; bad = 1; next }
        nw = split(want[k], w, " ")
        for (j = 2; j >= 0; j--) {
            split($(NF - j), a, ":"); split(w[nw - j], b, ":")
            d = a[2] - b[2]; if (d < 0) d = -d
            if (d > max) max = d
            if (d > tol) { printf "%s: %s, expected %s\n", k, $(NF - j), w[nw - j]; bad = 1 }
            n++
        }
        delete want[k]
    }
    END {
        for (k in want) { printf "missing line: %s\n", want[k]; bad = 1 }
        printf "%d values, max |diff| %.2g\n", n, max
        exit bad || n == 0
    }' "$1" "$2"
}

# ---- (a) the fixtures ---------------------------------------------------------------------
# name | REFS | options | SYSTEM (paths under tests/data/rouge)
cases='default|set||sys
stem|set|-m|sys
stop-stem|set|-s -m|sys
nostem-stop|set|-s|sys
words|set|-m -l 12|sys
bytes|set|-b 75|sys
bytes-stem|set|-m -b 130|sys
n4|set|-n 4 -m|sys
jackknife|set|--jackknife -m|sys
jackknife-words|set|--jackknife -l 20|sys
alpha|set|-p 0.8 -m|sys
skip|set|--missing skip -m|sys-partial
single|set/c2/refs|-m|sys/c2.txt'

echo "# (a) fixtures in $data"
regen=${ROUGE_REGENERATE:-}
if [ -n "$regen" ] && [ ! -f "$oracle" ]; then
    echo "rouge_oracle: ROUGE_REGENERATE needs $oracle" >&2
    exit 1
fi
old_ifs=$IFS
nl='
'
IFS=$nl
for line in $cases; do
    IFS='|' read -r name refs opts sys <<EOF
$line
EOF
    IFS=$old_ifs
    exp=$data/expected/$name.out
    if [ -n "$regen" ]; then
        jk=0
        case $opts in *--jackknife*) jk=1 ;; esac
        # shellcheck disable=SC2086 # options are meant to split
        python3 "$oracle" --system "$data/$sys" --refs "$data/$refs" $opts --per-cluster \
            2>"$tmp/err" | to_precis $jk >"$exp" || { cat "$tmp/err"; exit 1; }
    fi
    # shellcheck disable=SC2086
    if ! "$bin" rouge --refs "$data/$refs" $opts --per-cluster "$data/$sys" >"$tmp/out" 2>"$tmp/err"; then
        bad "$name [$opts]: exit status $?: $(cat "$tmp/err")"
    elif res=$(compare "$exp" "$tmp/out"); then
        ok "$name [$opts]: $res"
    else
        bad "$name [$opts]: $res"
    fi
done
IFS=$old_ifs

# The CLI's contract around the scores.
"$bin" rouge --refs "$data/set" "$data/sys-partial" >/dev/null 2>"$tmp/err"
st=$?
if [ $st -eq 1 ] && grep -q 'cluster c2' "$tmp/err"; then
    ok "a missing summary is an error naming the cluster"
else
    bad "a missing summary: exit status $st, message: $(cat "$tmp/err")"
fi
"$bin" rouge --refs "$data/set" -l 5 -b 5 "$data/sys" >/dev/null 2>"$tmp/err"
st=$?
if [ $st -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] && grep -q "Try 'precis rouge --help'" "$tmp/err"; then
    ok "bad usage exits with 2 and a hint"
else
    bad "bad usage: exit status $st, message: $(cat "$tmp/err")"
fi
"$bin" rouge --refs "$data/set" -m --json --per-cluster --missing empty "$data/sys" \
    "$data/sys-partial" >"$tmp/json" 2>/dev/null
st=$?
if [ $st -ne 0 ] || [ "$(wc -l <"$tmp/json")" -ne 2 ]; then
    bad "--json: exit status $st, $(wc -l <"$tmp/json") lines"
elif command -v python3 >/dev/null 2>&1; then
    if python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
assert [o["clusters"] for o in objs] == [3, 3] and objs[1]["missing"] == ["c2"], objs
assert abs(objs[0]["metrics"]["ROUGE-1"]["R"] - float(sys.argv[2])) < 1e-5
assert objs[1]["per_cluster"]["c2"]["ROUGE-L"]["F"] == 0
' "$tmp/json" "$(awk '$1 == "ROUGE-1" { sub("R:", "", $2); print $2 }' "$data/expected/stem.out")" 2>"$tmp/err"; then
        ok "--json prints one valid object per SYSTEM"
    else
        bad "--json: $(cat "$tmp/err")"
    fi
else
    ok "--json prints one line per SYSTEM (python3 missing: not parsed)"
fi

# ---- (b) published systems, side by side with rouge.py -----------------------------------
eval_dir=$shared/eval
if [ ! -d "$eval_dir" ]; then
    echo "# (b) skipped: no ../shared/eval beside the repository"
elif [ ! -d "$eval_dir/duc2004" ] || [ ! -f "$oracle" ] || ! command -v python3 >/dev/null 2>&1; then
    echo "# (b) skipped: needs $eval_dir/duc2004, $oracle and python3"
else
    echo "# (b) $eval_dir: precis rouge vs rouge.py, every cluster"
    # data set | system | options; rouge.py runs two at a time in the background
    runs='duc2004|ICSISumm|-n 2 -m -l 100
duc2004|Lead|-n 2 -m -l 100
duc2004|DPP|-n 2 -m -l 100
duc2004|ICSISumm|-b 665 -m
duc2004|Lead|-b 665 -m
duc2004|ICSISumm|-s -m
duc2004|Submodular|-s -m
duc2004|DPP|
duc2004|LexRank|
duc2006|24|--jackknife -l 250 -m
duc2006|1|--jackknife -l 250 -m'
    i=0
    IFS=$nl
    for line in $runs; do
        IFS='|' read -r ds sys opts <<EOF
$line
EOF
        IFS=$old_ifs
        i=$((i + 1))
        (
            jk=0
            case $opts in *--jackknife*) jk=1 ;; esac
            # shellcheck disable=SC2086
            python3 "$oracle" --system "$eval_dir/$ds-systems/$sys" --refs "$eval_dir/$ds" $opts \
                --per-cluster 2>"$tmp/oracle$i.err" | to_precis $jk >"$tmp/oracle$i.out"
        ) &
        if [ $((i % 2)) -eq 0 ]; then wait; fi
    done
    wait
    i=0
    IFS=$nl
    for line in $runs; do
        IFS='|' read -r ds sys opts <<EOF
$line
EOF
        IFS=$old_ifs
        i=$((i + 1))
        what="$ds $sys [$opts]"
        # shellcheck disable=SC2086
        if ! "$bin" rouge --refs "$eval_dir/$ds" $opts --per-cluster "$eval_dir/$ds-systems/$sys" \
            >"$tmp/precis$i.out" 2>"$tmp/err"; then
            bad "$what: precis failed: $(cat "$tmp/err")"
        elif [ ! -s "$tmp/oracle$i.out" ]; then
            bad "$what: rouge.py failed: $(cat "$tmp/oracle$i.err")"
        elif res=$(compare "$tmp/oracle$i.out" "$tmp/precis$i.out"); then
            ok "$what: $res"
        else
            bad "$what: $res"
        fi
    done
    IFS=$old_ifs
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
