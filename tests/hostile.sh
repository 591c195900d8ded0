#!/bin/sh
# Hostile input, round two (issue 17): every reader bounded, every walk linear, every message
# one clean line, every write checked. One case per fault found, then cases of our own for each
# class. Each case is small or sparse (truncate) so that the script takes seconds; a case that
# bounds memory with 'ulimit -v' is skipped where the address space cannot be limited
# (sanitizer builds).
# Usage: sh tests/hostile.sh [path/to/precis]      (run from the repository root)
P=${1:-build/precis}
C=tests/data/kim-shoigu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/harness.sh"

# run ARGS...: precis with stdout in $T/out, stderr in $T/err, the status in $rc; never more
# than 20 s (a case that hangs fails instead of stopping the suite)
run() {
    timeout 20 "$P" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}
lines() { wc -l <"$1" | tr -d ' '; }
# err_is NAME STATUS PATTERN: the last run exited STATUS with one stderr line matching PATTERN
err_is() {
    check "$1: exit $2" [ "$rc" -eq "$2" ]
    check "$1: one line" [ "$(lines "$T/err")" -eq 1 ]
    check "$1: says why" grep -qE -- "$3" "$T/err"
}
# Whether memory can be bounded here (not under ASan/valgrind).
if (ulimit -v 400000 && "$P" --version) >/dev/null 2>&1; then LIMIT_VM=1; else LIMIT_VM=0; fi

printf 'The council met on Monday to discuss the budget. Members agreed on new rules for the\nparks. The mayor said the plan would save money. Critics said it came too late.\n' >"$T/doc.txt"
mkdir -p "$T/refs" "$T/sys"
printf 'The council agreed on new park rules.\n' >"$T/refs/a.1"
printf 'The council met to discuss the budget.\n' >"$T/sys/a.txt"

# ---- 1. precis rouge reads within a limit -------------------------------------------------
run rouge --refs "$T/refs" /dev/zero
err_is "rouge: /dev/zero as the summary" 1 '^precis: /dev/zero: binary data: control byte 0x00 at byte 0$'
run rouge --refs /dev/zero "$T/sys/a.txt"
err_is "rouge: /dev/zero as the reference" 1 '^precis: /dev/zero: binary data'
timeout 20 "$P" rouge --refs "$T/refs" - </dev/zero >"$T/out" 2>"$T/err"
rc=$?
err_is "rouge: /dev/zero on stdin" 1 '^precis: \(stdin\): binary data'
{ head -c 70000 "$T/doc.txt" ; yes 'Words and more words.' | head -c 70000; } >"$T/big.txt"
truncate -s 17M "$T/big.txt"
run rouge --refs "$T/refs" "$T/big.txt"
err_is "rouge: a 17 MiB summary" 1 'big.txt: input exceeds the size limit \(a summary or reference is at most 16 MiB\)$'

# ---- 2. a symlink DAG is walked once per directory ----------------------------------------
mkdir -p "$T/dag/d0"
cp "$T/doc.txt" "$T/dag/d0/doc.txt"
i=0
while [ $i -lt 24 ]; do # 24 levels of two links each: 2^24 paths to one file
    mkdir "$T/dag/d$((i + 1))"
    ln -s "../d$i" "$T/dag/d$((i + 1))/a"
    ln -s "../d$i" "$T/dag/d$((i + 1))/b"
    i=$((i + 1))
done
run -f json "$T/dag/d24"
check "symlink DAG: done in time, exit 0" [ "$rc" -eq 0 ]
check "symlink DAG: the file is one document" [ "$(grep -c '"date_source": ' "$T/out")" -eq 1 ]

# ---- 4. --max-bytes holds for all inputs together, before any is read ---------------------
mkfifo "$T/fifo"
for f in 1 2 3; do cp "$T/big.txt" "$T/part$f.txt"; truncate -s 5M "$T/part$f.txt"; done
# A FIFO without a writer blocks whoever opens it: it is opened only if the limit was not
# checked before reading.
run --max-bytes 12000000 "$T/part1.txt" "$T/part2.txt" "$T/part3.txt" "$T/fifo"
err_is "--max-bytes: the total, before reading" 1 'part3.txt: input exceeds the size limit \(see --max-bytes\)$'

# ---- 5. a stopword list that is not UTF-8 -------------------------------------------------
printf 'der\ndie\ngro\337\n' >"$T/latin1.txt"
run --stopwords "$T/latin1.txt" "$T/doc.txt"
err_is "--stopwords Latin-1" 1 'latin1.txt: invalid UTF-8 at byte 11 \(0xDF\)$'
printf '\377\376d\000e\000r\000\n\000' >"$T/utf16.txt"
run --stopwords "$T/utf16.txt" "$T/doc.txt"
err_is "--stopwords UTF-16" 1 'utf16.txt: UTF-16 or UTF-32 byte-order mark'
run --stopwords /dev/zero "$T/doc.txt"
err_is "--stopwords binary" 1 '^precis: /dev/zero: binary data'

# ---- 6. precis rouge refuses what is not UTF-8 text ----------------------------------------
printf 'The council\000 met.\n' >"$T/nul.txt"
run rouge --refs "$T/refs" "$T/nul.txt"
err_is "rouge: a summary with a NUL" 1 'nul.txt: binary data: control byte 0x00 at byte 11$'
printf '\376\377\000T\000h\000e' >"$T/u16.txt"
run rouge --refs "$T/u16.txt" "$T/sys/a.txt"
err_is "rouge: a UTF-16 reference" 1 'u16.txt: UTF-16 or UTF-32'
printf 'The caf\351 met.\n' >"$T/bad.txt"
run rouge --refs "$T/refs" "$T/bad.txt"
err_is "rouge: invalid UTF-8" 1 'bad.txt: invalid UTF-8 at byte 7 \(0xE9\)$'

# ---- 7. a summary without references -------------------------------------------------------
mkdir -p "$T/ds/sys" "$T/ds/refs"
printf 'The council met.\n' >"$T/ds/sys/a.txt"
printf 'The mayor spoke.\n' >"$T/ds/sys/typo_b.txt"
printf 'The council met on Monday.\n' >"$T/ds/refs/a.1"
run rouge --refs "$T/ds/refs" "$T/ds/sys"
err_is "rouge: a summary without references" 1 'typo_b.txt: a summary has no references in .* \(see --missing\)$'
run rouge --missing skip --refs "$T/ds/refs" "$T/ds/sys"
check "rouge --missing skip: scored" [ "$rc" -eq 0 ]
check "rouge --missing skip: said" grep -q 'typo_b.txt: warning: this summary has no references' "$T/err"

# ---- 8. precis batch bounds a line by the limit --------------------------------------------
good='{"id": "good", "documents": [{"name": "a", "text": "The council met on Monday. The mayor said the plan would save money. Critics said it came too late."}], "options": {"sentences": 1}}'
{ printf '{"id": "long", "documents": [{"name": "a", "text": "'; head -c 100000 /dev/zero | tr '\0' a; printf '"}]}\n%s\n' "$good"; } >"$T/long.jsonl"
timeout 20 "$P" batch --max-bytes 1000 "$T/long.jsonl" >"$T/out" 2>"$T/err"
rc=$?
check_rc_lines "batch: a long line is answered, the next one too" 0 2
check "batch: the long line's error" grep -q '"error":{"line":1,"message":"line 1: 100[0-9]* bytes, over the size limit of 1000' "$T/out"
check "batch: the next line's result" grep -q '"id":"good","result"' "$T/out"
if [ "$LIMIT_VM" = 1 ]; then
    # 600 MB without a newline under a 400 MB address space: kept bounded by --max-bytes
    head -c 600000000 /dev/zero | tr '\0' a | (ulimit -v 400000 && exec "$P" batch --max-bytes 1000) >"$T/out" 2>"$T/err"
    rc=$?
    check_rc_lines "batch: 600 MB without a newline in 400 MB" 0 1
    check "batch: 600 MB: over the limit" grep -q 'over the size limit of 1000' "$T/out"
fi

# JSON text holds no raw NUL byte: binary input is refused where the NUL is, not read to its end
timeout 20 "$P" batch </dev/zero >"$T/out" 2>"$T/err"
rc=$?
err_is "batch: /dev/zero" 1 '^precis: \(stdin\): binary data: control byte 0x00 at byte 0$'
printf '%s\n\000\n' "$good" >"$T/nul-late.jsonl"
run batch "$T/nul-late.jsonl"
check "batch: a raw NUL after a good line: exit 1" [ "$rc" -eq 1 ]
check "batch: the good line answered first" grep -q '"id":"good","result"' "$T/out"

# ---- 10. names and quoted input are escaped --------------------------------------------------
esc=$(printf '\033')
evil="$T/clear$esc[2J
next.txt"
printf 'binary\000' >"$evil"
run "$evil"
err_is "a name with ESC[2J and a newline" 1 'clear\\x1B\[2J\\nnext.txt: binary data'
check "no ESC byte reaches stderr" sh -c "! grep -q '$esc' '$T/err'"
run -n "$(printf '5\n6')" "$T/doc.txt"
check "a quoted value with a newline: exit 2" [ "$rc" -eq 2 ]
check "a quoted value with a newline: two lines (message, Try)" [ "$(lines "$T/err")" -eq 2 ]
run rouge --refs "$T/refs" "$evil"
err_is "rouge: an escaped name" 1 'clear\\x1B\[2J\\nnext.txt: binary data'
printf 'Good text here. More words follow now.\n' >"$evil"
run --explain -n 1 "$evil"
check "--explain: names escaped" sh -c "! grep -q '$esc' '$T/err' && grep -q 'clear.x1B.2J.nnext.txt: language' '$T/err'"

# ---- 11. every write checked, the help's too ---------------------------------------------
if [ -w /dev/full ]; then
    for args in --help --version --list-languages "rouge --help" "split --help" \
        "extract --help" "batch --help"; do
        # shellcheck disable=SC2086
        "$P" $args >/dev/full 2>"$T/err"
        rc=$?
        err_is "precis $args >/dev/full" 3 '^precis: standard output: No space left on device$'
    done
    "$P" rouge --refs "$T/refs" "$T/sys/a.txt" >/dev/full 2>"$T/err"
    rc=$?
    err_is "precis rouge >/dev/full" 3 '^precis: standard output: No space left'
fi

# ---- 12, 13. batch: a BOM, a NUL in a name ----------------------------------------------------
printf '\357\273\277%s\n' "$good" >"$T/bom.jsonl"
run batch "$T/bom.jsonl"
check "batch: a BOM is skipped" grep -q '"id":"good","result"' "$T/out"
printf '{"id": "nul", "documents": [{"name": "a\\u0000b", "text": "The council met on Monday."}]}\n' >"$T/nul.jsonl"
run batch "$T/nul.jsonl"
check "batch: a NUL in a name is refused" grep -q '"id":"nul","error":{"message":"documents\[0\]: the name holds a NUL' "$T/out"
printf '{"id": "nul-lang", "documents": [{"name": "a", "text": "The council met on Monday."}], "options": {"lang": "en\\u0000xx"}}\n' >"$T/nul2.jsonl"
run batch "$T/nul2.jsonl"
check "batch: a NUL in an option value is refused" grep -q '"message":"option .lang.: the value holds a NUL' "$T/out"

# ---- 14. one strict number parser ----------------------------------------------------------
for r in 5e-324 1e-310; do
    run -r "$r" "$T/doc.txt"
    check "-r $r (denormal, in (0, 1]) is accepted" [ "$rc" -eq 0 ]
done
for bad in ' 5' '5 ' '+ 5' '0x5' '5x' ''; do
    run -n "$bad" "$T/doc.txt"
    check "-n '$bad' is refused" [ "$rc" -eq 2 ]
done
for bad in ' 0.5' '0x1p-2' 'inf' 'nan' '0.5 ' '1e999'; do
    run -r "$bad" "$T/doc.txt"
    check "-r '$bad' is refused" [ "$rc" -eq 2 ]
done
for args in "extract --max-bytes" "split --max-bytes" "rouge --refs $T/refs -n" "rouge --refs $T/refs -p"; do
    # shellcheck disable=SC2086
    run $args ' 5' "$T/doc.txt"
    check "$args ' 5' is refused" [ "$rc" -eq 2 ]
done
printf '{"id": 1, "documents": [{"name": "a", "text": "The council met on Monday. The mayor spoke."}], "options": {"ratio": 5e-324}}\n' >"$T/denormal.jsonl"
run batch "$T/denormal.jsonl"
check "batch: a denormal ratio as a JSON number" grep -q '"id":1,"result"' "$T/out"
printf '{"id": 2, "documents": [{"name": "a", "text": "The council met on Monday."}], "options": {"sentences": " 5"}}\n' >"$T/space.jsonl"
run batch "$T/space.jsonl"
check "batch: a number with a leading space" grep -q '"id":2,"error"' "$T/out"

# ---- binary input is refused from the first block ------------------------------------------
truncate -s 1G "$T/zeros"
if [ "$LIMIT_VM" = 1 ]; then
    (ulimit -v 400000 && exec "$P" "$T/zeros") >"$T/out" 2>"$T/err"
    rc=$?
else
    run "$T/zeros"
fi
err_is "1 GB of NUL bytes, refused from the first block" 1 'zeros: binary data: control byte 0x00 at byte 0$'
rm -f "$T/zeros"

# ---- our own: every reader through the one reader -----------------------------------------
run --query-file /dev/zero "$T/doc.txt"
err_is "--query-file binary" 1 '^precis: /dev/zero: binary data'
printf 'park \351\n' >"$T/q.txt"
run --query-file "$T/q.txt" "$T/doc.txt"
err_is "--query-file not UTF-8" 1 'q.txt: invalid UTF-8 at byte 5'
run extract /dev/zero
err_is "extract: binary" 1 '^precis: /dev/zero: binary data'
timeout 20 "$P" - </dev/zero >"$T/out" 2>"$T/err"
rc=$?
err_is "stdin: /dev/zero" 1 '^precis: \(stdin\): binary data'
cp "$T/big.txt" "$T/sw.txt"
truncate -s 65M "$T/sw.txt"
run --stopwords "$T/sw.txt" "$T/doc.txt"
err_is "--stopwords over 64 MiB" 1 'sw.txt: input exceeds the size limit \(a stopword list is at most 64 MiB\)$'
run split --max-bytes 100 "$T/big.txt"
check "split: the size limit" [ "$rc" -eq 1 ]
# The same directory twice, and a file reached through a link and directly, are read once.
mkdir -p "$T/twice"
cp "$T/doc.txt" "$T/twice/a.txt"
ln -s a.txt "$T/twice/link.txt"
run -f json "$T/twice" "$T/twice"
check "a directory given twice, a file linked: one document" [ "$(grep -c '"date_source": ' "$T/out")" -eq 1 ]

finish hostile
