#!/bin/sh
# extraction.sh - 'precis extract' on the 123 saved news pages of
# ../shared/eval/article-extraction (read from there, never copied into the repository), scored
# with the benchmark's own metric (../shared/tools/extraction_f1.py), then timed.
#
#   sh benchmarks/extraction.sh [PRECIS] [OUTDIR]     default build/precis, a temporary dir
#
# Prints the scorer's F1, precision and recall, the ten worst pages, and the extraction speed
# (pages per second and MB/s of HTML, best of 3 runs over all pages in one process each).
set -u
PRECIS=${1:-build/precis}
cd "$(dirname "$0")/.." || exit 1
SHARED=$(cd .. && pwd)/shared
[ -d "$SHARED/eval/article-extraction" ] || SHARED=/work/shared
EX=$SHARED/eval/article-extraction
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
OUT=${2:-$T/pred}
mkdir -p "$T/html" "$OUT" || exit 1
for f in "$EX"/html/*.html.gz; do
    id=$(basename "$f" .html.gz)
    gunzip -c "$f" >"$T/html/$id.html"
done
fail=0
for f in "$T"/html/*.html; do
    id=$(basename "$f" .html)
    "$PRECIS" extract "$f" >"$OUT/$id.txt" 2>"$T/err" || { fail=$((fail + 1)); echo "failed: $id: $(cat "$T/err")"; }
done
echo "pages: $(ls "$T"/html | wc -l), failed: $fail"
python3 "$SHARED/tools/extraction_f1.py" --truth "$EX/ground-truth.json" --pred "$OUT" \
    --worst 10 2>&1 | tail -20
bytes=$(cat "$T"/html/*.html | wc -c)
n=$(ls "$T"/html | wc -l)
best=""
for run in 1 2 3; do
    s=$(date +%s.%N)
    "$PRECIS" extract "$T"/html/*.html >/dev/null 2>&1
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
echo "$n $bytes $best" | awk '{printf "speed: %d pages, %.1f MB in %.3f s: %.0f pages/s, %.1f MB/s (one core)\n", $1, $2/1e6, $3, $1/$3, $2/1e6/$3}'
