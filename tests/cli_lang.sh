#!/bin/sh
# End-to-end language checks: every language 'precis --list-languages' shows summarizes its
# test text (tests/data/lang/*/CODE.txt or CODE-N.txt), detection names that language, and
# --lang CODE gives the same summary; a language without a test text must at least run on a
# few sentences. Usage: sh tests/cli_lang.sh [path/to/precis]   (from the repository root)
P=${1:-build/precis}
D=tests/data/lang
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/harness.sh"

"$P" --list-languages >"$T/list"
check "--list-languages exits 0" [ $? -eq 0 ]
codes=$(awk 'NR > 1 && $NF ~ /^[0-9]+$/ && $(NF - 1) ~ /^[0-9]+$/ { print $1 }' "$T/list")
n_codes=$(echo "$codes" | wc -w)
check "--list-languages lists every Snowball language and zh, ja, ko ($n_codes)" [ "$n_codes" -ge 30 ]
for want in da de en es fi fr hu it nl no pt ro ru sv tr el zh ja; do
    check "--list-languages has $want" grep -q "^$want " "$T/list"
done

check "--help documents --list-languages" sh -c "'$P' --help | grep -q -- --list-languages"

texts=0
for code in $codes; do
    if [ "$code" = en ]; then
        files=$(ls tests/data/kim-shoigu/*)
    else
        files=$(ls "$D"/*/"$code".txt "$D"/*/"$code"-*.txt 2>/dev/null)
    fi
    if [ -z "$files" ]; then
        # No test text: a smoke test on a few sentences.
        printf 'The ferry left the port at noon today.\nIt carried many people across.\n' |
            "$P" --lang "$code" -n 1 - >"$T/out" 2>"$T/err"
        check "--lang $code runs ($(head -1 "$T/err"))" [ $? -eq 0 -a "$(wc -l <"$T/out")" -eq 1 ]
        continue
    fi
    texts=$((texts + 1))
    # shellcheck disable=SC2086 # one argument per file
    "$P" -n 2 --explain $files >"$T/out" 2>"$T/err"
    rc=$?
    check "$code: summarizes its test text (exit $rc)" [ "$rc" -eq 0 ]
    check "$code: two sentences" [ "$(wc -l <"$T/out")" -eq 2 ]
    while IFS= read -r line; do
        # shellcheck disable=SC2086
        check "$code: '$line' is a sentence of the input" grep -qF -- "$line" $files
    done <"$T/out"
    got=$(sed -n 's/^precis: .*: language \([a-z]*\)$/\1/p' "$T/err" | sort -u | tr '\n' ' ')
    check "$code: detected as '$got'" [ "$got" = "$code " ]
    # shellcheck disable=SC2086
    "$P" -n 2 --lang "$code" $files >"$T/forced" 2>/dev/null
    check "$code: --lang $code gives the summary detection gave" cmp -s "$T/out" "$T/forced"
done
check "test texts for $texts languages" [ "$texts" -ge 30 ]

# A mixed corpus: each document in its own language, in the order given.
"$P" -n 3 --explain "$D/latin/de-1.txt" "$D/latin/fr-1.txt" "$D/cyrillic/ru-1.txt" \
    "$D/cjk/zh-1.txt" tests/data/kim-shoigu/000_6cca315a64b0eb8e.txt >"$T/out" 2>"$T/err"
check "mixed corpus exits 0" [ $? -eq 0 ]
got=$(sed -n 's/^precis: .*: language \([a-z]*\)$/\1/p' "$T/err" | tr '\n' ' ')
check "mixed corpus languages '$got'" [ "$got" = "de fr ru zh en " ]
# --explain shortens long sentences at a character boundary: its output stays UTF-8.
"$P" -n 1 --explain "$D/cyrillic/ru-1.txt" "$D/cjk/ja-1.txt" >/dev/null 2>"$T/err"
check "--explain output is valid UTF-8" iconv -f UTF-8 -t UTF-8 "$T/err" -o /dev/null
# --lang overrides detection for every document, by code or name.
"$P" -n 1 --explain --lang French "$D/latin/de-1.txt" "$D/cyrillic/ru-1.txt" >/dev/null 2>"$T/err"
got=$(sed -n 's/^precis: .*: language \([a-z]*\)$/\1/p' "$T/err" | tr '\n' ' ')
check "--lang French applies to all ('$got')" [ "$got" = "fr fr " ]
"$P" --lang xx "$D/latin/de-1.txt" >"$T/out" 2>"$T/err"
check "--lang xx fails" [ $? -eq 1 -a ! -s "$T/out" ]
check "--lang xx points to --list-languages" grep -q "see --list-languages" "$T/err"

finish cli-lang
