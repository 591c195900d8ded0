#!/bin/sh
# quality.sh - summary quality of precis against baselines and published systems (ROUGE).
#
#   sh benchmarks/quality.sh [BUILD] [--fresh]        (make bench-quality runs it with BUILD=build)
#
# Reads the evaluation data from ../shared/eval (beside the repository; not part of the project,
# never copied into it) and writes everything to BUILD/quality/:
#   table.txt, table.md   the result table (also printed)
#   history.tsv           one line per run with precis's scores, to compare settings over time
#   precis/<set>/         precis's summaries (recomputed on every run)
#   cache/, scores/       baseline and peer summaries and their scores (reused unless --fresh)
#
# Sets: dev  = duc2006, all 50 clusters, generic summary (the query is ignored), 250 words,
#              scored -n 2 -m -l 250 --jackknife (NIST's convention: R-2 and R-SU4 recall);
#       t100 = duc2004, all 50 clusters, 100 words, scored -n 2 -m -l 100;
#       t665 = duc2004, 665 bytes, scored -n 2 -m -b 665;
#       bbc  = a fixed sample of bbc: the articles whose 0-based index in the byte-sorted list of
#              cluster names is a multiple of 11 (203 of 2,225, every category), each summarized
#              at the word count of its reference; every system's summaries are then cut to that
#              count (a per-article -l N: quality_cut.sh) and scored -n 2 -m with no limit.
# Rows: precis; a plain TF-IDF TextRank written with scikit-learn + networkx
# (benchmarks/peer_textrank.py); Lead and Random (seed 0) from ../shared/tools/baselines.py; the
# published DUC 2006 (best system 24, NIST baseline 1) and DUC 2004 (NIST Lead + 12 SumRepo systems)
# outputs re-scored with the same scorer; and their published ROUGE-1.5.5 numbers.
#
# Scorer: 'BUILD/precis rouge' when it works, else python3 ../shared/tools/rouge.py (the table says
# which). Environment:
#   PRECIS_OPTS="..."     extra options for every precis call, e.g. PRECIS_OPTS="--position-prior 0.3 --order rank"
#   PRECIS=path           another precis binary (default BUILD/precis)
#   QUALITY_SCORER=python|precis   force a scorer
#   QUALITY_CHECK=0       with precis rouge as scorer, do not cross-check it against rouge.py on
#                         precis's own summaries (done by default; the table reports the largest gap)
#   QUALITY_JOBS=N        parallel jobs (default: number of CPUs)
#   PEER_PYTHON=path      python for the peer (default /usr/bin/python3, Debian's sklearn/networkx)
set -u

BUILD=build
FRESH=0
for a in "$@"; do
    case $a in
        --fresh) FRESH=1 ;;
        -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "quality.sh: unknown option $a (usage: quality.sh [BUILD] [--fresh])" >&2; exit 2 ;;
        *) BUILD=$a ;;
    esac
done
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
EVAL=$(cd .. && pwd)/shared/eval
TOOLS=$(cd .. && pwd)/shared/tools

if [ ! -d "$EVAL/duc2004" ] || [ ! -d "$EVAL/duc2006" ] || [ ! -d "$EVAL/bbc" ]; then
    echo "bench-quality: no evaluation data at $EVAL: nothing done."
    echo "  The data sets (DUC 2004, DUC 2006, BBC News Summary) are read from ../shared/eval,"
    echo "  beside the repository; they are not part of the project and are never copied into it."
    exit 0
fi

PRECIS=${PRECIS:-$BUILD/precis}
if [ ! -x "$PRECIS" ]; then
    echo "bench-quality: $PRECIS not found; build it first (make)" >&2
    exit 1
fi
PY=${PYTHON:-python3}
PEER_PY=${PEER_PYTHON:-/usr/bin/python3}
JOBS=${QUALITY_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
PRECIS_OPTS=${PRECIS_OPTS:-}
Q=$BUILD/quality
B=$ROOT/benchmarks
T0=$(date +%s)

[ "$FRESH" = 1 ] && rm -rf "$Q/cache" "$Q/scores" "$Q/data"
mkdir -p "$Q/cache" "$Q/scores" "$Q/data" "$Q/jobs" || exit 1
rm -f "$Q"/jobs/*

# quote STRING: STRING as one single-quoted shell word.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# run_jobs: runs every script in $Q/jobs, $JOBS at a time, then empties the folder.
run_jobs() {
    # The job files are named 00001.sh ...: nothing for xargs to misread.
    (cd "$Q/jobs" && find . -name '*.sh' | sort | xargs -r -n 1 -P "$JOBS" sh)
    rm -f "$Q"/jobs/*
}
NJOB=0
add_job() { NJOB=$((NJOB + 1)); printf '%s\n' "$1" > "$Q/jobs/$(printf %05d $NJOB).sh"; }

# ---- the sets -------------------------------------------------------------------------------
SETS="dev t100 t665 bbc"
set_data() {
    case $1 in dev) echo "$EVAL/duc2006" ;; t100|t665) echo "$EVAL/duc2004" ;; bbc) echo "$Q/data/bbc" ;; esac
}
set_limit() { # precis / peer option
    case $1 in dev) echo "-w 250" ;; t100) echo "-w 100" ;; t665) echo "-b 665" ;; bbc) echo "" ;; esac
}
set_rouge() {
    case $1 in
        dev) echo "-n 2 -m -l 250 --jackknife" ;; t100) echo "-n 2 -m -l 100" ;;
        t665) echo "-n 2 -m -b 665" ;; bbc) echo "-n 2 -m" ;;
    esac
}

# The bbc sample: symbolic links to the chosen articles (no copies) and their word budgets.
if [ ! -s "$Q/data/bbc-limits.tsv" ]; then
    mkdir -p "$Q/data/bbc"
    # shellcheck disable=SC2012 # cluster names are [a-z]+-[0-9]+
    (cd "$EVAL/bbc" && LC_ALL=C ls | awk 'NR % 11 == 1') | while read -r c; do
        ln -sfn "$EVAL/bbc/$c" "$Q/data/bbc/$c"
        printf '%s\t%s\n' "$c" "$(cat "$EVAL/bbc/$c"/refs/*.txt | wc -w | tr -d ' ')"
    done > "$Q/data/bbc-limits.tsv.tmp" && mv "$Q/data/bbc-limits.tsv.tmp" "$Q/data/bbc-limits.tsv"
fi
NBBC=$(wc -l < "$Q/data/bbc-limits.tsv" | tr -d ' ')

# ---- scorer ---------------------------------------------------------------------------------
SCORER=${QUALITY_SCORER:-}
if [ -z "$SCORER" ]; then
    if "$PRECIS" rouge --help > /dev/null 2>&1; then SCORER=precis; else SCORER=python; fi
fi
case $SCORER in
    precis) SCORER_LABEL="${PRECIS#"$ROOT"/} rouge"
            SCORER_KEY="precis $(cksum < "$PRECIS")" ;;
    python) SCORER_LABEL="python3 ../shared/tools/rouge.py"
            [ -z "${QUALITY_SCORER:-}" ] && SCORER_LABEL="$SCORER_LABEL (precis rouge not available)"
            SCORER_KEY="python $(cksum < "$TOOLS/rouge.py")" ;;
    *) echo "quality.sh: QUALITY_SCORER must be precis or python" >&2; exit 2 ;;
esac
echo "bench-quality: scorer: $SCORER_LABEL; $JOBS parallel jobs"

# score_cmd SYSDIR SET [SCORER]: the command line that scores SYSDIR on SET (to stdout).
score_cmd() {
    refs=$(set_data "$2")
    if [ "${3:-$SCORER}" = precis ]; then
        echo "$(quote "$PRECIS") rouge --refs $(quote "$refs") $(set_rouge "$2") $(quote "$1")"
    else
        echo "$(quote "$PY") $(quote "$TOOLS/rouge.py") --system $(quote "$1") --refs $(quote "$refs") $(set_rouge "$2")"
    fi
}

# queue_score NAME SET SYSDIR KEY: scores SYSDIR unless $Q/scores/NAME.SET.txt was made with the
# same KEY (what the summaries came from) and scorer.
queue_score() {
    out=$Q/scores/$1.$2
    key="$4 | $SCORER_KEY | $(set_rouge "$2")"
    if [ -s "$out.txt" ] && [ -f "$out.key" ] && [ "$(cat "$out.key")" = "$key" ]; then return; fi
    rm -f "$out.txt" "$out.key"
    add_job "$(score_cmd "$3" "$2") > $(quote "$out.tmp") 2> $(quote "$out.err") && mv $(quote "$out.tmp") $(quote "$out.txt") && printf '%s\n' $(quote "$key") > $(quote "$out.key") || echo $(quote "bench-quality: scoring $1 on $2 failed; see $out.err") >&2"
}

# ---- baselines and peer (cached) ------------------------------------------------------------
PEER=1
if ! "$PEER_PY" "$B/peer_textrank.py" --check 2> /dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "bench-quality: installing python3-sklearn python3-networkx for the TextRank peer"
        apt-get update -qq && apt-get install -y -qq python3-sklearn python3-networkx > /dev/null
    fi
    if ! "$PEER_PY" "$B/peer_textrank.py" --check; then
        echo "bench-quality: the TextRank peer needs Debian's scikit-learn and networkx:" >&2
        echo "    apt-get install -y python3-sklearn python3-networkx    (peer row left out)" >&2
        PEER=0
    fi
fi
BASE_KEY=$(cksum < "$TOOLS/baselines.py")
PEER_KEY=$(cksum < "$B/peer_textrank.py")
LIMITS_KEY="$(cksum < "$Q/data/bbc-limits.tsv") $(cksum < "$B/quality_cut.sh")"

# gen_key SYSTEM SET: what a cached summary folder depends on.
gen_key() {
    case $1 in lead|random) k=$BASE_KEY ;; peer) k=$PEER_KEY ;; esac
    [ "$2" = bbc ] && k="$k $LIMITS_KEY"
    echo "$1 $2 $k"
}
SYSTEMS="lead random"
[ "$PEER" = 1 ] && SYSTEMS="peer $SYSTEMS"
for s in $SYSTEMS; do
    for set in $SETS; do
        dir=$Q/cache/$s/$set
        key=$(gen_key "$s" "$set")
        if [ -d "$dir" ] && [ -f "$dir.key" ] && [ "$(cat "$dir.key")" = "$key" ]; then continue; fi
        rm -rf "$dir" "$dir.key" "$dir.all"
        mkdir -p "$(dirname "$dir")"
        data=$(quote "$(set_data "$set")")
        qd=$(quote "$dir")
        case $s:$set in
            lead:bbc|random:bbc) # the whole article (shuffled for random), then cut at the budget
                cmd="$(quote "$PY") $(quote "$TOOLS/baselines.py") --data $data --kind $s --words 1000000 --seed 0 --out $qd.all > /dev/null && sh $(quote "$B/quality_cut.sh") $(quote "$Q/data/bbc-limits.tsv") $qd.all $qd && rm -rf $qd.all" ;;
            lead:*|random:*)
                lim=$(set_limit "$set" | sed 's/-w/--words/; s/-b/--bytes/')
                cmd="$(quote "$PY") $(quote "$TOOLS/baselines.py") --data $data --kind $s $lim --seed 0 --out $qd > /dev/null" ;;
            peer:bbc)
                cmd="$(quote "$PEER_PY") $(quote "$B/peer_textrank.py") --data $data --limits $(quote "$Q/data/bbc-limits.tsv") --out $qd.all > /dev/null && sh $(quote "$B/quality_cut.sh") $(quote "$Q/data/bbc-limits.tsv") $qd.all $qd && rm -rf $qd.all" ;;
            peer:*)
                cmd="$(quote "$PEER_PY") $(quote "$B/peer_textrank.py") --data $data $(set_limit "$set") --out $qd > /dev/null" ;;
        esac
        echo "bench-quality: computing $s on $set (cached for later runs)"
        add_job "$cmd && printf '%s\\n' $(quote "$key") > $qd.key || { echo $(quote "bench-quality: $s on $set failed") >&2; rm -rf $qd; }"
    done
done
TG=$(date +%s)
run_jobs
TG=$(( $(date +%s) - TG ))

# ---- precis ---------------------------------------------------------------------------------
rm -rf "$Q/precis"
mkdir -p "$Q/precis"
: > "$Q/precis/errors.log"
NPRECIS=0
# precis_job SET CLUSTER-DIR OUT LIMIT-OPTION...
precis_job() {
    st=$1 cd=$2 o=$(quote "$3"); shift 3
    NPRECIS=$((NPRECIS + 1))
    # PRECIS_OPTS is split into words on purpose.
    add_job "$(quote "$PRECIS") $PRECIS_OPTS $* $(quote "$cd/docs")/*.txt > $o 2> $o.err || { echo \"$st $(basename "$cd"): exit \$?: \$(head -c 300 $o.err)\" >> $(quote "$Q/precis/errors.log"); : > $o; }; rm -f $o.err"
}
for set in dev t100 t665; do
    mkdir -p "$Q/precis/$set"
    data=$(set_data "$set")
    for d in "$data"/*/; do
        c=$(basename "$d")
        # shellcheck disable=SC2046 # the limit is two words
        [ -d "$data/$c/docs" ] && precis_job "$set" "$data/$c" "$Q/precis/$set/$c.txt" $(set_limit "$set")
    done
done
mkdir -p "$Q/precis/bbc.all"
tab=$(printf '\t')
while IFS=$tab read -r c n; do
    precis_job bbc "$Q/data/bbc/$c" "$Q/precis/bbc.all/$c.txt" -w "$n"
done < "$Q/data/bbc-limits.tsv"
echo "bench-quality: $NPRECIS precis runs${PRECIS_OPTS:+ with PRECIS_OPTS=\"$PRECIS_OPTS\"}"
TP=$(date +%s)
run_jobs
TP=$(( $(date +%s) - TP ))
# Budget check (precis promises never to exceed -w / -b; -b counts one newline per sentence),
# then the same per-article cut as for the other systems on bbc (a no-op when precis keeps it).
NOVER=0
for set in dev t100 t665; do
    lim=$(set_limit "$set")
    for f in "$Q/precis/$set"/*.txt; do
        case $lim in -w*) n=$(wc -w < "$f") ;; *) n=$(wc -c < "$f") ;; esac
        [ "$n" -gt "${lim#-? }" ] && { NOVER=$((NOVER + 1)); echo "$set $(basename "$f" .txt): $n > ${lim#-? }" >> "$Q/precis/over-budget.log"; }
    done
done
while IFS=$tab read -r c n; do
    w=$(wc -w < "$Q/precis/bbc.all/$c.txt")
    [ "$w" -gt "$n" ] && { NOVER=$((NOVER + 1)); echo "bbc $c: $w > $n" >> "$Q/precis/over-budget.log"; }
done < "$Q/data/bbc-limits.tsv"
NEMPTY=0
for f in "$Q"/precis/dev/*.txt "$Q"/precis/t100/*.txt "$Q"/precis/t665/*.txt "$Q"/precis/bbc.all/*.txt; do [ -s "$f" ] || NEMPTY=$((NEMPTY + 1)); done
[ "$NEMPTY" != 0 ] && echo "bench-quality: precis produced $NEMPTY empty summaries (of $NPRECIS)" >&2
[ "$NOVER" != 0 ] && echo "bench-quality: precis exceeded its budget on $NOVER inputs: see $Q/precis/over-budget.log" >&2
sh "$B/quality_cut.sh" "$Q/data/bbc-limits.tsv" "$Q/precis/bbc.all" "$Q/precis/bbc"
NFAIL=$(wc -l < "$Q/precis/errors.log" | tr -d ' ')
if [ "$NFAIL" != 0 ]; then
    echo "bench-quality: precis failed on $NFAIL inputs (scored as empty summaries); first ones:" >&2
    head -n 5 "$Q/precis/errors.log" >&2
fi

# ---- scores ---------------------------------------------------------------------------------
rm -f "$Q"/scores/precis.* "$Q"/scores/check.*
for set in $SETS; do
    queue_score precis "$set" "$Q/precis/$set" "precis $(date +%s)"
    # While precis rouge is young: score precis's summaries with rouge.py too (the table compares).
    if [ "$SCORER" = precis ] && [ "${QUALITY_CHECK:-1}" != 0 ]; then
        add_job "$(score_cmd "$Q/precis/$set" "$set" python) > $(quote "$Q/scores/check.$set.txt") 2>&1"
    fi
    for s in $SYSTEMS; do
        [ -f "$Q/cache/$s/$set.key" ] && queue_score "$s" "$set" "$Q/cache/$s/$set" "$(cat "$Q/cache/$s/$set.key")"
    done
done
for p in 24 1; do
    [ -d "$EVAL/duc2006-systems/$p" ] && queue_score "duc06-$p" dev "$EVAL/duc2006-systems/$p" published
done
for d in "$EVAL"/duc2004-systems/*/; do
    [ -d "$d" ] || continue
    s=$(basename "$d")
    queue_score "duc04-$s" t100 "$d" published
    queue_score "duc04-$s" t665 "$d" published
done
TS=$(date +%s)
run_jobs
TS=$(( $(date +%s) - TS ))
TT=$(( $(date +%s) - T0 ))

# ---- table ----------------------------------------------------------------------------------
commit=$(git rev-parse --short HEAD 2> /dev/null || echo "no commit yet")
[ -n "$(git status --porcelain --untracked-files=no 2> /dev/null)" ] && commit="$commit (with uncommitted changes)"
{
    printf 'commit\t%s\n' "$commit"
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'precis\t%s\n' "$PRECIS"
    printf 'opts\t%s\n' "$PRECIS_OPTS"
    printf 'scorer\t%s\n' "$SCORER_LABEL"
    printf 'nbbc\t%s\n' "$NBBC"
    printf 'nfail\t%s\n' "$NFAIL"
    printf 'nover\t%s\n' "$NOVER"
    printf 'nempty\t%s\n' "$NEMPTY"
    printf 'time\t%ss in all: precis %ss for %s runs, scoring %ss, baselines/peer %ss (%s jobs)\n' \
        "$TT" "$TP" "$NPRECIS" "$TS" "$TG" "$JOBS"
} > "$Q/meta.tsv"
"$PY" "$B/quality_table.py" "$Q" "$EVAL"
