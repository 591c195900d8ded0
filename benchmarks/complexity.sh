#!/bin/sh
# complexity.sh - how precis's cost grows: doubles the corpus, then grows each length flag and
# --keywords at a fixed corpus, and prints the growth exponent e of each step, t ~ x^e, that
# is log(t(y) / t(x)) / log(y / x) from x to y: about 1 is linear, 2 quadratic (issue 17: every
# stage O(n log n) in the input and in every flag value). A flag's exponent is of the whole
# run, whose fixed part dilutes it: compare it across commits, not with 1. Times are CPU
# seconds (user + system) of one thread, the least of RUNS runs, so that a shared machine's
# noise counts little; ratios, never asserted.
#
#   sh benchmarks/complexity.sh [BUILD]        (default build; needs BUILD/precis)
#   COMPLEXITY_SIZES="5000 10000 20000 40000"   corpus sizes in sentences (doubling)
#   COMPLEXITY_N=20000 COMPLEXITY_RUNS=3        corpus for the flag series; runs per point
#
# Corpora come from benchmarks/gencorpus.c, as in benchmarks/scale.sh (BUILD/scale/N, made from
# ../shared/eval at run time, never copied). Prints one markdown table per series.
B=${1:-build}
SIZES=${COMPLEXITY_SIZES:-5000 10000 20000 40000}
N=${COMPLEXITY_N:-20000}
RUNS=${COMPLEXITY_RUNS:-3}
EVAL=../shared/eval
P=$B/precis
[ -x "$P" ] || { echo "complexity.sh: $P is missing: make first" >&2; exit 1; }
if [ ! -d "$EVAL/duc2004" ]; then
    echo "complexity.sh: $EVAL/duc2004 is absent (the corpora are made from it): skipped"
    exit 0
fi
if [ ! -x "$B/gencorpus" ] || [ benchmarks/gencorpus.c -nt "$B/gencorpus" ]; then
    ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -O2 -o "$B/gencorpus" benchmarks/gencorpus.c || exit 1
fi
T=$(mktemp)
trap 'rm -f "$T"' EXIT

corpus() { # corpus N: the path of the N-sentence corpus, generated once
    d=$B/scale/$1
    [ -d "$d" ] || "$B/gencorpus" -n "$1" -s 1 -p 0.2 -e "$EVAL" "$d" >/dev/null 2>&1 || exit 1
    echo "$d"
}

cpu() { # cpu ARGS...: the least CPU time of RUNS runs of precis ARGS, in seconds
    best=
    i=0
    while [ $i -lt "$RUNS" ]; do
        /usr/bin/time -f '%U %S' -o "$T" "$P" -q --threads 1 "$@" >/dev/null 2>&1 ||
            { echo "complexity.sh: precis $* failed" >&2; exit 1; }
        t=$(awk '{ printf "%.3f", $1 + $2 }' "$T")
        best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
        i=$((i + 1))
    done
    echo "$best"
}

# series TITLE UNIT VALUES... -- ARGS-TEMPLATE: VALUES doubling; '@' in ARGS is the value
series() {
    title=$1; unit=$2; shift 2
    values=
    while [ "$1" != "--" ]; do values="$values $1"; shift; done
    shift
    echo
    echo "### $title"
    echo
    echo "| $unit | CPU s | exponent |"
    echo "|---|---|---|"
    prev=
    worst=0
    for v in $values; do
        args=
        for a in "$@"; do
            case $a in @) a=$v ;; *@*) a=$(echo "$a" | sed "s|@|$v|") ;; esac
            args="$args $a"
        done
        # shellcheck disable=SC2086
        t=$(cpu $args)
        if [ -n "$prev" ]; then
            e=$(awk -v a="$prev" -v b="$t" -v x="$prev_v" -v y="$v" 'BEGIN {
                if (a < 0.005) a = 0.005; if (b < 0.005) b = 0.005
                printf "%.2f", log(b / a) / log(y / x) }')
            worst=$(awk -v a="$worst" -v b="$e" 'BEGIN { print (b > a) ? b : a }')
        else
            e="-"
        fi
        echo "| $v | $t | $e |"
        prev=$t
        prev_v=$v
    done
    echo "| largest exponent | | $worst |"
}

echo "## complexity: commit $(git rev-parse --short HEAD 2>/dev/null || echo none), $(nproc) cores, one thread per run, least of $RUNS runs"
for n in $SIZES; do corpus "$n" >/dev/null; done
C=$(corpus "$N")
# shellcheck disable=SC2086
series "corpus size (default summary, -w 250)" sentences $SIZES -- -w 250 "$B/scale/@"
series "words budget, $N sentences" "-w" 250 1000 4000 16000 64000 -- -w @ "$C"
series "bytes budget, $N sentences" "-b" 2000 8000 32000 128000 512000 -- -b @ "$C"
series "ratio, $N sentences" "-r" 0.01 0.02 0.04 0.08 0.16 0.32 0.64 -- -r @ "$C"
series "sentences budget, $N sentences" "-n" 10 40 160 640 2560 -- -n @ "$C"
series "keywords, $N sentences" "--keywords" 10 40 160 640 2560 -- --keywords @ "$C"
