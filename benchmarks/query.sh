#!/bin/sh
# query.sh - query-focused summaries on the DUC 2006 task (issue 16): every cluster summarized at
# 250 words with its topic (meta.json's title, then its narrative) as --query, for each teleport
# mix of the grid, and scored as NIST scored DUC 2006: jackknifed ROUGE-2 and ROUGE-SU4 recall
# with stemming, cut at 250 words (precis rouge, identical to ../shared/tools/rouge.py). DUC 2006
# is also the set settings are chosen on, so the figure to quote is two-fold cross-validated:
# the mix chosen on the odd-numbered clusters is reported on the even ones and the reverse; the
# mean of the two halves is the cross-validated figure. Last, a paired bootstrap (1000 resamples
# of the 50 clusters) of the default's gain over the generic summary.
#
#   sh benchmarks/query.sh [PRECIS] [OUTDIR]     (defaults: build/precis build/query)
#   QUERY_MIXES="0.5 0.8 0.9 1"                  the grid (0 = the generic summary is always run)
#
# Reads ../shared/eval/duc2006 (never copied: only precis's summaries are written, to OUTDIR).
set -u
PRECIS=${1:-build/precis}
OUT=${2:-build/query}
MIXES=${QUERY_MIXES:-0.5 0.7 0.8 0.9 1}
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
cd "$(dirname "$0")/.." || exit 1
EVAL=$(cd .. && pwd)/shared/eval/duc2006
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
[ -x "$PRECIS" ] || { echo "query.sh: $PRECIS is not an executable (make first)" >&2; exit 1; }
[ -d "$EVAL" ] || { echo "query.sh: no $EVAL (read from there, never copied)" >&2; exit 1; }
mkdir -p "$OUT" || exit 1

# summarize MIX: OUT/MIX/<cluster>.txt for every cluster; mix 0 is the generic summary
summarize() {
    rm -rf "${OUT:?}/$1" && mkdir -p "$OUT/$1" || exit 1
    for d in "$EVAL"/*/; do
        c=$(basename "$d")
        if [ "$1" = 0 ]; then
            "$PRECIS" -q -w 250 "$d/docs" >"$OUT/$1/$c.txt" || exit 1
        else
            q=$("$PY" -c 'import json, sys; m = json.load(open(sys.argv[1])); print(m["title"] + ". " + m["query"])' "$d/meta.json")
            "$PRECIS" -q -w 250 --query "$q" --query-mix "$1" "$d/docs" >"$OUT/$1/$c.txt" || exit 1
        fi
    done
}

# score MIX: per-cluster jackknifed R-2 and SU4 into OUT/MIX.scores ("cluster r2 su4")
score() {
    "$PRECIS" rouge --refs "$EVAL" --jackknife -m -l 250 -n 2 --per-cluster "$OUT/$1" |
        awk '$2 == "ROUGE-2" { split($3, a, ":"); r2[$1] = a[2] }
             $2 == "ROUGE-SU4" { split($3, a, ":"); su[$1] = a[2] }
             END { for (c in r2) print c, r2[c], su[c] }' | sort >"$OUT/$1.scores"
}

for m in 0 $MIXES; do
    summarize "$m"
    score "$m"
done

"$PY" - "$OUT" 0 $MIXES <<'PY'
import random, sys
out, mixes = sys.argv[1], sys.argv[2:]
scores = {}
for m in mixes:
    rows = [l.split() for l in open(f"{out}/{m}.scores")]
    scores[m] = {c: (float(r2), float(su)) for c, r2, su in rows}
clusters = sorted(scores[mixes[0]])
halves = {"odd": clusters[0::2], "even": clusters[1::2], "all": clusters}
def mean(m, cs, k):
    return 100 * sum(scores[m][c][k] for c in cs) / len(cs)
print("| mix | all R-2 | all SU4 | odd R-2 | odd SU4 | even R-2 | even SU4 |")
print("|---|---|---|---|---|---|---|")
for m in mixes:
    cells = [f"{mean(m, halves[h], k):.2f}" for h in ("all", "odd", "even") for k in (0, 1)]
    print(f"| {'generic' if m == '0' else m} | " + " | ".join(cells) + " |")
grid = [m for m in mixes if m != "0"]
cv = []
for tune, test in (("odd", "even"), ("even", "odd")):
    best = max(grid, key=lambda m: (mean(m, halves[tune], 0), mean(m, halves[tune], 1)))
    cv.append((mean(best, halves[test], 0), mean(best, halves[test], 1)))
    print(f"chosen on {tune}: mix {best}; on {test}: R-2 {cv[-1][0]:.2f}, SU4 {cv[-1][1]:.2f}")
print(f"cross-validated (mean of the two halves): R-2 {(cv[0][0] + cv[1][0]) / 2:.2f}, "
      f"SU4 {(cv[0][1] + cv[1][1]) / 2:.2f}")
# Paired bootstrap of the gain of each mix over the generic summary, over clusters.
rng = random.Random(1)
for m in grid:
    for k, name in ((0, "R-2"), (1, "SU4")):
        diffs = [scores[m][c][k] - scores["0"][c][k] for c in clusters]
        boots = sorted(100 * sum(rng.choice(diffs) for _ in diffs) / len(diffs) for _ in range(1000))
        print(f"mix {m} - generic, {name}: {100 * sum(diffs) / len(diffs):+.2f} "
              f"(95% CI {boots[25]:+.2f} .. {boots[974]:+.2f})")
PY
