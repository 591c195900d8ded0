#!/bin/sh
# quality_cut.sh LIMITS SRC DST: for every "<cluster><TAB><words>" line of LIMITS, writes
# DST/<cluster>.txt = SRC/<cluster>.txt cut after <words> words (whitespace-separated, the way
# ROUGE-1.5.5 -l counts them), inside a sentence if need be: a per-article "-l N".
# quality.sh applies it to every system's bbc summaries, since the scorer takes one limit only.
set -e
mkdir -p "$3"
tab=$(printf '\t')
while IFS=$tab read -r c n; do
    awk -v n="$n" '{ if (w + NF <= n) { print; w += NF } else { s = $1; for (i = 2; i <= n - w; i++) s = s " " $i; if (n > w) print s; exit } }' \
        "$2/$c.txt" > "$3/$c.txt"
done < "$1"
