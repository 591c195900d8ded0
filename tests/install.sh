#!/bin/sh
# 'make install' into a scratch DESTDIR, then what a user of the installed copy does: a fresh C
# program built with 'pkg-config --cflags --libs precis' against the shared library (and once
# with --static against libprecis.a) must print what the precis command prints; the CLI's own
# sources must build and run against libprecis.so alone (so they use only the public API); the
# shared library must export exactly what precis.h declares; the man page must be installed,
# render without warnings and mention every flag of --help. 'make uninstall' must remove it all.
# Usage: sh tests/install.sh [BUILD]    (run from the repository root; CC, CFLAGS and LDFLAGS
# are used for the test programs, so that a sanitizer build tests with the same runtime)
# Prints one line per failure and a final "N passed, N failed".
B=${1:-build}
CC=${CC:-cc}
C=tests/data/kim-shoigu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/harness.sh"

D=$T/root
if ! make --no-print-directory BUILD="$B" install DESTDIR="$D" PREFIX=/usr >"$T/make.log" 2>&1
then
    cat "$T/make.log"
    bad "make install DESTDIR=$D PREFIX=/usr"
    finish install
fi
ok
U=$D/usr
VERSION=$("$B/precis" --version | sed -n 's/^precis //p')
# The soname's number is the ABI's (PRECIS_ABI in precis.h), not the version's first part.
MAJOR=$(sed -n 's/^#define PRECIS_ABI \([0-9]*\)$/\1/p' include/precis.h)

# ---- the files ------------------------------------------------------------------------------
for f in bin/precis lib/libprecis.a "lib/libprecis.so.$VERSION" include/precis.h \
    include/precis_rouge.h \
    lib/pkgconfig/precis.pc share/man/man1/precis.1; do
    check "installs $f" [ -f "$U/$f" ]
done
check "bin/precis is executable" [ -x "$U/bin/precis" ]
check "libprecis.so.$MAJOR -> libprecis.so.$VERSION" \
    [ "$(readlink "$U/lib/libprecis.so.$MAJOR")" = "libprecis.so.$VERSION" ]
check "libprecis.so -> libprecis.so.$MAJOR" \
    [ "$(readlink "$U/lib/libprecis.so")" = "libprecis.so.$MAJOR" ]
check "installed header is include/precis.h" cmp -s "$U/include/precis.h" include/precis.h
check "installed header is include/precis_rouge.h" cmp -s "$U/include/precis_rouge.h" \
    include/precis_rouge.h
check "precis.h declares nothing of ROUGE" sh -c "! $CC -E -P include/precis.h | grep -q precis_rouge"
check "soname libprecis.so.$MAJOR" \
    sh -c "objdump -p '$U/lib/libprecis.so.$VERSION' | grep -Eq 'SONAME +libprecis\.so\.$MAJOR\$'"
check "precis.pc has the version" grep -qx "Version: $VERSION" "$U/lib/pkgconfig/precis.pc"
check "precis.pc has the prefix" grep -qx "prefix=/usr" "$U/lib/pkgconfig/precis.pc"

# Exported symbols: exactly the functions the two public headers declare (comments stripped by
# cpp).
$CC -E -P -Iinclude include/precis.h include/precis_rouge.h | grep -o 'precis_[a-z0-9_]*[[:space:]]*(' | tr -d '( \t' |
    sort -u >"$T/declared"
nm -D --defined-only "$U/lib/libprecis.so.$VERSION" | awk '$2 == "T" || $2 == "D" || $2 == "R" \
    || $2 == "B" { print $3 }' | sort -u >"$T/exported"
check "precis.h declares functions" [ "$(wc -l <"$T/declared")" -gt 20 ]
if cmp -s "$T/declared" "$T/exported"; then ok; else
    bad "libprecis.so exports other than what precis.h declares: $(diff "$T/declared" \
        "$T/exported" | grep '^[<>]' | tr '\n' ' ')"
fi

# ---- the man page ---------------------------------------------------------------------------
if command -v groff >/dev/null; then
    check "man page renders without warnings" \
        sh -c "groff -man -Tascii -ww -z '$U/share/man/man1/precis.1' 2>&1 | grep -q . && exit 1 || exit 0"
    groff -man -Tascii "$U/share/man/man1/precis.1" 2>/dev/null | col -b >"$T/man.txt"
    for cmd in "" rouge; do
        # shellcheck disable=SC2086
        for flag in $("$B/precis" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
            check "man page documents precis $cmd $flag" grep -q -- "$flag" "$T/man.txt"
        done
    done
    check "man page has an EXIT STATUS section" grep -q '^EXIT STATUS' "$T/man.txt"
else
    bad "groff is not installed (Debian package groff-base): cannot check the man page"
fi

# ---- a program of a user's, built through pkg-config -----------------------------------------
# It summarizes the files it is given with the options a CLI invocation uses, prints the
# summary as the CLI does, checks sentences and supports for consistency, and checks that a
# bad document gives the documented status.
cat >"$T/prog.c" <<'EOF'
#include <precis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0, k;
    char *buf = malloc(cap);
    while (buf != NULL && (k = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap) {
            char *more = realloc(buf, cap *= 2);
            if (more == NULL)
                free(buf);
            buf = more;
        }
    fclose(f);
    *len = n;
    return buf;
}

/* prog WORDS FILE...: at most WORDS words (0: the default budget). */
int main(int argc, char **argv)
{
    if (strcmp(precis_version(), PRECIS_VERSION) != 0) {
        fprintf(stderr, "prog: library %s, header %s\n", precis_version(), PRECIS_VERSION);
        return 1;
    }
    precis_corpus *c = NULL;
    precis_summary *s = NULL;
    int rc = 1;
    precis_status st = precis_corpus_new(&c);
    if (st != PRECIS_OK)
        goto done;
    if (precis_corpus_add(c, "bad", "\xff", 1) != PRECIS_ERR_UTF8 ||
        strcmp(precis_strerror(PRECIS_ERR_UTF8), "") == 0 || precis_corpus_count(c) != 0) {
        fprintf(stderr, "prog: invalid UTF-8 was accepted\n");
        goto done;
    }
    for (int i = 2; i < argc; i++) {
        size_t len;
        char *data = slurp(argv[i], &len);
        if (data == NULL) {
            fprintf(stderr, "prog: %s: cannot read\n", argv[i]);
            goto done;
        }
        st = precis_corpus_add(c, argv[i], data, len);
        free(data);
        if (st != PRECIS_OK) {
            fprintf(stderr, "prog: %s: %s\n", argv[i], precis_strerror(st));
            goto done;
        }
    }
    precis_options opt;
    precis_options_init(&opt);
    if (atoi(argv[1]) > 0) {
        opt.budget_kind = PRECIS_BUDGET_WORDS;
        opt.budget = atoi(argv[1]);
    }
    if ((st = precis_summarize(c, &opt, &s)) != PRECIS_OK) {
        fprintf(stderr, "prog: %s\n", precis_strerror(st));
        goto done;
    }
    size_t supports = 0;
    for (size_t i = 0; i < precis_summary_count(s); i++) {
        const precis_sentence *p = precis_summary_sentence(s, i);
        if (p->doc >= precis_corpus_count(c) || p->score <= 0 || p->score > 1 ||
            strlen(p->text) != p->text_len) {
            fprintf(stderr, "prog: sentence %zu is inconsistent\n", i);
            goto done;
        }
        for (size_t k = 0; k < p->n_support; k++, supports++)
            if (p->support[k].doc >= precis_corpus_count(c) || p->support[k].similarity <= 0) {
                fprintf(stderr, "prog: support %zu of sentence %zu is inconsistent\n", k, i);
                goto done;
            }
        printf("%s\n", p->text);
    }
    fprintf(stderr, "%zu sentences, %zu supports\n", precis_summary_count(s), supports);
    rc = precis_summary_count(s) > 0 ? 0 : 1;
done:
    precis_summary_free(s);
    precis_corpus_free(c);
    return rc;
}
EOF

export PKG_CONFIG_PATH="$U/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
check "pkg-config knows precis $VERSION" [ "$(pkg-config --modversion precis)" = "$VERSION" ]
check "pkg-config --cflags points into the install" \
    sh -c "pkg-config --cflags precis | grep -q -- '-I$U/include'"

# Shared: linked against libprecis.so.MAJOR, found through LD_LIBRARY_PATH.
# shellcheck disable=SC2046,SC2086
if $CC -std=c11 -Wall -Wextra -Werror $CFLAGS -o "$T/prog" "$T/prog.c" \
    $(pkg-config --cflags --libs precis) $LDFLAGS 2>"$T/cc.err"; then
    ok
    check "prog needs libprecis.so.$MAJOR" \
        sh -c "objdump -p '$T/prog' | grep -Eq 'NEEDED +libprecis\.so\.$MAJOR\$'"
    "$B/precis" "$C" >"$T/cli.out"
    if LD_LIBRARY_PATH="$U/lib" "$T/prog" 0 "$C"/*.txt >"$T/prog.out" 2>"$T/prog.err"; then
        check "shared: same summary as the CLI" cmp -s "$T/prog.out" "$T/cli.out"
        check "shared: supports were read" grep -Eq '^[0-9]+ sentences, [0-9]+ supports$' \
            "$T/prog.err"
    else
        bad "shared: prog failed: $(cat "$T/prog.err")"
    fi
    "$B/precis" -w 80 "$C" >"$T/cli80.out"
    LD_LIBRARY_PATH="$U/lib" "$T/prog" 80 "$C"/*.txt >"$T/prog80.out" 2>/dev/null
    check "shared, 80 words: same summary as the CLI" cmp -s "$T/prog80.out" "$T/cli80.out"
else
    bad "build against the installed library failed: $(cat "$T/cc.err")"
fi

# Static: --static adds the private dependencies (Requires.private, Libs.private); taking
# libprecis.a instead of libprecis.so (-l:libprecis.a) proves they are complete.
libs=$(pkg-config --static --libs precis | sed 's/-lprecis\b/-l:libprecis.a/')
# shellcheck disable=SC2046,SC2086
if $CC -std=c11 -Wall -Wextra -Werror $CFLAGS -o "$T/prog-static" "$T/prog.c" \
    $(pkg-config --static --cflags precis) $libs $LDFLAGS 2>"$T/cc.err"; then
    ok
    check "static prog does not need libprecis.so" \
        sh -c "! objdump -p '$T/prog-static' | grep -q 'NEEDED.*libprecis'"
    "$T/prog-static" 0 "$C"/*.txt >"$T/static.out" 2>"$T/prog.err"
    check "static: same summary as the CLI" cmp -s "$T/static.out" "$T/cli.out"
else
    bad "static build against the installed library failed: $(cat "$T/cc.err")"
fi
# And wholly static (-static), as README shows; the sanitizers' runtimes cannot link so.
case "$CFLAGS $LDFLAGS" in
*-fsanitize*) ;;
*)
    # shellcheck disable=SC2046,SC2086
    if $CC -std=c11 $CFLAGS -static -o "$T/prog-full-static" "$T/prog.c" \
        $(pkg-config --static --cflags --libs precis) $LDFLAGS 2>"$T/cc.err"; then
        "$T/prog-full-static" 0 "$C"/*.txt >"$T/static.out" 2>"$T/prog.err"
        check "-static: same summary as the CLI" cmp -s "$T/static.out" "$T/cli.out"
    else
        bad "-static build against the installed library failed: $(tail -3 "$T/cc.err")"
    fi
    ;;
esac

# ---- the CLI against the public API alone ---------------------------------------------------
check "the CLI does not include internal.h" \
    sh -c "! grep -n 'include.*internal\.h' src/cli/*.c src/cli/*.h"
# shellcheck disable=SC2046,SC2086
if $CC -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $CFLAGS -o "$T/precis-shared" \
    src/cli/*.c $(pkg-config --cflags --libs precis jansson) -lm $LDFLAGS 2>"$T/cc.err"; then
    ok
    LD_LIBRARY_PATH="$U/lib" "$T/precis-shared" "$C" >"$T/shared-cli.out" 2>/dev/null
    check "CLI linked to libprecis.so: same summary" cmp -s "$T/shared-cli.out" "$T/cli.out"
else
    bad "the CLI does not link against libprecis.so alone: $(head -5 "$T/cc.err")"
fi
check "installed precis runs" sh -c "'$U/bin/precis' '$C' | cmp -s - '$T/cli.out'"

# ---- uninstall ------------------------------------------------------------------------------
make --no-print-directory BUILD="$B" uninstall DESTDIR="$D" PREFIX=/usr >"$T/make.log" 2>&1
check "make uninstall" [ $? -eq 0 ]
left=$(find "$D" ! -type d)
check "uninstall leaves no file behind${left:+: $left}" [ -z "$left" ]

finish install
