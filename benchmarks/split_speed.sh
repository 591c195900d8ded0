#!/bin/sh
# split_speed.sh - speed of the split stage (issue 12: the splitter must not get slower).
#
#   sh benchmarks/split_speed.sh [BUILD] [OUTDIR]      (defaults: build build/split-speed)
#
# BUILD is a build directory holding libprecis.a (run 'make' there first); this tree's
# benchmarks/bench.c is compiled against it into OUTDIR/bench (with BUILD/../include, so another
# checkout's build can be measured with the same harness and the same corpora).
# 1. Throughput: the 1M-sentence scale corpus of benchmarks/scale.sh (gencorpus, seed 1, 20%
#    replaced words; read from ../shared/eval, cached under build/scale/ with scale.sh's stamp,
#    so either script reuses the other's), then SPLIT_RUNS fresh 'bench -r 1' processes with 2
#    threads and as many with 1, alternated. The figure is bench's "split" stage: language
#    detection, splitting, the shape and repeat filters and the candidate list (everything
#    before tokenizing), in MB/s of input; best and median of the runs. About 2-3 minutes.
# 2. Instructions: valgrind --tool=callgrind on 'bench -t 1 -r 1' over the 10k-sentence corpus;
#    inclusive Ir of the split stage (precis_split_corpus_sentences + precis_filter_sentences +
#    precis_hyphens_decide: what summarize.c's stage_split was, the figure benchmarks/README.md
#    quotes as "split"), precis_split_document (src/split.c alone) and language detection
#    (precis_detect_documents, once stage_languages). Deterministic.
# Prints per-run lines, a summary and one markdown table row (its header on stderr).
# Environment: SPLIT_RUNS=3  SPLIT_SIZE=1000000  SPLIT_CG_SIZE=10000 (0: no callgrind)
#              LABEL=text (first cell of the row; default: BUILD's commit)
set -u
BUILD=${1:-build}
OUT=${2:-build/split-speed}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
cd "$(dirname "$0")/.." || exit 1
RUNS=${SPLIT_RUNS:-3}
SIZE=${SPLIT_SIZE:-1000000}
CG_SIZE=${SPLIT_CG_SIZE:-10000}
EVAL=../shared/eval
SCALE=build/scale
[ -f "$BUILD/libprecis.a" ] || { echo "split_speed.sh: no $BUILD/libprecis.a (make first)" >&2; exit 1; }
[ -d "$EVAL/duc2004" ] || { echo "split_speed.sh: no $EVAL (the corpus is made from it)" >&2; exit 1; }
INC=$BUILD/../include
[ -f "$INC/precis.h" ] || INC=include
mkdir -p "$OUT" "$SCALE" || exit 1

# The harness, as the Makefile builds build/bench.
# shellcheck disable=SC2046 # pkg-config's flags are several words
${CC:-cc} -std=c11 -O2 -DNDEBUG -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$INC" \
    $(pkg-config --cflags openblas) -o "$OUT/bench" benchmarks/bench.c "$BUILD/libprecis.a" \
    $(pkg-config --libs libutf8proc openblas) -lstemmer -lpthread -lm || exit 1

# corpus N: build/scale/N, made exactly as scale.sh makes it (same generator, seed, stamp).
# shellcheck disable=SC3013 # -nt: dash, bash and busybox have it (scale.sh uses it too)
if [ ! -x build/gencorpus ] || [ benchmarks/gencorpus.c -nt build/gencorpus ]; then
    ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -O2 -o build/gencorpus benchmarks/gencorpus.c || exit 1
fi
stamp="gencorpus=$(sha256sum benchmarks/gencorpus.c | cut -c1-16) seed=1 fraction=0.2"
corpus() {
    if [ ! -d "$SCALE/$1" ] || [ "$(cat "$SCALE/$1.stamp" 2> /dev/null)" != "$stamp" ]; then
        rm -rf "${SCALE:?}/$1" "$SCALE/$1.tmp" "$SCALE/$1.stamp" "$SCALE/$1.txt"
        build/gencorpus -n "$1" -s 1 -p 0.2 -e "$EVAL" "$SCALE/$1" || exit 1
        echo "$stamp" > "$SCALE/$1.stamp"
    fi
}

if [ -z "${LABEL:-}" ]; then
    LABEL=$(git -C "$BUILD/.." rev-parse --short HEAD 2> /dev/null) || LABEL=$BUILD
    [ -n "$(git -C "$BUILD/.." status --porcelain -- src include 2> /dev/null)" ] && LABEL="$LABEL+dirty"
fi
echo "split_speed: $LABEL ($BUILD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M') UTC"

# 1. Throughput at SIZE sentences.
corpus "$SIZE"
: > "$OUT/runs.tsv"
r=1
while [ "$r" -le "$RUNS" ]; do
    for t in 2 1; do
        "$OUT/bench" -t "$t" -r 1 -w 250 "scale-$SIZE" "$SCALE/$SIZE" > "$OUT/bench.out" || exit 1
        awk -v t="$t" -v r="$r" '/^corpus=/ {for (i = 1; i <= NF; i++) if ($i ~ /^bytes=/) b = substr($i, 7)}
            /^stage=split / {sub(/median_ms=/, "", $3); ms = $3}
            /^stage=total / {sub(/median_ms=/, "", $3); tot = $3}
            END {printf "%s\t%s\t%.1f\t%.1f\t%.1f\t%s\n", t, r, ms, b / 1e3 / ms, tot, b}' \
            "$OUT/bench.out" >> "$OUT/runs.tsv"
        tail -n 1 "$OUT/runs.tsv" | awk -F'\t' '{printf "run %s, %s thread(s): split %.1f ms = %.1f MB/s (summarize %.0f ms, %.1f MB)\n", $2, $1, $3, $4, $5, $6 / 1e6}'
    done
    r=$((r + 1))
done
# best and median MB/s of one thread count
mbs() {
    awk -F'\t' -v t="$1" '$1 == t {print $4}' "$OUT/runs.tsv" | sort -g |
        awk '{v[NR] = $1} END {printf "%.1f %.1f", v[NR], NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# shellcheck disable=SC2046 # four numbers, split on purpose
set -- $(mbs 2) $(mbs 1)
best2=$1 med2=$2 best1=$3 med1=$4
echo "split stage at $SIZE sentences: 2 threads best $best2 MB/s, median $med2; 1 thread best $best1 MB/s, median $med1 ($RUNS runs each)"

# 2. Instructions at CG_SIZE sentences, one thread.
cg_split=- cg_doc=- cg_lang=-
if [ "$CG_SIZE" != 0 ]; then
    if command -v valgrind > /dev/null && command -v callgrind_annotate > /dev/null; then
        corpus "$CG_SIZE"
        valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
            "$OUT/bench" -t 1 -r 1 -w 250 "scale-$CG_SIZE" "$SCALE/$CG_SIZE" > /dev/null 2> "$OUT/callgrind.log" || exit 1
        callgrind_annotate --inclusive=yes --threshold=100 "$OUT/callgrind.out" > "$OUT/callgrind.txt" 2> /dev/null
        irn() { awk -v f=":$1 " 'index($0, f) {gsub(/,/, "", $1); print $1; exit}' "$OUT/callgrind.txt"; }
        ir() { irn "$1" | awk '{printf "%.1fM", $1 / 1e6}'; }
        cg_split=$(for f in precis_split_corpus_sentences precis_filter_sentences precis_hyphens_decide; do
            irn $f; done | awk '{s += $1} END {if (NR) printf "%.1fM", s / 1e6}')
        cg_doc=$(ir precis_split_document) cg_lang=$(ir precis_detect_documents)
        echo "callgrind, $CG_SIZE sentences, 1 thread: split stage ${cg_split:--} Ir, precis_split_document ${cg_doc:--}, precis_detect_documents ${cg_lang:--} (whole run $(awk '/^summary:/ {printf "%.2fG", $2 / 1e9}' "$OUT/callgrind.out"))"
    else
        echo "split_speed.sh: valgrind/callgrind_annotate not installed: no instruction counts" >&2
    fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "| build | split MB/s, 2 threads best | median | 1 thread best | median | callgrind stage_split | precis_split_document |" >&2
echo "|---|---:|---:|---:|---:|---:|---:|" >&2
echo "| $LABEL | $best2 | $med2 | $best1 | $med1 | ${cg_split:--} | ${cg_doc:--} |"
