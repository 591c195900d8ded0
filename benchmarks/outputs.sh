#!/bin/sh
# outputs.sh - every output precis can give, written to one folder, so that a restructuring can
# prove it changed none of them: run it with the binary before and after, then diff the folders.
#
#   sh benchmarks/outputs.sh PRECIS OUTDIR        e.g. base/build/precis /tmp/out-before
#   diff -r /tmp/out-before /tmp/out-after && echo identical
#
# What it writes (timings are the only thing removed: the JSON has none, --explain's stage
# line is dropped):
#   - the bundled cluster: text at -n 3, default, -w 100, -w 250, -b 600, -r 0.1; JSON (with
#     keywords), HTML, --explain, --order rank, --format json at -n 1
#   - DUC 2004 and DUC 2006, every cluster at -n 3, -w 100 and -w 250: text; JSON (scores,
#     ranks, provenance, keywords) and --explain at -w 100
#   - the scale corpus at 100k sentences (BUILD/scale/100000, made by benchmarks/scale.sh's
#     generator if absent): text, JSON at -w 250
#   - precis batch over DUC 2004 (one line per cluster), precis split (text and JSON) on
#     DUC 2004's documents, precis rouge (text and JSON) on the DUC 2004 -w 100 summaries
# Reads ../shared/eval beside the repository (never copied). About a minute on 2 cores.
set -u
PRECIS=${1:?usage: outputs.sh PRECIS OUTDIR}
OUT=${2:?usage: outputs.sh PRECIS OUTDIR}
case $PRECIS in /*) ;; *) PRECIS=$PWD/$PRECIS ;; esac
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
cd "$(dirname "$0")/.." || exit 1
EVAL=$(cd .. && pwd)/shared/eval
B=$(dirname "$PRECIS")
[ -x "$PRECIS" ] || { echo "outputs.sh: $PRECIS is not an executable" >&2; exit 1; }
[ -d "$EVAL/duc2004" ] || { echo "outputs.sh: no $EVAL/duc2004" >&2; exit 1; }
rm -rf "${OUT:?}" && mkdir -p "$OUT" || exit 1

# run NAME ARGS...: stdout to NAME, stderr (without the timing line) to NAME.err, status kept
run() {
    name=$1; shift
    "$PRECIS" "$@" >"$OUT/$name" 2>"$OUT/$name.err.tmp"
    echo "exit $?" >>"$OUT/$name.err.tmp"
    grep -v -E '^(stages|timing|time)' "$OUT/$name.err.tmp" | sed -E 's/[0-9]+\.[0-9]+ ms//g' >"$OUT/$name.err"
    rm -f "$OUT/$name.err.tmp"
}

K=tests/data/kim-shoigu
run kim-n3 -n 3 $K
run kim-default $K
run kim-w100 -w 100 $K
run kim-w250 -w 250 $K
run kim-b600 -b 600 $K
run kim-r01 -r 0.1 $K
run kim-rank --order rank $K
run kim-json -f json --keywords 10 $K
run kim-json-n1 -f json -n 1 $K
run kim-html -f html --keywords 10 $K
run kim-explain --explain -w 100 $K
run kim-keywords --keywords 12 $K

for set in duc2004 duc2006; do
    mkdir -p "$OUT/$set"
    for d in "$EVAL/$set"/*/docs; do
        c=$(basename "$(dirname "$d")")
        run "$set/$c-n3" -q -n 3 "$d"
        run "$set/$c-w100" -q -w 100 "$d"
        run "$set/$c-w250" -q -w 250 "$d"
        run "$set/$c-w100.json" -q -f json --keywords 8 -w 100 "$d"
        run "$set/$c-w100.explain" -q --explain -w 100 "$d"
    done
done

# The scale corpus at 100k sentences, from the same generator and seed as benchmarks/scale.sh.
S=$B/scale/100000
if [ ! -d "$S" ]; then
    if [ ! -x "$B/gencorpus" ]; then
        ${CC:-cc} -std=c11 -O2 -o "$B/gencorpus" benchmarks/gencorpus.c || exit 1
    fi
    mkdir -p "$B/scale" && "$B/gencorpus" -n 100000 -s 1 -p 0.2 -e "$EVAL" "$S" >/dev/null || exit 1
fi
# (from the build folder, so that the documents' names do not depend on where it is)
(cd "$B" && run scale100k-w250 -q -w 250 scale/100000 &&
    run scale100k-w250.json -q -f json --keywords 10 -w 250 scale/100000)

# Batch: one JSON line per DUC 2004 cluster.
python3 - "$EVAL/duc2004" >"$OUT/batch.in" <<'EOF'
import json, os, sys
root = sys.argv[1]
for c in sorted(os.listdir(root)):
    d = os.path.join(root, c, "docs")
    docs = [{"name": f, "text": open(os.path.join(d, f), encoding="utf-8").read()}
            for f in sorted(os.listdir(d))]
    print(json.dumps({"id": c, "documents": docs, "options": {"words": 100, "keywords": 5}}))
EOF
run batch batch "$OUT/batch.in"
rm -f "$OUT/batch.in"

run split split "$EVAL/duc2004"
run split.json split -f json "$EVAL/duc2004"

mkdir -p "$OUT/sys"
for d in "$EVAL/duc2004"/*/docs; do
    c=$(basename "$(dirname "$d")")
    cp "$OUT/duc2004/$c-w100" "$OUT/sys/$c.txt"
done
# (run from OUT, so that the system's name in the output is the same in every run)
(cd "$OUT" && PRECIS="$PRECIS" OUT=. && run rouge rouge --refs "$EVAL/duc2004" --per-cluster --jackknife -n 4 sys &&
    run rouge.json rouge --refs "$EVAL/duc2004" --json --per-cluster sys)
rm -rf "$OUT/sys"
n=$(find "$OUT" -type f | wc -l)
echo "outputs.sh: $n files in $OUT"
