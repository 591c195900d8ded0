#!/bin/sh
# make bench: stage timings on the bundled corpus and on all of DUC 2004 as one corpus, plus
# the whole command (start-up included) timed against Open Text Summarizer when it is present;
# then the scale benchmark (benchmarks/scale.sh: 1k to 1M sentences; BENCH_SIZES="1000 10000"
# runs a subset).
B=${1:-build}
echo "machine: $(nproc) cores, $(uname -m), OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset}"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)  date: $(date -u +%F)"
"$B/bench" -r 20 -w 100 kim-shoigu tests/data/kim-shoigu/*.txt
if [ -d ../shared/eval/duc2004 ]; then
    "$B/bench" -r 5 -w 100 duc2004-all ../shared/eval/duc2004/*/docs/*.txt
else
    echo "../shared/eval/duc2004 is absent: the larger corpus is skipped (it is read from there, never copied)"
fi
# End to end, start-up included: median of 20 runs of the binary.
t() {
    i=0; rm -f /tmp/precis-bench.$$
    while [ $i -lt 20 ]; do
        s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
        echo $(( (e - s) / 1000 )) >>/tmp/precis-bench.$$; i=$((i + 1))
    done
    sort -n /tmp/precis-bench.$$ | sed -n 10p; rm -f /tmp/precis-bench.$$
}
us=$(t "$B/precis" -w 100 tests/data/kim-shoigu)
echo "end-to-end kim-shoigu: precis median_us=$us"
if command -v ots >/dev/null 2>&1; then
    cat tests/data/kim-shoigu/*.txt >/tmp/precis-kim.$$
    ous=$(t ots -r 10 /tmp/precis-kim.$$)
    rm -f /tmp/precis-kim.$$
    echo "end-to-end kim-shoigu: ots median_us=$ous ratio precis/ots=$(awk "BEGIN{printf \"%.2f\", $us/$ous}")"
else
    echo "ots not installed (apt-get install ots): no peer timing"
fi

# The scale benchmark. build/gencorpus writes its corpora (from ../shared/eval, at run time).
if [ ! -x "$B/gencorpus" ] || [ benchmarks/gencorpus.c -nt "$B/gencorpus" ]; then
    ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -O2 -o "$B/gencorpus" benchmarks/gencorpus.c || exit 1
fi
sh benchmarks/scale.sh "$B"
