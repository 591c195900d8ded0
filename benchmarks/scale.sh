#!/bin/sh
# Scale benchmark (issue 4): precis on a large, deterministic news corpus at 1k, 10k, 100k and
# 1M sentences: time per stage, total, peak RSS, growth exponent; Open Text Summarizer on the
# sizes where it finishes within a minute, and the precis/ots ratio. Timings are reported, never
# asserted.
#
#   sh benchmarks/scale.sh [BUILD]          (make bench runs it after benchmarks/run.sh)
#   BENCH_SIZES="1000 10000" ...            a subset of the sizes
#   BENCH_TIMEOUT=300 BENCH_MEM_KB=8388608  per-run limits of precis and bench (s, KiB of
#                                           address space: ulimit -v; far below 1 GiB,
#                                           OpenBLAS 0.3.21's worker threads retry their 128 MiB
#                                           buffers forever and the process hangs at exit: it is
#                                           then reported as a timeout)
#   BENCH_SEED=1 BENCH_OTS_MAX=10000        corpus seed; largest size ots is tried on
#   BENCH_TABLE_ONLY=1                      no runs: the table of the last results of SIZES
#                                           (kept in BUILD/scale/N.result), e.g. after running
#                                           the sizes one at a time
#
# Corpora come from benchmarks/gencorpus.c (read from ../shared/eval at run time, never copied
# here) and are cached under BUILD/scale/N/ (BUILD/scale/N.stamp says with which generator and
# seed; regenerated when they differ). Per size: the whole command, start-up included, under
# /usr/bin/time -v (wall time, "Maximum resident set size"), then build/bench -r 1 for the stages.
B=${1:-build}
SIZES=${BENCH_SIZES:-1000 10000 100000 1000000}
SEED=${BENCH_SEED:-1}
TLIMIT=${BENCH_TIMEOUT:-300}
MEM_KB=${BENCH_MEM_KB:-8388608}
OTS_MAX=${BENCH_OTS_MAX:-10000}
OTS_LIMIT=60
FRAC=0.2
EVAL=../shared/eval
D=$B/scale

echo "== scale benchmark (issue 4): sizes $SIZES; limits ${TLIMIT} s and $((MEM_KB / 1048576)) GiB per run"
if [ ! -d "$EVAL/duc2004" ] || [ ! -d "$EVAL/duc2006" ]; then
    echo "$EVAL/duc2004 or duc2006 is absent: the scale corpus is made from them at run time (never copied): skipped"
    exit 0
fi
for f in "$B/precis" "$B/bench"; do
    [ -x "$f" ] || { echo "scale.sh: $f is missing: run 'make all $B/bench' first" >&2; exit 1; }
done
if [ ! -x "$B/gencorpus" ] || [ benchmarks/gencorpus.c -nt "$B/gencorpus" ]; then
    ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -O2 -o "$B/gencorpus" benchmarks/gencorpus.c || exit 1
fi
echo "machine: $(nproc) cores, $(uname -m), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset}"
"$B/bench" --openblas
commit=$(git rev-parse --short HEAD 2>/dev/null || echo none)
git diff --quiet HEAD -- src include 2>/dev/null || commit="$commit+dirty"
echo "commit: $commit$(case $commit in *dirty) echo ' (uncommitted changes in src/ or include/)';; esac)  date: $(date -u '+%F %H:%M') UTC"
for f in "$B/precis" "$B/bench"; do
    [ "$B/libprecis.a" -nt "$f" ] && echo "scale.sh: warning: $f is older than $B/libprecis.a: run 'make all $B/bench'"
done
mkdir -p "$D" || exit 1
# The peer, from Debian's archive like 'make deps' (as root; otherwise say how).
if ! command -v ots >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        echo "scale.sh: installing Debian package ots (the peer)"
        apt-get install -y ots >/dev/null || { apt-get update >/dev/null && apt-get install -y ots >/dev/null; }
    else
        echo "scale.sh: ots is not installed ('sudo apt-get install ots'): no peer timing"
    fi
fi
stamp="gencorpus=$(sha256sum benchmarks/gencorpus.c | cut -c1-16) seed=$SEED fraction=$FRAC"
tmp=$D/tmp.$$
trap 'rm -f "$tmp".*' EXIT
trap 'exit 130' INT TERM

now_ns() { date +%s%N; }

# classify RC STDERR-FILE: what went wrong with a run, in two words
classify() {
    if [ "$1" = 124 ] || [ "$1" = 137 ]; then echo "timeout"
    elif grep -qiE 'memory|alloc' "$2" 2>/dev/null; then echo "out-of-memory"
    else echo "failed(rc=$1)"; fi
}

for n in $SIZES; do
    [ -n "$BENCH_TABLE_ONLY" ] && break
    dir=$D/$n
    # 1. the corpus, generated once
    if [ -d "$dir" ] && [ "$(cat "$D/$n.stamp" 2>/dev/null)" = "$stamp" ]; then
        gen="cached"
    else
        rm -rf "$dir" "$dir.tmp" "$D/$n.stamp" "$D/$n.txt"
        s=$(now_ns)
        "$B/gencorpus" -n "$n" -s "$SEED" -p "$FRAC" -e "$EVAL" "$dir" || exit 1
        e=$(now_ns)
        gen=$(awk "BEGIN{printf \"%.1f s\", ($e - $s) / 1e9}")
        echo "$stamp" >"$D/$n.stamp"
    fi
    files=$(find "$dir" -type f | wc -l)
    mb=$(du -s --apparent-size -B1 "$dir" | awk '{printf "%.1f", $1 / 1e6}')
    disk=$(du -sh "$dir" | cut -f1)
    echo "corpus $n: $files files, $mb MB of text ($disk on disk), generated: $gen"

    # 2. precis, end to end
    s=$(now_ns)
    ( ulimit -v "$MEM_KB"; exec /usr/bin/time -v -o "$tmp.time" \
        timeout -k 10 "$TLIMIT" "$B/precis" -w 250 "$dir" >"$tmp.out" 2>"$tmp.err" )
    rc=$?
    e=$(now_ns)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp.time")
    if [ "$rc" = 0 ]; then
        wall=$(awk "BEGIN{printf \"%.3f\", ($e - $s) / 1e9}")
        echo "precis $n: wall ${wall} s, peak RSS $rss KiB"
    else
        wall=$(classify "$rc" "$tmp.err")
        echo "precis $n: $wall after $(awk "BEGIN{printf \"%.0f\", ($e - $s) / 1e9}") s (peak RSS $rss KiB): $(head -c 300 "$tmp.err")"
    fi

    # 3. the stages (only when the whole command succeeded: it would fail the same way)
    stages=""
    if [ "$rc" = 0 ]; then
        ( ulimit -v "$MEM_KB"; exec timeout -k 10 "$TLIMIT" \
            "$B/bench" -r 1 -w 250 "scale-$n" "$dir" >"$tmp.bench" 2>"$tmp.err" )
        brc=$?
        grep -E '^(corpus|stage|peak)' "$tmp.bench" | sed "s/^/bench $n: /"
        if [ "$brc" = 0 ]; then
            stages=$(awk '/^corpus=/ {for (i = 1; i <= NF; i++) if ($i ~ /^(sentences|load_ms|docs)=/) printf "%s ", $i}
                          /^stage=/ {split($1, a, "="); split($3, m, "="); printf "%s=%s ", a[2], m[2]}
                          /^peak_rss_kb=/ {printf "%s ", $1}' "$tmp.bench")
        else
            stages="bench=$(classify "$brc" "$tmp.err")"
            echo "bench $n: $stages: $(head -c 300 "$tmp.err")"
        fi
    fi

    # 4. ots on the same text as one file, where it may finish within a minute
    ots="-"
    if [ "$n" -le "$OTS_MAX" ]; then
        if command -v ots >/dev/null 2>&1; then
            [ -f "$D/$n.txt" ] || find "$dir" -type f | sort | xargs cat >"$D/$n.txt"
            s=$(now_ns)
            timeout -k 5 "$OTS_LIMIT" ots -r 10 "$D/$n.txt" >/dev/null 2>"$tmp.err"
            orc=$?
            e=$(now_ns)
            if [ "$orc" = 0 ]; then ots=$(awk "BEGIN{printf \"%.3f\", ($e - $s) / 1e9}")
            else ots=$(classify "$orc" "$tmp.err"); fi
            echo "ots $n: $ots"
        else
            ots="not-installed"
            echo "ots not installed (apt-get install ots): no peer timing"
        fi
    fi
    echo "n=$n files=$files mb=$mb wall=$wall rss_kb=$rss ots=$ots $stages commit=$commit date=$(date -u +%FT%H:%M)" >"$D/$n.result"
done
for n in $SIZES; do cat "$D/$n.result" 2>/dev/null; done >"$tmp.res"

# The table: stage medians from bench (-r 1), the whole command's wall time and peak RSS, the
# growth exponent log(t2/t1)/log(n2/n1) of the wall time from the previous size, ots.
echo
awk -v tl="$TLIMIT" '
function kv(line, key,    i, f, n) {
    n = split(line, f, " ")
    for (i = 1; i <= n; i++) if (index(f[i], key "=") == 1) return substr(f[i], length(key) + 2)
    return ""
}
function num(x) { return x ~ /^[0-9.]+$/ }
function ms(x) {
    if (!num(x)) return x == "" ? "-" : x
    x += 0
    return x >= 1000 ? sprintf("%.2f s", x / 1000) : x >= 10 ? sprintf("%.0f ms", x) : sprintf("%.1f ms", x)
}
function human(n) { n += 0; return n >= 1000000 ? (n / 1000000) "M" : n >= 1000 ? (n / 1000) "k" : n }
{ line[NR] = $0 }
END {
    nst = split("load_ms split tokenize tfidf graph rank select total", st, " ")
    printf "| sentences | files | MB | precis sentences | load | split | tokenize | tfidf | graph | rank | select | summarize | wall (precis) | peak RSS | exponent | ots | precis/ots |\n"
    printf "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for (r = 1; r <= NR; r++) {
        l = line[r]; n = kv(l, "n") + 0; w = kv(l, "wall"); o = kv(l, "ots"); rss = kv(l, "rss_kb")
        row = sprintf("| %s | %s | %s | %s", human(n), kv(l, "files"), kv(l, "mb"), kv(l, "sentences") == "" ? "-" : kv(l, "sentences"))
        for (i = 1; i <= nst; i++) row = row " | " ms(kv(l, st[i]))
        row = row " | " (num(w) ? sprintf("%.2f s", w) : w)
        row = row " | " (num(rss) ? sprintf("%.0f MiB", rss / 1024) : "-")
        ex = "-"
        if (r > 1 && num(w) && num(pw)) ex = sprintf("%.2f", log(w / pw) / log(n / pn))
        else if (r > 1 && w == "timeout" && num(pw)) ex = sprintf("> %.2f", log(tl / pw) / log(n / pn))
        row = row " | " ex " | " (num(o) ? sprintf("%.2f s", o) : o)
        row = row " | " (num(o) && num(w) ? sprintf("%.3f", w / o) : "-") " |"
        print row
        if (n == 100000) { w100 = w }
        if (n == 1000000) { w1m = w; r1m = rss }
        pw = w; pn = n
        commits = commits (index(" " commits, " " kv(l, "commit") " ") ? "" : kv(l, "commit") " ")
    }
    if (commits != kv(line[1], "commit") " ") printf "\nresults from different builds: %s\n", commits
    if (w1m != "") {
        printf "\n1M sentences: wall %s (target < 30 s), peak RSS %s (target < 4 GiB), exponent 100k -> 1M %s (target <= 1.2)\n",
            num(w1m) ? sprintf("%.2f s", w1m) : w1m,
            num(r1m) ? sprintf("%.2f GiB", r1m / 1048576) : "-",
            num(w1m) && num(w100) ? sprintf("%.2f", log(w1m / w100) / log(10)) : "-"
    }
}' "$tmp.res"
echo "(wall: the whole command, start-up and reading included, -w 250; stages: build/bench -r 1;"
echo " exponent: log(t2/t1)/log(n2/n1) of the wall time from the previous size, '> x' as a bound when"
echo " the run hit the time limit; ots: ots -r 10 on the corpus as one file, limit ${OTS_LIMIT} s)"
