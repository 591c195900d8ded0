#!/bin/sh
# rouge_splitting.sh - the four ROUGE figures that issue 12 (the sentence splitter) is judged on,
# as one markdown table row: DUC 2004 at 100 words (R-1, R-2 recall) and DUC 2006 generic at
# 250 words (R-2, R-SU4 recall, jackknifed), measured exactly as benchmarks/quality.sh measures
# its t100 and dev sets (same precis call, same ROUGE options), without its baselines, peers
# and BBC sample. About 5 s.
#
#   sh benchmarks/rouge_splitting.sh [PRECIS] [OUTDIR]     (defaults: build/precis build/rouge-split)
#
# Reads ../shared/eval (beside the repository; never copied: only precis's summaries are written,
# to OUTDIR/t100 and OUTDIR/dev). Prints the table header on stderr and the row on stdout, so
# rows of several binaries can be appended to one table. Stops (exit 1) if precis fails on any
# cluster rather than scoring a missing summary.
# Environment:
#   ROUGE_SCORER=python|precis   python3 ../shared/tools/rouge.py (default: does not depend on the
#                                binary under test) or 'PRECIS rouge' (identical on these sets)
#   PRECIS_OPTS="..."            extra options for every precis call (default: none = defaults)
#   LABEL=text                   first cell of the row (default: the binary's commit, or its path)
set -u
PRECIS=${1:-build/precis}
OUT=${2:-build/rouge-split}
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
cd "$(dirname "$0")/.." || exit 1
EVAL=$(cd .. && pwd)/shared/eval
TOOLS=$(cd .. && pwd)/shared/tools
SCORER=${ROUGE_SCORER:-python}
PRECIS_OPTS=${PRECIS_OPTS:-}
[ -x "$PRECIS" ] || { echo "rouge_splitting.sh: $PRECIS is not an executable (make first)" >&2; exit 1; }
if [ ! -d "$EVAL/duc2004" ] || [ ! -d "$EVAL/duc2006" ]; then
    echo "rouge_splitting.sh: no $EVAL/duc2004 or duc2006 (read from there, never copied)" >&2; exit 1
fi

# summarize SET DATA WORDS: precis on every cluster, as quality.sh's precis_job does.
summarize() {
    rm -rf "${OUT:?}/$1" && mkdir -p "$OUT/$1" || exit 1
    for d in "$2"/*/docs; do
        c=$(basename "$(dirname "$d")")
        # PRECIS_OPTS is split into words on purpose.
        # shellcheck disable=SC2086
        "$PRECIS" $PRECIS_OPTS -w "$3" "$d"/*.txt > "$OUT/$1/$c.txt" ||
            { echo "rouge_splitting.sh: precis failed on $1 $c" >&2; exit 1; }
    done
}
# score SET DATA ROUGE-OPTIONS...: the recall lines ('ROUGE-2 0.09110') of either scorer.
score() {
    s=$1 data=$2; shift 2
    if [ "$SCORER" = precis ]; then
        "$PRECIS" rouge --refs "$data" "$@" "$OUT/$s" | sed -n 's/^\(ROUGE-[^ ]*\) R:\([0-9.]*\).*/\1 \2/p'
    else
        python3 "$TOOLS/rouge.py" --system "$OUT/$s" --refs "$data" "$@" | awk '/^ROUGE-/ {print $1, $2}'
    fi
}
# pick METRIC < recall lines: recall x100, two decimals (as quality.sh's table).
pick() { awk -v m="$1" '$1 == m {printf "%.2f", $2 * 100; f = 1} END {exit !f}'; }

summarize t100 "$EVAL/duc2004" 100
summarize dev "$EVAL/duc2006" 250
t100=$(score t100 "$EVAL/duc2004" -n 2 -m -l 100) || exit 1
dev=$(score dev "$EVAL/duc2006" -n 2 -m -l 250 --jackknife) || exit 1
if ! { r1=$(echo "$t100" | pick ROUGE-1) && r2=$(echo "$t100" | pick ROUGE-2) &&
    d2=$(echo "$dev" | pick ROUGE-2) && su4=$(echo "$dev" | pick ROUGE-SU4); }; then
    echo "rouge_splitting.sh: the scorer printed no ROUGE-1/2/SU4 recall" >&2; exit 1
fi

if [ -z "${LABEL:-}" ]; then
    LABEL=$(git -C "$(dirname "$PRECIS")/.." rev-parse --short HEAD 2> /dev/null) || LABEL=$PRECIS
    [ -n "$(git -C "$(dirname "$PRECIS")/.." status --porcelain -- src include 2> /dev/null)" ] &&
        LABEL="$LABEL+dirty"
    [ -n "$PRECIS_OPTS" ] && LABEL="$LABEL ($PRECIS_OPTS)"
fi
echo "| build | DUC04 100w R-1 | DUC04 100w R-2 | DUC06 250w R-2 (jk) | DUC06 250w R-SU4 (jk) |" >&2
echo "|---|---:|---:|---:|---:|" >&2
echo "| $LABEL | $r1 | $r2 | $d2 | $su4 |"
