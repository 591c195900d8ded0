#!/bin/sh
# Out of memory is exit status 3, as --help documents, in every command (precis rouge's files
# are refused by its 16 MiB limit first). Memory is made to run
# out with 'ulimit -v' and an input larger than the limit: a sparse file, so nothing is written.
# Sanitizer and valgrind builds reserve far more address space than any such limit; where the
# program cannot start under the limit at all, the checks are skipped (and say so).
# Usage: sh tests/cli_oom.sh [path/to/precis]      (run from the repository root)
P=${1:-build/precis}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
LIMIT_KB=300000
export OPENBLAS_NUM_THREADS=1 # OpenBLAS's thread pool does not start under a small limit

# limited ARGS...: runs precis under the limit, stdout to $T/out, stderr to $T/err, status in $rc
limited() {
    timeout 60 sh -c "ulimit -v $LIMIT_KB && exec \"\$0\" \"\$@\"" "$P" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# expect_oom NAME ARGS...: exit 3 and 'Cannot allocate memory' or 'out of memory' on stderr
expect_oom() {
    name=$1
    shift
    limited "$@"
    if [ "$rc" -eq 3 ] && grep -Eq 'Cannot allocate memory|out of memory' "$T/err"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $name: exit $rc, want 3; stderr: $(head -2 "$T/err")"
    fi
}

limited --version
if [ "$rc" -ne 0 ]; then
    echo "cli-oom: $P does not start under ulimit -v $LIMIT_KB (a sanitizer or valgrind build?): skipped"
    exit 0
fi
# Text in the first block (binary input, a NUL there, is refused before reading on), then a
# hole: 1 GB that reads as NUL bytes only past the first 64 KiB.
head -c 70000 /dev/zero | tr '\0' 'a' >"$T/huge.txt"
truncate -s 1G "$T/huge.txt" || exit 1
printf 'A reference sentence.\n' >"$T/ref.txt"
# precis rouge reads at most 16 MiB a file (README, "Hostile input"): refused from its size,
# before memory could run out.
expect_limit() {
    name=$1
    shift
    limited "$@"
    if [ "$rc" -eq 1 ] && grep -q 'input exceeds the size limit' "$T/err"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $name: exit $rc, want 1; stderr: $(head -2 "$T/err")"
    fi
}
expect_limit "precis rouge, a summary larger than memory" rouge --refs "$T/ref.txt" "$T/huge.txt"
expect_limit "precis rouge, a reference larger than memory" rouge --refs "$T/huge.txt" "$T/ref.txt"
expect_oom "precis, an input larger than memory" "$T/huge.txt"
expect_oom "precis split, an input larger than memory" split "$T/huge.txt"
# A batch line is text up to its end (a NUL byte is binary input, refused at once): 1 GB of
# letters through a FIFO, no newline.
mkfifo "$T/line" || exit 1
(head -c 1000000000 /dev/zero | tr '\0' a >"$T/line" 2>/dev/null &)
expect_oom "precis batch, a line larger than memory" batch "$T/line"

echo "cli-oom: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
